/**
 * Recognising forms in a sheet: where each table's heading band is (a sheet may hold several
 * forms, each under its own title), which form it is, which column holds which indicator, and
 * which rows hold its figures. Decided by structure and arithmetic, with spelling as a hint: a
 * heading band is the text right above a block of figures; a column is what its heading path,
 * the form's order and the form's identities (rate = count ÷ households, the movement balance,
 * twelve counts summing to the deprivation total) say it is; when two readings of the columns
 * fit equally, the table says so instead of guessing. Works on the neutral grid, so xlsx, CSV
 * and HTML go through the same code.
 */
import type { FormsCatalogue } from './catalogue.js';
import { compare, evaluate, referencedIds, type Expr } from './expression.js';
import {
  cellAt,
  gridWidth,
  isHiddenColumn,
  isPercentFormat,
  type SheetCell,
  type SheetGrid,
} from './grid.js';
import {
  MATCH_STRENGTH,
  headingMatches,
  isEnglishText,
  isPeriodHeading,
  periodPhrase,
  matchCommon,
  readDimensionNumber,
  readHeadingPath,
  type HeadingMatch,
  type HeadingPath,
  type MatchKind,
  type PreparedCatalogue,
  type PreparedForm,
  type PreparedVocabulary,
  hasPhrase,
  movementOf,
} from './headings.js';
import type { CompiledRule } from './compile-rules.js';
import type { Taught } from './teach.js';
import {
  cleanText,
  detectDecimalMark,
  foldCompact,
  foldWords,
  isSectionNumber,
  memoText,
  parseNumberText,
  withoutLeadingNumber,
  type DecimalMark,
} from './text.js';

/** Widest table looked at. */
const MAX_COLUMNS = 80;
/** Most rows between the top of a heading band and the first row of figures. */
const MAX_BAND = 6;
/** Rows of figures read to test the identities that decide between column readings. */
const PROBE_ROWS = 300;
/** Largest number of column assignments tried for one group of undecided columns. */
const MAX_ASSIGNMENTS = 20_000;

/** What decided a column's indicator, for `--verbose`. */
export type ColumnDecision = 'heading' | 'identity' | 'order' | 'mapping' | 'arithmetic';

/** One column's reading, for `--verbose` and findings. */
export interface ColumnReading {
  /** 0-based column index. */
  col: number;
  /** The heading as read (levels joined with " / "). */
  heading: string;
  /** Indicator id, `name`, `stt`, or null for a column the form does not know. */
  id: string | null;
  kind?: MatchKind;
  /**
   * What decided the indicator when the heading alone left a choice; `mapping` with a null id: a
   * column taught to be left out (`povreport map add … -`).
   */
  decidedBy?: ColumnDecision;
  /**
   * A column read by arithmetic (`decidedBy` 'arithmetic'): the group heading over it that placed
   * it ("Giảm trong kỳ"), when the form's order did not.
   */
  group?: string;
  /**
   * A column read by arithmetic out of the form's order: how many of the form's columns it is
   * the sum of on every row ("Cộng" of the twelve deprivations, moved to the end).
   */
  sumOf?: number;
}

/** Columns whose headings fit several indicators equally, with nothing to decide between them. */
export interface AmbiguousColumns {
  cols: number[];
  ids: string[];
  /**
   * Set when the column's own heading reads two ways: the indicator its number gives and the one
   * its words name differ ("9. Nhà tiêu hợp vệ sinh": 9 is the water source). `ids` are the two,
   * the number's first.
   */
  conflict?: { number: number };
}

/** Where a form sits in a sheet. */
export interface FormLayout {
  form: PreparedForm;
  /** 0-based rows of the heading band. */
  headerTop: number;
  headerBottom: number;
  /** A column-number row (A, B, 1, 2… or (1), (2)…) under the heading, if any (0-based). */
  numberRow: number | null;
  /** Indicator id → 0-based column. */
  columns: Map<string, number>;
  /** Every column with a heading, in order. */
  readings: ColumnReading[];
  /**
   * Indicator ids found twice at the same depth: `col` is not read, `other` is. `byArithmetic`:
   * the two columns' figures differ and only `other`'s satisfy the form's identities; `hidden`:
   * they differ, `col` is hidden and `other` shown.
   */
  duplicates: {
    id: string;
    col: number;
    other: number;
    byArithmetic?: boolean;
    hidden?: boolean;
  }[];
  /** Groups of columns no heading, order or identity could tell apart. */
  ambiguous: AmbiguousColumns[];
  nameCol: number | null;
  sttCol: number | null;
  /** First 0-based row of figures. */
  dataStart: number;
  /** First 0-based row after this table's region (the next table's title, or the sheet's end). */
  dataEnd: number;
  /** First 0-based row of this table's region (its title block starts here). */
  regionTop: number;
  /**
   * Columns headed by another period than the table's ("Năm 2021" beside "6 tháng đầu năm
   * 2022"), each indicator they name also headed by a column of the table's period: not read.
   */
  otherPeriod: { col: number; period: string; table: string; previous?: true }[];
  /**
   * Columns whose heading names another time than the table's yet are read, no other column
   * giving their indicator ("Số hộ nghèo 6 tháng đầu năm 2021" alone in a report of 2022-H1).
   */
  otherPeriodRead: { col: number; period: string; table: string; previous?: true }[];
}

/** Text of a cell for reading headings and labels. */
export function cellText(cell: SheetCell | undefined): string {
  if (!cell) return '';
  const v = cell.value;
  if (v === null || v === undefined) return '';
  // Most cells of a form are numbers: nothing to normalise.
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return cleanText(String(v));
}

/**
 * Text of a heading cell: like `cellText`, but a line break stays one (a translation is often on
 * the line under the Vietnamese heading).
 */
function headingText(cell: SheetCell | undefined): string {
  const v = cell?.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return headingOf(String(v));
}

/** A form's headings are the same in every file of a run: each is read once. */
const headingOf = memoText(
  (raw) =>
    raw
      .normalize('NFC')
      .split(/\r?\n|\r/)
      .map(cleanText)
      .filter(Boolean)
      .join('\n'),
  20_000,
);

/**
 * A reader of cell texts that sees merged ranges filled with their value, computed row by row
 * when first asked (the header search reads each row many times). Line breaks are kept.
 */
export function mergedTextReader(grid: SheetGrid): (r: number, c: number) => string {
  const width = Math.min(gridWidth(grid), MAX_COLUMNS);
  const cache = new Map<number, string[]>();
  // Merges indexed by the rows they cover: a sheet may hold thousands of rows.
  const byRow = new Map<number, SheetGrid['merges']>();
  for (const m of grid.merges) {
    if (m.left >= width) continue;
    const bottom = Math.min(m.bottom, grid.rows.length - 1);
    for (let r = m.top; r <= bottom; r++) {
      const list = byRow.get(r);
      if (list) list.push(m);
      else byRow.set(r, [m]);
    }
  }
  const rowTexts = (r: number): string[] => {
    let row = cache.get(r);
    if (row) return row;
    row = [];
    for (let c = 0; c < width; c++) row.push(headingText(cellAt(grid, r, c)));
    for (const m of byRow.get(r) ?? []) {
      const v = headingText(cellAt(grid, m.top, m.left));
      for (let c = m.left; c <= Math.min(m.right, width - 1); c++) if (row[c] === '') row[c] = v;
    }
    cache.set(r, row);
    return row;
  };
  return (r, c) => (r >= 0 && r < grid.rows.length ? (rowTexts(r)[c] ?? '') : '');
}

/**
 * A column-number cell: A, B, 1, 2, 3=2/1x100, (A), (1), (3)=(2)/(1)x100, 1', 2', 4=3/1*100%,
 * 2=3+4+…+14.
 */
const COLUMN_NUMBER_CELL = /^(?:[a-z]|\d{1,2})(?:[=*x×/+\-:.,…]+[\dx×*/+\-:.,…=]*)?$/i;

/** "Cột 3", "Cot 3", "Col. 3", "Column 3": a column's number after the word for column. */
const COLUMN_WORD = /^\s*(?:c(?:ộ|o\u0323\u0302|o)t\.?|col(?:umn)?\.?)\s*(?=[\w(])/i;

function numberingValue(t: string): { ok: boolean; n: number | null } {
  const s = (t.charCodeAt(0) | 32) === 99 ? t.replace(COLUMN_WORD, '') : t;
  return numberingOf(s.replace(/[\s()'’`%]/g, ''));
}

function numberingOf(s: string): { ok: boolean; n: number | null } {
  if (s === '' || !COLUMN_NUMBER_CELL.test(s)) return { ok: false, n: null };
  const m = /^(\d{1,2})/.exec(s);
  return { ok: true, n: m?.[1] !== undefined ? Number(m[1]) : null };
}

/**
 * Whether a row numbers columns rather than holding figures: every non-empty cell a column
 * number (A, B, 1, 2…, "(1)", "3=2/1x100", "1'"), at least two of them, numbers increasing by
 * small steps. Columns moved with their numbers (a group cut and pasted elsewhere) leave them out
 * of order: then each number once, none far past their count, and a cell no figure is (a letter,
 * a formula "3=2/1x100", a number in brackets). Cells listed in `cols` only, when given.
 */
export function isColumnNumberRow(grid: SheetGrid, r: number, cols?: number[]): boolean {
  return isColumnNumberCells(grid.rows[r] ?? [], cols);
}

/** {@link isColumnNumberRow} of a row's cells (of a streamed row: the columns read, `cols`). */
export function isColumnNumberCells(
  row: readonly (SheetCell | undefined)[],
  cols?: readonly number[],
): boolean {
  let seen = 0;
  let last = -Infinity;
  let count = 0;
  let ordered = true;
  let marked = false;
  let most = 0;
  const numbers = new Set<number>();
  const list = cols ?? row.map((_, c) => c);
  for (const c of list) {
    const t = cellText(row[c]);
    if (t === '') continue;
    const v = numberingValue(t);
    if (!v.ok) return false;
    if (v.n === null || !/^\d+$/.test(t)) marked = true;
    if (v.n !== null) {
      if (v.n <= last || v.n > count + 6) ordered = false;
      if (numbers.has(v.n)) return false;
      numbers.add(v.n);
      most = Math.max(most, v.n);
      last = v.n;
      count++;
    }
    seen++;
  }
  if (seen < 2) return false;
  return ordered || (marked && most <= count + 6);
}

/** Which form a sheet name or title text names ("Biểu 04", "Bieu so 04", "B04"). */
export function formHint(texts: string[], cat: FormsCatalogue): string | null {
  const names = sheetNameIndex(cat);
  for (const t of texts) {
    // Only a short text can be a sheet name or a form label ("Biểu 04", "Biểu số 04:").
    if (t.length > 200) continue;
    const w = foldWords(t);
    const m = /\b(?:bieu|mau|bm|b)\s*(?:so\s*)?0?([1-9])\b/.exec(w);
    if (m?.[1]) {
      const id = `0${m[1]}`;
      if (cat.forms.some((f) => f.id === id)) return id;
    }
    const byName = names.get(w.replace(/ /g, ''));
    if (byName) return byName;
  }
  return null;
}

const sheetNameIndexes = new WeakMap<FormsCatalogue, Map<string, string>>();

/** The forms' known sheet names, folded, → form id (computed once per catalogue). */
function sheetNameIndex(cat: FormsCatalogue): Map<string, string> {
  let idx = sheetNameIndexes.get(cat);
  if (!idx) {
    idx = new Map();
    for (const f of cat.forms) for (const n of f.sheetNames) idx.set(foldCompact(n), f.id);
    sheetNameIndexes.set(cat, idx);
  }
  return idx;
}

/**
 * The heading texts of each column of a band, top to bottom. A group heading that spans several
 * columns is merged in a workbook, but a CSV (or a careless copy) keeps it only in its first
 * column ("Hộ nghèo,,,"): an empty upper cell with headings under it takes the group text from
 * its left neighbour, when that neighbour also has headings under it. Groups whose columns repeat
 * the same headings under them ("Số hộ | Tỷ lệ | DTTS" twice) are as wide as one repetition, each
 * group text over the repetition it stands in, wherever in it it was typed ("| Hộ cận nghèo | |"
 * centred by hand without a merge).
 */
export function bandTexts(
  text: (r: number, c: number) => string,
  rows: number[],
  width: number,
): string[][] {
  const cols: string[][] = [];
  for (let c = 0; c < width; c++) cols.push(rows.map((r) => text(r, c)));
  const below = (i: number, c: number): boolean => {
    for (let j = i + 1; j < rows.length; j++) if (cols[c]?.[j] !== '') return true;
    return false;
  };
  for (let i = 0; i < rows.length - 1; i++) groupsOverRepeats(cols, i, width, below);
  for (let i = 0; i < rows.length - 1; i++)
    for (let c = 1; c < width; c++) {
      const col = cols[c];
      const left = cols[c - 1];
      if (!col || !left || col[i] !== '' || !below(i, c) || !below(i, c - 1)) continue;
      col[i] = left[i] ?? '';
    }
  return cols;
}

/**
 * Band row `i`'s group texts over runs of columns with headings under them: a run whose columns'
 * headings under row `i` repeat one sequence k times (k ≥ 2, each at least two columns), with
 * exactly one text in row `i` within each repetition, has each repetition's empty cells of row `i`
 * filled with that repetition's text. So has the one part of a run that does, the run's other
 * columns having no text in row `i` (a column headed only in the row under it, "Tổng số hộ",
 * before "Hộ nghèo" typed over the middle of "Số hộ | Tỷ lệ | DTTS"); two such parts: neither.
 * Any other run is left as it is.
 */
function groupsOverRepeats(
  cols: string[][],
  i: number,
  width: number,
  below: (i: number, c: number) => boolean,
): void {
  // Compared as words: "Tỷ lệ (%)" and "Tỷ lệ\n(%)", "Số hộ" and "SỐ HỘ" are one heading; and
  // without the column's own number ("2. Tỷ lệ" and "5. Tỷ lệ"), which no two columns share.
  const under = (c: number): string =>
    (cols[c] ?? [])
      .slice(i + 1)
      .map((t) => withoutLeadingNumber(foldWords(t)))
      .join('\u0000');
  // A cell merged down over the rows under it is no group: its column has no headings of its own.
  const grouped = (c: number): boolean =>
    below(i, c) && cols[c]?.slice(i + 1).every((t) => t === '' || t === cols[c]?.[i]) !== true;
  for (let a = 0; a < width;) {
    if (!grouped(a)) {
      a++;
      continue;
    }
    let b = a;
    while (b + 1 < width && grouped(b + 1)) b++;
    const texts: number[] = [];
    for (let c = a; c <= b; c++) if (cols[c]?.[i] !== '') texts.push(c);
    const k = texts.length;
    /** Whether columns `from`–`to` repeat one sequence k times, one text in each repetition. */
    const repeats = (from: number, to: number): boolean => {
      const n = to - from + 1;
      const size = k >= 2 && n % k === 0 ? n / k : 0;
      return (
        size >= 2 &&
        Array.from({ length: n - size }, (_, d) => from + size + d).every(
          (c) => under(c) === under(c - size),
        ) &&
        texts.every((c, j) => Math.floor((c - from) / size) === j)
      );
    };
    const first = texts[0];
    const last = texts[k - 1];
    // The whole run, else its one part that repeats.
    const fits: [number, number][] = repeats(a, b) ? [[a, b]] : [];
    if (fits.length === 0 && first !== undefined && last !== undefined)
      for (let from = a; from <= first; from++)
        for (let to = last; to <= b; to++) if (repeats(from, to)) fits.push([from, to]);
    const [fit] = fits;
    if (fit && fits.length === 1) {
      const [from, to] = fit;
      const size = (to - from + 1) / k;
      for (const [j, t] of texts.entries())
        for (let c = from + j * size; c < from + (j + 1) * size; c++) {
          const col = cols[c];
          if (col && col[i] === '') col[i] = cols[t]?.[i] ?? '';
        }
    }
    a = b + 1;
  }
}

/** What the recognition needs besides the sheet. */
export interface RecognizeContext {
  prepared: PreparedCatalogue;
  cat: FormsCatalogue;
  rules: CompiledRule[];
  /** What staff taught about this unit's files (`povreport map`). */
  taught?: Taught;
  /** The periods lines of text name (`identify.ts` periodsInTexts with the vocabulary's words). */
  periodsIn?: (lines: string[]) => string[];
  /** The period the run asks for (`--period`), when given. */
  period?: string | null;
}

/** The classification of one sheet row. */
type RowKind = 'blank' | 'text' | 'data' | 'numbering';

interface SheetScan {
  kinds: RowKind[];
  text: (r: number, c: number) => string;
  width: number;
}

/** Whether a cell holds a figure: a number, a formula, an error value, or a text that reads as a number. */
export function isNumericCell(cell: SheetCell | undefined): boolean {
  if (!cell) return false;
  if (typeof cell.value === 'number' || cell.formula !== undefined || cell.error !== undefined)
    return true;
  return typeof cell.value === 'string' && parseNumberText(cell.value).ok;
}

function scanSheet(grid: SheetGrid): SheetScan {
  const width = Math.min(gridWidth(grid), MAX_COLUMNS);
  const kinds: RowKind[] = [];
  for (let r = 0; r < grid.rows.length; r++) {
    const row = grid.rows[r] ?? [];
    let numeric = 0;
    let any = 0;
    for (let c = 0; c < Math.min(row.length, width); c++) {
      const cell = row[c];
      if (cellText(cell) === '' && cell?.formula === undefined && cell?.error === undefined)
        continue;
      any++;
      if (isNumericCell(cell)) numeric++;
    }
    if (any === 0) kinds.push('blank');
    else if (isColumnNumberRow(grid, r)) kinds.push('numbering');
    // The indicators numbered out of order under their group heading ("3 1 2 4 …"): heading
    // cells, not figures, when they follow the heading's text (bandAt tells which).
    else if (
      (isNumberPermutation(row) || isDimensionNumbering(row) || isLocalNumbering(row)) &&
      lastKind(kinds) === 'text'
    )
      kinds.push('numbering');
    else if (numeric >= 2 && !isHeadingWithNumbers(row)) kinds.push('data');
    else kinds.push('text');
  }
  return { kinds, text: mergedTextReader(grid), width };
}

/**
 * Whether a row is a heading level that ends by numbering the indicators ("STT | Thôn, bản |
 * Tổng số hộ nghèo | 1 | 2 | … | 12", their group heading on the row above): two texts with
 * letters or more, then the whole numbers 1 to n (n ≥ 3) in order in adjacent columns, and
 * nothing after them. No row of figures is so: its first cells are no headings, its figures no
 * count from 1.
 */
function isHeadingWithNumbers(row: readonly (SheetCell | undefined)[]): boolean {
  let texts = 0;
  let n = 0;
  let last = -1;
  for (let c = 0; c < row.length; c++) {
    const t = cellText(row[c]);
    if (t === '') continue;
    if (/^\d{1,2}$/.test(t)) {
      if (Number(t) !== n + 1 || (n > 0 && c !== last + 1)) return false;
      n++;
      last = c;
    } else if (n > 0 || !/[A-Za-zÀ-ỹ]/.test(t)) return false;
    else texts++;
  }
  return texts >= 2 && n >= 3;
}

/** The kind of the last row before this one that is not blank. */
function lastKind(kinds: readonly RowKind[]): RowKind | null {
  for (let k = kinds.length - 1; k >= 0; k--) if (kinds[k] !== 'blank') return kinds[k] ?? null;
  return null;
}

/**
 * Whether a row's filled cells are the whole numbers 1 to n, each once, in any order (n ≥ 3):
 * how a heading numbers the indicators it lists out of their order.
 */
function isNumberPermutation(row: readonly (SheetCell | undefined)[]): boolean {
  const seen = new Set<number>();
  for (const cell of row) {
    const t = cellText(cell);
    if (t === '') continue;
    if (!/^\d{1,2}$/.test(t)) return false;
    const n = Number(t);
    if (n < 1 || seen.has(n)) return false;
    seen.add(n);
  }
  if (seen.size < 3) return false;
  for (let n = 1; n <= seen.size; n++) if (!seen.has(n)) return false;
  return true;
}

/**
 * Whether a row's filled cells all number indicators under their dimensions ("1.1", "1.2",
 * "2.1" …, each once, four or more): a heading row, not figures, when it follows the heading's
 * text (bandAt keeps it only under a deprivation group heading).
 */
function isDimensionNumbering(row: readonly (SheetCell | undefined)[]): boolean {
  const seen = new Set<string>();
  for (const cell of row) {
    const t = cellText(cell);
    if (t === '') continue;
    const key = readDimensionNumber(t);
    if (key === null || seen.has(key)) return false;
    seen.add(key);
  }
  return seen.size >= 4;
}

/**
 * Whether a row's filled cells number the indicators again under each dimension ("1 2 | 1 2 |
 * 1 2 …"): whole numbers in runs 1, 2 … k, each run starting again at 1, two runs or more and
 * four cells or more. A heading row when it follows the heading's text (bandAt keeps it only
 * where the headings say so, and the dimension over each run tells which indicator it is).
 */
function isLocalNumbering(row: readonly (SheetCell | undefined)[]): boolean {
  let runs = 0;
  let cells = 0;
  let last = 0;
  for (const cell of row) {
    const t = cellText(cell);
    if (t === '') continue;
    if (!/^\d{1,2}$/.test(t)) return false;
    const n = Number(t);
    if (n === 1) runs++;
    else if (n !== last + 1) return false;
    last = n;
    cells++;
  }
  return runs >= 2 && cells >= 4;
}

/** A candidate heading band with its best form. */
interface BandCandidate {
  form: PreparedForm;
  top: number;
  /** Band rows used as heading levels (column-number rows left out). */
  rows: number[];
  numberRow: number | null;
  dataStart: number;
  paths: HeadingPath[];
  matches: HeadingMatch[][];
  strong: number;
  weak: number;
  hint: boolean;
}

/**
 * Finds every form in a sheet, top to bottom. A sheet holding nothing that reads as a form gives
 * an empty list.
 */
export function findLayouts(grid: SheetGrid, ctx: RecognizeContext): FormLayout[] {
  if (grid.rows.length === 0) return [];
  const scan = scanSheet(grid);
  const sheetHint = formHint([grid.name ?? ''], ctx.cat);
  const bands = chooseBands(grid, scan, bestBands(grid, scan, ctx, sheetHint), ctx, sheetHint);
  return layoutsOf(grid, scan, bands, ctx);
}

/**
 * The best heading band ending at each first row of figures, in sheet order: a band starts at a
 * text row with two texts, and its best form is the one its headings name most plainly.
 */
function bestBands(
  grid: SheetGrid,
  scan: SheetScan,
  ctx: RecognizeContext,
  sheetHint: string | null,
): BandCandidate[] {
  const { kinds, text, width } = scan;
  const best = new Map<number, BandCandidate>();
  for (let top = 0; top < kinds.length; top++) {
    if (kinds[top] !== 'text' || !hasTwoTexts(text, top, width)) continue;
    const band = bandAt(scan, grid, top, ctx.prepared.vocab);
    if (!band) continue;
    const cand = scoreBand(grid, scan, band, ctx, sheetHint);
    if (!cand) continue;
    const prev = best.get(cand.dataStart);
    if (!prev || better(cand, prev)) best.set(cand.dataStart, cand);
  }
  return [...best.values()].sort((a, b) => a.top - b.top);
}

/**
 * The tables of the sheet, from its best bands in sheet order (each widened over the merged
 * headings it cuts through): a band inside an earlier band is not a table of its own, and the
 * better of the two is kept.
 */
function chooseBands(
  grid: SheetGrid,
  scan: SheetScan,
  bands: BandCandidate[],
  ctx: RecognizeContext,
  sheetHint: string | null,
): BandCandidate[] {
  const chosen: BandCandidate[] = [];
  for (const found of bands) {
    const c = extendOverMerges(grid, scan, found, ctx, sheetHint);
    const last = chosen[chosen.length - 1];
    // The heading printed again at a page break, right under the table's figures: the same
    // table goes on (its rows run on to the next table; the repeated heading is no row).
    // So is it under a caption line ("Biểu 01 (tiếp theo)") when the rows under it number on
    // from the rows above it ("12" after "11"): last year's table under this year's starts again.
    if (
      last &&
      c.form === last.form &&
      repeatsHeading(scan, last, c) &&
      (figuresAbove(scan, c.top) || numbersOn(grid, scan, c)) &&
      !numbersAgain(grid, last, c)
    )
      continue;
    if (last && c.top < last.dataStart) {
      if (better(c, last)) chosen[chosen.length - 1] = c;
      continue;
    }
    chosen.push(c);
  }
  return chosen;
}

/** Whether band `b` is band `a`'s heading again: the same texts in every column, row by row. */
function repeatsHeading(scan: SheetScan, a: BandCandidate, b: BandCandidate): boolean {
  if (a.rows.length !== b.rows.length || b.top <= a.top) return false;
  for (let c = 0; c < scan.width; c++)
    for (let i = 0; i < a.rows.length; i++)
      if (scan.text(a.rows[i] ?? -1, c) !== scan.text(b.rows[i] ?? -1, c)) return false;
  return true;
}

/**
 * Whether the rows under band `b` number on from the rows of figures above its heading, over at
 * most a few caption lines of one text each: the first cell of the last row of figures above
 * holds n, the first of the first row under the band n + 1.
 */
function numbersOn(grid: SheetGrid, scan: SheetScan, b: BandCandidate): boolean {
  let r = b.top - 1;
  let captions = 0;
  for (; r >= 0; r--) {
    const k = scan.kinds[r];
    if (k === 'blank') continue;
    if (k === 'data') break;
    if (hasTwoTexts(scan.text, r, scan.width) || ++captions > 3) return false;
  }
  if (r < 0) return false;
  const above = leadingNumber(grid, r);
  const below = leadingNumber(grid, b.dataStart);
  return above !== null && below === above + 1;
}

/** The row's number: its first filled cell as a whole number ("12", "12."), else null. */
function leadingNumber(grid: SheetGrid, row: number): number | null {
  for (const cell of grid.rows[row] ?? []) {
    const t = cellText(cell);
    if (t === '') continue;
    return /^\d{1,4}\.?$/.test(t) ? Number.parseInt(t, 10) : null;
  }
  return null;
}

/**
 * Whether the rows under band `b` number again from 1 as the rows under band `a` did: a table of
 * its own under the same heading (Biểu 04 and 05 headed alike, without their titles), not the
 * heading printed again at a page break, under which the rows number on.
 */
function numbersAgain(grid: SheetGrid, a: BandCandidate, b: BandCandidate): boolean {
  const first = leadingNumber(grid, a.dataStart);
  return first !== null && leadingNumber(grid, b.dataStart) === first;
}

/** Whether the nearest row above `top` that is not blank holds figures. */
function figuresAbove(scan: SheetScan, top: number): boolean {
  for (let r = top - 1; r >= 0; r--) {
    const k = scan.kinds[r];
    if (k === 'blank') continue;
    return k === 'data';
  }
  return false;
}

/**
 * The layout of each chosen band. A table's figures run to the next table's heading (or the
 * sheet's end); the next table's title block starts after this table's last row of figures.
 */
function layoutsOf(
  grid: SheetGrid,
  scan: SheetScan,
  chosen: BandCandidate[],
  ctx: RecognizeContext,
): FormLayout[] {
  const layouts: FormLayout[] = [];
  let regionTop = 0;
  chosen.forEach((c, i) => {
    const dataEnd = chosen[i + 1]?.top ?? grid.rows.length;
    layouts.push(buildLayout(grid, scan, c, ctx, regionTop, dataEnd));
    let last = c.dataStart;
    for (let r = c.dataStart; r < dataEnd; r++) if (scan.kinds[r] === 'data') last = r;
    regionTop = last + 1;
  });
  return layouts;
}

/**
 * Widens a band up to the top of the merged heading cells it cuts through: with vertically
 * merged headings the leaf row alone names every column (a merged cell reads in each of its
 * rows), but the heading starts where the merges start.
 */
function extendOverMerges(
  grid: SheetGrid,
  scan: SheetScan,
  band: BandCandidate,
  ctx: RecognizeContext,
  sheetHint: string | null,
): BandCandidate {
  let top = band.rows[0] ?? band.top;
  const crosses = (a: number): boolean =>
    grid.merges.some((m) => m.top <= a && m.bottom >= a + 1 && m.left < scan.width);
  while (
    top > 0 &&
    band.dataStart - top < MAX_BAND &&
    scan.kinds[top - 1] === 'text' &&
    crosses(top - 1)
  )
    top--;
  if (top === (band.rows[0] ?? band.top)) return band;
  const wider = bandAt(scan, grid, top, ctx.prepared.vocab);
  if (!wider || wider.dataStart !== band.dataStart) return band;
  const c = scoreBand(grid, scan, wider, ctx, sheetHint);
  return c && c.form === band.form && c.strong >= band.strong ? c : band;
}

function hasTwoTexts(text: (r: number, c: number) => string, r: number, width: number): boolean {
  let n = 0;
  let last = '';
  for (let c = 0; c < width; c++) {
    const t = text(r, c);
    if (t !== '' && t !== last && /[A-Za-zÀ-ỹ]/.test(t) && ++n >= 2) return true;
    if (t !== '') last = t;
  }
  return false;
}

/** The band from `top` down to the first row of figures, or null when there is none near. */
function bandAt(
  scan: SheetScan,
  grid: SheetGrid,
  top: number,
  vocab: PreparedVocabulary,
): { rows: number[]; numberRow: number | null; dataStart: number } | null {
  let d = top + 1;
  while (d < scan.kinds.length && d - top <= MAX_BAND && scan.kinds[d] !== 'data') d++;
  if (d >= scan.kinds.length || scan.kinds[d] !== 'data') return null;
  const rows: number[] = [];
  let numberRow: number | null = null;
  for (let r = top; r < d; r++) {
    const k = scan.kinds[r];
    if (k === 'blank') continue;
    if (k === 'numbering') {
      if (isIndicatorNumberRow(scan, grid, r, vocab)) rows.push(r);
      else numberRow = r;
      continue;
    }
    rows.push(r);
  }
  // A column-number row closes the heading: a row under it without figures ("I | Thị trấn", the
  // label of the first group of communes) is the table's first row, not a heading level.
  if (numberRow !== null && rows.some((r) => r > numberRow)) {
    const kept = rows.filter((r) => r < numberRow);
    if (kept.length > 0) return { rows: kept, numberRow, dataStart: numberRow + 1 };
  }
  // So is, without one, a last row of one or two cells numbered as a section ("I | Xã An Lạc
  // (cũ)" over its villages, its figures in theirs): no heading level is numbered "I".
  const last = rows[rows.length - 1];
  if (last !== undefined && rows.length > 1 && last === d - 1 && isSectionLabelRow(grid, last))
    return { rows: rows.slice(0, -1), numberRow, dataStart: d };
  return { rows, numberRow, dataStart: d };
}

/** Whether row `r` holds one or two cells, the first a section's number ("I", "II", "A"). */
function isSectionLabelRow(grid: SheetGrid, r: number): boolean {
  const filled = (grid.rows[r] ?? []).map((c) => cellText(c)).filter((t) => t !== '');
  const [first] = filled;
  return (
    first !== undefined &&
    filled.length <= 2 &&
    (isSectionNumber(first) || /^[A-H]\.?$/.test(first)) &&
    (filled.length === 1 || /\p{L}/u.test(filled[1] ?? ''))
  );
}

/**
 * A numbering row that numbers the indicators under a deprivation group heading ("1" … "12"
 * under "Các chỉ số thiếu hụt") rather than the columns: its cells lie under one group cell of
 * the row above and start at 1, or number 1 to n in another order.
 */
function isIndicatorNumberRow(
  scan: SheetScan,
  grid: SheetGrid,
  r: number,
  vocab: PreparedVocabulary,
): boolean {
  const row = grid.rows[r] ?? [];
  const cols: number[] = [];
  for (let c = 0; c < Math.min(row.length, scan.width); c++)
    if (cellText(row[c]) !== '') cols.push(c);
  const first = cols[0];
  if (!first) return false;
  if (
    numberingValue(cellText(row[first])).n !== 1 &&
    !isNumberPermutation(row) &&
    !isDimensionNumbering(row)
  )
    return false;
  // Indicator numbers start right of the headed columns (STT, name, totals); column numbers
  // start at the first of them.
  let headedLeft = false;
  for (let k = r - 1; k >= Math.max(0, r - 4) && !headedLeft; k--)
    for (let c = 0; c < first; c++) if (scan.text(k, c) !== '') headedLeft = true;
  if (!headedLeft) return false;
  // The headings of the columns before them merged down into this row ("STT", "Thôn, bản",
  // "Tổng số hộ nghèo" over two rows, "Việc làm" over "1 | 2"): the row is a level of the
  // heading, its numbers the indicators', not a row numbering the columns.
  if (mergedDownInto(grid, r, first)) return true;
  // A group cell over all of them and not over the columns before them (a title over the whole
  // table is no group), on one of the rows above (a dimension row may come between). Merged over
  // them, or (a CSV keeps no merges) written over one of them, the first or the last, with the
  // cells over the others empty.
  for (let k = r - 1; k >= Math.max(0, r - 4); k--) {
    const over = cols.map((c) => scan.text(k, c));
    const written = over.filter((t) => t !== '');
    const above = written[0];
    if (above === undefined) continue;
    const spans =
      written.length === over.length ? written.every((t) => t === above) : written.length === 1;
    if (!spans) continue;
    if (scan.text(k, first - 1) === above) continue;
    const w = foldWords(above);
    if (vocab.deprivationGroup.some((p) => hasPhrase(w, p))) return true;
  }
  return false;
}

/**
 * Whether every column before `first` is covered at row `r` by a cell merged down from a row above,
 * and there is such a column.
 */
function mergedDownInto(grid: SheetGrid, r: number, first: number): boolean {
  if (first <= 0) return false;
  for (let c = 0; c < first; c++)
    if (!grid.merges.some((m) => m.top < r && m.bottom >= r && m.left <= c && m.right >= c))
      return false;
  return true;
}

/**
 * Whether band `a` reads as a form better than `b`: more columns named plainly, then the form the
 * title or sheet name names, then more columns named loosely, then fewer heading rows.
 */
function better(a: BandCandidate, b: BandCandidate): boolean {
  if (a.strong !== b.strong) return a.strong > b.strong;
  if (a.hint !== b.hint) return a.hint;
  if (a.weak !== b.weak) return a.weak > b.weak;
  return a.rows.length < b.rows.length;
}

/** A band's rows: heading levels, column-number row, first row of figures. */
type BandRows = { rows: number[]; numberRow: number | null; dataStart: number };

/**
 * The form a band reads as best, or null when it reads as none: its headings are read as paths
 * (English translation lines left out) and matched against every form.
 */
function scoreBand(
  grid: SheetGrid,
  scan: SheetScan,
  band: BandRows,
  ctx: RecognizeContext,
  sheetHint: string | null,
): BandCandidate | null {
  const { vocab } = ctx.prepared;
  const texts = bandTexts(scan.text, band.rows, scan.width);
  const paths = texts.map((t) =>
    readHeadingPath(
      t.filter((x) => !isEnglishText(x, vocab)),
      vocab,
    ),
  );
  const top = band.rows[0] ?? band.dataStart;
  const hint = titleHint(scan, top, ctx) ?? sheetHint;
  let best: BandCandidate | null = null;
  for (const form of ctx.prepared.forms) {
    const cand = formCandidate(form, band, top, paths, hint);
    if (cand && (!best || better(cand, best))) best = cand;
  }
  return best;
}

/** The form a title row above the band names ("Biểu 04: …"), within six rows. */
function titleHint(scan: SheetScan, top: number, ctx: RecognizeContext): string | null {
  const titleTexts: string[] = [];
  for (let r = Math.max(0, top - 6); r < top; r++)
    for (let c = 0; c < scan.width; c++) {
      const t = scan.text(r, c);
      if (t !== '' && titleTexts[titleTexts.length - 1] !== t) titleTexts.push(t);
    }
  return formHint(titleTexts, ctx.cat) ?? formByTitle(titleTexts, ctx.cat);
}

/**
 * The form whose title a title line writes, without its number ("THIẾU HỤT CÁC DỊCH VỤ XÃ HỘI CƠ
 * BẢN CỦA HỘ CẬN NGHÈO …" is Biểu 05's): the title's words in their order, at most one other word
 * between two of them; of several, the longest title ("… của hộ nghèo" is in "… của hộ cận
 * nghèo" with one word between). A hint for the heading band only: it tells apart two forms
 * headed alike (Biểu 04 and 05 stacked in one sheet), and never names a form by itself.
 */
function formByTitle(texts: string[], cat: FormsCatalogue): string | null {
  let titles = titleWords.get(cat);
  if (!titles) {
    titles = cat.forms
      .map((f) => ({ id: f.id, words: foldWords(f.title.vi).split(' ').filter(Boolean) }))
      .filter((t) => t.words.length >= 3);
    titleWords.set(cat, titles);
  }
  let best: { id: string; words: number } | null = null;
  let tie = false;
  for (const t of texts) {
    if (t.length > 300) continue;
    const words = foldWords(t).split(' ').filter(Boolean);
    for (const title of titles) {
      if (!inOrder(title.words, words)) continue;
      if (!best || title.words.length > best.words) {
        best = { id: title.id, words: title.words.length };
        tie = false;
      } else if (title.words.length === best.words && title.id !== best.id) tie = true;
    }
  }
  return best && !tie ? best.id : null;
}

/** Each form's title in folded words (three or more), made once per catalogue. */
const titleWords = new WeakMap<FormsCatalogue, { id: string; words: string[] }[]>();

/** Whether `words` holds `title`'s words in order, at most one other word between two of them. */
function inOrder(title: string[], words: string[]): boolean {
  for (let start = 0; start < words.length; start++) {
    if (words[start] !== title[0]) continue;
    let at = start;
    let k = 1;
    for (; k < title.length; k++) {
      if (words[at + 1] === title[k]) at += 1;
      else if (words[at + 2] === title[k]) at += 2;
      else break;
    }
    if (k === title.length) return true;
  }
  return false;
}

/**
 * A band read as one form, or null when it cannot be that form: a form shows at least three of
 * its columns plainly and half of them in all (a helper table of households and poor per commune
 * is no Biểu 01).
 */
function formCandidate(
  form: PreparedForm,
  band: BandRows,
  top: number,
  paths: HeadingPath[],
  hint: string | null,
): BandCandidate | null {
  const matches = paths.map((p) => headingMatches(p, form));
  const strongIds = new Set<string>();
  const weakIds = new Set<string>();
  // Every form for every band: indexed loops (see `tableDecimalMark`).
  for (let c = 0; c < matches.length; c++) {
    const ms = matches[c] ?? [];
    for (let k = 0; k < ms.length; k++) {
      const m = ms[k];
      if (!m) continue;
      if (MATCH_STRENGTH[m.kind] >= MATCH_STRENGTH.words) strongIds.add(m.id);
      else weakIds.add(m.id);
    }
  }
  const weakOnly = [...weakIds].filter((id) => !strongIds.has(id)).length;
  if (strongIds.size < Math.min(3, form.columns.length)) return null;
  if (strongIds.size + weakOnly < Math.ceil(form.columns.length / 2)) return null;
  return {
    form,
    top,
    rows: band.rows,
    numberRow: band.numberRow,
    dataStart: band.dataStart,
    paths,
    matches,
    strong: strongIds.size,
    weak: weakOnly,
    hint: hint === form.spec.id,
  };
}

/**
 * Where the form of a band sits and which column holds what: taught headings first, then the
 * name and row-number columns, then the indicators (by heading, identities and order).
 */
function buildLayout(
  grid: SheetGrid,
  scan: SheetScan,
  band: BandCandidate,
  ctx: RecognizeContext,
  regionTop: number,
  dataEnd: number,
): FormLayout {
  const { form } = band;
  const headingOf = (c: number): string =>
    band.paths[c]?.texts.map((t) => t.replace(/\n/g, ' ')).join(' / ') ?? '';
  // Taught headings (`povreport map`) come first: they are the unit's own words.
  const taught = band.paths.map((_, c) => taughtId(ctx, form, headingOf(c)));
  const named = nameAndSttColumns(band, scan.width, taught, ctx, (c) =>
    nameLikeCells(grid, band.dataStart, dataEnd, c),
  );
  const matches = columnMatches(band, taught, named.nameCol, named.sttCol);
  const period = tablePeriod(scan, band, regionTop, ctx);
  const { opening, loose } = openingByYearEnd(band, matches, period, ctx);
  const { aside: otherPeriod, kept: otherPeriodRead } = otherPeriodColumns(
    band,
    matches,
    period,
    opening,
    ctx,
  );
  for (const o of otherPeriod) matches[o.col] = [];
  const conflicts = numberConflicts(band.paths, matches, form, ctx.prepared.vocab);
  for (const a of conflicts) for (const c of a.cols) matches[c] = [];
  const candidateCols = matches
    .map((ms, c) => (ms.length > 0 && c !== named.nameCol && c !== named.sttCol ? c : -1))
    .filter((c) => c >= 0);

  // The figures that decide between readings are read with the table's decimal mark: "3,122"
  // households of an English-locale CSV are not three point one two two.
  const kinds = new Map(form.spec.columns.map((c) => [c.id, c.kind]));
  const decimal = tableDecimalMark(
    grid,
    band.dataStart,
    dataEnd,
    candidateCols.map((col) => {
      const of = new Set((matches[col] ?? []).map((m) => kinds.get(m.id)));
      const [kind] = of;
      return { col, kind: of.size === 1 && kind !== undefined ? kind : null };
    }),
  );
  const probe = probeValues(grid, band.dataStart, dataEnd, candidateCols, decimal);
  const movement = band.paths.map((p) => movementOf(p, ctx.prepared.vocab));
  const solved = solveColumns(
    matches,
    form,
    probe,
    ctx.rules,
    named.nameCol,
    named.sttCol,
    movement,
    (c) => isHiddenColumn(grid, c),
  );
  // A column headed by the year before that the identities read neither as the opening nor as
  // that year's figure is that year's, beside the period's: set aside as another period's.
  for (const [col, phrase] of loose)
    if (!solved.byCol.has(col) && period !== null)
      otherPeriod.push({ col, period: phrase, table: period });
  const nameCol =
    named.nameCol ?? guessNameCol(grid, band.dataStart, dataEnd, solved, named.sttCol);
  // A column taught to be left out (`povreport map add … -`) is never read by arithmetic, nor one
  // set aside as another period's: its heading says it is not the period's.
  const notFigures = [
    nameCol,
    named.sttCol,
    ...taught.map((t, c) => (t === '-' ? c : null)),
    ...otherPeriod.map((o) => o.col),
  ];
  const inferred = unheadedColumn(
    grid,
    band,
    solved,
    notFigures,
    ctx.rules,
    dataEnd,
    decimal,
    movement,
  );
  if (inferred) solved.byCol.set(inferred.col, inferred.reading);
  const columns = new Map<string, number>();
  for (const [c, s] of solved.byCol) columns.set(s.id, c);
  return {
    form,
    headerTop: band.rows[0] ?? band.top,
    headerBottom: band.rows[band.rows.length - 1] ?? band.top,
    numberRow: band.numberRow,
    columns,
    readings: columnReadings(scan.width, headingOf, solved, nameCol, named.sttCol, taught),
    duplicates: solved.duplicates,
    ambiguous: [...conflicts, ...solved.ambiguous],
    nameCol,
    sttCol: named.sttCol,
    dataStart: band.dataStart,
    dataEnd,
    regionTop,
    otherPeriod,
    otherPeriodRead: otherPeriodRead.filter(
      (o) => columns.get(solved.byCol.get(o.col)?.id ?? '') === o.col,
    ),
  };
}

/**
 * The name and row-number columns: the first column headed as each, whose heading names no
 * indicator of the form plainly and was not taught. Two columns headed as the names ("Tên thôn,
 * bản" and "Mã thôn" beside it): the one whose cells read most as names (`nameLike`, words with a
 * space between them, not codes such as "T01"), the first on a tie.
 */
function nameAndSttColumns(
  band: BandCandidate,
  width: number,
  taught: (string | undefined)[],
  ctx: RecognizeContext,
  nameLike: (c: number) => number,
): { nameCol: number | null; sttCol: number | null } {
  const names: number[] = [];
  let sttCol: number | null = null;
  for (let c = 0; c < width; c++) {
    const path = band.paths[c];
    if (!path || taught[c] !== undefined || headingMatches(path, band.form, true).length > 0)
      continue;
    if (matchCommon(path, ctx.prepared.name)) names.push(c);
    else if (sttCol === null && matchCommon(path, ctx.prepared.stt)) sttCol = c;
  }
  let nameCol: number | null = names[0] ?? null;
  if (names.length > 1) {
    let most = -1;
    for (const c of names) {
      const n = nameLike(c);
      if (n > most) {
        most = n;
        nameCol = c;
      }
    }
  }
  return { nameCol, sttCol };
}

/** Cells of column `c` in the rows of figures (the first 60) that read as names: two words. */
function nameLikeCells(grid: SheetGrid, from: number, to: number, c: number): number {
  let n = 0;
  for (let r = from; r < Math.min(to, from + 60); r++)
    if (/[A-Za-zÀ-ỹ]\S*\s+\S/.test(cellText(cellAt(grid, r, c)))) n++;
  return n;
}

/**
 * Every reading of each column's heading, weak ones too: a taught heading is its one reading, the
 * name and row-number columns and the columns taught to be left out (`-`) have none.
 */
const YEAR = /(?:^|\D)(?:19|20)\d\d(?:\D|$)/;

/**
 * The columns a heading puts in another period than the table's: a form laid out for comparison
 * ("Năm 2021 | 6 tháng đầu năm 2022", each over the form's columns). The table's period is the
 * one its title names, else the run's. A column is set aside only when its heading names a period
 * and not the table's, and each indicator it could be is also headed by a column that names the
 * table's period or none: "Số hộ nghèo đầu kỳ (cuối năm 2021)", alone of its kind, stays read.
 */
function otherPeriodColumns(
  band: BandCandidate,
  matches: HeadingMatch[][],
  table: string | null,
  opening: Set<number>,
  ctx: RecognizeContext,
): { aside: FormLayout['otherPeriod']; kept: FormLayout['otherPeriod'] } {
  const { periodsIn } = ctx;
  if (!periodsIn || !table) return previousColumns(band, matches, opening, ctx);
  const tableYear = table.slice(0, 4);
  // The levels that say when: alone ("Năm 2021", "Cuối năm 2021", "6 tháng 2022") or after the
  // indicator in its own cell ("Số hộ nghèo cuối năm 2025", read as "Số hộ nghèo"). A group's
  // "Kế hoạch giao năm 2022" says what as well as when: its columns are told from the period's
  // figures by the form's identities.
  const { vocab } = ctx.prepared;
  const when = band.paths.map((p, c) =>
    opening.has(c)
      ? []
      : p.texts.flatMap((t, i) => {
          if (isPeriodHeading(t, vocab)) return [t];
          const last = i === p.texts.length - 1;
          const phrase =
            (last ? periodPhrase(t, vocab) : null) ?? (last ? previousAfter(t, vocab) : null);
          return phrase === null ? [] : [phrase];
        }),
  );
  const named = when.map((ts) => (ts.length > 0 ? periodsIn(ts) : []));
  // "Cuối năm 2021" names a time, not a period: its year says whether it is the table's.
  const other = when.map((ts, c) => {
    if (ts.some((t) => vocab.previousPeriod.has(foldWords(t)))) return true;
    const ps = named[c] ?? [];
    if (ps.length > 0) return !ps.includes(table);
    const years = ts.flatMap((t) => t.match(/(?:19|20)\d\d/g) ?? []);
    return years.length > 0 && !years.includes(tableYear);
  });
  const elsewhere = new Set<string>();
  matches.forEach((ms, c) => {
    if (!other[c]) for (const m of ms) elsewhere.add(m.id);
  });
  // "Tổng số hộ năm 2022" in the report of its first half is the half's figure written loosely
  // where no column names the half itself: beside "Tổng số hộ năm 2021" it is the period's, and
  // the other year's column is set aside (not told from it by arithmetic alone).
  matches.forEach((ms, c) => {
    const ps = named[c] ?? [];
    const loose = ps.length > 0 && ps.every((p) => p === tableYear);
    if (other[c] && loose && ms.some((m) => !elsewhere.has(m.id))) other[c] = false;
  });
  matches.forEach((ms, c) => {
    if (!other[c]) for (const m of ms) elsewhere.add(m.id);
  });
  const aside: FormLayout['otherPeriod'] = [];
  const kept: FormLayout['otherPeriod'] = [];
  matches.forEach((ms, c) => {
    const period = named[c]?.[0] ?? when[c]?.[0];
    if (!other[c] || !period) return;
    // A heading naming the period before and no indicator the form has ("Tổng số hộ năm trước"):
    // never read by the form's order and identities as this period's figure.
    if (ms.length === 0) {
      if ((when[c] ?? []).some((t) => vocab.previousPeriod.has(foldWords(t))))
        aside.push({ col: c, period, table });
      return;
    }
    if (ms.every((m) => elsewhere.has(m.id))) aside.push({ col: c, period, table });
    // Read alone, it is said when its year is not the table's ("Tổng số hộ năm 2022" in the
    // report of its first half is the half's figure written loosely).
    else if (!(when[c] ?? []).some((t) => t.includes(tableYear)))
      kept.push({
        col: c,
        period,
        table,
        // Headed as the period before ("Năm trước", "Kỳ trước"): no loose way of writing this
        // period's figure, so it is not read as one (column-previous-period).
        ...((when[c] ?? []).some((t) => vocab.previousPeriod.has(foldWords(t)))
          ? { previous: true as const }
          : {}),
      });
  });
  return { aside, kept };
}

/**
 * The words naming the period before after an indicator in its own cell ("năm trước" of "Tổng số
 * hộ năm trước"), as folded (the vocabulary's `previous`); null when the text does not end so.
 */
function previousAfter(text: string, vocab: PreparedVocabulary): string | null {
  const w = foldWords(text);
  for (const p of vocab.previousPeriod) {
    if (!w.endsWith(` ${p}`)) continue;
    // As written: the text's last words, as many as the phrase has.
    const words = text.split(/\s+/).filter((x) => /\p{L}/u.test(x));
    return words.slice(-p.split(' ').length).join(' ');
  }
  return null;
}

/**
 * Where no heading names a year: the columns headed as the period before the report's ("Năm
 * trước", "Kỳ trước" over an indicator's two columns), set aside when each indicator they could be
 * has a column not so headed; else read, and said (`previous`: its figures are not this period's).
 */
function previousColumns(
  band: BandCandidate,
  matches: HeadingMatch[][],
  opening: Set<number>,
  ctx: RecognizeContext,
): { aside: FormLayout['otherPeriod']; kept: FormLayout['otherPeriod'] } {
  const { vocab } = ctx.prepared;
  const when = band.paths.map((p, c) => {
    if (opening.has(c)) return undefined;
    const level = p.texts.find((t) => vocab.previousPeriod.has(foldWords(t)));
    const last = p.texts[p.texts.length - 1];
    return level ?? (last === undefined ? undefined : (previousAfter(last, vocab) ?? undefined));
  });
  if (when.every((w) => w === undefined)) return { aside: [], kept: [] };
  const elsewhere = new Set<string>();
  matches.forEach((ms, c) => {
    if (when[c] === undefined) for (const m of ms) elsewhere.add(m.id);
  });
  const table = ctx.period ?? '';
  const aside: FormLayout['otherPeriod'] = [];
  const kept: FormLayout['otherPeriod'] = [];
  matches.forEach((ms, c) => {
    const period = when[c];
    if (period === undefined) return;
    // No indicator the form has ("Tổng số hộ năm trước"): never read by the form's order and
    // identities as this period's figure either.
    if (ms.every((m) => elsewhere.has(m.id))) aside.push({ col: c, period, table });
    else kept.push({ col: c, period, table, previous: true });
  });
  return { aside, kept };
}

/**
 * The table's period: the one its title names (the rows above its heading), else the run's;
 * null when neither says, or the title names two. Only read when a heading names a year.
 */
function tablePeriod(
  scan: SheetScan,
  band: BandCandidate,
  regionTop: number,
  ctx: RecognizeContext,
): string | null {
  const { periodsIn } = ctx;
  if (!periodsIn || !band.paths.some((p) => p.texts.some((t) => YEAR.test(t)))) return null;
  const top = band.rows[0] ?? band.dataStart;
  const lines: string[] = [];
  for (let r = Math.max(regionTop, top - 10); r < top; r++) {
    const cells: string[] = [];
    for (let c = 0; c < scan.width; c++) if (scan.text(r, c) !== '') cells.push(scan.text(r, c));
    lines.push(cells.join(' '));
  }
  const titled = periodsIn(lines);
  return (titled.length === 1 ? titled[0] : titled.length === 0 ? ctx.period : null) ?? null;
}

/**
 * Columns headed by the end of the year before the table's ("Số hộ nghèo cuối năm 2025",
 * "… (31/12/2025)" in a report of 2026): what the year closed with is what the period opens with,
 * so a reading as a closing figure of the forms' continuity pairs is read as its opening one.
 * Returns the columns that may so be an opening figure (`opening`: theirs is the table's time,
 * not another), and of them those headed by the year only (`loose`, with the heading's period
 * phrase), which may as well be that year's figure.
 */
function openingByYearEnd(
  band: BandCandidate,
  matches: HeadingMatch[][],
  table: string | null,
  ctx: RecognizeContext,
): { opening: Set<number>; loose: Map<number, string> } {
  const opening = new Set<number>();
  const loose = new Map<number, string>();
  const pairs = ctx.cat.continuity ?? [];
  if (table === null || pairs.length === 0) return { opening, loose };
  const before = String(Number(table.slice(0, 4)) - 1);
  const { yearEnd } = ctx.prepared.vocab;
  const inForm = new Set(band.form.spec.columns.map((x) => x.id));
  band.paths.forEach((p, c) => {
    const ms = matches[c];
    if (!ms || ms.length === 0) return;
    const ends = p.texts.some((t) => yearEnd.exec(foldWords(t))?.[1] === before);
    if (ends) {
      matches[c] = ms.map((m) => {
        const pair = pairs.find((x) => x.closing === m.id);
        return pair ? { ...m, id: pair.opening } : m;
      });
      if (matches[c].some((m) => pairs.some((x) => x.opening === m.id))) opening.add(c);
      return;
    }
    // "Số hộ nghèo năm 2025" in a report of 2026, or "Số hộ nghèo" over a cell "Năm 2025": the
    // year before, under or after the indicator, may be what the year closed with, which the
    // period opens with, or that year's figure. Both readings are given; the form's identities
    // and order choose, and two that fit are an error.
    const leaf = p.texts[p.texts.length - 1] ?? '';
    const phrase = periodPhrase(leaf, ctx.prepared.vocab);
    if (phrase === null) return;
    const over = p.texts[p.texts.length - 2];
    if (phrase === leaf && (over === undefined || isPeriodHeading(over, ctx.prepared.vocab)))
      return;
    const years = phrase.match(/(?:19|20)\d\d/g) ?? [];
    if (years.length !== 1 || years[0] !== before) return;
    const openings = ms.flatMap((m) => {
      const pair = pairs.find((x) => x.closing === m.id);
      return pair && inForm.has(pair.opening) ? [{ ...m, id: pair.opening }] : [];
    });
    if (openings.length === 0) return;
    matches[c] = [...ms, ...openings];
    opening.add(c);
    loose.set(c, ctx.periodsIn?.([phrase])[0] ?? phrase);
  });
  return { opening, loose };
}

function columnMatches(
  band: BandCandidate,
  taught: (string | undefined)[],
  nameCol: number | null,
  sttCol: number | null,
): HeadingMatch[][] {
  return band.paths.map((p, c): HeadingMatch[] => {
    const t = taught[c];
    if (t === '-' || c === nameCol || c === sttCol) return [];
    if (t !== undefined) return [{ id: t, kind: 'mapping', depth: 1 }];
    return headingMatches(p, band.form);
  });
}

/**
 * The columns whose heading's number and words name different indicators ("9. Nhà tiêu hợp vệ
 * sinh", "Chỉ số 9 / Nhà tiêu hợp vệ sinh": 9 is the water source, the words say the latrine).
 * Two readings fit and the form's sums cannot tell them apart (both columns count the same
 * households' deprivations): neither is guessed, the column is not read and the file says why.
 * Numbers written before the words that all differ from the words' indicators by the same amount
 * number the columns, not the indicators ("3. Việc làm", "4. Người phụ thuộc"…): no conflict.
 * Nor the words of a group heading over several columns, when they name an indicator that
 * another column under it numbers and the leaf's own words name nothing: a dimension "Việc làm"
 * merged over the leaves "1" and "2" is named as its first indicator is, and names no column.
 * A taught heading (`povreport map`) is the unit's own word and is never in conflict.
 */
function numberConflicts(
  paths: HeadingPath[],
  matches: HeadingMatch[][],
  form: PreparedForm,
  vocab: PreparedVocabulary,
): AmbiguousColumns[] {
  if (form.byNumber.size === 0) return [];
  const numberOf = new Map<string, number>();
  for (const [n, id] of form.byNumber) numberOf.set(id, n);
  const found: { col: number; number: number; named: string; offset: number; leading: boolean }[] =
    [];
  matches.forEach((ms, c) => {
    const p = paths[c];
    if (!p || ms.length === 0 || ms.some((m) => m.kind === 'mapping')) return;
    // A number naming no indicator of the standard ("13. …") gives no second reading.
    const number = p.number ?? p.leadingNumber;
    if (number === null || !form.byNumber.has(number)) return;
    const named = [
      ...new Set(
        ms
          .filter((m) => (m.kind === 'exact' || m.kind === 'words') && numberOf.has(m.id))
          .map((m) => m.id),
      ),
    ];
    const id = named[0];
    if (named.length !== 1 || id === undefined) return;
    const offset = (numberOf.get(id) ?? 0) - number;
    found.push({ col: c, number, named: id, offset, leading: p.number === null });
  });
  // The words of a group heading over several columns ("Việc làm" over the leaves "1" and "2":
  // a dimension, named as its first indicator is) name no one column: when they name an
  // indicator whose number heads another column under the group, and the leaf's own words name
  // nothing, the leaf's number decides.
  const above = (c: number): string[] => paths[c]?.texts.slice(0, -1) ?? [];
  const names = (texts: string[], id: string): boolean =>
    texts.length > 0 &&
    headingMatches(readHeadingPath(texts, vocab), form).some(
      (m) => m.id === id && (m.kind === 'exact' || m.kind === 'words'),
    );
  const groupWords = (col: number, id: string): boolean => {
    const group = above(col);
    // Under the same group cell: the one right above the leaf (the title lines above it may
    // differ from column to column, a motto over some of them).
    const parent = (c: number): string | undefined => paths[c]?.texts.at(-2);
    const key = parent(col);
    if (key === undefined || key === '') return false;
    const under = (c: number): boolean => parent(c) === key;
    let from = col;
    let to = col;
    while (from > 0 && under(from - 1)) from--;
    while (to + 1 < paths.length && under(to + 1)) to++;
    const own = numberOf.get(id);
    let headed = false;
    for (let c = from; c <= to; c++)
      if (c !== col && (paths[c]?.number ?? paths[c]?.leadingNumber) === own) headed = true;
    const leaf = paths[col]?.texts.slice(-1) ?? [];
    return headed && names(group, id) && !names(leaf, id);
  };
  const leading = found.filter((f) => f.leading);
  const shift = leading[0]?.offset ?? 0;
  const columnNumbers =
    leading.length >= 2 && shift !== 0 && leading.every((f) => f.offset === shift);
  return found
    .filter((f) => f.offset !== 0 && !(f.leading && columnNumbers) && !groupWords(f.col, f.named))
    .map((f) => ({
      cols: [f.col],
      ids: [form.byNumber.get(f.number) ?? '', f.named],
      conflict: { number: f.number },
    }));
}

/**
 * Every headed column's reading, in order: its indicator and what decided it, `name`, `stt`, a
 * column taught to be left out (not the form's, and nothing to report about it), or unknown.
 */
function columnReadings(
  width: number,
  headingOf: (c: number) => string,
  solved: SolvedColumns,
  nameCol: number | null,
  sttCol: number | null,
  taught: (string | undefined)[],
): ColumnReading[] {
  const readings: ColumnReading[] = [];
  for (let c = 0; c < width; c++) {
    const heading = headingOf(c);
    const s = solved.byCol.get(c);
    if (s)
      readings.push({
        col: c,
        heading,
        id: s.id,
        kind: s.kind,
        decidedBy: s.decidedBy,
        ...(s.group !== undefined ? { group: s.group } : {}),
        ...(s.sumOf !== undefined ? { sumOf: s.sumOf } : {}),
      });
    else if (c === nameCol) readings.push({ col: c, heading, id: 'name' });
    else if (c === sttCol) readings.push({ col: c, heading, id: 'stt' });
    else if (taught[c] === '-') readings.push({ col: c, heading, id: null, decidedBy: 'mapping' });
    else if (heading !== '') readings.push({ col: c, heading, id: null });
  }
  return readings;
}

/** A taught heading's indicator, when it is one of this form's (or `-`: leave the column out). */
function taughtId(ctx: RecognizeContext, form: PreparedForm, heading: string): string | undefined {
  if (!ctx.taught || heading === '') return undefined;
  // The whole path as read ("Hộ nghèo / Số hộ"), or its leaf alone.
  const leaf = heading.split(' / ').pop() ?? heading;
  const id =
    ctx.taught.headings.get(foldWords(heading)) ?? ctx.taught.headings.get(foldWords(leaf));
  if (id === '-') return id;
  return id !== undefined && form.order.has(id) ? id : undefined;
}

/** The text column left of the first indicator holding most names, when no heading says. */
function guessNameCol(
  grid: SheetGrid,
  from: number,
  to: number,
  solved: SolvedColumns,
  sttCol: number | null,
): number | null {
  // No column solved (every heading of the band left to the identities, none settled): the
  // names are looked for over the sheet's width, never past it.
  const first = Math.min(gridWidth(grid), ...solved.byCol.keys());
  let bestCount = 0;
  let nameCol: number | null = null;
  for (let c = 0; c < first; c++) {
    if (c === sttCol) continue;
    let n = 0;
    for (let r = from; r < Math.min(to, from + 60); r++) {
      const t = cellText(cellAt(grid, r, c));
      if (t !== '' && /[A-Za-zÀ-ỹ]/.test(t)) n++;
    }
    if (n > bestCount) {
      bestCount = n;
      nameCol = c;
    }
  }
  return nameCol;
}

/** Numbers of the candidate columns in the first rows of figures, for the identities. */
interface Probe {
  /** Row → column → value (raw) and whether the cell is formatted as a percent. */
  readonly rows: Map<number, { v: number; pct: boolean }>[];
}

/** The figures, read when an identity is first checked (most tables need none). */
function probeValues(
  grid: SheetGrid,
  from: number,
  to: number,
  cols: number[],
  decimal: DecimalMark,
): Probe {
  let rows: Probe['rows'] | null = null;
  return {
    get rows() {
      rows ??= readProbe(grid, from, to, cols, decimal);
      return rows;
    },
  };
}

/**
 * The decimal mark of the numbers typed as text in a table's columns, each told with its kind
 * (`count`, `percent`, or null when not known yet): see detectDecimalMark.
 */
export function tableDecimalMark(
  grid: SheetGrid,
  from: number,
  to: number,
  cols: readonly { col: number; kind: 'count' | 'percent' | null }[],
): DecimalMark {
  const texts = { count: [] as string[], percent: [] as string[], either: [] as string[] };
  // Every cell of the table: an indexed loop (a `for…of` costs an iterator per cell in code V8
  // has not optimized, most of a short run).
  for (let r = from; r < Math.min(to, grid.rows.length); r++)
    for (let k = 0; k < cols.length; k++) {
      const c = cols[k];
      if (!c) continue;
      const v = cellAt(grid, r, c.col)?.value;
      if (typeof v === 'string') texts[c.kind ?? 'either'].push(v);
    }
  return detectDecimalMark(texts.count, texts.percent, texts.either);
}

function readProbe(
  grid: SheetGrid,
  from: number,
  to: number,
  cols: number[],
  decimal: DecimalMark,
): Probe['rows'] {
  const rows: Probe['rows'] = [];
  for (let r = from; r < Math.min(to, from + PROBE_ROWS); r++) {
    const out = new Map<number, { v: number; pct: boolean }>();
    for (const c of cols) {
      const cell = cellAt(grid, r, c);
      if (!cell) continue;
      if (typeof cell.value === 'number')
        out.set(c, { v: cell.value, pct: isPercentFormat(cell.numFmt) });
      else if (typeof cell.value === 'string') {
        const p = parseNumberText(cell.value, decimal);
        if (p.ok) out.set(c, { v: p.value, pct: false });
      }
    }
    if (out.size > 0) rows.push(out);
  }
  return rows;
}

/** What a column was read as, and what decided it. */
interface SolvedReading {
  id: string;
  kind: MatchKind;
  decidedBy: ColumnDecision;
  /** See {@link ColumnReading.group}. */
  group?: string;
  /** See {@link ColumnReading.sumOf}. */
  sumOf?: number;
}

interface SolvedColumns {
  byCol: Map<number, SolvedReading>;
  duplicates: FormLayout['duplicates'];
  ambiguous: AmbiguousColumns[];
}

/**
 * Decides which column holds which indicator. A column whose heading names one indicator more
 * strongly than any other column does takes it. The rest — headings that fit several
 * indicators, indicators several headings fit — are decided together: every assignment is tried
 * against the form's identities on the rows of figures (fewest failures wins), then against the
 * form's order (fewest inversions wins). A tie left after both is ambiguous.
 */
function solveColumns(
  matches: HeadingMatch[][],
  form: PreparedForm,
  probe: Probe,
  rules: CompiledRule[],
  nameCol: number | null,
  sttCol: number | null,
  movement: number[],
  hidden: (c: number) => boolean = () => false,
): SolvedColumns {
  const options = columnOptions(matches, nameCol, sttCol);
  const settled = settleClaims(options, (a, b) => sameFigures(probe, a, b), hidden);
  const open = openReadings(settled, form, probe, rules);
  const decided = decideGroups(open, settled.byCol, form, probe, rules, movement);
  const duplicates = [...settled.duplicates];
  const ambiguous = [...decided.ambiguous];
  // Columns headed alike with different figures: the identities alone may tell which is the
  // form's (a plan's "Số hộ nghèo" beside the period's); an order or a tie is no evidence.
  for (const { id, cols } of settled.doubled) {
    const chosen = cols.filter((c) => decided.byCol.get(c)?.id === id);
    const [kept] = chosen;
    if (ambiguous.some((a) => a.cols.some((c) => cols.includes(c)))) continue;
    if (
      kept !== undefined &&
      chosen.length === 1 &&
      decided.byCol.get(kept)?.decidedBy === 'identity'
    ) {
      for (const c of cols)
        if (c !== kept) duplicates.push({ id, col: c, other: kept, byArithmetic: true });
      continue;
    }
    for (const c of cols) if (decided.byCol.get(c)?.id === id) decided.byCol.delete(c);
    ambiguous.push({ cols, ids: [id] });
  }
  const solved = { byCol: decided.byCol, duplicates, ambiguous };
  weakerClaims(solved, options, form, probe, rules, hidden);
  return solved;
}

/**
 * A column left unread whose heading also names, less strongly, an indicator another column
 * took ("Hộ nghèo / Trong đó: DTTS" beside "Hộ nghèo là người dân tộc thiểu số"): two columns
 * for one indicator, and the stronger heading alone does not say which holds the report's
 * figures. The same figures: either gives the report, which stays as read. Otherwise the shown
 * one of a shown and a hidden column is the form's (a hidden column is not in the report as
 * printed and signed), else the one on which the form's identities hold while they fail on the
 * other, else the two are ambiguous. A column taught (`povreport map add`) keeps its indicator.
 * Found by an outside tester: a hidden column of last year's figures under the form's own
 * heading was read in place of the visible one, and accepted.
 */
function weakerClaims(
  solved: SolvedColumns,
  options: Map<number, HeadingMatch[]>,
  form: PreparedForm,
  probe: Probe,
  rules: CompiledRule[],
  hidden: (c: number) => boolean,
): void {
  const { byCol, duplicates, ambiguous } = solved;
  const owner = new Map<string, number>();
  for (const [c, s] of byCol) owner.set(s.id, c);
  const placed = new Set([...duplicates.map((d) => d.col), ...ambiguous.flatMap((a) => a.cols)]);
  const mine = rules.filter((r) => r.spec.scope === 'row' && r.spec.form === form.spec.id);
  for (const [c, ms] of options) {
    if (byCol.has(c) || placed.has(c)) continue;
    const m = ms
      .filter((x) => strength(x) >= MATCH_STRENGTH.words && owner.has(x.id))
      .sort((x, y) => strength(y) - strength(x))[0];
    const o = m === undefined ? undefined : owner.get(m.id);
    const held = o === undefined ? undefined : byCol.get(o);
    if (m === undefined || o === undefined || held === undefined || held.decidedBy === 'mapping')
      continue;
    // The same figures: whichever is read, the report is the same (the other stays a column
    // outside the form, as it was).
    if (sameFigures(probe, c, o)) continue;
    placed.add(c);
    let keep: number | null = null;
    if (hidden(c) !== hidden(o)) keep = hidden(c) ? o : c;
    else {
      // Each read with the other columns as decided, without the other of the two.
      const others = new Map(byCol);
      others.delete(o);
      const fits = (col: number, x: HeadingMatch): boolean => {
        const f = identityFailures(new Map([[col, x]]), others, form, probe, mine);
        return f.failed === 0 && f.held > 0;
      };
      const oFits = fits(o, { id: m.id, kind: held.kind, depth: 0 });
      if (oFits !== fits(c, m)) keep = oFits ? o : c;
    }
    if (keep === null) {
      byCol.delete(o);
      owner.delete(m.id);
      placed.add(o);
      ambiguous.push({ cols: [o, c].sort((x, y) => x - y), ids: [m.id] });
      continue;
    }
    const gone = keep === c ? o : c;
    if (keep === c) {
      byCol.delete(o);
      byCol.set(c, { id: m.id, kind: m.kind, decidedBy: hidden(o) ? 'heading' : 'identity' });
      owner.set(m.id, c);
    }
    placed.add(gone);
    duplicates.push(
      hidden(c) !== hidden(o)
        ? { id: m.id, col: gone, other: keep, hidden: true }
        : { id: m.id, col: gone, other: keep, byArithmetic: true },
    );
  }
}

/** Whether two columns hold the same figures on every row (a copied column). */
function sameFigures(probe: Probe, a: number, b: number): boolean {
  return probe.rows.every((r) => r.get(a)?.v === r.get(b)?.v);
}

const strength = (m: HeadingMatch): number => MATCH_STRENGTH[m.kind];

/**
 * Each column's possible readings (the name and row-number columns have none). An exact reading
 * (taught, or an indicator's number under the deprivation heading) is the only one; among the
 * strong readings of a heading, the one using more of the path wins: "Hộ nghèo" under "Trong đó:
 * DTTS" is the poor of the ethnic minorities, not the poor, though its leaf alone says "Hộ nghèo".
 */
function columnOptions(
  matches: HeadingMatch[][],
  nameCol: number | null,
  sttCol: number | null,
): Map<number, HeadingMatch[]> {
  const options = new Map<number, HeadingMatch[]>();
  matches.forEach((ms, c) => {
    if (c === nameCol || c === sttCol || ms.length === 0) return;
    // An indicator's number under the deprivation heading is its exact name ("Việc làm / 2" is
    // indicator 2 under the dimension "Việc làm").
    const exact = ms.filter((m) => m.kind === 'mapping' || m.kind === 'number');
    if (exact.length > 0) {
      options.set(c, exact.slice(0, 1));
      return;
    }
    const strongDepth = Math.max(
      0,
      ...ms.filter((m) => strength(m) >= MATCH_STRENGTH.words).map((m) => m.depth),
    );
    options.set(
      c,
      ms.filter(
        (m) =>
          strength(m) < MATCH_STRENGTH.words ||
          m.depth >= strongDepth ||
          m.kind === 'number' ||
          m.kind === 'mapping',
      ),
    );
  });
  return options;
}

/** The columns the headings alone settled, and what is left open. */
interface SettledClaims {
  byCol: SolvedColumns['byCol'];
  duplicates: FormLayout['duplicates'];
  /** Indicators taken by a settled column. */
  taken: Set<string>;
  /** The readings of the columns not settled (some may be taken already). */
  options: Map<number, HeadingMatch[]>;
  /** Columns headed alike at the same depth with different figures, left to the identities. */
  doubled: { id: string; cols: number[] }[];
}

/**
 * Uncontested strong claims, repeated as claims settle: a column whose one strongest reading no
 * other column claims as strongly takes it. Headings saying the same indicator equally: the
 * shallower reading, then the first column, keeps it; a doubled column at the same depth is a
 * duplicate, a deeper one is not that indicator.
 */
function settleClaims(
  initial: Map<number, HeadingMatch[]>,
  sameFigures: (a: number, b: number) => boolean,
  hidden: (c: number) => boolean,
): SettledClaims {
  const options = new Map(initial);
  const byCol: SolvedColumns['byCol'] = new Map();
  const duplicates: FormLayout['duplicates'] = [];
  const doubled: SettledClaims['doubled'] = [];
  const contested = new Set<number>();
  const taken = new Set<string>();
  const openOf = (c: number): HeadingMatch[] =>
    (options.get(c) ?? []).filter((m) => !taken.has(m.id));
  const uniqueTop = (c: number): HeadingMatch | null => {
    const open = openOf(c);
    if (open.length === 0) return null;
    const top = Math.max(...open.map(strength));
    const tier = open.filter((m) => strength(m) === top);
    return tier.length === 1 && tier[0] ? tier[0] : null;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const c of [...options.keys()]) {
      if (openOf(c).length === 0) {
        options.delete(c);
        continue;
      }
      if (contested.has(c)) continue;
      const m = uniqueTop(c);
      if (!m || strength(m) < MATCH_STRENGTH.words) continue;
      const rivals = [...options.keys()].filter(
        (o) => o !== c && openOf(o).some((x) => x.id === m.id && strength(x) >= strength(m)),
      );
      // A rival that may be something else as strongly, or that says this more strongly: later.
      const same = rivals.filter((o) => {
        const u = uniqueTop(o);
        return u?.id === m.id && strength(u) === strength(m);
      });
      if (same.length !== rivals.length) continue;
      const claim = (o: number): HeadingMatch => uniqueTop(o) ?? m;
      const keeper = [c, ...same].sort((x, y) => claim(x).depth - claim(y).depth || x - y)[0];
      if (keeper !== c) continue;
      const twins = same.filter((o) => claim(o).depth === m.depth);
      // Different figures under one heading, one column shown and the others hidden: the shown
      // one is the form's (a hidden column is not in the report as printed and signed).
      const shown = [c, ...twins].filter((o) => !hidden(o));
      const [keep] = shown;
      if (twins.some((o) => !sameFigures(c, o)) && shown.length === 1 && keep !== undefined) {
        for (const o of [c, ...same]) {
          if (o !== keep && (o === c || twins.includes(o)))
            duplicates.push({ id: m.id, col: o, other: keep, hidden: true });
          options.delete(o);
        }
        byCol.set(keep, { id: m.id, kind: claim(keep).kind, decidedBy: 'heading' });
        taken.add(m.id);
        changed = true;
        continue;
      }
      if (twins.some((o) => !sameFigures(c, o))) {
        // Different figures under one heading: left open, for the identities to decide.
        for (const o of same) if (!twins.includes(o)) options.delete(o);
        doubled.push({ id: m.id, cols: [c, ...twins].sort((x, y) => x - y) });
        for (const o of [c, ...twins]) contested.add(o);
        continue;
      }
      for (const o of same) {
        if (twins.includes(o)) duplicates.push({ id: m.id, col: o, other: c });
        options.delete(o);
      }
      byCol.set(c, {
        id: m.id,
        kind: m.kind,
        decidedBy: m.kind === 'mapping' ? 'mapping' : 'heading',
      });
      taken.add(m.id);
      options.delete(c);
      changed = true;
    }
  }
  return { byCol, duplicates, taken, options, doubled };
}

/** The readings still open after the headings' claims, to be decided in groups. */
interface OpenReadings {
  /** Column → its strongest untaken readings the figures do not refute. */
  remaining: Map<number, HeadingMatch[]>;
  /** Columns some of whose readings the figures ruled out. */
  refuted: Set<number>;
}

/**
 * Each open column's strongest untaken readings. A heading that only loosely fits (a variant's
 * words with more, or fewer) is taken at its word when the form's identities, checked on the
 * figures, bear it out; the figures ruling readings out means the identities decided.
 */
function openReadings(
  settled: SettledClaims,
  form: PreparedForm,
  probe: Probe,
  rules: CompiledRule[],
): OpenReadings {
  const remaining = new Map<number, HeadingMatch[]>();
  const refuted = new Set<number>();
  for (const [c, ms] of settled.options) {
    const open = ms.filter((m) => !settled.taken.has(m.id));
    if (open.length === 0) continue;
    const top = Math.max(...open.map(strength));
    const level = open.filter((m) => strength(m) === top);
    const tier = level.filter(
      (m) =>
        strength(m) >= MATCH_STRENGTH.words || bornOut(c, m, settled.byCol, form, probe, rules),
    );
    if (tier.length > 0) remaining.set(c, tier);
    if (tier.length > 0 && tier.length < level.length) refuted.add(c);
  }
  return { remaining, refuted };
}

/**
 * The open columns decided by connected groups of columns and the indicators they may be, settled
 * groups first (one column, one reading), so that the identities deciding the others can be
 * checked with every column they need. A group left tied is ambiguous.
 */
function decideGroups(
  open: OpenReadings,
  settled: SolvedColumns['byCol'],
  form: PreparedForm,
  probe: Probe,
  rules: CompiledRule[],
  movement: number[],
): { byCol: SolvedColumns['byCol']; ambiguous: AmbiguousColumns[] } {
  const { remaining, refuted } = open;
  const byCol: SolvedColumns['byCol'] = new Map(settled);
  const ambiguous: AmbiguousColumns[] = [];
  const groups = connectedGroups(remaining).sort(
    (a, b) => choices(a, remaining) - choices(b, remaining),
  );
  for (const group of groups) {
    const decided = decideGroup(group, remaining, byCol, form, probe, rules, movement);
    if (decided === 'ambiguous') {
      const ids = [...new Set(group.flatMap((c) => (remaining.get(c) ?? []).map((m) => m.id)))];
      ambiguous.push({ cols: group, ids });
      continue;
    }
    for (const [c, v] of decided)
      byCol.set(
        c,
        v.decidedBy === 'heading' && refuted.has(c) ? { ...v, decidedBy: 'identity' } : v,
      );
  }
  return { byCol, ambiguous };
}

function choices(group: number[], remaining: Map<number, HeadingMatch[]>): number {
  return group.reduce((n, c) => n * ((remaining.get(c)?.length ?? 0) + 1), 1);
}

function connectedGroups(remaining: Map<number, HeadingMatch[]>): number[][] {
  const groups: number[][] = [];
  const seen = new Set<number>();
  for (const start of remaining.keys()) {
    if (seen.has(start)) continue;
    const group: number[] = [];
    const ids = new Set<string>();
    const queue = [start];
    seen.add(start);
    while (queue.length > 0) {
      const c = queue.shift() as number;
      group.push(c);
      for (const m of remaining.get(c) ?? []) ids.add(m.id);
      for (const [o, oms] of remaining)
        if (!seen.has(o) && oms.some((m) => ids.has(m.id))) {
          seen.add(o);
          queue.push(o);
        }
    }
    groups.push(group.sort((a, b) => a - b));
  }
  return groups;
}

/** The indicator each column of a group is read as, and what decided it. */
type Decided = Map<number, { id: string; kind: MatchKind; decidedBy: ColumnDecision }>;

/** One way of reading a group's columns, with the evidence for it. */
interface ScoredAssignment {
  a: Map<number, HeadingMatch>;
  fails: { failed: number; held: number };
  count: number;
  agree: number;
  inversions: number;
}

/**
 * The reading of a group of undecided columns: the assignment that reads most columns, then breaks
 * fewest identities on the figures (and lets most be checked), then agrees most with "Tăng"/"Giảm"
 * over the columns, then goes least against the form's order. Two assignments equal on all of
 * these and different: ambiguous.
 */
function decideGroup(
  group: number[],
  remaining: Map<number, HeadingMatch[]>,
  fixed: SolvedColumns['byCol'],
  form: PreparedForm,
  probe: Probe,
  rules: CompiledRule[],
  movement: number[],
): Decided | 'ambiguous' {
  const single = group.length === 1 ? remaining.get(group[0] ?? -1) : undefined;
  if (single?.length === 1 && single[0] && group[0] !== undefined) {
    // One reading for one column, nothing competing.
    const m = single[0];
    return new Map([[group[0], { id: m.id, kind: m.kind, decidedBy: 'heading' as const }]]);
  }
  const relevant = rules.filter(
    (r) =>
      r.spec.scope === 'row' &&
      r.spec.form === form.spec.id &&
      [...referencedIds(r.left), ...referencedIds(r.right)].some((id) =>
        group.some((c) => (remaining.get(c) ?? []).some((m) => m.id === id)),
      ),
  );
  const signs = movementSigns(form, rules);
  const scored = assignmentsOf(group, remaining).map((a): ScoredAssignment => ({
    a,
    fails: identityFailures(a, fixed, form, probe, relevant),
    count: a.size,
    // "Tăng" over a column: the reading whose indicator the balance adds agrees with it.
    agree: [...a].reduce((n, [c, m]) => n + (movement[c] ?? 0) * (signs.get(m.id) ?? 0), 0),
    inversions: orderInversions(a, fixed, form),
  }));
  scored.sort(
    (x, y) =>
      y.count - x.count ||
      x.fails.failed - y.fails.failed ||
      y.fails.held - x.fails.held ||
      y.agree - x.agree ||
      x.inversions - y.inversions,
  );
  return bestAssignment(scored);
}

/**
 * Every assignment of a group: each column one of its options or nothing, no indicator twice
 * (at most about {@link MAX_ASSIGNMENTS} tried).
 */
function assignmentsOf(
  group: number[],
  remaining: Map<number, HeadingMatch[]>,
): Map<number, HeadingMatch>[] {
  const assignments: Map<number, HeadingMatch>[] = [];
  let tried = 0;
  const walk = (i: number, cur: Map<number, HeadingMatch>, used: Set<string>): void => {
    if (tried++ > MAX_ASSIGNMENTS) return;
    const c = group[i];
    if (c === undefined) {
      assignments.push(new Map(cur));
      return;
    }
    for (const m of remaining.get(c) ?? []) {
      if (used.has(m.id)) continue;
      cur.set(c, m);
      used.add(m.id);
      walk(i + 1, cur, used);
      used.delete(m.id);
      cur.delete(c);
    }
    walk(i + 1, cur, used);
  };
  walk(0, new Map(), new Set());
  return assignments;
}

/**
 * The first of the ranked assignments, with what set it apart from the second (`identity`,
 * `heading` or `order`); ambiguous when nothing does and they differ; nothing when it reads no
 * column.
 */
function bestAssignment(scored: ScoredAssignment[]): Decided | 'ambiguous' {
  const [first, second] = scored;
  if (!first) return new Map();
  if (first.count === 0) return new Map();
  let decidedBy: ColumnDecision = 'heading';
  if (second && second.count === first.count) {
    if (second.fails.failed !== first.fails.failed || second.fails.held !== first.fails.held)
      decidedBy = 'identity';
    else if (second.agree !== first.agree) decidedBy = 'heading';
    else if (second.inversions !== first.inversions) decidedBy = 'order';
    else if (!sameAssignment(first.a, second.a)) return 'ambiguous';
  }
  const out: Decided = new Map();
  for (const [c, m] of first.a) out.set(c, { id: m.id, kind: m.kind, decidedBy });
  return out;
}

function bornOut(
  c: number,
  m: HeadingMatch,
  fixed: SolvedColumns['byCol'],
  form: PreparedForm,
  probe: Probe,
  rules: CompiledRule[],
): boolean {
  const mine = rules.filter(
    (r) =>
      r.spec.scope === 'row' &&
      r.spec.form === form.spec.id &&
      [...referencedIds(r.left), ...referencedIds(r.right)].includes(m.id),
  );
  const f = identityFailures(new Map([[c, m]]), fixed, form, probe, mine);
  // Identities that cannot be checked yet (the others of the balance unread) do not refute it.
  return f.failed <= f.held;
}

const signMemo = new WeakMap<PreparedForm, Map<string, number>>();

/**
 * The sign the form's balance gives each column (`poor_end = poor_start − exits … + entries …`):
 * +1 for what adds to the households, −1 for what takes from them. Read off the rules.
 */
function movementSigns(form: PreparedForm, rules: CompiledRule[]): Map<string, number> {
  const hit = signMemo.get(form);
  if (hit) return hit;
  const signs = new Map<string, number>();
  for (const rule of rules) {
    if (rule.spec.scope !== 'row' || rule.spec.form !== form.spec.id) continue;
    if (rule.spec.operator !== '==' || rule.left.type !== 'ref') continue;
    const base = evaluate(rule.right, () => 0) ?? 0;
    const coef = new Map<string, number>();
    for (const id of referencedIds(rule.right))
      coef.set(id, (evaluate(rule.right, (x) => (x === id ? 1 : 0)) ?? base) - base);
    // A balance adds some columns and takes others away; a plain sum tells no direction.
    const values = [...coef.values()];
    if (!values.some((v) => v > 0) || !values.some((v) => v < 0)) continue;
    for (const [id, v] of coef) if (v !== 0) signs.set(id, Math.sign(v));
  }
  signMemo.set(form, signs);
  return signs;
}

function sameAssignment(a: Map<number, HeadingMatch>, b: Map<number, HeadingMatch>): boolean {
  if (a.size !== b.size) return false;
  for (const [c, m] of a) if (b.get(c)?.id !== m.id) return false;
  return true;
}

/**
 * How the form's identities fare under an assignment, over the probed rows: failures, and
 * identities that could be checked and held (a reading that lets more identities be checked and
 * hold is better evidence).
 */
function identityFailures(
  a: Map<number, HeadingMatch>,
  fixed: SolvedColumns['byCol'],
  form: PreparedForm,
  probe: Probe,
  rules: CompiledRule[],
): { failed: number; held: number } {
  const colOf = new Map<string, number>();
  for (const [c, s] of fixed) colOf.set(s.id, c);
  for (const [c, m] of a) colOf.set(m.id, c);
  const kind = new Map(form.spec.columns.map((c) => [c.id, c.kind]));
  let failed = 0;
  let held = 0;
  for (const row of probe.rows) {
    const look = (id: string): number | null => {
      const c = colOf.get(id);
      if (c === undefined) return null;
      const v = row.get(c);
      if (!v) return null;
      return kind.get(id) === 'percent' && v.pct ? v.v * 100 : v.v;
    };
    for (const rule of rules) {
      const l = evaluate(rule.left, look);
      const r = evaluate(rule.right, look);
      if (l === null || r === null) continue;
      const tol = rule.spec.levels?.[0]?.tolerance ?? rule.spec.tolerance ?? 0;
      if (compare(l, rule.spec.operator, r, tol)) held++;
      else failed++;
    }
  }
  return { failed, held };
}

/**
 * How far an assignment goes against the form's order, counted against the columns the headings
 * settled: a "Tỷ lệ (%)" right after "Số hộ nghèo" is its rate. The order of the undecided
 * columns among themselves is no evidence (two "Hộ DTTS" side by side could be either way).
 */
function orderInversions(
  a: Map<number, HeadingMatch>,
  fixed: SolvedColumns['byCol'],
  form: PreparedForm,
): number {
  const settled: [number, number][] = [];
  for (const [c, s] of fixed) settled.push([c, form.order.get(s.id) ?? 0]);
  let n = 0;
  for (const [c, m] of a) {
    const o = form.order.get(m.id) ?? 0;
    for (const [fc, fo] of settled) if ((fc < c && fo > o) || (fc > c && fo < o)) n++;
  }
  return n;
}

/**
 * A column of figures whose heading names nothing of the form, read as the one column of the form
 * no heading gave, when the form's order and its identities both say so: it stands where that
 * column stands among the columns read (or, the file's groups moved, under a "Tăng"/"Giảm"
 * heading that agrees with the balance's sign), and every rule that uses that column holds on the rows
 * of figures, an equality at least twice, with a figure other than 0 in it ("Thoát nghèo lên
 * hộ CN" in Biểu 02's place of the exits to near-poor, the balance holding row by row). When more
 * than one column of the form fits, or more than one column has no reading, nothing is guessed:
 * the form's column stays missing.
 */
function unheadedColumn(
  grid: SheetGrid,
  band: BandCandidate,
  solved: SolvedColumns,
  notFigures: (number | null)[],
  rules: CompiledRule[],
  dataEnd: number,
  decimal: DecimalMark,
  movement: number[],
): { col: number; reading: SolvedReading } | null {
  const { form } = band;
  if (solved.ambiguous.length > 0) return null;
  const signs = movementSigns(form, rules);
  const assigned = new Set([...solved.byCol.values()].map((s) => s.id));
  const missing = form.spec.columns.filter((c) => !assigned.has(c.id)).map((c) => c.id);
  if (missing.length === 0) return null;
  const doubled = new Set(solved.duplicates.map((d) => d.col));
  const others = new Set(notFigures.filter((c): c is number => c !== null));
  const fixedCols = [...solved.byCol.keys()];
  const last = band.paths.length - 1;
  const unheaded: number[] = [];
  for (let c = 0; c <= last; c++)
    if (!solved.byCol.has(c) && !others.has(c) && !doubled.has(c)) unheaded.push(c);
  const probe = probeValues(grid, band.dataStart, dataEnd, [...fixedCols, ...unheaded], decimal);
  const withFigures = unheaded.filter((c) => probe.rows.some((r) => r.has(c)));
  const [col] = withFigures;
  if (col === undefined || withFigures.length > 1) return null;
  const nonZero = probe.rows.some((r) => (r.get(col)?.v ?? 0) !== 0);
  if (!nonZero) return null;
  // The twelve deprivation counts all enter one sum: the sum holds with any indicator's counts in
  // the place of the one missing ("Xử lý rác thải", the 2027 standard's, where the 2022–2025
  // "Phương tiện tiếp cận thông tin" stands). Their place and the sum say which indicator only
  // when the heading also shares a word with it ("Giáo dục (trẻ em)").
  const indicators = new Set(form.byNumber.values());
  const leafWords = new Set(
    (band.paths[col]?.candidates ?? []).filter((x) => x.depth === 1).flatMap((x) => x.words),
  );
  const sharesWord = (id: string): boolean =>
    form.columns.some(
      (pc) => pc.id === id && pc.wordLists.some((ws) => ws.some((w) => leafWords.has(w))),
    );
  /**
   * What places the column as `id`: the form's order among the columns read, or, the file's
   * groups moved ("Tăng" before "Giảm"), a group heading over it that says what the balance does
   * with `id`; null when neither does, or the heading says the opposite ("Tăng" over a decrease).
   */
  const placedBy = (id: string): 'order' | 'group' | null => {
    const sign = (movement[col] ?? 0) * (signs.get(id) ?? 0);
    if (sign < 0) return null;
    const m: HeadingMatch = { id, kind: 'generic', depth: 0 };
    if (orderInversions(new Map([[col, m]]), solved.byCol, form) === 0) return 'order';
    return sign > 0 ? 'group' : null;
  };
  const placed = new Map<string, 'order' | 'group' | number>();
  const fits = missing.filter((id) => {
    if (indicators.has(id) && !sharesWord(id)) return false;
    const mine = rules.filter(
      (r) =>
        r.spec.scope === 'row' &&
        r.spec.form === form.spec.id &&
        [...referencedIds(r.left), ...referencedIds(r.right)].includes(id),
    );
    // An equality proves the figures (an inequality holds for many): at least one must hold, on
    // two rows or more, and no rule may fail.
    const equal = mine.filter((r) => r.spec.operator === '==');
    // Out of the form's order, the column an equality makes the sum of three or more of the
    // form's columns is still placed by that sum ("Cộng" of the twelve deprivations, moved last):
    // figures equal to such a sum on every row are no coincidence.
    const place = placedBy(id) ?? sumOfColumns(equal, id);
    if (place === null) return false;
    placed.set(id, place);
    const m: HeadingMatch = { id, kind: 'generic', depth: 0 };
    const f = identityFailures(new Map([[col, m]]), solved.byCol, form, probe, mine);
    const e = identityFailures(new Map([[col, m]]), solved.byCol, form, probe, equal);
    return f.failed === 0 && e.held >= 2;
  });
  const [id] = fits;
  if (id === undefined || fits.length > 1) return null;
  const how = placed.get(id);
  const group = how === 'group' ? band.paths[col]?.texts.slice(0, -1).join(' / ') : undefined;
  return {
    col,
    reading: {
      id,
      kind: 'generic',
      decidedBy: 'arithmetic',
      ...(group !== undefined ? { group } : {}),
      ...(typeof how === 'number' ? { sumOf: how } : {}),
    },
  };
}

/**
 * How many columns an equality of `rules` makes `id` the sum of, when it is the whole of one side
 * and the other side names three or more columns; null when none does.
 */
function sumOfColumns(rules: readonly CompiledRule[], id: string): number | null {
  for (const r of rules) {
    const left = referencedIds(r.left);
    const right = referencedIds(r.right);
    const alone = (ids: string[]): boolean => ids.length === 1 && ids[0] === id;
    const summed = alone(left) ? r.right : alone(right) ? r.left : null;
    if (summed === null || !additionOnly(summed)) continue;
    const ids = referencedIds(summed);
    if (ids.length >= 3 && !ids.includes(id)) return ids.length;
  }
  return null;
}

/** Whether an expression only adds columns up (`a + b + sum(x_*)`). */
function additionOnly(e: Expr): boolean {
  if (e.type === 'ref' || e.type === 'sum') return true;
  return e.type === 'bin' && e.op === '+' && additionOnly(e.left) && additionOnly(e.right);
}

/** Whether a folded label names a deprivation group (for tests and the vocabulary's users). */
export function isDeprivationGroup(label: string, ctx: RecognizeContext): boolean {
  const w = foldWords(label);
  return ctx.prepared.vocab.deprivationGroup.some((p) => hasPhrase(w, p));
}
