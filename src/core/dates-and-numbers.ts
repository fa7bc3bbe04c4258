/**
 * Dates and numbers as the Department writes them, in one place. Deadlines are Vietnamese
 * calendar dates (UTC+7, no daylight saving): the machine's own time zone must never move them by
 * a day. Pure: instants are passed in, never read from a clock.
 */
import type { Lang } from './lang.js';

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** Whether `s` is a real calendar date written `YYYY-MM-DD` (2022-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function utcDay(iso: string): number {
  if (!isIsoDate(iso)) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  return Date.parse(`${iso}T00:00:00Z`);
}

/**
 * Calendar days from `from` to `to` (2022-06-08 → 2022-06-15 is 7). Both are read as UTC dates:
 * deadlines are Vietnamese calendar dates, and the machine's own time zone (or a daylight-saving
 * change in it) must not move them by a day.
 */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / DAY_MS);
}

/** The calendar date `days` after `iso` (negative: before). */
export function addCalendarDays(iso: string, days: number): string {
  return new Date(utcDay(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Vietnam's calendar date of an instant: the default `--as-of`, since cron on a server in UTC
 * would otherwise be a day behind before 07:00.
 */
export function vietnamDate(now: Date): string {
  return vietnamWallClock(now).toISOString().slice(0, 10);
}

/**
 * Vietnam's wall clock at an instant, as a date whose UTC fields read it (03:00 on the 27th in
 * Vietnam is 20:00 on the 26th UTC): for a format that stores a clock without a zone, as a zip
 * dates its parts.
 */
export function vietnamWallClock(now: Date): Date {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS);
}

/**
 * The first instant of a Vietnamese calendar day: the "now" of a run replayed with `--as-of`, so
 * the same day gives the same report whenever it is run.
 */
export function vietnamMidnight(asOf: string): Date {
  return new Date(`${asOf}T00:00:00+07:00`);
}

/** `2022-06-15` → `15/06/2022`, the way Vietnamese documents write dates. */
export function dmy(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d ?? '??'}/${m ?? '??'}/${y ?? '????'}`;
}

/**
 * "Yên Bái, ngày 27 tháng 11 năm 2026" in Vietnam time. Decree 30/2020/NĐ-CP writes days below
 * 10 and the months 1 and 2 with a leading zero.
 */
export function vietnamDateline(place: string, now: Date): string {
  const [y, m, d] = vietnamDate(now).split('-').map(Number);
  const day = d ?? 1;
  const month = m ?? 1;
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month <= 2 ? `0${month}` : String(month);
  return `${place}, ngày ${dd} tháng ${mm} năm ${y ?? ''}`;
}

/** The thousands separator and the decimal mark of each language: 1.234,5 and 1,234.5. */
const MARKS: Record<Lang, { group: string; decimal: string }> = {
  vi: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/**
 * `n` with `digits` decimals (trailing zeros dropped when `trim`), its thousands grouped, in
 * `lang`'s marks: what `Intl.NumberFormat` writes (test/unit/dates-and-numbers.test.ts checks it
 * number by number), without its set-up — ICU's locale data cost 20 ms or more on the first
 * formatter, more than formatting every figure of a report. As ICU does, the number is rounded
 * half away from zero from its shortest decimal text (2072.19535 → 2072.1954), not from the
 * binary value `toFixed` rounds. Null past 15 digits or for infinity: left to ICU.
 */
function decimalText(n: number, digits: number, trim: boolean, lang: Lang): string | null {
  const abs = Math.abs(n);
  if (!Number.isFinite(n) || abs >= 1e15) return null;
  // Below 1e-6 the shortest text is in exponent form; at 4 decimals or fewer it rounds to 0.
  const text = abs < 1e-6 ? '0' : String(abs);
  const [whole = '0', fraction = ''] = text.split('.');
  let kept = whole + fraction.slice(0, digits).padEnd(digits, '0');
  if ((fraction.charCodeAt(digits) || 48) >= 53) kept = incremented(kept);
  const int = kept.slice(0, kept.length - digits) || '0';
  const frac = kept.slice(kept.length - digits);
  const shown = trim ? frac.replace(/0+$/, '') : frac;
  const marks = MARKS[lang];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, marks.group);
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  return sign + grouped + (shown ? marks.decimal + shown : '');
}

/** A string of decimal digits plus one ("199" → "200", "99" → "100"). */
function incremented(digits: string): string {
  const d = digits.split('');
  let i = d.length - 1;
  while (i >= 0 && d[i] === '9') d[i--] = '0';
  if (i < 0) return `1${d.join('')}`;
  d[i] = String(Number(d[i]) + 1);
  return d.join('');
}

/** Formats a number the way the reader of that language writes it (1.234,5 in Vietnamese). */
export function formatNumber(n: number, lang: Lang): string {
  // Past 15 digits a figure is no count a form holds (a slip, 1E+308 typed in a cell): its digits
  // are not exact, and rounding it to 4 decimals overflows. It is written as a power of ten.
  if (Number.isFinite(n) && Math.abs(n) >= 1e15) return powerOfTen(n, lang);
  const rounded = Math.round(n * 10000) / 10000;
  return decimalText(rounded, 4, true, lang) ?? numberFormat(lang).format(rounded);
}

/** `n` (finite, 1e15 or more from 0) as "1,5 × 10^17": its first digits and its power of ten. */
function powerOfTen(n: number, lang: Lang): string {
  const [mantissa = '0', exponent = '0'] = Math.abs(n).toExponential(3).split('e');
  const sign = n < 0 ? '-' : '';
  return `${sign}${formatNumber(Number(mantissa), lang)} × 10^${Number(exponent)}`;
}

/** `n` with exactly `digits` decimals, in `lang`'s marks ("16,00" in Vietnamese). */
export function formatFixed(n: number, digits: number, lang: Lang): string {
  return (
    decimalText(n, digits, false, lang) ??
    n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
  );
}

/**
 * The formatter of a language, made once, for the numbers {@link decimalText} leaves to it
 * (infinite, or of 15 digits and more).
 */
const numberFormats = new Map<Lang, Intl.NumberFormat>();
function numberFormat(lang: Lang): Intl.NumberFormat {
  let f = numberFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 4 });
    numberFormats.set(lang, f);
  }
  return f;
}
