/**
 * Decodes an HTML page or an XML file to text. Web systems' "Xuất Excel" pages come in UTF-8
 * (with or without a BOM), in the Vietnamese Windows code page (Windows-1258) and now and then in
 * UTF-16; the page says which in a `<meta charset>`, a `<meta http-equiv="content-type">` or the
 * XML declaration. The declaration is looked for only in the first bytes, as browsers do.
 */
import { isUtf8 } from 'node:buffer';

import { decodeWindows1258, iconv } from './iconv.js';

import { decodeMarked } from './read-csv.js';

/** How far into the file a charset declaration is looked for (browsers use 1024 bytes). */
const DECLARATION_PROBE_BYTES = 4096;

/** A decoded page: its text without the BOM, and the encoding it was read in. */
export interface MarkupText {
  text: string;
  /** `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `windows-1258`, or another declared label. */
  encoding: string;
}

/**
 * Decodes a page by its BOM, else by UTF-16 without a BOM, else by its declared charset, else as
 * UTF-8 when it is valid UTF-8 and as Windows-1258 when it is not. Not normalised: the readers
 * bring the texts they keep to NFC (Windows-1258 stores tone marks as combining characters),
 * which costs far less than normalising a whole 50 MB page of tags.
 */
export function decodeMarkup(bytes: Buffer): MarkupText {
  const { text, encoding } = decodeRaw(bytes);
  return { text: text.replace(/^\uFEFF/, ''), encoding };
}

function decodeRaw(bytes: Buffer): MarkupText {
  const marked = decodeMarked(bytes);
  if (marked) return marked;

  const declared = declaredCharset(bytes);
  // A page that says UTF-16 but has no NUL bytes cannot be UTF-16; the HTML standard reads it as
  // UTF-8, and so do we.
  if (declared && !/^utf-?8$|^utf-?16/.test(declared) && iconv().encodingExists(declared)) {
    return { text: iconv().decode(bytes, declared), encoding: declared };
  }
  // Declared UTF-8 but not quite (a stray byte pasted in): read as a browser would.
  if (isUtf8(bytes) || (declared && /^utf/.test(declared))) {
    return { text: bytes.toString('utf8'), encoding: 'utf-8' };
  }
  return { text: decodeWindows1258(bytes), encoding: 'windows-1258' };
}

/**
 * The charset a page declares in its first bytes, lower-cased, or null: `<meta charset=…>`,
 * `<meta http-equiv="Content-Type" content="…; charset=…">` or `<?xml … encoding="…"?>`.
 */
export function declaredCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, DECLARATION_PROBE_BYTES).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml?.[1]) return xml[1].toLowerCase();
  for (const meta of head.matchAll(/<meta\b[^>]*>/gi)) {
    const charset = /\bcharset\s*=\s*["']?([\w.:-]+)/i.exec(meta[0]);
    if (charset?.[1]) return charset[1].toLowerCase();
  }
  return null;
}
