/**
 * The byte splitter of a large UTF-8 CSV (read-csv-large.ts): plain records split from the
 * file's bytes, each handed to a sink as field ranges. The sink in the reading thread makes the
 * cells and hands the row on; the one in the splitting thread (csv-split-worker.ts) packs the
 * fields for the reading thread. Both read the same splitter, so both give the same rows.
 */
import { isUtf8 } from 'node:buffer';

import { isFilledCell } from '../core/grid.js';
import { fileChunks } from './file-chunks.js';
import { filledFromBytes } from './unread-cells.js';

/** The longest record (characters): a line of a million delimiters is refused, not split. */
export const MAX_RECORD_CHARS = 1024 * 1024;

/** Where csv-parse takes over: a record's first byte and its number. */
export interface ParseFrom {
  offset: number;
  row: number;
}

/**
 * Takes one record, split: its fields are `starts`/`ends`/`escaped` of the splitter, `n` of
 * them, in `buf`; `r` is its 0-based number. False stops the reading.
 */
export type RecordSink = (buf: Buffer, n: number, r: number) => boolean;

/** Field numbers of a batch: no cell, a filled cell not read; a dictionary text is FIRST_WORD on. */
export const FIELD_NONE = 0;
export const FIELD_UNREAD = 1;
export const FIRST_WORD = 2;

/**
 * Records split, as they cross to the reading thread. Record `j`'s fields are
 * `fields[ends[j-1] .. ends[j])` (trailing empty fields left out); a field is {@link FIELD_NONE},
 * {@link FIELD_UNREAD}, `FIRST_WORD + k` for the dictionary's text `k`, or `-(t + 1)` for the
 * batch's own text `t`: the bytes `arena[textStart[t], textEnd[t])` (ASCII), or when
 * `textStart[t]` is -1 the string `strings[textEnd[t]]`.
 */
export interface CsvBatch {
  /** The 0-based number of the first record (the others follow it). */
  firstRow: number;
  recordCount: number;
  ends: Int32Array<ArrayBuffer>;
  /**
   * Per record: how many of its cells hold something (as `isFilledCell` tells of the cells the
   * reading thread makes), and the first of them (-1: none).
   */
  filled: Int32Array<ArrayBuffer>;
  first: Int32Array<ArrayBuffer>;
  fields: Int32Array<ArrayBuffer>;
  /** The dictionary's texts new in this batch, in the order of their numbers. */
  words: string[];
  arena: Uint8Array<ArrayBuffer>;
  /** The bytes of `arena` used. */
  arenaBytes: number;
  textStart: Int32Array<ArrayBuffer>;
  textEnd: Int32Array<ArrayBuffer>;
  strings: string[];
  /** In the last batch: where csv-parse must take over (null: the file was read to its end). */
  takeOver?: ParseFrom | null;
}

/** A decoded field: its bytes, its text, the next field of the same hash; its number in a
 * dictionary of texts (csv-split-worker.ts), -1 until it has one. */
export interface Word {
  bytes: Uint8Array;
  text: string;
  next: Word | undefined;
  id: number;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
/** U+037E GREEK QUESTION MARK, which NFC turns into ";": the text must then be read whole. */
const GREEK_QUESTION_MARK = Buffer.from('\u037e', 'utf8');
/** Decoded names kept (a million rows repeat a few hundred); past it the cache starts afresh. */
const MAX_WORDS = 4096;

/**
 * Splits a UTF-8 file's plain records from its bytes: a record ends at the file's line end, its
 * fields at the delimiter (a quoted field that closes on its line, doubled quotation marks
 * inside, is plain too), each trimmed as read-csv trims (csv-parse's trimming then String.trim)
 * and normalised (NFC). Only the fields the sink asks for are decoded; the words a column
 * repeats are decoded once. {@link Utf8Splitter.read} says where csv-parse must take over (a
 * quoted field over a line end or with text after its closing mark, a carriage return not
 * before a line feed, a record too long, bytes that are not UTF-8).
 */
export class Utf8Splitter {
  /** Where each field of the record starts and ends (grown as records widen). */
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** Per field: 1 when it is quoted with doubled quotation marks inside. */
  escaped = new Uint8Array(64);
  /** Whether some field of `escaped` is 1 (a plain record then clears them). */
  private escapedSet = false;
  private r = 0;
  private pieceStart: number;
  /**
   * The texts of fields with letters beyond ASCII (a commune, a classification), by a hash of
   * their bytes: each decoded once and found again without a string made to look it up.
   */
  private readonly words = new Map<number, Word>();
  private wordCount = 0;

  constructor(
    private readonly delimiter: number,
    skip: number,
    private readonly fromRow: number,
    private readonly sink: RecordSink,
  ) {
    this.pieceStart = skip;
  }

  /** A field's text, trimmed and normalised. */
  decode(buf: Buffer, s: number, e: number): string {
    while (s < e && isAsciiSpace(buf[s] as number)) s++;
    while (e > s && isAsciiSpace(buf[e - 1] as number)) e--;
    if (s === e) return '';
    // A flag ("x") or a small number ("250"): its text made once.
    if (e - s === 1 && (buf[s] as number) < 0x80) return ASCII_CHAR[buf[s] as number] as string;
    const small = smallNumber(buf, s, e);
    if (small >= 0) return smallNumberText(small);
    if (isAscii(buf, s, e)) return buf.toString('latin1', s, e);
    return this.word(buf, s, e).text;
  }

  /** The decoded field of `buf[s, e)` (trimmed, with a letter beyond ASCII), from the cache. */
  word(buf: Buffer, s: number, e: number): Word {
    let hash = FNV_OFFSET;
    for (let k = s; k < e; k++) hash = Math.imul(hash ^ (buf[k] as number), FNV_PRIME);
    const first = this.words.get(hash);
    for (let w = first; w !== undefined; w = w.next) if (sameBytes(w.bytes, buf, s, e)) return w;
    const text = buf.toString('utf8', s, e).normalize('NFC').trim();
    if (this.wordCount >= MAX_WORDS) {
      this.words.clear();
      this.wordCount = 0;
    }
    // Its bytes copied: the chunk they came from is not kept for them.
    const bytes = Uint8Array.prototype.slice.call(buf, s, e);
    const w: Word = { bytes, text, next: this.words.get(hash), id: -1 };
    this.words.set(hash, w);
    this.wordCount++;
    return w;
  }

  /** Whether the field in `buf[s, e)` holds something. */
  filled(buf: Buffer, s: number, e: number): boolean {
    return filledFromBytes(buf, s, e, false) ?? isFilledCell({ value: buf.toString('utf8', s, e) });
  }

  /** Field `c`'s value: its text, doubled quotation marks made one. */
  value(buf: Buffer, c: number): string {
    const text = this.decode(buf, this.starts[c] as number, this.ends[c] as number);
    return this.escaped[c] === 1 ? text.replaceAll('""', '"').trim() : text;
  }

  /**
   * Splits the record in `[s, e)` (line end excluded) into `starts`/`ends` (a quoted field's
   * content, `escaped` when it holds doubled quotation marks); its field count, or -1 when a
   * quotation mark is not the plain kind this splitter reads (csv-parse then takes over).
   */
  split(buf: Buffer, s: number, e: number, quoted: boolean): number {
    const delimiter = this.delimiter;
    let n = 0;
    if (!quoted) {
      // The commonest record: its fields held in locals, the hot loop touching only bytes.
      let starts = this.starts;
      let ends = this.ends;
      let room = starts.length - 1;
      let f = s;
      for (let k = s; k < e; k++) {
        if (buf[k] !== delimiter) continue;
        if (n >= room) {
          this.grow();
          starts = this.starts;
          ends = this.ends;
          room = starts.length - 1;
        }
        starts[n] = f;
        ends[n++] = k;
        f = k + 1;
      }
      starts[n] = f;
      ends[n++] = e;
      if (this.escapedSet) {
        this.escaped.fill(0);
        this.escapedSet = false;
      }
      return n;
    }
    let k = s;
    for (;;) {
      if (n + 1 >= this.starts.length) this.grow();
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
        this.starts[n] = p + 1;
        this.ends[n] = close;
        this.escaped[n++] = doubled;
        if (doubled === 1) this.escapedSet = true;
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
      this.starts[n] = k;
      this.ends[n] = z;
      this.escaped[n++] = 0;
      if (z >= e) return n;
      k = z + 1;
    }
  }

  private grow(): void {
    const s2 = new Int32Array(this.starts.length * 2);
    s2.set(this.starts);
    this.starts = s2;
    const e2 = new Int32Array(this.ends.length * 2);
    e2.set(this.ends);
    this.ends = e2;
    const x2 = new Uint8Array(this.escaped.length * 2);
    x2.set(this.escaped);
    this.escaped = x2;
  }

  private takeOver(offset: number): ParseFrom {
    return { offset, row: this.r };
  }

  /**
   * Reads the whole records of `buf` (it ends with a line end, or is the file's last bytes).
   * Returns null when done, false when stopped, or where csv-parse takes over.
   */
  private records(buf: Buffer, last: boolean): ParseFrom | false | null {
    const delimiter = this.delimiter;
    if (!isUtf8(buf)) return this.takeOver(this.pieceStart);
    if (delimiter === 0x3b && buf.includes(GREEK_QUESTION_MARK))
      return this.takeOver(this.pieceStart);
    let quote = buf.indexOf(QUOTE);
    let cr = buf.indexOf(CR);
    let i = 0;
    while (i < buf.length) {
      let nl = buf.indexOf(LF, i);
      const final = nl < 0;
      if (final) {
        if (!last) break;
        nl = buf.length;
      }
      const quoted = quote >= 0 && quote < nl;
      if (nl - i > MAX_RECORD_CHARS) return this.takeOver(this.pieceStart + i);
      let e = nl;
      // A line ends in LF or CRLF, mixed in one file as the whole-file reader takes them (a
      // line added in Notepad); a carriage return anywhere else ends a line too (or sits in a
      // quoted field): csv-parse takes over.
      if (cr >= 0 && cr < nl) {
        if (final || cr < nl - 1) return this.takeOver(this.pieceStart + i);
        e = nl - 1;
      }
      if (final) {
        // The file's last bytes, without a line end: only spaces are no record.
        if (buf.indexOf(delimiter, i) < 0 && !/[^\s]/.test(buf.toString('utf8', i, nl))) {
          i = nl;
          continue;
        }
      }
      if (this.r >= this.fromRow) {
        const n = this.split(buf, i, e, quoted);
        if (n < 0) return this.takeOver(this.pieceStart + i);
        if (!this.sink(buf, n, this.r)) return false;
      } else if (quoted && this.split(buf, i, e, true) < 0)
        return this.takeOver(this.pieceStart + i);
      this.r++;
      i = nl + 1;
      if (quote >= 0 && quote < i) quote = buf.indexOf(QUOTE, i);
      if (cr >= 0 && cr < i) cr = buf.indexOf(CR, i);
    }
    return null;
  }

  /**
   * Reads the file from byte `start` in chunks of `chunkBytes`: null when it was read to its
   * end or the sink stopped it, else where csv-parse must take over. `between`, when given, is
   * awaited after each chunk's records.
   *
   * The chunks are lent ({@link fileChunks}): nothing the sink is given outlives its call (every
   * field it keeps is decoded or copied, `word`), and the unfinished record carried to the next
   * chunk is copied.
   */
  async read(
    path: string,
    start: number,
    chunkBytes: number,
    between?: () => Promise<void>,
  ): Promise<ParseFrom | null> {
    let carry: Buffer | null = null;
    // A return from the loop ends the reading and closes the file (the generator's return).
    for await (const chunk of fileChunks(path, start, Infinity, chunkBytes)) {
      let rest = chunk;
      if (carry) {
        // The last chunk's unfinished record is joined to this chunk's first line only:
        // copying each chunk whole to finish one record would cost more than splitting it.
        const nl = chunk.indexOf(LF);
        if (nl < 0) {
          carry = Buffer.concat([carry, chunk]);
          if (carry.length > MAX_RECORD_CHARS + 2) return this.takeOver(this.pieceStart);
          continue;
        }
        const head = Buffer.concat([carry, chunk.subarray(0, nl + 1)]);
        carry = null;
        const out = this.records(head, false);
        if (out === false) return null;
        if (out !== null) return out;
        this.pieceStart += head.length;
        rest = chunk.subarray(nl + 1);
      }
      const cut = rest.lastIndexOf(LF) + 1;
      if (cut === 0) {
        if (rest.length > MAX_RECORD_CHARS + 2) return this.takeOver(this.pieceStart);
        carry = rest.length > 0 ? Buffer.from(rest) : null;
        continue;
      }
      const out = this.records(cut === rest.length ? rest : rest.subarray(0, cut), false);
      if (out === false) return null;
      if (out !== null) return out;
      this.pieceStart += cut;
      if (cut < rest.length) carry = Buffer.from(rest.subarray(cut));
      if (between) await between();
    }
    if (carry) {
      const out = this.records(carry, true);
      if (out === false) return null;
      if (out !== null) return out;
    }
    return null;
  }
}

/** FNV-1a (32 bits): a field's bytes hashed as they are read. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Whether `buf[s, e)` holds the very bytes of `bytes`. */
export function sameBytes(bytes: Uint8Array, buf: Buffer, s: number, e: number): boolean {
  const n = bytes.length;
  if (n !== e - s) return false;
  // Compared from the end: a column's words that differ ("Thôn 1", "Thôn 2") differ there.
  for (let i = n - 1; i >= 0; i--) if (bytes[i] !== buf[s + i]) return false;
  return true;
}

/** The texts of one ASCII character, and of the numbers 1–9999 as met. */
export const ASCII_CHAR = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
const SMALL_NUMBERS: (string | undefined)[] = [];

/** The text of a number 1–9999 (made once). */
export function smallNumberText(x: number): string {
  return (SMALL_NUMBERS[x] ??= String(x));
}

/**
 * The number written in `buf[s, e)` when it is one of 1–4 digits not starting with 0 (its text
 * is then made once), else -1.
 */
export function smallNumber(buf: Buffer, s: number, e: number): number {
  if (e - s > 4 || buf[s] === 0x30) return -1;
  let x = 0;
  for (let k = s; k < e; k++) {
    const d = (buf[k] as number) - 0x30;
    if (d < 0 || d > 9) return -1;
    x = x * 10 + d;
  }
  return x;
}

/** Whether every byte of `buf[s, e)` is ASCII. */
export function isAscii(buf: Buffer, s: number, e: number): boolean {
  for (let k = s; k < e; k++) if ((buf[k] as number) >= 0x80) return false;
  return true;
}

export function isAsciiSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}
