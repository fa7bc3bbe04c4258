/**
 * What a streaming reader asked for some columns only hands over for a row read whole: a cell of
 * another column as UNREAD_CELL when filled, as nothing when not, unless it is the row's one
 * filled cell (then whole). Written from the contract, not from the readers' code: a cell is
 * filled when its value's text holds a character other than a space or a zero-width space.
 */
import { UNREAD_CELL, type SheetCell } from '../../src/core/grid.js';

type Row = (SheetCell | undefined)[];

/** Whether a cell holds something, as the list reader tells. */
export const filled = (c: SheetCell | undefined): boolean =>
  c !== undefined && c.value !== null && /[^\s\u200b]/.test(String(c.value));

/** The row as handed over when only `columns` are read (trailing empty cells dropped). */
export function projected(row: Row, columns: ReadonlySet<number>): Row {
  const count = row.filter(filled).length;
  const out = row.map((c, i) => {
    if (columns.has(i)) return c;
    if (!filled(c)) return undefined;
    return count === 1 ? c : UNREAD_CELL;
  });
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out;
}
