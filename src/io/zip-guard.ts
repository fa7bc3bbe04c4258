/**
 * Checks a zip archive's directory before exceljs inflates anything. exceljs (through JSZip)
 * inflates every part into memory, so a truncated download fails deep inside the library and a
 * "zip bomb" (a few kilobytes that inflate to gigabytes) would take the machine down. The
 * central directory states every entry's sizes up front, so both are caught by reading it.
 *
 * Layout reference: PKWARE APPNOTE.TXT, sections 4.3.12 (central directory header), 4.3.14-16
 * (Zip64 end of central directory record and locator) and 4.5.3 (Zip64 extra field).
 */

/** Limits of {@link guardZip}; each has a default. */
export interface ZipGuardLimits {
  /** Largest total uncompressed size of all entries, in bytes (default 200 MiB). */
  maxInflatedBytes?: number;
  /** Largest uncompressed-to-compressed ratio of a big entry (default 200, i.e. 200:1). */
  maxRatio?: number;
  /** Entries smaller than this are never refused for their ratio (default 10 MiB). */
  ratioMinBytes?: number;
}

/** The verdict of {@link guardZip}. */
export type ZipGuardResult =
  | { ok: true; entries: number; inflatedBytes: number; names: string[] }
  /** The archive's directory is missing or inconsistent: truncated or damaged. */
  | { ok: false; code: 'file-corrupt'; reason: string }
  /**
   * Inflating would exceed the total `limit`, or (when `ratio` is set) one big entry is packed
   * far tighter than any real spreadsheet part, the mark of a zip bomb.
   */
  | {
      ok: false;
      code: 'archive-too-large';
      inflatedBytes: number;
      limit: number;
      /** Set when the cause is one entry's ratio: that ratio and the largest allowed. */
      ratio?: { found: number; max: number };
    }
  /** A valid zip without a workbook part (`.docx`, `.ods`, a zip of files…). */
  | { ok: false; code: 'file-not-spreadsheet'; detected: string };

/** Default limit of the total uncompressed size. */
export const DEFAULT_MAX_INFLATED_BYTES = 200 * 1024 * 1024;

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const EOCD_SIZE = 22;
/** The EOCD record may be followed by a comment of up to 65535 bytes. */
const EOCD_SEARCH = EOCD_SIZE + 0xffff;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

/** exceljs looks for exactly this part name (after dropping a leading `/`). */
const WORKBOOK_PART = 'xl/workbook.xml';

interface Directory {
  start: number;
  size: number;
  entries: number;
  /** Bytes found before the archive proper; entry offsets are relative to the archive. */
  shift: number;
}

interface Entry {
  name: string;
  compressed: number;
  uncompressed: number;
}

/**
 * Reads the zip's central directory and decides whether it is safe and sensible to load.
 *
 * @param bytes - The whole file.
 * @param limits - Overrides of the default limits.
 */
export function guardZip(bytes: Buffer, limits: ZipGuardLimits = {}): ZipGuardResult {
  const maxInflated = limits.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  const maxRatio = limits.maxRatio ?? 200;
  const ratioMinBytes = limits.ratioMinBytes ?? 10 * 1024 * 1024;

  const entries = readDirectory(bytes);
  if (typeof entries === 'string') return { ok: false, code: 'file-corrupt', reason: entries };

  const names = new Set(entries.map((e) => e.name.replace(/^\//, '')));
  if (!names.has(WORKBOOK_PART)) {
    return { ok: false, code: 'file-not-spreadsheet', detected: describeZip(names) };
  }

  const inflatedBytes = entries.reduce((sum, e) => sum + e.uncompressed, 0);
  if (inflatedBytes > maxInflated) {
    return { ok: false, code: 'archive-too-large', inflatedBytes, limit: maxInflated };
  }
  for (const e of entries) {
    if (e.uncompressed <= ratioMinBytes) continue;
    const ratio = e.compressed === 0 ? Infinity : e.uncompressed / e.compressed;
    if (ratio > maxRatio) {
      return {
        ok: false,
        code: 'archive-too-large',
        inflatedBytes,
        limit: maxInflated,
        ratio: { found: ratio, max: maxRatio },
      };
    }
  }
  return { ok: true, entries: entries.length, inflatedBytes, names: entries.map((e) => e.name) };
}

/** The directory's entries, or why it cannot be read. */
function readDirectory(bytes: Buffer): Entry[] | string {
  try {
    const dir = findDirectory(bytes);
    return typeof dir === 'string' ? dir : readEntries(bytes, dir);
  } catch (e) {
    // A field pointing outside the file: Buffer reads throw RangeError rather than return junk.
    if (e instanceof RangeError) return 'thư mục tệp nén trỏ ra ngoài tệp';
    throw e;
  }
}

/** Names what a zip without a workbook part most likely is, from its part names. */
function describeZip(names: Set<string>): string {
  if (names.has('word/document.xml')) return 'Word .docx';
  if (names.has('ppt/presentation.xml')) return 'PowerPoint .pptx';
  if (names.has('xl/workbook.bin')) return 'Excel .xlsb';
  if (names.has('content.xml') && names.has('mimetype')) return 'OpenDocument .ods/.odt';
  return 'tệp nén ZIP không có bảng tính';
}

function findDirectory(bytes: Buffer): Directory | string {
  const eocd = findEocd(bytes);
  if (eocd < 0) return 'thiếu phần cuối của tệp nén, có thể tải về chưa hết';
  if (bytes.readUInt16LE(eocd + 4) !== 0 || bytes.readUInt16LE(eocd + 6) !== 0) {
    return 'tệp nén bị chia thành nhiều phần';
  }
  let entries = bytes.readUInt16LE(eocd + 10);
  let size = bytes.readUInt32LE(eocd + 12);
  let start = bytes.readUInt32LE(eocd + 16);
  let end = eocd;

  // Zip64 moves the real values to another record when a field overflows (0xFFFF/0xFFFFFFFF).
  if (entries === U16_MAX || size === U32_MAX || start === U32_MAX) {
    const locator = eocd - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== SIG_ZIP64_LOCATOR) {
      // Some writers put 0xFFFF in a plain archive with exactly 65535 entries: keep the values.
      if (size === U32_MAX || start === U32_MAX) return 'thư mục tệp nén Zip64 bị thiếu';
    } else {
      const record = Number(bytes.readBigUInt64LE(locator + 8));
      if (record + 56 > locator || bytes.readUInt32LE(record) !== SIG_ZIP64_EOCD) {
        return 'thư mục tệp nén Zip64 bị hỏng';
      }
      entries = Number(bytes.readBigUInt64LE(record + 32));
      size = Number(bytes.readBigUInt64LE(record + 40));
      start = Number(bytes.readBigUInt64LE(record + 48));
      end = record;
    }
  }

  if (start + size !== end) {
    // Bytes prepended to the archive (a self-extractor stub, a mail gateway's banner) shift all
    // offsets; the directory then still sits right before its end record.
    const shifted = end - size;
    if (shifted < 0 || (size > 0 && bytes.readUInt32LE(shifted) !== SIG_CENTRAL)) {
      return 'thư mục tệp nén không khớp với nội dung, có thể tải về chưa hết';
    }
    return { start: shifted, size, entries, shift: shifted - start };
  }
  return { start, size, entries, shift: 0 };
}

/** The offset of the End Of Central Directory record, searching backwards, or -1. */
function findEocd(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - EOCD_SEARCH);
  for (let i = bytes.length - EOCD_SIZE; i >= lowest; i--) {
    if (bytes.readUInt32LE(i) !== SIG_EOCD) continue;
    // A real record's comment ends at or before the end of the file; a lookalike inside
    // compressed data usually does not.
    if (i + EOCD_SIZE + bytes.readUInt16LE(i + 20) <= bytes.length) return i;
  }
  return -1;
}

function readEntries(bytes: Buffer, dir: Directory): Entry[] | string {
  const broken = 'thư mục tệp nén bị hỏng';
  const entries: Entry[] = [];
  let p = dir.start;
  const end = dir.start + dir.size;
  while (p < end) {
    if (p + 46 > end || bytes.readUInt32LE(p) !== SIG_CENTRAL) return broken;
    let compressed = bytes.readUInt32LE(p + 20);
    let uncompressed = bytes.readUInt32LE(p + 24);
    const nameLen = bytes.readUInt16LE(p + 28);
    const extraLen = bytes.readUInt16LE(p + 30);
    const commentLen = bytes.readUInt16LE(p + 32);
    let localOffset = bytes.readUInt32LE(p + 42);
    const next = p + 46 + nameLen + extraLen + commentLen;
    if (next > end) return broken;
    const name = bytes.toString('utf8', p + 46, p + 46 + nameLen);

    if (uncompressed === U32_MAX || compressed === U32_MAX || localOffset === U32_MAX) {
      const zip64 = readZip64Extra(bytes, p + 46 + nameLen, extraLen, {
        uncompressed: uncompressed === U32_MAX,
        compressed: compressed === U32_MAX,
        localOffset: localOffset === U32_MAX,
      });
      if (!zip64) return broken;
      uncompressed = zip64.uncompressed ?? uncompressed;
      compressed = zip64.compressed ?? compressed;
      localOffset = zip64.localOffset ?? localOffset;
    }
    // Every entry's data lies before the directory; an offset past it means a damaged file.
    if (localOffset + dir.shift + 30 > dir.start) return broken;
    entries.push({ name, compressed, uncompressed });
    p = next;
  }
  // The count is a 16-bit field in a plain archive; some writers let it wrap past 65535.
  if (entries.length !== dir.entries && entries.length % 0x10000 !== dir.entries) return broken;
  return entries;
}

/** Reads the Zip64 extended information extra field (id 0x0001) of one directory entry. */
function readZip64Extra(
  bytes: Buffer,
  from: number,
  length: number,
  wanted: { uncompressed: boolean; compressed: boolean; localOffset: boolean },
): { uncompressed?: number; compressed?: number; localOffset?: number } | null {
  let p = from;
  const end = from + length;
  while (p + 4 <= end) {
    const id = bytes.readUInt16LE(p);
    const size = bytes.readUInt16LE(p + 2);
    if (p + 4 + size > end) return null;
    if (id === 0x0001) {
      // Only the overflowing fields are present, always in this order.
      let q = p + 4;
      const limit = p + 4 + size;
      const take = (): number | null => {
        if (q + 8 > limit) return null;
        const v = Number(bytes.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      const out: { uncompressed?: number; compressed?: number; localOffset?: number } = {};
      for (const key of ['uncompressed', 'compressed', 'localOffset'] as const) {
        if (!wanted[key]) continue;
        const v = take();
        if (v === null) return null;
        out[key] = v;
      }
      return out;
    }
    p += 4 + size;
  }
  return null;
}
