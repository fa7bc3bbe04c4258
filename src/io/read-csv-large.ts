/**
 * Reads a CSV file too large to hold — a province's household list exported as text — from the
 * disk as a stream: its encoding and delimiter told from its first megabyte, as the whole-file
 * reader (read-csv.ts) tells them from the whole; its first {@link HEAD_ROWS} records read to
 * recognise the list; then, when the checks ask, every record handed on one at a time. A UTF-8
 * file's plain records are split from its bytes, the rest by csv-parse with the whole-file
 * reader's options, so a list gives the same rows streamed as read whole.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { iconv } from './iconv.js';

import { ReadError } from '../core/errors.js';
import { isFilledCell, UNREAD_CELL, type SheetCell, type SheetGrid } from '../core/grid.js';
import { CSV_OPTIONS, csvRow, lineFeeds, sniffDelimiter } from './read-csv.js';
import { utf16WithoutBom } from './sniff.js';
import { HEAD_ROWS } from './read-xlsx-large.js';
import { columnMask, readsWhole, unreadOthers } from './unread-cells.js';
import {
  FIELD_NONE,
  FIELD_UNREAD,
  FIRST_WORD,
  MAX_RECORD_CHARS,
  Utf8Splitter,
  type CsvBatch,
  type ParseFrom,
} from './csv-split.js';
import type { CsvSplitJob } from './csv-split-worker.js';
import { builtWorker, StartedWorker, workerBatches } from './worker-stream.js';

/**
 * Takes one row: its 0-based number, its cells, and when the reader knows them, how many cells
 * hold something (as `isFilledCell` tells) and the first of them (-1: none). False stops the
 * reading. The cells' array is lent for the call: the reader may fill it again for a later row,
 * so a sink that keeps the row keeps a copy.
 */
export type RowSink = (
  r: number,
  cells: (SheetCell | undefined)[],
  filled?: number,
  first?: number,
) => unknown;

/** Bytes read to tell the encoding and the delimiter. */
const PROBE_BYTES = 1024 * 1024;

/** How a large CSV is written: its encoding (as read-csv names them), BOM length and delimiter. */
export interface LargeCsv {
  path: string;
  encoding: string;
  /** Bytes of the byte-order mark to skip. */
  skip: number;
  delimiter: string;
  /** The file's size in bytes. */
  size: number;
  /** About how many records it holds: its size over the bytes per line of its first megabyte. */
  records: number;
  /** The splitting thread started ahead ({@link startCsvSplit}), until it is used or closed. */
  thread?: StartedWorker<CsvBatch> | null;
}

/** Tells the encoding and delimiter of a large text file from its first megabyte. */
export async function openLargeCsv(filePath: string): Promise<LargeCsv> {
  const handle = await open(filePath, 'r');
  let probe: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    const buf = Buffer.alloc(PROBE_BYTES);
    const { bytesRead } = await handle.read(buf, 0, PROBE_BYTES, 0);
    probe = buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  let encoding: string;
  let skip = 0;
  if (probe[0] === 0xef && probe[1] === 0xbb && probe[2] === 0xbf) {
    encoding = 'utf-8-bom';
    skip = 3;
  } else if (probe[0] === 0xff && probe[1] === 0xfe) {
    encoding = 'utf-16le';
    skip = 2;
  } else if (probe[0] === 0xfe && probe[1] === 0xff) {
    encoding = 'utf-16be';
    skip = 2;
  } else {
    encoding = utf16WithoutBom(probe) ?? (isUtf8Prefix(probe) ? 'utf-8' : 'windows-1258');
  }
  const text = decoderFor(encoding).write(probe.subarray(skip));
  let lines = 0;
  for (let i = probe.indexOf(0x0a); i >= 0; i = probe.indexOf(0x0a, i + 1)) lines++;
  const records = probe.length > 0 ? Math.ceil((size * Math.max(lines, 1)) / probe.length) : 0;
  return { path: filePath, encoding, skip, delimiter: sniffDelimiter(text), size, records };
}

/** Whether `bytes` (a file's beginning, possibly cut inside a letter) is valid UTF-8. */
function isUtf8Prefix(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** A chunk-by-chunk decoder of the encoding. */
function decoderFor(encoding: string): { write: (b: Buffer) => string; end: () => string } {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom' || encoding === 'utf-16le') {
    const d = new TextDecoder(encoding === 'utf-16le' ? 'utf-16le' : 'utf-8', {
      fatal: encoding === 'utf-8',
    });
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  }
  const d = iconv().getDecoder(encoding === 'utf-16be' ? 'utf-16be' : 'windows1258');
  return { write: (b) => d.write(b), end: () => d.end() ?? '' };
}

/**
 * Streams the records of the file, from record `fromRow` (0-based) on, each as a row of cells
 * (as read-csv makes them). `onRow` returning `false` stops the reading.
 *
 * With `columns` (the columns the consumer reads), a filled field of another column is handed
 * over as {@link UNREAD_CELL} when its record has at least two filled fields: a million names
 * are known to be there without being decoded. A record with one filled field, or whose `key`
 * field is empty (-1: none; see `readsWhole`), is read whole.
 *
 * A UTF-8 file is split from its bytes ({@link splitUtf8}) as long as its records are plain (one
 * kind of line end, quoted fields that close on their line); from the first record that is not,
 * csv-parse reads the rest, as it reads a file in another encoding whole. Both give the rows the
 * whole-file reader gives (test/unit/csv-stream.test.ts).
 *
 * @throws {@link ReadError} when the text cannot be split (an unclosed quote, a record too long,
 *   a file that stops being UTF-8).
 */
export async function streamCsvRows(
  csv: LargeCsv,
  fromRow: number,
  onRow: RowSink,
  columns?: readonly number[],
  key = -1,
): Promise<void> {
  await streamRows(csv, fromRow, onRow, columns, true, key);
}

/**
 * Starts the thread that will split the file (when it is used for this file), so that it has
 * loaded by the time the rows are asked for; {@link closeCsvSplit} ends it if they never are.
 */
export function startCsvSplit(csv: LargeCsv): void {
  if (csv.thread !== undefined || !isUtf8Encoding(csv.encoding)) return;
  const url = splitThread.enabled && csv.size >= splitThread.minBytes ? splitWorker() : null;
  csv.thread = url ? new StartedWorker<CsvBatch>(url, null) : null;
}

/** Ends the splitting thread started ahead, if it was not used. */
export async function closeCsvSplit(csv: LargeCsv): Promise<void> {
  const thread = csv.thread;
  csv.thread = null;
  await thread?.close();
}

function isUtf8Encoding(encoding: string): boolean {
  return encoding === 'utf-8' || encoding === 'utf-8-bom';
}

/** {@link streamCsvRows}, the splitting done in a thread of its own when `thread` allows it. */
async function streamRows(
  csv: LargeCsv,
  fromRow: number,
  onRow: RowSink,
  columns: readonly number[] | undefined,
  thread: boolean,
  key = -1,
): Promise<void> {
  let from: ParseFrom = { offset: csv.skip, row: 0 };
  if (thread) lastSplit = null;
  if (isUtf8Encoding(csv.encoding)) {
    let start: URL | StartedWorker<CsvBatch> | null = null;
    if (thread && csv.thread) {
      // A thread started ahead serves one reading.
      start = csv.thread;
      csv.thread = undefined;
    } else if (thread && csv.thread === undefined)
      start = splitThread.enabled && csv.size >= splitThread.minBytes ? splitWorker() : null;
    lastSplit = start ? 'thread' : 'here';
    const rest = start
      ? await splitInWorker(start, csv, fromRow, onRow, columns, key)
      : await splitUtf8(csv, fromRow, onRow, columns, key);
    if (rest === null) return;
    from = rest;
  }
  await parseCsvRows(csv, from, fromRow, onRow, columns, key);
}

/**
 * When a file is split in a worker thread: from this size on (below it the thread's start costs
 * more than it saves), on a machine with a second core.
 */
const SPLIT_THREAD = {
  enabled: true,
  minBytes: 16 * 1024 * 1024,
  script: null as URL | null,
  cores: null as number | null,
};
const splitThread = { ...SPLIT_THREAD };

/**
 * How the last file streamed was split: in a thread, in one that failed (then here), here, or
 * not by the splitter (another encoding: csv-parse).
 */
let lastSplit: 'thread' | 'thread failed' | 'here' | null = null;

/** How the last UTF-8 file streamed was split (for tests). */
export function lastCsvSplit(): typeof lastSplit {
  return lastSplit;
}

/**
 * Sets when the splitting thread is used (tests): on or off, from `minBytes` on, its script (null:
 * the built one), the cores the machine is taken to have (null: as it says). With no argument,
 * back to how the tool runs.
 */
export function setCsvSplitThread(settings: Partial<typeof SPLIT_THREAD> = SPLIT_THREAD): void {
  Object.assign(splitThread, SPLIT_THREAD, settings);
}

/** The splitting thread's script, or null when this machine has one core or there is none. */
function splitWorker(): URL | null {
  if ((splitThread.cores ?? availableParallelism()) < 2) return null;
  return splitThread.script ?? builtWorker('csv-split-worker');
}

/**
 * Splits a UTF-8 file's plain records in a worker thread (csv-split-worker.ts) while this one
 * makes the rows and hands them to `onRow`: the same rows as {@link splitUtf8}, which takes over
 * from the first row not handed over if the thread cannot start or fails.
 */
async function splitInWorker(
  start: URL | StartedWorker<CsvBatch>,
  csv: LargeCsv,
  fromRow: number,
  onRow: RowSink,
  columns: readonly number[] | undefined,
  key: number,
): Promise<ParseFrom | null> {
  const job: CsvSplitJob = {
    path: csv.path,
    skip: csv.skip,
    delimiter: csv.delimiter,
    fromRow,
    columns: columns ? [...columns] : null,
    key,
    chunkBytes,
  };
  const batches = workerBatches<CsvBatch>(start, job, (_batch, thread) => {
    thread.postMessage({ kind: 'ack' });
  });
  // The dictionary's texts as cells, shared by the rows that hold them (no one changes a cell).
  const words: SheetCell[] = [];
  const lent: (SheetCell | undefined)[][] = [];
  let next = fromRow;
  let takeOver: ParseFrom | null = null;
  try {
    for (;;) {
      let got: IteratorResult<CsvBatch>;
      try {
        got = await batches.next();
      } catch {
        // The thread failed (or never started): the rest is split here, from the first row
        // not handed over; an error of the file is then met here and told as this reader's.
        lastSplit = 'thread failed';
        return await splitUtf8(csv, next, onRow, columns, key);
      }
      if (got.done) return takeOver;
      const b = got.value;
      if (b.takeOver !== undefined) takeOver = b.takeOver;
      for (const text of b.words) words.push({ value: text });
      const arena = Buffer.from(b.arena.buffer, b.arena.byteOffset, b.arena.byteLength);
      // The batch's own texts (ASCII: a byte is a letter) decoded at once, each then cut out of
      // it. A text of SLICED_FROM letters or more is copied out instead: V8 would keep it as a
      // slice holding the whole batch's text alive for as long as a finding keeps the code.
      const arenaText = arena.toString('latin1', 0, b.arenaBytes);
      let start = 0;
      for (let j = 0; j < b.recordCount; j++) {
        const end = b.ends[j] as number;
        const n = end - start;
        // The row's cells are lent to `onRow` (a RowSink keeps none): one array per width, its
        // every cell written again.
        const cells =
          n < LENT_WIDTHS
            ? (lent[n] ??= new Array<SheetCell | undefined>(n))
            : new Array<SheetCell | undefined>(n);
        for (let c = 0; c < n; c++) {
          const f = b.fields[start + c] as number;
          if (f === FIELD_NONE) cells[c] = undefined;
          else if (f === FIELD_UNREAD) cells[c] = UNREAD_CELL;
          else if (f >= FIRST_WORD) cells[c] = words[f - FIRST_WORD];
          else {
            const t = -f - 1;
            const ts = b.textStart[t] as number;
            const te = b.textEnd[t] as number;
            cells[c] = {
              value:
                ts < 0
                  ? (b.strings[te] as string)
                  : te - ts < SLICED_FROM
                    ? arenaText.substring(ts, te)
                    : arena.toString('latin1', ts, te),
            };
          }
        }
        start = end;
        next = b.firstRow + j + 1;
        if (onRow(b.firstRow + j, cells, b.filled[j], b.first[j]) === false) return null;
      }
    }
  } finally {
    await batches.return(undefined);
  }
}

/** The length from which V8 makes a substring a slice of its parent (SlicedString::kMinLength). */
const SLICED_FROM = 13;

/** Rows up to this width are handed over in an array kept for their width (see splitInWorker). */
const LENT_WIDTHS = 256;

/** Bytes read at once by the splitter. */
export const CSV_CHUNK_BYTES = 4 << 20;
let chunkBytes = CSV_CHUNK_BYTES;

/** Sets the bytes the splitter reads at once (tests make records cross chunks). */
export function setCsvChunkBytes(bytes: number): void {
  chunkBytes = bytes;
}

/**
 * Splits a UTF-8 file's plain records from its bytes in this thread ({@link Utf8Splitter}), each
 * made a row of cells and handed to `onRow`. Returns where csv-parse must take over, or null when
 * the file was read to its end or `onRow` stopped it.
 */
async function splitUtf8(
  csv: LargeCsv,
  fromRow: number,
  onRow: RowSink,
  columns: readonly number[] | undefined,
  key: number,
): Promise<ParseFrom | null> {
  const wanted = columns ? columnMask(columns) : null;
  const splitter: Utf8Splitter = new Utf8Splitter(
    csv.delimiter.charCodeAt(0),
    csv.skip,
    fromRow,
    (buf, fields, r) => {
      let n = fields;
      const starts = splitter.starts;
      const ends = splitter.ends;
      const cells: (SheetCell | undefined)[] = new Array<SheetCell | undefined>(n);
      let count = 0;
      let unread = -1;
      for (let c = 0; c < n; c++) {
        if (wanted !== null && wanted[c] !== 1) {
          if (splitter.filled(buf, starts[c] as number, ends[c] as number)) {
            cells[c] = UNREAD_CELL;
            count++;
            unread = c;
          }
          continue;
        }
        const text = splitter.value(buf, c);
        if (text !== '') {
          const cell = { value: text };
          cells[c] = cell;
          if (isFilledCell(cell)) count++;
        }
      }
      if (count > 1 && unread >= 0 && readsWhole(key, cells[key])) {
        for (let c = 0; c < n; c++)
          if (cells[c] === UNREAD_CELL) {
            const text = splitter.value(buf, c);
            cells[c] = text === '' ? undefined : { value: text };
          }
      } else if (count === 1 && unread >= 0) {
        const text = splitter.value(buf, unread);
        cells[unread] = text === '' ? undefined : { value: text };
      }
      while (n > 0 && cells[n - 1] === undefined) n--;
      if (n < cells.length) cells.length = n;
      return onRow(r, cells) !== false;
    },
  );
  return splitter.read(csv.path, csv.skip, chunkBytes);
}

/** csv-parse reads the records from `from` on (see {@link streamCsvRows}). */
async function parseCsvRows(
  csv: LargeCsv,
  from: ParseFrom,
  fromRow: number,
  onRow: RowSink,
  columns: readonly number[] | undefined,
  key: number,
): Promise<void> {
  const wanted = columns ? columnMask(columns) : null;
  const decoder = decoderFor(csv.encoding);
  let carry = '';
  /**
   * Text cut at its last line end, normalised as read-csv normalises a file read whole: NFC, and
   * every line end (CRLF, LF, CR, mixed in one file) made LF. A carriage return ending a chunk
   * waits for the next (its LF may start it).
   */
  async function* text(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
    for await (const chunk of source) {
      const s = carry + decoder.write(chunk);
      // A CR before the text's last character (lastIndexOf counts a negative start as 0).
      const cr = s.length >= 2 ? s.lastIndexOf('\r', s.length - 2) : -1;
      const cut = Math.max(s.lastIndexOf('\n'), cr) + 1;
      carry = s.slice(cut);
      if (cut > 0) yield lineFeeds(s.slice(0, cut)).normalize('NFC');
    }
    const last = carry + decoder.end();
    if (last) yield lineFeeds(last).normalize('NFC');
  }
  let r = from.row;
  let stopped = false;
  const parser = parse({
    ...CSV_OPTIONS,
    delimiter: csv.delimiter,
    record_delimiter: '\n',
    max_record_size: MAX_RECORD_CHARS,
    on_record: (record: string[]) => {
      if (
        !stopped &&
        r >= fromRow &&
        onRow(r, unreadOthers(csvRow(record), wanted, key)) === false
      ) {
        stopped = true;
        source.destroy();
      }
      r++;
      return null;
    },
  });
  const source = createReadStream(csv.path, { start: from.offset, highWaterMark: 1 << 20 });
  const drain = new Writable({
    objectMode: true,
    write: (_chunk, _enc, cb) => {
      cb();
    },
  });
  try {
    await pipeline(source, text, parser, drain);
  } catch (e) {
    if (stopped) return;
    if (e instanceof CsvError || e instanceof TypeError)
      throw new ReadError(
        {
          vi: `không tách được các cột ở dòng ${r + 1}: ${e.message}`,
          en: `the columns cannot be told apart on line ${r + 1}: ${e.message}`,
        },
        { cause: e },
      );
    throw e;
  }
}

/**
 * The first {@link HEAD_ROWS} records as a grid, marked `headOnly` when the file has more; null
 * when it has no more (the file is large for other reasons: not a list to stream).
 */
export async function readCsvHead(csv: LargeCsv): Promise<SheetGrid | null> {
  const rows: (SheetCell | undefined)[][] = [];
  let more = false;
  // Split here: a thread's start would cost more than these few rows.
  await streamRows(
    csv,
    0,
    (r, cells) => {
      if (r >= HEAD_ROWS) {
        more = true;
        return false;
      }
      rows.push(cells);
      return true;
    },
    undefined,
    false,
  );
  if (!more) return null;
  return { name: null, hidden: false, rows, merges: [], headOnly: true };
}
