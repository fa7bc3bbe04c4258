/**
 * Rows of a worksheet scanned in another thread and handed over in batches (see
 * `xlsx-scan-worker.ts`): the cells of many rows one after another in typed arrays, which move
 * between threads without being copied, and the few texts (inline strings, formulas) beside them
 * by cell index. The receiving side reads a batch as one {@link RowCells} whose rows are the
 * ranges `[ends[j-1], ends[j])`.
 */
import { RowCells } from './xlsx-scan.js';

/** One batch as it crosses threads. */
export interface PackedRows {
  /** Rows in the batch. */
  rowCount: number;
  /** Per row: its 0-based number, and the index after its last cell. */
  rows: Int32Array<ArrayBuffer>;
  ends: Int32Array<ArrayBuffer>;
  col: Int32Array<ArrayBuffer>;
  type: Uint8Array<ArrayBuffer>;
  style: Int32Array<ArrayBuffer>;
  num: Float64Array<ArrayBuffer>;
  /** Cell index and text of each cell that has a text, a formula or formula attributes. */
  textAt: number[];
  texts: string[];
  formulaAt: number[];
  formulas: (string | null)[];
  formulaAttrs: ({ t: string | null; si: string | null; ref: string | null } | null)[];
}

/** The typed arrays of a batch, which go back and forth between the threads. */
export type BatchArrays = Pick<PackedRows, 'rows' | 'ends' | 'col' | 'type' | 'style' | 'num'>;

/** A batch's arrays, and the buffers to move them with. */
export function batchArrays(b: PackedRows): { arrays: BatchArrays; transfer: ArrayBuffer[] } {
  const arrays = {
    rows: b.rows,
    ends: b.ends,
    col: b.col,
    type: b.type,
    style: b.style,
    num: b.num,
  };
  return {
    arrays,
    transfer: [
      b.rows.buffer,
      b.ends.buffer,
      b.col.buffer,
      b.type.buffer,
      b.style.buffer,
      b.num.buffer,
    ],
  };
}

/** Cells per batch: about two thousand rows of a thirty-column list. */
export const BATCH_CELLS = 1 << 16;

/** Rows shorter than this are copied cell by cell into a batch (see BatchWriter.add). */
const COPIED_BY_LOOP = 128;

/** Rows a batch has room for before it grows (one cell per row at most fills a batch of cells). */
const ROWS = 4096;

/** Collects scanned rows into a batch (the scanning side). */
export class BatchWriter {
  private rowCount = 0;
  private cellCount = 0;
  private rows = new Int32Array(ROWS);
  private ends = new Int32Array(ROWS);
  private col = new Int32Array(BATCH_CELLS);
  private type = new Uint8Array(BATCH_CELLS);
  private style = new Int32Array(BATCH_CELLS);
  private num = new Float64Array(BATCH_CELLS);
  private textAt: number[] = [];
  private texts: string[] = [];
  private formulaAt: number[] = [];
  private formulas: (string | null)[] = [];
  private formulaAttrs: PackedRows['formulaAttrs'] = [];

  /** Arrays of batches the reader is done with, sent back to be filled again. */
  private readonly spare: BatchArrays[] = [];

  /** Takes back the arrays of a batch the reader is done with. */
  recycle(arrays: BatchArrays): void {
    this.spare.push(arrays);
  }

  /** Rows waiting. */
  get size(): number {
    return this.rowCount;
  }

  /** Whether the batch should go (it holds at least {@link BATCH_CELLS} cells). */
  get full(): boolean {
    return this.cellCount >= BATCH_CELLS;
  }

  /** Copies one row (valid during the scanner's call only). */
  add(rc: RowCells): void {
    const n = rc.count;
    if (this.rowCount === this.rows.length) {
      this.rows = grown(this.rows, this.rows.length * 2);
      this.ends = grown(this.ends, this.ends.length * 2);
    }
    const at = this.cellCount;
    if (at + n > this.col.length) {
      const size = Math.max(this.col.length * 2, at + n);
      this.col = grown(this.col, size);
      this.type = grown(this.type, size);
      this.style = grown(this.style, size);
      this.num = grown(this.num, size);
    }
    if (n < COPIED_BY_LOOP) {
      // A row's few cells copied one by one: four views made to copy them cost more.
      const col = this.col;
      const type = this.type;
      const style = this.style;
      const num = this.num;
      for (let k = 0; k < n; k++) {
        col[at + k] = rc.col[k] as number;
        type[at + k] = rc.type[k] as number;
        style[at + k] = rc.style[k] as number;
        num[at + k] = rc.num[k] as number;
      }
    } else {
      this.col.set(rc.col.subarray(0, n), at);
      this.type.set(rc.type.subarray(0, n), at);
      this.style.set(rc.style.subarray(0, n), at);
      this.num.set(rc.num.subarray(0, n), at);
    }
    if (!rc.hasTexts) {
      this.rows[this.rowCount] = rc.row;
      this.cellCount += n;
      this.ends[this.rowCount] = this.cellCount;
      this.rowCount++;
      return;
    }
    for (let k = 0; k < n; k++) {
      const text = rc.text[k];
      if (text !== null && text !== undefined) {
        this.textAt.push(at + k);
        this.texts.push(text);
      }
      const formula = rc.formula[k] ?? null;
      const attrs = rc.formulaAttrs[k] ?? null;
      if (formula !== null || attrs !== null) {
        this.formulaAt.push(at + k);
        this.formulas.push(formula);
        this.formulaAttrs.push(attrs);
      }
    }
    this.rows[this.rowCount] = rc.row;
    this.cellCount += n;
    this.ends[this.rowCount] = this.cellCount;
    this.rowCount++;
  }

  /** The batch and the buffers to move with it; the writer starts a new one. */
  take(): { batch: PackedRows; transfer: ArrayBuffer[] } {
    const batch: PackedRows = {
      rowCount: this.rowCount,
      rows: this.rows,
      ends: this.ends,
      col: this.col,
      type: this.type,
      style: this.style,
      num: this.num,
      textAt: this.textAt,
      texts: this.texts,
      formulaAt: this.formulaAt,
      formulas: this.formulas,
      formulaAttrs: this.formulaAttrs,
    };
    const { transfer } = batchArrays(batch);
    this.rowCount = 0;
    this.cellCount = 0;
    const again = this.spare.pop();
    this.rows = again?.rows ?? new Int32Array(ROWS);
    this.ends = again?.ends ?? new Int32Array(ROWS);
    this.col = again?.col ?? new Int32Array(BATCH_CELLS);
    this.type = again?.type ?? new Uint8Array(BATCH_CELLS);
    this.style = again?.style ?? new Int32Array(BATCH_CELLS);
    this.num = again?.num ?? new Float64Array(BATCH_CELLS);
    this.textAt = [];
    this.texts = [];
    this.formulaAt = [];
    this.formulas = [];
    this.formulaAttrs = [];
    return { batch, transfer };
  }
}

/** A copy of typed array `a` with room for `size` items. */
export function grown<T extends Int32Array | Uint8Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/**
 * Reads batches as one {@link RowCells} each (the receiving side): row `j`'s cells are
 * `[j === 0 ? 0 : ends[j-1], ends[j])`, and `rc.row` must be set to `rows[j]` before they are
 * read. The text arrays are kept from batch to batch, only their few set entries cleared: a batch
 * of sixty thousand cells costs no array of sixty thousand entries.
 */
export class BatchReader {
  readonly rc = new RowCells();
  private set: number[] = [];

  /** The batch's cells, valid until the next call. */
  read(b: PackedRows): RowCells {
    const rc = this.rc;
    for (const k of this.set) {
      rc.text[k] = null;
      rc.formula[k] = null;
      rc.formulaAttrs[k] = null;
    }
    this.set = [];
    const cells = b.rowCount > 0 ? (b.ends[b.rowCount - 1] ?? 0) : 0;
    rc.count = cells;
    rc.col = b.col;
    rc.type = b.type;
    rc.style = b.style;
    rc.num = b.num;
    rc.hasTexts = b.textAt.length > 0 || b.formulaAt.length > 0;
    // Grown by pushing, so that the arrays stay packed (a large `new Array(n)` is a dictionary).
    while (rc.text.length < cells) {
      rc.text.push(null);
      rc.formula.push(null);
      rc.formulaAttrs.push(null);
    }
    b.textAt.forEach((k, i) => {
      rc.text[k] = b.texts[i] ?? null;
      this.set.push(k);
    });
    b.formulaAt.forEach((k, i) => {
      rc.formula[k] = b.formulas[i] ?? null;
      rc.formulaAttrs[k] = b.formulaAttrs[i] ?? null;
      this.set.push(k);
    });
    return rc;
  }
}
