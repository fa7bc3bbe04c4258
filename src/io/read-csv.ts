/**
 * Reads a CSV/TSV file into a grid. Vietnamese-locale Excel writes CSV with a semicolon and a
 * decimal comma, in UTF-8 with or without a BOM, in the ANSI code page (Windows-1258), or as
 * "Unicode text" (UTF-16LE, tab-separated); all of them arrive as `.csv`.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { decodeWindows1258, iconv } from './iconv.js';

import type { SheetCell, SheetGrid } from '../core/grid.js';
import { LayoutBudget, type GridLimits } from './grid-limits.js';
import type { Bilingual } from '../core/finding-codes.js';
import { utf16WithoutBom } from './sniff.js';
import { GridLimitError, ReadError } from '../core/errors.js';

/** A CSV file as read by {@link readCsv}. */
export interface CsvRead {
  /** The table: `name` null, not hidden, no merges; every value is the field's raw text. */
  sheet: SheetGrid;
  /** `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be` or `windows-1258`. */
  encoding: string;
  /** The one delimiter the file was split on: `;`, `,`, a tab or `|`. */
  delimiter: string;
  /**
   * How many words have a "?" inside or after their letters ("HỘ? CẠ?N"): what a program writes
   * for the letters its code page lacks, when it saves Vietnamese text in one without them.
   */
  lostLetters: number;
}

/** The delimiters tried, in order of preference when two fit equally well. */
/**
 * How csv-parse splits a file, whole or streamed (the delimiter is the one sniffed): exactly one
 * delimiter (csv-parse's `delimiter_auto` throws a TypeError on non-ASCII text, and an array of
 * delimiters splits on every one of them: "12,5" in a ; file); a lone quote inside a field
 * ('Ghi chú: ống 2" ') is text, not a syntax error; blank lines kept, so that row numbers in
 * findings match the lines the user sees; spaces around quotes trimmed (without that, `"Xã A" ;`
 * keeps its quotes).
 */
export const CSV_OPTIONS = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: false,
  bom: false,
  ltrim: true,
  rtrim: true,
} as const;

export const CSV_DELIMITERS = [';', ',', '\t', '|'] as const;

/** How many non-empty records the delimiter sniffer looks at. */
const SNIFF_RECORDS = 20;
/** How much text the delimiter sniffer scans at most. */
const SNIFF_CHARS = 256 * 1024;

/**
 * `text` with every line end made LF: lines may end in CRLF, LF or CR, mixed in one file.
 * csv-parse takes the first line's end for every line, so a file whose lines end in CRLF and LF
 * both (a title line added in Notepad, rows appended by another program) ran its lines together,
 * a cell's "113" and the next line's "12" into one. The streamed reader of a large list reads
 * the same lines (read-csv-large.ts).
 */
export function lineFeeds(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * Reads a CSV file: decodes it, picks its delimiter and splits it into cells.
 *
 * @param bytes - The whole file.
 * @param limits - The cell budget.
 * @throws {@link ReadError} when the text cannot be split into fields (an unclosed quote);
 *   `GridLimitError` past the budget.
 */
export function readCsv(bytes: Buffer, limits: GridLimits = {}): CsvRead {
  const decoded = decodeText(bytes);
  const { encoding } = decoded;
  const text = lineFeeds(decoded.text);
  const delimiter = sniffDelimiter(text);
  const budget = new LayoutBudget(limits);
  // csv-parse builds a whole record before handing it on, so a line of a million semicolons is
  // refused by its count of fields (at most the delimiters and line ends) before it is split.
  budget.spend(occurrences(text, delimiter) + occurrences(text, '\n') + 1);
  const rows: (SheetCell | undefined)[][] = [];
  try {
    parse(text, {
      ...CSV_OPTIONS,
      delimiter,
      // Each record becomes a row as it is read: the records are not kept twice.
      on_record: (record: string[]) => {
        rows.push(toRow(record, budget));
        return null;
      },
    });
  } catch (e) {
    if (e instanceof GridLimitError) throw e;
    throw new ReadError(csvErrorReason(e, text, delimiter), { cause: e });
  }
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return {
    sheet: { name: null, hidden: false, rows, merges: [] },
    encoding,
    delimiter,
    lostLetters: lostLetters(text),
  };
}

/** Words with a "?" between letters or right after one (see `CsvRead.lostLetters`). */
function lostLetters(text: string): number {
  if (!text.includes('?')) return 0;
  return (text.match(/\p{L}\?+(?=\p{L}|\s|[;,\t]|$)/gmu) ?? []).length;
}

function occurrences(text: string, s: string): number {
  let n = 0;
  for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) n++;
  return n;
}

/**
 * Decodes a text file by its BOM, else as UTF-8 if it is valid UTF-8, else as Windows-1258,
 * and normalises it to NFC: Windows-1258 stores tone marks as separate combining characters,
 * so "Tổng cộng" would otherwise not equal the same words typed in Excel.
 */
export function decodeText(bytes: Buffer): { text: string; encoding: string } {
  const { text, encoding } = decodeRaw(bytes);
  return { text: text.replace(/^\uFEFF/, '').normalize('NFC'), encoding };
}

/**
 * Decodes text whose bytes say their encoding: a byte-order mark, or UTF-16 without one (NUL high
 * bytes). Null when they do not.
 */
export function decodeMarked(bytes: Buffer): { text: string; encoding: string } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: iconv().decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16 === 'utf-16le')
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: utf16 };
  if (utf16 === 'utf-16be') return { text: iconv().decode(bytes, 'utf-16be'), encoding: utf16 };
  return null;
}

function decodeRaw(bytes: Buffer): { text: string; encoding: string } {
  const marked = decodeMarked(bytes);
  if (marked) return marked;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: the "ANSI" code page of a Vietnamese Windows, which maps every byte.
    return { text: decodeWindows1258(bytes), encoding: 'windows-1258' };
  }
}

/**
 * Picks the one delimiter of a CSV text: the candidate whose split of the first non-empty records
 * covers most fields in a consistent width — the width F (> 1) times the records that have F
 * fields or more, counting only outside quoted fields. A record may stop before the header's last
 * field (a "Ghi chú" filled on some rows only, software that writes no trailing empty fields), but
 * has no more fields than the table. Ties go to the candidate with more fields, then to the
 * semicolon of Vietnamese-locale Excel. A semicolon file whose cells hold commas ("Xã, phường, thị
 * trấn", "12,5") stays semicolon: its comma splits are few and narrow.
 */
export function sniffDelimiter(text: string): string {
  let best: { delimiter: string; score: number; fields: number } = {
    delimiter: ',',
    score: 0,
    fields: 0,
  };
  for (const delimiter of CSV_DELIMITERS) {
    const { fields, score } = widestCover(fieldCounts(text, delimiter).filter((n) => n > 1));
    if (score > best.score || (score === best.score && score > 0 && fields > best.fields)) {
      best = { delimiter, score, fields };
    }
  }
  return best.delimiter;
}

/**
 * The width F among the records' field counts for which F × (records with F fields or more) is
 * largest, and that product (the larger width on a tie).
 */
function widestCover(values: number[]): { fields: number; score: number } {
  let fields = 0;
  let score = 0;
  for (const f of new Set(values)) {
    let records = 0;
    for (const v of values) if (v >= f) records++;
    const s = f * records;
    if (s > score || (s === score && f > fields)) {
      fields = f;
      score = s;
    }
  }
  return { fields, score };
}

/**
 * The number of fields of each of the first non-empty records when split on `delimiter`,
 * honouring double quotes the way csv-parse does (a quote opens a field only at its start).
 */
function fieldCounts(text: string, delimiter: string): number[] {
  const counts: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let atFieldStart = true;
  let hasContent = false;
  const end = Math.min(text.length, SNIFF_CHARS);
  for (let i = 0; i < end && counts.length < SNIFF_RECORDS; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
    } else if (c === delimiter) {
      fields++;
      atFieldStart = true;
      hasContent = true;
    } else if (c === '\n' || c === '\r') {
      if (hasContent) counts.push(fields);
      fields = 1;
      atFieldStart = true;
      hasContent = false;
    } else if (c === '"' && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
      hasContent = true;
    } else if (c !== ' ') {
      atFieldStart = false;
      hasContent = true;
    }
  }
  if (hasContent && counts.length < SNIFF_RECORDS) counts.push(fields);
  return counts;
}

/** Turns a csv-parse record into a row: trimmed non-empty fields become text cells. */
function toRow(record: string[], budget: LayoutBudget): (SheetCell | undefined)[] {
  const row = csvRow(record);
  for (const cell of row) if (cell) budget.cell();
  return row;
}

/** A record's fields as a row: each field's text trimmed, empty ones and trailing gaps dropped. */
export function csvRow(record: string[]): (SheetCell | undefined)[] {
  const row: (SheetCell | undefined)[] = record.map((field) => {
    const value = field.trim();
    return value === '' ? undefined : { value };
  });
  while (row.length > 0 && row[row.length - 1] === undefined) row.pop();
  return row;
}

/** Says in plain words why csv-parse gave up. */
function csvErrorReason(e: unknown, text: string, delimiter: string): Bilingual {
  if (e instanceof CsvError && e.code === 'CSV_QUOTE_NOT_CLOSED') {
    // csv-parse names the line where the text ended; the user needs the line the quote opened.
    const line = unclosedQuoteLine(text, delimiter);
    return line === null
      ? { vi: 'có dấu ngoặc kép (") mở mà không đóng', en: 'a quotation mark (") is never closed' }
      : {
          vi: `dấu ngoặc kép (") mở ở dòng ${line} không được đóng`,
          en: `the quotation mark (") opened on line ${line} is never closed`,
        };
  }
  const lines = e instanceof CsvError && typeof e.lines === 'number' ? e.lines : null;
  const message = e instanceof Error ? e.message : String(e);
  return {
    vi: `không tách được các cột${lines === null ? '' : ` ở dòng ${lines}`}: ${message}`,
    en: `the columns cannot be told apart${lines === null ? '' : ` on line ${lines}`}: ${message}`,
  };
}

/** The 1-based line where a quoted field opens and never closes, or null. */
function unclosedQuoteLine(text: string, delimiter: string): number | null {
  let line = 1;
  let openedAt: number | null = null;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      if (openedAt === null) atFieldStart = true;
    } else if (openedAt !== null) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else openedAt = null;
      }
    } else if (c === delimiter) {
      atFieldStart = true;
    } else if (c === '"' && atFieldStart) {
      openedAt = line;
      atFieldStart = false;
    } else if (c !== ' ') {
      atFieldStart = false;
    }
  }
  return openedAt;
}
