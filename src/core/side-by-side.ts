/**
 * Forms laid side by side in one sheet: Biểu 01 in columns A–I, Biểu 02 in K–S, … each block of
 * columns with its own heading, the blocks apart by an empty column. Some communes lay their
 * whole report out so, on one printed sheet; some give the villages' names once, at the left,
 * and the forms' figures to the right of them.
 *
 * Read as one table, such a sheet has every heading several times ("Số hộ nghèo" in Biểu 01,
 * 02 and 04) and no form reads cleanly. Split by structure, each block is a sheet of its own: a
 * block is a run of columns between columns empty in every heading and figure row, and holds
 * figures; or, without an empty column between, the columns from where the block's names come
 * again row for row (with its row numbers before them when those come again too). A block
 * without a column of names (the villages named once, at the left) is read
 * with the name columns of the nearest block to its left that has them. The blocks keep the
 * sheet's name and their own columns, so every cell is said where it is in the sheet.
 *
 * Whether the sheet is read so is decided by what each reading finds (`findSheetLayouts` in
 * validate-book.ts): only when every block reads as a form and together they read more forms
 * than the sheet read whole. A sheet whose one form has an empty column between its columns
 * splits into blocks that read one form, or none, and is read whole as before.
 */
import { cellText, isNumericCell } from './recognize.js';
import { gridWidth, isFilledCell, type CellRange, type SheetCell, type SheetGrid } from './grid.js';

/** Bands of a grid of forms on one sheet, at most: one per form, and one more. */
const MAX_BANDS = 6;

/** Rows of headings looked at above the first row of figures, at most. */
const HEADING_ROWS = 12;

/** The sheet each block was cut from. */
const origins = new WeakMap<SheetGrid, SheetGrid>();

/** The sheet a block was cut from; the sheet itself when it is no block. */
export function sheetOf(grid: SheetGrid): SheetGrid {
  return origins.get(grid) ?? grid;
}

/** A run of columns, first and last (0-based, inclusive). */
interface Span {
  first: number;
  last: number;
}

/** Whether a cell holds anything a column can be told empty without: a value, a formula, an error. */
function holds(cell: SheetCell | undefined): boolean {
  return isFilledCell(cell) || cell?.formula !== undefined || cell?.error !== undefined;
}

/** Whether a row holds figures: two numbers or more. */
function isFigureRow(row: readonly (SheetCell | undefined)[] | undefined): boolean {
  let n = 0;
  for (const cell of row ?? []) if (isNumericCell(cell) && ++n >= 2) return true;
  return false;
}

function isWords(cell: SheetCell | undefined): boolean {
  return typeof cell?.value === 'string' && cellText(cell) !== '' && !isNumericCell(cell);
}

/**
 * The sheet's blocks of forms side by side, each as a sheet of its own (see the module's note);
 * null when the sheet is not so laid out (fewer than two blocks of figures).
 */
export function sideBySideBlocks(grid: SheetGrid): SideBySide | null {
  const width = gridWidth(grid);
  if (width < 5) return null;
  const figureRows: number[] = [];
  for (let r = 0; r < grid.rows.length; r++) if (isFigureRow(grid.rows[r])) figureRows.push(r);
  const firstFigures = figureRows[0];
  const lastFigures = figureRows[figureRows.length - 1];
  if (firstFigures === undefined || lastFigures === undefined) return null;
  // The headings: the rows right above the first row of figures, up to a blank row.
  let top = firstFigures;
  while (top > 0 && firstFigures - top < HEADING_ROWS && (grid.rows[top - 1] ?? []).some(holds))
    top--;
  const used: boolean[] = new Array<boolean>(width).fill(false);
  for (let r = top; r <= lastFigures; r++) {
    const row = grid.rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) if (holds(row[c])) used[c] = true;
  }
  const spans: Span[] = [];
  for (let c = 0; c < width; c++) {
    if (!used[c]) continue;
    const last = spans[spans.length - 1];
    if (last && last.last === c - 1) last.last = c;
    else spans.push({ first: c, last: c });
  }
  // A block holds figures; a column of notes or words alone beside a block belongs to it.
  const hasFigures = (s: Span): boolean =>
    figureRows.some((r) => {
      const row = grid.rows[r] ?? [];
      for (let c = s.first; c <= s.last; c++) if (isNumericCell(row[c])) return true;
      return false;
    });
  const runs: Span[] = [];
  for (const s of spans) {
    const last = runs[runs.length - 1];
    if (!hasFigures(s) && last) last.last = s.last;
    else if (!hasFigures(s)) continue;
    else runs.push({ ...s });
  }
  // The name columns of a block: from its first column to its first column of words (the names
  // of most rows of figures), when it has one.
  const nameColumns = (s: Span): Span | null => {
    for (let c = s.first; c <= s.last; c++) {
      let words = 0;
      for (const r of figureRows) if (isWords(grid.rows[r]?.[c])) words++;
      if (words * 2 >= figureRows.length) return { first: s.first, last: c };
    }
    return null;
  };
  // Blocks without an empty column between them: a block starts again where its names come
  // again, row for row (with the row numbers before them when those come again too).
  // Compared cell by cell, stopping at the first difference: every column of every sheet is
  // looked at, and most differ from the names in their first row of figures.
  const text = (r: number, c: number): string => cellText(grid.rows[r]?.[c]);
  const same = (a: number, b: number): boolean =>
    figureRows.every((r) => text(r, a) === text(r, b));
  const blocks: Span[] = [];
  for (const run of runs) {
    let b = { ...run };
    const names = nameColumns(b);
    const named = names ? figureRows.filter((r) => text(r, names.last) !== '').length : 0;
    if (names && named >= 2)
      for (let c = names.last + 2; c <= b.last; c++) {
        if (!same(c, names.last)) continue;
        const numbered = names.last > names.first && c - 1 > names.last && same(c - 1, b.first);
        const start = numbered ? c - 1 : c;
        blocks.push({ first: b.first, last: start - 1 });
        b = { first: start, last: b.last };
        c = start + 1;
      }
    blocks.push(b);
  }
  if (blocks.length < 2) return null;
  // Each block with the names it is read with: its own, or the nearest block's to its left.
  const withNames: { block: Span; names: Span | null }[] = [];
  let names: Span | null = null;
  for (const b of blocks) {
    const own = nameColumns(b);
    if (own) names = own;
    withNames.push({ block: b, names: own || !names ? null : names });
  }
  const of = (i: number, j: number): SheetGrid => {
    const a = withNames[i];
    const b = withNames[j];
    if (!a || !b) throw new RangeError(`no blocks ${i}–${j}`);
    const span = { first: a.block.first, last: b.block.last };
    return cut(grid, a.names ? [a.names, span] : [span]);
  };
  return { blocks: withNames.map((_, i) => of(i, i)), joined: of };
}

/** A sheet's blocks of forms side by side (see the module's note). */
export interface SideBySide {
  /** Each block as a sheet of its own, left to right. */
  blocks: SheetGrid[];
  /**
   * Blocks `i` to `j` as one (a form with an empty column between its own columns splits into
   * two blocks, neither of them a form).
   */
  joined(i: number, j: number): SheetGrid;
}

/** The sheet with only the cells of `spans`' columns, at the same rows and columns. */
function cut(grid: SheetGrid, spans: Span[]): SheetGrid {
  const inSpans = (c: number): boolean => spans.some((s) => c >= s.first && c <= s.last);
  const rows = grid.rows.map((row) => {
    const kept: (SheetCell | undefined)[] = [];
    if (!row) return kept;
    for (const s of spans)
      for (let c = s.first; c <= Math.min(s.last, row.length - 1); c++) {
        const cell = row[c];
        if (cell !== undefined) kept[c] = cell;
      }
    return kept;
  });
  const merges: CellRange[] = [];
  for (const m of grid.merges) {
    const span = spans.find((s) => m.left >= s.first && m.left <= s.last);
    if (span) merges.push({ ...m, right: Math.min(m.right, span.last) });
  }
  const block: SheetGrid = { ...grid, rows, merges };
  if (grid.hiddenColumns)
    block.hiddenColumns = grid.hiddenColumns.filter(([a, b]) => {
      for (let c = a; c <= b; c++) if (inSpans(c)) return true;
      return false;
    });
  origins.set(block, sheetOf(grid));
  return block;
}

/**
 * The sheet's bands of rows, each a sheet of its own at the same rows and columns: forms laid
 * out as a grid on one printed page (Biểu 01, 02 and 03 side by side, Biểu 04 and 05 side by side
 * under them) are read band by band, each band whole or block by block. A band ends with a run
 * of rows of figures (two numbers or more) and the next starts on the row after it, so a band
 * holds its tables' titles and headings. Null when the sheet has fewer than two such bands, or
 * more than {@link MAX_BANDS}: rows of figures broken by many text rows (villages under group
 * labels, a long list) are no grid of forms, and a band is a copy of the sheet's row list.
 */
export function rowBands(grid: SheetGrid): SheetGrid[] | null {
  const ends: number[] = [];
  let figures = isFigureRow(grid.rows[0]);
  for (let r = 0; r < grid.rows.length; r++) {
    const next = isFigureRow(grid.rows[r + 1]);
    if (figures && !next && ends.push(r) > MAX_BANDS) return null;
    figures = next;
  }
  if (ends.length < 2) return null;
  const bands: SheetGrid[] = [];
  let from = 0;
  ends.forEach((end, i) => {
    // The last band keeps the rows under it (a signature block, notes).
    const to = i === ends.length - 1 ? grid.rows.length - 1 : end;
    const rows = grid.rows.map((row, r) => (r >= from && r <= to ? row : []));
    const merges = grid.merges.filter((m) => m.top >= from && m.top <= to);
    const band: SheetGrid = { ...grid, rows, merges };
    origins.set(band, sheetOf(grid));
    bands.push(band);
    from = end + 1;
  });
  return bands;
}
