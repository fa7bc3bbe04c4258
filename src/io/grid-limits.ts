/**
 * Bounds on the grids every reader lays out (xlsx, CSV, HTML tables, Excel 2003 XML), one budget
 * per file. A file of 50 MB can ask for far more than it holds: `colspan="1000000"`,
 * `rowspan="65535"`, `ss:Index` near the last row, a merged range over a whole column, a line of
 * a million semicolons, millions of tiny cells. Excel's own sheet size clips spans and positions;
 * merged ranges are clipped to the cells a sheet holds; a budget of cells and of layout steps
 * stops the rest before it costs memory or minutes.
 */
import { GridLimitError } from '../core/errors.js';
import { gridWidth, type CellRange, type SheetCell, type SheetGrid } from '../core/grid.js';

/** Excel's last row (1-based count), since Excel 2007. */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Excel's last column (XFD), since Excel 2007. */
export const EXCEL_MAX_COLUMNS = 16_384;

/**
 * Most cells one file may hold. A district's five forms are a few thousand cells, a province's
 * villages in five forms a few hundred thousand. What a file within the budget costs was measured
 * (README, "Giới hạn an toàn"): exceljs and the checks need about 0.6 KB and 15 µs per cell, so
 * half a million cells stay within a 512 MB heap and a quarter of a minute.
 */
export const DEFAULT_MAX_CELLS = 500_000;

/**
 * The one empty row every gap of a markup grid points to: a cell at row 1 048 576 then costs a
 * million pointers, not a million arrays. Frozen, so a writer that forgets to replace it fails
 * loudly instead of writing into every gap at once.
 */
const EMPTY_ROW = Object.freeze([]) as unknown as (SheetCell | undefined)[];

/**
 * Puts `cell` at (`r`, `c`) of `rows`, filling the rows and columns before it with gaps; each
 * gap is a layout step of `budget`.
 */
export function placeCell(
  rows: (SheetCell | undefined)[][],
  r: number,
  c: number,
  cell: SheetCell,
  budget: LayoutBudget,
): void {
  if (rows.length < r) {
    budget.spend(r - rows.length);
    while (rows.length < r) rows.push(EMPTY_ROW);
  }
  let row = rows[r];
  if (row === undefined || row === EMPTY_ROW) {
    row = [];
    rows[r] = row;
  }
  if (row.length < c) {
    budget.spend(c - row.length);
    while (row.length < c) row.push(undefined);
  }
  row[c] = cell;
}

/** Pads `rows` to `length` rows with the shared empty row. */
export function padRows(rows: (SheetCell | undefined)[][], length: number): void {
  while (rows.length < length) rows.push(EMPTY_ROW);
}

/**
 * Clips a sheet's merged ranges to the cells it holds (its rows, as wide as its longest row):
 * a range over a whole column (`Z1:Z1048576`) then covers the few rows that exist. Ranges left
 * covering one cell or none are dropped. Each range's area is spent on `budget`, since the core
 * reads a range's value into every cell it covers.
 *
 * @returns The clipped ranges.
 */
export function clipMerges(grid: SheetGrid, budget: LayoutBudget): CellRange[] {
  const lastRow = grid.rows.length - 1;
  const lastCol = gridWidth(grid) - 1;
  const out: CellRange[] = [];
  for (const m of grid.merges) {
    const clipped = {
      top: m.top,
      left: m.left,
      bottom: Math.min(m.bottom, lastRow),
      right: Math.min(m.right, lastCol),
    };
    if (clipped.bottom < clipped.top || clipped.right < clipped.left) continue;
    if (clipped.bottom === clipped.top && clipped.right === clipped.left) continue;
    budget.spend((clipped.bottom - clipped.top + 1) * (clipped.right - clipped.left + 1));
    out.push(clipped);
  }
  return out;
}

/** Limits of the readers; each has a default. */
export interface GridLimits {
  /** Most cells (default {@link DEFAULT_MAX_CELLS}). */
  maxCells?: number;
}

/**
 * Layout steps allowed per cell of the budget. Each empty row and column a grid holds costs the
 * checks about as much as a cell: a stray cell on the last row of one sheet (a million empty rows
 * above it) is allowed, of several sheets it is not.
 */
const STEPS_PER_CELL = 4;

/**
 * Counts what a reader lays out: cells, and the steps spent placing them (each column a span
 * covers, each column skipped past an earlier rowspan, each row, each empty row or column the
 * grid holds before a cell). Steps are allowed a few times the cell budget, which no real report
 * comes near.
 */
export class LayoutBudget {
  private cells = 0;
  private steps = 0;
  readonly maxCells: number;
  private readonly maxSteps: number;

  constructor(limits: GridLimits = {}) {
    this.maxCells = limits.maxCells ?? DEFAULT_MAX_CELLS;
    this.maxSteps = this.maxCells * STEPS_PER_CELL;
  }

  /** One more cell. @throws {@link GridLimitError} past the budget. */
  cell(): void {
    if (++this.cells > this.maxCells) throw new GridLimitError(this.maxCells);
  }

  /** `n` more layout steps. @throws {@link GridLimitError} past the budget. */
  spend(n: number): void {
    this.steps += n;
    if (this.steps > this.maxSteps) throw new GridLimitError(this.maxCells);
  }
}
