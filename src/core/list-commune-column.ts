/**
 * A household list's commune column found by what it holds, not by its heading: a column whose
 * cells name the unit's communes is the commune column whatever its heading says ("Địa bàn",
 * "Đơn vị", none at all). Structure decides, spelling is a hint: the heading words
 * (`householdList.columns.commune`) find the column first; this reads the columns they left.
 */
import type { SubunitSpec, UnitSpec } from './catalogue.js';
import type { SheetGrid } from './grid.js';
import type { ListLayout } from './household-list.js';
import { cellText } from './recognize.js';
import { startsWithPhrase } from './headings.js';
import { matchSubunit } from './subunits.js';
import { foldWords } from './text.js';

/** The household rows read to decide (a commune column names communes from its first rows). */
const ROWS_READ = 1000;

/** What the columns of a list sheet without a commune heading say about its communes. */
export type CommuneColumnByContent =
  | { kind: 'none' }
  /** One column (or several that agree row by row) names the unit's communes: the first. */
  | { kind: 'found'; col: number; households: number }
  /** Two columns name communes and disagree on a row: no guess. */
  | { kind: 'two'; cols: [number, number]; row: number };

/**
 * The column of a list sheet that names the unit's communes, when no heading named one. A column
 * counts when every text in it, on the household rows read, is one of the unit's communes (a
 * village's kind word, "Bản Pá Hu", is a village, not the commune) and its first household's
 * cell is filled (a commune written once over its households is filled down by the reader). A
 * column of figures, flags or an id the headings read is not looked at, except the village's.
 */
export function communeColumnByContent(
  grid: SheetGrid,
  layout: ListLayout,
  unit: UnitSpec | null,
  period: string | null,
  villageKinds: string[],
): CommuneColumnByContent {
  const none = { kind: 'none' } as const;
  if (!unit?.subunits || layout.columns.commune !== undefined) return none;
  if (layout.columns.district !== undefined) return none;
  const key = layout.columns.household_code;
  if (key === undefined) return none;
  // A heading read loosely as the village's ("Địa bàn": "bàn", a village's kind word) may be
  // the commune column: its cells say.
  const taken = new Set<number>(layout.flags);
  for (const [id, c] of Object.entries(layout.columns)) if (id !== 'village') taken.add(c);
  const communeOf = new Map<string, SubunitSpec | null>();
  const commune = (text: string): SubunitSpec | null => {
    let s = communeOf.get(text);
    if (s === undefined) {
      const m = matchSubunit(text, unit, period);
      const village = startsWithPhrase(foldWords(text), villageKinds);
      s = m.status === 'match' && !(village && m.how === 'kind') ? m.subunit : null;
      communeOf.set(text, s);
    }
    return s;
  };
  // Per candidate column: still fitting, and the commune each household row names (null blank).
  const width = grid.rows.reduce((w, r) => Math.max(w, r?.length ?? 0), 0);
  const fits = new Map<number, (SubunitSpec | null)[]>();
  for (let c = 0; c < width; c++) if (!taken.has(c)) fits.set(c, []);
  const rows: number[] = [];
  const end = grid.rows.length;
  for (let r = layout.dataStart; r < end && rows.length < ROWS_READ && fits.size > 0; r++) {
    const cells = grid.rows[r] ?? [];
    if (cellText(cells[key]) === '') continue;
    rows.push(r);
    for (const [c, named] of fits) {
      const cell = cells[c];
      const t = cellText(cell);
      if (t === '') {
        // A commune written once over its households: the first one's cell is filled.
        if (named.length === 0) fits.delete(c);
        else named.push(null);
        continue;
      }
      const s = typeof cell?.value === 'number' ? null : commune(t);
      if (s === null) fits.delete(c);
      else named.push(s);
    }
  }
  const found = [...fits];
  const first = found[0];
  if (first === undefined) return none;
  for (const [c, named] of found.slice(1)) {
    let last: [SubunitSpec | null, SubunitSpec | null] = [null, null];
    for (let i = 0; i < rows.length; i++) {
      last = [first[1][i] ?? last[0], named[i] ?? last[1]];
      if (last[0] !== last[1]) return { kind: 'two', cols: [first[0], c], row: rows[i] ?? 0 };
    }
  }
  return { kind: 'found', col: first[0], households: rows.length };
}
