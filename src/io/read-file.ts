/**
 * Turns one submitted file into grids: checks its size, reads it (read-only), decides what it
 * really is from its bytes and hands it to the right reader. Every problem with the file itself
 * becomes a finding; nothing here throws for a bad file.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { lstat, open, readdir, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';

import type { Finding, FindingInit } from '../core/finding.js';
import { makeFinding, saidParams } from '../core/finding.js';
import type { Bilingual, FindingCode, Severity } from '../core/finding-codes.js';
import type { ReadInfo, SheetCell, SheetGrid } from '../core/grid.js';
import { fileChunks } from './file-chunks.js';
import { DEFAULT_MAX_CELLS } from './grid-limits.js';
import { readCsv } from './read-csv.js';
import { isDocumentName, unreadFormat } from './walk.js';
import { readXlsx } from './read-xlsx.js';
import { convertToXlsx, findSoffice, NO_CONVERT_ENV } from './office-convert.js';
import { sniffFile } from './sniff.js';
import { XlsxCensus } from './xlsx-census.js';
import { DEFAULT_MAX_INFLATED_BYTES, guardZip, isReason, readDirectory } from './zip-guard.js';
import { errnoCode, GridLimitError, ReadError } from '../core/errors.js';
import { beforeReading } from './optimizer.js';

/** Default limit of a file's size on disk. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** Options of {@link readSubmissionFile}. */
export interface ReadFileOptions {
  /** The path as the user gave it, for the findings' `file`. */
  displayPath: string;
  /** Larger files are not read (default 50 MiB). */
  maxBytes?: number;
  /** Workbooks that would inflate to more than this are not loaded (default 200 MiB). */
  maxInflatedBytes?: number;
  /** Files holding more cells than this are not read whole (default {@link DEFAULT_MAX_CELLS}). */
  maxCells?: number;
  /**
   * Workbooks past `maxBytes` or `maxCells` and up to this size are read as household lists,
   * streamed from the disk (default {@link DEFAULT_MAX_LARGE_BYTES}); 0 turns that off.
   */
  maxLargeBytes?: number;
}

/** Default limit of a workbook read as a streamed household list: a province's is about 100 MB. */
export const DEFAULT_MAX_LARGE_BYTES = 1024 * 1024 * 1024;

/** What {@link readSubmissionFile} made of one file. */
export interface ReadOutcome {
  /** The sheets, in tab order (one for a CSV); empty when the file could not be read. */
  sheets: SheetGrid[];
  /** How the file was read; null when it was not. */
  info: ReadInfo | null;
  /**
   * Problems with the file itself (`file-*`, `archive-too-large`, `too-many-cells`); empty when
   * it was read.
   */
  findings: Finding[];
  /** SHA-256 of the bytes, in hex; null when the file was not read. */
  sha256: string | null;
  /** Size on disk in bytes; 0 when unknown. */
  size: number;
  /** Last modification time; null when unknown. */
  mtime: Date | null;
  /**
   * Set for a file too large to hold (a province's household list): `sheets` are the sheets'
   * heads (see `SheetGrid.headOnly`), and the rest of their rows are streamed from the file on
   * demand.
   */
  large?: LargeSource;
}

/** The rest of a large file's rows, streamed on demand. */
export interface LargeSource {
  /**
   * Streams sheet `index`'s rows (tab order), from row `fromRow` on, to `onRow`. With `columns`
   * (those the consumer reads), a filled cell of another column may be handed over as
   * `UNREAD_CELL` (core/grid.ts) in a row with two filled cells or more whose `key` cell is
   * filled (io/unread-cells.ts `readsWhole`). The cells' array is lent to `onRow` for the call
   * (a reader may fill it again for a later row): a consumer that keeps a row copies it.
   */
  stream(
    index: number,
    fromRow: number,
    onRow: (r: number, cells: (SheetCell | undefined)[], filled?: number, first?: number) => void,
    columns?: readonly number[],
    key?: number,
  ): Promise<void>;
  /** What to report when the file turns out not to be a household list. */
  tooLarge: Finding;
  /** Ends what was started for the streaming (a thread) and not used; called once done. */
  close?: () => Promise<void>;
  /** About how many rows the file holds, when its size tells (a CSV). */
  rows?: number;
  /**
   * The file's SHA-256 (the outcome does not hold it): read and hashed from the moment the file
   * is known to be large, while its rows are streamed.
   */
  sha256: () => Promise<string>;
}

/**
 * An outcome with nothing read yet, and the step that adds a finding to it and returns it (every
 * refusal of a file ends so).
 */
function emptyOutcome(
  displayPath: string,
  size: number,
): {
  outcome: ReadOutcome;
  fail: (code: FindingCode, params?: FindingInit['params'], severity?: Severity) => ReadOutcome;
} {
  const outcome: ReadOutcome = {
    sheets: [],
    info: null,
    findings: [],
    sha256: null,
    size,
    mtime: null,
  };
  const fail = (
    code: FindingCode,
    params: FindingInit['params'] = {},
    severity?: Severity,
  ): ReadOutcome => {
    outcome.findings.push(
      makeFinding(code, { file: displayPath, params, ...(severity ? { severity } : {}) }),
    );
    return outcome;
  };
  return { outcome, fail };
}

/**
 * A file's bytes, read-only, after the checks on the entry (a pipe, a link leading nowhere, a
 * folder) and its size; or, when it cannot be read, the outcome with the finding that says why.
 */
export async function loadSubmissionBytes(
  filePath: string,
  opts: ReadFileOptions,
): Promise<ReadOutcome | (ReadOutcome & { bytes: Buffer })> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const { outcome, fail } = emptyOutcome(opts.displayPath, 0);

  // What the entry is, before anything opens it: a pipe opened for reading waits for a writer
  // forever, a device never ends.
  const entry = await inspectEntry(filePath);
  if (entry.problem) return fail(entry.problem.code, entry.problem.params);
  outcome.size = entry.size;
  outcome.mtime = entry.mtime;
  // A large file is read with the optimizing compiler at work (see io/optimizer.ts).
  beforeReading(entry.size);
  // Checked before reading, so a stray multi-gigabyte file costs nothing.
  if (outcome.size > maxBytes) {
    return fail('file-too-large', { size: formatSize(outcome.size), limit: formatSize(maxBytes) });
  }

  let bytes: Buffer;
  try {
    // Opened read-only: the district's file is evidence and is never touched.
    const read = readRegularFile(filePath);
    if (!read) return fail('file-special');
    bytes = read;
  } catch (e) {
    return fail(...fsErrorFinding(e));
  }
  // The file may have grown between stat and read (still being copied in).
  outcome.size = bytes.length;
  if (bytes.length > maxBytes) {
    return fail('file-too-large', { size: formatSize(bytes.length), limit: formatSize(maxBytes) });
  }
  return { ...outcome, bytes };
}

/**
 * Reads a submission file. The file is only ever opened for reading.
 *
 * @param filePath - The file (any platform's path; spaces and Vietnamese letters are fine).
 * @param opts - How to name it in findings, and the size limits.
 */
export async function readSubmissionFile(
  filePath: string,
  opts: ReadFileOptions,
): Promise<ReadOutcome> {
  const loaded = await loadSubmissionBytes(filePath, opts);
  if (!('bytes' in loaded)) {
    const tooLarge = loaded.findings.find((f) => f.code === 'file-too-large');
    if (tooLarge) return (await readLarge(filePath, opts, loaded, tooLarge)) ?? loaded;
    return loaded;
  }
  const { bytes, ...rest } = loaded;
  // A worksheet that says it inflates past what a grid within the cell budget could take (a
  // province's list): the whole-file reader would inflate it only to refuse it.
  if (declaresHugeSheet(bytes)) {
    const refusal = makeFinding('too-many-cells', {
      file: opts.displayPath,
      params: { limit: opts.maxCells ?? DEFAULT_MAX_CELLS },
    });
    const large = await readLarge(filePath, opts, { ...loaded, sheets: [], info: null }, refusal);
    if (large) return large;
  }
  const out = await readSubmissionBytes(bytes, path.basename(filePath), opts);
  const full = { ...out, size: rest.size, mtime: rest.mtime };
  const tooMany = out.info === null && out.findings.find((f) => f.code === 'too-many-cells');
  if (tooMany) return (await readLarge(filePath, opts, full, tooMany)) ?? full;
  return full;
}

/**
 * A workbook too large to read whole, read as a household list may be: the heads of its sheets,
 * the rest streamed from the disk on demand. Null when it cannot be (not a workbook, past the
 * large limit, no sheet longer than its head): the caller keeps its refusal.
 */
async function readLarge(
  filePath: string,
  opts: ReadFileOptions,
  refused: ReadOutcome,
  tooLarge: Finding,
): Promise<ReadOutcome | null> {
  const maxLarge = opts.maxLargeBytes ?? DEFAULT_MAX_LARGE_BYTES;
  if (refused.size > maxLarge) return null;
  const { fail } = emptyOutcome(opts.displayPath, refused.size);
  // What ends a thread started for the file, should the reading fail after it.
  let started: (() => Promise<void>) | null = null;
  try {
    const kind = sniffFile(await fileStart(filePath), path.basename(filePath)).kind;
    let read:
      ({ sheets: SheetGrid[]; info: ReadInfo } & Omit<LargeSource, 'tooLarge' | 'sha256'>) | null =
      null;
    if (kind === 'zip') {
      const { closeLargeXlsx, openLargeXlsx, readSheetHeads, streamSheetRows } =
        await import('./read-xlsx-large.js');
      const wb = await openLargeXlsx(filePath);
      started = () => closeLargeXlsx(wb);
      // The heads are bounded by their rows; the default budget bounds their columns.
      const heads = await readSheetHeads(wb);
      if (heads)
        read = {
          sheets: heads,
          info: { format: 'xlsx' },
          stream: (index, fromRow, onRow, columns, key) =>
            streamSheetRows(wb, index, fromRow, onRow, columns, key),
          close: () => closeLargeXlsx(wb),
        };
      else await closeLargeXlsx(wb);
    } else if (kind === 'text') {
      const { closeCsvSplit, openLargeCsv, readCsvHead, startCsvSplit, streamCsvRows } =
        await import('./read-csv-large.js');
      const csv = await openLargeCsv(filePath);
      const head = await readCsvHead(csv);
      if (head) {
        // The splitting thread loads while the head is recognised.
        startCsvSplit(csv);
        read = {
          sheets: [head],
          info: { format: 'csv', encoding: csv.encoding, delimiter: csv.delimiter },
          stream: (_index, fromRow, onRow, columns, key) =>
            streamCsvRows(csv, fromRow, onRow, columns, key),
          close: () => closeCsvSplit(csv),
          rows: csv.records,
        };
      }
    }
    if (!read) return null;
    started = read.close ?? null;
    // The file's SHA-256, read and hashed on this thread while a worker thread reads its rows:
    // asked before them when a copy must be told, else once they are read. (Hashed in the worker
    // too, it made the worker, the slower of the two, slower still.)
    const digest = fileSha256(filePath);
    // Its failure is told where it is asked for (checkLarge), not as an unhandled rejection.
    digest.catch(() => undefined);
    return {
      sheets: read.sheets,
      info: read.info,
      findings: [],
      // Asked when needed (LargeSource.sha256).
      sha256: null,
      size: refused.size,
      mtime: refused.mtime,
      large: {
        stream: read.stream,
        close: read.close,
        rows: read.rows,
        tooLarge,
        sha256: () => digest,
      },
    };
  } catch (e) {
    await started?.();
    if (e instanceof ReadError) return fail('file-corrupt', saidParams('reason', e.reason));
    if (e instanceof GridLimitError) return null;
    return fail(...fsErrorFinding(e));
  }
}

/** The uncompressed size of a worksheet part past which the whole-file reader is not tried. */
const HUGE_SHEET_BYTES = 64 * 1024 * 1024;

/**
 * Whether a zip's directory declares a worksheet part larger than {@link HUGE_SHEET_BYTES} (at
 * least two million cells, four times the default budget). The directory may lie: it only
 * chooses the reader, and the streamed reader keeps its own limits.
 */
function declaresHugeSheet(bytes: Buffer): boolean {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) return false;
  const dir = readDirectory(bytes);
  if (isReason(dir)) return false;
  return dir.entries.some(
    (e) => /worksheets\/[^/]+\.xml$/i.test(e.name) && e.uncompressed > HUGE_SHEET_BYTES,
  );
}

/** The first bytes of a file, enough to tell what it is. */
async function fileStart(filePath: string): Promise<Buffer> {
  const handle = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** SHA-256 of a file, read chunk by chunk (the file is too large to hold). */
async function fileSha256(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fileChunks(filePath, 0, Infinity, 4 << 20)) hash.update(chunk);
  return hash.digest('hex');
}

/** An OpenDocument spreadsheet: its first part, stored, is its `mimetype`. */
function isOds(bytes: Buffer): boolean {
  return bytes
    .subarray(0, 120)
    .includes(Buffer.from('application/vnd.oasis.opendocument.spreadsheet', 'latin1'));
}

/**
 * A workbook the tool cannot read itself, read as LibreOffice converts it (when installed; see
 * `office-convert.ts`): its sheets, with the info finding `file-converted` first; the hash and
 * size stay those of the file sent. Null when it could not be converted.
 */
async function converted(
  bytes: Buffer,
  ext: 'xls' | 'ods',
  opts: ReadFileOptions,
  sent: ReadOutcome,
): Promise<ReadOutcome | null> {
  const xlsx = await convertToXlsx(bytes, ext);
  if (xlsx === null) return null;
  const read = await readSubmissionBytes(xlsx, `converted.xlsx`, opts);
  if (read.info === null) return null;
  return {
    ...read,
    info: { ...read.info, convertedFrom: ext },
    findings: [
      makeFinding('file-converted', { file: opts.displayPath, params: { format: `.${ext}` } }),
      ...read.findings,
    ],
    sha256: sent.sha256,
    size: sent.size,
  };
}

/**
 * Reads the bytes of a submission — a file's, or an e-mail attachment's held in memory — named
 * `name` (for the kind its extension says, never trusted over its content). The size limit is
 * checked again: an attachment is limited like a file.
 */
export async function readSubmissionBytes(
  bytes: Buffer,
  name: string,
  opts: ReadFileOptions,
): Promise<ReadOutcome> {
  const filePath = name;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxInflated = opts.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  const limits = { maxCells: opts.maxCells ?? DEFAULT_MAX_CELLS };
  const { outcome, fail } = emptyOutcome(opts.displayPath, bytes.length);
  if (bytes.length > maxBytes) {
    return fail('file-too-large', { size: formatSize(bytes.length), limit: formatSize(maxBytes) });
  }
  outcome.sha256 = createHash('sha256').update(bytes).digest('hex');

  const kind = sniffFile(bytes, name);
  // A PDF, a Word file or a photo named as such is a document sent alongside (or instead of) the
  // report: said, but no error; a ".xlsx" that is really a PDF is an error.
  // So is a web page or another XML file that is named as one (a saved news page, an e-invoice).
  const documentSeverity: Severity | undefined =
    isDocumentName(filePath) || (kind.kind === 'other' && isMarkupName(filePath))
      ? 'warning'
      : undefined;
  // A spreadsheet format the tool does not read, named as such (a SYLK, DIF, dBase or Lotus file,
  // Apple Numbers, a web archive): said so in its own words, not read as text and found empty.
  const unread = unreadFormat(filePath);
  if (unread !== null && kind.kind !== 'xls' && kind.kind !== 'zip' && kind.kind !== 'empty')
    return fail('file-not-spreadsheet', saidParams('detected', unread));
  try {
    switch (kind.kind) {
      case 'empty':
        return fail('file-empty');
      case 'xls':
        return (
          (await converted(bytes, 'xls', opts, outcome)) ??
          fail(
            'file-xls',
            saidParams(
              'why',
              process.env[NO_CONVERT_ENV] === '1' || findSoffice() === null
                ? {
                    vi: 'mà máy này không có LibreOffice',
                    en: 'LibreOffice is not installed on this machine',
                  }
                : {
                    vi: 'mà LibreOffice không mở được tệp này (tệp có thể đã hỏng)',
                    en: 'LibreOffice could not open this file (it may be damaged)',
                  },
            ),
          )
        );
      case 'other':
        return fail(
          'file-not-spreadsheet',
          saidParams('detected', kind.detected),
          documentSeverity,
        );
      case 'zip': {
        // The census counts the parts as the guard inflates them: a workbook past the cell budget
        // is refused (GridLimitError, below) before its grids are laid out. A small sheet's cells
        // are counted by the reader as it reads them, on a budget of its own.
        const census = new XlsxCensus(limits, { everySheet: false });
        const guard = guardZip(bytes, { maxInflatedBytes: maxInflated, inspect: census.inspect });
        if (!guard.ok) {
          if (guard.code === 'file-corrupt')
            return fail('file-corrupt', saidParams('reason', guard.reason));
          if (guard.code === 'file-not-spreadsheet') {
            if (isOds(bytes)) {
              const ods = await converted(bytes, 'ods', opts, outcome);
              if (ods) return ods;
            }
            return fail(
              'file-not-spreadsheet',
              saidParams('detected', unread ?? guard.detected),
              documentSeverity,
            );
          }
          if (guard.code === 'archive-size-mismatch') {
            return fail('archive-size-mismatch', {
              declared: formatSize(guard.declaredBytes),
              limit: formatSize(guard.limit),
            });
          }
          return fail('archive-too-large', {
            size: formatSize(guard.inflatedBytes),
            ...saidParams(
              'limit',
              guard.ratio === undefined
                ? { vi: formatSize(guard.limit), en: formatSize(guard.limit) }
                : {
                    vi: `tỷ lệ nén ${guard.ratio.max}:1`,
                    en: `compression ratio ${guard.ratio.max}:1`,
                  },
            ),
          });
        }
        const pkg = { names: guard.names, merges: census.sheetMerges() };
        outcome.sheets = (await readXlsx(bytes, pkg, limits)).sheets;
        outcome.info = { format: 'xlsx' };
        return outcome;
      }
      case 'text': {
        // A file read whole may mix its lines' ends; a large list streamed from the disk is split
        // as csv-parse splits it, by its first line's end (read-csv-large.ts).
        const csv = readCsv(bytes, limits);
        outcome.sheets = [csv.sheet];
        outcome.info = { format: 'csv', encoding: csv.encoding, delimiter: csv.delimiter };
        // Vietnamese letters saved as "?" (in no cell's words: a list's cells may hold names).
        if (csv.lostLetters >= LOST_LETTERS_SAID)
          outcome.findings.push(
            makeFinding('csv-letters-lost', {
              file: opts.displayPath,
              params: { count: csv.lostLetters },
            }),
          );
        return outcome;
      }
      case 'html': {
        // The markup readers (and their parsers) load only for the files that need them.
        const { readHtml } = await import('./read-html.js');
        const html = readHtml(bytes, path.basename(filePath), limits);
        // `<table` only inside a script or a comment: a web page, not an export.
        if (html.tables === 0) {
          return fail(
            'file-not-spreadsheet',
            { detected: 'HTML', detectedEn: 'HTML' },
            documentSeverity,
          );
        }
        outcome.sheets = html.sheets;
        outcome.info = { format: 'html', encoding: html.encoding };
        return outcome;
      }
      case 'xml2003': {
        const { readXml2003 } = await import('./read-xml2003.js');
        const xml = readXml2003(bytes, limits);
        outcome.sheets = xml.sheets;
        outcome.info = { format: 'xml2003', encoding: xml.encoding };
        return outcome;
      }
    }
  } catch (e) {
    if (e instanceof ReadError) return fail('file-corrupt', saidParams('reason', e.reason));
    if (e instanceof GridLimitError) return fail('too-many-cells', { limit: e.limit });
    throw e;
  }
}

/**
 * Words with letters lost to "?" from which a CSV is said to have been saved in a code page
 * without Vietnamese letters: a question or two in a note is no such file.
 */
const LOST_LETTERS_SAID = 5;

/** `.htm`, `.html`, `.xml`: a name that says "markup", unlike an `.xls` holding a page. */
function isMarkupName(filePath: string): boolean {
  return /\.(html?|xml)$/i.test(filePath);
}

/**
 * Formats a size the way the Vietnamese messages write it: `61,2 MB`, `512 KB`, `900 byte`
 * (binary multiples, as Windows Explorer shows them).
 */
export function formatSize(bytes: number): string {
  const units = ['KB', 'MB', 'GB', 'TB'] as const;
  if (bytes < 1024) return `${bytes} byte`;
  let n = bytes / 1024;
  let unit: string = units[0];
  for (let i = 1; i < units.length && n >= 1024; i++) {
    n /= 1024;
    unit = units[i] ?? unit;
  }
  const rounded = n >= 100 ? Math.round(n) : Math.round(n * 10) / 10;
  return `${String(rounded).replace('.', ',')} ${unit}`;
}

const IS_FOLDER: Bilingual = {
  vi: 'đây là thư mục, không phải tệp',
  en: 'this is a folder, not a file',
};

/** Puts an operating-system error in words a district officer can act on. */
function fsErrorReason(e: unknown): Bilingual {
  switch (errnoCode(e)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { vi: 'không tìm thấy tệp', en: 'file not found' };
    case 'EACCES':
    case 'EPERM':
      return { vi: 'không có quyền đọc', en: 'no permission to read it' };
    case 'EBUSY':
      return {
        vi: 'tệp đang bị khóa (đang mở trong chương trình khác?)',
        en: 'the file is locked (open in another program?)',
      };
    case 'EISDIR':
      return IS_FOLDER;
    case 'ENAMETOOLONG':
      return { vi: 'đường dẫn quá dài', en: 'the path is too long' };
    case 'ELOOP':
      return {
        vi: 'đường dẫn vòng lặp (liên kết tắt trỏ về chính nó)',
        en: 'the path loops (a link leads back to itself)',
      };
    case 'EIO':
      return { vi: 'lỗi đọc ổ đĩa', en: 'a disk read error' };
    default: {
      const message = e instanceof Error ? e.message : String(e);
      return { vi: message, en: message };
    }
  }
}

/** A file-level problem found before reading: the finding's code and params. */
interface EntryProblem {
  code: FindingCode;
  params: FindingInit['params'];
}

/**
 * What a path is, from its metadata only (nothing is opened): a regular file with its size and
 * time, or the problem that makes it no submission — a pipe, device or socket, a link leading
 * nowhere, a folder the walk could not list or had already read, no permission.
 */
async function inspectEntry(
  filePath: string,
): Promise<{ size: number; mtime: Date | null; problem?: EntryProblem }> {
  let st;
  try {
    st = statSync(filePath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | null)?.code;
    if (code === 'ENOENT' || code === 'ELOOP') {
      const target = await readlink(filePath).catch(() => null);
      if (target !== null)
        return { size: 0, mtime: null, problem: { code: 'link-broken', params: { target } } };
    }
    const [fcode, params] = fsErrorFinding(e);
    return { size: 0, mtime: null, problem: { code: fcode, params } };
  }
  if (st.isFile()) return { size: st.size, mtime: st.mtime };
  if (!st.isDirectory())
    return { size: 0, mtime: st.mtime, problem: { code: 'file-special', params: {} } };
  // The walk hands over a folder only when it could not list it, or when a link led back to a
  // folder already read.
  try {
    await readdir(filePath);
  } catch {
    return { size: 0, mtime: st.mtime, problem: { code: 'folder-unreadable', params: {} } };
  }
  if (await isLink(filePath)) {
    const target = await realpath(filePath).catch(() => filePath);
    return { size: 0, mtime: st.mtime, problem: { code: 'folder-repeated', params: { target } } };
  }
  return {
    size: 0,
    mtime: st.mtime,
    problem: { code: 'file-unreadable', params: saidParams('reason', IS_FOLDER) },
  };
}

async function isLink(p: string): Promise<boolean> {
  return lstat(p).then(
    (l) => l.isSymbolicLink(),
    () => false,
  );
}

/**
 * The bytes of a regular file, or null when the path turns out not to be one (replaced between the
 * check and the open). Opened without blocking, so that even then a pipe cannot hang the run.
 * Read synchronously, as the entry is looked at (`inspectEntry`): a file within the size limit
 * is read at once, and each step handed to the disk's thread and waited for cost more than the
 * read (the nine shipped districts: 21 ms of 380 waiting, `node --cpu-prof`).
 */
function readRegularFile(filePath: string): Buffer | null {
  // O_NONBLOCK is POSIX only (undefined on Windows, where there are no such pipes to fear).
  const fd = openSync(filePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    if (!fstatSync(fd).isFile()) return null;
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The finding for a system error met while reading a file. */
export function fsErrorFinding(e: unknown): [FindingCode, FindingInit['params']] {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return ['file-no-permission', {}];
  return ['file-unreadable', saidParams('reason', fsErrorReason(e))];
}
