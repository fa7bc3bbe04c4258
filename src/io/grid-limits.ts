/**
 * Bounds on the grids the markup readers (HTML tables, Excel 2003 XML) lay out. A page of 50 MB
 * can ask for far more than it holds: `colspan="1000000"`, `rowspan="65535"`, `ss:Index` near the
 * last row, millions of tiny cells. Excel's own sheet size clips spans and positions; a budget of
 * cells and of layout steps stops the rest before it costs memory or minutes.
 */
import type { SheetCell } from '../core/grid.js';

/** Excel's last row (1-based count), since Excel 2007. */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Excel's last column (XFD), since Excel 2007. */
export const EXCEL_MAX_COLUMNS = 16_384;

/**
 * Most cells one file may hold. A district's five forms are a few thousand cells; a workbook
 * near the xlsx reader's 200 MB inflated limit holds a few million, most of which exceljs could
 * not load either.
 */
export const DEFAULT_MAX_CELLS = 1_000_000;

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

/** Limits of the markup readers; each has a default. */
export interface GridLimits {
  /** Most cells (default {@link DEFAULT_MAX_CELLS}). */
  maxCells?: number;
}

/**
 * A file whose tables exceed the cell budget. Thrown only by the markup readers, caught only by
 * the dispatcher (`read-file.ts`), which reports it as a `too-many-cells` finding.
 */
export class GridLimitError extends Error {
  /** @param limit - The budget that was exceeded, in cells. */
  constructor(readonly limit: number) {
    super(`more than ${limit} cells`);
    this.name = 'GridLimitError';
  }
}

/**
 * Counts what a reader lays out: cells, and the steps spent placing them (each column a span
 * covers, each column skipped past an earlier rowspan, each row). Steps are allowed a few times
 * the cell budget, which no real report comes near.
 */
export class LayoutBudget {
  private cells = 0;
  private steps = 0;
  readonly maxCells: number;
  private readonly maxSteps: number;

  constructor(limits: GridLimits = {}) {
    this.maxCells = limits.maxCells ?? DEFAULT_MAX_CELLS;
    this.maxSteps = this.maxCells * 8;
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
