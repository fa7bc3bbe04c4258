/**
 * Decides what a submitted file really is from its first bytes. Districts rename files freely:
 * a CSV saved as `.xlsx`, an `.xls` renamed to `.xlsx`, a PDF or a photo of the printed form
 * attached as "the report". The extension is only used to describe a file nobody recognises.
 */

/** What {@link sniffFile} found. */
export type SniffResult =
  /** A zip archive: an `.xlsx`/`.xlsm` workbook, or a `.docx`, `.ods`… the zip guard tells. */
  | { kind: 'zip' }
  /** An OLE compound file holding an Excel 97-2003 workbook (or an unidentified OLE file). */
  | { kind: 'xls' }
  /** Zero bytes. */
  | { kind: 'empty' }
  /** Text, to be read as CSV/TSV. */
  | { kind: 'text' }
  /** Anything else; `detected` names it for the `file-not-spreadsheet` message. */
  | { kind: 'other'; detected: string };

const startsWith = (bytes: Buffer, magic: readonly number[]): boolean =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

const ascii = (s: string): number[] => [...Buffer.from(s, 'latin1')];

/** Binary formats people send instead of a spreadsheet, by magic bytes. */
const OTHER_MAGIC: readonly { magic: readonly number[]; detected: string }[] = [
  { magic: ascii('%PDF'), detected: 'PDF' },
  { magic: [0x89, 0x50, 0x4e, 0x47], detected: 'PNG' },
  { magic: [0xff, 0xd8, 0xff], detected: 'JPEG' },
  { magic: ascii('GIF8'), detected: 'GIF' },
  { magic: [0x42, 0x4d], detected: 'BMP' },
  { magic: [0x49, 0x49, 0x2a, 0x00], detected: 'TIFF' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], detected: 'TIFF' },
  { magic: ascii('Rar!'), detected: 'RAR' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], detected: '7z' },
  { magic: [0x1f, 0x8b], detected: 'gzip' },
  { magic: ascii('{\\rtf'), detected: 'RTF' },
];

const ZIP_MAGICS: readonly (readonly number[])[] = [
  [0x50, 0x4b, 0x03, 0x04],
  // An empty archive is only an end-of-directory record; the guard then finds no workbook.
  [0x50, 0x4b, 0x05, 0x06],
];

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/** Tab, LF, VT, FF, CR, and Ctrl-Z (the DOS end-of-file mark some exporters still append). */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a]);

/** How many leading bytes are enough to tell text from binary. */
const TEXT_PROBE_BYTES = 64 * 1024;

/**
 * Decides by content what kind of file `bytes` is.
 *
 * @param bytes - The whole file (OLE files are searched for their stream names).
 * @param fileName - The file's name; only used to describe an unrecognised binary file.
 */
export function sniffFile(bytes: Buffer, fileName: string): SniffResult {
  if (bytes.length === 0) return { kind: 'empty' };
  if (ZIP_MAGICS.some((m) => startsWith(bytes, m))) return { kind: 'zip' };
  if (startsWith(bytes, OLE_MAGIC)) return sniffOle(bytes);
  for (const { magic, detected } of OTHER_MAGIC) {
    if (startsWith(bytes, magic)) return { kind: 'other', detected };
  }
  if (looksLikeText(bytes)) {
    const markup = sniffMarkup(bytes);
    return markup ? { kind: 'other', detected: markup } : { kind: 'text' };
  }
  const ext = /\.([^./\\]{1,8})$/.exec(fileName)?.[1];
  return { kind: 'other', detected: ext ? `dữ liệu nhị phân .${ext}` : 'dữ liệu nhị phân' };
}

/**
 * An OLE compound file is also what Word 97-2003 and PowerPoint write, and what Office writes
 * for a password-protected `.xlsx` (an `EncryptedPackage` stream). Telling them apart needs only
 * the stream names in the directory, stored in UTF-16LE.
 */
function sniffOle(bytes: Buffer): SniffResult {
  const has = (name: string): boolean => bytes.includes(Buffer.from(name, 'utf16le'));
  if (has('EncryptedPackage')) return { kind: 'other', detected: 'tệp Office có đặt mật khẩu' };
  if (has('WordDocument')) return { kind: 'other', detected: 'Word .doc' };
  if (has('PowerPoint Document')) return { kind: 'other', detected: 'PowerPoint .ppt' };
  return { kind: 'xls' };
}

/**
 * Text is what a CSV reader can decode: a BOM, UTF-16 without one (NUL high bytes), or 8-bit
 * text with hardly any control characters (Windows-1258 maps almost every byte, so "decodable"
 * cannot mean more).
 */
function looksLikeText(bytes: Buffer): boolean {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf]) || startsWith(bytes, [0xff, 0xfe])) return true;
  if (startsWith(bytes, [0xfe, 0xff])) return true;
  const probe = bytes.subarray(0, TEXT_PROBE_BYTES);
  if (utf16WithoutBom(probe) !== null) return true;
  let control = 0;
  for (const b of probe) if (b < 0x20 && !TEXT_CONTROLS.has(b)) control++;
  return control / probe.length < 0.01;
}

/**
 * Recognises UTF-16 text saved without a BOM: mostly ASCII, so every other byte is NUL.
 * Returns the byte order, or null.
 */
export function utf16WithoutBom(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, TEXT_PROBE_BYTES) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.6 && evenNul / pairs < 0.1) return 'utf-16le';
  if (evenNul / pairs > 0.6 && oddNul / pairs < 0.1) return 'utf-16be';
  return null;
}

/**
 * Web systems often export "Excel" as an HTML table or as Excel 2003 XML with an `.xls` name;
 * read as CSV they would give a screen of tags, so they are named instead.
 */
function sniffMarkup(bytes: Buffer): string | null {
  const head = bytes
    .subarray(0, 2048)
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart()
    .toLowerCase();
  if (!head.startsWith('<')) return null;
  if (
    head.includes('urn:schemas-microsoft-com:office:spreadsheet') ||
    head.includes('excel.sheet')
  ) {
    return 'Excel 2003 XML';
  }
  if (/^<(!doctype html|html|table|head|body|meta)\b/.test(head) || head.includes('<html')) {
    return 'HTML';
  }
  if (head.startsWith('<?xml')) return 'XML';
  return null;
}
