/**
 * `povreport consolidate <paths...> --period P`: the provincial report the Department signs,
 * in xlsx, json and csv, with every unit accepted, rejected (with its findings) or missing.
 */
import path from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { ConsolidatedReport } from '../core/consolidate.js';
import { safeFileNamePart } from '../core/file-name.js';
import { findingMessage } from '../core/finding.js';
import { type Lang } from '../core/lang.js';
import { dmy, formatNumber } from '../core/dates-and-numbers.js';
import { checkOutFolder, checkOutputsAreNotInputs } from '../io/out-folder.js';
import { openOutputFolder, type OutputFile, type OutputNote } from '../io/output-set.js';
import { expandPathsAllowEmpty } from '../io/walk.js';
import { renderReportXlsx } from '../render/report-xlsx.js';
import { reportToCsv } from '../render/report-csv.js';
import { reportToJson } from '../render/report-json.js';
import { escapeTerminal as esc } from '../render/escape-terminal.js';
import { findingLocation } from '../render/findings.js';
import { EXIT, type ExitCode } from './validate.js';

export { REPORT_FORMATS, type ReportFormat } from './choices.js';
import { REPORT_FORMATS, type ReportFormat } from './choices.js';
import { consolidateFiles, loadSetup } from './pipeline.js';

/** Options of `consolidate`. */
export interface ConsolidateCommandOptions {
  paths: string[];
  period: string;
  out: string;
  formats: ReportFormat[];
  plan?: string;
  registry?: string;
  /** The data folder (`--data`, env POVREPORT_DATA); default the shipped `templates/`. */
  data?: string;
  /** The teaching file (`--map`); default `povreport-map.json` in the current folder. */
  map?: string;
  strict: boolean;
  json: boolean;
  lang: Lang;
  chalk: ChalkInstance;
  write: (s: string) => void;
  /** The time the report is made. */
  now: Date;
}

/** The base name of the report files of a period (one file in `--out`, whatever the text). */
export function reportBaseName(period: string): string {
  return `tong-hop-${safeFileNamePart(period)}`;
}

/** Runs `consolidate`; returns the exit code. */
export async function consolidate(opts: ConsolidateCommandOptions): Promise<ExitCode> {
  // The output folder is checked before anything is read, and held (locked) while the set is made.
  await checkOutFolder(opts.out, opts.paths, opts.lang);
  const setup = await loadSetup(opts);
  const { cat } = setup;
  const files = await expandPathsAllowEmpty(opts.paths);
  const base = reportBaseName(opts.period);
  // Every format's name, asked for or not: a file of an older set is replaced or removed.
  const names = REPORT_FORMATS.map((f) => `${base}.${f}`);
  await checkOutputsAreNotInputs(
    names.map((n) => path.join(opts.out, n)),
    files,
    opts.lang,
  );
  const folder = await openOutputFolder(opts.out, {
    lang: opts.lang,
    command: `consolidate ${opts.period}`,
  });
  try {
    const report = await consolidateFiles(setup, files, opts);
    const complete = report.completeness.accepted === report.completeness.expected;

    const written: string[] = [];
    let removed: string[] = [];
    if (!(opts.strict && !complete)) {
      const set: OutputFile[] = [];
      for (const format of opts.formats) {
        const name = `${base}.${format}`;
        if (format === 'json')
          set.push({ name, data: `${JSON.stringify(reportToJson(report, opts.lang), null, 2)}\n` });
        else if (format === 'csv') set.push({ name, data: reportToCsv(report, cat.forms) });
        else
          set.push({
            name,
            data: await renderReportXlsx(
              report,
              { forms: cat.forms, registry: cat.registry },
              { lang: opts.lang, now: opts.now },
            ),
          });
      }
      removed = folder.writeSet(set, names);
      written.push(...set.map((f) => path.join(opts.out, f.name)));
    }

    if (opts.json) opts.write(`${JSON.stringify(reportToJson(report, opts.lang), null, 2)}\n`);
    else opts.write(renderSummary(report, written, opts, { notes: folder.notes, removed }));
    return complete ? EXIT.ok : EXIT.findings;
  } finally {
    folder.close();
  }
}

const T = {
  vi: {
    head: (r: ConsolidatedReport) =>
      `Tổng hợp kỳ ${r.period} (${r.periodTitle})${r.dueBefore ? `, hạn nộp trước ngày ${dmy(r.dueBefore)}` : ''}`,
    units: (c: ConsolidatedReport['completeness'], lang: Lang) =>
      `Đơn vị: ${c.accepted}/${c.expected} đã tiếp nhận, ${c.rejected} bị loại, ${c.missing} chưa nộp (tỷ lệ báo cáo ${formatNumber(c.reportingRate, lang)}%, đúng hạn ${formatNumber(c.onTimeRate, lang)}%)`,
    rejected: (name: string, n: number) => `${name}: bị loại, ${n} lỗi — không đưa vào tổng hợp`,
    missing: (name: string) => `${name}: chưa nộp báo cáo`,
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
    note: (n: OutputNote) =>
      n.kind === 'stale-lock'
        ? `Lần chạy trước (tiến trình ${n.pid}, bắt đầu lúc ${n.startedAt}) đã dừng giữa chừng; đã gỡ khóa thư mục của nó.`
        : n.kind === 'finished-swap'
          ? `Lần chạy trước bị ngắt khi đang thay bộ báo cáo; đã hoàn tất việc thay: ${n.files.join(', ')}.`
          : 'Đã xóa các tệp tạm dở dang của một lần chạy trước bị ngắt; bộ báo cáo cũ vẫn nguyên vẹn.',
    removed: (files: string[]) =>
      `Đã xóa ${files.join(', ')} của lần chạy trước: lần này không ghi định dạng đó, để khỏi lẫn số liệu cũ với mới.`,
  },
  en: {
    head: (r: ConsolidatedReport) =>
      `Consolidation of ${r.period} (${r.periodTitle})${r.dueBefore ? `, due before ${r.dueBefore}` : ''}`,
    units: (c: ConsolidatedReport['completeness'], lang: Lang) =>
      `Units: ${c.accepted}/${c.expected} accepted, ${c.rejected} rejected, ${c.missing} missing (reporting rate ${formatNumber(c.reportingRate, lang)}%, on time ${formatNumber(c.onTimeRate, lang)}%)`,
    rejected: (name: string, n: number) =>
      `${name}: rejected, ${n} error${n === 1 ? '' : 's'} — left out of the totals`,
    missing: (name: string) => `${name}: no report received`,
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
    note: (n: OutputNote) =>
      n.kind === 'stale-lock'
        ? `An earlier run (process ${n.pid}, started ${n.startedAt}) stopped before finishing; its lock on the folder was removed.`
        : n.kind === 'finished-swap'
          ? `An earlier run was stopped while replacing the report; the replacement was completed: ${n.files.join(', ')}.`
          : 'Removed the unfinished temporary files of an earlier, interrupted run; the old report was whole.',
    removed: (files: string[]) =>
      `Removed ${files.join(', ')} of an earlier run: not written this time, so that old and new figures do not mix.`,
  },
} as const;

function renderSummary(
  r: ConsolidatedReport,
  written: string[],
  opts: ConsolidateCommandOptions,
  folder: { notes: OutputNote[]; removed: string[] },
): string {
  const t = T[opts.lang];
  const c = opts.chalk;
  // Names, file names and the cell texts quoted in messages are data: escaped before colouring.
  const lines = folder.notes.map((n) => c.yellow(esc(t.note(n))));
  lines.push(c.bold(esc(t.head(r))), t.units(r.completeness, opts.lang));
  for (const u of r.units) {
    const name = esc(`${u.name} (${u.code})`);
    if (u.status === 'missing') lines.push(`  ${c.yellow('○')} ${t.missing(name)}`);
    if (u.status !== 'rejected') continue;
    lines.push(`  ${c.red('✖')} ${t.rejected(name, u.errors)}`);
    const errors = u.findings.filter((f) => f.severity === 'error');
    for (const f of errors.slice(0, 3))
      lines.push(
        `      ${esc(`${path.basename(f.file)} ${findingLocation(f)}  ${f.code}  ${findingMessage(f, opts.lang)}`)}`,
      );
    if (errors.length > 3) lines.push(`      ${t.more(errors.length - 3)}`);
  }
  if (r.unassigned.length > 0)
    lines.push(`  ${c.yellow('?')} ${t.unassigned(r.unassigned.length)}`);
  if (r.setAside.length > 0) lines.push(`  ${c.dim('·')} ${t.setAside(r.setAside.length)}`);
  const n = (v: number | null | undefined): string =>
    v === null || v === undefined ? '—' : formatNumber(v, opts.lang);
  if (r.completeness.accepted > 0)
    lines.push(
      c.bold(
        esc(
          t.province(
            r.province.name,
            n(r.total.poor),
            n(r.total.poor_rate),
            n(r.total.near_poor),
            n(r.total.near_poor_rate),
          ) + (r.completeness.accepted < r.completeness.expected ? t.partial(r.completeness) : ''),
        ),
      ),
    );
  else lines.push(t.noData);
  if (written.length > 0) lines.push(`${t.written}: ${esc(written.join(', '))}`);
  else if (opts.strict) lines.push(c.red(t.strict));
  if (folder.removed.length > 0) lines.push(esc(t.removed(folder.removed)));
  return `${lines.join('\n')}\n`;
}
