/**
 * The neutral shape every reader produces: a sheet as a grid of cells with addresses. The core
 * never sees exceljs or csv-parse objects, only this.
 */

/** One non-empty cell as the reader found it. */
export interface SheetCell {
  /**
   * The value: a number, a text, a boolean or a date. For a formula, the saved result. For a CSV
   * every value is the raw text of the field (numbers are parsed by the core, which knows the
   * Vietnamese separators).
   */
  value: number | string | boolean | Date | null;
  /** Excel number format of the cell (e.g. `0.00%`), when it has one other than General. */
  numFmt?: string;
  /** An Excel error value (`#REF!`, `#DIV/0!`…) held by the cell or by its formula's result. */
  error?: string;
  /** The formula text, without the leading `=`, when the cell holds a formula. */
  formula?: string;
  /** True when the cell holds a formula but the file has no saved result for it. */
  noResult?: boolean;
}

/**
 * Whether a cell's number format shows its value times 100 (`0.00%`): a `%` outside quotes and
 * not escaped. `0.00"%"` and `0.00\%` only print the sign after the value as it is (25.82 shown
 * "25.82%"), as a district that typed its rates in percent makes them look.
 */
export function isPercentFormat(numFmt: string | undefined): boolean {
  if (numFmt === undefined || !numFmt.includes('%')) return false;
  let quoted = false;
  for (let i = 0; i < numFmt.length; i++) {
    const ch = numFmt[i];
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\\' || ch === '_' || ch === '*') i++;
    else if (ch === '%') return true;
  }
  return false;
}

/**
 * What a streaming reader hands over for a filled cell of a column its consumer said it does not
 * read (see `LargeSource.stream`): that the cell holds something, without its text decoded. Given
 * only in rows with at least two filled cells; a row with one filled cell has it read whole (a
 * village or commune written in the name column is a label the list reader reads).
 */
export const UNREAD_CELL: SheetCell = Object.freeze({ value: '\u2026' });

/**
 * Whether a cell holds something (a value, an error), without reading its text out: a text of
 * spaces only (\s takes in the no-break space) or zero-width spaces is not something.
 */
export function isFilledCell(c: SheetCell | undefined): boolean {
  if (!c) return false;
  // A million names handed over unread: known filled without looking at the mark's text.
  if (c === UNREAD_CELL) return true;
  const v = c.value;
  if (v === null || v === undefined) return false;
  if (typeof v !== 'string') return true;
  // A printable ASCII first character is filled; otherwise the whole text is looked at.
  const c0 = v.charCodeAt(0);
  return (c0 > 0x20 && c0 < 0x7f) || FILLED_TEXT.test(v);
}

const FILLED_TEXT = /[^\s\u200b]/;

/** An inclusive rectangle of cells, 0-based. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One sheet of a workbook, or one CSV file. */
export interface SheetGrid {
  /** Sheet name; for a CSV, null (findings then name only the cell). */
  name: string | null;
  /** Whether the sheet is hidden (hidden metadata sheets are read, never reported as extra). */
  hidden: boolean;
  /** `rows[r][c]`, both 0-based; `undefined` for an empty cell or row. */
  rows: (SheetCell | undefined)[][];
  /** Merged ranges (the value sits in the top-left cell). */
  merges: CellRange[];
  /**
   * The columns the sheet hides, as 0-based ranges `[first, last]` (xlsx, Excel 2003 XML): not in
   * the report as printed and signed. Of two columns headed alike, the visible one is the form's.
   */
  hiddenColumns?: [number, number][];
  /**
   * The rows the sheet hides, 0-based, ascending (xlsx, Excel 2003 XML). A hidden row of a form
   * is left out when the table adds up without it (`structureTable`), as the form is printed.
   */
  hiddenRows?: number[];
  /**
   * The texts of the sheet's printed page header (xlsx `oddHeader`, `firstHeader`), its left,
   * centre and right parts and lines each a text, Excel's codes (page number, font) left out.
   * Some communes' reports name the commune there only.
   */
  pageHeader?: string[];
  /**
   * Set on a sheet too large to hold (a province's household list): `rows` are its first rows
   * only, enough to recognise it, and its other rows are streamed to the list reader afterwards
   * (see `beginBook`). Such a sheet's merged ranges are not known.
   */
  headOnly?: boolean;
}

/** How a file was read, for `--verbose`. */
export interface ReadInfo {
  /**
   * `xlsx`; `csv`; `html`: an HTML page of tables (a web system's "Xuất Excel" `.xls`);
   * `xml2003`: an Excel 2003 XML Spreadsheet.
   */
  format: 'xlsx' | 'csv' | 'html' | 'xml2003';
  /** Read as LibreOffice converted it to xlsx, from an Excel 97–2003 (`xls`) or OpenDocument file. */
  convertedFrom?: 'xls' | 'ods';
  /**
   * CSV, HTML and Excel 2003 XML: the detected encoding (`utf-8`, `utf-8-bom`, `utf-16le`,
   * `windows-1258`…).
   */
  encoding?: string;
  /** CSV only: the delimiter used. */
  delimiter?: string;
}

/** Converts 0-based row and column indexes to an A1 address (`E12`). */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

/** Converts a 0-based column index to its letters (0 → A, 26 → AA). */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The cell at (row, col), if any. */
export function cellAt(grid: SheetGrid, row: number, col: number): SheetCell | undefined {
  return grid.rows[row]?.[col];
}

/** The number of columns of the widest row. */
export function gridWidth(grid: SheetGrid): number {
  let w = 0;
  for (const r of grid.rows) if (r && r.length > w) w = r.length;
  return w;
}

/** Whether column `c` (0-based) of the sheet is hidden. */
export function isHiddenColumn(grid: SheetGrid, c: number): boolean {
  return grid.hiddenColumns?.some(([first, last]) => c >= first && c <= last) ?? false;
}
