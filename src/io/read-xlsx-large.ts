/**
 * Reads a workbook too large to hold in memory — a province's household list of a million rows —
 * straight from the file on disk, part by part: the small parts (workbook, relationships,
 * styles) inflated whole, the shared strings and each worksheet streamed. First only the head of
 * each sheet is read (its first {@link HEAD_ROWS} rows, enough to recognise a list); then, when
 * the checks ask for it, a sheet's rows are streamed one at a time to the list reader, so that
 * memory does not grow with the rows. Merged ranges, written after a sheet's rows, are not read:
 * a list's headings are recognised without them.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

import { ReadError } from '../core/errors.js';
import { isFilledCell, UNREAD_CELL, type SheetCell, type SheetGrid } from '../core/grid.js';
import { EXCEL_MAX_COLUMNS, LayoutBudget, placeCell, type GridLimits } from './grid-limits.js';
import {
  convertScanned,
  describeWorkbook,
  isDateFormat,
  readRels,
  readStyles,
  type PartSource,
  type SheetContext,
  type WorkbookParts,
} from './read-xlsx.js';
import {
  CELL_TYPES,
  decodeCellText,
  SharedStringsScanner,
  SheetScanner,
  startsWith,
  type RowCells,
} from './xlsx-scan.js';
import { BatchReader, batchArrays, type PackedRows } from './scan-batch.js';
import type { ReaderMessage, ScanJob } from './xlsx-scan-worker.js';
import { builtWorker, StartedWorker, workerBatches, WorkerDidNotStart } from './worker-stream.js';
import { entryChunks, openZipFile, ZipFileError, type ZipFile } from './zip-file.js';
import { columnMask, filledFromBytes, readsWhole } from './unread-cells.js';

/** Rows of each sheet read before the checks decide what the sheet is. */
export const HEAD_ROWS = 200;

/** The largest small part (workbook, relationships, styles) inflated whole. */
const MAX_SMALL_PART = 64 * 1024 * 1024;

/** The most one worksheet or the shared strings may inflate to (Excel's sheet is 1 048 576 rows). */
const MAX_STREAMED_PART = 4 * 1024 * 1024 * 1024;

/** The small parts of an archive on disk, each read and inflated when asked for. */
class DiskParts implements PartSource {
  private readonly lower = new Map<string, string>();

  constructor(private readonly zip: ZipFile) {
    for (const name of zip.entries.keys()) this.lower.set(name.toLowerCase(), name);
  }

  find(part: string): string | null {
    const name = part.replace(/^\/+/, '');
    return this.zip.entries.has(name) ? name : (this.lower.get(name.toLowerCase()) ?? null);
  }

  read(part: string): Buffer | null {
    const name = this.find(part);
    const e = name === null ? undefined : this.zip.entries.get(name);
    if (!e) return null;
    if (e.flags & 1)
      throw new ReadError({
        vi: 'tệp nén được đặt mật khẩu',
        en: 'the archive is password-protected',
      });
    if (e.uncompressed > MAX_SMALL_PART || e.compressed > MAX_SMALL_PART)
      throw new ReadError({
        vi: `phần ${name} của tệp lớn bất thường`,
        en: `the part ${name} is unusually large`,
      });
    const data = Buffer.alloc(e.compressed);
    const fd = openSync(this.zip.path, 'r');
    try {
      let got = 0;
      while (got < data.length) {
        const n = readSync(fd, data, got, data.length - got, e.dataStart + got);
        if (n === 0) break;
        got += n;
      }
    } finally {
      closeSync(fd);
    }
    if (e.method === 0) return data;
    if (e.method !== 8)
      throw new ReadError({
        vi: 'tệp nén dùng kiểu nén không được hỗ trợ',
        en: 'the archive uses an unsupported compression method',
      });
    try {
      return inflateRawSync(data, { maxOutputLength: MAX_SMALL_PART });
    } catch (err) {
      throw new ReadError(
        { vi: 'dữ liệu nén bên trong bị hỏng', en: 'the compressed data inside is damaged' },
        { cause: err },
      );
    }
  }

  rels(part: string): { id: string; type: string; target: string }[] {
    return readRels(this, part);
  }
}

/**
 * The shared strings of a large workbook, kept as their bytes with where each item starts, each
 * decoded when a cell asks for it: a million names cost their bytes, not a million strings the
 * garbage collector walks on every pass, and a name no check reads is never decoded. The strings
 * a column repeats ("x", "Hộ nghèo", the communes) stay decoded in a small cache.
 *
 * The part is read as it inflates ({@link StringsBuilder}): each item is kept as it is found, a
 * plain one (`<si><t>text</t></si>`, nearly all) as its text's bytes only, so a million names
 * take their letters, not their letters and 16 bytes of tags each, and the part itself is never
 * held whole.
 */
export class LazyStrings {
  private readonly cacheIndex = new Int32Array(CACHE_SIZE).fill(-1);
  private readonly cacheText: string[] = new Array<string>(CACHE_SIZE).fill('');

  /**
   * @param buf - The items' bytes, one after another.
   * @param starts - Where each item starts, and past the last where it ends (`count + 1`).
   * @param kinds - Per item: bits 0–1, 0 not yet told, 1 blank, 2 filled (see
   *   {@link isBlank}); {@link PLAIN} when the item is kept as its text's bytes only.
   */
  private constructor(
    private readonly buf: Buffer,
    private readonly starts: Uint32Array,
    private readonly kinds: Uint8Array,
    private readonly count: number,
  ) {}

  /** Reads the part as it inflates, item by item. */
  static async read(zip: ZipFile, part: string): Promise<LazyStrings> {
    const builder = new StringsBuilder(zip.entries.get(part)?.uncompressed ?? 0);
    // Small chunks: the inflater's buffers are then taken from memory already in use, not new
    // pages the system must hand out one by one.
    for await (const chunk of entryChunks(zip, part, {
      maxBytes: MAX_STREAMED_PART,
      chunkSize: STRINGS_CHUNK,
    }))
      builder.push(chunk);
    return LazyStrings.of(builder);
  }

  /** The strings of a whole part held in memory (the bytes are copied, not changed). */
  static fromBytes(xml: Buffer): LazyStrings {
    return LazyStrings.fromChunks([xml]);
  }

  /** The strings of a part given in pieces, cut anywhere (as an inflater gives it). */
  static fromChunks(chunks: Iterable<Buffer>): LazyStrings {
    const builder = new StringsBuilder(0);
    for (const chunk of chunks) builder.push(chunk);
    return LazyStrings.of(builder);
  }

  private static of(builder: StringsBuilder): LazyStrings {
    const { buf, starts, kinds, count } = builder.end();
    return new LazyStrings(buf, starts, kinds, count);
  }

  /** Item `i`'s text; undefined past the table. */
  get(i: number): string | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) return undefined;
    const c = i & (CACHE_SIZE - 1);
    if (this.cacheIndex[c] === i) return this.cacheText[c];
    const text = this.decode(i);
    this.cacheIndex[c] = i;
    this.cacheText[c] = text;
    return text;
  }

  /**
   * Whether item `i` holds nothing a cell would show (only spaces, or past the table), told from
   * its bytes where they are plain ASCII and without keeping the text: a column of a million
   * names is known to be filled without a million strings decoded.
   */
  isBlank(i: number): boolean {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) return true;
    const kind = this.kinds[i] ?? 0;
    let known = kind & TOLD;
    if (known === 0) {
      known = this.blankOf(i) ? 1 : 2;
      this.kinds[i] = kind | known;
    }
    return known === 1;
  }

  private blankOf(i: number): boolean {
    const b = this.buf;
    const start = this.starts[i] ?? 0;
    const end = this.starts[i + 1] ?? 0;
    // A plain item's bytes tell, unless a letter of another script or an entity comes first.
    const told = ((this.kinds[i] ?? 0) & PLAIN) !== 0 ? filledFromBytes(b, start, end, true) : null;
    return !(told ?? isFilledCell({ value: this.get(i) ?? '' }));
  }

  /** The text of item `i`: its runs joined, phonetic runs left out. */
  private decode(i: number): string {
    const b = this.buf;
    const start = this.starts[i] ?? 0;
    const end = this.starts[i + 1] ?? 0;
    if (((this.kinds[i] ?? 0) & PLAIN) !== 0) {
      const text = b.toString('utf8', start, end);
      return decodeCellText(text);
    }
    const sc = new SharedStringsScanner();
    sc.push(b.subarray(start, end));
    return sc.end()[0] ?? '';
  }
}

/** Inflated bytes of the shared strings asked at once (see {@link LazyStrings.read}). */
const STRINGS_CHUNK = 64 * 1024;

/**
 * Finds the items of a shared-strings part given in pieces (`<si>…</si>`, any prefix, `<si/>`
 * too; comments and CDATA inside an item, which may hold anything, skipped whole) and keeps each
 * as {@link LazyStrings} does. The pieces go through one window, used again and again: an item
 * cut between two pieces waits at its start.
 *
 * Room is made ahead from the size the archive's directory gives (a hint: the room grows past
 * it). Room made and not written costs no memory, so the items' bytes and starts take what
 * they hold, without the copy into a buffer of their own size that a guess made too large would
 * ask.
 */
class StringsBuilder {
  private window = Buffer.allocUnsafe(0);
  private held = 0;
  private out: Buffer;
  private used = 0;
  private starts: Uint32Array;
  private kinds: Uint8Array;
  private count = 0;

  constructor(declared: number) {
    // The directory's size is a hint only (it may lie): at most 256 MB is taken on its word. An
    // item takes 16 bytes or more of the part.
    const room = Math.min(Math.max(declared, 1 << 16), 256 * 1024 * 1024);
    this.out = Buffer.allocUnsafe(room);
    this.starts = new Uint32Array((room >>> 4) + 1);
    this.kinds = new Uint8Array(room >>> 4);
  }

  push(chunk: Buffer): void {
    if (this.held + chunk.length > this.window.length) {
      const bigger = Buffer.allocUnsafe(
        Math.max(this.window.length * 2, this.held + chunk.length, 1 << 16),
      );
      this.window.copy(bigger, 0, 0, this.held);
      this.window = bigger;
    }
    chunk.copy(this.window, this.held);
    this.held += chunk.length;
    const used = this.scan(this.window.subarray(0, this.held));
    this.window.copyWithin(0, used, this.held);
    this.held -= used;
  }

  /** The items kept (see the constructor of {@link LazyStrings}). */
  end(): { buf: Buffer; starts: Uint32Array; kinds: Uint8Array; count: number } {
    // What is left is an item the part never closed: not an item (as the whole-file reader).
    this.room(0);
    this.starts[this.count] = this.used;
    return { buf: this.out, starts: this.starts, kinds: this.kinds, count: this.count };
  }

  /** Keeps every whole item of `b`; returns where the first one not whole starts. */
  private scan(b: Buffer): number {
    let i = 0;
    for (;;) {
      const lt = b.indexOf(0x3c, i);
      if (lt < 0) return b.length;
      // `<si>` read in place; any other tag by its name (one cut short waits for the rest).
      const plain = b[lt + 1] === 0x73 && b[lt + 2] === 0x69 && b[lt + 3] === 0x3e;
      if (plain) {
        // The commonest item, `<si><t>text</t></si>`: kept in one pass over its bytes.
        const open =
          b[lt + 4] === 0x3c && b[lt + 5] === 0x74 && b[lt + 6] === 0x3e
            ? 7
            : startsWith(b, '<si><t xml:space="preserve">', lt)
              ? 28
              : 0;
        if (open > 0) {
          let k = lt + open;
          while (k < b.length && b[k] !== 0x3c) k++;
          if (startsWith(b, '</t></si>', k)) {
            this.append(b, lt + open, k, PLAIN);
            i = k + 9;
            continue;
          }
        }
      }
      const name = plain
        ? { closing: false, prefix: '', local: 'si', end: lt + 3 }
        : localName(b, lt + 1);
      if (name.end >= b.length) return lt;
      if (name.local !== 'si' || name.closing) {
        i = name.end;
        continue;
      }
      const gt = b.indexOf(0x3e, name.end);
      if (gt < 0) return lt;
      if (b[gt - 1] === 0x2f) {
        this.append(b, lt, gt + 1, 0);
        i = gt + 1;
        continue;
      }
      const close = endOf(b, gt + 1, name.prefix);
      if (close < 0) return lt;
      this.append(b, lt, close, 0);
      i = close;
    }
  }

  /**
   * Keeps the bytes `b[start, end)` as the next item: a plain one's text (`kind` {@link PLAIN}),
   * or an item as written (0). Every item with `<si><t>` and no other tag inside is plain: the
   * scan's first test finds it whole.
   */
  private append(b: Buffer, start: number, end: number, kind: number): void {
    const length = end - start;
    this.room(length);
    const out = this.out;
    const at = this.used;
    // A name's few bytes copied one by one: Buffer.copy's checks cost more than it copies.
    if (length < 64) for (let k = 0; k < length; k++) out[at + k] = b[start + k] as number;
    else b.copy(out, at, start, end);
    this.starts[this.count] = at;
    this.kinds[this.count] = kind;
    this.count++;
    this.used += length;
  }

  /** Makes room for one more item of `bytes` bytes (and the start past it). */
  private room(bytes: number): void {
    if (this.used + bytes > this.out.length) {
      const out = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.used + bytes));
      this.out.copy(out, 0, 0, this.used);
      this.out = out;
    }
    if (this.count + 2 > this.starts.length) {
      const n = Math.max(this.starts.length * 2, this.count + 2);
      const starts = new Uint32Array(n);
      starts.set(this.starts.subarray(0, this.count));
      this.starts = starts;
      const kinds = new Uint8Array(n);
      kinds.set(this.kinds.subarray(0, this.count));
      this.kinds = kinds;
    }
  }
}

/**
 * The index after the `</si>` (with `prefix`) that closes the item whose content starts at
 * `from`, hopping from tag to tag (comments and CDATA, which may hold anything, skipped whole);
 * -1 when the bytes end first (an end tag, a comment or a CDATA cut short is not found whole).
 */
function endOf(b: Buffer, from: number, prefix: string): number {
  let i = from;
  for (;;) {
    const lt = b.indexOf(0x3c, i);
    if (lt < 0) return -1;
    const next = b[lt + 1];
    if (next === 0x2f) {
      let k = lt + 2;
      if (prefix !== '') {
        if (!startsWith(b, prefix, k)) {
          i = k;
          continue;
        }
        k += prefix.length;
      }
      if (b[k] === 0x73 && b[k + 1] === 0x69 && b[k + 2] === 0x3e) return k + 3;
      i = k;
    } else if (next === 0x21) {
      const cdata = startsWith(b, '<![CDATA[', lt);
      const e = b.indexOf(cdata ? ']]>' : '-->', lt + 2);
      if (e < 0) return -1;
      i = e + 3;
    } else i = lt + 1;
  }
}

/** Bits of LazyStrings' kinds: blank or filled told; the item kept as its text only. */
const TOLD = 3;
const PLAIN = 4;

/** Decoded strings kept per workbook (a power of two). */
const CACHE_SIZE = 4096;

/** The tag name after `<` at `at`: closing or not, its prefix (`x:`) and local name, its end. */
function localName(
  buf: Buffer,
  at: number,
): { closing: boolean; prefix: string; local: string; end: number } {
  let i = at;
  const closing = buf[i] === 0x2f;
  if (closing) i++;
  const start = i;
  let colon = -1;
  while (i < buf.length) {
    const c = buf[i] as number;
    if (c === 0x3e || c === 0x2f || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) break;
    if (c === 0x3a) colon = i;
    i++;
  }
  return {
    closing,
    prefix: colon >= 0 ? buf.toString('latin1', start, colon + 1) : '',
    local: buf.toString('latin1', colon >= 0 ? colon + 1 : start, i),
    end: i,
  };
}

/** A large workbook opened for streaming. */
export interface LargeWorkbook {
  zip: ZipFile;
  /** The shared strings, when the workbook has them. */
  strings: LazyStrings | null;
  book: WorkbookParts;
  ctx: SheetContext;
  /**
   * The first large worksheet's scan, started in a worker thread as the workbook was opened (see
   * {@link openLargeXlsx}), until it is used or closed ({@link closeLargeXlsx}).
   */
  early: { part: string; scan: StartedWorker<PackedRows> } | null;
}

/** Turns the archive readers' own errors into a ReadError (a finding for the file). */
function asReadError(err: unknown): never {
  if (err instanceof ZipFileError) throw new ReadError(err.reason, { cause: err });
  if (err instanceof Error && err.name === 'EntryTooLargeError')
    throw new ReadError(
      {
        vi: 'một phần của tệp bung ra quá lớn, không đọc để bảo vệ máy',
        en: 'a part of the file inflates too much; not read, to protect the machine',
      },
      { cause: err },
    );
  throw err;
}

/**
 * Opens a workbook on disk: its sheets in tab order, its styles, and its shared strings (read
 * once, streamed).
 *
 * @throws {@link ReadError} when the package cannot be read.
 */
export async function openLargeXlsx(filePath: string): Promise<LargeWorkbook> {
  let early: LargeWorkbook['early'] = null;
  try {
    const zip = openZipFile(filePath);
    const parts = new DiskParts(zip);
    const book = describeWorkbook(parts);
    // A list's sheet large enough for a thread is scanned from now on, while the shared strings
    // and the heads are read and the file hashed: its first batches are waiting when the rows
    // are asked for. (If the sheet turns out not to be streamed, the thread is closed.)
    early = startEarlyScan(zip, book);
    const stylesXml = book.stylesPart === null ? null : parts.read(book.stylesPart);
    const strings =
      book.stringsPart === null ? null : await LazyStrings.read(zip, book.stringsPart);
    const ctx: SheetContext = {
      string: (i) => strings?.get(i),
      numFmts: stylesXml ? readStyles(stylesXml.toString('utf8')) : [],
      date1904: book.date1904,
    };
    return { zip, strings, book, ctx, early };
  } catch (err) {
    await early?.scan.close();
    return asReadError(err);
  }
}

/**
 * Streams the rows of sheet `index` (in tab order) to `onRow`, from row `fromRow` (0-based) on:
 * each row's cells by column, converted as the whole-file reader converts them. `onRow`
 * returning `false` stops the reading. The cells' array is lent for the call (it is filled again
 * for a later row): a consumer that keeps a row copies it.
 *
 * With `columns` (the columns the consumer reads), a filled cell of another column is handed over
 * as {@link UNREAD_CELL} when its row has at least two filled cells: a million names are known to
 * be there without being decoded. A row with one filled cell, or whose `key` cell is empty (-1:
 * none; see `readsWhole`), is read whole.
 */
export async function streamSheetRows(
  wb: LargeWorkbook,
  index: number,
  fromRow: number,
  onRow: (r: number, cells: (SheetCell | undefined)[], filled?: number, first?: number) => unknown,
  columns?: readonly number[],
  key = -1,
): Promise<void> {
  const sheet = wb.book.sheets[index];
  if (!sheet) return;
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  const styles: CellStyles = [];
  const wanted = columns ? columnMask(columns) : null;
  // Only for the rows of a list, whose reader keeps no cell.
  const repeated = columns ? sharedCells() : null;
  let stop = false;
  // A row's cells are lent to `onRow` (LargeSource.stream: a consumer keeps none): one array per
  // width, emptied for each row, not a million arrays for the collector.
  const lent: (SheetCell | undefined)[][] = [];
  /** Row `rc.row`: the cells `[first, end)` of `rc`. */
  const handle = (rc: RowCells, first: number, end: number): void => {
    if (stop || rc.row < fromRow) return;
    let width = 0;
    // Columns written left to right, each once (as every program writes them): then the filled
    // cells counted here are those of the row handed over, and its first is the first met.
    let ordered = true;
    for (let k = first, last = -1; k < end; k++) {
      const c = rc.col[k] ?? 0;
      if (c <= last) ordered = false;
      last = c;
      if (c >= width) width = c + 1;
    }
    width = Math.min(width, EXCEL_MAX_COLUMNS);
    let cells: (SheetCell | undefined)[];
    if (width < LENT_WIDTHS) {
      cells = lent[width] ??= new Array<SheetCell | undefined>(width);
      // Emptied by a loop: `fill` costs more on a row's few dozen entries.
      for (let c = 0; c < width; c++) cells[c] = undefined;
    } else cells = new Array<SheetCell | undefined>(width);
    let filled = 0;
    let firstFilled = -1;
    let unread = -1;
    /** The unread cell read whole already (a formula, an inline text), or null. */
    let unreadWhole: SheetCell | null = null;
    const formulas = rc.hasTexts;
    for (let k = first; k < end; k++) {
      const c = rc.col[k] ?? 0;
      if (c >= EXCEL_MAX_COLUMNS) continue;
      const other = wanted !== null && wanted[c] !== 1;
      if (other) {
        const told = unreadCell(rc, k, wb, formulas);
        if (told === UNREAD_CELL) {
          cells[c] = told;
          if (filled++ === 0) firstFilled = c;
          unread = k;
          unreadWhole = null;
          continue;
        }
        if (told === undefined) continue;
      }
      const cell =
        plainCell(rc, k, wb.ctx, styles, repeated, formulas) ??
        convertScanned(rc, k, wb.ctx, shared);
      if (!cell) continue;
      const isFilled = isFilledCell(cell);
      if (isFilled && filled++ === 0) firstFilled = c;
      if (!other) cells[c] = cell;
      else if (isFilled) {
        cells[c] = UNREAD_CELL;
        unread = k;
        unreadWhole = cell;
      }
    }
    let told = ordered;
    if (filled > 1 && unread >= 0 && readsWhole(key, cells[key])) {
      told = false;
      // No key (a list's row without a household code): every cell read, for the words that
      // tell a total or a signature line.
      for (let k = first; k < end; k++) {
        const c = rc.col[k] ?? 0;
        if (c < EXCEL_MAX_COLUMNS && cells[c] === UNREAD_CELL)
          cells[c] = plainCell(rc, k, wb.ctx, styles) ?? convertScanned(rc, k, wb.ctx, shared);
      }
    } else if (filled === 1 && unread >= 0) {
      // One filled cell, left unread: it may be a label (a village, a commune), so it is read.
      const cell =
        unreadWhole ??
        plainCell(rc, unread, wb.ctx, styles) ??
        convertScanned(rc, unread, wb.ctx, shared);
      cells[rc.col[unread] ?? 0] = cell;
      told = false;
    }
    const goOn = told ? onRow(rc.row, cells, filled, firstFilled) : onRow(rc.row, cells);
    if (goOn === false) stop = true;
  };
  const entry = wb.zip.entries.get(sheet.part);
  let start: URL | StartedWorker<PackedRows> | null = null;
  if (columns && wb.early?.part === sheet.part) {
    start = wb.early.scan;
    wb.early = null;
    lastScan = 'early';
  } else if (columns && (entry?.uncompressed ?? 0) >= worker.minBytes) {
    start = scanWorker();
    lastScan = start ? 'thread' : 'here';
  } else if (columns) lastScan = 'here';
  if (start) {
    // A large list: inflated and scanned in a worker thread while this one reads the rows.
    const reader = new BatchReader();
    try {
      for await (const batch of scannedInWorker(start, wb.zip.path, sheet.part)) {
        const rc = reader.read(batch);
        let first = 0;
        for (let j = 0; j < batch.rowCount && !stop; j++) {
          const end = batch.ends[j] ?? first;
          rc.row = batch.rows[j] ?? 0;
          handle(rc, first, end);
          first = end;
        }
        if (stop) break;
      }
      return;
    } catch (err) {
      // A thread that could not start has handed over nothing: the sheet is scanned here.
      if (!(err instanceof WorkerDidNotStart)) asReadError(err);
    }
  }
  const scanner = new SheetScanner((rc: RowCells) => {
    handle(rc, 0, rc.count);
  });
  try {
    for await (const chunk of entryChunks(wb.zip, sheet.part, { maxBytes: MAX_STREAMED_PART })) {
      scanner.push(chunk);
      if (stop) break;
    }
  } catch (err) {
    asReadError(err);
  }
  scanner.end();
}

/**
 * The inflated size of a worksheet from which a list's rows are scanned in a worker thread
 * (below it, starting a thread costs more than it saves).
 */
export const DEFAULT_WORKER_MIN_BYTES = 32 * 1024 * 1024;

/** When a list's sheet is scanned in a worker thread, and which script (tests change both). */
const worker: { minBytes: number; script: URL | null } = {
  minBytes: DEFAULT_WORKER_MIN_BYTES,
  script: null,
};

/**
 * Sets the size from which a list's sheet is scanned in a worker thread, and the worker script
 * (null: the built one). For tests.
 */
export function setScanWorker(minBytes: number, script: URL | null = null): void {
  worker.minBytes = minBytes;
  worker.script = script;
}

/**
 * How the last list sheet streamed was scanned: by the thread started as the workbook was
 * opened, by one started for it, or here.
 */
let lastScan: 'early' | 'thread' | 'here' | null = null;

/** How the last list sheet streamed was scanned (for tests). */
export function lastSheetScan(): typeof lastScan {
  return lastScan;
}

/** The scanning thread's script, or null when there is none. */
function scanWorker(): URL | null {
  return worker.script ?? builtWorker('xlsx-scan-worker');
}

/** The job of scanning `part` of the file. */
function scanJob(file: string, part: string): ScanJob {
  return { path: file, part, maxBytes: MAX_STREAMED_PART };
}

/**
 * Starts scanning the first worksheet (in tab order) large enough for a worker thread, in one,
 * as a workbook is opened; null when there is none, or no thread to scan it.
 */
function startEarlyScan(zip: ZipFile, book: WorkbookParts): LargeWorkbook['early'] {
  const sheet = book.sheets.find(
    (s) => (zip.entries.get(s.part)?.uncompressed ?? 0) >= worker.minBytes,
  );
  const url = sheet ? scanWorker() : null;
  if (!sheet || !url) return null;
  return {
    part: sheet.part,
    scan: new StartedWorker<PackedRows>(url, scanJob(zip.path, sheet.part)),
  };
}

/** Ends the scan started as the workbook was opened, if it was not used. */
export async function closeLargeXlsx(wb: LargeWorkbook): Promise<void> {
  const early = wb.early;
  wb.early = null;
  await early?.scan.close();
}

/**
 * The batches of rows a worker thread scans from one part (the thread started here, or ahead
 * with that part's job), each acknowledged when the next is asked for: its arrays go back to
 * the worker to be filled again.
 */
function scannedInWorker(
  start: URL | StartedWorker<PackedRows>,
  file: string,
  part: string,
): AsyncGenerator<PackedRows> {
  return workerBatches<PackedRows>(start, scanJob(file, part), (batch, thread) => {
    const { arrays, transfer } = batchArrays(batch);
    thread.postMessage({ kind: 'ack', arrays } satisfies ReaderMessage, transfer);
  });
}

/**
 * A cell of a column not read, told without decoding it: {@link UNREAD_CELL} for a plain number
 * or a filled shared string, undefined for a blank shared string; null for any other cell (a
 * formula, an inline text: rare in a list), which is read whole and then marked when filled.
 */
function unreadCell(
  rc: RowCells,
  k: number,
  wb: LargeWorkbook,
  formulas = true,
): SheetCell | undefined | null {
  if (formulas && rc.formulaAttrs[k]) return null;
  const type = rc.type[k];
  const num = rc.num[k] ?? NaN;
  if (Number.isNaN(num)) return null;
  if (type === T_S) return wb.strings?.isBlank(num) === false ? UNREAD_CELL : undefined;
  // A number with a date format becomes a date: still filled.
  if (type === T_N) return UNREAD_CELL;
  return null;
}

/**
 * The cell a plain shared string or number makes (no formula, no date format: nearly every cell
 * of a list), built directly; null for any other cell, which `convertScanned` reads. The same
 * cell either way (test/integration/household-lists-streamed.test.ts compares the reports).
 */
function plainCell(
  rc: RowCells,
  k: number,
  ctx: SheetContext,
  styles: CellStyles,
  shared: SharedCells | null = null,
  formulas = true,
): SheetCell | undefined | null {
  if (formulas && rc.formulaAttrs[k]) return null;
  const type = rc.type[k];
  const num = rc.num[k] ?? NaN;
  if ((type !== T_N && type !== T_S) || Number.isNaN(num)) return null;
  const s = rc.style[k] ?? 0;
  let style = styles[s];
  if (!style) {
    const numFmt = ctx.numFmts[s];
    style = { numFmt: numFmt === 'General' ? undefined : numFmt, date: isDateFormat(numFmt) };
    styles[s] = style;
  }
  if (type === T_S) {
    if (shared !== null && !style.numFmt) {
      // A column's words repeat row after row: one cell per word, not one per row. Not frozen
      // (a million codes would each pay for it): a list's reader changes no cell (RowSink).
      const c = num & (SHARED_CELLS - 1);
      if (shared.stringIndex[c] === num) return shared.stringCells[c];
      const cell = stringCell(ctx.string(num));
      shared.stringIndex[c] = num;
      shared.stringCells[c] = cell;
      return cell;
    }
    const cell = stringCell(ctx.string(num));
    if (cell && style.numFmt) cell.numFmt = style.numFmt;
    return cell;
  }
  if (style.date) return null;
  if (shared !== null && !style.numFmt && Number.isInteger(num) && num >= 0 && num < SHARED_CELLS)
    return (shared.numberCells[num] ??= { value: num });
  const cell: SheetCell = { value: num };
  if (style.numFmt) cell.numFmt = style.numFmt;
  return cell;
}

/** By style number, its number format (General left out) and whether it shows a date. */
type CellStyles = ({ numFmt: string | undefined; date: boolean } | undefined)[];

/** A shared string's cell: undefined for a blank one. */
function stringCell(v: string | undefined): SheetCell | undefined {
  return v === undefined || v.trim() === '' ? undefined : { value: v };
}

/**
 * Cells handed over more than once while a sheet streams (no consumer changes one: RowSink):
 * the shared strings' lately met and the small whole numbers'.
 */
interface SharedCells {
  stringIndex: Int32Array;
  stringCells: (SheetCell | undefined)[];
  numberCells: (SheetCell | undefined)[];
}

/** Cells kept of each kind (a power of two). */
const SHARED_CELLS = 4096;

function sharedCells(): SharedCells {
  return {
    stringIndex: new Int32Array(SHARED_CELLS).fill(-1),
    stringCells: new Array<SheetCell | undefined>(SHARED_CELLS).fill(undefined),
    numberCells: [],
  };
}

/** Rows up to this width are handed over in an array kept for their width (see streamSheetRows). */
const LENT_WIDTHS = 256;

/** Type codes of RowCells.type (xlsx-scan.ts CELL_TYPES): a number, a shared string. */
const T_N = CELL_TYPES.indexOf('n');
const T_S = CELL_TYPES.indexOf('s');

/**
 * The head of every sheet: its first {@link HEAD_ROWS} rows as a grid, marked `headOnly` when
 * the sheet has more. Null when no sheet has more (the file is large for other reasons, its
 * pictures say: it is not a list to stream).
 */
export async function readSheetHeads(
  wb: LargeWorkbook,
  limits: GridLimits = {},
): Promise<SheetGrid[] | null> {
  const budget = new LayoutBudget(limits);
  const grids: SheetGrid[] = [];
  let partial = false;
  for (let i = 0; i < wb.book.sheets.length; i++) {
    const sheet = wb.book.sheets[i];
    if (!sheet) continue;
    const rows: (SheetCell | undefined)[][] = [];
    let more = false;
    await streamSheetRows(wb, i, 0, (r, cells) => {
      if (r >= HEAD_ROWS) {
        more = true;
        return false;
      }
      cells.forEach((cell, c) => {
        if (!cell) return;
        budget.cell();
        placeCell(rows, r, c, cell, budget);
      });
      return true;
    });
    partial ||= more;
    grids.push({
      name: sheet.name,
      hidden: sheet.state === 'hidden' || sheet.state === 'veryHidden',
      rows,
      merges: [],
      ...(more ? { headOnly: true } : {}),
    });
  }
  return partial ? grids : null;
}
