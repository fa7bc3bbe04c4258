/**
 * Decides what a submitted file really is from its first bytes. Districts rename files freely:
 * a CSV saved as `.xlsx`, an `.xls` renamed to `.xlsx`, a PDF or a photo of the printed form
 * attached as "the report". The extension is only used to describe a file nobody recognises.
 */
import type { Bilingual } from '../core/finding-codes.js';

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
  /** An HTML page with at least one `<table>` (a web system's "Xuất Excel" named `.xls`). */
  | { kind: 'html' }
  /** An Excel 2003 XML Spreadsheet (SpreadsheetML), usually named `.xls` or `.xml`. */
  | { kind: 'xml2003' }
  /** Anything else; `detected` names it for the `file-not-spreadsheet` message. */
  | { kind: 'other'; detected: Bilingual };

/** A format named the same in both languages (`PDF`, `Word .doc`). */
const other = (format: string): SniffResult => ({
  kind: 'other',
  detected: { vi: format, en: format },
});

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
    if (startsWith(bytes, magic)) return other(detected);
  }
  if (looksLikeText(bytes)) return sniffMarkup(bytes) ?? { kind: 'text' };
  const ext = /\.([^./\\]{1,8})$/.exec(fileName)?.[1];
  return {
    kind: 'other',
    detected: ext
      ? // Named by its extension, not as being of that kind: a ".xlsx" of other bytes (damaged, or
        // junk before the archive) is no ".xlsx" at all.
        {
          vi: `dữ liệu nhị phân không rõ dạng (tên tệp có đuôi .${ext})`,
          en: `binary data of no known kind (named .${ext})`,
        }
      : { vi: 'dữ liệu nhị phân không rõ dạng', en: 'binary data of no known kind' },
  };
}

/**
 * An OLE compound file is also what Word 97-2003 and PowerPoint write, and what Office writes
 * for a password-protected `.xlsx` (an `EncryptedPackage` stream). Telling them apart needs only
 * the stream names in the directory, stored in UTF-16LE.
 */
function sniffOle(bytes: Buffer): SniffResult {
  const has = (name: string): boolean => bytes.includes(Buffer.from(name, 'utf16le'));
  if (has('EncryptedPackage'))
    return {
      kind: 'other',
      detected: { vi: 'tệp Office có đặt mật khẩu', en: 'a password-protected Office file' },
    };
  if (has('WordDocument')) return other('Word .doc');
  if (has('PowerPoint Document')) return other('PowerPoint .ppt');
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
 * read as CSV they would give a screen of tags. Both are read by their own readers; an HTML page
 * without any table (a saved web page, an e-mail) and other XML are named instead.
 */
function sniffMarkup(bytes: Buffer): SniffResult | null {
  const head = headText(bytes);
  const start = head.replace(PROLOGUE, '').toLowerCase();
  if (!start.startsWith('<')) {
    // A fragment some exporters write: a line of text, then the table.
    return /<table\b/i.test(head) && /<\/?t[dr]\b/i.test(head) ? { kind: 'html' } : null;
  }
  if (
    /^<([\w-]+:)?workbook\b/.test(start) &&
    start.includes('urn:schemas-microsoft-com:office:spreadsheet')
  ) {
    return { kind: 'xml2003' };
  }
  if (HTML_START.test(start) || start.includes('<html')) {
    return hasTable(bytes) ? { kind: 'html' } : other('HTML');
  }
  // LibreOffice's flat OpenDocument (.fods): not read, but named.
  if (/^<office:document\b/.test(start))
    return {
      kind: 'other',
      detected: {
        vi: 'bảng tính OpenDocument phẳng (.fods) của LibreOffice',
        en: 'a LibreOffice flat OpenDocument spreadsheet (.fods)',
      },
    };
  // Only declared XML: a CSV may well begin with "<5 tuổi;…".
  if (/^\s*<\?xml/i.test(head)) {
    return other('XML');
  }
  return null;
}

/** What may come before a document's first element: declaration, comments, doctype, PIs. */
const PROLOGUE = /^(?:\s+|<\?[^]*?\?>|<!--[^]*?-->|<!doctype[^>[]*(?:\[[^]*?\])?\s*>)*/i;

/** The first element of a page (or of the fragment an exporter writes instead). */
const HTML_START =
  /^<(html|head|body|meta|table|title|style|link|script|div|h[1-6]|p|center|font|b|span|br|form)\b/;

/** The first 2 KiB as text: UTF-16 (with or without BOM) decoded, else byte for byte. */
function headText(bytes: Buffer): string {
  const head = bytes.subarray(0, 2048);
  if (startsWith(head, [0xff, 0xfe])) return head.subarray(2).toString('utf16le');
  if (startsWith(head, [0xfe, 0xff]))
    return Buffer.from(head.subarray(2)).swap16().toString('utf16le');
  const utf16 = utf16WithoutBom(head);
  if (utf16 === 'utf-16le') return head.toString('utf16le');
  if (utf16 === 'utf-16be')
    return Buffer.from(head.subarray(0, head.length & ~1))
      .swap16()
      .toString('utf16le');
  return head.toString('latin1').replace(/^\xef\xbb\xbf/, '');
}

/**
 * Whether a page has a `<table` tag anywhere (the page's head may be long). Searched in the
 * bytes as ASCII (UTF-8 and the 8-bit code pages) and as UTF-16.
 */
function hasTable(bytes: Buffer): boolean {
  for (const tag of ['<table', '<TABLE', '<Table']) {
    if (bytes.includes(tag, 0, 'latin1')) return true;
    if (
      bytes.includes(Buffer.from(tag, 'utf16le')) ||
      bytes.includes(Buffer.from(tag, 'utf16le').swap16())
    ) {
      return true;
    }
  }
  return /<table\b/i.test(bytes.toString('latin1'));
}
