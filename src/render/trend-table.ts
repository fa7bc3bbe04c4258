/**
 * The trend table as a grid of headings and cells, in one language: the one layout both the xlsx
 * and the CSV are written from, so the two files always say the same. A cell is a number, a text,
 * or empty; a figure that is not known is "—" with the reason in the notes, never a zero.
 */
import { dmy, formatNumber } from '../core/dates-and-numbers.js';
import type { Lang } from '../core/lang.js';
import type { RegroupReason } from '../core/regroup.js';
import type { CellStatus, TrendCell, TrendRow, TrendTable } from '../core/trend.js';

/** What a column holds, for the number format of the workbook. */
export type TrendColumnKind = 'text' | 'rate' | 'count' | 'points';

/** The grid of the trend table. */
export interface TrendGrid {
  title: string;
  headings: string[];
  kinds: TrendColumnKind[];
  rows: (string | number | null)[][];
  /** The index in `rows` of the province line and the former provinces' lines. */
  provinceRows: number[];
}

/** Shown instead of a figure not known. */
export const NOT_KNOWN = '—';

const T = {
  vi: {
    title: (t: TrendTable) =>
      `TỶ LỆ HỘ NGHÈO, HỘ CẬN NGHÈO QUA CÁC KỲ ${t.periods[0] ?? ''} – ${t.periods[t.periods.length - 1] ?? ''}`,
    code: 'Mã',
    unit: 'Đơn vị',
    poorRate: (p: string) => `Tỷ lệ hộ nghèo ${p} (%)`,
    nearPoorRate: (p: string) => `Tỷ lệ hộ cận nghèo ${p} (%)`,
    baselineRate: 'Tỷ lệ hộ nghèo đầu kỳ kế hoạch (%)',
    baselineAsOf: 'Đầu kỳ kế hoạch (ngày)',
    baselinePoor: (p: string) => `Số hộ nghèo đầu kỳ ${p}`,
    poorChange: 'Số hộ nghèo tăng (+) / giảm (−) đến kỳ cuối',
    from: 'Giảm bình quân tính từ',
    perYear: 'Giảm bình quân (điểm %/năm)',
    annual: (p: string) => `Giảm năm ${p} (điểm %)`,
    target: (plan: string) => `Chỉ tiêu giảm (điểm %/năm, kế hoạch ${plan})`,
    met: 'Đạt chỉ tiêu',
    notes: 'Ghi chú',
    yes: 'Đạt',
    no: 'Chưa đạt',
    status: {
      given: '',
      partial: 'số toàn tỉnh chỉ gồm các đơn vị đã tiếp nhận, không tính mức giảm',
      rejected: 'đơn vị bị loại trong kỳ, không có số liệu',
      missing: 'đơn vị chưa nộp trong kỳ, không có số liệu',
      'not-given': 'không cộng lại được theo đơn vị mới',
      'not-covered': 'không có báo cáo nào bao gồm đơn vị này',
    } satisfies Record<CellStatus, string>,
    reason: (r: RegroupReason): string =>
      r.kind === 'district-not-accepted'
        ? `${r.districtName} ${r.status === 'rejected' ? 'bị loại' : 'chưa nộp'}`
        : r.kind === 'district-only'
          ? `chỉ có số liệu cấp huyện (${r.districtName}) cho ${r.communes.join(', ')}: không chia số liệu huyện cho xã`
          : r.kind === 'unplaced'
            ? `${r.districtName} có ${r.communes.join(', ')} không xác định được thuộc đơn vị mới nào (sáp nhập trước năm 2025 vào xã chưa rõ, hoặc tên xã không khớp danh mục)`
            : `gồm xã của ${r.provinces.join(', ')}, không có báo cáo`,
    from_: (list: string) => `Gồm các xã cũ: ${list}`,
    illustrative: 'chỉ tiêu minh họa, chưa phải số công bố',
    former: (name: string, effective: string) => `${name} (trước ngày ${dmy(effective)})`,
    reform: (effective: string, id: string) =>
      `Các kỳ trước ngày ${dmy(effective)}: cộng số liệu của các xã cũ theo đơn vị mới (${id}); số liệu chỉ có ở cấp huyện không được chia cho xã.`,
  },
  en: {
    title: (t: TrendTable) =>
      `POOR AND NEAR-POOR HOUSEHOLD RATES BY PERIOD ${t.periods[0] ?? ''} – ${t.periods[t.periods.length - 1] ?? ''}`,
    code: 'Code',
    unit: 'Unit',
    poorRate: (p: string) => `Poor rate ${p} (%)`,
    nearPoorRate: (p: string) => `Near-poor rate ${p} (%)`,
    baselineRate: 'Plan baseline poor rate (%)',
    baselineAsOf: 'Plan baseline as of',
    baselinePoor: (p: string) => `Poor households at the start of ${p}`,
    poorChange: 'Change in poor households to the last period',
    from: 'Reduction per year from',
    perYear: 'Reduction per year (points)',
    annual: (p: string) => `Reduction in ${p} (points)`,
    target: (plan: string) => `Target reduction (points per year, plan ${plan})`,
    met: 'Target met',
    notes: 'Notes',
    yes: 'met',
    no: 'not met',
    status: {
      given: '',
      partial: 'the province figure covers the accepted units only; no reduction computed',
      rejected: 'unit rejected in the period, no figures',
      missing: 'unit did not report in the period, no figures',
      'not-given': 'cannot be regrouped into the new unit',
      'not-covered': 'no report covers this unit',
    } satisfies Record<CellStatus, string>,
    reason: (r: RegroupReason): string =>
      r.kind === 'district-not-accepted'
        ? `${r.districtName} ${r.status === 'rejected' ? 'rejected' : 'did not report'}`
        : r.kind === 'district-only'
          ? `only the district total is known (${r.districtName}) for ${r.communes.join(', ')}: a district total is not split among communes`
          : r.kind === 'unplaced'
            ? `${r.districtName} lists ${r.communes.join(', ')}, whose new unit is not known (merged before 2025 into a commune not known, or not matched to the registry)`
            : `includes communes of ${r.provinces.join(', ')}, for which there is no report`,
    from_: (list: string) => `Made of the old communes: ${list}`,
    illustrative: 'illustrative target, not a published figure',
    former: (name: string, effective: string) => `${name} (before ${effective})`,
    reform: (effective: string, id: string) =>
      `Periods before ${effective}: old communes' figures summed into the new units (${id}); figures known only at district level are not split among communes.`,
  },
} as const;

/** The reform's note (for the sheet and the terminal), or null without a reform. */
export function reformNote(t: TrendTable, lang: Lang): string | null {
  return t.reform ? T[lang].reform(t.reform.effective, t.reform.id) : null;
}

/** The notes of a row: each period not given and why, the old communes, an illustrative target. */
export function rowNotes(row: TrendRow, lang: Lang, from?: string): string {
  const t = T[lang];
  const notes: string[] = [];
  for (const c of row.cells) {
    if (c.status === 'given') continue;
    const why = (c.reasons ?? []).map(t.reason);
    notes.push(`${c.period}: ${[t.status[c.status], ...why].join('; ')}`);
  }
  if (from) notes.push(t.from_(from));
  if (row.target !== null && !row.targetPublished) notes.push(t.illustrative);
  return notes.join('. ');
}

/** A figure of a cell, or "—" when the cell has none. */
function shown(c: TrendCell, v: number | null): string | number {
  return c.status === 'given' || c.status === 'partial' ? (v ?? NOT_KNOWN) : NOT_KNOWN;
}

/**
 * The grid: a row per unit, then the province and the provinces before the reform. `oldCommunes`
 * lists, by new unit code, the old communes it was made of (said in the notes).
 */
export function trendGrid(
  table: TrendTable,
  lang: Lang,
  oldCommunes: ReadonlyMap<string, string> = new Map(),
): TrendGrid {
  const t = T[lang];
  const first = table.periods[0] ?? '';
  const headings: string[] = [t.code, t.unit];
  const kinds: TrendColumnKind[] = ['text', 'text'];
  for (const p of table.periods) {
    headings.push(t.poorRate(p), t.nearPoorRate(p));
    kinds.push('rate', 'rate');
  }
  headings.push(t.baselineRate, t.baselineAsOf, t.baselinePoor(first), t.poorChange);
  kinds.push('rate', 'text', 'count', 'count');
  headings.push(t.from, t.perYear);
  kinds.push('text', 'points');
  for (const p of table.annualPeriods) {
    headings.push(t.annual(p));
    kinds.push('points');
  }
  headings.push(t.target(table.plan), t.met, t.notes);
  kinds.push('points', 'text', 'text');

  const line = (row: TrendRow, name: string): (string | number | null)[] => [
    row.code,
    name,
    ...row.cells.flatMap((c) => [shown(c, c.poorRate), shown(c, c.nearPoorRate)]),
    row.baselineRate,
    row.baselineAsOf,
    row.baselinePoor,
    row.poorChange,
    row.overall?.from ?? null,
    row.overall?.perYear ?? null,
    ...row.annual.map((s) => s?.points ?? null),
    row.target,
    row.met === null ? null : row.met ? t.yes : t.no,
    rowNotes(row, lang, oldCommunes.get(row.code)),
  ];
  const rows = table.rows.map((r) => line(r, r.name));
  const provinceRows = [rows.length];
  rows.push(line(table.province, table.province.name));
  for (const f of table.former) {
    provinceRows.push(rows.length);
    rows.push(line(f, table.reform ? t.former(f.name, table.reform.effective) : f.name));
  }
  return { title: t.title(table), headings, kinds, rows, provinceRows };
}

/** A rate as the reader of `lang` writes it, or "—". */
export function rateText(v: number | null, lang: Lang): string {
  return v === null ? NOT_KNOWN : formatNumber(v, lang);
}
