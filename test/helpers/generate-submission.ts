/**
 * Generated district submissions for property-based tests. Synthetic data, made up here.
 *
 * Two things are drawn independently with fast-check:
 * - a truth model: what the clerk means — one unit, one period, its communes (and villages under
 *   some of them) with figures that satisfy every rule of templates/rules (the arithmetic is done
 *   here, not imported from src/core), drawn independently row by row;
 * - a shape: how the clerk lays it out — heading wording and groups, column order, number row,
 *   title block, total row, hierarchy, number formats, workbook layout — as a set of features,
 *   each with a baseline value (the plainest file) and the variants clerks produce.
 * `renderBook` turns a case into a neutral workbook description (cells, merges, formats) that a
 * writer (test/helpers/write-submission.ts) saves as .xlsx; `expectedReport` says what the
 * consolidated report must show for it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';

// ---------------------------------------------------------------------------------------------
// Templates (data the generator is built from, read once)

const root = path.resolve(import.meta.dirname, '../..');
const readJson = (rel: string): unknown => JSON.parse(readFileSync(path.join(root, rel), 'utf8'));

interface ColumnJson {
  id: string;
  heading: string;
  en: string;
  kind: 'count' | 'percent';
  variants: string[];
  numerator?: string;
  denominator?: string;
}
interface FormJson {
  id: string;
  title: { vi: string; en: string };
  sheetNames: string[];
  columns: ColumnJson[];
}
interface FormsJson {
  common: {
    stt: { heading: string; variants: string[] };
    name: { heading: string; variants: string[] };
    totalLabels: string[];
  };
  forms: FormJson[];
}
interface RegistryJson {
  units: {
    code: string;
    name: string;
    short: string;
    variants: string[];
    subunits?: { name: string }[];
  }[];
}
interface StandardJson {
  indicators: {
    number: number;
    id: string;
    dimension: { vi: string; en: string };
    name: { vi: string };
  }[];
}

const FORMS = readJson('templates/forms/vn-2022-2025.json') as FormsJson;
const REGISTRY = readJson('templates/registries/yen-bai-2022.json') as RegistryJson;
const STANDARD = readJson('templates/standards/vn-2022-2025.json') as StandardJson;
const VOCABULARY = readJson('templates/vocabulary/vi.json') as {
  abbreviations: Record<string, string[]>;
};

/** The five form ids, in order. */
export const FORM_IDS: string[] = FORMS.forms.map((f) => f.id);

function formSpec(id: string): FormJson {
  const f = FORMS.forms.find((x) => x.id === id);
  if (!f) throw new Error(`no form ${id}`);
  return f;
}

/** Every count id of the forms, each once, in form order. */
export const COUNT_IDS: string[] = [
  ...new Set(
    FORMS.forms.flatMap((f) => f.columns.filter((c) => c.kind === 'count').map((c) => c.id)),
  ),
];

/** The rate ids with their numerator and denominator. */
export const RATES: { id: string; numerator: string; denominator: string }[] = FORMS.forms
  .flatMap((f) => f.columns)
  .filter((c) => c.kind === 'percent' && c.numerator && c.denominator)
  .map((c) => ({ id: c.id, numerator: c.numerator ?? '', denominator: c.denominator ?? '' }));

const LACKS = STANDARD.indicators.map((i) => i.id);

// ---------------------------------------------------------------------------------------------
// Drawing

/** Draws from a fast-check generator: every choice of a case comes from the run's seed. */
export interface Draw {
  int(min: number, max: number): number;
  bool(p?: number): boolean;
  pick<T>(xs: readonly T[]): T;
  shuffle<T>(xs: readonly T[]): T[];
}

function drawFrom(g: fc.GeneratorValue): Draw {
  // Always the same two arbitraries: fast-check caches the arbitrary of each distinct set of
  // arguments and looks them up one by one. Ends of a range come up more often (1 in 20 each),
  // as fast-check's own bias would have them.
  const raw = (): number => g(fc.integer, { min: 0, max: 0x3fffffff });
  const die = (): number => g(fc.integer, { min: 0, max: 19 });
  const int = (min: number, max: number): number => {
    if (max <= min) return min;
    const edge = die();
    if (edge === 0) return min;
    if (edge === 1) return max;
    return min + (raw() % (max - min + 1));
  };
  return {
    int,
    bool: (p = 0.5) => raw() % 10000 < p * 10000,
    pick: <T>(xs: readonly T[]): T => {
      const x = xs[int(0, xs.length - 1)];
      if (x === undefined) throw new Error('pick from an empty list');
      return x;
    },
    shuffle: <T>(xs: readonly T[]): T[] => {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        const a = out[i] as T;
        out[i] = out[j] as T;
        out[j] = a;
      }
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Truth model

/** Figures of one row: every count id (plus `_persons` for the extra column some clerks add). */
export type Figures = Record<string, number>;

/** A commune or a village with its figures. */
export interface Place {
  name: string;
  urban: boolean;
  values: Figures;
  /** Villages under a commune (empty for a village or a commune reported as one row). */
  villages: Place[];
}

/** The unit a case reports for. */
export interface UnitRef {
  code: string;
  name: string;
  short: string;
  variants: string[];
  /** Whether the registry lists the unit's communes (their names are then the registry's). */
  listed: boolean;
}

/** Report periods a case can be for. */
export type Period = '2022-H1' | '2022';

/** What the clerk means: one unit, one period, every figure. */
export interface Truth {
  unit: UnitRef;
  period: Period;
  /** small: a few communes with counts 0–20; big: 10–25 communes with thousands of households. */
  scale: 'small' | 'big';
  communes: Place[];
  total: Figures;
}

const SYLLABLES_A =
  'Tân Minh An Phúc Hòa Đông Vĩnh Khánh Lâm Mường Nậm Pá Túc Hưng Mai Liễu Cát Đại Bảo Châu Kiên Nghĩa Sơn Hồng Xuân Chế Khao Púng Lao Nà'.split(
    ' ',
  );
const SYLLABLES_B =
  'Lập Xuân Phú Lợi Thịnh Sơn Quang Tiến Thành Hợp Lai Chinh Khiêng Đán Quan Hồng Bình Lương Hà Cường Ái Luông Tạo Mạ Hẩu Phìn Dề Cang Khoang Thắng'.split(
    ' ',
  );

function placeNames(d: Draw, n: number, taken: Set<string>): string[] {
  const out: string[] = [];
  while (out.length < n) {
    const name = `${d.pick(SYLLABLES_A)} ${d.pick(SYLLABLES_B)}`;
    // Names a reader folds alike (Nà Lương, Nà Luông) are one name to it: draw another.
    const key = nameKey(name);
    if (taken.has(key)) continue;
    taken.add(key);
    out.push(name);
  }
  return out;
}

function unitRef(u: RegistryJson['units'][number]): UnitRef {
  return {
    code: u.code,
    name: u.name,
    short: u.short,
    variants: u.variants,
    listed: (u.subunits?.length ?? 0) > 0,
  };
}

const isUrbanName = (n: string): boolean => /^(Phường|Thị trấn)\s/.test(n);

/** Figures of one leaf row (a village, or a commune without villages), drawn on their own. */
function leafFigures(d: Draw, scale: Truth['scale'], level: 'commune' | 'village'): Figures {
  const h =
    scale === 'small' ? d.int(4, 20) : level === 'village' ? d.int(25, 420) : d.int(300, 4200);
  const cap = d.pick([0.1, 0.3, 0.6]);
  const poor = d.int(1, Math.max(1, Math.min(h - 1, Math.floor(h * cap))));
  const near = d.int(1, Math.max(1, Math.min(h - poor, Math.floor(h * 0.35))));
  const v: Figures = {
    households: h,
    poor,
    near_poor: near,
    poor_ethnic_minority: d.int(0, poor),
    near_poor_ethnic_minority: d.int(0, near),
    _persons: h * d.int(3, 5) + d.int(0, h),
  };
  // Biểu 02: decreases, then increases within what the start can give.
  const m = Math.max(1, Math.floor(poor / 4));
  const d1 = d.int(0, m);
  const d2 = d.int(0, m);
  const d3 = d.int(0, Math.max(1, Math.floor(m / 2)));
  let budget = poor + d1 + d2 + d3;
  const inc: number[] = [];
  for (const cap2 of [m, m, m, Math.max(1, Math.floor(m / 2))]) {
    const x = d.int(0, Math.min(budget, cap2));
    inc.push(x);
    budget -= x;
  }
  const [i1 = 0, i2 = 0, i3 = 0, i4 = 0] = inc;
  Object.assign(v, {
    poor_exit_to_near_poor: d1,
    poor_exit_above: d2,
    poor_other_decrease: d3,
    near_poor_to_poor: i1,
    poor_relapsed: i2,
    poor_new: i3,
    poor_other_increase: i4,
    poor_end: poor,
    poor_start: budget,
  });
  // Biểu 03: its cross-form twins are fixed by Biểu 02.
  const mn = Math.max(1, Math.floor(near / 4));
  let e2 = d.int(0, mn);
  const e3 = d.int(0, Math.max(1, Math.floor(mn / 2)));
  let nb = near + i1 + e2 + e3 - d1;
  if (nb < 0) {
    e2 -= nb;
    nb = 0;
  }
  const finc: number[] = [];
  for (const cap3 of [mn, mn, Math.max(1, Math.floor(mn / 2))]) {
    const x = d.int(0, Math.min(nb, cap3));
    finc.push(x);
    nb -= x;
  }
  const [f2 = 0, f3 = 0, f4 = 0] = finc;
  Object.assign(v, {
    near_poor_exit_to_poor: i1,
    near_poor_exit_above: e2,
    near_poor_other_decrease: e3,
    poor_to_near_poor: d1,
    near_poor_relapsed: f2,
    near_poor_new: f3,
    near_poor_other_increase: f4,
    near_poor_end: near,
    near_poor_start: nb,
  });
  // Biểu 04: each lack ≤ poor, at least 3 per poor household.
  const pl = LACKS.map(() => d.int(0, poor));
  let short = 3 * poor - pl.reduce((a, b) => a + b, 0);
  for (let k = d.int(0, 11); short > 0; k = (k + 1) % 12) {
    const add = Math.min(short, poor - (pl[k] ?? 0), d.int(1, poor));
    pl[k] = (pl[k] ?? 0) + add;
    short -= add;
  }
  // Biểu 05: each lack ≤ near-poor, at most 2 per near-poor household.
  const nl = LACKS.map(() => d.int(0, Math.max(1, Math.ceil(near / 5))));
  let over = nl.reduce((a, b) => a + b, 0) - 2 * near;
  for (let k = d.int(0, 11); over > 0; k = (k + 1) % 12) {
    const sub = Math.min(over, nl[k] ?? 0);
    nl[k] = (nl[k] ?? 0) - sub;
    over -= sub;
  }
  LACKS.forEach((id, k) => {
    v[`poor_lack_${id}`] = Math.min(pl[k] ?? 0, poor);
    v[`near_poor_lack_${id}`] = Math.min(nl[k] ?? 0, near);
  });
  v.poor_deprivations = LACKS.reduce((a, id) => a + (v[`poor_lack_${id}`] ?? 0), 0);
  v.near_poor_deprivations = LACKS.reduce((a, id) => a + (v[`near_poor_lack_${id}`] ?? 0), 0);
  return v;
}

/**
 * Makes a place's figures those of a place without a poor household at the end of the period:
 * Biểu 01 and 04 all 0 for the poor; in Biểu 02 one household left above the near-poor line
 * (a row with figures, as no other form bounds its movements); Biểu 03 balanced again without
 * moves to or from the poor.
 */
function withoutPoor(v: Figures): void {
  v.poor = 0;
  v.poor_ethnic_minority = 0;
  for (const id of LACKS) v[`poor_lack_${id}`] = 0;
  v.poor_deprivations = 0;
  Object.assign(v, {
    poor_start: 1,
    poor_exit_to_near_poor: 0,
    poor_exit_above: 1,
    poor_other_decrease: 0,
    near_poor_to_poor: 0,
    poor_relapsed: 0,
    poor_new: 0,
    poor_other_increase: 0,
    poor_end: 0,
    poor_to_near_poor: 0,
    near_poor_exit_to_poor: 0,
    near_poor_relapsed: 0,
    near_poor_new: 0,
    near_poor_other_increase: 0,
  });
  v.near_poor_start =
    (v.near_poor_end ?? 0) + (v.near_poor_exit_above ?? 0) + (v.near_poor_other_decrease ?? 0);
}

/** Column-wise sum of figures. */
export function sumFigures(rows: Figures[]): Figures {
  const out: Figures = {};
  for (const r of rows) for (const [k, v] of Object.entries(r)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** Rate the way the report gives it: 100 · count / households, two decimals, half up. */
export function rate(count: number, households: number): number {
  if (households === 0) return 0;
  return Math.round((10000 * count) / households) / 100;
}

/** Whether 100·count/households sits exactly on a rounding boundary at two decimals (x.xx5). */
function onBoundary(count: number, households: number): boolean {
  // 10000·c/h has fractional part exactly ½ ⇔ 20000·c is an odd multiple of h.
  if (households === 0) return false;
  const q = 20000 * count;
  return q % households === 0 && (q / households) % 2 === 1;
}

function recompute(t: Truth): void {
  for (const c of t.communes)
    if (c.villages.length > 0) c.values = sumFigures(c.villages.map((v) => v.values));
  t.total = sumFigures(t.communes.map((c) => c.values));
}

/** Rows whose rates a file may show: leaves, communes, urban/rural groups, the total. */
function rateRows(t: Truth): { values: Figures; leaf: Place }[] {
  const out: { values: Figures; leaf: Place }[] = [];
  const firstLeaf = (p: Place): Place => p.villages[0] ?? p;
  for (const c of t.communes) {
    out.push({ values: c.values, leaf: firstLeaf(c) });
    for (const v of c.villages) out.push({ values: v.values, leaf: v });
  }
  for (const urban of [true, false]) {
    const group = t.communes.filter((c) => c.urban === urban);
    const first = group[0];
    if (first) out.push({ values: sumFigures(group.map((c) => c.values)), leaf: firstLeaf(first) });
  }
  const first = t.communes[0];
  if (first) out.push({ values: t.total, leaf: firstLeaf(first) });
  return out;
}

/** Moves every rate off a rounding boundary by adding a household to a leaf under it. */
function avoidBoundaries(t: Truth): void {
  for (let tries = 0; tries < 200; tries++) {
    recompute(t);
    const bad = rateRows(t).find(
      (r) =>
        onBoundary(r.values.poor ?? 0, r.values.households ?? 0) ||
        onBoundary(r.values.near_poor ?? 0, r.values.households ?? 0),
    );
    if (!bad) return;
    bad.leaf.values.households = (bad.leaf.values.households ?? 0) + 1;
  }
  throw new Error('could not move the rates off rounding boundaries');
}

/**
 * Whether some row of a set of siblings equals, in every count column of some form, the sum of
 * other siblings (or twice or three times another): a coincidence that would make a second reading
 * of the table valid. Such truths are drawn again; that case is a different test.
 */
export function hasCoincidence(t: Truth): boolean {
  const sets: Figures[][] = [t.communes.map((c) => c.values)];
  for (const c of t.communes) if (c.villages.length > 1) sets.push(c.villages.map((v) => v.values));
  for (const f of FORMS.forms) {
    const ids = f.columns.filter((c) => c.kind === 'count').map((c) => c.id);
    for (const rows of sets) if (coincidentRows(rows, ids)) return true;
  }
  return false;
}

function coincidentRows(rows: Figures[], ids: string[]): boolean {
  const vec = rows.map((r) => ids.map((id) => r[id] ?? 0));
  for (let i = 0; i < vec.length; i++) {
    const target = vec[i] ?? [];
    const others = vec.filter((_, j) => j !== i);
    for (const o of others)
      for (const k of [2, 3]) if (target.every((x, c) => x === k * (o[c] ?? 0))) return true;
    if (subsetSums(target, others)) return true;
  }
  return false;
}

/**
 * Whether a non-empty subset of `others` sums to `target` in every column: a depth-first search
 * pruned as soon as a column goes over (all figures are ≥ 0), given up after a bounded effort.
 */
function subsetSums(target: number[], others: number[][]): boolean {
  const n = target.length;
  const sum = new Array<number>(n).fill(0);
  let budget = 5_000;
  const visit = (from: number, size: number): boolean => {
    if (--budget < 0) return false;
    if (size > 0 && sum.every((x, k) => x === target[k])) return true;
    for (let j = from; j < others.length; j++) {
      const o = others[j] ?? [];
      let over = false;
      for (let k = 0; k < n; k++) {
        sum[k] = (sum[k] ?? 0) + (o[k] ?? 0);
        if ((sum[k] ?? 0) > (target[k] ?? 0)) over = true;
      }
      if (!over && visit(j + 1, size + 1)) return true;
      for (let k = 0; k < n; k++) sum[k] = (sum[k] ?? 0) - (o[k] ?? 0);
    }
    return false;
  };
  return visit(0, 0);
}

/** What a case needs of its truth. */
export interface TruthNeeds {
  /** The period, when the shape's wording is for one period only. */
  period?: Period;
  /** Villages under some communes (`some`), or none. */
  villages: 'none' | 'some';
  /** At least two communes with villages (to move a village between them). */
  twoWithVillages?: boolean;
  /** One commune or village without a poor household. */
  noPoor?: boolean;
}

const VILLAGE_WORDS = ['Thôn', 'Bản', 'Tổ dân phố', 'Tổ'];

function villageNames(d: Draw, n: number, urban: boolean, numbered: boolean): string[] {
  const out: string[] = [];
  const taken = new Set<string>();
  const kind = urban ? d.pick(['Tổ dân phố', 'Tổ']) : d.pick(VILLAGE_WORDS.slice(0, 2));
  for (let k = 1; out.length < n; k++) {
    let name: string;
    if (numbered || kind === 'Tổ')
      name = kind === 'Tổ dân phố' && d.bool() ? `${kind} số ${k}` : `${kind} ${k}`;
    else name = `${kind} ${placeNames(d, 1, taken)[0] ?? ''}`;
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/** Builds one truth from draws (communes named from the registry when it lists them). */
export function buildTruth(d: Draw, needs: TruthNeeds, fixed?: Truth): Truth {
  const reg = fixed
    ? REGISTRY.units.find((u) => u.code === fixed.unit.code)
    : d.pick(REGISTRY.units);
  if (!reg) throw new Error('no unit');
  const unit = unitRef(reg);
  const period: Period = fixed?.period ?? needs.period ?? d.pick(['2022-H1', '2022'] as const);
  let scale: Truth['scale'];
  let names: { name: string; urban: boolean }[];
  if (fixed) {
    scale = fixed.scale;
    names = fixed.communes.map((c) => ({ name: c.name, urban: c.urban }));
  } else if (unit.listed) {
    const listed = (reg.subunits ?? [])
      .filter((s) => !('until' in s) && !('from' in s))
      .map((s) => ({ name: s.name, urban: isUrbanName(s.name) }));
    // A small unit: a few of the registered communes (the others are said missing, a warning).
    scale = d.bool(0.3) ? 'small' : 'big';
    if (scale === 'small') names = d.shuffle(listed).slice(0, d.int(2, 6));
    else names = d.bool(0.2) ? d.shuffle(listed) : listed;
  } else {
    scale = d.bool(0.5) ? 'small' : 'big';
    const n = scale === 'small' ? d.int(2, 6) : d.int(10, 25);
    const urbanKind = /^(Thị xã|Thành phố)/.test(unit.name) ? 'Phường' : 'Thị trấn';
    const urbanCount = Math.max(1, Math.min(n - 1, d.int(1, 3)));
    names = placeNames(d, n, new Set()).map((base, i) => ({
      name: `${i < urbanCount ? urbanKind : 'Xã'} ${base}`,
      urban: i < urbanCount,
    }));
    names = d.shuffle(names);
  }
  const numberedVillages = d.bool(0.3);
  const communes: Place[] = names.map(({ name, urban }) => ({
    name,
    urban,
    values: {},
    villages: [],
  }));
  if (needs.villages === 'some') {
    const withVillages = communes.filter(() => d.bool(0.5));
    const want = needs.twoWithVillages ? 2 : 1;
    for (const c of communes)
      if (withVillages.length < want && !withVillages.includes(c)) withVillages.push(c);
    for (const c of withVillages) {
      const n = scale === 'small' ? d.int(2, 4) : d.int(2, 6);
      c.villages = villageNames(d, n, c.urban, numberedVillages).map((name) => ({
        name,
        urban: c.urban,
        values: leafFigures(d, scale, 'village'),
        villages: [],
      }));
    }
  }
  for (const c of communes)
    if (c.villages.length === 0) c.values = leafFigures(d, scale, 'commune');
  if (needs.noPoor) {
    const leaves = communes.flatMap((c) => (c.villages.length > 0 ? c.villages : [c]));
    withoutPoor(d.pick(leaves).values);
  }
  const truth: Truth = { unit, period, scale, communes, total: {} };
  avoidBoundaries(truth);
  return truth;
}

// ---------------------------------------------------------------------------------------------
// Shape: features and their values (the first value of each is the baseline)

/** One way a clerk's file can differ from the plainest one. */
export interface Feature {
  key: string;
  scope: 'book' | 'form';
  values: readonly string[];
  /** Forms the feature applies to (form scope); all when absent. */
  forms?: readonly string[];
  /** Values that only mean something together with another feature's value. */
  needs?: Record<string, [string, string]>;
  /** Values drawn rarely in random shapes. */
  rare?: readonly string[];
}

/** The total labels clerks write ("" = no label). */
export const TOTAL_LABELS = [
  'Tổng cộng',
  'Tổng số',
  'Cộng',
  'Toàn huyện',
  'Cộng toàn huyện',
  'Tổng cộng toàn xã',
  'Cộng toàn thị xã',
  'TỔNG',
  '',
] as const;

/** Every feature of a shape. */
export const FEATURES: readonly Feature[] = [
  { key: 'layout', scope: 'book', values: ['per-sheet', 'stacked'] },
  { key: 'sheetNames', scope: 'book', values: ['bieu', 'sheetN', 'catalogue'] },
  { key: 'sheetOrder', scope: 'book', values: ['canonical', 'shuffled'] },
  { key: 'formLabel', scope: 'book', values: ['with-number', 'separate-line', 'none'] },
  { key: 'hiddenCopy', scope: 'book', values: ['none', 'last-year'] },
  {
    key: 'unitPlace',
    scope: 'book',
    values: ['title', 'department', 'signature', 'reporting-unit', 'file-name'],
  },
  { key: 'recipient', scope: 'book', values: ['no', 'yes'] },
  {
    key: 'periodH1',
    scope: 'book',
    values: ['digits', 'words', 'short', 'two-lines', 'in-title', 'report-period'],
  },
  { key: 'periodYear', scope: 'book', values: ['plain', 'upper', 'whole-year', 'report-period'] },
  { key: 'titleRows', scope: 'book', values: ['few', 'many'] },
  { key: 'totalLabel', scope: 'book', values: TOTAL_LABELS },
  { key: 'totalPosition', scope: 'book', values: ['last', 'first'] },
  { key: 'totalCell', scope: 'book', values: ['name', 'stt-merged'] },
  { key: 'hierarchy', scope: 'book', values: ['flat', 'villages', 'urban-rural', 'breakdown'] },
  {
    key: 'stt',
    scope: 'book',
    values: ['arabic', 'roman-communes', 'letter-villages', 'dash-villages', 'none'],
    needs: {
      'roman-communes': ['hierarchy', 'villages'],
      'letter-villages': ['hierarchy', 'villages'],
      'dash-villages': ['hierarchy', 'villages'],
    },
  },
  { key: 'gaps', scope: 'book', values: ['no', 'yes'] },
  { key: 'counts', scope: 'book', values: ['number', 'text-vn'] },
  { key: 'zero', scope: 'book', values: ['zero', 'dash', 'blank'] },
  // A commune or village without poor households, zeros left blank: its Biểu 04 row wholly blank.
  { key: 'noPoor', scope: 'book', values: ['none', 'one'], needs: { one: ['zero', 'blank'] } },
  { key: 'rates', scope: 'book', values: ['number', 'fraction', 'text-comma', 'formula'] },
  { key: 'totals', scope: 'book', values: ['value', 'formula'] },
  { key: 'nfd', scope: 'book', values: ['no', 'yes'] },
  { key: 'offset', scope: 'book', values: ['0', '1'] },
  { key: 'extraColumn', scope: 'book', values: ['none', 'notes', 'persons'] },
  { key: 'dateLine', scope: 'book', values: ['no', 'yes'] },
  { key: 'communeNames', scope: 'book', values: ['full', 'bare'] },
  {
    key: 'band',
    scope: 'form',
    values: ['flat', 'grouped', 'grouped3', 'ambiguous'],
    rare: ['ambiguous'],
  },
  { key: 'order', scope: 'form', values: ['canonical', 'swap'] },
  {
    // Biểu 01's "Hộ nghèo" and "Hộ cận nghèo" typed without a merge, in the middle cell of their
    // columns (centred by hand); their columns repeat one sequence of headings.
    key: 'groupCells',
    scope: 'form',
    values: ['merged', 'typed-middle'],
    forms: ['01'],
    needs: { 'typed-middle': ['band', 'grouped'] },
  },
  { key: 'wording', scope: 'form', values: ['canonical', 'variants'] },
  {
    key: 'lackLeaf',
    scope: 'form',
    values: ['name', 'numbered', 'number-only', 'chi-so'],
    forms: ['04', '05'],
    needs: { 'number-only': ['band', 'grouped'] },
  },
  { key: 'numbering', scope: 'form', values: ['no', 'yes'], forms: ['01', '02', '03'] },
  { key: 'abbreviate', scope: 'form', values: ['no', 'yes'] },
  { key: 'noDiacritics', scope: 'form', values: ['no', 'yes'] },
  { key: 'upper', scope: 'form', values: ['no', 'yes'] },
  { key: 'lineBreaks', scope: 'form', values: ['no', 'yes'] },
  { key: 'units', scope: 'form', values: ['no', 'yes'] },
  { key: 'english', scope: 'form', values: ['none', 'row', 'same-cell'] },
  { key: 'numberRow', scope: 'form', values: ['none', 'letters', 'parens', 'primes'] },
];

const featureByKey = new Map(FEATURES.map((f) => [f.key, f]));

/** A shape: book features, and form features per form. */
export interface Shape {
  book: Record<string, string>;
  forms: Record<string, Record<string, string>>;
}

function featureApplies(f: Feature, form: string): boolean {
  if (f.forms && !f.forms.includes(form)) return false;
  // Only Biểu 01 has two groups whose headings can be left out.
  return true;
}

/** The plainest shape: every feature at its baseline. */
export function baselineShape(): Shape {
  const book: Record<string, string> = {};
  const forms: Record<string, Record<string, string>> = {};
  for (const f of FEATURES) if (f.scope === 'book') book[f.key] = f.values[0] ?? '';
  for (const id of FORM_IDS) {
    forms[id] = {};
    for (const f of FEATURES)
      if (f.scope === 'form' && featureApplies(f, id)) (forms[id] ?? {})[f.key] = f.values[0] ?? '';
  }
  return { book, forms };
}

/** A single-feature class: `key=value` (the value is not the baseline). */
export type ShapeClass = string;

/** Every class of the single-deviation sweep, in feature order. */
export function shapeClasses(): ShapeClass[] {
  return FEATURES.flatMap((f) => f.values.slice(1).map((v) => `${f.key}=${v}`));
}

function setFeature(shape: Shape, key: string, value: string): void {
  const f = featureByKey.get(key);
  if (!f) throw new Error(`no feature ${key}`);
  if (f.scope === 'book') shape.book[key] = value;
  else
    for (const id of FORM_IDS) {
      const fs = shape.forms[id];
      if (!fs || !featureApplies(f, id)) continue;
      if (key === 'band' && value === 'ambiguous' && id !== '01') continue;
      fs[key] = value;
    }
}

/** The baseline with one feature changed (and what that value needs to mean something). */
export function singleShape(cls: ShapeClass): Shape {
  const [key = '', value = ''] = cls.split('=');
  const shape = baselineShape();
  const need = featureByKey.get(key)?.needs?.[value];
  if (need) setFeature(shape, need[0], need[1]);
  setFeature(shape, key, value);
  return normaliseShape(shape);
}

/**
 * A random shape: each feature at its baseline or at one of its variants; classes in `avoid`
 * (`key=value`) are not drawn.
 */
export function randomShape(d: Draw, avoid: readonly ShapeClass[] = []): Shape {
  const shape = baselineShape();
  const drawValue = (f: Feature, pBase: number): string => {
    if (d.bool(pBase)) return f.values[0] ?? '';
    const allowed = (v: string): boolean => !avoid.includes(`${f.key}=${v}`);
    const common = f.values.slice(1).filter((v) => !(f.rare ?? []).includes(v) && allowed(v));
    const rare = (f.rare ?? []).filter((v) => f.values.includes(v) && allowed(v));
    if (rare.length > 0 && d.bool(0.05)) return d.pick(rare);
    return common.length > 0 ? d.pick(common) : (f.values[0] ?? '');
  };
  for (const f of FEATURES) {
    if (f.scope === 'book') shape.book[f.key] = drawValue(f, 0.5);
    else
      for (const id of FORM_IDS) {
        const fs = shape.forms[id];
        if (!fs || !featureApplies(f, id)) continue;
        const v = drawValue(f, 0.55);
        fs[f.key] = v === 'ambiguous' && id !== '01' ? (f.values[0] ?? '') : v;
      }
  }
  // A value that needs another feature falls back to the baseline when it is not there.
  for (const f of FEATURES) {
    if (!f.needs) continue;
    const check = (get: (k: string) => string | undefined, set: (v: string) => void): void => {
      const v = get(f.key);
      const need = v === undefined ? undefined : f.needs?.[v];
      if (need && get(need[0]) !== need[1] && !(need[0] === 'band' && get('band') === 'grouped3'))
        set(f.values[0] ?? '');
    };
    if (f.scope === 'book')
      check(
        (k) => shape.book[k],
        (v) => (shape.book[f.key] = v),
      );
    else
      for (const id of FORM_IDS) {
        const fs = shape.forms[id];
        if (fs?.[f.key] !== undefined)
          check(
            (k) => fs[k] ?? shape.book[k],
            (v) => (fs[f.key] = v),
          );
      }
  }
  return normaliseShape(shape);
}

/** Makes combinations that a clerk's file cannot have consistent. */
function normaliseShape(shape: Shape): Shape {
  const b = shape.book;
  // "Trong đó: thành thị / nông thôn" sits right under a total row at the top.
  if (b.hierarchy === 'breakdown') b.totalPosition = 'first';
  // A SUM over numbers typed as text would be 0: such a file has no total formulas.
  if (b.counts === 'text-vn') b.totals = 'value';
  if (b.layout === 'stacked' && b.formLabel === 'none') b.formLabel = 'with-number';
  for (const id of FORM_IDS) {
    const fs = shape.forms[id];
    if (!fs) continue;
    if (fs.lackLeaf === 'number-only' && fs.band === 'flat') fs.lackLeaf = 'numbered';
    // Groups typed without a merge are read by their columns repeating one sequence of headings:
    // abbreviations drawn cell by cell, or an English line under each, would make them differ.
    if (fs.groupCells === 'typed-middle') {
      fs.abbreviate = 'no';
      fs.english = 'none';
    }
  }
  return shape;
}

/** The classes (`key=value`) a shape has, book and form features alike, each once. */
export function classesOf(shape: Shape): ShapeClass[] {
  const out = new Set<string>();
  for (const f of FEATURES) {
    if (f.scope === 'book') {
      const v = shape.book[f.key];
      if (v !== undefined && v !== f.values[0]) out.add(`${f.key}=${v}`);
    } else
      for (const id of FORM_IDS) {
        const v = shape.forms[id]?.[f.key];
        if (v !== undefined && v !== f.values[0]) out.add(`${f.key}=${v}`);
      }
  }
  return [...out];
}

/** A short description of a shape: every non-baseline feature (form ones with their forms). */
export function describeShape(shape: Shape): string {
  const parts: string[] = [];
  for (const f of FEATURES) {
    if (f.scope === 'book') {
      const v = shape.book[f.key];
      if (v !== undefined && v !== f.values[0]) parts.push(`${f.key}=${v === '' ? '(none)' : v}`);
      continue;
    }
    const byValue = new Map<string, string[]>();
    for (const id of FORM_IDS) {
      const v = shape.forms[id]?.[f.key];
      if (v !== undefined && v !== f.values[0]) byValue.set(v, [...(byValue.get(v) ?? []), id]);
    }
    for (const [v, ids] of byValue) parts.push(`${f.key}=${v}[${ids.join(',')}]`);
  }
  return parts.length === 0 ? 'baseline' : parts.join('; ');
}

/** The shape with one class reset to the baseline (for finding which classes make a case fail). */
export function withoutClass(shape: Shape, cls: ShapeClass): Shape {
  const [key = '', value = ''] = cls.split('=');
  const f = featureByKey.get(key);
  if (!f) return shape;
  const out: Shape = {
    book: { ...shape.book },
    forms: Object.fromEntries(Object.entries(shape.forms).map(([k, v]) => [k, { ...v }])),
  };
  if (f.scope === 'book') {
    if (out.book[key] === value) out.book[key] = f.values[0] ?? '';
  } else
    for (const fs of Object.values(out.forms)) if (fs[key] === value) fs[key] = f.values[0] ?? '';
  // Values that needed this one fall back too.
  for (const g of FEATURES)
    for (const [v, need] of Object.entries(g.needs ?? {}))
      if (need[0] === key && need[1] === value) {
        if (g.scope === 'book' && out.book[g.key] === v) out.book[g.key] = g.values[0] ?? '';
        if (g.scope === 'form')
          for (const fs of Object.values(out.forms))
            if (fs[g.key] === v) fs[g.key] = g.values[0] ?? '';
      }
  return normaliseShape(out);
}

// ---------------------------------------------------------------------------------------------
// Cases

/** Changes that make a file invalid: it must never be accepted with figures other than the truth. */
export const MUTATIONS = [
  'commune-figure',
  'unlabeled-total',
  'duplicate-commune',
  'village-moved',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** How a case is chosen. */
export type CaseSpec =
  | { mode: 'single'; seed: number; cls: ShapeClass }
  | { mode: 'random'; seed: number; avoid?: ShapeClass[] }
  | { mode: 'mutation'; seed: number; mutation: Mutation; avoid?: ShapeClass[] }
  | { mode: 'baseline'; seed: number };

/** A generated case: the truth, the shape, what a reader must do with it. */
export interface Case {
  spec: CaseSpec;
  truth: Truth;
  shape: Shape;
  /** Last year's figures for the hidden copy, when the shape has one. */
  lastYear: Truth | null;
  mutation: { kind: Mutation; form: string; commune: number; detail: string } | null;
  /**
   * `accepted`: a valid file the tool claims to read; `ambiguous`: valid but with two readings;
   * `invalid`: a mutated file (must not be accepted with figures other than the truth).
   */
  expect: 'accepted' | 'ambiguous' | 'invalid';
  /** Where the shape's random choices (names, texts) come from. */
  textSeed: number;
}

function shapeNeeds(shape: Shape, mutation: Mutation | null): TruthNeeds {
  const h1 = shape.book.periodH1 !== featureByKey.get('periodH1')?.values[0];
  const annual = shape.book.periodYear !== featureByKey.get('periodYear')?.values[0];
  return {
    ...(h1 && !annual ? { period: '2022-H1' as const } : {}),
    ...(annual && !h1 ? { period: '2022' as const } : {}),
    villages: shape.book.hierarchy === 'villages' ? 'some' : 'none',
    twoWithVillages: mutation === 'village-moved',
    noPoor: shape.book.noPoor === 'one',
  };
}

const coincidentTruths = new WeakMap<Truth, boolean>();

/** The arbitrary of one case. */
export function caseArbitrary(spec: CaseSpec): fc.Arbitrary<Case> {
  return fc
    .gen()
    .map((g): Case => {
      const d = drawFrom(g);
      let shape: Shape;
      let mutation: Mutation | null = null;
      if (spec.mode === 'single') shape = singleShape(spec.cls);
      else if (spec.mode === 'random') shape = randomShape(d, spec.avoid);
      else if (spec.mode === 'baseline') shape = baselineShape();
      else {
        mutation = spec.mutation;
        shape = d.bool(0.5) ? randomShape(d, spec.avoid) : baselineShape();
        for (const fs of Object.values(shape.forms)) if (fs.band === 'ambiguous') fs.band = 'flat';
        if (mutation === 'village-moved') shape.book.hierarchy = 'villages';
        if (mutation === 'unlabeled-total') shape.book.totalLabel = '';
        normaliseShape(shape);
      }
      let truth = buildTruth(d, shapeNeeds(shape, mutation));
      let coincident = hasCoincidence(truth);
      for (let tries = 0; coincident && tries < 20; tries++) {
        truth = buildTruth(d, shapeNeeds(shape, mutation));
        coincident = hasCoincidence(truth);
      }
      coincidentTruths.set(truth, coincident);
      const lastYear =
        shape.book.hiddenCopy === 'last-year'
          ? buildTruth(d, { villages: 'none' }, { ...truth, period: '2022' })
          : null;
      const ambiguous = Object.values(shape.forms).some((fs) => fs.band === 'ambiguous');
      return {
        spec,
        truth,
        shape,
        lastYear,
        mutation: mutation ? pickMutation(d, mutation, truth) : null,
        expect: mutation ? 'invalid' : ambiguous ? 'ambiguous' : 'accepted',
        textSeed: d.int(0, 2 ** 30),
      };
    })
    .filter((c) => coincidentTruths.get(c.truth) !== true);
}

/** Generates the case of a spec (deterministic: the spec's seed decides everything). */
export function generateCase(spec: CaseSpec): Case {
  const [c] = fc.sample(caseArbitrary(spec), { seed: spec.seed, numRuns: 1 });
  if (!c) throw new Error('no case');
  return c;
}

function pickMutation(d: Draw, kind: Mutation, t: Truth): Case['mutation'] {
  const form = kind === 'village-moved' ? '01' : d.pick(FORM_IDS);
  const candidates = t.communes
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => kind !== 'village-moved' || c.villages.length > 0);
  const commune = d.pick(candidates).i;
  const detail =
    kind === 'commune-figure'
      ? `Biểu ${form}, ${t.communes[commune]?.name ?? ''}: one figure changed, total left`
      : kind === 'unlabeled-total'
        ? `total row without label; Biểu ${form}, ${t.communes[commune]?.name ?? ''}: one figure changed`
        : kind === 'duplicate-commune'
          ? `Biểu ${form}: ${t.communes[commune]?.name ?? ''} written twice`
          : `first village of ${t.communes[commune]?.name ?? ''} moved under another commune`;
  return { kind, form, commune, detail };
}

// ---------------------------------------------------------------------------------------------
// Expected report

/** What the consolidated report must show for a case's unit when it is accepted. */
export interface Expected {
  unitCode: string;
  period: Period;
  values: Record<string, number>;
  communes: {
    name: string;
    /** The name as the file writes it (the kind word may be left out). */
    written: string;
    values: Record<string, number>;
    children: ExpectedPlace[];
  }[];
}
interface ExpectedPlace {
  name: string;
  values: Record<string, number>;
}

function withRates(v: Figures): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of COUNT_IDS) out[id] = v[id] ?? 0;
  for (const r of RATES) out[r.id] = rate(v[r.numerator] ?? 0, v[r.denominator] ?? 0);
  return out;
}

/** The report a reader that got the case right gives (from the truth, never from the file). */
export function expectedReport(c: Case): Expected {
  const villages = c.shape.book.hierarchy === 'villages';
  return {
    unitCode: c.truth.unit.code,
    period: c.truth.period,
    values: withRates(c.truth.total),
    communes: c.truth.communes.map((p) => ({
      name: p.name,
      written: communeLabel(p, c.truth, c.shape),
      values: withRates(p.values),
      children: villages
        ? p.villages.map((v) => ({ name: v.name, values: withRates(v.values) }))
        : [],
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering: the neutral workbook

/** One cell to write. */
export interface CellSpec {
  v: number | string | null;
  fmt?: string;
  /** Formula without "=", written with `v` as its cached result. */
  formula?: string;
  wrap?: boolean;
}

/** One sheet to write (0-based rows and columns; merges as [top, left, bottom, right]). */
export interface SheetSpec {
  name: string;
  hidden: boolean;
  rows: (CellSpec | undefined)[][];
  merges: [number, number, number, number][];
}

/** A workbook to write. */
export interface BookSpec {
  fileName: string;
  sheets: SheetSpec[];
}

/** A tiny deterministic generator for the texts of a rendering (seeded by the case). */
function textRng(seed: number): Draw {
  let s = seed >>> 0 || 1;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    int,
    bool: (p = 0.5) => next() < p,
    pick: <T>(xs: readonly T[]): T => {
      const x = xs[int(0, xs.length - 1)];
      if (x === undefined) throw new Error('pick from an empty list');
      return x;
    },
    shuffle: <T>(xs: readonly T[]): T[] => {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        const a = out[i] as T;
        out[i] = out[j] as T;
        out[j] = a;
      }
      return out;
    },
  };
}

/** A0-style column letters. */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const stripMarks = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');

/** Folds a name for comparing: no marks, lower case, words only. */
export function nameKey(s: string): string {
  return stripMarks(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Reverse abbreviations: phrase → abbreviation, longest phrase first.
const REVERSE_ABBREVIATIONS: { phrase: string; abbr: string }[] = Object.entries(
  VOCABULARY.abbreviations,
)
  .flatMap(([abbr, meanings]) => meanings.map((phrase) => ({ phrase, abbr })))
  .sort((a, b) => b.phrase.length - a.phrase.length);

function abbreviate(text: string, r: Draw): string {
  let out = text;
  const used = new Set<string>();
  for (const { phrase, abbr } of REVERSE_ABBREVIATIONS) {
    if (used.has(phrase)) continue;
    const re = new RegExp(`(^|[^\\p{L}])${phrase}(?=$|[^\\p{L}])`, 'iu');
    if (!re.test(out) || !r.bool(0.8)) continue;
    out = out.replace(re, (_m, pre: string) => `${pre}${abbr}`);
    used.add(phrase);
  }
  return out;
}

function breakLine(text: string, r: Draw): string {
  const words = text.split(' ');
  if (words.length < 3) return text;
  const at = r.int(1, words.length - 1);
  return `${words.slice(0, at).join(' ')}\n${words.slice(at).join(' ')}`;
}

/** One column of a form's table: its id and its heading path, groups first. */
interface ColumnPlan {
  id: string;
  /** Heading levels, top to bottom; equal keys on neighbouring columns are one merged cell. */
  levels: { key: string; text: string }[];
  kind: 'count' | 'percent';
  en: string;
}

const GROUP_TEXTS = {
  poor: ['Hộ nghèo', 'Số hộ nghèo', 'HỘ NGHÈO'],
  near: ['Hộ cận nghèo', 'Số hộ cận nghèo'],
  count: ['Số hộ', 'Số lượng', 'Tổng số'],
  rate: ['Tỷ lệ (%)', 'Tỷ lệ', 'Tỷ lệ %'],
  ethnicIn: ['Trong đó: DTTS', 'Trong đó: hộ DTTS', 'Hộ DTTS', 'Trong đó hộ dân tộc thiểu số'],
  ethnicGroup: ['Trong đó: hộ DTTS', 'Hộ dân tộc thiểu số', 'Trong đó: dân tộc thiểu số'],
  ethnicLeaf: [
    ['Hộ nghèo', 'Hộ cận nghèo'],
    ['Nghèo', 'Cận nghèo'],
  ],
  umbrella01: ['Kết quả rà soát', 'Kết quả rà soát hộ nghèo, hộ cận nghèo'],
  decrease: ['Giảm trong kỳ', 'Số hộ giảm', 'Giảm'],
  increase: ['Tăng trong kỳ', 'Số hộ tăng', 'Tăng'],
  exit: ['Thoát nghèo', 'Số hộ thoát nghèo'],
  move02: ['Diễn biến trong kỳ', 'Biến động trong kỳ'],
  lackGroup: [
    'Các chỉ số thiếu hụt',
    'Số hộ thiếu hụt theo từng chỉ số',
    'Chia theo chỉ số thiếu hụt',
    'Trong đó: số hộ thiếu hụt các chỉ số',
  ],
};

const LEAF_IN_GROUP: Record<string, string[]> = {
  poor_start: ['Số hộ nghèo đầu kỳ', 'Đầu kỳ', 'Hộ nghèo đầu năm'],
  poor_end: ['Số hộ nghèo cuối kỳ', 'Cuối kỳ'],
  poor_exit_to_near_poor: ['Trở thành hộ cận nghèo', 'Thành hộ cận nghèo'],
  poor_exit_above: ['Vượt chuẩn cận nghèo', 'Vượt qua chuẩn cận nghèo'],
  poor_other_decrease: ['Khác (chết, chuyển đi…)', 'Giảm khác', 'Khác'],
  near_poor_to_poor: ['Hộ cận nghèo trở thành hộ nghèo', 'Từ hộ cận nghèo'],
  poor_relapsed: ['Tái nghèo', 'Hộ tái nghèo'],
  poor_new: ['Phát sinh mới', 'Hộ nghèo mới'],
  poor_other_increase: ['Khác (chuyển đến…)', 'Tăng khác', 'Khác'],
  near_poor_start: ['Số hộ cận nghèo đầu kỳ', 'Đầu kỳ'],
  near_poor_end: ['Số hộ cận nghèo cuối kỳ', 'Cuối kỳ'],
  near_poor_exit_to_poor: ['Trở thành hộ nghèo', 'Rơi xuống hộ nghèo'],
  near_poor_exit_above: ['Thoát cận nghèo (vượt chuẩn)', 'Vượt chuẩn cận nghèo'],
  near_poor_other_decrease: ['Khác (chết, chuyển đi…)', 'Giảm khác', 'Khác'],
  poor_to_near_poor: ['Hộ nghèo trở thành hộ cận nghèo', 'Từ hộ nghèo'],
  near_poor_relapsed: ['Tái cận nghèo', 'Hộ tái cận nghèo'],
  near_poor_new: ['Phát sinh mới', 'Hộ cận nghèo mới'],
  near_poor_other_increase: ['Khác (chuyển đến…)', 'Tăng khác', 'Khác'],
};

const EXIT_IN_DECREASE: Record<string, string> = {
  poor_exit_to_near_poor: 'Thoát nghèo, trở thành hộ cận nghèo',
  poor_exit_above: 'Thoát nghèo, vượt chuẩn cận nghèo',
};

/** The columns of a form in the shape's band, order and wording (before text transforms). */
function planColumns(form: FormJson, fs: Record<string, string>, r: Draw): ColumnPlan[] {
  const cols = planColumnsUnnumbered(form, fs, r);
  if (fs.numbering !== 'yes') return cols;
  // "1. Tổng số hộ dân cư", "2. Số hộ nghèo"…: indicator headings numbered in sheet order.
  return cols.map((c, i) => ({
    ...c,
    levels: c.levels.map((l, k) =>
      k === c.levels.length - 1 ? { ...l, text: `${i + 1}. ${l.text}` } : l,
    ),
  }));
}

function planColumnsUnnumbered(form: FormJson, fs: Record<string, string>, r: Draw): ColumnPlan[] {
  const spec = new Map(form.columns.map((c) => [c.id, c]));
  const col = (id: string, levels: { key: string; text: string }[]): ColumnPlan => {
    const c = spec.get(id);
    if (!c) throw new Error(`no column ${id}`);
    return { id, levels, kind: c.kind, en: c.en };
  };
  const leafText = (id: string): string => {
    const c = spec.get(id);
    if (!c) throw new Error(`no column ${id}`);
    if (fs.wording !== 'variants') return c.heading;
    // Variants shared by several columns of the form are not a column's own wording.
    const own = [c.heading, ...c.variants].filter(
      (v) => !form.columns.some((o) => o.id !== id && [o.heading, ...o.variants].includes(v)),
    );
    return r.pick(own.length > 0 ? own : [c.heading]);
  };
  const leaf = (id: string, text?: string): { key: string; text: string } => ({
    key: `leaf:${id}`,
    text: text ?? leafText(id),
  });
  const band = fs.band ?? 'flat';
  const swap = fs.order === 'swap';

  if (form.id === '01') {
    const h = col('households', [leaf('households')]);
    if (band === 'flat') {
      const ids = swap
        ? ['households', 'poor_rate', 'poor', 'near_poor_rate', 'near_poor']
        : ['households', 'poor', 'poor_rate', 'near_poor', 'near_poor_rate'];
      return [...ids, 'poor_ethnic_minority', 'near_poor_ethnic_minority'].map((id) =>
        col(id, [leaf(id)]),
      );
    }
    const umbrella =
      band === 'grouped3' ? [{ key: 'u', text: r.pick(GROUP_TEXTS.umbrella01) }] : [];
    const pg = { key: 'g:poor', text: band === 'ambiguous' ? '' : r.pick(GROUP_TEXTS.poor) };
    const ng = { key: 'g:near', text: band === 'ambiguous' ? '' : r.pick(GROUP_TEXTS.near) };
    const countText = r.pick(GROUP_TEXTS.count);
    const rateText = r.pick(GROUP_TEXTS.rate);
    const group = (
      g: { key: string; text: string },
      count: string,
      rateId: string,
    ): ColumnPlan[] => {
      const pair = [
        col(count, [...umbrella, g, leaf(count, countText)]),
        col(rateId, [...umbrella, g, leaf(rateId, rateText)]),
      ];
      return swap ? pair.reverse() : pair;
    };
    // Ethnic columns inside each group, or after both groups under a group of their own.
    const ethnicAfter = band === 'ambiguous' || r.bool(0.5);
    const ethnicIn = r.pick(GROUP_TEXTS.ethnicIn);
    if (!ethnicAfter)
      return [
        h,
        ...group(pg, 'poor', 'poor_rate'),
        col('poor_ethnic_minority', [...umbrella, pg, leaf('poor_ethnic_minority', ethnicIn)]),
        ...group(ng, 'near_poor', 'near_poor_rate'),
        col('near_poor_ethnic_minority', [
          ...umbrella,
          ng,
          leaf('near_poor_ethnic_minority', ethnicIn),
        ]),
      ];
    const eg = { key: 'g:ethnic', text: r.pick(GROUP_TEXTS.ethnicGroup) };
    const [pl = 'Hộ nghèo', nl = 'Hộ cận nghèo'] = r.pick(GROUP_TEXTS.ethnicLeaf);
    return [
      h,
      ...group(pg, 'poor', 'poor_rate'),
      ...group(ng, 'near_poor', 'near_poor_rate'),
      col('poor_ethnic_minority', [...umbrella, eg, leaf('poor_ethnic_minority', pl)]),
      col('near_poor_ethnic_minority', [...umbrella, eg, leaf('near_poor_ethnic_minority', nl)]),
    ];
  }

  if (form.id === '02' || form.id === '03') {
    const p = form.id === '02' ? 'poor' : 'near_poor';
    const dec =
      form.id === '02'
        ? ['poor_exit_to_near_poor', 'poor_exit_above', 'poor_other_decrease']
        : ['near_poor_exit_to_poor', 'near_poor_exit_above', 'near_poor_other_decrease'];
    const inc =
      form.id === '02'
        ? ['near_poor_to_poor', 'poor_relapsed', 'poor_new', 'poor_other_increase']
        : ['poor_to_near_poor', 'near_poor_relapsed', 'near_poor_new', 'near_poor_other_increase'];
    const start = `${p}_start`;
    const end = `${p}_end`;
    const inGroup = (id: string): string => r.pick(LEAF_IN_GROUP[id] ?? [leafText(id)]);
    let decCols: ColumnPlan[];
    let incCols: ColumnPlan[];
    let startCol: ColumnPlan;
    let endCol: ColumnPlan;
    if (band === 'flat') {
      decCols = dec.map((id) => col(id, [leaf(id)]));
      incCols = inc.map((id) => col(id, [leaf(id)]));
      startCol = col(start, [leaf(start)]);
      endCol = col(end, [leaf(end)]);
    } else {
      // Three rows: "Giảm trong kỳ" / "Thoát nghèo" / leaves, or an umbrella over both groups.
      const exitGroup = form.id === '02' && band === 'grouped3' && r.bool(0.7);
      const umbrella =
        band === 'grouped3' && !exitGroup ? [{ key: 'u', text: r.pick(GROUP_TEXTS.move02) }] : [];
      const dg = { key: 'g:dec', text: r.pick(GROUP_TEXTS.decrease) };
      const ig = { key: 'g:inc', text: r.pick(GROUP_TEXTS.increase) };
      const eg = { key: 'g:exit', text: r.pick(GROUP_TEXTS.exit) };
      decCols = dec.map((id) => {
        if (exitGroup && id in EXIT_IN_DECREASE) return col(id, [dg, eg, leaf(id, inGroup(id))]);
        if (form.id === '02' && id in EXIT_IN_DECREASE)
          return col(id, [...umbrella, dg, leaf(id, EXIT_IN_DECREASE[id])]);
        return col(id, [...umbrella, dg, leaf(id, inGroup(id))]);
      });
      incCols = inc.map((id) => col(id, [...umbrella, ig, leaf(id, inGroup(id))]));
      startCol = col(start, [leaf(start, inGroup(start))]);
      endCol = col(end, [leaf(end, inGroup(end))]);
    }
    if (!swap) return [startCol, ...decCols, ...incCols, endCol];
    return r.bool(0.5)
      ? [startCol, ...incCols, ...decCols, endCol]
      : [startCol, endCol, ...decCols, ...incCols];
  }

  // Biểu 04 / 05: the group, the total of deprivations, twelve indicators.
  const p = form.id === '04' ? 'poor' : 'near_poor';
  const groupCol = col(p, [leaf(p)]);
  const depCol = col(`${p}_deprivations`, [leaf(`${p}_deprivations`)]);
  const style = fs.lackLeaf ?? 'name';
  const lackText = (k: number): string => {
    const ind = STANDARD.indicators[k];
    if (!ind) throw new Error('no indicator');
    const name =
      fs.wording === 'variants'
        ? leafText(`${p}_lack_${ind.id}`).replace(/^\d+\.\s*/, '')
        : ind.name.vi;
    if (style === 'numbered') return `${ind.number}. ${name}`;
    if (style === 'number-only') return String(ind.number);
    if (style === 'chi-so') return `Chỉ số ${ind.number}`;
    return name;
  };
  const lackCols = LACKS.map((id, k) => {
    const cid = `${p}_lack_${id}`;
    if (band === 'flat') return col(cid, [leaf(cid, lackText(k))]);
    const g = { key: 'g:lack', text: r.pick(GROUP_TEXTS.lackGroup) };
    const dim = STANDARD.indicators[k]?.dimension.vi ?? '';
    const levels =
      band === 'grouped3'
        ? [g, { key: `g:dim:${dim}`, text: dim }, leaf(cid, lackText(k))]
        : [g, leaf(cid, lackText(k))];
    return col(cid, levels);
  });
  // One group text for all twelve (a merged cell has one text).
  const gText = lackCols[0]?.levels[0]?.text ?? '';
  if (band !== 'flat')
    for (const c of lackCols) if (c.levels[0]) c.levels[0] = { key: 'g:lack', text: gText };
  return swap ? [groupCol, ...lackCols, depCol] : [groupCol, depCol, ...lackCols];
}

/** Applies a form's text features to one heading text. */
function transformHeading(
  text: string,
  fs: Record<string, string>,
  r: Draw,
  role: 'leaf-count' | 'leaf-rate' | 'leaf-deprivations' | 'group' | 'common',
): string {
  if (text === '') return text;
  let t = text;
  if (fs.units === 'yes' && role !== 'group' && role !== 'common' && !/^\d+$/.test(t)) {
    if (role === 'leaf-rate' && !t.includes('%')) t = `${t} (%)`;
    if (role === 'leaf-count' && !/\(hộ\)/.test(t)) t = `${t} (hộ)`;
    if (role === 'leaf-deprivations') t = `${t} (lượt)`;
  }
  if (fs.abbreviate === 'yes' && role !== 'common') t = abbreviate(t, r);
  if (fs.noDiacritics === 'yes') t = stripMarks(t);
  if (fs.upper === 'yes') t = t.toUpperCase();
  if (fs.lineBreaks === 'yes') t = breakLine(t, r);
  return t;
}

/** A row of a written table. */
interface WrittenRow {
  kind: 'total' | 'group' | 'section' | 'commune' | 'village';
  label: string;
  stt: string;
  values: Figures | null;
  /** Indices (in the table) of the rows this one sums, for formulas. */
  parts: number[];
}

const ROMAN =
  'I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX XXI XXII XXIII XXIV XXV'.split(
    ' ',
  );

const bareName = (name: string): string => name.replace(/^(Xã|Phường|Thị trấn)\s+/, '');

function communeLabel(c: Place, t: Truth, shape: Shape): string {
  if (shape.book.communeNames !== 'bare') return c.name;
  // A clerk leaves the kind out only where the name alone still tells (not Xã / Thị trấn Trạm Tấu).
  const bare = bareName(c.name);
  const same = t.communes.filter((o) => nameKey(bareName(o.name)) === nameKey(bare));
  return same.length === 1 ? bare : c.name;
}

/** The rows of a table in the shape's hierarchy (same rows for every form). */
function writtenRows(t: Truth, shape: Shape, r: Draw): WrittenRow[] {
  const b = shape.book;
  const rows: WrittenRow[] = [];
  const communeRows: number[] = [];
  const stt = b.stt ?? 'arabic';
  let n = 0;
  const pushCommune = (c: Place): void => {
    n++;
    const villages = b.hierarchy === 'villages' ? c.villages : [];
    const idx = rows.length;
    communeRows.push(idx);
    rows.push({
      kind: 'commune',
      label: communeLabel(c, t, shape),
      stt: stt === 'none' ? '' : stt === 'roman-communes' ? (ROMAN[n - 1] ?? String(n)) : String(n),
      values: { ...c.values },
      parts: [],
    });
    villages.forEach((v, k) => {
      const part = rows.length;
      (rows[idx] as WrittenRow).parts.push(part);
      rows.push({
        kind: 'village',
        label: v.name,
        stt:
          stt === 'none'
            ? ''
            : stt === 'roman-communes'
              ? String(k + 1)
              : stt === 'letter-villages'
                ? String.fromCharCode(97 + k)
                : stt === 'dash-villages'
                  ? '-'
                  : `${n}.${k + 1}`,
        values: { ...v.values },
        parts: [],
      });
    });
  };
  const urban = t.communes.filter((c) => c.urban);
  const rural = t.communes.filter((c) => !c.urban);
  const total: WrittenRow = {
    kind: 'total',
    label: b.totalLabel ?? 'Tổng cộng',
    stt: '',
    values: { ...t.total },
    parts: [],
  };
  const first = b.totalPosition === 'first';
  if (first) rows.push(total);
  if (b.hierarchy === 'breakdown') {
    const oneCell = r.bool(0.5);
    if (!oneCell)
      rows.push({ kind: 'section', label: 'Trong đó:', stt: '', values: null, parts: [] });
    const [u, ru] = r.pick([
      ['- Thành thị', '- Nông thôn'],
      ['Thành thị', 'Nông thôn'],
      ['+ Khu vực thành thị', '+ Khu vực nông thôn'],
    ]);
    const uIdx = rows.length;
    rows.push({
      kind: 'group',
      label: oneCell ? `Trong đó: ${u ?? ''}` : (u ?? ''),
      stt: '',
      values: sumFigures(urban.map((c) => c.values)),
      parts: [],
    });
    const rIdx = rows.length;
    rows.push({
      kind: 'group',
      label: ru ?? '',
      stt: '',
      values: sumFigures(rural.map((c) => c.values)),
      parts: [],
    });
    for (const c of t.communes) {
      pushCommune(c);
      const row = communeRows[communeRows.length - 1] ?? 0;
      (rows[c.urban ? uIdx : rIdx] as WrittenRow).parts.push(row);
    }
  } else if (b.hierarchy === 'urban-rural') {
    const style = r.pick(['roman-stt', 'roman-label', 'plain']);
    const groups: [Place[], string, string][] = [
      [urban, 'I', r.pick(['Khu vực thành thị', 'Thành thị', 'Các phường, thị trấn'])],
      [rural, 'II', r.pick(['Khu vực nông thôn', 'Nông thôn', 'Các xã'])],
    ];
    for (const [members, roman, text] of groups) {
      if (members.length === 0) continue;
      const gIdx = rows.length;
      rows.push({
        kind: 'group',
        label: style === 'roman-label' ? `${roman}. ${text}` : text,
        stt: style === 'roman-stt' ? roman : '',
        values: sumFigures(members.map((c) => c.values)),
        parts: [],
      });
      for (const c of members) {
        pushCommune(c);
        (rows[gIdx] as WrittenRow).parts.push(communeRows[communeRows.length - 1] ?? 0);
      }
    }
  } else {
    for (const c of t.communes) pushCommune(c);
  }
  if (!first) rows.push(total);
  // The total sums the commune rows.
  total.parts = [...communeRows];
  return rows;
}

/** Applies a mutation to the rows of one form (a copy). */
function mutateRows(rows: WrittenRow[], form: string, c: Case): WrittenRow[] {
  const m = c.mutation;
  if (!m || (m.kind !== 'village-moved' && form !== m.form)) return rows;
  const communeRowIdx = rows
    .map((row, i) => ({ row, i }))
    .filter(({ row }) => row.kind === 'commune')[m.commune]?.i;
  if (communeRowIdx === undefined) return rows;
  const out = rows.map((row) => ({
    ...row,
    values: row.values ? { ...row.values } : null,
    parts: [...row.parts],
  }));
  const target = out[communeRowIdx];
  if (!target?.values) return out;
  if (m.kind === 'commune-figure' || m.kind === 'unlabeled-total') {
    changeFigure(target.values, form);
  } else if (m.kind === 'duplicate-commune') {
    let end = communeRowIdx + 1;
    while (out[end]?.kind === 'village') end++;
    out.splice(end, 0, { ...target, values: { ...target.values }, parts: [] });
  } else if (m.kind === 'village-moved') {
    const villageIdx = communeRowIdx + 1;
    const village = out[villageIdx];
    if (village?.kind !== 'village') return out;
    out.splice(villageIdx, 1);
    // Under the next commune (or the first one, when the village's commune is the last).
    const communes = out.map((row, i) => ({ row, i })).filter(({ row }) => row.kind === 'commune');
    const at = communes.findIndex(({ i }) => i === communeRowIdx);
    const other = communes[(at + 1) % communes.length];
    if (!other || other.i === communeRowIdx) return rows;
    let end = other.i + 1;
    while (out[end]?.kind === 'village') end++;
    out.splice(end, 0, village);
  }
  // Formulas of a mutated table are not kept: its parts no longer hold.
  for (const row of out) row.parts = [];
  return out;
}

/** Changes one figure of a row so that the row stays consistent within itself and across forms. */
function changeFigure(v: Figures, form: string): void {
  const bump = (id: string, by: number): void => {
    v[id] = (v[id] ?? 0) + by;
  };
  const delta = Math.max(1, Math.floor((v.households ?? 10) / 17));
  if (form === '02') {
    bump('poor_start', delta);
    bump('poor_exit_above', delta);
  } else if (form === '03') {
    bump('near_poor_start', delta);
    bump('near_poor_exit_above', delta);
  } else if (form === '04' && LACKS.some((id) => (v[`poor_lack_${id}`] ?? 0) < (v.poor ?? 0))) {
    const id = LACKS.find((x) => (v[`poor_lack_${x}`] ?? 0) < (v.poor ?? 0)) ?? '';
    bump(`poor_lack_${id}`, 1);
    bump('poor_deprivations', 1);
  } else if (
    form === '05' &&
    (v.near_poor_deprivations ?? 0) < 2 * (v.near_poor ?? 0) &&
    LACKS.some((id) => (v[`near_poor_lack_${id}`] ?? 0) < (v.near_poor ?? 0))
  ) {
    const id = LACKS.find((x) => (v[`near_poor_lack_${x}`] ?? 0) < (v.near_poor ?? 0)) ?? '';
    bump(`near_poor_lack_${id}`, 1);
    bump('near_poor_deprivations', 1);
  } else {
    bump('households', delta);
  }
}

/** Thousands grouped with "." (Vietnamese). */
function viNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

interface SheetBuilder {
  sheet: SheetSpec;
  set(r: number, c: number, cell: CellSpec | undefined): void;
  merge(top: number, left: number, bottom: number, right: number): void;
}

function newSheet(name: string, hidden: boolean): SheetBuilder {
  const sheet: SheetSpec = { name, hidden, rows: [], merges: [] };
  return {
    sheet,
    set(r, c, cell) {
      while (sheet.rows.length <= r) sheet.rows.push([]);
      const row = sheet.rows[r] ?? [];
      while (row.length <= c) row.push(undefined);
      row[c] = cell;
    },
    merge(top, left, bottom, right) {
      if (top === bottom && left === right) return;
      sheet.merges.push([top, left, bottom, right]);
    },
  };
}

/** How the unit is named in a title ("UBND HUYỆN LỤC YÊN"). */
function unitTitle(u: UnitRef, r: Draw): string {
  const named = [u.name, ...u.variants.filter((v) => /^(Huyện|Thị xã|Thành phố|TX|TP)\b/.test(v))];
  return r.pick(named);
}

const FORM_TITLE_PREFIX = ['Biểu', 'BIỂU', 'Biểu số', 'Mẫu số'];

interface RenderContext {
  c: Case;
  truth: Truth;
  r: Draw;
  width: number;
  offset: number;
  unitText: string;
}

function periodLines(ctx: RenderContext, upper: boolean): string[] {
  const b = ctx.c.shape.book;
  const year = '2022';
  if (ctx.truth.period === '2022-H1') {
    switch (b.periodH1) {
      case 'words':
        return [`sáu tháng đầu năm ${year}`];
      case 'short':
        return [`Báo cáo 6T/${year}`];
      case 'two-lines':
        return ['06 tháng đầu năm', `Năm ${year}`];
      case 'report-period':
        return [`(Kỳ báo cáo: 6 tháng đầu năm ${year})`];
      case 'in-title':
        return [];
      default:
        return [upper ? `6 THÁNG ĐẦU NĂM ${year}` : `6 tháng đầu năm ${year}`];
    }
  }
  switch (b.periodYear) {
    case 'upper':
      return [`NĂM ${year}`];
    case 'whole-year':
      return [`Cả năm ${year}`];
    case 'report-period':
      return [`(Kỳ báo cáo: năm ${year})`];
    default:
      return [`năm ${year}`];
  }
}

function titleInPeriod(ctx: RenderContext): string {
  const b = ctx.c.shape.book;
  if (ctx.truth.period === '2022-H1' && b.periodH1 === 'in-title') return ' 6 THÁNG ĐẦU NĂM 2022';
  return '';
}

/** Writes the title block of a sheet; returns the next free row. */
function writeTitle(
  s: SheetBuilder,
  ctx: RenderContext,
  row: number,
  formId: string | null,
): number {
  const b = ctx.c.shape.book;
  const { r, offset, width } = ctx;
  const line = (text: string, merged = true): void => {
    s.set(row, offset, { v: text });
    if (merged) s.merge(row, offset, row, offset + width - 1);
    row++;
  };
  const left =
    b.unitPlace === 'title'
      ? `UBND ${ctx.unitText.toUpperCase()}`
      : b.unitPlace === 'department'
        ? `PHÒNG LAO ĐỘNG - TB&XH ${ctx.unitText.toUpperCase()}`
        : '';
  if (left || b.titleRows === 'many') {
    const half = Math.max(2, Math.floor(width / 2));
    if (left) {
      s.set(row, offset, { v: left });
      s.merge(row, offset, row, offset + half - 1);
    }
    s.set(row, offset + half, { v: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' });
    s.merge(row, offset + half, row, offset + width - 1);
    row++;
    s.set(row, offset + half, { v: 'Độc lập - Tự do - Hạnh phúc' });
    s.merge(row, offset + half, row, offset + width - 1);
    row++;
    row++;
  }
  if (b.recipient === 'yes') line('Kính gửi: Sở Lao động - TB&XH tỉnh Yên Bái');
  const label = b.formLabel ?? 'with-number';
  if (formId === null) {
    line(`BÁO CÁO KẾT QUẢ GIẢM NGHÈO${titleInPeriod(ctx)}`);
  } else {
    const title = formSpec(formId).title.vi.toUpperCase() + titleInPeriod(ctx);
    const prefix = `${r.pick(FORM_TITLE_PREFIX)} ${formId}`;
    if (label === 'with-number' || ctx.c.shape.book.layout === 'stacked')
      line(`${prefix}: ${title}`);
    else if (label === 'separate-line') {
      line(prefix.toUpperCase());
      line(title);
    } else line(title);
  }
  if (formId === null || b.layout !== 'stacked')
    for (const p of periodLines(ctx, r.bool(0.3))) line(p);
  if (b.unitPlace === 'reporting-unit' && (formId === null || b.layout !== 'stacked'))
    line(`Đơn vị báo cáo: UBND ${ctx.unitText}`, false);
  if (b.titleRows === 'many') {
    line('Đơn vị tính: hộ', false);
    row++;
  }
  return row + 1;
}

/** Writes the signature block; returns the next free row. */
function writeFooter(s: SheetBuilder, ctx: RenderContext, row: number): number {
  const b = ctx.c.shape.book;
  const { offset, width } = ctx;
  const right = offset + Math.max(2, Math.floor(width / 2));
  row++;
  if (b.dateLine === 'yes') {
    const place = ctx.truth.unit.short;
    const date =
      ctx.truth.period === '2022-H1' ? 'ngày 10 tháng 6 năm 2022' : 'ngày 12 tháng 12 năm 2022';
    s.set(row, right, { v: `${place}, ${date}` });
    row++;
  }
  s.set(row, offset + 1, { v: 'NGƯỜI LẬP BIỂU' });
  if (b.unitPlace === 'signature') {
    s.set(row, right, { v: `TM. UBND ${ctx.unitText.toUpperCase()}` });
    row++;
    s.set(row, right, { v: 'CHỦ TỊCH' });
  } else s.set(row, right, { v: 'TRƯỞNG PHÒNG' });
  return row + 2;
}

/** The number-row texts: STT, name, then each sheet column (`null` id: an extra column). */
function numberRowTexts(notation: string, ids: (string | null)[]): string[] | null {
  if (notation === 'none') return null;
  if (notation === 'primes') return ["1'", "2'", ...ids.map((_, i) => `${i + 3}'`)];
  const wrap = (s: string): string => (notation === 'parens' ? `(${s})` : s);
  const pos = (id: string): number => ids.indexOf(id) + 1;
  const texts = ids.map((id, i) => {
    const spec = RATES.find((x) => x.id === id);
    const a = spec ? pos(spec.numerator) : 0;
    const h = spec ? pos(spec.denominator) : 0;
    const k = wrap(String(i + 1));
    return a > 0 && h > 0 ? `${k}=${wrap(String(a))}/${wrap(String(h))}x100` : k;
  });
  return [wrap('A'), wrap('B'), ...texts];
}

/** Writes one form's table at `row`; returns the next free row. */
function writeForm(
  s: SheetBuilder,
  ctx: RenderContext,
  row: number,
  formId: string,
  truth: Truth,
  mutated: boolean,
): number {
  const { c, r, offset } = ctx;
  const b = c.shape.book;
  const fs = c.shape.forms[formId] ?? {};
  const form = formSpec(formId);
  const cols = planColumns(form, fs, r);
  const extra =
    b.extraColumn === 'notes'
      ? 'Ghi chú'
      : b.extraColumn === 'persons' && formId === '01'
        ? 'Số nhân khẩu'
        : null;
  // Sheet columns: STT, name, indicators (the persons column right after households), notes.
  const sheetCols: ({ kind: 'ind'; plan: ColumnPlan } | { kind: 'extra' })[] = cols.map((plan) => ({
    kind: 'ind' as const,
    plan,
  }));
  if (extra === 'Số nhân khẩu') sheetCols.splice(1, 0, { kind: 'extra' });
  else if (extra) sheetCols.push({ kind: 'extra' });
  const colOf = (i: number): number => offset + 2 + i;

  // Heading band.
  const height = Math.max(1, ...cols.map((p) => p.levels.length));
  const sttText = transformHeading(
    r.pick([FORMS.common.stt.heading, ...FORMS.common.stt.variants.slice(0, 2)]),
    fs,
    r,
    'common',
  );
  const names = [FORMS.common.name.heading, ...FORMS.common.name.variants].filter(
    (n) => b.hierarchy === 'villages' || !/thôn|bản/i.test(n),
  );
  const nameText = transformHeading(r.pick(names), fs, r, 'common');
  const english = fs.english ?? 'none';
  const both = (vi: string, en: string): string =>
    english === 'same-cell' ? `${vi}${r.bool(0.5) ? ' / ' : '\n'}${en}` : vi;
  s.set(row, offset, { v: both(sttText, 'No.'), wrap: true });
  s.set(row, offset + 1, { v: both(nameText, 'Unit'), wrap: true });
  s.merge(row, offset, row + height - 1, offset);
  s.merge(row, offset + 1, row + height - 1, offset + 1);
  const transformedGroup = new Map<string, string>();
  sheetCols.forEach((sc, i) => {
    const cc = colOf(i);
    if (sc.kind === 'extra') {
      s.set(row, cc, { v: extra ?? '' });
      s.merge(row, cc, row + height - 1, cc);
      return;
    }
    const levels = sc.plan.levels;
    levels.forEach((lvl, k) => {
      const isLeaf = k === levels.length - 1;
      const rowAt = row + k;
      if (!isLeaf) {
        // A group cell: written once, merged over its neighbours with the same key.
        const prev = sheetCols[i - 1];
        const prevKey = prev?.kind === 'ind' ? prev.plan.levels[k]?.key : undefined;
        if (prevKey === lvl.key) return;
        let span = 1;
        for (let j = i + 1; j < sheetCols.length; j++) {
          const next = sheetCols[j];
          if (
            next?.kind === 'ind' &&
            next.plan.levels[k]?.key === lvl.key &&
            next.plan.levels.length - 1 > k
          )
            span++;
          else break;
        }
        let text = transformedGroup.get(lvl.key);
        if (text === undefined) {
          text = transformHeading(lvl.text, fs, r, 'group');
          transformedGroup.set(lvl.key, text);
        }
        if (fs.groupCells === 'typed-middle' && (lvl.key === 'g:poor' || lvl.key === 'g:near')) {
          // Typed in the middle cell of the group's columns, nothing merged.
          if (text !== '') s.set(rowAt, cc + Math.floor((span - 1) / 2), { v: text, wrap: true });
          return;
        }
        if (text !== '') s.set(rowAt, cc, { v: text, wrap: true });
        s.merge(rowAt, cc, rowAt, cc + span - 1);
        return;
      }
      const role =
        sc.plan.kind === 'percent'
          ? 'leaf-rate'
          : sc.plan.id.endsWith('deprivations')
            ? 'leaf-deprivations'
            : 'leaf-count';
      const text = both(transformHeading(lvl.text, fs, r, role), sc.plan.en);
      s.set(rowAt, cc, { v: text, wrap: true });
      s.merge(rowAt, cc, row + height - 1, cc);
    });
  });
  row += height;
  if (english === 'row') {
    s.set(row, offset, { v: 'No.' });
    s.set(row, offset + 1, { v: 'Unit' });
    sheetCols.forEach((sc, i) => {
      if (sc.kind === 'ind') s.set(row, colOf(i), { v: sc.plan.en });
    });
    row++;
  }
  const numbers = numberRowTexts(
    fs.numberRow ?? 'none',
    sheetCols.map((sc) => (sc.kind === 'ind' ? sc.plan.id : null)),
  );
  if (numbers) {
    numbers.forEach((t, i) => {
      s.set(row, offset + i, { v: t });
    });
    row++;
  }

  // Rows.
  let rows = writtenRows(truth, c.shape, textRng(c.textSeed + 7));
  if (mutated) rows = mutateRows(rows, formId, c);
  const sheetRowOf: number[] = [];
  let at = row;
  rows.forEach((wr, i) => {
    // A blank row between the total and the rest.
    if (b.gaps === 'yes' && i > 0 && (rows[i - 1]?.kind === 'total' || wr.kind === 'total')) at++;
    sheetRowOf.push(at);
    at++;
  });
  rows.forEach((wr, i) => {
    const rr = sheetRowOf[i] ?? 0;
    if (wr.kind === 'total' && b.totalCell === 'stt-merged') {
      if (wr.label !== '') s.set(rr, offset, { v: wr.label });
      s.merge(rr, offset, rr, offset + 1);
    } else {
      if (wr.stt !== '') s.set(rr, offset, { v: /^\d+$/.test(wr.stt) ? Number(wr.stt) : wr.stt });
      if (wr.label !== '') s.set(rr, offset + 1, { v: wr.label });
    }
    if (!wr.values) return;
    const values = wr.values;
    sheetCols.forEach((sc, j) => {
      const cc = colOf(j);
      if (sc.kind === 'extra') {
        if (extra === 'Số nhân khẩu') s.set(rr, cc, countCell(values._persons ?? 0, b));
        else if (wr.kind === 'commune' && r.bool(0.3))
          s.set(rr, cc, { v: r.pick(['Đã rà soát', 'Xã khu vực III', 'Số liệu chính thức']) });
        return;
      }
      const plan = sc.plan;
      const letter = columnLetter(cc);
      const parts = wr.parts.map((p) => sheetRowOf[p] ?? 0);
      const formula =
        b.totals === 'formula' && parts.length > 0 && plan.kind === 'count'
          ? sumFormula(letter, parts)
          : undefined;
      if (plan.kind === 'count') {
        const cell = countCell(values[plan.id] ?? 0, b);
        s.set(rr, cc, formula ? { v: values[plan.id] ?? 0, formula } : cell);
        return;
      }
      const spec = RATES.find((x) => x.id === plan.id);
      if (!spec) return;
      const num = values[spec.numerator] ?? 0;
      const den = values[spec.denominator] ?? 0;
      const numCol = sheetCols.findIndex((x) => x.kind === 'ind' && x.plan.id === spec.numerator);
      const denCol = sheetCols.findIndex((x) => x.kind === 'ind' && x.plan.id === spec.denominator);
      s.set(
        rr,
        cc,
        rateCell(
          num,
          den,
          b,
          `${columnLetter(colOf(numCol))}${rr + 1}`,
          `${columnLetter(colOf(denCol))}${rr + 1}`,
        ),
      );
    });
  });
  return at;
}

function sumFormula(letter: string, rows: number[]): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const contiguous = sorted.every((x, i) => i === 0 || x === (sorted[i - 1] ?? 0) + 1);
  if (contiguous && sorted.length > 1)
    return `SUM(${letter}${(sorted[0] ?? 0) + 1}:${letter}${(sorted[sorted.length - 1] ?? 0) + 1})`;
  return sorted.map((x) => `${letter}${x + 1}`).join('+');
}

function countCell(n: number, b: Record<string, string>): CellSpec | undefined {
  if (n === 0 && b.zero === 'dash') return { v: '-' };
  if (n === 0 && b.zero === 'blank') return undefined;
  if (b.counts === 'text-vn') return { v: viNumber(n) };
  return { v: n };
}

function rateCell(
  num: number,
  den: number,
  b: Record<string, string>,
  numRef: string,
  denRef: string,
): CellSpec | undefined {
  const value = rate(num, den);
  if (num === 0 && b.zero === 'dash') return { v: '-' };
  switch (b.rates) {
    case 'fraction':
      return { v: den === 0 ? 0 : num / den, fmt: '0.00%' };
    case 'text-comma':
      return { v: value.toFixed(2).replace('.', ',') };
    case 'formula':
      return { v: value, formula: `ROUND(${numRef}/${denRef}*100,2)` };
    default:
      return { v: value };
  }
}

/** The workbook of a case. */
export function renderBook(c: Case): BookSpec {
  const b = c.shape.book;
  const r = textRng(c.textSeed);
  const unitText = unitTitle(c.truth.unit, r);
  const extraWidth = b.extraColumn === 'none' ? 0 : 1;
  const widthOf = (formId: string): number => 2 + formSpec(formId).columns.length + extraWidth;
  const offset = Number(b.offset ?? '0');
  const sheets: SheetSpec[] = [];
  const order = b.sheetOrder === 'shuffled' ? r.shuffle(FORM_IDS) : FORM_IDS;
  const mutated = c.mutation !== null;

  const sheetName = (formId: string, i: number): string => {
    if (b.sheetNames === 'sheetN') return `Sheet${i + 1}`;
    if (b.sheetNames === 'catalogue') return r.pick(formSpec(formId).sheetNames);
    return `Biểu ${formId}`;
  };

  if (b.layout === 'stacked') {
    const s = newSheet(r.pick(['Sheet1', 'Tổng hợp', 'Biểu tổng hợp']), false);
    const width = Math.max(...FORM_IDS.map(widthOf));
    const ctx: RenderContext = { c, truth: c.truth, r, width, offset, unitText };
    let row = writeTitle(s, ctx, 0, null);
    for (const formId of FORM_IDS) {
      row = writeTitle(
        s,
        {
          ...ctx,
          c: {
            ...c,
            shape: {
              ...c.shape,
              book: { ...b, unitPlace: 'none', recipient: 'no', titleRows: 'few' },
            },
          },
        },
        row,
        formId,
      );
      row = writeForm(s, ctx, row, formId, c.truth, mutated) + 2;
    }
    writeFooter(s, ctx, row);
    sheets.push(s.sheet);
  } else {
    order.forEach((formId, i) => {
      const s = newSheet(sheetName(formId, i), false);
      const ctx: RenderContext = { c, truth: c.truth, r, width: widthOf(formId), offset, unitText };
      let row = writeTitle(s, ctx, 0, formId);
      row = writeForm(s, ctx, row, formId, c.truth, mutated);
      writeFooter(s, ctx, row);
      sheets.push(s.sheet);
    });
  }
  if (c.lastYear) {
    const s = newSheet(r.pick(['Năm 2021', 'BC 2021', 'Bieu01 (2021)']), true);
    const last: Case = { ...c, truth: { ...c.lastYear, period: '2022' }, mutation: null };
    const ctx: RenderContext = {
      c: last,
      truth: { ...c.lastYear, period: '2022' },
      r,
      width: widthOf('01'),
      offset,
      unitText,
    };
    const row = writeTitle(
      s,
      {
        ...ctx,
        c: {
          ...last,
          shape: { ...last.shape, book: { ...b, periodYear: 'plain', layout: 'per-sheet' } },
        },
      },
      0,
      '01',
    );
    // Last year's copy: the same form for 2021.
    for (const line of s.sheet.rows)
      for (const cell of line)
        if (cell && typeof cell.v === 'string') cell.v = cell.v.replace(/2022/g, '2021');
    writeForm(
      s,
      { ...ctx, c: { ...last, shape: { ...last.shape, book: { ...b, hierarchy: 'flat' } } } },
      row,
      '01',
      ctx.truth,
      false,
    );
    sheets.push(s.sheet);
  }
  if (b.nfd === 'yes')
    for (const sh of sheets)
      for (const line of sh.rows)
        for (const cell of line)
          if (cell && typeof cell.v === 'string') cell.v = cell.v.normalize('NFD');
  return { fileName: fileName(c, r), sheets };
}

function fileName(c: Case, r: Draw): string {
  const b = c.shape.book;
  if (b.unitPlace === 'file-name') {
    const u = c.truth.unit;
    const plain = stripMarks(u.short);
    return `${r.pick([`BC giam ngheo ${plain}`, `${u.short} - báo cáo`, `Bao cao ${plain.replace(/ /g, '')}`, `Báo cáo ${u.short}`])}.xlsx`;
  }
  return `${r.pick(['Bao cao giam ngheo', 'Biểu tổng hợp', 'BC rà soát', 'bao-cao'])}.xlsx`;
}

/** A one-line description of a case (for file names of side files and assertion messages). */
export function describeCase(c: Case): string {
  const t = c.truth;
  const villages = t.communes.reduce((a, p) => a + p.villages.length, 0);
  const head = `${t.unit.code} ${t.unit.name}, ${t.period}, ${t.scale}, ${t.communes.length} communes${villages ? `, ${villages} villages` : ''}`;
  const m = c.mutation ? ` | MUTATION ${c.mutation.kind}: ${c.mutation.detail}` : '';
  return `${head} | ${describeShape(c.shape)}${m}`;
}
