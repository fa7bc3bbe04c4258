/**
 * Reads a CSV file too large to hold — a province's household list exported as text — from the
 * disk as a stream: its encoding and delimiter told from its first megabyte, as the whole-file
 * reader (read-csv.ts) tells them from the whole; its first {@link HEAD_ROWS} records read to
 * recognise the list; then, when the checks ask, every record handed on one at a time. A UTF-8
 * file's plain records are split from its bytes, the rest by csv-parse with the whole-file
 * reader's options, so a list gives the same rows streamed as read whole.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';

import { ReadError } from '../core/errors.js';
import { isFilledCell, UNREAD_CELL, type SheetCell, type SheetGrid } from '../core/grid.js';
import { CSV_OPTIONS, csvRow, sniffDelimiter } from './read-csv.js';
import { utf16WithoutBom } from './sniff.js';
import { HEAD_ROWS } from './read-xlsx-large.js';
import { columnMask, filledFromBytes, unreadOthers } from './unread-cells.js';

/** Bytes read to tell the encoding and the delimiter. */
const PROBE_BYTES = 1024 * 1024;
/** The longest record (characters): a line of a million delimiters is refused, not split. */
const MAX_RECORD_CHARS = 1024 * 1024;

/** How a large CSV is written: its encoding (as read-csv names them), BOM length and delimiter. */
export interface LargeCsv {
  path: string;
  encoding: string;
  /** Bytes of the byte-order mark to skip. */
  skip: number;
  delimiter: string;
}

/** Tells the encoding and delimiter of a large text file from its first megabyte. */
export async function openLargeCsv(filePath: string): Promise<LargeCsv> {
  const handle = await open(filePath, 'r');
  let probe: Buffer;
  try {
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
  return { path: filePath, encoding, skip, delimiter: sniffDelimiter(text) };
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
  const d = iconv.getDecoder(encoding === 'utf-16be' ? 'utf-16be' : 'windows1258');
  return { write: (b) => d.write(b), end: () => d.end() ?? '' };
}

/**
 * Streams the records of the file, from record `fromRow` (0-based) on, each as a row of cells
 * (as read-csv makes them). `onRow` returning `false` stops the reading.
 *
 * With `columns` (the columns the consumer reads), a filled field of another column is handed
 * over as {@link UNREAD_CELL} when its record has at least two filled fields: a million names
 * are known to be there without being decoded. A record with one filled field is read whole.
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
  onRow: (r: number, cells: (SheetCell | undefined)[]) => unknown,
  columns?: readonly number[],
): Promise<void> {
  let from: ParseFrom = { offset: csv.skip, row: 0, recordDelimiter: undefined };
  if (csv.encoding === 'utf-8' || csv.encoding === 'utf-8-bom') {
    const rest = await splitUtf8(csv, fromRow, onRow, columns);
    if (rest === null) return;
    from = rest;
  }
  await parseCsvRows(csv, from, fromRow, onRow, columns);
}

/** Where csv-parse takes over: a record's first byte, its number, the line end found so far. */
interface ParseFrom {
  offset: number;
  row: number;
  recordDelimiter: '\n' | '\r\n' | undefined;
}

/** Bytes read at once by the splitter. */
export const CSV_CHUNK_BYTES = 4 << 20;
let chunkBytes = CSV_CHUNK_BYTES;

/** Sets the bytes the splitter reads at once (tests make records cross chunks). */
export function setCsvChunkBytes(bytes: number): void {
  chunkBytes = bytes;
}
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
/** U+037E GREEK QUESTION MARK, which NFC turns into ";": the text must then be read whole. */
const GREEK_QUESTION_MARK = Buffer.from('\u037e', 'utf8');

/**
 * Splits a UTF-8 file's plain records from its bytes: a record ends at the file's line end, its
 * fields at the delimiter (a quoted field that closes on its line, doubled quotation marks
 * inside, is plain too), each trimmed as read-csv trims (csv-parse's trimming then String.trim)
 * and normalised (NFC). Only the fields asked for are decoded; the words a column repeats are
 * decoded once. Returns where csv-parse must take over (a quoted field over a line end or with
 * text after its closing mark, a lone line end of the other kind, a record too long, bytes that
 * are not UTF-8), or null when the file was read to its end or `onRow` stopped it.
 */
async function splitUtf8(
  csv: LargeCsv,
  fromRow: number,
  onRow: (r: number, cells: (SheetCell | undefined)[]) => unknown,
  columns: readonly number[] | undefined,
): Promise<ParseFrom | null> {
  const wanted = columns ? columnMask(columns) : null;
  const delimiter = csv.delimiter.charCodeAt(0);
  let crlf: boolean | undefined;
  let r = 0;
  let pieceStart = csv.skip;
  let carry: Buffer | null = null;
  // Where each field of the record starts and ends (grown as records widen).
  let starts = new Int32Array(64);
  let ends = new Int32Array(64);
  let escaped = new Uint8Array(64);
  // The texts of fields with letters beyond ASCII (a commune, a classification), by a hash of
  // their bytes: a million rows repeat a few hundred names, each decoded once and found again
  // without a string made to look it up.
  const words = new Map<number, Word>();
  let wordCount = 0;
  /** A field's text, trimmed and normalised. */
  const decode = (buf: Buffer, s: number, e: number): string => {
    while (s < e && isAsciiSpace(buf[s] as number)) s++;
    while (e > s && isAsciiSpace(buf[e - 1] as number)) e--;
    if (s === e) return '';
    // A flag ("x") or a small number ("250"): its text made once.
    if (e - s === 1 && (buf[s] as number) < 0x80) return ASCII_CHAR[buf[s] as number] as string;
    if (e - s <= 4 && buf[s] !== 0x30) {
      let x = 0;
      let k = s;
      for (; k < e; k++) {
        const d = (buf[k] as number) - 0x30;
        if (d < 0 || d > 9) break;
        x = x * 10 + d;
      }
      if (k === e) return (SMALL_NUMBERS[x] ??= String(x));
    }
    let ascii = true;
    for (let k = s; k < e; k++)
      if ((buf[k] as number) >= 0x80) {
        ascii = false;
        break;
      }
    if (ascii) return buf.toString('latin1', s, e);
    let hash = FNV_OFFSET;
    for (let k = s; k < e; k++) hash = Math.imul(hash ^ (buf[k] as number), FNV_PRIME);
    const first = words.get(hash);
    for (let w = first; w !== undefined; w = w.next)
      if (sameBytes(w.bytes, buf, s, e)) return w.text;
    const text = buf.toString('utf8', s, e).normalize('NFC').trim();
    if (wordCount >= 4096) {
      words.clear();
      wordCount = 0;
    }
    // Its bytes copied: the chunk they came from is not kept for them.
    const bytes = Uint8Array.prototype.slice.call(buf, s, e);
    words.set(hash, { bytes, text, next: words.get(hash) });
    wordCount++;
    return text;
  };
  const filled = (buf: Buffer, s: number, e: number): boolean =>
    filledFromBytes(buf, s, e, false) ?? isFilledCell({ value: buf.toString('utf8', s, e) });
  /**
   * Splits the record in `[s, e)` (line end excluded) into `starts`/`ends` (a quoted field's
   * content, `escaped` when it holds doubled quotation marks); its field count, or -1 when a
   * quotation mark is not the plain kind this splitter reads (csv-parse then takes over).
   */
  const split = (buf: Buffer, s: number, e: number, quoted: boolean): number => {
    let n = 0;
    if (!quoted) {
      let f = s;
      for (let k = s; k < e; k++) {
        if (buf[k] !== delimiter) continue;
        if (n + 1 >= starts.length) grow();
        starts[n] = f;
        escaped[n] = 0;
        ends[n++] = k;
        f = k + 1;
      }
      starts[n] = f;
      escaped[n] = 0;
      ends[n++] = e;
      return n;
    }
    let k = s;
    for (;;) {
      if (n + 1 >= starts.length) grow();
      let p = k;
      // Spaces before the field (a tab that is the delimiter ends it).
      while (p < e && buf[p] !== delimiter && isAsciiSpace(buf[p] as number)) p++;
      if (p < e && buf[p] === QUOTE) {
        // A quoted field: up to the quotation mark not doubled, then only spaces to its end.
        let q = p + 1;
        let doubled = 0;
        let close = -1;
        while (close < 0) {
          const z = buf.indexOf(QUOTE, q);
          if (z < 0 || z >= e) return -1;
          if (z + 1 < e && buf[z + 1] === QUOTE) {
            doubled = 1;
            q = z + 2;
          } else close = z;
        }
        let t = close + 1;
        while (t < e && buf[t] !== delimiter && isAsciiSpace(buf[t] as number)) t++;
        if (t < e && buf[t] !== delimiter) return -1;
        starts[n] = p + 1;
        ends[n] = close;
        escaped[n++] = doubled;
        if (t >= e) return n;
        k = t + 1;
        continue;
      }
      // A plain field: a quotation mark inside it is a letter, unless a space csv-parse trims
      // (not ASCII) comes before it and it opens the field after all.
      let z = p;
      while (z < e && buf[z] !== delimiter) {
        if (buf[z] === QUOTE && p < e && (buf[p] as number) >= 0x80) return -1;
        z++;
      }
      starts[n] = k;
      ends[n] = z;
      escaped[n++] = 0;
      if (z >= e) return n;
      k = z + 1;
    }
  };
  /** A field's value: its text, doubled quotation marks made one. */
  const value = (buf: Buffer, c: number): string => {
    const text = decode(buf, starts[c] as number, ends[c] as number);
    return escaped[c] === 1 ? text.replaceAll('""', '"').trim() : text;
  };
  /** Hands over the record in `[s, e)`: false when stopped, null when csv-parse must read it. */
  const record = (buf: Buffer, s: number, e: number, quoted: boolean): boolean | null => {
    let n = split(buf, s, e, quoted);
    if (n < 0) return null;
    const cells: (SheetCell | undefined)[] = new Array<SheetCell | undefined>(n);
    let count = 0;
    let unread = -1;
    for (let c = 0; c < n; c++) {
      const fs = starts[c] as number;
      const fe = ends[c] as number;
      if (wanted !== null && wanted[c] !== 1) {
        if (filled(buf, fs, fe)) {
          cells[c] = UNREAD_CELL;
          count++;
          unread = c;
        }
        continue;
      }
      const text = value(buf, c);
      if (text !== '') {
        const cell = { value: text };
        cells[c] = cell;
        if (isFilledCell(cell)) count++;
      }
    }
    if (count === 1 && unread >= 0) {
      const text = value(buf, unread);
      cells[unread] = text === '' ? undefined : { value: text };
    }
    while (n > 0 && cells[n - 1] === undefined) n--;
    if (n < cells.length) cells.length = n;
    return onRow(r, cells) !== false;
  };
  const grow = (): void => {
    const s2 = new Int32Array(starts.length * 2);
    s2.set(starts);
    starts = s2;
    const e2 = new Int32Array(ends.length * 2);
    e2.set(ends);
    ends = e2;
    const x2 = new Uint8Array(escaped.length * 2);
    x2.set(escaped);
    escaped = x2;
  };
  const takeOver = (offset: number): ParseFrom => ({
    offset,
    row: r,
    recordDelimiter: crlf === undefined ? undefined : crlf ? '\r\n' : '\n',
  });
  /**
   * Reads the whole records of `buf` (it ends with a line end, or is the file's last bytes).
   * Returns null when done, false when stopped, or where csv-parse takes over.
   */
  const records = (buf: Buffer, last: boolean): ParseFrom | false | null => {
    if (!isUtf8(buf)) return takeOver(pieceStart);
    if (delimiter === 0x3b && buf.includes(GREEK_QUESTION_MARK)) return takeOver(pieceStart);
    let quote = buf.indexOf(QUOTE);
    let i = 0;
    while (i < buf.length) {
      let nl = buf.indexOf(LF, i);
      const final = nl < 0;
      if (final) {
        if (!last) break;
        nl = buf.length;
      }
      const quoted = quote >= 0 && quote < nl;
      if (nl - i > MAX_RECORD_CHARS) return takeOver(pieceStart + i);
      let e = nl;
      // The first line end says which the file uses, as csv-parse finds it (once the line is
      // read: a line csv-parse takes over leaves it to csv-parse to find).
      let lineCrlf = crlf;
      if (crlf === undefined && !final) {
        const cr = buf.indexOf(CR, i);
        if (cr >= 0 && cr < nl - 1) return takeOver(pieceStart + i);
        lineCrlf = cr >= 0 && cr === nl - 1;
      } else if (crlf === undefined && buf.indexOf(CR, i) >= 0) return takeOver(pieceStart + i);
      if (lineCrlf === true && !final) {
        // A line feed without its carriage return is inside a field for csv-parse.
        if (buf[nl - 1] !== CR) return takeOver(pieceStart + i);
        e = nl - 1;
      }
      if (final) {
        // The file's last bytes, without a line end: only spaces are no record.
        if (buf.indexOf(delimiter, i) < 0 && !/[^\s]/.test(buf.toString('utf8', i, nl))) {
          i = nl;
          continue;
        }
      }
      if (r >= fromRow) {
        const went = record(buf, i, e, quoted);
        if (went === null) return takeOver(pieceStart + i);
        if (!went) return false;
      } else if (quoted && split(buf, i, e, true) < 0) return takeOver(pieceStart + i);
      crlf = lineCrlf;
      r++;
      i = nl + 1;
      if (quote >= 0 && quote < i) quote = buf.indexOf(QUOTE, i);
    }
    return null;
  };
  const source = createReadStream(csv.path, { start: csv.skip, highWaterMark: chunkBytes });
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      let rest = chunk;
      if (carry) {
        // The last chunk's unfinished record is joined to this chunk's first line only: copying
        // each chunk whole to finish one record would cost more than splitting it.
        const nl = chunk.indexOf(LF);
        if (nl < 0) {
          carry = Buffer.concat([carry, chunk]);
          if (carry.length > MAX_RECORD_CHARS + 2) return takeOver(pieceStart);
          continue;
        }
        const head = Buffer.concat([carry, chunk.subarray(0, nl + 1)]);
        carry = null;
        const out = records(head, false);
        if (out === false) return null;
        if (out !== null) return out;
        pieceStart += head.length;
        rest = chunk.subarray(nl + 1);
      }
      const cut = rest.lastIndexOf(LF) + 1;
      if (cut === 0) {
        if (rest.length > MAX_RECORD_CHARS + 2) return takeOver(pieceStart);
        carry = rest.length > 0 ? rest : null;
        continue;
      }
      const out = records(cut === rest.length ? rest : rest.subarray(0, cut), false);
      if (out === false) return null;
      if (out !== null) return out;
      pieceStart += cut;
      if (cut < rest.length) carry = Buffer.from(rest.subarray(cut));
    }
    if (carry) {
      const out = records(carry, true);
      if (out === false) return null;
      if (out !== null) return out;
    }
    return null;
  } finally {
    source.destroy();
  }
}

/** A decoded field: its bytes, its text, the next field of the same hash. */
interface Word {
  bytes: Uint8Array;
  text: string;
  next: Word | undefined;
}

/** FNV-1a (32 bits): a field's bytes hashed as they are read. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Whether `buf[s, e)` holds the very bytes of `bytes`. */
function sameBytes(bytes: Uint8Array, buf: Buffer, s: number, e: number): boolean {
  if (bytes.length !== e - s) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== buf[s + i]) return false;
  return true;
}

/** The texts of one ASCII character, and of the numbers 1–9999 as met. */
const ASCII_CHAR = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
const SMALL_NUMBERS: (string | undefined)[] = [];

function isAsciiSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

/** csv-parse reads the records from `from` on (see {@link streamCsvRows}). */
async function parseCsvRows(
  csv: LargeCsv,
  from: ParseFrom,
  fromRow: number,
  onRow: (r: number, cells: (SheetCell | undefined)[]) => unknown,
  columns: readonly number[] | undefined,
): Promise<void> {
  const wanted = columns ? columnMask(columns) : null;
  const decoder = decoderFor(csv.encoding);
  let carry = '';
  /** Text cut at its last line end, normalised (NFC) as read-csv normalises the whole. */
  async function* text(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
    for await (const chunk of source) {
      const s = carry + decoder.write(chunk);
      const cut = s.lastIndexOf('\n') + 1;
      carry = s.slice(cut);
      if (cut > 0) yield s.slice(0, cut).normalize('NFC');
    }
    const last = carry + decoder.end();
    if (last) yield last.normalize('NFC');
  }
  let r = from.row;
  let stopped = false;
  const parser = parse({
    ...CSV_OPTIONS,
    delimiter: csv.delimiter,
    ...(from.recordDelimiter !== undefined ? { record_delimiter: from.recordDelimiter } : {}),
    max_record_size: MAX_RECORD_CHARS,
    on_record: (record: string[]) => {
      if (!stopped && r >= fromRow && onRow(r, unreadOthers(csvRow(record), wanted)) === false) {
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
  await streamCsvRows(csv, 0, (r, cells) => {
    if (r >= HEAD_ROWS) {
      more = true;
      return false;
    }
    rows.push(cells);
    return true;
  });
  if (!more) return null;
  return { name: null, hidden: false, rows, merges: [], headOnly: true };
}
