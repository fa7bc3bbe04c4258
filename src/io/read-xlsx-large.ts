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
import type { SheetCell, SheetGrid } from '../core/grid.js';
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
import { CELL_TYPES, SharedStringsScanner, SheetScanner, type RowCells } from './xlsx-scan.js';
import { entryChunks, openZipFile, ZipFileError, type ZipFile } from './zip-file.js';

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

/** A large workbook opened for streaming. */
export interface LargeWorkbook {
  zip: ZipFile;
  book: WorkbookParts;
  ctx: SheetContext;
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
  try {
    const zip = openZipFile(filePath);
    const parts = new DiskParts(zip);
    const book = describeWorkbook(parts);
    const stylesXml = book.stylesPart === null ? null : parts.read(book.stylesPart);
    let strings: string[] = [];
    if (book.stringsPart !== null) {
      const sc = new SharedStringsScanner();
      for await (const chunk of entryChunks(zip, book.stringsPart, { maxBytes: MAX_STREAMED_PART }))
        sc.push(chunk);
      strings = sc.end();
    }
    const ctx: SheetContext = {
      string: (i) => strings[i],
      numFmts: stylesXml ? readStyles(stylesXml.toString('utf8')) : [],
      date1904: book.date1904,
    };
    return { zip, book, ctx };
  } catch (err) {
    return asReadError(err);
  }
}

/**
 * Streams the rows of sheet `index` (in tab order) to `onRow`, from row `fromRow` (0-based) on:
 * each row's cells by column, converted as the whole-file reader converts them. `onRow`
 * returning `false` stops the reading.
 */
export async function streamSheetRows(
  wb: LargeWorkbook,
  index: number,
  fromRow: number,
  onRow: (r: number, cells: (SheetCell | undefined)[]) => unknown,
): Promise<void> {
  const sheet = wb.book.sheets[index];
  if (!sheet) return;
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  const styles = new Map<number, { numFmt: string | undefined; date: boolean }>();
  let stop = false;
  const scanner = new SheetScanner((rc: RowCells) => {
    if (stop || rc.row < fromRow) return;
    let width = 0;
    for (let k = 0; k < rc.count; k++) width = Math.max(width, (rc.col[k] ?? 0) + 1);
    const cells: (SheetCell | undefined)[] = new Array<SheetCell | undefined>(
      Math.min(width, EXCEL_MAX_COLUMNS),
    );
    for (let k = 0; k < rc.count; k++) {
      const c = rc.col[k] ?? 0;
      if (c >= EXCEL_MAX_COLUMNS) continue;
      const cell = plainCell(rc, k, wb.ctx, styles) ?? convertScanned(rc, k, wb.ctx, shared);
      if (cell) cells[c] = cell;
    }
    if (onRow(rc.row, cells) === false) stop = true;
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
 * The cell a plain shared string or number makes (no formula, no date format: nearly every cell
 * of a list), built directly; null for any other cell, which `convertScanned` reads. The same
 * cell either way (test/integration/household-lists-streamed.test.ts compares the reports).
 */
function plainCell(
  rc: RowCells,
  k: number,
  ctx: SheetContext,
  styles: Map<number, { numFmt: string | undefined; date: boolean }>,
): SheetCell | undefined | null {
  if (rc.formulaAttrs[k]) return null;
  const type = rc.type[k];
  const num = rc.num[k] ?? NaN;
  if ((type !== T_N && type !== T_S) || Number.isNaN(num)) return null;
  const s = rc.style[k] ?? 0;
  let style = styles.get(s);
  if (!style) {
    const numFmt = ctx.numFmts[s];
    style = { numFmt: numFmt === 'General' ? undefined : numFmt, date: isDateFormat(numFmt) };
    styles.set(s, style);
  }
  let cell: SheetCell;
  if (type === T_S) {
    const v = ctx.string(num);
    if (v === undefined || v.trim() === '') return undefined;
    cell = { value: v };
  } else {
    if (style.date) return null;
    cell = { value: num };
  }
  if (style.numFmt) cell.numFmt = style.numFmt;
  return cell;
}

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
