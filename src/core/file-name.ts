/**
 * Text from data (a unit's code or name) made safe to use inside a file name: whatever a registry
 * holds, the name stays one file in the output folder on Linux, macOS and Windows. Pure string
 * work, no file system.
 */

/**
 * Characters never kept in a name: path separators and the characters Windows forbids
 * (`/ \ : * ? " < > |`), control characters (C0, DEL, C1), and the invisible format characters
 * that reorder or hide text (bidirectional overrides and isolates, zero-width marks, BOM).
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  /[/\\:*?"<>|\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]+/g;

/** Half of a UTF-16 pair without its other half: not a character, not storable on Linux. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Names Windows reserves for devices, with or without an extension (`CON`, `nul.txt`, `COM1`,
 * `LPT9.eml`; also the superscript digits Windows counts as digits there).
 */
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Longest component kept, in UTF-8 bytes: most file systems allow 255 for a whole name. */
const MAX_BYTES = 120;

/** Cuts `s` to at most `max` UTF-8 bytes without splitting a character. */
function cutBytes(s: string, max: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + n > max) break;
    bytes += n;
    out += ch;
  }
  return out;
}

/**
 * One safe component of a file name made from `text` (a unit code, a name): NFC, Vietnamese
 * letters kept; separators, forbidden and control characters and `..` replaced by `_`; no leading
 * or trailing dot or space; a reserved Windows device name prefixed with `_`; at most 120 UTF-8
 * bytes. Never empty (`fallback`, itself safe, when nothing is left), never `.`
 * or `..`, so `path.join(dir, name)` always stays in `dir`.
 */
export function safeFileNamePart(text: string, fallback = '_'): string {
  const s = text
    .normalize('NFC')
    .replace(UNSAFE, '_')
    .replace(LONE_SURROGATE, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .replace(/\.{2,}/g, '_')
    .replace(/_+/g, '_');
  const cut = cutBytes(s, MAX_BYTES).replace(/[.\s]+$/, '');
  if (/^[_.\s]*$/.test(cut)) return fallback === '_' ? '_' : safeFileNamePart(fallback);
  const stem = cut.split('.')[0] ?? '';
  return RESERVED.test(stem.trimEnd()) ? `_${cut}` : cut;
}

/**
 * `name` unless an earlier name of the same run took it (compared as Windows does, ignoring
 * case), else `name` with `-2`, `-3`… before its extension: two units whose codes become the same
 * safe text never overwrite each other's file. Adds the name chosen to `taken`.
 */
export function uniqueFileName(name: string, taken: Set<string>): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  let out = name;
  for (let n = 2; taken.has(out.toLowerCase()); n++) out = `${stem}-${n}${ext}`;
  taken.add(out.toLowerCase());
  return out;
}
