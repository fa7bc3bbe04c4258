/**
 * Zips with Node's own deflate: the parts of the workbooks povreport writes itself
 * (render/xlsx-book.ts, {@link packZip}), and an exceljs workbook's parts packed again
 * ({@link repackZip}: exceljs writes them stored, since its JSZip deflates in JavaScript, several
 * times slower than zlib), edited on the way when asked. The parts keep their order and names;
 * their dates are the wall-clock time given (else the ones they had), so the same report made at
 * the same time packs to the same bytes whenever and wherever it is packed.
 */
import { crc32 as zlibCrc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { isReason, readDirectory, SIG_CENTRAL, SIG_EOCD, SIG_LOCAL } from './zip-guard.js';

/** A part's new text, given its text; undefined leaves the part as it was. */
export type PartEdit = (text: string) => string | undefined;

/** UTF-8 names (bit 11). */
const FLAG_UTF8 = 0x0800;
const METHOD_DEFLATE = 8;
const VERSION = 20;
const U32_MAX = 0xffffffff;

/** What a part's local header and its central-directory entry both say of it. */
interface CommonFields {
  time: number;
  date: number;
  crc: number;
  packed: number;
  size: number;
  name: number;
}

/** Writes the fields both headers hold, in their order, from `at` (local 4, central 6). */
function writeCommonFields(buf: Buffer, at: number, f: CommonFields): void {
  buf.writeUInt16LE(VERSION, at);
  buf.writeUInt16LE(FLAG_UTF8, at + 2);
  buf.writeUInt16LE(METHOD_DEFLATE, at + 4);
  buf.writeUInt16LE(f.time, at + 6);
  buf.writeUInt16LE(f.date, at + 8);
  buf.writeUInt32LE(f.crc, at + 10);
  buf.writeUInt32LE(f.packed, at + 14);
  buf.writeUInt32LE(f.size, at + 18);
  buf.writeUInt16LE(f.name, at + 22);
}

/**
 * A wall-clock time (read from its UTC fields) as a zip's DOS time and date: 2-second steps, no
 * time zone, 1980 at the earliest.
 */
export function dosDateTime(t: Date): { time: number; date: number } {
  if (Number.isNaN(t.getTime()) || t.getUTCFullYear() < 1980) return { time: 0, date: 0x21 };
  const year = Math.min(t.getUTCFullYear(), 2107) - 1980;
  return {
    time: (t.getUTCHours() << 11) | (t.getUTCMinutes() << 5) | (t.getUTCSeconds() >> 1),
    date: (year << 9) | ((t.getUTCMonth() + 1) << 5) | t.getUTCDate(),
  };
}

/**
 * `zip` packed again, every part deflated at `level` by zlib, the parts named in `edits` changed
 * by their edit (read and written as UTF-8, as a workbook's XML is), each dated with the wall
 * clock `when` (its UTC fields) when given.
 *
 * @throws Error when `zip` is no readable archive (it comes from our own writer: a bug).
 */
export function repackZip(
  zip: Buffer,
  level: number,
  edits: ReadonlyMap<string, PartEdit> = new Map(),
  when?: Date,
): Buffer {
  const stamp = when ? dosDateTime(when) : null;
  const dir = readDirectory(zip);
  if (isReason(dir)) throw new Error(`repackZip: ${dir.en}`);
  const parts: ZipPart[] = [];
  for (const e of dir.entries) {
    const at = e.local;
    if (zip.readUInt32LE(at) !== SIG_LOCAL) throw new Error(`repackZip: ${e.name} has no header`);
    const time = stamp?.time ?? zip.readUInt16LE(at + 10);
    const date = stamp?.date ?? zip.readUInt16LE(at + 12);
    const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
    const stored = zip.subarray(start, start + e.compressed);
    let data = e.method === 0 ? stored : inflateRawSync(stored);
    const edit = edits.get(e.name);
    if (edit) {
      const text = edit(data.toString('utf8'));
      if (text !== undefined) data = Buffer.from(text, 'utf8');
    }
    parts.push({ name: e.name, data, stamp: { time, date } });
  }
  return packParts(parts, level);
}

/** One part of an archive to pack: its name, its bytes, its DOS time and date. */
interface ZipPart {
  name: string;
  data: Buffer;
  stamp: { time: number; date: number };
}

/**
 * A zip of `parts`, in their order, each deflated at `level` by zlib and dated with the wall
 * clock `when` (its UTC fields): the same parts at the same time are the same bytes.
 *
 * @throws Error past 4 GB (no zip64 here: a workbook this writer makes is far smaller).
 */
export function packZip(
  parts: readonly { name: string; data: Buffer }[],
  level: number,
  when: Date,
): Buffer {
  const stamp = dosDateTime(when);
  return packParts(
    parts.map((p) => ({ ...p, stamp })),
    level,
  );
}

function packParts(parts: readonly ZipPart[], level: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name: partName, data, stamp } of parts) {
    const packed = deflateRawSync(data, { level });
    const name = Buffer.from(partName, 'utf8');
    const crc = crc32(data);
    if (offset + 30 + name.length + packed.length > U32_MAX) throw new Error('packZip: past 4 GB');

    // The fields both headers hold, from "version needed" to the name's length.
    const common = { ...stamp, crc, packed: packed.length, size: data.length, name: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    writeCommonFields(local, 4, common);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(SIG_CENTRAL, 0);
    central.writeUInt16LE(VERSION, 4);
    writeCommonFields(central, 6, common);
    // Extra field, comment, disk, internal and external attributes: none (zeros).
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const dirSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_EOCD, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** CRC-32 of `data`: zlib's (Node 20.15 and later), else a table's. */
function crc32(data: Buffer): number {
  return typeof zlibCrc32 === 'function' ? zlibCrc32(data) : tableCrc32(data);
}

let table: Int32Array | null = null;

/** CRC-32 (IEEE 802.3, as zip uses) by table, for a Node without `zlib.crc32`. */
export function tableCrc32(data: Uint8Array): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let crc = -1;
  for (const byte of data) crc = (table[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
