/**
 * Reads a CSV file too large to hold — a province's household list exported as text — from the
 * disk as a stream: its encoding and delimiter told from its first megabyte, as the whole-file
 * reader (read-csv.ts) tells them from the whole; its first {@link HEAD_ROWS} records read to
 * recognise the list; then, when the checks ask, every record handed on one at a time. The same
 * parser (csv-parse, the same options) splits the records, so a list gives the same rows
 * streamed as read whole.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';

import { ReadError } from '../core/errors.js';
import type { SheetCell, SheetGrid } from '../core/grid.js';
import { CSV_OPTIONS, csvRow, sniffDelimiter } from './read-csv.js';
import { utf16WithoutBom } from './sniff.js';
import { HEAD_ROWS } from './read-xlsx-large.js';

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
 * @throws {@link ReadError} when the text cannot be split (an unclosed quote, a record too long,
 *   a file that stops being UTF-8).
 */
export async function streamCsvRows(
  csv: LargeCsv,
  fromRow: number,
  onRow: (r: number, cells: (SheetCell | undefined)[]) => unknown,
): Promise<void> {
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
  let r = 0;
  let stopped = false;
  const parser = parse({
    ...CSV_OPTIONS,
    delimiter: csv.delimiter,
    max_record_size: MAX_RECORD_CHARS,
    on_record: (record: string[]) => {
      if (!stopped && r >= fromRow && onRow(r, csvRow(record)) === false) {
        stopped = true;
        source.destroy();
      }
      r++;
      return null;
    },
  });
  const source = createReadStream(csv.path, { start: csv.skip, highWaterMark: 1 << 20 });
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
