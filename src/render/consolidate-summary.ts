/**
 * What `consolidate` prints: notes on an earlier interrupted run, the period and the units'
 * completeness, each rejected unit with its first errors, each missing unit, the province's
 * figures, and the files written. A pure function of the report and of what was written.
 */
import type { FormsCatalogue } from '../core/catalogue.js';
import path from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { ConsolidatedReport } from '../core/consolidate.js';
import type { ListCounts } from '../core/list-compare.js';
import type { ContinuityInfo, PreviousNote } from '../core/continuity.js';
import { dmy, formatNumber } from '../core/dates-and-numbers.js';
import { findingMessage } from '../core/finding.js';
import type { Lang } from '../core/lang.js';
import type { OutputNote } from '../io/output-set.js';
import { outputNoteText, type OutputSetWords } from './output-notes.js';
import { escapeTerminal as esc } from './escape-terminal.js';
import { findingLocation, receiptLogLines } from './findings.js';
import { timelinessRest } from './reminders.js';

/** How the notes on an interrupted earlier run name the report set. */
const REPORT_SET: OutputSetWords = {
  vi: 'bộ báo cáo',
  en: 'the report',
  oldWhole: { vi: 'bộ báo cáo cũ vẫn nguyên vẹn', en: 'the old report was whole' },
};

/** What happened to the output folder, for the summary. */
export interface ConsolidateOutcome {
  /** The report files written (paths); none with `--strict` and units missing. */
  written: string[];
  /** `--strict` was given (then nothing written means the report was held back). */
  strict: boolean;
  /** What was found and mended from an earlier run in the folder. */
  notes: OutputNote[];
  /** Files of an earlier set removed (formats not written this time). */
  removed: string[];
  /** How the previous period's report was looked for in `--out` (none when given by --previous). */
  previous?: PreviousNote;
}

/** Up to this many missing units are listed a line each; more go into one wrapped list. */
const MISSING_ONE_PER_LINE = 10;

/** Items joined by ", " into lines of at most about 100 characters, each after `indent`. */
function wrapList(items: string[], indent: string): string[] {
  const out: string[] = [];
  let line = '';
  for (const [i, item] of items.entries()) {
    const piece = item + (i < items.length - 1 ? ',' : '');
    if (line !== '' && indent.length + line.length + 1 + piece.length > 100) {
      out.push(indent + line);
      line = piece;
    } else line = line === '' ? piece : `${line} ${piece}`;
  }
  if (line !== '') out.push(indent + line);
  return out;
}

const T = {
  vi: {
    head: (r: ConsolidatedReport) =>
      `Tổng hợp kỳ ${r.period} (${r.periodTitle})${r.dueBefore ? `, hạn nộp trước ngày ${dmy(r.dueBefore)}` : ''}`,
    units: (c: ConsolidatedReport['completeness'], lang: Lang) =>
      `Đơn vị: ${c.accepted}/${c.expected} đã tiếp nhận, ${c.rejected} bị loại, ${c.missing} chưa nộp (tỷ lệ báo cáo ${formatNumber(c.reportingRate, lang)}%, đúng hạn ${formatNumber(c.onTimeRate, lang)}%${timelinessRest(c, lang)})`,
    rejected: (name: string, n: number) => `${name}: bị loại, ${n} lỗi — không đưa vào tổng hợp`,
    missing: (name: string) => `${name}: chưa nộp báo cáo`,
    missingMany: (n: number) => `${n} đơn vị chưa nộp báo cáo:`,
    more: (n: number) => `… và ${n} lỗi khác (xem sheet "Kiểm tra dữ liệu")`,
    province: (name: string, p: string, pr: string, n: string, nr: string) =>
      `${name}: ${p} hộ nghèo (${pr}%), ${n} hộ cận nghèo (${nr}%)`,
    partial: (c: ConsolidatedReport['completeness']) =>
      ` — chỉ tính ${c.accepted}/${c.expected} đơn vị đã tiếp nhận`,
    noData: 'Chưa có đơn vị nào được tiếp nhận: chưa có số liệu toàn tỉnh.',
    written: 'Đã ghi',
    strict: 'Không ghi báo cáo (--strict): còn đơn vị bị loại hoặc chưa nộp.',
    unassigned: (n: number) => `${n} tệp không xác định được đơn vị (xem phần phát hiện)`,
    setAside: (n: number) =>
      `${n} mẫu biểu trống do povreport tạo được để riêng, không tính là báo cáo (blank-template)`,
    otherPeriod: (n: number, p: string) =>
      `${n} tệp là báo cáo của kỳ khác, không tính cho kỳ ${p}: đơn vị gửi chúng chưa nộp báo cáo kỳ này (period-mismatch)`,
    removed: (files: string[]) =>
      `Đã xóa ${files.join(', ')} của lần chạy trước: lần này không ghi định dạng đó, để khỏi lẫn số liệu cũ với mới.`,
    compared: (p: ContinuityInfo, found: boolean) =>
      `Số đầu kỳ đối chiếu với số cuối kỳ của báo cáo kỳ ${p.period} (${p.file}${found ? ', tìm thấy trong thư mục --out' : ''}): ${p.compared.length === 0 ? 'không đơn vị nào có số liệu ở cả hai kỳ' : `${p.compared.length} đơn vị, ${p.mismatches === 0 ? 'khớp hết' : `${p.mismatches} số liệu lệch (opening-mismatch)`}`}`,
    lists: (l: ListCounts) =>
      `Danh sách hộ: ${l.checked} đơn vị được đối chiếu với biểu tổng hợp, ${l.agreeing} khớp${l.uncompared > 0 ? `, ${l.uncompared} không đối chiếu được (danh sách không cho số nào của cả đơn vị mà biểu có)` : ''}${l.differing > 0 ? `, ${l.differing} lệch (list-summary-mismatch)` : ''}${l.partial > 0 ? `; ${l.partial} đơn vị có danh sách chưa đủ các xã (số của cả đơn vị chưa đối chiếu được; các xã có trong danh sách vẫn được đối chiếu từng xã)` : ''}.`,
    otherRegistry: (p: ContinuityInfo, registry: string) =>
      `Báo cáo kỳ trước ${p.file} (kỳ ${p.period}) là của danh mục ${p.registry ?? '?'}, khác danh mục ${registry} của kỳ này: đơn vị khác nhau, số đầu kỳ không được đối chiếu theo mã.`,
    previous: (n: PreviousNote) =>
      n.kind === 'none-found'
        ? `Không có báo cáo kỳ trước (không thấy ${n.file}): số đầu kỳ chưa được đối chiếu với số cuối kỳ ${n.expected}; chỉ báo cáo kỳ ${n.expected} bằng --previous TỆP.`
        : n.kind === 'wrong-period'
          ? `Không dùng ${n.file}: đó là báo cáo kỳ ${n.period}, không phải kỳ ${n.expected}; số đầu kỳ chưa được đối chiếu.`
          : n.kind === 'unreadable'
            ? `Không dùng báo cáo kỳ trước tìm thấy trong --out: ${n.reason.vi}`
            : '',
  },
  en: {
    head: (r: ConsolidatedReport) =>
      `Consolidation of ${r.period} (${r.periodTitle})${r.dueBefore ? `, due before ${r.dueBefore}` : ''}`,
    units: (c: ConsolidatedReport['completeness'], lang: Lang) =>
      `Units: ${c.accepted}/${c.expected} accepted, ${c.rejected} rejected, ${c.missing} missing (reporting rate ${formatNumber(c.reportingRate, lang)}%, on time ${formatNumber(c.onTimeRate, lang)}%${timelinessRest(c, lang)})`,
    rejected: (name: string, n: number) =>
      `${name}: rejected, ${n} error${n === 1 ? '' : 's'} — left out of the totals`,
    missing: (name: string) => `${name}: no report received`,
    missingMany: (n: number) => `${n} units have sent no report:`,
    more: (n: number) => `… and ${n} more errors (see the "Kiểm tra dữ liệu" sheet)`,
    province: (name: string, p: string, pr: string, n: string, nr: string) =>
      `${name}: ${p} poor households (${pr}%), ${n} near-poor (${nr}%)`,
    partial: (c: ConsolidatedReport['completeness']) =>
      ` — only the ${c.accepted} of ${c.expected} units accepted`,
    noData: 'No unit accepted yet: no province figures.',
    written: 'Written',
    strict: 'No report written (--strict): some units are rejected or missing.',
    unassigned: (n: number) => `${n} files whose unit could not be identified (see the findings)`,
    setAside: (n: number) =>
      `${n} blank form${n === 1 ? '' : 's'} made by povreport set aside, not counted as reports (blank-template)`,
    otherPeriod: (n: number, p: string) =>
      `${n} file${n === 1 ? ' is' : 's are'} another period's report${n === 1 ? '' : 's'}, not counted for ${p}: the units that sent them have not sent this period's (period-mismatch)`,
    removed: (files: string[]) =>
      `Removed ${files.join(', ')} of an earlier run: not written this time, so that old and new figures do not mix.`,
    compared: (p: ContinuityInfo, found: boolean) =>
      `Opening figures set against the closing figures of the ${p.period} report (${p.file}${found ? ', found in the --out folder' : ''}): ${p.compared.length === 0 ? 'no unit has figures in both periods' : `${p.compared.length} unit${p.compared.length === 1 ? '' : 's'}, ${p.mismatches === 0 ? 'all equal' : `${p.mismatches} figure${p.mismatches === 1 ? '' : 's'} differ (opening-mismatch)`}`}`,
    lists: (l: ListCounts) =>
      `Household lists: ${l.checked} unit${l.checked === 1 ? '' : 's'} compared with the summary forms, ${l.agreeing} agree${l.uncompared > 0 ? `, ${l.uncompared} not comparable (the lists give none of the unit's figures the forms give)` : ''}${l.differing > 0 ? `, ${l.differing} differ (list-summary-mismatch)` : ''}${l.partial > 0 ? `; ${l.partial} unit${l.partial === 1 ? '' : 's'} with lists of only some communes (the unit's own figures not compared; the communes listed are compared one by one)` : ''}.`,
    otherRegistry: (p: ContinuityInfo, registry: string) =>
      `The previous report ${p.file} (${p.period}) is of the registry ${p.registry ?? '?'}, not this period's ${registry}: other units, so the opening figures were not compared by code.`,
    previous: (n: PreviousNote) =>
      n.kind === 'none-found'
        ? `No previous report (${n.file} not found): the opening figures were not set against the closing figures of ${n.expected}; give the ${n.expected} report with --previous FILE.`
        : n.kind === 'wrong-period'
          ? `Not used: ${n.file} is the report of ${n.period}, not of ${n.expected}; the opening figures were not compared.`
          : n.kind === 'unreadable'
            ? `The previous report found in --out was not used: ${n.reason.en}`
            : '',
  },
} as const;

/** The terminal summary of a consolidation, in `lang`, coloured by `c`. */
export function renderConsolidateSummary(
  r: ConsolidatedReport,
  outcome: ConsolidateOutcome,
  roles: FormsCatalogue['roles'],
  lang: Lang,
  c: ChalkInstance,
): string {
  const t = T[lang];
  const { written } = outcome;
  // Names, file names and the cell texts quoted in messages are data: escaped before colouring.
  const lines = outcome.notes.map((n) => c.yellow(esc(outputNoteText(n, lang, REPORT_SET))));
  lines.push(c.bold(esc(t.head(r))), t.units(r.completeness, lang));
  if (r.previous)
    lines.push(
      esc(
        r.previous.comparable
          ? t.compared(r.previous, outcome.previous?.kind === 'found')
          : t.otherRegistry(r.previous, r.registry),
      ),
    );
  else if (outcome.previous && outcome.previous.kind !== 'found')
    lines.push(c.yellow(esc(t.previous(outcome.previous))));
  if (r.lists) lines.push(t.lists(r.lists));
  // A few missing units a line each; many (a province of communes) as one wrapped list.
  const missing = r.units.filter((u) => u.status === 'missing');
  if (missing.length > MISSING_ONE_PER_LINE) {
    lines.push(`  ${c.yellow('○')} ${t.missingMany(missing.length)}`);
    lines.push(
      ...wrapList(
        missing.map((u) => esc(`${u.name} (${u.code})`)),
        '      ',
      ),
    );
  }
  for (const u of r.units) {
    const name = esc(`${u.name} (${u.code})`);
    if (u.status === 'missing' && missing.length <= MISSING_ONE_PER_LINE)
      lines.push(`  ${c.yellow('○')} ${t.missing(name)}`);
    if (u.status !== 'rejected') continue;
    lines.push(`  ${c.red('✖')} ${t.rejected(name, u.errors)}`);
    const errors = u.findings.filter((f) => f.severity === 'error');
    for (const f of errors.slice(0, 3))
      lines.push(
        `      ${esc(`${path.basename(f.file)} ${findingLocation(f)}  ${f.code}  ${findingMessage(f, lang)}`)}`,
      );
    if (errors.length > 3) lines.push(`      ${t.more(errors.length - 3)}`);
  }
  lines.push(...receiptLogLines(r.findings, lang, c));
  if (r.unassigned.length > 0)
    lines.push(`  ${c.yellow('?')} ${t.unassigned(r.unassigned.length)}`);
  if (r.setAside.length > 0) lines.push(`  ${c.dim('·')} ${t.setAside(r.setAside.length)}`);
  if (r.otherPeriod.length > 0)
    lines.push(`  ${c.dim('·')} ${t.otherPeriod(r.otherPeriod.length, r.period)}`);
  const n = (v: number | null | undefined): string =>
    v === null || v === undefined ? '—' : formatNumber(v, lang);
  if (r.completeness.accepted > 0)
    lines.push(
      c.bold(
        esc(
          t.province(
            r.province.name,
            n(r.total[roles.poor]),
            n(r.total[roles.poorRate]),
            n(r.total[roles.nearPoor]),
            n(r.total[roles.nearPoorRate]),
          ) + (r.completeness.accepted < r.completeness.expected ? t.partial(r.completeness) : ''),
        ),
      ),
    );
  else lines.push(t.noData);
  if (written.length > 0) lines.push(`${t.written}: ${esc(written.join(', '))}`);
  else if (outcome.strict) lines.push(c.red(t.strict));
  if (outcome.removed.length > 0) lines.push(esc(t.removed(outcome.removed)));
  return `${lines.join('\n')}\n`;
}
