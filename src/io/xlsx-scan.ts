/**
 * A byte-level scanner of SpreadsheetML worksheet and shared-string parts: the cells of a sheet,
 * row by row, from the inflated XML as it streams in, without building a DOM or an object per
 * element. It is the ground for one xlsx reader for every size of file (a form of fifty rows, a
 * province's household list of a million): memory stays that of one chunk and one row, and the
 * time is one pass over the bytes, the tags found with `Buffer.indexOf` (memchr).
 *
 * What it understands is what writers put in these parts (ECMA-376 Part 1, §18.3.1 "sheetData",
 * §18.4 "shared string table"): elements with or without a namespace prefix (`<x:c>`), attribute
 * values in double or single quotes, `r` attributes present or left out (then the next row or
 * column), self-closing `<c/>`, `<v/>` and `<row/>`, inline strings (`<is><t>` and rich runs
 * `<is><r><t>`), formulas (`<f>`, their text kept), the five predefined entities and numeric
 * character references, CDATA sections, and phonetic runs (`<rPh>`) whose text is not part of
 * the value. Everything else (sheet properties, merged ranges, extension lists) is passed over.
 */

/** A cell as the scanner saw it: where it is, its type attribute, and its raw texts. */
export interface ScannedCell {
  /** 0-based row and column. */
  row: number;
  col: number;
  /** The `t` attribute: `s` (shared string), `n`, `str`, `inlineStr`, `b`, `e`, `d`; `n` when absent. */
  type: string;
  /** The `s` attribute: the index of the cell's format in the styles part; 0 when absent. */
  style: number;
  /** The text of `<v>` (or of the inline string), entities decoded; null when the cell has none. */
  value: string | null;
  /** The text of `<f>` when the cell has a formula (empty for a shared formula's followers). */
  formula: string | null;
}

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOS = 0x27;
const COLON = 0x3a;

/**
 * Undoes the escapes OOXML puts in a cell's text for characters XML cannot hold or would change:
 * `_x000D_` (a carriage return, as Excel and LibreOffice write a line break typed in a cell),
 * `_x0009_`, and `_x005F_` for an underscore that would start one (ECMA-376 ST_Xstring).
 */
export function unescapeXstring(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** A cell's text as written in the XML: entities decoded, then the OOXML escapes undone. */
export function decodeCellText(s: string): string {
  return unescapeXstring(decodeEntities(s));
}

/** Decodes the five predefined entities and numeric character references of XML text. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      }
    }
  });
}

/** `B12` → { col: 1, row: 11 } (0-based); null parts when the reference lacks them. */
export function parseCellRef(ref: string): { col: number | null; row: number | null } {
  let i = 0;
  let col = 0;
  while (i < ref.length) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
    i++;
  }
  let row = 0;
  let digits = 0;
  while (i < ref.length) {
    const c = ref.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    row = row * 10 + (c - 0x30);
    digits++;
    i++;
  }
  return { col: col > 0 ? col - 1 : null, row: digits > 0 && row > 0 ? row - 1 : null };
}

/** `A` → 1, `ab` → 28: the column number of a reference's letters (either case); 0 for none. */
export function columnNumber(ref: string): number {
  return (parseCellRef(ref).col ?? -1) + 1;
}

/** Whether `buf` holds the ASCII text `s` at `at`. */
export function startsWith(buf: Buffer, s: string, at: number): boolean {
  if (at + s.length > buf.length) return false;
  for (let k = 0; k < s.length; k++) if (buf[at + k] !== s.charCodeAt(k)) return false;
  return true;
}

/** One tag: its local name (prefix dropped), whether it closes or self-closes, where it ends. */
interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** Index of the byte after `>`. */
  end: number;
  /** The bytes between the name and `>` (the attributes), latin1 (attribute names are ASCII). */
  attrStart: number;
  attrEnd: number;
}

/**
 * Reads the tag that starts at `at` (a `<`). Returns null when the buffer ends inside it.
 * Comments, processing instructions and declarations come back with the name `!` or `?`.
 */
function readTag(buf: Buffer, at: number, limit: number): Tag | null {
  let i = at + 1;
  if (i >= limit) return null;
  let closing = false;
  const first = buf[i];
  if (first === 0x21 /* ! */) {
    // Comment or CDATA or declaration: find its end.
    if (startsWith(buf, '<!--', at)) {
      const e = buf.indexOf('-->', at + 4);
      if (e < 0 || e + 3 > limit) return null;
      return { name: '!', closing: false, selfClosing: true, end: e + 3, attrStart: 0, attrEnd: 0 };
    }
    if (startsWith(buf, '<![CDATA[', at)) {
      const e = buf.indexOf(']]>', at + 9);
      if (e < 0 || e + 3 > limit) return null;
      return {
        name: '![CDATA[',
        closing: false,
        selfClosing: true,
        end: e + 3,
        attrStart: at + 9,
        attrEnd: e,
      };
    }
    const e = buf.indexOf(GT, i);
    if (e < 0 || e + 1 > limit) return null;
    return { name: '!', closing: false, selfClosing: true, end: e + 1, attrStart: 0, attrEnd: 0 };
  }
  if (first === 0x3f /* ? */) {
    const e = buf.indexOf('?>', i);
    if (e < 0 || e + 2 > limit) return null;
    return { name: '?', closing: false, selfClosing: true, end: e + 2, attrStart: 0, attrEnd: 0 };
  }
  if (first === SLASH) {
    closing = true;
    i++;
  }
  const nameStart = i;
  let colon = -1;
  while (i < limit) {
    const c = buf[i] as number;
    if (c === GT || c === SLASH || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) break;
    if (c === COLON) colon = i;
    i++;
  }
  if (i >= limit) return null;
  const name = buf.toString('latin1', colon >= 0 ? colon + 1 : nameStart, i);
  const attrStart = i;
  // The end of the tag: the first `>` outside quotes.
  let quote = 0;
  while (i < limit) {
    const c = buf[i];
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === QUOTE || c === APOS) quote = c;
    else if (c === GT) break;
    i++;
  }
  if (i >= limit) return null;
  const selfClosing = buf[i - 1] === SLASH;
  return {
    name,
    closing,
    selfClosing,
    end: i + 1,
    attrStart,
    attrEnd: selfClosing ? i - 1 : i,
  };
}

/**
 * Calls `each` with every attribute of a tag: its local name (prefix dropped) and its value,
 * entities decoded. Attribute names are ASCII; values are UTF-8.
 */
function eachAttr(buf: Buffer, tag: Tag, each: (name: string, value: string) => void): void {
  let i = tag.attrStart;
  const end = tag.attrEnd;
  while (i < end) {
    // Skip white space.
    let c = buf[i] as number;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
      continue;
    }
    const nameStart = i;
    let local = i;
    while (i < end) {
      c = buf[i] as number;
      if (c === 0x3d /* = */ || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) break;
      if (c === COLON) local = i + 1;
      i++;
    }
    const name = buf.toString('latin1', local, i);
    while (i < end && buf[i] !== 0x3d) i++;
    i++;
    while (i < end && buf[i] !== QUOTE && buf[i] !== APOS) i++;
    const quote = buf[i];
    const valueStart = ++i;
    while (i < end && buf[i] !== quote) i++;
    if (i > end || nameStart === i) return;
    each(name, decodeEntities(buf.toString('utf8', valueStart, Math.min(i, end))));
    i++;
  }
}

/** The value of attribute `name` (no prefix) of a tag; null if absent. */
function attr(buf: Buffer, tag: Tag, name: string): string | null {
  let found: string | null = null;
  eachAttr(buf, tag, (n, v) => {
    if (n === name && found === null) found = v;
  });
  return found;
}

/** The three attributes a cell carries. */
function cellAttrs(
  buf: Buffer,
  tag: Tag,
): { r: string | null; t: string | null; s: string | null } {
  const out: { r: string | null; t: string | null; s: string | null } = {
    r: null,
    t: null,
    s: null,
  };
  eachAttr(buf, tag, (n, v) => {
    if (n === 'r' || n === 't' || n === 's') out[n] ??= v;
  });
  return out;
}

/** The cell types of the `t` attribute, by their code in {@link RowCells.type}. */
export const CELL_TYPES = ['n', 's', 'str', 'inlineStr', 'b', 'e', 'd'] as const;
export type CellType = (typeof CELL_TYPES)[number];
const TYPE_CODE = new Map<string, number>(CELL_TYPES.map((t, i) => [t, i]));
/** The one-letter types by their byte: n, s, b, e, d. */
const ONE_LETTER_TYPE: Partial<Record<number, number>> = Object.fromEntries(
  CELL_TYPES.map((t, i) => [t, i] as const)
    .filter(([t]) => t.length === 1)
    .map(([t, i]) => [t.charCodeAt(0), i]),
);
const T_N = 0;
const T_S = 1;
const T_INLINE = 3;

/**
 * The cells of one row, column-wise in reused arrays: a row of thirty cells costs no object per
 * cell. Valid during the `onRow` call only.
 */
export class RowCells {
  /** 0-based row number. */
  row = 0;
  /** How many cells the row has (entries 0..count-1 of each array). */
  count = 0;
  col = new Int32Array(64);
  /** Index into {@link CELL_TYPES}. */
  type = new Uint8Array(64);
  style = new Int32Array(64);
  /**
   * The value as a number when it is one: numbers, a shared string's index, a boolean's 0/1.
   * NaN when the cell has no value or its value is a text.
   */
  num = new Float64Array(64);
  /** The value's text when it is not read as a number (inline and formula strings, errors, dates). */
  text: (string | null)[] = [];
  /** The formula's text, when the cell has one ('' for a shared formula's followers). */
  formula: (string | null)[] = [];
  /**
   * The attributes of the cell's `<f>` that say how it is shared: `t` (`shared`, `array`), the
   * shared group `si`, and the `ref` its first cell carries. Null when the cell has no `<f>`.
   */
  formulaAttrs: ({ t: string | null; si: string | null; ref: string | null } | null)[] = [];
  /**
   * Whether some cell may have a text, a formula or formula attributes (false: none has, and
   * those arrays need not be looked at). True unless the one who fills the cells says otherwise:
   * the sheet scanner clears it with each row and sets it with each text it keeps.
   */
  hasTexts = true;

  /** Whether cell `k` holds a value (a number or a text). */
  hasValue(k: number): boolean {
    return !Number.isNaN(this.num[k]) || this.text[k] !== null;
  }

  /** The type name of cell `k`. */
  typeName(k: number): CellType {
    return CELL_TYPES[this.type[k] ?? 0] ?? 'n';
  }

  /** Starts a cell; returns its index. */
  add(col: number, type: number, style: number): number {
    const k = this.count++;
    if (k >= this.col.length) this.grow();
    this.col[k] = col;
    this.type[k] = type;
    this.style[k] = style;
    this.num[k] = NaN;
    this.text[k] = null;
    this.formula[k] = null;
    this.formulaAttrs[k] = null;
    return k;
  }

  private grow(): void {
    const n = this.col.length * 2;
    const col = new Int32Array(n);
    col.set(this.col);
    this.col = col;
    const type = new Uint8Array(n);
    type.set(this.type);
    this.type = type;
    const style = new Int32Array(n);
    style.set(this.style);
    this.style = style;
    const num = new Float64Array(n);
    num.set(this.num);
    this.num = num;
  }
}

/** How many bytes of a new chunk are joined to the last one's unfinished tail (a tag or a value: a
 * few dozen bytes; a longer construct is joined whole). */
const STITCH = 4 * 1024;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * The number written in `buf[start..end)`, read without making a string when it is a plain
 * decimal of at most 15 digits (then the result is the correctly rounded one, as `Number()`
 * gives: an exact integer divided by an exact power of ten); otherwise through `Number()`. NaN
 * when the text is not a number.
 */
export function parseNumber(buf: Buffer, start: number, end: number): number {
  let i = start;
  let neg = false;
  if (buf[i] === 0x2d) {
    neg = true;
    i++;
  }
  let m = 0;
  let digits = 0;
  let frac = 0;
  let dot = false;
  for (; i < end; i++) {
    const c = buf[i] as number;
    if (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      digits++;
      if (dot) frac++;
    } else if (c === 0x2e && !dot) dot = true;
    else break;
  }
  if (i === end && digits > 0 && digits <= 15) {
    const v = frac > 0 ? m / (POW10[frac] as number) : m;
    return neg ? -v : v;
  }
  const s = buf.toString('latin1', start, end).trim();
  return s === '' ? NaN : Number(s);
}

/**
 * The text of an element whose content starts at `start`: up to its closing tag, CDATA sections
 * and entities read, comments skipped. Returns the text and the index of the closing tag's `<`,
 * or null when the buffer ends first.
 */
function readText(
  buf: Buffer,
  start: number,
  limit: number,
): { text: string; close: number } | null {
  let i = start;
  let parts: string[] | null = null;
  for (;;) {
    const lt = buf.indexOf(LT, i);
    if (lt < 0 || lt >= limit) return null;
    const piece = lt > i ? buf.toString('utf8', i, lt) : '';
    if (buf[lt + 1] === SLASH) {
      if (parts === null) return { text: decodeEntities(piece), close: lt };
      parts.push(decodeEntities(piece));
      return { text: parts.join(''), close: lt };
    }
    const tag = readTag(buf, lt, limit);
    if (!tag) return null;
    parts ??= [];
    parts.push(decodeEntities(piece));
    if (tag.name === '![CDATA[') parts.push(buf.toString('utf8', tag.attrStart, tag.attrEnd));
    i = tag.end;
  }
}

/**
 * Scans a worksheet part chunk by chunk and hands over each row's cells as soon as the row ends.
 * A chunk may end anywhere (inside a tag, a value, a multi-byte letter): the unfinished tail is
 * kept and scanned with the next chunk. The common tags of a sheet without namespace prefix
 * (`<c`, `<v>`, `</c>`, `<row`, `</row>`) take a fast path; every other tag goes through the
 * general reader.
 */
export class SheetScanner {
  private carry: Buffer | null = null;
  private readonly cells = new RowCells();
  private row = -1;
  private col = -1;
  /** The index in `cells` of the cell being read, between `<c>` and `</c>`; -1 outside. */
  private cell = -1;
  /** Inside `<is>`: the inline string's runs so far. */
  private inline: string[] | null = null;
  private inPhonetic = 0;
  private inSheetData = false;
  private done = false;

  /**
   * @param onRow - Called once per row that has cells, in the order of the part, with the row's
   *   cells (in the order written). The object is the scanner's own and is reused.
   */
  constructor(private readonly onRow: (cells: RowCells) => void) {}

  /** Scans the next bytes of the part. */
  push(chunk: Buffer): void {
    if (this.done) return;
    let rest = chunk;
    const carry = this.carry;
    if (carry) {
      // The unfinished tail of the last chunk is joined to the head of this one only: copying
      // every chunk whole to join a few dozen bytes would cost more than scanning it.
      const head = chunk.subarray(0, Math.min(chunk.length, STITCH));
      const joined = Buffer.concat([carry, head]);
      const used = this.scan(joined, joined.length);
      if (used < carry.length || head.length === chunk.length) {
        if (used < carry.length && head.length < chunk.length) {
          // A construct longer than the stitch: join it all (a rare, very long text).
          this.carry = Buffer.concat([carry, chunk]);
          this.carry = this.rescan(this.carry);
          return;
        }
        this.carry = used < joined.length ? Buffer.from(joined.subarray(used)) : null;
        return;
      }
      rest = chunk.subarray(used - carry.length);
    }
    this.carry = null;
    const used = this.scan(rest, rest.length);
    if (used < rest.length) this.carry = Buffer.from(rest.subarray(used));
  }

  /** Scans a whole joined buffer; returns its unscanned tail, or null. */
  private rescan(buf: Buffer): Buffer | null {
    const used = this.scan(buf, buf.length);
    return used < buf.length ? Buffer.from(buf.subarray(used)) : null;
  }

  /** The part has ended: an open row is handed over. */
  end(): void {
    if (this.done) return;
    if (this.cell >= 0) this.cell = -1;
    this.flushRow();
    this.carry = null;
    this.done = true;
  }

  private flushRow(): void {
    if (this.cells.count > 0) {
      this.cells.row = this.row;
      this.onRow(this.cells);
    }
    this.cells.count = 0;
    this.cells.hasTexts = false;
  }

  /** Scans `buf` up to `limit`; returns how far it got (the rest waits for more bytes). */
  private scan(buf: Buffer, limit: number): number {
    let i = 0;
    for (;;) {
      // In a sheet's rows one tag follows another: the next `<` is most often the next byte.
      const lt = buf[i] === LT ? i : buf.indexOf(LT, i);
      if (lt < 0 || lt + 1 >= limit) return lt < 0 ? limit : lt;
      const b1 = buf[lt + 1];
      if (this.inSheetData) {
        // Fast paths: <v>…</v>, </c>, <c …>, </row>.
        if (b1 === 0x76 /* v */ && buf[lt + 2] === GT && this.cell >= 0) {
          // A value is short: looked for byte by byte, not by a call.
          let close = lt + 3;
          while (close < limit && close < lt + 40 && buf[close] !== LT) close++;
          if (close >= limit || buf[close] !== LT) close = buf.indexOf(LT, lt + 3);
          if (close < 0) return lt;
          if (buf[close + 1] !== SLASH) {
            const t = readText(buf, lt + 3, limit);
            if (!t) return lt;
            this.setValueText(t.text);
            i = t.close;
            continue;
          }
          this.setValueBytes(buf, lt + 3, close);
          // "</v>" passed over here: the general reader would make a tag of it.
          i = buf[close + 2] === 0x76 && buf[close + 3] === GT ? close + 4 : close;
          continue;
        }
        if (b1 === SLASH && buf[lt + 2] === 0x63 /* c */ && buf[lt + 3] === GT) {
          this.endCell();
          i = lt + 4;
          continue;
        }
        if (b1 === 0x63 /* c */ && buf[lt + 2] === 0x20) {
          const end = this.fastCell(buf, lt + 3, limit);
          if (end === -1) return lt;
          if (end > 0) {
            i = end;
            continue;
          }
        }
        if (b1 === 0x72 /* r */ && buf[lt + 2] === 0x6f && buf[lt + 3] === 0x77) {
          const end = this.fastRow(buf, lt + 4, limit);
          if (end === -1) return lt;
          if (end > 0) {
            i = end;
            continue;
          }
        }
        if (
          b1 === SLASH &&
          buf[lt + 2] === 0x72 &&
          buf[lt + 3] === 0x6f &&
          buf[lt + 4] === 0x77 &&
          buf[lt + 5] === GT
        ) {
          this.endCell();
          this.flushRow();
          i = lt + 6;
          continue;
        }
      }
      const tag = readTag(buf, lt, limit);
      if (!tag) return lt;
      i = tag.end;
      if (this.inSheetData && this.cell >= 0 && !tag.closing && !tag.selfClosing) {
        const name = tag.name;
        if (
          name === 'v' ||
          name === 'f' ||
          (name === 't' && this.inline && this.inPhonetic === 0)
        ) {
          const t = readText(buf, tag.end, limit);
          if (!t) return lt;
          if (name === 'v') this.setValueText(t.text);
          else if (name === 'f') {
            this.cells.formula[this.cell] = t.text;
            this.cells.hasTexts = true;
            this.formulaAttrs(buf, tag);
          } else this.inline?.push(t.text);
          i = t.close;
          continue;
        }
      }
      this.onTag(buf, tag);
    }
  }

  private onTag(buf: Buffer, tag: Tag): void {
    const { name } = tag;
    if (name === 'sheetData') {
      if (tag.closing) {
        this.endCell();
        this.flushRow();
      }
      this.inSheetData = !tag.closing && !tag.selfClosing;
      return;
    }
    if (!this.inSheetData) return;
    switch (name) {
      case 'row':
        if (tag.closing) {
          this.endCell();
          this.flushRow();
          return;
        }
        this.endCell();
        this.flushRow();
        {
          const r = attr(buf, tag, 'r');
          const n = r !== null ? Number(r) : NaN;
          this.row = Number.isInteger(n) && n > 0 ? n - 1 : this.row + 1;
          this.col = -1;
        }
        return;
      case 'c':
        if (tag.closing) {
          this.endCell();
          return;
        }
        this.endCell();
        this.startCell(buf, tag);
        if (tag.selfClosing) this.endCell();
        return;
      case 'v':
        if (tag.selfClosing && this.cell >= 0 && this.cells.text[this.cell] === null)
          this.cells.text[this.cell] = '';
        this.cells.hasTexts = true;
        return;
      case 'f':
        if (tag.selfClosing && this.cell >= 0) {
          this.cells.formula[this.cell] ??= '';
          this.cells.hasTexts = true;
          this.formulaAttrs(buf, tag);
        }
        return;
      case 'is':
        if (this.cell < 0) return;
        if (tag.closing) this.endInline();
        else if (tag.selfClosing) {
          this.cells.text[this.cell] = '';
          this.cells.hasTexts = true;
        } else this.inline = [];
        return;
      case 'rPh':
        if (!tag.selfClosing) this.inPhonetic += tag.closing ? -1 : 1;
        return;
      default:
        return;
    }
  }

  /**
   * Reads the attributes of `<c …>` from `at` (after "<c ") in place, for the usual shape:
   * `r`, `s` and `t` in double quotes, plain ASCII values. Returns the index after `>`, -1 when
   * the buffer ends first, 0 when the tag has another shape (the general reader takes it).
   */
  private fastCell(buf: Buffer, at: number, limit: number): number {
    let i = at;
    let col = -1;
    let row = -1;
    let style = 0;
    let type = T_N;
    for (;;) {
      if (i + 4 >= limit) return -1;
      let c = buf[i] as number;
      if (c === 0x20) {
        i++;
        continue;
      }
      if (c === GT) {
        this.startFastCell(col, row, style, type);
        return i + 1;
      }
      if (c === SLASH) {
        if (buf[i + 1] !== GT) return 0;
        this.startFastCell(col, row, style, type);
        this.endCell();
        return i + 2;
      }
      const name = c;
      if (buf[i + 1] !== 0x3d || buf[i + 2] !== QUOTE) return 0;
      i += 3;
      const start = i;
      if (name === 0x72 /* r */) {
        let cc = 0;
        for (; i < limit; i++) {
          c = buf[i] as number;
          if (c >= 0x41 && c <= 0x5a) cc = cc * 26 + (c - 0x40);
          else break;
        }
        let rr = 0;
        for (; i < limit; i++) {
          c = buf[i] as number;
          if (c >= 0x30 && c <= 0x39) rr = rr * 10 + (c - 0x30);
          else break;
        }
        if (c !== QUOTE || cc === 0 || rr === 0) return i >= limit ? -1 : 0;
        col = cc - 1;
        row = rr - 1;
      } else if (name === 0x73 /* s */) {
        let v = 0;
        for (; i < limit; i++) {
          c = buf[i] as number;
          if (c >= 0x30 && c <= 0x39) v = v * 10 + (c - 0x30);
          else break;
        }
        if (c !== QUOTE || i === start) return i >= limit ? -1 : 0;
        style = v;
      } else if (name === 0x74 /* t */) {
        while (i < limit && buf[i] !== QUOTE) i++;
        if (i >= limit) return -1;
        const code = i === start + 1 ? ONE_LETTER_TYPE[buf[start] as number] : undefined;
        if (code !== undefined) type = code;
        else {
          const named = TYPE_CODE.get(buf.toString('latin1', start, i));
          if (named === undefined) return 0;
          type = named;
        }
      } else return 0;
      if (buf[i] !== QUOTE) return 0;
      i++;
    }
  }

  /**
   * Reads `<row …>` from `at` (after "<row") in place: its `r` attribute when written plainly,
   * the other attributes skipped (quotes respected). Returns the index after `>`, -1 when the
   * buffer ends first, 0 when the tag has another shape (the general reader takes it).
   */
  private fastRow(buf: Buffer, at: number, limit: number): number {
    let c = buf[at];
    if (c !== 0x20 && c !== GT && c !== SLASH) return 0; // <rowBreaks…>, not a row
    let i = at;
    let r = -1;
    let quote = 0;
    for (; i < limit; i++) {
      c = buf[i];
      if (quote) {
        if (c === quote) quote = 0;
        continue;
      }
      if (c === QUOTE || c === APOS) {
        quote = c;
        continue;
      }
      if (c === GT) break;
      // ` r="123"`: the row's number.
      if (c === 0x72 && buf[i - 1] === 0x20 && buf[i + 1] === 0x3d && buf[i + 2] === QUOTE) {
        let n = 0;
        let k = i + 3;
        for (; k < limit; k++) {
          const d = buf[k] as number;
          if (d >= 0x30 && d <= 0x39) n = n * 10 + (d - 0x30);
          else break;
        }
        if (k >= limit) return -1;
        if (buf[k] !== QUOTE || k === i + 3) return 0;
        r = n;
        i = k;
      }
    }
    if (i >= limit) return -1;
    // No plain ` r="…"` (written otherwise, or not at all): the general reader decides.
    if (r < 0) return 0;
    this.endCell();
    this.flushRow();
    this.row = r > 0 ? r - 1 : this.row + 1;
    this.col = -1;
    if (buf[i - 1] === SLASH) this.flushRow();
    return i + 1;
  }

  /** Keeps the sharing attributes of the current cell's `<f>`. */
  private formulaAttrs(buf: Buffer, tag: Tag): void {
    const out: { t: string | null; si: string | null; ref: string | null } = {
      t: null,
      si: null,
      ref: null,
    };
    eachAttr(buf, tag, (n, v) => {
      if (n === 't' || n === 'si' || n === 'ref') out[n] ??= v;
    });
    this.cells.formulaAttrs[this.cell] = out;
    this.cells.hasTexts = true;
  }

  private startFastCell(col: number, row: number, style: number, type: number): void {
    this.endCell();
    if (this.row < 0) this.row = 0;
    if (row >= 0 && row !== this.row) {
      this.flushRow();
      this.row = row;
    }
    this.col = col >= 0 ? col : this.col + 1;
    this.cell = this.cells.add(this.col, type, style);
  }

  private startCell(buf: Buffer, tag: Tag): void {
    const a = cellAttrs(buf, tag);
    if (this.row < 0) this.row = 0;
    let col = this.col + 1;
    if (a.r !== null) {
      const ref = parseCellRef(a.r);
      if (ref.col !== null) col = ref.col;
      if (ref.row !== null && ref.row !== this.row) {
        // A cell of another row than its <row> says: the cell's own reference wins.
        this.flushRow();
        this.row = ref.row;
      }
    }
    this.col = col;
    const s = a.s !== null ? Number(a.s) : 0;
    const type = a.t === null ? T_N : (TYPE_CODE.get(a.t) ?? T_N);
    this.cell = this.cells.add(col, type, Number.isInteger(s) && s >= 0 ? s : 0);
  }

  /** The value of `<v>` as bytes: numbers (and shared-string indexes) read in place. */
  private setValueBytes(buf: Buffer, start: number, end: number): void {
    const k = this.cell;
    const type = this.cells.type[k];
    if (type === T_N || type === T_S || type === 4 /* b */) {
      const n = parseNumber(buf, start, end);
      if (!Number.isNaN(n)) {
        this.cells.num[k] = n;
        return;
      }
    }
    this.cells.text[k] = decodeCellText(buf.toString('utf8', start, end));
    this.cells.hasTexts = true;
  }

  private setValueText(text: string): void {
    const k = this.cell;
    const type = this.cells.type[k];
    if (type === T_N || type === T_S || type === 4) {
      const n = text.trim() === '' ? NaN : Number(text);
      if (!Number.isNaN(n)) {
        this.cells.num[k] = n;
        return;
      }
    }
    this.cells.text[k] = unescapeXstring(text);
    this.cells.hasTexts = true;
  }

  private endInline(): void {
    if (this.cell >= 0 && this.inline) {
      this.cells.text[this.cell] = unescapeXstring(this.inline.join(''));
      this.cells.hasTexts = true;
      this.cells.type[this.cell] = T_INLINE;
    }
    this.inline = null;
  }

  private endCell(): void {
    if (this.cell < 0) return;
    if (this.inline) this.endInline();
    this.cell = -1;
  }
}

/**
 * Reads the shared-string table: each `<si>`'s text, its runs (`<r><t>`) joined, its phonetic
 * runs (`<rPh>`) left out. Chunks may end anywhere, as for {@link SheetScanner}.
 */
export class SharedStringsScanner {
  readonly strings: string[] = [];
  private carry: Buffer | null = null;
  private inItem = false;
  private inPhonetic = 0;
  private inText = false;
  private parts: string[] = [];
  private item: string[] = [];

  push(chunk: Buffer): void {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    const used = this.scan(buf, false);
    if (used < buf.length) this.carry = Buffer.from(buf.subarray(used));
  }

  end(): string[] {
    if (this.carry) this.scan(this.carry, true);
    this.carry = null;
    return this.strings;
  }

  private scan(buf: Buffer, final: boolean): number {
    const limit = buf.length;
    let i = 0;
    while (i < limit) {
      const lt = buf.indexOf(LT, i);
      if (lt < 0) {
        if (this.inText && !final) return i;
        if (this.inText) this.parts.push(buf.toString('utf8', i, limit));
        return limit;
      }
      if (this.inText && lt > i) this.parts.push(buf.toString('utf8', i, lt));
      // Fast path: a plain item, `<si><t>text</t></si>` (most items of most writers).
      if (
        !this.inItem &&
        !this.inText &&
        buf[lt + 1] === 0x73 /* s */ &&
        buf[lt + 2] === 0x69 /* i */ &&
        buf[lt + 3] === GT &&
        buf[lt + 4] === LT &&
        buf[lt + 5] === 0x74 /* t */ &&
        buf[lt + 6] === GT
      ) {
        const close = buf.indexOf(LT, lt + 7);
        if (close >= 0 && close + 9 <= limit && startsWith(buf, '</t></si>', close)) {
          const text = buf.toString('utf8', lt + 7, close);
          this.strings.push(decodeCellText(text));
          i = close + 9;
          continue;
        }
        if ((close < 0 || close + 9 > limit) && !final) return lt;
      }
      const tag = readTag(buf, lt, limit);
      if (!tag) return lt;
      i = tag.end;
      const { name } = tag;
      if (name === '![CDATA[') {
        if (this.inText) this.parts.push(buf.toString('utf8', tag.attrStart, tag.attrEnd));
      } else if (name === 'si') {
        if (tag.closing || tag.selfClosing) {
          if (tag.selfClosing) this.item = [];
          this.strings.push(unescapeXstring(this.item.join('')));
          this.item = [];
          this.inItem = false;
        } else {
          this.inItem = true;
          this.item = [];
        }
      } else if (name === 'rPh') {
        if (!tag.selfClosing) this.inPhonetic += tag.closing ? -1 : 1;
      } else if (name === 't' && this.inItem && this.inPhonetic === 0) {
        if (tag.closing) {
          this.item.push(decodeEntities(this.parts.join('')));
          this.parts = [];
          this.inText = false;
        } else if (!tag.selfClosing) {
          this.inText = true;
          this.parts = [];
        }
      }
    }
    return i;
  }
}
