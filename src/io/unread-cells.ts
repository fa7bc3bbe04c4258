/**
 * What the streaming readers of a large list share for the columns their consumer does not read
 * (see `LargeSource.stream` in read-file.ts): the columns as a mask, whether a field's bytes hold
 * something without decoding them, and a row already read whole put in the same shape.
 */
import { isFilledCell, UNREAD_CELL, type SheetCell } from '../core/grid.js';
import { isCodeOnly } from '../core/household.js';

/** The columns read, as a mask by column (1 read; any column past its end is not read). */
export function columnMask(columns: readonly number[]): Uint8Array {
  const mask = new Uint8Array(columns.reduce((m, c) => Math.max(m, c + 1), 0));
  for (const c of columns) if (c >= 0) mask[c] = 1;
  return mask;
}

/**
 * Whether a row is handed over whole, every filled cell read, because its `key` cell (a list's
 * household code; -1: none) is empty or holds more than a code ({@link isCodeOnly}): such a row
 * is rare and may be no household at all — a total, a signature line, a note, a commune over its
 * households with their count where the codes go ("356 hộ | Xã Bản Công") — told by words in
 * any column.
 */
export function readsWhole(key: number, keyCell: SheetCell | undefined): boolean {
  if (key < 0) return false;
  if (!isFilledCell(keyCell)) return true;
  const v = keyCell?.value;
  return typeof v === 'string' && !isCodeOnly(v);
}

/**
 * Whether the text in `buf[s, e)` holds something, told from its bytes while they are ASCII:
 * true at the first letter, digit or sign, false when it is only spaces; null when a byte beyond
 * ASCII (or, with `entities`, an `&` that may stand for a space) comes first: decode to tell.
 */
export function filledFromBytes(
  buf: Buffer,
  s: number,
  e: number,
  entities: boolean,
): boolean | null {
  for (let k = s; k < e; k++) {
    const c = buf[k] as number;
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    if (c > 0x20 && c < 0x7f && !(entities && c === 0x26)) return true;
    return null;
  }
  return false;
}

/**
 * A row read whole, as a streaming reader hands it over when only `mask`'s columns are read:
 * another column's cell UNREAD_CELL when filled, nothing when not, unless it is the row's one
 * filled cell (kept whole: it may be a label) or the row's `key` cell is empty (see
 * {@link readsWhole}).
 */
export function unreadOthers(
  row: (SheetCell | undefined)[],
  mask: Uint8Array | null,
  key = -1,
): (SheetCell | undefined)[] {
  if (mask === null || readsWhole(key, row[key])) return row;
  const out = row.slice();
  let count = 0;
  let unread = -1;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    const filled = isFilledCell(cell);
    if (filled) count++;
    if (mask[c] === 1) continue;
    out[c] = filled ? UNREAD_CELL : undefined;
    if (filled) unread = c;
  }
  if (count === 1 && unread >= 0) out[unread] = row[unread];
  let n = out.length;
  while (n > 0 && out[n - 1] === undefined) n--;
  out.length = n;
  return out;
}
