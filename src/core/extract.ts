/**
 * Reading the rows of a recognised form: one row per sub-unit plus the total row, each value
 * parsed the way Vietnamese clerks write numbers, each problem a finding on its cell.
 */
import type { ColumnSpec } from './catalogue.js';
import type { CompiledRule } from './compile-rules.js';
import { evaluate, type Expr } from './expression.js';
import { makeFinding, type Finding } from './finding.js';
import { appendAll } from './finding-budget.js';
import { cellAddress, cellAt, isPercentFormat, type SheetCell, type SheetGrid } from './grid.js';
import { startsWithPhrase, type PreparedVocabulary } from './headings.js';
import {
  cellText,
  isColumnNumberRow,
  isNumericCell,
  tableDecimalMark,
  type FormLayout,
} from './recognize.js';
import type { RowRole } from './row-structure.js';
import { foldWords, parseNumberText, type DecimalMark } from './text.js';

/** One value of a row. */
export interface TableValue {
  /** The number used by the checks and sums; null when it could not be read. */
  value: number | null;
  /** `ok`; `blank` (counted as 0 for counts); `invalid` (text, error value, no formula result). */
  status: 'ok' | 'blank' | 'invalid';
  /** 0-based column. */
  col: number;
  /** The formula of the cell, when it holds one (its saved result is `value`). */
  formula?: string;
  /**
   * The figure is a text in a workbook's cell ("1.234" typed with a leading apostrophe, pasted
   * from a web page): read as the number it says, but Excel's SUM over it leaves it out.
   */
  text?: true;
}

/** One row of a form's table. */
export interface TableRow {
  /** 0-based row index in the sheet. */
  row: number;
  /** The sub-unit's name as written (NFC, spaces collapsed); "" when none. */
  name: string;
  /** The text of the row-number (STT) column, "" when none. */
  stt: string;
  /**
   * What the row is (the total, a sub-unit, a village under one, a group or breakdown row),
   * decided by arithmetic once the table is read (`row-structure.ts`). Only sub-unit rows are
   * the unit's communes; a breakdown or group row is checked within itself but never summed.
   */
  role: RowRole;
  /** The 0-based sheet row of the row's parent: a village's commune, a commune's group. */
  parentRow: number | null;
  /** Every figure cell of the row holds a SUM formula. */
  sumFormulas: boolean;
  /** The registry name staff taught for this label (`povreport map`), when they did. */
  alias?: string;
  /** What staff taught this label means (a role, or `=` and a name), when they did. */
  taught?: string;
  /**
   * The label of the group the row is under ("Xã Túc Đán (cũ)"), when its name is that of another
   * village under another group; its `name` then says the group: "Thôn 1 (Túc Đán)".
   */
  group?: string;
  /** The registry's name of the sub-unit, once matched. */
  canonical?: string;
  /** The registry's GSO code of the sub-unit, once matched (when the registry lists one). */
  code?: string;
  /** The sheet hides the row (a form is printed and signed without it). */
  hidden?: boolean;
  /**
   * The row gives fractions where the form counts households ("Tỷ lệ (%)" under the total): no
   * sub-unit's row, whatever its label (set by table-rows.ts).
   */
  fractions?: boolean;
  /**
   * A line said of the rows, labelled as a total but unable to be one ("Tổng số 15 thôn | 15"
   * under the table): not counted, and no rule of the form's rows is checked on it (set by
   * table-rows.ts).
   */
  note?: true;
  values: Map<string, TableValue>;
}

/** A form read from one sheet (or one CSV file). */
export interface FormTable {
  /** The file the table was read from, as given. */
  file: string;
  /** Form id (`01`). */
  form: string;
  /** Sheet name, or null for a CSV. */
  sheet: string | null;
  rows: TableRow[];
  layout: FormLayout;
  /** Title-block texts above the heading. */
  titleTexts: string[];
  /** Texts under the table (signature block, date line). */
  footerTexts: string[];
  /** Title-block rows, one line per row (cell texts joined by spaces; "" for a blank row). */
  titleLines: string[];
  /** Rows under the table, one line per row. */
  footerLines: string[];
  /** Rows inside the table with a label but no figures ("Trong đó:", "I. Các xã"), by sheet row. */
  labels: { row: number; label: string }[];
  /**
   * The same under the last row of figures (a form whose last communes were left blank, as a
   * workbook `povreport derive` wrote before the unit filled it in, or the signature block).
   */
  labelsBelow?: { row: number; label: string }[];
  /** How the rows were read (filled in once the structure is known). */
  structure?: import('./row-structure.js').RowStructure;
  /**
   * The sheet rows (0-based) of hidden rows left out of the table, which adds up without them
   * (`structureTable`): their cells' findings are not said.
   */
  hiddenAside?: number[];
}

/**
 * Whether the next row holding anything, from `from` to `end` (exclusive), has a number in one of
 * `cols`: the table goes on right after the row before it.
 */
function figuresBelow(grid: SheetGrid, from: number, end: number, cols: number[]): boolean {
  for (let r = from; r < end; r++) {
    const cells = grid.rows[r];
    if (!cells || cells.every((c) => cellText(c) === '')) continue;
    return cols.some((c) => looksNumeric(grid, r, c));
  }
  return false;
}

/** Whether a row's cells, read in order, are a date line ("…, ngày | 5 | tháng | 12 | năm | 2026"). */
function isDateLine(cells: readonly (SheetCell | undefined)[]): boolean {
  const texts: string[] = [];
  for (const c of cells) {
    const t = cellText(c);
    if (t !== '') texts.push(t);
  }
  return /\bngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+(?:19|20)\d\d\b/.test(
    foldWords(texts.join(' ')),
  );
}

/**
 * Whether a row of text is a line of the signature block or a note under the table. `nameSafe`:
 * the text may be a person's name (a household list's rows), so the footer words that also begin
 * names ("Lưu", and the bare "TM", "KT") count only as phrases of several words, or "TM." with its
 * dot.
 */
export function isFooterText(
  t: string,
  vocab: PreparedVocabulary,
  opts: { nameSafe?: boolean } = {},
): boolean {
  const w = foldWords(t);
  if (/\bngay\s+\d{1,2}\s+thang\b|\bngay\s+thang\s+nam\b/.test(w)) return true;
  if (!opts.nameSafe) return startsWithPhrase(w, vocab.footer);
  if (/^\s*(TM|KT|TL|TUQ|Q)\.\s/i.test(t)) return true;
  return vocab.footer.some((p) => p.includes(' ') && (w === p || w.startsWith(`${p} `)));
}

interface ExtractContext {
  file: string;
  sheet: string | null;
  form: string;
  unit: string | null;
  vocab: PreparedVocabulary;
  findings: Finding[];
  /** The plan's rules: a rate's rule says what it is divided by. */
  rules?: readonly CompiledRule[];
  /** The row's rate cells showing #DIV/0!, each with the finding it makes if its divisor is not 0. */
  divZero?: { id: string; col: number; finding: Finding }[];
  /**
   * Figure cells inside a merged range other than its first (whose value is the range's), by
   * `r * MERGE_KEY + c`: the range that hides them.
   */
  mergedOver?: Map<number, SheetGrid['merges'][number]>;
}

/** Columns per row in a merged cell's key (more than a sheet's 16,384). */
const MERGE_KEY = 1 << 15;

/**
 * The divisor of each rate of a form, by the rate's id: the right-hand side's divisor of its
 * `rate-mismatch` rule ("100 * poor / households": households).
 */
function rateDivisors(rules: readonly CompiledRule[], form: string): Map<string, Expr> {
  const out = new Map<string, Expr>();
  const divisorOf = (e: Expr): Expr | null => {
    if (e.type === 'bin' && e.op === '/') return e.right;
    if (e.type === 'bin') return divisorOf(e.left) ?? divisorOf(e.right);
    if (e.type === 'neg') return divisorOf(e.operand);
    return null;
  };
  for (const r of rules) {
    if (r.spec.code !== 'rate-mismatch' || r.spec.form !== form || r.left.type !== 'ref') continue;
    const d = divisorOf(r.right);
    if (d) out.set(r.left.name, d);
  }
  return out;
}

/** Reads the rows of a recognised form and reports unreadable and out-of-range cells. */
export function extractTable(
  grid: SheetGrid,
  layout: FormLayout,
  ctx: Omit<ExtractContext, 'form' | 'findings'>,
): { table: FormTable; findings: Finding[] } {
  const findings: Finding[] = [];
  const spec = layout.form.spec;
  const full: ExtractContext = {
    ...ctx,
    form: spec.id,
    findings,
    divZero: [],
    mergedOver: mergedFigureCells(grid, layout),
  };
  const divisors = rateDivisors(ctx.rules ?? [], spec.id);
  const specs = new Map(spec.columns.map((c) => [c.id, c]));
  const rows: TableRow[] = [];
  const hiddenRows = new Set(grid.hiddenRows);
  const footerTexts: string[] = [];
  const indicatorCols = [...layout.columns.values()];

  const decimal = tableDecimalMark(
    grid,
    layout.dataStart,
    layout.dataEnd,
    [...layout.columns].map(([id, col]) => ({ col, kind: specs.get(id)?.kind ?? null })),
  );
  const labels: FormTable['labels'] = [];
  const end = Math.min(layout.dataEnd, grid.rows.length);
  // The merged cells over the name column, by row (a sheet may hold many thousand rows).
  const nameMerges = new Map<number, SheetGrid['merges'][number]>();
  const nameCol = layout.nameCol;
  if (nameCol !== null)
    for (const m of grid.merges)
      if (m.left <= nameCol && nameCol <= m.right && m.bottom >= layout.dataStart)
        for (let k = Math.max(m.top, layout.dataStart); k <= Math.min(m.bottom, end - 1); k++)
          nameMerges.set(k, m);
  const firstIndicator = Math.min(...indicatorCols);
  const headingCols = layout.sttCol === null ? indicatorCols : [layout.sttCol, ...indicatorCols];
  const countCols = new Set(
    [...layout.columns].filter(([id]) => specs.get(id)?.kind !== 'percent').map(([, c]) => c),
  );
  const countIds = [...layout.columns.keys()].filter((id) => specs.get(id)?.kind !== 'percent');
  // Each row's values are read column by column: the columns in an array, looked at by index
  // (a `for…of` over the map costs an entry and an iterator per cell in code V8 has not
  // optimized, most of a short run).
  const valueCols = [...layout.columns].flatMap(([id, col]) => {
    const cs = specs.get(id);
    return cs ? [{ id, col, cs }] : [];
  });
  // A group's label between the heading and the first row of figures ("I | Xã An Lạc (cũ)" over
  // its villages, the figures only in its villages' rows) is the table's first label, as the next
  // groups' labels are: same-named villages under it are named with it too.
  for (
    let k = Math.max(layout.headerBottom, layout.numberRow ?? -1) + 1;
    k < layout.dataStart;
    k++
  ) {
    if (!grid.rows[k] || indicatorCols.some((c) => looksNumeric(grid, k, c))) continue;
    const label = labelOf(grid, k, layout, nameMerges, firstIndicator);
    if (label !== '') labels.push({ row: k, label });
  }
  let r = layout.dataStart;
  for (; r < end; r++) {
    const rowCells = grid.rows[r];
    if (!rowCells || rowCells.every((c) => cellText(c) === '')) continue;
    const label = labelOf(grid, r, layout, nameMerges, firstIndicator);
    // A count's formula without a saved result counts as a value (a total row never
    // recalculated): its cells are then each a formula-no-result, not a row left empty. A rate's
    // formula over a blank row (a template's) does not.
    const anyValue = indicatorCols.some((c) => {
      const cell = cellAt(grid, r, c);
      return cellText(cell) !== '' || (cell?.formula !== undefined && countCols.has(c));
    });
    const anyNumber = indicatorCols.some((c) => looksNumeric(grid, r, c));
    // The date line written over several cells ("Khao Mang, ngày | 5 | tháng | 12 | năm | 2026"),
    // or a row named as a line of the signature block or a note ("Ghi chú: … 30/11/2026 | 2 | 30 |
    // 11 | 2026", "Người lập biểu … | 912345678") under the table's rows: its numbers are a date or
    // a telephone number, not a sub-unit's figures. The table ends there.
    // Looked at only where a row may be one (words in a figure column; a label with no row
    // number): not on every row of figures.
    if (
      rows.length > 0 &&
      anyNumber &&
      ((indicatorCols.some(
        (c) => cellText(cellAt(grid, r, c)) !== '' && !looksNumeric(grid, r, c),
      ) &&
        isDateLine(rowCells)) ||
        (label !== '' &&
          (layout.sttCol === null || cellText(cellAt(grid, r, layout.sttCol)) === '') &&
          isFooterText(label, ctx.vocab, { nameSafe: true })))
    )
      break;
    // A signature block or a note ends the table, unless the next row is one of figures ("Ghi
    // chú: …" between two communes): then it is a note row of the table.
    if (
      !anyNumber &&
      rowTexts(rowCells).some((t) => isFooterText(t, ctx.vocab)) &&
      !figuresBelow(grid, r + 1, end, indicatorCols)
    )
      break;
    // A column-number row or the heading repeated after a page break is no data.
    if (isRepeatedNumberRow(grid, r, layout, indicatorCols)) continue;
    if (!anyNumber && isRepeatedHeadingRow(grid, r, layout)) continue;
    // Words over two or more of the figure and row-number columns under the table's rows: the
    // heading of another table ("STT | Xã | Số hộ được hỗ trợ | Kinh phí" of an annex under the
    // form). Its rows are not this form's; were they more of its rows, the form's sums would say so.
    if (!anyNumber && rows.length > 0 && wordsOverFigures(grid, r, headingCols) >= 2) break;
    // A row without a single figure (a note, a date, the next form's "Đơn vị tính: hộ") is text.
    if (!anyNumber) {
      if (label !== '') labels.push({ row: r, label });
      continue;
    }
    if (!anyValue) {
      // A section label ("Trong đó:", "I. Các xã vùng cao") or a named row left empty.
      if (label !== '') labels.push({ row: r, label });
      continue;
    }
    const before = findings.length;
    const values = new Map<string, TableValue>();
    let sumFormulas = true;
    for (let k = 0; k < valueCols.length; k++) {
      const vc = valueCols[k];
      if (!vc) continue;
      const v = readValue(grid, r, vc.col, vc.cs, label, full, decimal);
      values.set(vc.id, v);
      if (!v.formula?.toUpperCase().startsWith('SUM')) sumFormulas = false;
    }
    if (full.divZero && full.divZero.length > 0) {
      for (const d of full.divZero) {
        const divisor = divisors.get(d.id);
        const by = divisor ? evaluate(divisor, (id) => values.get(id)?.value ?? 0) : null;
        // No households, no rate: the cell is as if left blank ("-").
        if (by === 0) values.set(d.id, { value: null, status: 'blank', col: d.col });
        else findings.push(d.finding);
      }
      full.divZero.length = 0;
    }
    const stt = layout.sttCol === null ? '' : cellText(cellAt(grid, r, layout.sttCol));
    // A row of no sub-unit's counts: "Tỷ lệ (%)" under the total, a target's rate alone.
    const above = rows[rows.length - 1];
    const aside =
      stt === '' && above !== undefined
        ? notCounts(values, above, countIds, () => rateHint(grid, r, label, countCols))
        : null;
    if (aside !== null && above !== undefined) {
      // Its cells are not counts: what was said of them as counts is taken back.
      findings.length = before;
      findings.push(
        makeFinding(aside.code, {
          file: ctx.file,
          sheet: ctx.sheet,
          cell: cellAddress(r, nameCol ?? firstIndicator),
          row: r + 1,
          unit: ctx.unit,
          form: spec.id,
          params:
            aside.code === 'rate-only-row'
              ? { row: r + 1, label }
              : {
                  row: r + 1,
                  label,
                  of: above.row + 1,
                  base: specs.get(aside.base)?.heading ?? aside.base,
                },
        }),
      );
      continue;
    }
    rows.push({
      row: r,
      name: label,
      stt,
      role: 'subunit',
      parentRow: null,
      sumFormulas,
      values,
      ...(hiddenRows.has(r) ? { hidden: true } : {}),
    });
  }
  // Under the table: everything after its last row of figures (a date line may come before the
  // signature block proper, in any column).
  const last = rows[rows.length - 1]?.row ?? layout.dataStart - 1;
  const footerFrom = Math.min(r, last + 1);
  const labelsBelow: FormTable['labels'] = [];
  while (labels.length > 0 && (labels[labels.length - 1]?.row ?? 0) > last)
    labelsBelow.unshift(...labels.splice(-1));
  const footerLines: string[] = [];
  for (r = footerFrom; r < end; r++) {
    const texts = rowTexts(grid.rows[r] ?? []);
    footerTexts.push(...texts);
    footerLines.push(texts.join(' '));
  }

  appendAll(findings, fractionRates(rows, spec, ctx.rules ?? [], ctx));

  const title = titleRows(grid, layout);
  const titleTexts = title.flat();
  const titleLines = title.map((texts) => texts.join(' '));

  return {
    table: {
      file: ctx.file,
      form: spec.id,
      sheet: ctx.sheet,
      rows,
      layout,
      titleTexts,
      footerTexts,
      titleLines,
      footerLines,
      labels,
      ...(labelsBelow.length > 0 ? { labelsBelow } : {}),
    },
    findings,
  };
}

/**
 * Why a row without a number of its own holds no sub-unit's counts, if it does not: a rate alone
 * where the counts go ("Chỉ tiêu giao năm 2022 | | | 53,5"), or the percentages of the row above
 * (`base`: the column they are over; "Tỷ lệ (%)" under the total). Null for a row of counts.
 */
function notCounts(
  values: Map<string, TableValue>,
  above: TableRow,
  countIds: readonly string[],
  hinted: () => boolean,
): { code: 'rate-only-row' } | { code: 'rate-row'; base: string } | null {
  // A count cell that holds something unreadable (a SUM saved without its result, an error) is
  // not an empty one: the row gives counts, and its cells are said.
  const given = (v: TableValue | undefined): boolean => filledValue(v) || v?.status === 'invalid';
  if (!countIds.some((id) => given(values.get(id)))) return { code: 'rate-only-row' };
  const base = rateRowBase(values, above, countIds, hinted());
  return base === null ? null : { code: 'rate-row', base };
}

/** Whether a row says it holds rates: "%" or "tỷ lệ" in its label, or "%" in a count cell. */
function rateHint(grid: SheetGrid, r: number, label: string, countCols: Set<number>): boolean {
  return /%/.test(label) || foldWords(label).includes('ty le') || percentText(grid, r, countCols);
}

/**
 * The column a row gives the percentages over, when it is a row of rates of `of` (the row of
 * figures above it: "Tỷ lệ (%)" under the total): every count it fills is 100 × the figure of
 * `of` in that column over its figure in one column `b`, to the digits written (rounded or cut),
 * for at least two columns besides `b`. Figures all whole say so only with a hint (`hinted`: "%"
 * or "tỷ lệ" in the row), a commune's few households could fit as well. Null when it is no such row.
 */
function rateRowBase(
  values: Map<string, TableValue>,
  of: TableRow,
  countIds: readonly string[],
  hinted: boolean,
): string | null {
  const filled: { id: string; x: number }[] = [];
  for (const id of countIds) {
    const v = values.get(id);
    if (filledValue(v)) filled.push({ id, x: v.value });
  }
  if (filled.length < 2) return null;
  if (!hinted && filled.every((f) => Number.isInteger(f.x))) return null;
  for (const b of countIds) {
    const tb = of.values.get(b)?.value;
    if (typeof tb !== 'number' || tb <= 0) continue;
    let others = 0;
    const fits = filled.every(({ id, x }) => {
      const t = of.values.get(id)?.value;
      if (typeof t !== 'number' || t < 0) return false;
      if (id !== b && t > 0) others++;
      return Math.abs(x - (100 * t) / tb) <= writtenStep(x);
    });
    if (fits && others >= 2) return b;
  }
  return null;
}

/** Whether a cell of the row holds a figure (not blank, read as a number, right or wrong). */
function filledValue(v: TableValue | undefined): v is TableValue & { value: number } {
  return v !== undefined && v.status !== 'blank' && v.value !== null;
}

/** The step of the last digit written (0.01 for 24.84, 1 for 25), a little over for floats. */
function writtenStep(x: number): number {
  const digits = /\.(\d+)/.exec(String(x))?.[1]?.length ?? 0;
  return 10 ** -digits + 1e-9;
}

/** Whether a count cell of row `r` is text with a percent sign ("24,8%"). */
function percentText(grid: SheetGrid, r: number, cols: Set<number>): boolean {
  for (const c of cols) {
    const v = cellAt(grid, r, c)?.value;
    if (typeof v === 'string' && v.includes('%')) return true;
  }
  return false;
}

/**
 * Whether a row inside the table repeats the column-number row (after a page break). A row of
 * small figures with blanks for zero ("", "1", "", "3", "4") looks like numbering, so the test is
 * strict: the same texts as the table's own column-number row, or, without one, a number in every
 * indicator column, counting up by one.
 */
function isRepeatedNumberRow(
  grid: SheetGrid,
  r: number,
  layout: FormLayout,
  cols: number[],
): boolean {
  if (!isColumnNumberRow(grid, r, cols)) return false;
  const texts = cols.map((c) => cellText(cellAt(grid, r, c)));
  if (layout.numberRow !== null) {
    const numberRow = layout.numberRow;
    return texts.every((t, i) => t === cellText(cellAt(grid, numberRow, cols[i] ?? -1)));
  }
  const sorted = [...cols].sort((a, b) => a - b);
  const numbers = sorted.map((c) => Number(/\d+/.exec(cellText(cellAt(grid, r, c)))?.[0] ?? NaN));
  return numbers.every(
    (n, i) => Number.isInteger(n) && (i === 0 || n === (numbers[i - 1] ?? 0) + 1),
  );
}

/**
 * Whether row `r` repeats a row of the table's heading (printed again after a page break): at
 * least two texts, each the text of that column in one of the heading rows.
 */
function isRepeatedHeadingRow(grid: SheetGrid, r: number, layout: FormLayout): boolean {
  const row = grid.rows[r] ?? [];
  let same = 0;
  for (let c = 0; c < row.length; c++) {
    const t = cellText(row[c]);
    if (t === '') continue;
    let found = false;
    for (let h = layout.headerTop; h <= layout.headerBottom && !found; h++)
      found = cellText(cellAt(grid, h, c)) === t;
    if (!found) return false;
    same++;
  }
  return same >= 2;
}

/**
 * How many of the columns hold words in row `r`: two letters or more, no number, no Roman
 * numeral (a group's "II" in the row-number column).
 */
function wordsOverFigures(grid: SheetGrid, r: number, cols: readonly number[]): number {
  let n = 0;
  for (const c of cols) {
    const t = cellText(cellAt(grid, r, c));
    if (/\p{L}.*\p{L}/u.test(t) && !/^[ivxlc]+\.?$/i.test(t) && !looksNumeric(grid, r, c)) n++;
  }
  return n;
}

/** The texts of each row of a table's title (its rows above its heading), row by row. */
export function titleRows(grid: SheetGrid, layout: FormLayout): string[][] {
  const rows: string[][] = [];
  for (let r = layout.regionTop; r < layout.headerTop; r++) rows.push(rowTexts(grid.rows[r] ?? []));
  return rows;
}

function rowTexts(cells: readonly (SheetCell | undefined)[]): string[] {
  const out: string[] = [];
  for (const c of cells) {
    const t = cellText(c);
    if (t !== '') out.push(t);
  }
  return out;
}

function looksNumeric(grid: SheetGrid, r: number, c: number): boolean {
  return isNumericCell(cellAt(grid, r, c));
}

/**
 * The figure cells of a table that a merged range covers without being its first cell ("H5:H6"
 * merged over two communes' figures: H6's is not in the file, H5 holds one number for both).
 */
function mergedFigureCells(
  grid: SheetGrid,
  layout: FormLayout,
): Map<number, SheetGrid['merges'][number]> {
  const out = new Map<number, SheetGrid['merges'][number]>();
  if (grid.merges.length === 0) return out;
  const cols = new Set(layout.columns.values());
  for (const m of grid.merges) {
    if (m.bottom < layout.dataStart || m.top >= layout.dataEnd) continue;
    for (let c = m.left; c <= m.right; c++) {
      if (!cols.has(c)) continue;
      for (
        let r = Math.max(m.top, layout.dataStart);
        r <= Math.min(m.bottom, layout.dataEnd - 1);
        r++
      )
        if (r !== m.top || c !== m.left) out.set(r * MERGE_KEY + c, m);
    }
  }
  return out;
}

/** The row's label: the name column, else the first text left of the indicators. */
function labelOf(
  grid: SheetGrid,
  r: number,
  layout: FormLayout,
  nameMerges: Map<number, SheetGrid['merges'][number]>,
  firstIndicator: number,
): string {
  if (layout.nameCol !== null) {
    const t = cellText(cellAt(grid, r, layout.nameCol));
    if (t !== '') return t;
    // "Tổng cộng" is often typed in the STT column and merged across.
    const m = nameMerges.get(r);
    if (m) return cellText(cellAt(grid, m.top, m.left));
  }
  for (let c = 0; c < firstIndicator; c++) {
    const t = cellText(cellAt(grid, r, c));
    if (t !== '' && /[A-Za-zÀ-ỹ]{2}/.test(t)) return t;
  }
  return '';
}

/**
 * Rate columns written as fractions without a % format (0,0797 for 7,97 %: a format lost on the
 * way, a quotient never formatted), read as percentages. The form's rate rules decide: on every
 * row the rate is what its rule computes from the counts divided by 100, within the rule's
 * largest tolerance, and on some row that differs from the rule's percentage by more than it.
 * One info per column says so.
 */
function fractionRates(
  rows: TableRow[],
  spec: FormLayout['form']['spec'],
  rules: readonly CompiledRule[],
  ctx: Omit<ExtractContext, 'form' | 'findings'>,
): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    if (rule.spec.code !== 'rate-mismatch' || rule.spec.form !== spec.id) continue;
    if (rule.left.type !== 'ref') continue;
    const id = rule.left.name;
    const tolerance = Math.max(
      rule.spec.tolerance ?? 0,
      ...(rule.spec.levels ?? []).map((l) => l.tolerance),
    );
    let fraction = true;
    let tells: { row: TableRow; written: number } | null = null;
    for (const row of rows) {
      const v = row.values.get(id);
      if (v?.status !== 'ok' || v.value === null) continue;
      const percent = evaluate(rule.right, (x) => row.values.get(x)?.value ?? null);
      if (percent === null || !Number.isFinite(percent)) continue;
      if (Math.abs(100 * v.value - percent) > tolerance) {
        fraction = false;
        break;
      }
      if (tells === null && Math.abs(v.value - percent) > tolerance)
        tells = { row, written: v.value };
    }
    if (!fraction || tells === null) continue;
    for (const row of rows) {
      const v = row.values.get(id);
      if (v?.status === 'ok' && v.value !== null)
        row.values.set(id, { ...v, value: round(100 * v.value) });
    }
    const column = spec.columns.find((c) => c.id === id);
    const cell = cellAddress(tells.row.row, tells.row.values.get(id)?.col ?? 0);
    out.push(
      makeFinding('rate-as-fraction', {
        file: ctx.file,
        sheet: ctx.sheet,
        cell,
        row: tells.row.row + 1,
        unit: ctx.unit,
        form: spec.id,
        indicator: id,
        params: {
          heading: column?.heading ?? id,
          cell,
          written: tells.written,
          percent: round(100 * tells.written),
          rule: rule.spec.description.vi,
          ruleEn: rule.spec.description.en,
        },
      }),
    );
  }
  return out;
}

function round(n: number): number {
  // A figure past 2^53 is whole already; scaled, one near 1E+308 would become Infinity.
  if (Math.abs(n) >= 2 ** 53) return n;
  return Math.round(n * 1e9) / 1e9;
}

function readValue(
  grid: SheetGrid,
  r: number,
  c: number,
  spec: ColumnSpec,
  label: string,
  ctx: ExtractContext,
  decimal: DecimalMark,
): TableValue {
  const cell = cellAt(grid, r, c);
  const at = {
    file: ctx.file,
    sheet: ctx.sheet,
    cell: cellAddress(r, c),
    row: r + 1,
    unit: ctx.unit,
    subunit: label || null,
    form: ctx.form,
    indicator: spec.id,
  };
  const heading = spec.heading;
  const invalid: TableValue = { value: null, status: 'invalid', col: c };
  if (cell?.error !== undefined) {
    const finding = makeFinding('cell-error', { ...at, params: { value: cell.error, heading } });
    // A rate's formula over a row of no households shows #DIV/0!: said only if the divisor is not 0.
    if (cell.error === '#DIV/0!' && spec.kind === 'percent' && ctx.divZero)
      ctx.divZero.push({ id: spec.id, col: c, finding });
    else ctx.findings.push(finding);
    return invalid;
  }
  if (cell?.noResult) {
    ctx.findings.push(
      makeFinding('formula-no-result', { ...at, params: { formula: cell.formula ?? '', heading } }),
    );
    return invalid;
  }
  const v = cell?.value;
  let n: number;
  if (v === undefined || v === null || (typeof v === 'string' && cleanBlank(v))) {
    if (spec.kind === 'percent') return { value: null, status: 'blank', col: c };
    // Merged into a cell of another row or column: its own figure is not in the file.
    const m = ctx.mergedOver?.get(r * MERGE_KEY + c);
    if (m) {
      const range = `${cellAddress(m.top, m.left)}:${cellAddress(m.bottom, m.right)}`;
      ctx.findings.push(
        makeFinding('merged-figure-cell', {
          ...at,
          params: { heading, range, first: cellAddress(m.top, m.left) },
        }),
      );
      return invalid;
    }
    ctx.findings.push(makeFinding('missing-value', { ...at, params: { heading } }));
    return { value: 0, status: 'blank', col: c };
  } else if (typeof v === 'number') {
    // A rate stored as a fraction under a % format (0.1807 shown as 18.07%).
    n = spec.kind === 'percent' && isPercentFormat(cell?.numFmt) ? round(v * 100) : v;
  } else if (typeof v === 'string') {
    const p = parseNumberText(v, decimal);
    if (!p.ok) {
      ctx.findings.push(makeFinding('not-a-number', { ...at, params: { value: v, heading } }));
      return invalid;
    }
    n = p.value;
  } else {
    const shown = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    ctx.findings.push(makeFinding('not-a-number', { ...at, params: { value: shown, heading } }));
    return invalid;
  }
  n = round(n);
  if (n < 0) {
    ctx.findings.push(makeFinding('negative-value', { ...at, params: { value: n, heading } }));
    return { value: n, status: 'invalid', col: c };
  }
  if (spec.kind === 'count' && !Number.isInteger(n)) {
    // Every digit said: 7240.000000001 (a formula's leftover) would print as "7.240".
    const digits = String(n);
    ctx.findings.push(
      makeFinding('not-whole-number', {
        ...at,
        params: { value: digits.replace('.', ','), valueEn: digits, heading },
      }),
    );
    return { value: n, status: 'invalid', col: c };
  }
  if (spec.kind === 'percent' && n > 100) {
    ctx.findings.push(
      makeFinding('percent-out-of-range', { ...at, params: { value: n, heading } }),
    );
    return { value: n, status: 'invalid', col: c };
  }
  const out: TableValue =
    cell?.formula === undefined
      ? { value: n, status: 'ok', col: c }
      : { value: n, status: 'ok', col: c, formula: cell.formula };
  // A workbook's text (a CSV, sheet null, holds only texts and no formula to leave them out).
  if (typeof v === 'string' && ctx.sheet !== null) out.text = true;
  return out;
}

function cleanBlank(s: string): boolean {
  return s.trim() === '';
}
