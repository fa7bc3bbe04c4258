/**
 * What `trend` prints: the periods, the province's rates and its reduction per year against the
 * target, how many units met theirs, the units without figures in a period, what the regrouping
 * across a reform could give, and the files written. A pure function of the table.
 */
import type { ChalkInstance } from 'chalk';
import { formatNumber } from '../core/dates-and-numbers.js';
import type { Lang } from '../core/lang.js';
import type { TrendRow, TrendTable } from '../core/trend.js';
import type { OutputNote } from '../io/output-set.js';
import { escapeTerminal as esc } from './escape-terminal.js';
import { reformNote } from './trend-table.js';
import { outputNoteText, type OutputSetWords } from './output-notes.js';

/** How the trend's notes on an interrupted earlier run name its files. */
const TREND_FILES: OutputSetWords = { vi: 'bộ tệp', en: 'its files' };

const MAX_LISTED = 10;

const T = {
  vi: {
    head: (t: TrendTable) =>
      `Bảng xu hướng ${t.periods.join(' → ')}: ${t.rows.length} đơn vị (danh mục ${t.registry}, chỉ tiêu theo kế hoạch ${t.plan})`,
    rates: (name: string, list: string) => `${name}: tỷ lệ hộ nghèo ${list}`,
    reduction: (perYear: string, from: string, target: string | null, met: boolean | null) =>
      `  giảm bình quân ${perYear} điểm %/năm tính từ ${from}${target === null ? ' (kế hoạch không có chỉ tiêu)' : `; chỉ tiêu ${target} điểm %/năm: ${met ? 'đạt' : 'chưa đạt'}`}`,
    noReduction: '  chưa tính được mức giảm (thiếu số liệu)',
    met: (met: number, all: number, not: number) =>
      `Đơn vị đạt chỉ tiêu: ${met}/${all}; chưa đạt: ${not}; không tính được: ${all - met - not}`,
    gaps: (name: string, list: string) => `  ○ ${name}: không có số liệu kỳ ${list}`,
    more: (n: number) => `  … và ${n} đơn vị khác (xem cột Ghi chú)`,
    regrouped: (p: string, given: number, all: number, districtOnly: number) =>
      `Kỳ ${p}: ${given}/${all} đơn vị mới cộng lại được từ xã cũ; ${districtOnly} đơn vị chỉ có số liệu cấp huyện (không chia)`,
    written: 'Đã ghi',
  },
  en: {
    head: (t: TrendTable) =>
      `Trend ${t.periods.join(' → ')}: ${t.rows.length} units (registry ${t.registry}, targets of plan ${t.plan})`,
    rates: (name: string, list: string) => `${name}: poor rate ${list}`,
    reduction: (perYear: string, from: string, target: string | null, met: boolean | null) =>
      `  reduced ${perYear} points a year since ${from}${target === null ? ' (no target in the plan)' : `; target ${target} points a year: ${met ? 'met' : 'not met'}`}`,
    noReduction: '  no reduction can be computed (figures missing)',
    met: (met: number, all: number, not: number) =>
      `Units meeting their target: ${met}/${all}; not met: ${not}; cannot tell: ${all - met - not}`,
    gaps: (name: string, list: string) => `  ○ ${name}: no figures for ${list}`,
    more: (n: number) => `  … and ${n} more units (see the Notes column)`,
    regrouped: (p: string, given: number, all: number, districtOnly: number) =>
      `${p}: ${given}/${all} new units regrouped from old communes; ${districtOnly} known only at district level (not split)`,
    written: 'Written',
  },
} as const;

/** The terminal summary of a trend, in `lang`, coloured by `c`. */
export function renderTrendSummary(
  table: TrendTable,
  outcome: { written: string[]; notes: OutputNote[] },
  lang: Lang,
  c: ChalkInstance,
): string {
  const t = T[lang];
  const n = (v: number | null): string => (v === null ? '—' : formatNumber(v, lang));
  const lines = outcome.notes.map((x) => c.yellow(esc(outputNoteText(x, lang, TREND_FILES))));
  lines.push(c.bold(esc(t.head(table))));
  const note = reformNote(table, lang);
  if (note) lines.push(esc(note));
  const describe = (row: TrendRow, name: string): void => {
    const list = row.cells.map((x) => `${n(x.poorRate)}% (${x.period})`).join(', ');
    lines.push(c.bold(esc(t.rates(name, list))));
    lines.push(
      row.overall
        ? esc(
            t.reduction(
              n(row.overall.perYear),
              row.overall.from,
              row.target === null ? null : n(row.target),
              row.met,
            ),
          )
        : t.noReduction,
    );
  };
  describe(table.province, table.province.name);
  for (const f of table.former) describe(f, f.name);
  const met = table.rows.filter((r) => r.met === true).length;
  const not = table.rows.filter((r) => r.met === false).length;
  lines.push(t.met(met, table.rows.length, not));
  if (table.reform)
    table.periods.forEach((p, i) => {
      const cells = table.rows.map((r) => r.cells[i]);
      if (!cells.some((x) => x?.regrouped)) return;
      const given = cells.filter((x) => x?.status === 'given').length;
      const districtOnly = cells.filter((x) =>
        x?.reasons?.some((r) => r.kind === 'district-only'),
      ).length;
      const covered = cells.filter((x) => x?.status !== 'not-covered').length;
      lines.push(esc(t.regrouped(p, given, covered, districtOnly)));
    });
  // Units of the rows' own registry without figures in a period (rejected or missing).
  const gaps = table.rows.filter((r) =>
    r.cells.some((x) => x.status === 'rejected' || x.status === 'missing'),
  );
  for (const r of gaps.slice(0, MAX_LISTED))
    lines.push(
      c.yellow(
        esc(
          t.gaps(
            `${r.name} (${r.code})`,
            r.cells
              .filter((x) => x.status === 'rejected' || x.status === 'missing')
              .map((x) => x.period)
              .join(', '),
          ),
        ),
      ),
    );
  if (gaps.length > MAX_LISTED) lines.push(t.more(gaps.length - MAX_LISTED));
  if (outcome.written.length > 0) lines.push(`${t.written}: ${esc(outcome.written.join(', '))}`);
  return `${lines.join('\n')}\n`;
}
