/**
 * A zip archive read from disk part by part: its directory through a window onto the file, each
 * entry inflated as a stream. For a workbook too large to hold in memory (a province's household
 * list is a hundred megabytes packed and a gigabyte of XML): memory stays a few chunks, and the
 * inflating runs on libuv's thread pool while the caller scans the chunks already out.
 *
 * The directory is read by the same code as {@link guardZip}'s (zip-guard.ts), so both accept
 * and refuse the same archives; the limits are counted as the bytes come out.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createInflateRaw, type InflateRaw } from 'node:zlib';
import type { Bilingual } from '../core/finding-codes.js';
import { fileChunks } from './file-chunks.js';
import { isReason, readDirectory, type ZipBytes, type ZipEntry } from './zip-guard.js';

/** Bytes read at a time when the directory reader leaves the last window. */
const WINDOW = 1 << 20;
/** The end of a file holds the end records: the EOCD with its comment and the Zip64 records. */
const TAIL = 22 + 0xffff + 20 + 56;
const SIG_LOCAL = 0x04034b50;

/** A file on disk seen as {@link ZipBytes}: reads go through a window of the file. */
class FileBytes implements ZipBytes {
  readonly length: number;
  private start = 0;
  private buf: Buffer = Buffer.alloc(0);

  constructor(
    private readonly fd: number,
    length: number,
  ) {
    this.length = length;
    // The end records are read first, backwards: one read of the tail serves the search.
    this.load(Math.max(0, length - TAIL), Math.min(length, TAIL));
  }

  private load(start: number, n: number): void {
    const buf = Buffer.alloc(n);
    let got = 0;
    while (got < n) {
      const r = readSync(this.fd, buf, got, n - got, start + got);
      if (r === 0) break;
      got += r;
    }
    this.start = start;
    this.buf = buf.subarray(0, got);
  }

  /** The window holding `[offset, offset + n)`, and where the offset falls in it. */
  private at(offset: number, n: number): number {
    if (!Number.isInteger(offset) || offset < 0 || offset + n > this.length)
      throw new RangeError(`offset ${offset} is outside the file`);
    if (offset < this.start || offset + n > this.start + this.buf.length)
      this.load(offset, Math.min(this.length - offset, Math.max(n, WINDOW)));
    return offset - this.start;
  }

  readUInt16LE(offset: number): number {
    const i = this.at(offset, 2); // before this.buf: the read may move the window
    return this.buf.readUInt16LE(i);
  }
  readUInt32LE(offset: number): number {
    const i = this.at(offset, 4); // before this.buf: the read may move the window
    return this.buf.readUInt32LE(i);
  }
  readBigUInt64LE(offset: number): bigint {
    const i = this.at(offset, 8); // before this.buf: the read may move the window
    return this.buf.readBigUInt64LE(i);
  }
  toString(encoding: 'utf8', start: number, end: number): string {
    const i = this.at(start, end - start);
    return this.buf.toString(encoding, i, i + end - start);
  }
}

/** An archive on disk: its entries, by name (a leading `/` dropped). */
export interface ZipFile {
  path: string;
  size: number;
  entries: Map<string, ZipEntry & { dataStart: number }>;
}

/** Why an archive on disk cannot be read: damaged, or not a zip at all. */
export class ZipFileError extends Error {
  constructor(readonly reason: Bilingual) {
    super(reason.en);
    this.name = 'ZipFileError';
  }
}

/**
 * Reads an archive's directory from disk, and where each entry's data starts (after its local
 * header, whose name and extra field lengths may differ from the directory's).
 *
 * @throws {@link ZipFileError} when the directory is missing or damaged.
 */
export function openZipFile(path: string): ZipFile {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = new FileBytes(fd, size);
    const dir = readDirectory(bytes);
    if (isReason(dir)) throw new ZipFileError(dir);
    const entries = new Map<string, ZipEntry & { dataStart: number }>();
    for (const e of dir.entries) {
      try {
        if (bytes.readUInt32LE(e.local) !== SIG_LOCAL) throw new RangeError('no local header');
        const dataStart =
          e.local + 30 + bytes.readUInt16LE(e.local + 26) + bytes.readUInt16LE(e.local + 28);
        if (dataStart + e.compressed > dir.dataEnd) throw new RangeError('data past the directory');
        entries.set(e.name.replace(/^\//, ''), { ...e, dataStart });
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        throw new ZipFileError({
          vi: 'thư mục tệp nén bị hỏng',
          en: 'the archive’s directory is damaged',
        });
      }
    }
    return { path, size, entries };
  } finally {
    closeSync(fd);
  }
}

/** Limits of {@link entryChunks}. */
export interface EntryLimits {
  /** Largest number of bytes the entry may inflate to; past it the stream stops with an error. */
  maxBytes: number;
  /** Bytes per chunk handed over (default 1 MiB). */
  chunkSize?: number;
}

/** The entry inflated past its limit: a bomb, or a file larger than the tool takes. */
export class EntryTooLargeError extends Error {
  constructor(
    readonly entry: string,
    readonly limit: number,
  ) {
    super(`${entry} inflates past ${limit} bytes`);
    this.name = 'EntryTooLargeError';
  }
}

/**
 * The inflated bytes of one entry, chunk by chunk, read from disk as they are needed. The
 * inflater works ahead on the thread pool by about one chunk while the caller handles the last.
 *
 * @throws {@link EntryTooLargeError} past `maxBytes`; {@link ZipFileError} when the data is
 *   damaged, encrypted or packed with another method than deflate or store.
 */
export async function* entryChunks(
  zip: ZipFile,
  name: string,
  limits: EntryLimits,
): AsyncGenerator<Buffer> {
  const e = zip.entries.get(name);
  if (!e) throw new ZipFileError({ vi: `thiếu phần ${name}`, en: `the part ${name} is missing` });
  if (e.flags & 1)
    throw new ZipFileError({
      vi: 'tệp nén được đặt mật khẩu',
      en: 'the archive is password-protected',
    });
  const chunkSize = limits.chunkSize ?? 1 << 20;
  if (e.compressed === 0) return;
  if (e.method !== 0 && e.method !== 8)
    throw new ZipFileError({
      vi: 'tệp nén dùng kiểu nén không được hỗ trợ',
      en: 'the archive uses an unsupported compression method',
    });
  const end = e.dataStart + e.compressed;
  const inflate = e.method === 8 ? createInflateRaw({ chunkSize }) : null;
  // The packed bytes are read through lent buffers (fileChunks), each written to the inflater
  // and taken in before the next is asked for; a stored entry's bytes are copied out of them:
  // they are what the caller gets.
  const feeding = inflate ? feed(zip.path, e.dataStart, end, inflate) : null;
  // Its failure is told where the inflated bytes are read (below), not as an unhandled rejection.
  feeding?.catch(() => undefined);
  const stream = inflate ?? stored(zip.path, e.dataStart, end, chunkSize);
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limits.maxBytes) throw new EntryTooLargeError(name, limits.maxBytes);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof EntryTooLargeError) throw err;
    if ((err as { code?: string }).code?.startsWith('Z_'))
      throw new ZipFileError({
        vi: 'dữ liệu nén bên trong bị hỏng',
        en: 'the compressed data inside is damaged',
      });
    throw err;
  } finally {
    inflate?.destroy();
    // The feeding ends with the inflater, and closes the file.
    await feeding?.catch(() => undefined);
  }
}

/** Bytes of a packed entry read at once. */
const PACKED_CHUNK = 256 * 1024;

/**
 * Writes the packed bytes `[start, end)` of the file at `path` into `inflate`, then ends it: each
 * chunk taken in before the next is asked for (the next is read meanwhile). A read that fails
 * destroys the inflater with its error, so that its reader meets it; an inflater destroyed ends
 * the feeding.
 */
async function feed(path: string, start: number, end: number, inflate: InflateRaw): Promise<void> {
  try {
    for await (const chunk of fileChunks(path, start, end, PACKED_CHUNK)) {
      if (inflate.destroyed) return;
      await takeIn(inflate, chunk);
    }
    if (!inflate.destroyed) inflate.end();
  } catch (err) {
    if (!inflate.destroyed) inflate.destroy(err as Error);
    throw err;
  }
}

/** Writes `bytes` to `inflate`: settled once it has taken them in, or once it is closed. */
function takeIn(inflate: InflateRaw, bytes: Buffer): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const closed = (): void => {
      reject(new Error('the inflater was closed'));
    };
    inflate.once('close', closed);
    inflate.write(bytes, (err) => {
      inflate.off('close', closed);
      if (err) reject(err);
      else resolve();
    });
  });
}

/** A stored entry's bytes `[start, end)` of the file at `path`, in chunks of `chunkSize`. */
async function* stored(
  path: string,
  start: number,
  end: number,
  chunkSize: number,
): AsyncGenerator<Buffer> {
  for await (const chunk of fileChunks(path, start, end, chunkSize)) yield Buffer.from(chunk);
}
