/**
 * The line a long read shows on a terminal while it runs: which file, how many rows so far and at
 * what rate ("Đang đọc Lục Yên.xlsx: 412.000 dòng, 205.300 dòng/giây"). Pure: the io side
 * (io/progress.ts) decides when to show it and where.
 */
import { formatNumber } from '../core/dates-and-numbers.js';
import type { Lang } from '../core/lang.js';
import { escapeTerminal } from './escape-terminal.js';

/** Longest file name shown; a longer one keeps its end (the unit's name is there). */
const MAX_NAME = 40;

/**
 * The progress line for `rows` rows of `file` read in `seconds`. The rate is left out while
 * under a tenth of a second has passed (it would mean nothing).
 */
export function progressLine(file: string, rows: number, seconds: number, lang: Lang): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const name = escapeTerminal(base.length > MAX_NAME ? `…${base.slice(-(MAX_NAME - 1))}` : base);
  const count = formatNumber(Math.round(rows), lang);
  const rate = seconds >= 0.1 ? formatNumber(Math.round(rows / seconds), lang) : null;
  if (lang === 'vi')
    return `Đang đọc ${name}: ${count} dòng${rate !== null ? `, ${rate} dòng/giây` : ''}`;
  return `Reading ${name}: ${count} rows${rate !== null ? `, ${rate} rows/s` : ''}`;
}
