/**
 * Checks a zip archive before exceljs inflates anything. exceljs (through JSZip) inflates every
 * part into memory, so a truncated download fails deep inside the library and a "zip bomb" (a few
 * kilobytes that inflate to gigabytes) would take the machine down. The central directory states
 * every entry's sizes up front, so an honest bomb is refused by reading it; a lying one (small
 * sizes in the directory, gigabytes in the data) is refused by inflating each entry with zlib,
 * counting the bytes as they come and stopping at the limit. JSZip inflates the same bytes (from
 * the local header, for the directory's compressed size), so what exceljs later gets is what was
 * counted here.
 *
 * Layout reference: PKWARE APPNOTE.TXT, sections 4.3.12 (central directory header), 4.3.14-16
 * (Zip64 end of central directory record and locator) and 4.5.3 (Zip64 extra field).
 */

import { constants as bufferConstants } from 'node:buffer';
import { constants as zlibConstants, inflateRawSync } from 'node:zlib';
import type { Bilingual } from '../core/finding-codes.js';

/**
 * The bytes of a zip as the directory reader reads them: a Buffer, or a window onto a file on
 * disk (zip-file.ts) for an archive too large to hold in memory. Reads past the end throw a
 * RangeError, as a Buffer's do.
 */
export interface ZipBytes {
  readonly length: number;
  readUInt16LE(offset: number): number;
  readUInt32LE(offset: number): number;
  readBigUInt64LE(offset: number): bigint;
  toString(encoding: 'utf8', start: number, end: number): string;
}

/** Limits of {@link guardZip}; each has a default. */
export interface ZipGuardLimits {
  /** Largest total uncompressed size of all entries, in bytes (default 200 MiB). */
  maxInflatedBytes?: number;
  /** Largest uncompressed-to-compressed ratio of a big entry (default 200, i.e. 200:1). */
  maxRatio?: number;
  /** Entries smaller than this are never refused for their ratio (default 10 MiB). */
  ratioMinBytes?: number;
  /**
   * Sees every entry's inflated bytes, one at a time, in directory order (the xlsx census counts
   * cells here). What it throws is not caught.
   */
  inspect?: (name: string, data: Buffer) => void;
}

/** The verdict of {@link guardZip}. */
export type ZipGuardResult =
  | { ok: true; entries: number; inflatedBytes: number; names: string[] }
  /** The archive's directory is missing or inconsistent: truncated or damaged. */
  | { ok: false; code: 'file-corrupt'; reason: Bilingual }
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
  /**
   * The directory understates the sizes: inflating really went past the total `limit`, or past
   * what one entry may inflate to for its compressed size (`limit` is then that entry's allowance).
   * Inflating stopped there.
   */
  | { ok: false; code: 'archive-size-mismatch'; declaredBytes: number; limit: number }
  /** A valid zip without a workbook part (`.docx`, `.ods`, a zip of files…). */
  | { ok: false; code: 'file-not-spreadsheet'; detected: Bilingual };

/** Default limit of the total uncompressed size. */
export const DEFAULT_MAX_INFLATED_BYTES = 200 * 1024 * 1024;
/**
 * Default largest uncompressed-to-compressed ratio of a big entry. Spreadsheet XML packs at most
 * about 100:1; deflate itself cannot go past about 1032:1.
 */
export const DEFAULT_MAX_RATIO = 200;
/** Default size under which an entry is never refused for its ratio. */
export const DEFAULT_RATIO_MIN_BYTES = 10 * 1024 * 1024;

/** The records' signatures (APPNOTE 4.3), shared with the writer (zip-write.ts). */
export const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
export const SIG_CENTRAL = 0x02014b50;
export const SIG_LOCAL = 0x04034b50;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const MAX_LENGTH = bufferConstants.MAX_LENGTH;
const EOCD_SIZE = 22;
/** The EOCD record may be followed by a comment of up to 65535 bytes. */
const EOCD_SEARCH = EOCD_SIZE + 0xffff;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

/** exceljs looks for exactly this part name (after dropping a leading `/`). */
const WORKBOOK_PART = 'xl/workbook.xml';

const BROKEN_DIRECTORY: Bilingual = {
  vi: 'thư mục tệp nén bị hỏng',
  en: 'the archive’s directory is damaged',
};

/** Whether a step gave a reason (why the archive cannot be read) rather than its result. */
export const isReason = (x: object): x is Bilingual => 'vi' in x && 'en' in x;

interface Directory {
  start: number;
  size: number;
  entries: number;
  /** Bytes found before the archive proper; entry offsets are relative to the archive. */
  shift: number;
}

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  compressed: number;
  uncompressed: number;
  /** Compression method (0 stored, 8 deflated; JSZip knows no other). */
  method: number;
  /** General purpose flags; bit 0 is encryption. */
  flags: number;
  /** Where the entry's local header starts in `bytes` (the shift applied). */
  local: number;
}

/**
 * Reads the zip's central directory and decides whether it is safe and sensible to load.
 *
 * @param bytes - The whole file.
 * @param limits - Overrides of the default limits.
 */
export function guardZip(bytes: Buffer, limits: ZipGuardLimits = {}): ZipGuardResult {
  const maxInflated = limits.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  const maxRatio = limits.maxRatio ?? DEFAULT_MAX_RATIO;
  const ratioMinBytes = limits.ratioMinBytes ?? DEFAULT_RATIO_MIN_BYTES;

  const directory = readDirectory(bytes);
  if (isReason(directory)) return { ok: false, code: 'file-corrupt', reason: directory };
  const { entries, dataEnd } = directory;

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

  // The directory may lie: what counts is what the data inflates to.
  let inflated = 0;
  for (const e of entries) {
    const data = entryData(bytes, e, dataEnd);
    if (isReason(data)) return { ok: false, code: 'file-corrupt', reason: data };
    const room = maxInflated - inflated;
    const allowed = Math.min(room, Math.max(ratioMinBytes, e.compressed * maxRatio));
    const out = inflateEntry(e, data, allowed);
    if ('tooLarge' in out) {
      return {
        ok: false,
        code: 'archive-size-mismatch',
        declaredBytes: inflatedBytes,
        limit: allowed,
      };
    }
    if ('reason' in out) return { ok: false, code: 'file-corrupt', reason: out.reason };
    inflated += out.data.length;
    limits.inspect?.(e.name, out.data);
  }
  return {
    ok: true,
    entries: entries.length,
    inflatedBytes: inflated,
    names: entries.map((e) => e.name),
  };
}

/**
 * An entry's compressed bytes, found as JSZip finds them: the local header's own name and extra
 * lengths, then the directory's compressed size. Or why they cannot be found.
 */
function entryData(bytes: Buffer, e: ZipEntry, dataEnd: number): Buffer | Bilingual {
  if (e.local < 0 || e.local + 30 > dataEnd || bytes.readUInt32LE(e.local) !== SIG_LOCAL) {
    return BROKEN_DIRECTORY;
  }
  const start = e.local + 30 + bytes.readUInt16LE(e.local + 26) + bytes.readUInt16LE(e.local + 28);
  if (start + e.compressed > bytes.length) {
    return {
      vi: 'thiếu dữ liệu trong tệp nén, có thể tải về chưa hết',
      en: 'data is missing from the archive; it may not have been fully downloaded',
    };
  }
  return bytes.subarray(start, start + e.compressed);
}

/** What inflating one entry gave. */
type Inflated = { data: Buffer } | { tooLarge: true } | { reason: Bilingual };

/**
 * Inflates one entry, stopping as soon as it passes `allowed` bytes. A stream cut short gives
 * what it holds, as JSZip's inflater does; damaged data is a reason.
 */
function inflateEntry(e: ZipEntry, data: Buffer, allowed: number): Inflated {
  if (e.flags & 1)
    return { reason: { vi: 'tệp nén được đặt mật khẩu', en: 'the archive is password-protected' } };
  if (e.method === METHOD_STORED) return data.length > allowed ? { tooLarge: true } : { data };
  if (e.method !== METHOD_DEFLATED)
    return {
      reason: {
        vi: 'tệp nén dùng kiểu nén không được hỗ trợ',
        en: 'the archive uses an unsupported compression method',
      },
    };
  try {
    return {
      data: inflateRawSync(data, {
        // zlib checks the total after each chunk and stops there: no more than a chunk past it.
        maxOutputLength: Math.min(Math.max(1, allowed), MAX_LENGTH),
        finishFlush: zlibConstants.Z_SYNC_FLUSH,
      }),
    };
  } catch (err) {
    if (err instanceof RangeError && (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      return { tooLarge: true };
    return {
      reason: { vi: 'dữ liệu nén bên trong bị hỏng', en: 'the compressed data inside is damaged' },
    };
  }
}

/** The directory's entries and where the entries' data must end, or why it cannot be read. */
export function readDirectory(
  bytes: ZipBytes,
): { entries: ZipEntry[]; dataEnd: number } | Bilingual {
  try {
    const dir = findDirectory(bytes);
    if (isReason(dir)) return dir;
    const entries = readEntries(bytes, dir);
    return isReason(entries) ? entries : { entries, dataEnd: dir.start };
  } catch (e) {
    // A field pointing outside the file: Buffer reads throw RangeError rather than return junk.
    if (e instanceof RangeError)
      return {
        vi: 'thư mục tệp nén trỏ ra ngoài tệp',
        en: 'the archive’s directory points outside the file',
      };
    throw e;
  }
}

/** Names what a zip without a workbook part most likely is, from its part names. */
function describeZip(names: Set<string>): Bilingual {
  const named = (n: string): Bilingual => ({ vi: n, en: n });
  if (names.has('word/document.xml')) return named('Word .docx');
  if (names.has('ppt/presentation.xml')) return named('PowerPoint .pptx');
  if (names.has('xl/workbook.bin')) return named('Excel .xlsb');
  if (names.has('content.xml') && names.has('mimetype'))
    return {
      vi: 'tệp OpenDocument của LibreOffice (.ods, .odt)',
      en: 'a LibreOffice OpenDocument file (.ods, .odt)',
    };
  return { vi: 'tệp nén ZIP không có bảng tính', en: 'a ZIP archive without a workbook' };
}

function findDirectory(bytes: ZipBytes): Directory | Bilingual {
  const eocd = findEocd(bytes);
  if (eocd < 0)
    return {
      vi: 'thiếu phần cuối của tệp nén, có thể tải về chưa hết',
      en: 'the end of the archive is missing; it may not have been fully downloaded',
    };
  if (bytes.readUInt16LE(eocd + 4) !== 0 || bytes.readUInt16LE(eocd + 6) !== 0) {
    return {
      vi: 'tệp nén bị chia thành nhiều phần',
      en: 'the archive is split into several parts',
    };
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
      if (size === U32_MAX || start === U32_MAX)
        return { vi: 'thư mục tệp nén Zip64 bị thiếu', en: 'the Zip64 directory is missing' };
    } else {
      const record = Number(bytes.readBigUInt64LE(locator + 8));
      if (record + 56 > locator || bytes.readUInt32LE(record) !== SIG_ZIP64_EOCD) {
        return { vi: 'thư mục tệp nén Zip64 bị hỏng', en: 'the Zip64 directory is damaged' };
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
      return {
        vi: 'thư mục tệp nén không khớp với nội dung, có thể tải về chưa hết',
        en: 'the archive’s directory does not match its content; it may not have been fully downloaded',
      };
    }
    return { start: shifted, size, entries, shift: shifted - start };
  }
  return { start, size, entries, shift: 0 };
}

/** The offset of the End Of Central Directory record, searching backwards, or -1. */
function findEocd(bytes: ZipBytes): number {
  const lowest = Math.max(0, bytes.length - EOCD_SEARCH);
  for (let i = bytes.length - EOCD_SIZE; i >= lowest; i--) {
    if (bytes.readUInt32LE(i) !== SIG_EOCD) continue;
    // A real record's comment ends at or before the end of the file; a lookalike inside
    // compressed data usually does not.
    if (i + EOCD_SIZE + bytes.readUInt16LE(i + 20) <= bytes.length) return i;
  }
  return -1;
}

function readEntries(bytes: ZipBytes, dir: Directory): ZipEntry[] | Bilingual {
  const broken = BROKEN_DIRECTORY;
  const entries: ZipEntry[] = [];
  let p = dir.start;
  const end = dir.start + dir.size;
  while (p < end) {
    if (p + 46 > end || bytes.readUInt32LE(p) !== SIG_CENTRAL) return broken;
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
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
    if (localOffset + dir.shift < 0 || localOffset + dir.shift + 30 > dir.start) return broken;
    entries.push({
      name,
      compressed,
      uncompressed,
      method,
      flags,
      local: localOffset + dir.shift,
    });
    p = next;
  }
  // The count is a 16-bit field in a plain archive; some writers let it wrap past 65535.
  if (entries.length !== dir.entries && entries.length % 0x10000 !== dir.entries) return broken;
  return entries;
}

/** Reads the Zip64 extended information extra field (id 0x0001) of one directory entry. */
function readZip64Extra(
  bytes: ZipBytes,
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
