/**
 * What each row of a form's table is — the total, a group of sub-units, a sub-unit (commune), a
 * village under a commune, a breakdown ("Trong đó") — decided by arithmetic, with labels as
 * hints. The total row is the row whose figures equal the sum of the rows under it, whatever it
 * is called and wherever it is; a row whose figures equal the sum of the rows right below it (or
 * right above it) is their subtotal, so its rows are never counted twice. Every reading of the
 * rows that adds up is found; when two of them fit and would give different figures, the table
 * is ambiguous and nothing is guessed.
 *
 * A reading is a tree: the total is the root, every other row hangs under the nearest open
 * subtotal above it (header style: "Xã A" then its villages) or below it (footer style: villages
 * then "Cộng xã A"), and each parent equals the sum of its children, column by column.
 */

/** What a row is. */
export type RowRole =
  /** The unit's total. */
  | 'total'
  /** A group of sub-units ("I. Khu vực thành thị"), equal to the sum of its rows. */
  | 'group'
  /** A sub-unit (commune, ward, town; after 2025 a village). */
  | 'subunit'
  /** A row under a sub-unit (a village under its commune). */
  | 'child'
  /** A breakdown of a figure ("Trong đó: Thành thị"): checked within itself, never summed. */
  | 'breakdown'
  /** A second total row. */
  | 'other-total';

/** What a row's label suggests (a hint only: the sums decide). */
export type LabelHint = 'total' | 'group' | 'breakdown' | 'subunit' | 'child' | 'none';

/** One row as the analysis sees it. */
export interface StructureRow {
  /** The row's figures in the columns compared (counts); null when unreadable. */
  values: (number | null)[];
  hint: LabelHint;
  /** The label names a sub-unit of the registry. */
  known: boolean;
  /**
   * The label names it with its kind word ("Xã Hát Lừu", "Thị trấn Trạm Tấu"), not only by a name
   * the unit's own may share ("Trạm Tấu"): such a row is that sub-unit, never the total.
   */
  named?: boolean;
  /** Its figure cells are SUM formulas (an unlabelled total written in Excel). */
  sumFormulas: boolean;
  /** The row sits under a "Trong đó:" line, before the next sub-unit. */
  inBreakdown: boolean;
  /** The label folded, when there is one: a row is no subtotal of a row written the same. */
  key?: string;
  /** The row has a number of its own in the STT column ("1", "II", "a"). */
  numbered?: boolean;
  /** Its number in the STT column is a section's ("I", "II"): a group of the rows under it. */
  section?: boolean;
  /**
   * Its number is the next of the numbered row above it ("3" after "2"): the next item of the
   * list the rows number, not their total.
   */
  follows?: boolean;
  /** The label starts with a list item's mark ("- Hộ DTTS", "+ Hộ có người có công"). */
  listItem?: boolean;
  /** The label names another year than the report's ("Cùng kỳ năm 2021"). */
  otherTime?: boolean;
  /**
   * The label names the report's own year ("Năm 2022"): its figures may be the period's own, so
   * it is never set aside for being over the total (see {@link overTotal}).
   */
  thisYear?: boolean;
}

/** One reading of the rows. */
export interface RowReading {
  /** Index of the total row. */
  total: number;
  roles: RowRole[];
  /** Index of each row's parent row (a village's commune, a commune's group); null at the top. */
  parent: (number | null)[];
  /** Whether subtotals come after their rows ("Cộng xã A" under its villages). */
  footerStyle: boolean;
  /** Each row's parent in the tree as read (a village of a village keeps its own parent here). */
  tree: (number | null)[];
  /**
   * The rows under the total, over it in some column, that this reading sets aside as other
   * figures (see {@link overTotal}); absent when it sets none aside.
   */
  overTotal?: number[];
}

/** A figure of a total or subtotal row that is not the sum of its rows. */
export interface SumMismatch {
  /** Index of the total or subtotal row. */
  row: number;
  /** Index of the column compared. */
  col: number;
  stated: number;
  sum: number;
  /** The rows it should be the sum of. */
  of: number[];
}

/** The outcome of the analysis. */
export type RowStructure =
  /** One reading fits (or several that give the same figures): the rows are read. */
  | { kind: 'read'; reading: RowReading }
  /** Readings that fit give different figures. */
  | { kind: 'ambiguous'; readings: RowReading[]; rows: number[] }
  /** No reading adds up: the nearest reading by the labels, and what does not add up in it. */
  | { kind: 'unreconciled'; reading: RowReading; mismatches: SumMismatch[] }
  /** No row is (or looks like) the total. */
  | {
      kind: 'no-total';
      reading: RowReading;
      ambiguous: boolean;
      /** A row that may as well be the subtotal of other rows (its index and theirs). */
      subtotal?: { row: number; of: number[] };
      /**
       * Rows labelled as totals or groups, each the sum of its own block of rows (the rows up to
       * it since the one before, or from it to the next), together covering every other row:
       * subtotals of blocks ("Cộng" under each group of communes) with no total of the unit.
       */
      blocks?: number[];
    };

/** Most readings collected; more than this many means the table is ambiguous anyway. */
const MAX_READINGS = 12;
/** Steps of one search over readings (a safety valve; real tables use a few hundred). */
const MAX_STEPS = 60_000;
/** Steps of all the searches of one table. */
const MAX_TABLE_STEPS = 1_500_000;
/**
 * Longest table searched for every reading (the search goes one row deeper per row). A longer
 * table is read by its labels, and accepted only when that reading adds up exactly.
 */
const MAX_SEARCH_ROWS = 3000;

type Vec = number[];

const isZero = (v: Vec): boolean => {
  for (let k = 0; k < v.length; k++) if (v[k] !== 0) return false;
  return true;
};
const sameVec = (a: Vec, b: Vec): boolean => a.length === b.length && a.every((x, k) => x === b[k]);

/** What the analysis knows of the report besides its rows. */
export interface AnalyseOptions {
  /**
   * The unit's sub-units are villages (a commune's report after 2025): a row with rows under it
   * is their subtotal (an old commune of the merger, "Cộng cụm 1"), not a village, unless it is
   * labelled as a village itself (a village over its hamlets). See {@link makeReading}.
   */
  villages?: boolean;
}

/** Finds what each row is. */
export function analyseRows(rows: StructureRow[], opts: AnalyseOptions = {}): RowStructure {
  const villages = opts.villages === true;
  const n = rows.length;
  const V: Vec[] = rows.map((r) => r.values.map((v) => v ?? 0));

  // A total is at least every other row, column by column: keep the rows that are. A row of
  // another time ("Cùng kỳ năm 2021") is no row of this time's total: it may well be over it.
  const thisTime = (i: number): boolean => rows[i]?.otherTime !== true;
  const dominates = dominance(V, thisTime);
  // A row named as one of the unit's sub-units in the registry ("Xã Hát Lừu") is that sub-unit:
  // were its figures the sum of the others, it would read as the total as well as the commune
  // whose total row is missing, and two readings are an error, never a guess.
  // So is a row numbered as the next of the rows above it, unless labelled as a total ("3 | Bản
  // Tàng" after 1 and 2): the next item of their list, not their total.
  const namedSubunit = (i: number): boolean =>
    rows[i]?.named === true || (rows[i]?.follows === true && rows[i]?.hint !== 'total');
  const candidates: number[] = [];
  for (let i = 0; i < n; i++)
    if (dominates(i) && !namedSubunit(i) && thisTime(i)) candidates.push(i);

  if (n > MAX_SEARCH_ROWS) return readByLabels(rows, V, candidates);
  // A total that only rows of other figures under it are over (see overTotal) is a candidate
  // too, with those rows read as another time's.
  const overs = overTotal(rows, V, candidates, namedSubunit);
  const budget = { steps: 0, total: 0 };
  const found: { reading: RowReading; excluded: Set<number> }[] = [];
  const seen = new Set<string>();
  const breakdown = rows.map((r, i) => i).filter((i) => isBreakdown(rows[i]));
  const grouped = rows.map((r, i) => i).filter((i) => rows[i]?.hint === 'group');
  for (const t of [...candidates, ...overs.keys()]) {
    if (found.length >= MAX_READINGS) break;
    const over = overs.get(t);
    const view = over
      ? rows.map((r, i) => (over.includes(i) ? { ...r, otherTime: true } : r))
      : rows;
    const otherTotals = rows.map((r, i) => i).filter((i) => i !== t && rows[i]?.hint === 'total');
    // Of the rows labelled as a total, those with the total's own figures are second totals;
    // the others may be subtotals of blocks ("Cộng" under each group of communes).
    const copies = otherTotals.filter((i) => sameVec(V[i] ?? [], V[t] ?? []));
    const trailing = edgeBreakdown(view, V, t, villages);
    // The rows set aside: none, the breakdowns, or the breakdowns and the groups; with each, none
    // of the other totals, all of them, or the copies of the total; then the same three with the
    // unnumbered rows at the table's edges (`edgeBreakdown`).
    const kept = [[], breakdown, [...breakdown, ...grouped]];
    const exclusions = uniqueSets([
      ...kept.flatMap((k) => [[], otherTotals, copies].map((x) => [...k, ...x])),
      ...(trailing.length > 0 ? kept.map((k) => [...k, ...trailing]) : []),
    ]).filter((b) => !b.includes(t));
    for (const ex of exclusions) {
      const excluded = new Set(ex);
      const seq = rows.map((r, i) => i).filter((i) => i !== t && !excluded.has(i));
      for (const footerStyle of [false, true]) {
        const order = footerStyle ? [...seq].reverse() : seq;
        for (const parent of parses(order, V, V[t] ?? [], budget)) {
          const reading = makeReading(rows, t, parent, excluded, footerStyle, villages);
          if (over) reading.overTotal = over;
          const key = readingKey(reading);
          if (seen.has(key)) continue;
          seen.add(key);
          found.push({ reading, excluded });
          if (found.length >= MAX_READINGS) break;
        }
      }
    }
  }

  // A group row set aside as a breakdown while it is nearly the sum of its block is a subtotal
  // with a slip: that reading would hide the slip.
  const honest = found.filter(
    (f) =>
      !hidesSubtotal(f.excluded, f.reading.total, rows, V) && !subtotalOfItsTwin(f.reading, rows),
  );
  // A reading that adds up only by counting a subtotal as well as its rows (or a "Trong đó" row
  // as well as the rows it is part of) is no reading: the total counts them twice.
  const mended = honest.map((f) => doubleCounted(f.reading, rows, V, villages));
  const single = honest.filter((_, i) => mended[i] === null);
  if (single.length > 0) return choose(single, rows, V);
  const [reading] = mended;
  if (reading) return { kind: 'unreconciled', reading, mismatches: mismatches(reading, V) };
  return fallback(rows, V, candidates, villages);
}

/**
 * The reading with its doubly counted rows put right, or null when it has none. In a reading
 * that adds up, a row counted as a sub-unit (or a village) with no rows under it is counted twice
 * when
 * - its figures are the sum of the rows right after it (or right before it) at its level, two or
 *   more with figures, in every column, and the names do not make both sub-units: it is not in
 *   the registry while some of those rows are ("Vùng I" over its communes), or it is while none
 *   of them is ("Xã Túc Đán" over "Thôn 1", "Thôn 2"). Put right, they are its rows;
 * - or its label says it is part of the others ("Trong đó: các xã ĐBKK") or a group of them
 *   ("Các xã ĐBKK"), it is not in the registry and registered sub-units are counted beside it.
 *   Put right, it is set aside.
 * The total then no longer adds up, and says by how much.
 */
function doubleCounted(
  reading: RowReading,
  rows: StructureRow[],
  V: Vec[],
  villages: boolean,
): RowReading | null {
  const kids = new Map<number, number[]>();
  const counted = (role: RowRole | undefined): boolean =>
    role === 'subunit' || role === 'child' || role === 'group';
  reading.roles.forEach((role, i) => {
    if (!counted(role) || i === reading.total) return;
    const p = reading.tree[i] ?? -1;
    const list = kids.get(p);
    if (list) list.push(i);
    else kids.set(p, [i]);
  });
  const isLeaf = (i: number): boolean =>
    !kids.has(i) && (reading.roles[i] === 'subunit' || reading.roles[i] === 'child');
  const nonzero = (i: number): number => (V[i] ?? []).filter((x) => x !== 0).length;
  const anyKnownLeaf = reading.roles.some((r, i) => isLeaf(i) && rows[i]?.known === true);
  const reparent = new Map<number, number>();
  const setAside = new Set<number>();
  for (const siblings of kids.values()) {
    siblings.forEach((l, at) => {
      const row = rows[l];
      if (!row || !isLeaf(l) || nonzero(l) < 2 || reparent.has(l)) return;
      for (const step of [1, -1]) {
        const block = sumBlock(siblings, at, step, V, isLeaf);
        if (!block || block.filter((b) => nonzero(b) > 0).length < 2) continue;
        const known = block.filter((b) => rows[b]?.known === true).length;
        // In a report of villages (none in the registry), the rows decide: a row not written as
        // a village ("Cộng cụm 1", "Xã Túc Đán (cũ)") over a block is its subtotal, and so is a
        // numbered village over unnumbered rows (its hamlets); numbered villages that happen to
        // add up to another stay villages.
        const subtotal =
          villages &&
          (row.hint !== 'subunit' ||
            (row.numbered === true && block.every((b) => rows[b]?.numbered !== true)));
        if (!subtotal && (row.known ? known > 0 : known === 0)) continue;
        if (block.some((b) => reparent.has(b) || setAside.has(b))) continue;
        for (const b of block) reparent.set(b, l);
        return;
      }
      const part = row.hint === 'breakdown' || row.hint === 'group';
      if (part && !row.known && anyKnownLeaf) setAside.add(l);
    });
  }
  if (reparent.size === 0 && setAside.size === 0) return null;
  const parentMap = new Map<number, number>();
  const excluded = new Set<number>();
  reading.roles.forEach((role, i) => {
    if (i === reading.total) return;
    if (!counted(role) || setAside.has(i)) excluded.add(i);
    else parentMap.set(i, reparent.get(i) ?? reading.tree[i] ?? -1);
  });
  return makeReading(rows, reading.total, parentMap, excluded, reading.footerStyle, villages);
}

/**
 * The siblings right after (`step` 1) or right before (−1) the one at `at`, each with no rows
 * under it, whose figures add up to its own in every column; null when none do.
 */
function sumBlock(
  siblings: number[],
  at: number,
  step: number,
  V: Vec[],
  isLeaf: (i: number) => boolean,
): number[] | null {
  const target = V[siblings[at] ?? -1] ?? [];
  const sum = new Array<number>(target.length).fill(0);
  const block: number[] = [];
  for (let j = at + step; j >= 0 && j < siblings.length; j += step) {
    const b = siblings[j] ?? -1;
    if (!isLeaf(b)) return null;
    block.push(b);
    let over = false;
    (V[b] ?? []).forEach((x, k) => {
      sum[k] = (sum[k] ?? 0) + x;
      if ((sum[k] ?? 0) > (target[k] ?? 0)) over = true;
    });
    if (over) return null;
    if (sameVec(sum, target)) return block.length >= 2 ? block : null;
  }
  return null;
}

/**
 * A row written twice ("Xã An Lạc", then "Xã An Lạc" again with the same figures) would read as a
 * commune whose only row is itself: that is a doubled row, not a subtotal.
 */
function subtotalOfItsTwin(reading: RowReading, rows: StructureRow[]): boolean {
  const kids = new Map<number, number[]>();
  reading.tree.forEach((p, i) => {
    if (p !== null) kids.set(p, [...(kids.get(p) ?? []), i]);
  });
  for (const [p, list] of kids) {
    const [only] = list;
    const key = rows[p]?.key;
    if (list.length === 1 && only !== undefined && key && rows[only]?.key === key) return true;
  }
  return false;
}

function hidesSubtotal(
  excluded: Set<number>,
  total: number,
  rows: StructureRow[],
  V: Vec[],
): boolean {
  for (const g of excluded) {
    const hint = rows[g]?.hint;
    if (rows[g]?.inBreakdown) continue;
    // A group row or a row labelled as a total ("Cộng", "Cụm 1") that is no copy of the total
    // sums its block: the rows under it (header style) or above it (footer style), to the next
    // such row. Either may be the one it closes or opens.
    if (hint !== 'group' && hint !== 'total') continue;
    if (sameVec(V[g] ?? [], V[total] ?? [])) continue;
    const near = (step: 1 | -1): 'equal' | 'near' | 'none' => {
      const sum = new Array<number>(V[g]?.length ?? 0).fill(0);
      let n = 0;
      for (let i = g + step; i >= 0 && i < rows.length; i += step) {
        const h = rows[i]?.hint;
        if (h === 'group' || h === 'total') break;
        if (isBreakdown(rows[i])) continue;
        (V[i] ?? []).forEach((x, k) => (sum[k] = (sum[k] ?? 0) + x));
        n++;
      }
      if (n === 0) return 'none';
      const v = V[g] ?? [];
      const nonzero = v.filter((x, k) => x !== 0 || sum[k] !== 0).length;
      const equal = v.filter((x, k) => (x !== 0 || sum[k] !== 0) && x === sum[k]).length;
      if (equal === nonzero) return 'equal';
      return equal * 2 >= nonzero ? 'near' : 'none';
    };
    // A group row is read over the rows under it first, a "Cộng" over the rows above it.
    const ways = hint === 'group' ? [near(1), near(-1)] : [near(-1), near(1)];
    if (ways.includes('equal')) continue;
    if (ways.includes('near')) return true;
  }
  return false;
}

/**
 * The rows under the total at the edges of a table of numbered rows that may be a breakdown of
 * it ("- Hộ DTTS", "- Hộ có người có công" under "Cộng", or under "Tổng cộng" before the first
 * commune or after the last): unnumbered while most rows are numbered, naming no sub-unit, village or total,
 * each within the total in every column. A reading that leaves them out must still add up. A
 * commune written after the total (numbered, or named as one) is never left out: the total that
 * leaves it out stays wrong. In a report of villages, where a village is often written without a
 * kind word and none is in the registry, only a row labelled as a breakdown or group is.
 */
function edgeBreakdown(rows: StructureRow[], V: Vec[], t: number, villages: boolean): number[] {
  let numbered = 0;
  let first = -1;
  let last = -1;
  for (let i = 0; i < rows.length; i++)
    if (i !== t && rows[i]?.numbered) {
      numbered++;
      if (first < 0) first = i;
      last = i;
    }
  if (first < 0 || numbered * 2 < rows.length - 1) return [];
  const total = V[t] ?? [];
  const may = (i: number): boolean => {
    const r = rows[i];
    if (!r || r.known || r.numbered) return false;
    // Another time's figures ("Cùng kỳ năm 2021"), which may well be over this time's total.
    if (r.otherTime === true) return true;
    const hints: LabelHint[] = villages ? ['breakdown', 'group'] : ['none', 'breakdown', 'group'];
    // Under a "Trong đó:" line, or marked as a list's item with no kind word ("- Hộ DTTS"): a
    // breakdown in a report of villages too (a village's row under the total is numbered).
    const item = r.inBreakdown || (r.listItem === true && r.hint === 'none');
    if (!hints.includes(r.hint) && !item) return false;
    return (V[i] ?? []).every((x, k) => x >= 0 && x <= (total[k] ?? 0));
  };
  const edge: number[] = [];
  for (let i = t + 1; i < rows.length; i++) if (i < first || i > last) edge.push(i);
  return edge.length > 0 && edge.every(may) ? edge : [];
}

/**
 * Whether row `i` is at least every row `counted` keeps (itself aside), column by column: what a
 * total must be.
 */
function dominance(V: Vec[], counted: (i: number) => boolean): (i: number) => boolean {
  const width = V[0]?.length ?? 0;
  const top1 = new Array<number>(width).fill(-Infinity);
  const top2 = new Array<number>(width).fill(-Infinity);
  for (const [i, v] of V.entries())
    if (counted(i))
      v.forEach((x, k) => {
        if (x > (top1[k] ?? 0)) {
          top2[k] = top1[k] ?? -Infinity;
          top1[k] = x;
        } else if (x > (top2[k] ?? 0)) top2[k] = x;
      });
  return (i) =>
    (V[i] ?? []).every((x, k) => x >= ((top1[k] ?? 0) === x ? (top2[k] ?? 0) : (top1[k] ?? 0)));
}

/**
 * The rows that keep a row from being a total only because they are over it in some column, by
 * total they keep out: rows after the last numbered row of a table of numbered rows, themselves
 * unnumbered, with no label word (no kind word, total, group or breakdown), naming no sub-unit
 * nor the report's year, each under the total and over it in some column. Such a row can be
 * neither one of the total's sub-units nor a breakdown of it: it gives other figures (a plan's
 * target, an opening count) whatever its label says, and is read as another time's row is
 * (`otherTime`): the sums still decide, the total must add up without it, and a reading that
 * counts it instead makes the table ambiguous. Rows already candidates are not asked.
 */
function overTotal(
  rows: StructureRow[],
  V: Vec[],
  candidates: number[],
  named: (i: number) => boolean,
): Map<number, number[]> {
  const out = new Map<number, number[]>();
  let numbered = 0;
  let last = -1;
  rows.forEach((r, i) => {
    if (r.numbered) {
      numbered++;
      last = i;
    }
  });
  if (last < 0 || numbered * 2 < rows.length - 1) return out;
  const loose: number[] = [];
  for (let i = last + 1; i < rows.length; i++) {
    const r = rows[i];
    if (r && !r.numbered && !r.known && !named(i) && r.hint === 'none' && !r.inBreakdown)
      if (r.otherTime !== true && r.thisYear !== true) loose.push(i);
  }
  if (loose.length === 0) return out;
  const kept = (i: number): boolean => rows[i]?.otherTime !== true && !loose.includes(i);
  const dominates = dominance(V, kept);
  const isCandidate = new Set(candidates);
  for (let t = 0; t < rows.length; t++) {
    if (isCandidate.has(t) || !kept(t) || named(t)) continue;
    if (!dominates(t)) continue;
    const v = V[t] ?? [];
    const over = loose.filter((s) => (V[s] ?? []).some((x, k) => x > (v[k] ?? 0)));
    if (over.length > 0 && over.every((s) => s > t)) out.set(t, over);
  }
  return out;
}

function isBreakdown(r: StructureRow | undefined): boolean {
  return r !== undefined && (r.hint === 'breakdown' || r.inBreakdown);
}

function uniqueSets(sets: number[][]): number[][] {
  const out: number[][] = [];
  const keys = new Set<string>();
  for (const s of sets) {
    const k = [...new Set(s)].sort((a, b) => a - b);
    const key = k.join(',');
    if (keys.has(key)) continue;
    keys.add(key);
    out.push(k);
  }
  return out;
}

/**
 * Every way the rows of `order` hang under the total as a tree whose parents each equal the sum
 * of their children (each row a child of the innermost open subtotal, which closes when its
 * children add up to it). Yields each row's parent (−1: the total).
 */
function* parses(
  order: number[],
  V: Vec[],
  total: Vec | null,
  budget: { steps: number; total: number },
): Generator<Map<number, number>> {
  const width = V[order[0] ?? 0]?.length ?? 0;
  const stack: { row: number; rem: Vec }[] = [
    { row: -1, rem: total ? [...total] : new Array<number>(width).fill(Infinity) },
  ];
  const parent = new Map<number, number>();
  const results: Map<number, number>[] = [];
  // What the rows from each position on add up to: the open subtotals can need no more.
  const suffix: Vec[] = new Array<Vec>(order.length + 1);
  suffix[order.length] = new Array<number>(width).fill(0);
  for (let i = order.length - 1; i >= 0; i--) {
    const v = V[order[i] ?? 0] ?? [];
    suffix[i] = (suffix[i + 1] ?? []).map((x, k) => x + (v[k] ?? 0));
  }
  budget.steps = 0;

  const dfs = (pos: number): void => {
    if (++budget.steps > MAX_STEPS || ++budget.total > MAX_TABLE_STEPS) return;
    if (results.length >= MAX_READINGS) return;
    if (pos === order.length) {
      if (stack.length === 1 && (total === null || isZero(stack[0]?.rem ?? [])))
        results.push(new Map(parent));
      return;
    }
    const rest = suffix[pos] ?? [];
    for (let k = 0; k < width; k++) {
      let need = 0;
      // Indexed: a `for…of` costs an iterator per step of the search in unoptimized code.
      for (let j = 0; j < stack.length; j++) need += stack[j]?.rem[k] ?? 0;
      if (total !== null && need > (rest[k] ?? 0)) return;
      if (total === null && need - (stack[0]?.rem[k] ?? 0) > (rest[k] ?? 0)) return;
    }
    const r = order[pos] ?? 0;
    const v = V[r] ?? [];
    const top = stack[stack.length - 1];
    if (!top) return;
    for (let k = 0; k < width; k++) if ((top.rem[k] ?? 0) < (v[k] ?? 0)) return;
    for (let k = 0; k < width; k++) top.rem[k] = (top.rem[k] ?? 0) - (v[k] ?? 0);
    parent.set(r, top.row);
    // A subtotal, when the rows after it may add up to it.
    if (!isZero(v) && pos + 1 < order.length) {
      stack.push({ row: r, rem: [...v] });
      dfs(pos + 1);
      stack.pop();
    }
    // A plain row; the subtotals it completes close.
    const closed: { row: number; rem: Vec }[] = [];
    while (stack.length > 1 && isZero(stack[stack.length - 1]?.rem ?? [])) {
      const c = stack.pop();
      if (c) closed.push(c);
    }
    dfs(pos + 1);
    for (let i = closed.length - 1; i >= 0; i--) {
      const c = closed[i];
      if (c) stack.push(c);
    }
    parent.delete(r);
    for (let k = 0; k < width; k++) top.rem[k] = (top.rem[k] ?? 0) + (v[k] ?? 0);
  };
  dfs(0);
  yield* results;
}

/**
 * Turns a tree into roles. The sub-unit level is the depth whose rows look most like sub-units
 * (registry names, "Xã …") and least like villages ("Thôn …") or groups ("I. …"); rows above it
 * with rows under them are groups, rows below it are children of their sub-unit.
 *
 * In a report whose sub-units are villages (`villages`), the level is decided row by row, by the
 * sums: a row with rows under it is their subtotal — a group — unless labelled as a village (hint
 * `subunit`), and the first row down each branch that is not a group is the village, the rows
 * under it its hamlets. An old commune over its villages ("Xã Túc Đán (cũ)"), "Cộng cụm 1" after
 * its block or "Vùng cao" over its villages are subtotals whatever their words, and the villages
 * under them are the villages of every other form.
 */
function makeReading(
  rows: StructureRow[],
  t: number,
  parentMap: Map<number, number>,
  excluded: Set<number>,
  footerStyle: boolean,
  villages = false,
): RowReading {
  const n = rows.length;
  const depth = new Array<number>(n).fill(0);
  const hasChildren = new Array<boolean>(n).fill(false);
  const parentOf = (i: number): number => parentMap.get(i) ?? -1;
  for (const p of parentMap.values()) if (p >= 0) hasChildren[p] = true;
  const depthOf = (i: number): number => {
    let d = 1;
    let p = parentOf(i);
    while (p >= 0) {
      d++;
      p = parentOf(p);
    }
    return d;
  };
  for (const i of parentMap.keys()) depth[i] = depthOf(i);
  const maxDepth = Math.max(1, ...depth);
  // Per row: a level of many rows is not less like sub-units for having more of them (six
  // villages over the two hamlets of one of them are the villages).
  const scoreOf = (d: number): number => {
    let s = 0;
    let count = 0;
    for (const i of parentMap.keys()) {
      if (depth[i] !== d) continue;
      const r = rows[i];
      if (!r) continue;
      count++;
      if (r.known) s += 2;
      if (r.hint === 'subunit') s += 1;
      if (r.hint === 'child') s -= 2;
      if (r.hint === 'group') s -= 2;
      // A row labelled as a total ("Cộng" under a block of communes) is not a commune.
      if (r.hint === 'total') s -= 2;
    }
    return count === 0 ? 0 : s / count;
  };
  // A row labelled as a total ("Cộng") with rows under it is the subtotal of a block, never a
  // sub-unit: the sub-units are below it, however their labels read ("Bản Đán" under "Cộng" in a
  // commune's report, where the villages are the sub-units).
  let floor = 1;
  for (const i of parentMap.keys())
    if (hasChildren[i] && rows[i]?.hint === 'total') floor = Math.max(floor, (depth[i] ?? 1) + 1);
  let level = Math.min(floor, maxDepth);
  for (let d = level + 1; d <= maxDepth; d++) if (scoreOf(d) > scoreOf(level)) level = d;

  const roles: RowRole[] = new Array<RowRole>(n).fill('breakdown');
  const parent: (number | null)[] = new Array<number | null>(n).fill(null);
  roles[t] = 'total';
  for (const i of excluded) roles[i] = rows[i]?.hint === 'total' ? 'other-total' : 'breakdown';
  // A row numbered as a section ("I", "II") over rows numbered as a list ("1", "2", …) is a group
  // of that list's villages, however it is labelled: a village's hamlets are not numbered on
  // with the villages.
  const sectionOfList = (i: number): boolean => {
    if (rows[i]?.section !== true) return false;
    const under = [...parentMap].filter(([, p]) => p === i).map(([c]) => rows[c]);
    return under.length > 0 && under.every((r) => r?.numbered === true && r.section !== true);
  };
  if (villages) {
    // Parents before their rows: by depth.
    const order = [...parentMap.keys()].sort((x, y) => (depth[x] ?? 1) - (depth[y] ?? 1));
    for (const i of order) {
      const p = parentOf(i);
      const above = p >= 0 ? roles[p] : 'group';
      roles[i] =
        above === 'subunit' || above === 'child'
          ? 'child'
          : hasChildren[i] && (rows[i]?.hint !== 'subunit' || sectionOfList(i))
            ? 'group'
            : 'subunit';
      parent[i] = p >= 0 ? p : null;
    }
  } else
    for (const i of parentMap.keys()) {
      const d = depth[i] ?? 1;
      roles[i] =
        d < level ? (hasChildren[i] ? 'group' : 'subunit') : d === level ? 'subunit' : 'child';
      const p = parentOf(i);
      parent[i] = p >= 0 ? p : null;
    }
  const tree = [...parent];
  // A child's parent is its sub-unit (a village under a village under a commune: the commune).
  for (const i of parentMap.keys()) {
    if (roles[i] !== 'child') continue;
    let p = parent[i] ?? null;
    while (p !== null && roles[p] === 'child') p = parent[p] ?? null;
    parent[i] = p;
  }
  return { total: t, roles, parent, footerStyle, tree };
}

function readingKey(r: RowReading): string {
  return `${r.total}|${r.roles.join(',')}|${r.parent.join(',')}`;
}

/** What a reading says that matters: the unit's figures and which rows with figures are what. */
function materialKey(r: RowReading, V: Vec[]): string {
  const parts = [(V[r.total] ?? []).join(',')];
  r.roles.forEach((role, i) => {
    if (role === 'subunit' && !isZero(V[i] ?? [])) parts.push(`${i}:${role}`);
    // A village's commune matters (its figures are in that commune's); a commune's group does not.
    if (role === 'child' && !isZero(V[i] ?? [])) parts.push(`${i}:${role}:${r.parent[i] ?? ''}`);
  });
  return parts.join('|');
}

/** How much a reading goes against the labels (lower is better). */
function penalty(r: RowReading, rows: StructureRow[], V: Vec[]): number {
  let p = 0;
  const total = V[r.total] ?? [];
  r.roles.forEach((role, i) => {
    const row = rows[i];
    if (!row) return;
    const h = row.hint;
    if (role === 'total') {
      if (h === 'subunit' || h === 'child' || row.known) p += 2;
      if (h === 'group' || h === 'breakdown') p += 3;
    } else if (role === 'other-total') {
      // A second total is an error of its own: a reading without one is better.
      p += 5;
    } else if (role === 'breakdown') {
      if (h === 'breakdown' || row.inBreakdown) p += 0;
      else if (h === 'group') p += 1;
      else p += 3;
    } else {
      // A row labelled as the total read as a commune or a group: worse than a second total.
      // Not so a row labelled just "Cộng" that is the sum of a block of rows and not of all of
      // them: the sums make it that block's subtotal, whatever it is called. One that sums
      // everything (the same figures as the total) is a second total still.
      const subtotal = role === 'group' && !sameVec(V[i] ?? [], total);
      if (h === 'total' && !subtotal) p += 6;
      if (row.sumFormulas) p += 1;
      if ((role === 'subunit' || role === 'child') && h === 'breakdown') p += 3;
      // A group's name on a commune's row ("Thành thị" with the urban figures) is worse than a
      // breakdown set aside.
      if ((role === 'subunit' || role === 'child') && h === 'group') p += 3;
      if (role === 'child' && (h === 'subunit' || row.known)) p += 2;
      if (role === 'group' && h === 'child') p += 1;
      if (role === 'subunit' && h === 'child' && r.roles.some((x) => x === 'child')) p += 1;
    }
  });
  return p;
}

function choose(
  found: { reading: RowReading; excluded: Set<number> }[],
  rows: StructureRow[],
  V: Vec[],
): RowStructure {
  const scored = found.map((f) => ({
    ...f,
    penalty: penalty(f.reading, rows, V),
    material: materialKey(f.reading, V),
    figures: (V[f.reading.total] ?? []).join(','),
  }));
  // Readings giving the unit different figures: no label can settle that.
  const figures = new Set(scored.map((s) => s.figures));
  if (figures.size > 1) return ambiguous(scored.map((s) => s.reading));
  scored.sort(
    (a, b) =>
      a.penalty - b.penalty ||
      a.excluded.size - b.excluded.size ||
      Number(a.reading.footerStyle) - Number(b.reading.footerStyle) ||
      edgeRank(a.reading.total, rows.length) - edgeRank(b.reading.total, rows.length),
  );
  const best = scored[0];
  if (!best) throw new Error('no reading');
  const tied = scored.filter((s) => s.penalty === best.penalty && s.material !== best.material);
  if (tied.length > 0) return ambiguous([best.reading, ...tied.map((s) => s.reading)]);
  return { kind: 'read', reading: best.reading };
}

/** A total first or last is the usual place; one in the middle comes after them. */
function edgeRank(i: number, n: number): number {
  return i === 0 || i === n - 1 ? 0 : 1;
}

function ambiguous(readings: RowReading[]): RowStructure {
  const [a, ...rest] = readings;
  if (!a) throw new Error('no reading');
  // The rows the readings disagree on.
  const rows = new Set<number>();
  for (const b of rest)
    a.roles.forEach((role, i) => {
      if (role !== b.roles[i] || a.parent[i] !== b.parent[i]) rows.add(i);
    });
  return { kind: 'ambiguous', readings, rows: [...rows].sort((x, y) => x - y) };
}

/**
 * No reading adds up. The labels give the nearest reading (the total row by its label, its SUM
 * formulas, or a row that is the sum of the others in most columns; villages under the commune
 * row above them; sub-units under a group row), and the figures that do not add up in it are
 * named.
 */
function fallback(
  rows: StructureRow[],
  V: Vec[],
  dominating: number[],
  villages: boolean,
): RowStructure {
  const n = rows.length;
  // Blocks each closed (or opened) by their own subtotal and nothing over them all: the largest
  // subtotal is no total for being the largest.
  const blocks = blockSubtotals(rows, V);
  if (blocks !== null)
    return { kind: 'no-total', reading: blockReading(rows, V, blocks), ambiguous: false, blocks };
  let t = labelledTotal(rows, dominating);
  if (t < 0) t = rows.findIndex((r) => r.hint === 'total');
  if (t < 0) t = rows.findIndex((r) => r.sumFormulas);
  let reading = hintReading(rows, t, V);
  if (t < 0) {
    // A row that is the sum of the others in most columns is a total with typing slips.
    for (const d of dominating) {
      const trial = hintReading(rows, d, V);
      const mm = mismatches(trial, V).filter((m) => m.row === d);
      const nonzero = (V[d] ?? []).filter((x) => x !== 0).length;
      if (nonzero > 0 && mm.length * 2 <= nonzero) {
        return { kind: 'unreconciled', reading: trial, mismatches: mismatches(trial, V) };
      }
    }
    // Without a total row, two readings may fit the rows themselves (a row that may be a
    // subtotal of the rows after it, or a sub-unit).
    const forests = [
      ...parses(
        rows.map((_, i) => i),
        V,
        null,
        { steps: 0, total: 0 },
      ),
    ];
    for (const p of forests) {
      const parents = [...new Set([...p.values()].filter((x) => x >= 0))];
      const [row] = parents;
      if (row === undefined || n < 2) continue;
      const of = [...p].filter(([, x]) => x === row).map(([i]) => i);
      return { kind: 'no-total', reading, ambiguous: true, subtotal: { row, of } };
    }
    return { kind: 'no-total', reading, ambiguous: false };
  }
  let mm = mismatches(reading, V);
  /** The labels' reading with some rows' hints changed, when fewer of its sums fail. */
  const nearer = (
    hinted: StructureRow[],
  ): { reading: RowReading; mismatches: SumMismatch[] } | null => {
    const other = hintReading(hinted, t, V);
    const otherMm = mismatches(other, V);
    return otherMm.length < mm.length ? { reading: other, mismatches: otherMm } : null;
  };
  // In a report of villages, rows numbered as sections ("I", "II") whose labels read as villages
  // ("Thôn, bản đặc biệt khó khăn" starts as a village's name would) read as groups of the
  // villages under them (as `makeReading` reads them where the sums hold) when their sums are
  // nearer so: one slip in a village is then named at its group's row and the total, not as a
  // total counting every village twice.
  const sectionRow = (r: StructureRow): boolean =>
    r.section === true && r.hint === 'subunit' && !r.known;
  if (villages && mm.length > 0 && rows.some(sectionRow)) {
    const sections = nearer(
      rows.map((r) => (sectionRow(r) ? { ...r, hint: 'group' as const } : r)),
    );
    if (sections) ({ reading, mismatches: mm } = sections);
  }
  // Group rows ("Cụm 1") read as closing the rows above them (as a "Cộng" does) when their sums
  // are nearer so: the slip is then named at its cell, not at every cell of the wrong block.
  if (mm.length > 0 && rows.some((r) => r.hint === 'group')) {
    const closing = nearer(
      rows.map((r) => (r.hint === 'group' ? { ...r, hint: 'total' as const } : r)),
    );
    if (closing) return { kind: 'unreconciled', ...closing };
  }
  return { kind: 'unreconciled', reading, mismatches: mm };
}

/**
 * The rows that are subtotals of blocks covering the whole table, with nothing over them all:
 * footer style (each closes the rows since the one before it, the last row one of them) or
 * header style (each opens the rows up to the next, the first row one of them), two or more.
 * Decided by the figures: a subtotal is a row equal to the sum of its block, whatever its label
 * ("Cộng", "Cụm 1", none), but not a row that names a sub-unit, and an unlabelled one sums two
 * rows or more. When the figures allow one such split only, it is the answer; when they allow
 * several, the rows labelled as totals or groups choose (a split they all make); else null.
 */
export function blockSubtotals(rows: StructureRow[], V: Vec[]): number[] | null {
  const footer = footerBlocks(rows, V);
  const reversed = [...rows].reverse();
  const header = footerBlocks(reversed, [...V].reverse());
  const back = (marks: number[]): number[] => marks.map((i) => rows.length - 1 - i).reverse();
  const found = [
    ...(Array.isArray(footer) ? [footer] : []),
    ...(Array.isArray(header) ? [back(header)] : []),
  ];
  if (found.length === 1 && footer !== 'several' && header !== 'several') return found[0] ?? null;
  if (found.length === 0 && footer === null && header === null) return null;
  return labelledBlocks(rows, V);
}

/**
 * The labels' reading with each block's subtotal (`marks`, from {@link blockSubtotals}) a group
 * over the rows of its block: a "Cụm 1" or an unlabelled subtotal is no sub-unit.
 */
function blockReading(rows: StructureRow[], V: Vec[], marks: number[]): RowReading {
  const reading = hintReading(rows, -1, V);
  // Footer style closes each block (its first subtotal is not the first row); header opens it.
  const footer = marks[0] !== 0;
  marks.forEach((m, j) => {
    const from = footer ? (j === 0 ? 0 : (marks[j - 1] ?? 0) + 1) : m + 1;
    const to = footer ? m : (marks[j + 1] ?? rows.length);
    reading.roles[m] = 'group';
    reading.parent[m] = null;
    reading.tree[m] = null;
    for (let i = from; i < to; i++)
      if (reading.parent[i] === null) {
        reading.parent[i] = m;
        reading.tree[i] = m;
      }
  });
  return { ...reading, footerStyle: footer };
}

/**
 * The one split of the rows into blocks each closed by its subtotal (see {@link blockSubtotals}):
 * the subtotals' rows; 'several' when the figures allow more than one, null when none.
 */
function footerBlocks(rows: StructureRow[], V: Vec[]): number[] | 'several' | null {
  const n = rows.length;
  if (n < 4) return null;
  const width = V[0]?.length ?? 0;
  // Prefix sums: the rows [a, i) add up to P[i] − P[a].
  const P: Vec[] = [new Array<number>(width).fill(0)];
  for (let i = 0; i < n; i++) P.push((P[i] ?? []).map((x, k) => x + (V[i]?.[k] ?? 0)));
  const key = (v: Vec): string => v.join(',');
  /** Where a block may start (0, or after a subtotal reached), by the prefix sum there. */
  const starts = new Map<string, number[]>([[key(P[0] ?? []), [0]]]);
  /** Per row as a subtotal: the splits of the rows up to it (0, 1, or 2 for more); its block's start. */
  const ways = new Array<number>(n).fill(0);
  const from = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const v = V[i] ?? [];
    const labelled = r?.hint === 'total' || r?.hint === 'group';
    const candidate = r !== undefined && (labelled || r.hint === 'none') && !r.known && !r.named;
    if (candidate && !isZero(v)) {
      const need = key((P[i] ?? []).map((x, k) => x - (v[k] ?? 0)));
      for (const a of starts.get(need) ?? []) {
        if (i - a < (labelled ? 1 : 2)) continue;
        ways[i] = Math.min(2, (ways[i] ?? 0) + (a === 0 ? 1 : (ways[a - 1] ?? 0)));
        from[i] = a;
      }
    }
    if ((ways[i] ?? 0) > 0) {
      const k = key(P[i + 1] ?? []);
      const at = starts.get(k);
      if (at) at.push(i + 1);
      else starts.set(k, [i + 1]);
    }
  }
  if (ways[n - 1] === 0) return null;
  if (ways[n - 1] !== 1) return 'several';
  const marks: number[] = [];
  for (let i = n - 1; i >= 0; i = (from[i] ?? 0) - 1) {
    marks.push(i);
    if (from[i] === 0) break;
  }
  return marks.length >= 2 ? marks.reverse() : null;
}

/**
 * The rows labelled as totals or groups when there are two or more and each is the sum of its
 * own block, the blocks covering every other row (footer or header style). Null otherwise.
 */
function labelledBlocks(rows: StructureRow[], V: Vec[]): number[] | null {
  const marks = rows
    .map((_, i) => i)
    .filter((i) => rows[i]?.hint === 'total' || rows[i]?.hint === 'group');
  const n = rows.length;
  if (marks.length < 2) return null;
  const sums = (from: number, to: number, mark: number): boolean => {
    if (to <= from) return false;
    const want = V[mark] ?? [];
    if (isZero(want)) return false;
    const got = new Array<number>(want.length).fill(0);
    for (let i = from; i < to; i++) (V[i] ?? []).forEach((x, k) => (got[k] = (got[k] ?? 0) + x));
    return sameVec(got, want);
  };
  const footer =
    marks[marks.length - 1] === n - 1 &&
    marks.every((m, j) => sums(j === 0 ? 0 : (marks[j - 1] ?? 0) + 1, m, m));
  const header = marks[0] === 0 && marks.every((m, j) => sums(m + 1, marks[j + 1] ?? n, m));
  return footer || header ? marks : null;
}

/**
 * Of the rows labelled as a total, the first that is at least every other row (`dominating`):
 * "Tổng cộng" under blocks each closed by a "Cộng". −1 when none is.
 */
function labelledTotal(rows: StructureRow[], dominating: number[]): number {
  return rows.findIndex((r, i) => r.hint === 'total' && dominating.includes(i));
}

/** A long table read by its labels: accepted when every sum of that reading holds. */
function readByLabels(rows: StructureRow[], V: Vec[], dominating: number[]): RowStructure {
  let t = labelledTotal(rows, dominating);
  if (t < 0) t = rows.findIndex((r) => r.hint === 'total' || r.sumFormulas);
  const reading = hintReading(rows, t, V);
  if (t < 0) return { kind: 'no-total', reading, ambiguous: false };
  const mm = mismatches(reading, V);
  return mm.length === 0
    ? { kind: 'read', reading }
    : { kind: 'unreconciled', reading, mismatches: mm };
}

/**
 * The reading the labels give, with `t` as the total (or none when −1). A row labelled as a total
 * that is not a copy of the total's figures, under sub-units not yet in a group, closes them as
 * their subtotal ("Cộng" after each block of communes).
 */
function hintReading(rows: StructureRow[], t: number, V: Vec[]): RowReading {
  const n = rows.length;
  const roles: RowRole[] = new Array<RowRole>(n).fill('subunit');
  const parent: (number | null)[] = new Array<number | null>(n).fill(null);
  let group: number | null = null;
  let sub: number | null = null;
  let block: number[] = [];
  rows.forEach((r, i) => {
    if (i === t) {
      roles[i] = 'total';
      return;
    }
    const copy = t >= 0 && sameVec(V[i] ?? [], V[t] ?? []);
    if (r.hint === 'total' && !copy && group === null && block.length > 0) {
      roles[i] = 'group';
      for (const c of block) parent[c] = i;
      block = [];
      sub = null;
    } else if (r.hint === 'total') roles[i] = 'other-total';
    else if (isBreakdown(r)) roles[i] = 'breakdown';
    else if (r.hint === 'group') {
      roles[i] = 'group';
      group = i;
      sub = null;
      block = [];
    } else if (r.hint === 'child' && !r.known && sub !== null) {
      roles[i] = 'child';
      parent[i] = sub;
    } else {
      roles[i] = 'subunit';
      parent[i] = group;
      // A village with no commune row above it (a commune's report lists only villages) is no
      // commune of the villages after it: were it, a slip in the total would make the first
      // village the parent of the others, and every row a mismatch instead of the total's cell.
      sub = r.hint === 'child' && !r.known ? null : i;
      if (group === null) block.push(i);
    }
  });
  return { total: t, roles, parent, footerStyle: false, tree: [...parent] };
}

/**
 * Total and subtotal figures that are not the sum of their rows, in a reading. Each parent is
 * compared with what its rows add up to from the bottom up, so that one commune's slip is named
 * at that commune and not again at every total above it.
 */
export function mismatches(reading: RowReading, V: Vec[]): SumMismatch[] {
  const out: SumMismatch[] = [];
  const children = new Map<number, number[]>();
  reading.roles.forEach((role, i) => {
    if (role === 'total' || role === 'other-total' || role === 'breakdown') return;
    const p = reading.parent[i] ?? reading.total;
    if (p < 0) return;
    const list = children.get(p);
    if (list) list.push(i);
    else children.set(p, [i]);
  });
  const memo = new Map<number, Vec>();
  const truth = (i: number, seen: Set<number>): Vec => {
    const hit = memo.get(i);
    if (hit) return hit;
    const kids = seen.has(i) ? undefined : children.get(i);
    const v = kids
      ? (V[i] ?? []).map((_, k) =>
          kids.reduce((s, c) => s + (truth(c, new Set([...seen, i]))[k] ?? 0), 0),
        )
      : (V[i] ?? []);
    memo.set(i, v);
    return v;
  };
  for (const [p, kids] of children) {
    (V[p] ?? []).forEach((stated, k) => {
      const sum = kids.reduce((s, c) => s + (truth(c, new Set([p]))[k] ?? 0), 0);
      if (stated !== sum) out.push({ row: p, col: k, stated, sum, of: kids });
    });
  }
  return out.sort((a, b) => a.row - b.row || a.col - b.col);
}
