/**
 * A household list's district and commune columns found by what they hold, not by their headings:
 * a column whose cells name the registry's units is the district column, and one whose cells name
 * the unit's (or the row's district's) communes is the commune column, whatever its heading says
 * ("Địa bàn", "Đơn vị", none at all). Structure decides, spelling is a hint: the heading words
 * (`householdList.columns`) find the columns first; this reads the columns they left.
 */
import type { Registry, SubunitSpec, UnitSpec } from './catalogue.js';
import type { SheetGrid } from './grid.js';
import type { ListLayout } from './household-list.js';
import { unitNamedBy, unitTitlePatterns } from './identify.js';
import { cellText } from './recognize.js';
import { startsWithPhrase } from './headings.js';
import { matchInRegistry } from './other-unit-rows.js';
import { matchSubunit, subunitsInForce } from './subunits.js';
import { foldWords, memoText, withoutLeadingNumber } from './text.js';

/** The household rows read to decide (a place column names places from its first rows). */
const ROWS_READ = 1000;

/** A district or a commune column. */
export type PlaceKind = 'district' | 'commune';

/** What the columns of a list sheet say about one kind of place. */
export type PlaceColumnByContent =
  | { kind: 'none' }
  /** One column (or several that agree row by row) names the places: the first. */
  | { kind: 'found'; col: number }
  /** Two columns name places and disagree on a row: no guess. */
  | { kind: 'two'; cols: [number, number]; row: number };

/** What a list sheet's columns are read to be. */
export interface PlacesByContent {
  layout: ListLayout;
  district: PlaceColumnByContent;
  commune: PlaceColumnByContent;
}

const NONE = { kind: 'none' } as const;

/**
 * The district and commune columns of a list sheet that no heading named. A column counts when
 * every text in it, on the household rows read, names a place of its kind and its first
 * household's cell is filled (a place written once over its households is filled down by the
 * reader): for the district, a unit of the registry (a province-wide list, whatever its title or
 * file name say, as with a headed district column); for the commune, a commune of the unit, or of the row's district (a
 * village's kind word, "Bản Pá Hu", is a village, not the commune), looked for only when the
 * sheet's tab or title names no commune (`titled`). A column of figures, flags or an id the
 * headings read is not looked at, except the village's ("Địa bàn" is read as the village's
 * "bản"). The layout returned has the columns found.
 */
export function placeColumnsByContent(
  grid: SheetGrid,
  layout: ListLayout,
  ctx: {
    unit: UnitSpec | null;
    registry: Registry;
    period: string | null;
    villageKinds: string[];
    titled: boolean;
  },
): PlacesByContent {
  const key = layout.columns.household_code;
  let out: PlacesByContent = { layout, district: NONE, commune: NONE };
  const seekDistrict = layout.columns.district === undefined;
  const seekCommune = layout.columns.commune === undefined && !ctx.titled;
  if (key === undefined || !(seekDistrict || seekCommune)) return out;
  const rows = householdRows(grid, layout, key);
  const withColumn = (id: PlaceKind, col: number): ListLayout => {
    const columns = { ...out.layout.columns, [id]: col };
    if (columns.village === col) delete columns.village;
    return { ...out.layout, columns };
  };
  const unitOf = memoText((t: string): UnitSpec | null => {
    const u = unitNamedBy(t, ctx.registry);
    return u === 'ambiguous' ? null : u;
  });
  if (seekDistrict) {
    const district = columnNaming(grid, out.layout, rows, unitOf);
    out = {
      ...out,
      district,
      layout: district.kind === 'found' ? withColumn('district', district.col) : out.layout,
    };
  }
  const dc = out.layout.columns.district;
  if (!seekCommune || (dc === undefined && !ctx.unit?.subunits)) return out;
  // With a district column, a commune is one of the row's district (a row naming no district
  // tells nothing either way).
  const commune = columnNaming(grid, out.layout, rows, (t, cells) => {
    const unit = dc === undefined ? ctx.unit : unitOf(cellText(cells[dc]));
    if (unit === null) return undefined;
    return listCommuneOf(t, unit, ctx.period, ctx.villageKinds);
  });
  return {
    ...out,
    commune,
    layout: commune.kind === 'found' ? withColumn('commune', commune.col) : out.layout,
  };
}

/**
 * The commune of `unit` a list's commune cell names, or null: a village's kind word matched only
 * through another kind ("Bản Pá Hu" against Xã Pá Hu) is a village, not the commune.
 */
export function listCommuneOf(
  text: string,
  unit: UnitSpec,
  period: string | null,
  villageKinds: string[],
): SubunitSpec | null {
  if (!unit.subunits) return null;
  const m = matchSubunit(text, unit, period);
  if (m.status !== 'match') return null;
  return m.how === 'kind' && startsWithPhrase(foldWords(text), villageKinds) ? null : m.subunit;
}

/** The first household rows (0-based), those whose code cell is filled. */
function householdRows(grid: SheetGrid, layout: ListLayout, key: number): number[] {
  const rows: number[] = [];
  for (let r = layout.dataStart; r < grid.rows.length && rows.length < ROWS_READ; r++)
    if (cellText(grid.rows[r]?.[key]) !== '') rows.push(r);
  return rows;
}

/**
 * The column, among those the headings left (and the village's), whose every text on the rows
 * names a place (`place`: the place, null for none, undefined when the row cannot tell).
 */
function columnNaming(
  grid: SheetGrid,
  layout: ListLayout,
  rows: number[],
  place: (
    text: string,
    cells: readonly SheetGrid['rows'][number][number][],
  ) => object | null | undefined,
): PlaceColumnByContent {
  const taken = new Set<number>(layout.flags);
  for (const [id, c] of Object.entries(layout.columns)) if (id !== 'village') taken.add(c);
  const width = rows.reduce((w, r) => Math.max(w, grid.rows[r]?.length ?? 0), 0);
  // Per column still fitting: the place each row names (null blank or not told), and whether one
  // was named at all.
  const fits = new Map<number, { named: (object | null)[]; any: boolean }>();
  for (let c = 0; c < width; c++) if (!taken.has(c)) fits.set(c, { named: [], any: false });
  for (const r of rows) {
    if (fits.size === 0) break;
    const cells = grid.rows[r] ?? [];
    for (const [c, fit] of fits) {
      const cell = cells[c];
      const t = cellText(cell);
      if (t === '') {
        // A place written once over its households: the first one's cell is filled.
        if (fit.named.length === 0) fits.delete(c);
        else fit.named.push(null);
        continue;
      }
      const p = typeof cell?.value === 'number' || !/\p{L}/u.test(t) ? null : place(t, cells);
      if (p === null) fits.delete(c);
      else {
        fit.named.push(p ?? null);
        fit.any ||= p !== undefined;
      }
    }
  }
  const found = [...fits].filter(([, f]) => f.any);
  const first = found[0];
  if (first === undefined) return NONE;
  for (const [c, fit] of found.slice(1)) {
    let last: [object | null, object | null] = [null, null];
    for (let i = 0; i < rows.length; i++) {
      last = [first[1].named[i] ?? last[0], fit.named[i] ?? last[1]];
      if (last[0] !== last[1]) return { kind: 'two', cols: [first[0], c], row: rows[i] ?? 0 };
    }
  }
  return { kind: 'found', col: first[0] };
}

/**
 * A group label without its leading number ("II. Xã Pá Lau", "2) Thôn 1", "a - Bản Mù") and what
 * follows the name ("Xã Túc Đán (tiếp)", "Xã Túc Đán - 12 hộ", "Xã Túc Đán: 12"); the label
 * itself when it has neither.
 */
export function withoutGroupNumber(label: string): string {
  return label
    .replace(/^\s*(?:[IVX]+|[ivx]+|[a-hA-H]|\d{1,3})(?:\s*[.):\-–]\s*|\s+)(?=\S)/u, '')
    .replace(/\s*\([^()]*\)\s*$/u, '')
    .replace(/\s*[-–:,]\s*\d[\d.,]*(?:\s*\p{L}+)?\s*$/u, '');
}

/** What telling a place's name from a person's needs: the unit, the registry, the kind words. */
export interface PlaceReading {
  unit: UnitSpec | null;
  registry: Registry;
  period: string | null;
  /** Folded kind words of a sub-unit ("xa", "phuong", "thi tran"). */
  subunitKinds: string[];
}

/**
 * Whether a text written where a place goes (a commune cell, a list sheet's tab) reads as a place,
 * so that an output may repeat it: a sub-unit's kind word ("Xã", "Phường", numbered or not) and a
 * name of a word or two, or a name the registry comes close to as spelt (two of the unit's
 * communes, or one of any unit's; not only once a note in brackets is left out, which may hold a
 * person). Anything else may be a person's name and birth year, which no output may carry.
 */
export function readsAsPlace(name: string, ctx: PlaceReading): boolean {
  const w = withoutLeadingNumber(foldWords(withoutGroupNumber(name)));
  // After its kind word, a commune's name is a word or two, nothing else: more words, a number
  // (a birth year), a bracket or a dash may be a person's name and year ("Xã Pá Lau (ông … 1950)",
  // "Xã Bản Công - cán bộ phụ trách: …", "Xã Nguyễn Văn …").
  const kind = ctx.subunitKinds.find((k) => startsWithPhrase(w, [k]));
  if (kind !== undefined)
    return (
      w.split(' ').length - kind.split(' ').length <= 2 &&
      // Its numbering ("2.", "II)") is no part of it.
      !/[\d()[\]{}:;,/\\\-–—]/.test(name.replace(/^\s*(\d+|[ivxlc]+)\s*[.)]?\s+/i, ''))
    );
  const spelt = (m: ReturnType<typeof matchSubunit>): boolean =>
    m.status === 'ambiguous' || (m.status === 'match' && m.how !== 'note');
  if (ctx.unit?.subunits && spelt(matchSubunit(name, ctx.unit, ctx.period))) return true;
  return spelt(matchInRegistry(name, ctx.registry, ctx.period));
}

/**
 * How an output names a household list's sheet: its tab when the tab reads as a place
 * ({@link readsAsPlace}) or is made only of the list's own words and figures ("Danh sách hộ",
 * "DS hộ nghèo 2022", `sheetWords`); otherwise by its position, "#2" (the second tab): a tab may
 * be named after a household's head ("Nguyễn Văn An 1962", "Hộ ông Lò Văn Pầu"), which no output
 * may carry. Null for a sheet with no name (a CSV).
 */
export function shownListSheet(
  name: string | null,
  position: number,
  ctx: PlaceReading & { sheetWords: ReadonlySet<string>; villageKinds?: string[] },
): string | null {
  if (name === null) return null;
  // A village's sheet ("Bản Hồ Bốn", "Thôn 1") names a place too.
  const village =
    ctx.villageKinds !== undefined &&
    startsWithPhrase(withoutLeadingNumber(foldWords(name)), ctx.villageKinds);
  const words = foldWords(name).split(' ').filter(Boolean);
  const listWords =
    words.length > 0 &&
    words.every(
      // A word of the list's, a figure ("2022", "6t2022"), or both run together ("Sheet1", "DS2").
      (w) => ctx.sheetWords.has(w.replace(/\d+$/, '')) || /^(?=.*\d)\d*[a-z]{0,2}\d*$/.test(w),
    );
  return listWords || village || readsAsPlace(name, ctx) ? name : `#${position}`;
}

/**
 * The unit's communes a line names with their kind word ("DANH SÁCH HỘ NGHÈO XÃ PÁ LAU NĂM 2022"),
 * the unit's own name taken out first: a unit may hold a commune of its name ("xa nghia lo"
 * inside "UBND THỊ XÃ NGHĨA LỘ", Xã Trạm Tấu inside "HUYỆN TRẠM TẤU").
 */
export function communesNamedIn(
  text: string,
  unit: UnitSpec,
  period: string | null,
): SubunitSpec[] {
  const own = unitTitlePatterns(unit).sort((a, b) => b.length - a.length);
  let w = ` ${foldWords(text)} `;
  for (const p of own) w = w.split(` ${p} `).join(' \u0000 ');
  return subunitsInForce(unit, period).filter((s) => w.includes(` ${foldWords(s.name)} `));
}
