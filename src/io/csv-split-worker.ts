/**
 * The worker thread that splits a large UTF-8 CSV while the main thread reads the rows it found
 * (read-csv-large.ts): on a machine with two cores, the splitting and decoding of a
 * province's million-row list no longer wait for the list reader, nor the reader for them.
 *
 * It receives {@link CsvSplitJob} (as its data, or as its first message when it was started
 * ahead of its job), splits the file with the same {@link Utf8Splitter} the main
 * thread uses, and posts the rows in batches ({@link CsvBatch}): per field a number that says
 * whether it is empty, filled but not read, a text of the batch, or a text of a dictionary the
 * thread builds as it goes (the words a column repeats — "x", "Hộ nghèo", a commune's name,
 * a score — each sent once). It never runs ahead of the reader by more than {@link Credits | CREDITS}
 * batches beyond the chunk it is splitting: each batch read comes back as an `ack`.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { isFilledCell } from '../core/grid.js';
import {
  ASCII_CHAR,
  isAscii,
  isAsciiSpace,
  smallNumber,
  smallNumberText,
  Utf8Splitter,
  FIELD_NONE,
  FIELD_UNREAD,
  FIRST_WORD,
  type CsvBatch,
  sameBytes,
  type ParseFrom,
  type Word,
} from './csv-split.js';
import { grown } from './scan-batch.js';
import { isCodeOnly, plainCodeBytes } from '../core/household.js';
import { columnMask, filledFromBytes } from './unread-cells.js';
import { Credits, serveBatches, type WorkerMessage } from './worker-stream.js';

/** What to split. */
export interface CsvSplitJob {
  path: string;
  /** Bytes of the byte-order mark. */
  skip: number;
  delimiter: string;
  fromRow: number;
  /** The columns read (the others only filled or not); null: all. */
  columns: number[] | null;
  /** The column whose empty field has its record read whole (see `readsWhole`); -1: none. */
  key: number;
  /** Bytes read at once. */
  chunkBytes: number;
}

/** Fields per batch: about two thousand records of a thirty-column list. */
const BATCH_FIELDS = 1 << 16;
/** Texts the dictionary holds at most; past it, a new text travels with its batch. */
const MAX_DICTIONARY = 1 << 16;

/** Collects split records into batches (this thread's sink of the splitter). */
export class CsvBatchWriter {
  private firstRow = -1;
  private recordCount = 0;
  private ends = new Int32Array(4096);
  /** Per record: its filled fields, and the first of them (-1: none). */
  private filled = new Int32Array(4096);
  private first = new Int32Array(4096);
  private fields = new Int32Array(BATCH_FIELDS + 1024);
  private fieldCount = 0;
  private words: string[] = [];
  private arena = new Uint8Array(1 << 16);
  private arenaUsed = 0;
  private textStart = new Int32Array(4096);
  private textEnd = new Int32Array(4096);
  /** Per text of the batch: whether it holds something (1) or only spaces (0). */
  private filledText = new Uint8Array(4096);
  private textCount = 0;
  private strings: string[] = [];
  private dictionary = 0;
  /** Per dictionary text: whether it is something (1) or only spaces (0). */
  private filledWord = new Uint8Array(1024);
  /** Per dictionary text: whether it is a household code and nothing more (1; `isCodeOnly`). */
  private codeWord = new Uint8Array(1024);
  /** The dictionary numbers of one ASCII character and of the numbers 1–9999 (0: none yet). */
  private readonly charWord = new Int32Array(128);
  private readonly smallWord = new Int32Array(10000);
  /** Per column, the word its field last was (see {@link field}). */
  private readonly lastWords: (Word | undefined)[] = [];
  /** Whether the field last made a text is something (see {@link field}). */
  private lastFilled = false;

  constructor(
    private readonly wanted: Uint8Array | null,
    private readonly key = -1,
  ) {}

  /** Records waiting. */
  get size(): number {
    return this.recordCount;
  }

  /** Whether the batch should go. */
  get full(): boolean {
    return this.fieldCount >= BATCH_FIELDS;
  }

  /** Adds the record just split (the splitter's sink): the same cells the reading thread makes. */
  add(sp: Utf8Splitter, buf: Buffer, fields: number, r: number): void {
    if (this.firstRow < 0) this.firstRow = r;
    if (this.recordCount === this.ends.length) {
      this.ends = grown(this.ends, this.ends.length * 2);
      this.filled = grown(this.filled, this.ends.length);
      this.first = grown(this.first, this.ends.length);
    }
    if (this.fieldCount + fields > this.fields.length)
      this.fields = grown(this.fields, Math.max(this.fields.length * 2, this.fieldCount + fields));
    const base = this.fieldCount;
    const out = this.fields;
    const wanted = this.wanted;
    let count = 0;
    let first = -1;
    let unread = -1;
    let keyFilled = false;
    let keyCode = true;
    for (let c = 0; c < fields; c++) {
      if (wanted !== null && wanted[c] !== 1) {
        if (sp.filled(buf, sp.starts[c] as number, sp.ends[c] as number)) {
          out[base + c] = FIELD_UNREAD;
          if (count++ === 0) first = c;
          unread = c;
        } else out[base + c] = FIELD_NONE;
        continue;
      }
      const f = this.field(sp, buf, c);
      out[base + c] = f;
      if (f !== FIELD_NONE && this.lastFilled) {
        if (count++ === 0) first = c;
        if (c === this.key) {
          keyFilled = true;
          keyCode = this.codeOnly(f);
        }
      }
    }
    // A record with one filled field has it read whole (a label), and so does a record whose key
    // field is empty or more than a code (a total, a signature line, a commune's label: see
    // readsWhole); its filled fields are then counted again from the texts read.
    const whole = count > 1 && unread >= 0 && this.key >= 0 && (!keyFilled || !keyCode);
    if (whole || (count === 1 && unread >= 0)) {
      for (let c = 0; c < fields; c++)
        if (out[base + c] === FIELD_UNREAD) out[base + c] = this.field(sp, buf, c);
      count = 0;
      first = -1;
      for (let c = 0; c < fields; c++)
        if (this.isFilled(out[base + c] as number)) {
          if (count++ === 0) first = c;
        }
    }
    let n = fields;
    while (n > 0 && out[base + n - 1] === FIELD_NONE) n--;
    this.fieldCount = base + n;
    this.filled[this.recordCount] = count;
    this.first[this.recordCount] = first;
    this.ends[this.recordCount++] = this.fieldCount;
  }

  /** Whether field number `f` (a filled one) is a household code and nothing more (`isCodeOnly`). */
  private codeOnly(f: number): boolean {
    if (f >= FIRST_WORD) return this.codeWord[f - FIRST_WORD] === 1;
    const t = -f - 1;
    const start = this.textStart[t] as number;
    const end = this.textEnd[t] as number;
    if (start < 0) return isCodeOnly(this.strings[end] ?? '');
    // One piece of ASCII letters and digits (nearly every code): told from the bytes.
    return (
      plainCodeBytes(this.arena, start, end) ??
      isCodeOnly(
        Buffer.from(this.arena.buffer, this.arena.byteOffset + start, end - start).toString(
          'latin1',
        ),
      )
    );
  }

  /** Whether field number `f` of the batch stands for a cell that holds something. */
  private isFilled(f: number): boolean {
    if (f === FIELD_NONE) return false;
    if (f === FIELD_UNREAD) return true;
    if (f >= FIRST_WORD) return this.filledWord[f - FIRST_WORD] === 1;
    return this.filledText[-f - 1] === 1;
  }

  /**
   * Field `c`'s number, its text as the splitter's `value` makes it: none when it is empty, else
   * a dictionary text or the batch's own; `lastFilled` says whether that text is something.
   */
  private field(sp: Utf8Splitter, buf: Buffer, c: number): number {
    if (sp.escaped[c] === 1) return this.ownString(sp.value(buf, c));
    let s = sp.starts[c] as number;
    let e = sp.ends[c] as number;
    while (s < e && isAsciiSpace(buf[s] as number)) s++;
    while (e > s && isAsciiSpace(buf[e - 1] as number)) e--;
    if (s === e) return FIELD_NONE;
    // A column repeats its last row's word more often than not (a district, a commune, an
    // area): its bytes compared once, without the hash that finds it among all the words.
    const last = this.lastWords[c];
    if (last !== undefined && sameBytes(last.bytes, buf, s, e)) return this.wordField(last.id);
    const b = buf[s] as number;
    if (e - s === 1 && b < 0x80) {
      let id = this.charWord[b] as number;
      if (id === 0) id = this.charWord[b] = this.newWord(ASCII_CHAR[b] as string);
      return this.wordField(id);
    }
    const small = smallNumber(buf, s, e);
    if (small >= 0) {
      let id = this.smallWord[small] as number;
      if (id === 0) id = this.smallWord[small] = this.newWord(smallNumberText(small));
      return this.wordField(id);
    }
    if (isAscii(buf, s, e)) {
      // A code, a long number: the batch's own text, as bytes.
      if (this.textCount === this.textStart.length) this.growTexts();
      const len = e - s;
      if (this.arenaUsed + len > this.arena.length)
        this.arena = grown(this.arena, Math.max(this.arena.length * 2, this.arenaUsed + len));
      // A code's few bytes copied one by one: Buffer.copy's checks cost more than it copies.
      const arena = this.arena;
      const at = this.arenaUsed - s;
      if (len < 64) for (let k = s; k < e; k++) arena[at + k] = buf[k] as number;
      else buf.copy(arena, this.arenaUsed, s, e);
      this.textStart[this.textCount] = this.arenaUsed;
      this.textEnd[this.textCount] = this.arenaUsed + len;
      this.arenaUsed += len;
      this.lastFilled =
        filledFromBytes(buf, s, e, false) ?? isFilledCell({ value: buf.toString('latin1', s, e) });
      this.filledText[this.textCount] = this.lastFilled ? 1 : 0;
      return -++this.textCount;
    }
    const w = sp.word(buf, s, e);
    if (w.text === '') return FIELD_NONE;
    if (w.id < 0) {
      if (this.dictionary >= MAX_DICTIONARY) return this.ownString(w.text);
      w.id = this.newWord(w.text);
    }
    this.lastWords[c] = w;
    return this.wordField(w.id);
  }

  private wordField(id: number): number {
    this.lastFilled = this.filledWord[id - FIRST_WORD] === 1;
    return id;
  }

  /** A text of the batch, as a string. */
  private ownString(text: string): number {
    if (text === '') return FIELD_NONE;
    if (this.textCount === this.textStart.length) this.growTexts();
    this.textStart[this.textCount] = -1;
    this.textEnd[this.textCount] = this.strings.length;
    this.strings.push(text);
    this.lastFilled = isFilledCell({ value: text });
    this.filledText[this.textCount] = this.lastFilled ? 1 : 0;
    return -++this.textCount;
  }

  /** Gives `text` the next number of the dictionary (sent with the current batch). */
  private newWord(text: string): number {
    const k = this.dictionary++;
    if (k === this.filledWord.length) this.filledWord = grown(this.filledWord, k * 2);
    this.filledWord[k] = isFilledCell({ value: text }) ? 1 : 0;
    if (k === this.codeWord.length) this.codeWord = grown(this.codeWord, k * 2);
    this.codeWord[k] = isCodeOnly(text.trim()) ? 1 : 0;
    this.words.push(text);
    return FIRST_WORD + k;
  }

  private growTexts(): void {
    this.textStart = grown(this.textStart, this.textStart.length * 2);
    this.textEnd = grown(this.textEnd, this.textEnd.length * 2);
    this.filledText = grown(this.filledText, this.textStart.length);
  }

  /** The batch and the buffers to move with it; the writer starts a new one. */
  take(takeOver?: ParseFrom | null): { batch: CsvBatch; transfer: ArrayBuffer[] } {
    const batch: CsvBatch = {
      firstRow: this.firstRow,
      recordCount: this.recordCount,
      ends: this.ends,
      filled: this.filled,
      first: this.first,
      fields: this.fields,
      words: this.words,
      arena: this.arena,
      arenaBytes: this.arenaUsed,
      textStart: this.textStart,
      textEnd: this.textEnd,
      strings: this.strings,
      ...(takeOver !== undefined ? { takeOver } : {}),
    };
    const transfer = [
      this.ends.buffer,
      this.filled.buffer,
      this.first.buffer,
      this.fields.buffer,
      this.arena.buffer,
      this.textStart.buffer,
      this.textEnd.buffer,
    ];
    this.firstRow = -1;
    this.recordCount = 0;
    this.fieldCount = 0;
    this.arenaUsed = 0;
    this.textCount = 0;
    this.ends = new Int32Array(this.ends.length);
    this.filled = new Int32Array(this.ends.length);
    this.first = new Int32Array(this.ends.length);
    this.fields = new Int32Array(this.fields.length);
    this.arena = new Uint8Array(this.arena.length);
    this.textStart = new Int32Array(this.textStart.length);
    this.textEnd = new Int32Array(this.textEnd.length);
    this.words = [];
    this.strings = [];
    return { batch, transfer };
  }
}

/** Bytes read at once here: a chunk's records make a few batches, then the credits are asked. */
const WORKER_CHUNK = 512 * 1024;

async function run(port: NonNullable<typeof parentPort>, job: CsvSplitJob): Promise<void> {
  const credits = new Credits();
  port.on('message', () => {
    credits.give();
  });
  const post = (takeOver?: ParseFrom | null): void => {
    const { batch, transfer } = writer.take(takeOver);
    port.postMessage({ kind: 'rows', batch } satisfies WorkerMessage<CsvBatch>, transfer);
    credits.take();
  };
  const writer = new CsvBatchWriter(job.columns ? columnMask(job.columns) : null, job.key);
  const splitter: Utf8Splitter = new Utf8Splitter(
    job.delimiter.charCodeAt(0),
    job.skip,
    job.fromRow,
    (buf, n, r) => {
      writer.add(splitter, buf, n, r);
      if (writer.full) post();
      return true;
    },
  );
  await serveBatches(port, async () => {
    // Between chunks, the thread waits while the reader is CREDITS batches behind.
    const chunk = Math.min(job.chunkBytes, WORKER_CHUNK);
    const takeOver = await splitter.read(job.path, job.skip, chunk, () => credits.wait());
    post(takeOver);
  });
}

// Started with its job, or ahead of it (read-csv-large.ts), then sent it as its first message.
if (parentPort) {
  const port = parentPort;
  if (workerData) void run(port, workerData as CsvSplitJob);
  else
    port.once('message', (m: { kind: 'job'; job: CsvSplitJob }) => {
      void run(port, m.job);
    });
}
