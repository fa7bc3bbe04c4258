/**
 * Text normalisation for matching what clerks type against the catalogue: headings, unit and
 * commune names, total labels. Vietnamese arrives in NFC or NFD (Windows-1258 and some keyboards
 * decompose tone marks), with or without diacritics, in any case.
 */

/**
 * Orders two identifiers (form numbers, ISO dates) by their characters' codes, as `sort()` with no
 * comparer does. Not `localeCompare`: its first call sets up ICU's collator, about 7 ms of a run
 * that checks a district's files in a few hundred, for strings whose order is the same either way.
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `f` remembered by its argument: headings, names and labels repeat across rows, forms and files,
 * and each is worked out once. Past `limit` different texts it starts afresh, so that memory
 * stays bounded; the text last asked is answered first (rows come commune by commune).
 */
export function memoText<T>(f: (t: string) => T, limit = 50_000): (t: string) => T {
  const seen = new Map<string, T>();
  let lastText: string | undefined;
  let lastOut: T | undefined;
  return (t) => {
    if (t === lastText) return lastOut as T;
    let out = seen.get(t);
    if (out === undefined && !seen.has(t)) {
      out = f(t);
      if (seen.size >= limit) seen.clear();
      seen.set(t, out);
    }
    lastText = t;
    lastOut = out;
    return out as T;
  };
}

const cleanSlow = memoText((s) =>
  s
    .normalize('NFC')
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim(),
);

/** NFC-normalises and collapses whitespace (line breaks inside cells included). */
export function cleanText(s: string): string {
  // Plain figures and ASCII words (printable, no space) need no normalising: most cells of a
  // table are those. Told letter by letter: a million household codes are each a few letters.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return cleanSlow(s);
  }
  return s;
}

/** A vowel carrying its tone mark in the old place or the new, by its tone's combining mark. */
const TONE_OF: Record<string, string> = {
  ò: '\u0300',
  ó: '\u0301',
  ỏ: '\u0309',
  õ: '\u0303',
  ọ: '\u0323',
  ù: '\u0300',
  ú: '\u0301',
  ủ: '\u0309',
  ũ: '\u0303',
  ụ: '\u0323',
};
const TONE_FIRST = /([òóỏõọ])([ae])(?!\p{L})|([ùúủũụ])(y)(?!\p{L})/gu;

/**
 * Lower-case Vietnamese text with the tone mark of a syllable ending in "oa", "oe" or "uy" on
 * its last vowel, as the old spelling puts it ("hoà", "khoẻ", "thuỷ"): the new spelling ("hòa",
 * "khỏe", "thủy") writes the same word, and a clerk may use either in one file.
 */
export function oneTonePlace(s: string): string {
  if (!/[òóỏõọùúủũụ]/.test(s)) return s;
  return s
    .replace(TONE_FIRST, (_, o?: string, ae?: string, u?: string, y?: string) =>
      o !== undefined ? `o${ae ?? ''}${TONE_OF[o] ?? ''}` : `u${y ?? ''}${TONE_OF[u ?? ''] ?? ''}`,
    )
    .normalize('NFC');
}

/** Folds to lower-case ASCII letters: no diacritics, đ → d, whitespace collapsed. */
export const fold = memoText((s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim(),
);

/** Folds and keeps only letters and digits separated by single spaces. */
export const foldWords = memoText((s: string): string =>
  fold(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim(),
);

const ROMAN = /^(i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)$/;

/** Whether a table's row number is a section's: a Roman numeral I to XII ("II", "iv"). */
export function isSectionNumber(stt: string): boolean {
  return ROMAN.test(foldWords(stt));
}

/**
 * Folded words without a leading section number ("ii xa pa lau" → "xa pa lau"; "I", "a", "1"):
 * how a table numbers its groups, which says nothing of what the label names.
 */
export function withoutLeadingNumber(folded: string): string {
  return folded.replace(/^(?:[ivx]+|[a-h]|\d{1,3}) (?=\S)/, '');
}

/** Folds and removes everything but letters and digits ("Trạm Tấu" → "tramtau"). */
export function foldCompact(s: string): string {
  return fold(s).replace(/[^a-z0-9]+/g, '');
}

/**
 * Whether a cell's text is dashes only ("-", "–", "—"): what a clerk writes for "nothing here"
 * (a zero in a figure's cell, no number in a list's household-number cell).
 */
export function isDashOnly(s: string): boolean {
  return /^\s*[-–—]+\s*$/.test(s);
}

/** A parsed number, or why the text is not one. */
export type ParsedNumber =
  | { readonly ok: true; readonly value: number; readonly percent: boolean }
  | { readonly ok: false; readonly empty: boolean };

/** The decimal mark of a table's numbers typed as text. */
export type DecimalMark = ',' | '.';

/**
 * Which decimal mark a table's texts use. Vietnamese by default (","); English (".") only when
 * some text can only be English and none can only be Vietnamese — as in a CSV saved by an
 * English-locale Excel. What a text can only be depends on its column: in a column of counts
 * (`counts`) "1,234" groups thousands (a count is whole), so it is English; in a column of rates
 * (`rates`, 0–100) "8,680" is eight and some, never eight thousand, so its one mark is the decimal
 * mark and it is Vietnamese ("8.680" English). A column whose kind is not known yet (`either`)
 * tells only by what both kinds agree on ("18.07", "1,234,567").
 */
export function detectDecimalMark(
  counts: readonly string[],
  rates: readonly string[] = [],
  either: readonly string[] = [],
): DecimalMark {
  let en = 0;
  let vi = 0;
  const add = (mark: DecimalMark | null): void => {
    if (mark === '.') en++;
    else if (mark === ',') vi++;
  };
  for (const t of counts) add(markOf(t, 'count'));
  for (const t of rates) add(markOf(t, 'percent'));
  for (const t of either) add(markOf(t, null));
  return en > 0 && vi === 0 ? '.' : ',';
}

/** The decimal mark a text can only have in a column of its kind (null: unknown), or null. */
function markOf(raw: string, kind: 'count' | 'percent' | null): DecimalMark | null {
  const t = raw.replace(/[\s%]/g, '');
  const one = /^(\d+)([.,])(\d+)$/.exec(t);
  if (one) {
    const [, whole = '', mark = ',', frac = ''] = one;
    const decimal = mark === '.' ? '.' : ',';
    // Not a thousands group: the mark is the decimal mark, whatever the column.
    if (frac.length !== 3 || whole.length > 3) return decimal;
    // "8,680": a thousands group in a count (whole), the decimal mark in a rate (8 680 > 100).
    if (kind === 'count') return decimal === '.' ? ',' : '.';
    if (kind === 'percent') return decimal;
    return null;
  }
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return '.';
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) return ',';
  return null;
}

/**
 * The results for the small whole numbers a household list repeats in every row (members,
 * scores, flags written 1), made once and shared: a million rows made a quarter of a gigabyte of
 * them for the garbage collector. Read-only, as every result is.
 */
const WHOLE: (ParsedNumber | undefined)[] = new Array<ParsedNumber | undefined>(4096);

/** Whether parts of a number split at spaces are its thousands: 1–3 digits, then 3 each. */
function isSpaceGrouped(parts: string[]): boolean {
  const last = parts.length - 1;
  return parts.every((p, i) =>
    i === 0 ? /^\d{1,3}$/.test(p) : i === last ? /^\d{3}(?:[.,]\d*)?$/.test(p) : /^\d{3}$/.test(p),
  );
}

/**
 * Parses a number typed as text the way Vietnamese clerks write it: "." groups thousands and ","
 * is the decimal mark ("1.234" = 1234, "12,5" = 12.5, "1.234,5"); "-" (or "–") means zero; a
 * trailing "%" marks a percentage. English-style "1,234.5" is accepted when both marks appear.
 * A lone "." followed by other than three digits is read as a decimal point ("18.07"). With
 * `decimal` "." (an English-locale table, see detectDecimalMark) "1,234" is one thousand two
 * hundred and thirty-four and "8.680" is eight point six eight.
 */
export function parseNumberText(input: string, decimal: DecimalMark = ','): ParsedNumber {
  // A whole number as text ("1234"), the commonest case in a CSV: read digit by digit (15
  // digits are exact in a double).
  if (input.length > 0 && input.length <= 15) {
    let value = 0;
    let i = 0;
    for (; i < input.length; i++) {
      const d = input.charCodeAt(i) - 0x30;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
    }
    if (i === input.length)
      return value < WHOLE.length
        ? (WHOLE[value] ??= Object.freeze({ ok: true, value, percent: false }))
        : { ok: true, value, percent: false };
  }
  let s = cleanText(input);
  if (s === '') return { ok: false, empty: true };
  if (isDashOnly(s)) return { ok: true, value: 0, percent: false };
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (/^[-−]/.test(s)) {
    negative = true;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  }
  // Spaces (or apostrophes) between digits group thousands ("3 122", "1 234,5"): groups of three
  // after the first. Any other split ("113 12", two lines of a cell run together) is two figures,
  // never one.
  const spaced = s.split(/[\s\u00a0\u202f']+/);
  if (spaced.length > 1 && !isSpaceGrouped(spaced)) return { ok: false, empty: false };
  s = spaced.join('');
  if (!/^[0-9.,]+$/.test(s) || !/\d/.test(s)) return { ok: false, empty: false };
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let normalised: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const [intPart, frac, ...rest] = s.split(decimal);
    if (rest.length > 0 || intPart === undefined) return { ok: false, empty: false };
    if (!isGrouped(intPart, group)) return { ok: false, empty: false };
    normalised = intPart.split(group).join('') + '.' + (frac ?? '');
  } else if (lastDot >= 0) {
    const dots = (s.match(/\./g) ?? []).length;
    if (decimal === '.' && dots === 1) normalised = s;
    else if (isGrouped(s, '.') && s.includes('.')) normalised = s.split('.').join('');
    else if (dots === 1) normalised = s;
    else return { ok: false, empty: false };
  } else if (lastComma >= 0) {
    const commas = (s.match(/,/g) ?? []).length;
    if (decimal === '.' && isGrouped(s, ',')) normalised = s.split(',').join('');
    else if (commas === 1) normalised = s.replace(',', '.');
    else if (isGrouped(s, ',')) normalised = s.split(',').join('');
    else return { ok: false, empty: false };
  } else {
    normalised = s;
  }
  if (normalised.endsWith('.')) normalised = normalised.slice(0, -1);
  const value = Number(normalised);
  if (!Number.isFinite(value)) return { ok: false, empty: false };
  return { ok: true, value: negative ? -value : value, percent };
}

function isGrouped(s: string, sep: string): boolean {
  if (!s.includes(sep)) return /^\d+$/.test(s);
  const parts = s.split(sep);
  const [first, ...rest] = parts;
  return first !== undefined && /^\d{1,3}$/.test(first) && rest.every((p) => /^\d{3}$/.test(p));
}
