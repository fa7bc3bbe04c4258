/**
 * One period after another: each unit's poor and near-poor rates in a series of consolidated
 * reports, the reduction of the poor rate per year (from the plan's baseline, or the first period
 * known, to the last; and from one annual report to the next) against the plan's target, and the
 * province line. When the series spans a reform of units, the rows are the new units and the old
 * reports are regrouped into them (`core/regroup.ts`); what cannot be regrouped is said, never
 * guessed. Pure: the command reads the files and passes them in.
 */
import type { Values } from './consolidate.js';
import { regroup, type RegroupReason, type RegroupSource } from './regroup.js';
import { roundHalfUp } from './round.js';
import type { Plan, Reform } from './schemas.js';

/** The indicators a trend reads, by role. */
export interface TrendIds {
  poorRate: string;
  nearPoorRate: string;
  poor: string;
  /** Poor households at the start of the year (Biểu 02): the baseline count. */
  poorStart: string;
}

/** A consolidated report as the trend reads it. */
export interface TrendReport extends RegroupSource {
  /** The file it was read from, as given. */
  file: string;
  period: string;
  plan: string;
  province: { code: string; name: string };
  units: (RegroupSource['units'][number] & { values: Values })[];
  total: Values;
  /** Whether the province total is of some units only (units missing or rejected). */
  partial: boolean;
  ids: TrendIds;
  /** The forms' count indicators, summed when regrouping. */
  counts: readonly string[];
  /** Rates recomputed from counts with the report's forms. */
  withRates: (counts: Values) => Values;
}

/** What a cell shows. */
export type CellStatus =
  | 'given'
  /** The province's rate over the units received only: shown, not used for the reduction. */
  | 'partial'
  | 'rejected'
  | 'missing'
  /** Regrouped: some old commune had no figure of its own (see the reasons). */
  | 'not-given'
  /** No report covers the unit in this period. */
  | 'not-covered';

/** One row's figures in one period. */
export interface TrendCell {
  period: string;
  status: CellStatus;
  poorRate: number | null;
  nearPoorRate: number | null;
  poor: number | null;
  /** Why a regrouped figure is not given. */
  reasons?: RegroupReason[];
  /** Whether the figures were regrouped from old units. */
  regrouped?: boolean;
}

/** A reduction of the poor rate between two points of the series. */
export interface TrendStep {
  /** The start: a plan's baseline date (YYYY-MM-DD) or a period. */
  from: string;
  to: string;
  years: number;
  /** Percentage points reduced (start − end); negative when the rate rose. */
  points: number;
  perYear: number;
}

/** A row of the trend table: a unit, the province, or a province before the reform. */
export interface TrendRow {
  code: string;
  name: string;
  kind: 'unit' | 'province' | 'former-province';
  cells: TrendCell[];
  /** The plan's baseline rate, when the plan gives one. */
  baselineRate: number | null;
  baselineAsOf: string | null;
  /** Poor households at the start of the first period (regrouped when the rows are new units). */
  baselinePoor: number | null;
  /** Poor households in the last period given less `baselinePoor`. */
  poorChange: number | null;
  /** From the first point (baseline or first rate) to the last rate. */
  overall: TrendStep | null;
  /** One per annual period (`TrendTable.annualPeriods`): from the point before it. */
  annual: (TrendStep | null)[];
  /** The target reduction per year of the last report's plan (points). */
  target: number | null;
  targetPublished: boolean;
  /** Whether `overall.perYear` reaches the target. */
  met: boolean | null;
}

/** The trend table. */
export interface TrendTable {
  /** The periods, in order. */
  periods: string[];
  /** The annual periods among them. */
  annualPeriods: string[];
  /** The registry of the rows. */
  registry: string;
  /** The reform the old reports were regrouped across, if any. */
  reform: { id: string; effective: string } | null;
  /** The plan of the last report (its target). */
  plan: string;
  rows: TrendRow[];
  province: TrendRow;
  /** The provinces before the reform, with their own totals (history, not the new province). */
  former: TrendRow[];
}

/** What the trend needs besides the reports. */
export interface TrendInput {
  /** The plans the reports name, by id. */
  plans: ReadonlyMap<string, Plan>;
  /** The units of the rows' registry, in order (its units valid in the last period). */
  units: readonly { code: string; name: string }[];
  /** The province of the rows' registry. */
  province: { code: string; name: string };
  /** The reform joining the reports' registries, when they are more than one. */
  reform?: Reform;
}

const round = roundHalfUp;

/** The last month of a period, counted from year 0: `2022-H1` → June 2022. */
export function periodEnd(period: string): number {
  const year = Number(period.slice(0, 4));
  return year * 12 + (period.endsWith('-H1') ? 6 : 12);
}

/** The month of a date YYYY-MM-DD, counted from year 0 (the month it ends). */
function monthOf(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
}

/** Periods in time order: `2022-H1` before `2022`. */
export function comparePeriods(a: string, b: string): number {
  return periodEnd(a) - periodEnd(b);
}

/**
 * The trend over `reports` (any order; one per period). Reports of the registry before the
 * reform are regrouped into the new units; the rows are the units of `input.units`.
 */
export function buildTrend(reports: readonly TrendReport[], input: TrendInput): TrendTable {
  const sorted = [...reports].sort((a, b) => comparePeriods(a.period, b.period));
  const last = sorted[sorted.length - 1];
  const rowsRegistry = last?.registry ?? '';
  const periods = sorted.map((r) => r.period);
  const annualPeriods = periods.filter((p) => !p.endsWith('-H1'));
  const lastPlan = last ? input.plans.get(last.plan) : undefined;
  const old = sorted.filter((r) => r.registry !== rowsRegistry);
  const regrouped = new Map(
    old.map((r) => [
      r.period,
      input.reform
        ? regroup(r, {
            reform: input.reform,
            newUnits: input.units,
            counts: r.counts,
            withRates: r.withRates,
          })
        : null,
    ]),
  );

  const unitCell = (r: TrendReport, code: string): TrendCell => {
    const ids = r.ids;
    if (r.registry !== rowsRegistry) {
      const g = regrouped.get(r.period)?.units.find((u) => u.code === code);
      if (!g || g.status !== 'given')
        return {
          period: r.period,
          status: g?.status === 'not-given' ? 'not-given' : 'not-covered',
          poorRate: null,
          nearPoorRate: null,
          poor: null,
          reasons: g?.reasons ?? [],
          regrouped: true,
        };
      return { ...figures(r.period, g.values, ids), regrouped: true };
    }
    const u = r.units.find((x) => x.code === code);
    if (!u || u.status !== 'accepted')
      return {
        period: r.period,
        status: u?.status === 'rejected' ? 'rejected' : 'missing',
        poorRate: null,
        nearPoorRate: null,
        poor: null,
      };
    return figures(r.period, u.values, ids);
  };
  const startPoor = (r: TrendReport | undefined, code: string): number | null => {
    if (!r) return null;
    if (r.registry !== rowsRegistry) {
      const g = regrouped.get(r.period)?.units.find((u) => u.code === code);
      return g?.status === 'given' ? (g.values[r.ids.poorStart] ?? null) : null;
    }
    const u = r.units.find((x) => x.code === code);
    return u?.status === 'accepted' ? (u.values[r.ids.poorStart] ?? null) : null;
  };
  const ownReports = sorted.filter((r) => r.registry === rowsRegistry);
  const baselineOf = (code: string | null): { rate: number; asOf: string }[] =>
    ownReports.flatMap((r) => {
      const plan = input.plans.get(r.plan);
      const t = code === null ? plan?.province : plan?.units[code];
      return plan && t ? [{ rate: t.baselineRate, asOf: plan.baselineAsOf }] : [];
    });
  const targetOf = (code: string | null) =>
    code === null ? lastPlan?.province : lastPlan?.units[code];

  const rows = input.units.map((u) =>
    makeRow({
      code: u.code,
      name: u.name,
      kind: 'unit',
      cells: sorted.map((r) => unitCell(r, u.code)),
      baselines: baselineOf(u.code),
      baselinePoor: startPoor(sorted[0], u.code),
      target: targetOf(u.code),
      annualPeriods,
    }),
  );
  const provinceCell = (r: TrendReport): TrendCell =>
    r.registry !== rowsRegistry
      ? {
          period: r.period,
          status: 'not-covered',
          poorRate: null,
          nearPoorRate: null,
          poor: null,
        }
      : { ...figures(r.period, r.total, r.ids), ...(r.partial ? { status: 'partial' } : {}) };
  const firstOwn = ownReports[0];
  const province = makeRow({
    code: input.province.code,
    name: input.province.name,
    kind: 'province',
    cells: sorted.map(provinceCell),
    baselines: baselineOf(null),
    baselinePoor:
      firstOwn === sorted[0] && firstOwn && !firstOwn.partial
        ? (firstOwn.total[firstOwn.ids.poorStart] ?? null)
        : null,
    target: targetOf(null),
    annualPeriods,
  });
  const former = [...new Set(old.map((r) => r.registry))].map((registry) => {
    const theirs = old.filter((r) => r.registry === registry);
    const first = theirs[0];
    const plan = first ? input.plans.get(first.plan) : undefined;
    const lastOld = theirs[theirs.length - 1];
    const oldPlan = lastOld ? input.plans.get(lastOld.plan) : undefined;
    return makeRow({
      code: first?.province.code ?? '',
      name: first?.province.name ?? registry,
      kind: 'former-province',
      cells: sorted.map((r) =>
        r.registry === registry
          ? { ...figures(r.period, r.total, r.ids), ...(r.partial ? { status: 'partial' } : {}) }
          : {
              period: r.period,
              status: 'not-covered',
              poorRate: null,
              nearPoorRate: null,
              poor: null,
            },
      ),
      baselines: plan ? [{ rate: plan.province.baselineRate, asOf: plan.baselineAsOf }] : [],
      baselinePoor: first && !first.partial ? (first.total[first.ids.poorStart] ?? null) : null,
      target: oldPlan?.province,
      annualPeriods,
    });
  });
  return {
    periods,
    annualPeriods,
    registry: rowsRegistry,
    reform:
      input.reform && old.length > 0
        ? { id: input.reform.id, effective: input.reform.effective }
        : null,
    plan: last?.plan ?? '',
    rows,
    province,
    former,
  };
}

/** A cell from a unit's (or the province's) values. */
function figures(period: string, v: Values, ids: TrendIds): TrendCell {
  return {
    period,
    status: 'given',
    poorRate: v[ids.poorRate] ?? null,
    nearPoorRate: v[ids.nearPoorRate] ?? null,
    poor: v[ids.poor] ?? null,
  };
}

/** A point of the series: a poor rate at the end of a month. */
interface Point {
  label: string;
  month: number;
  rate: number;
}

function step(a: Point, b: Point): TrendStep | null {
  const years = (b.month - a.month) / 12;
  if (years <= 0) return null;
  const points = round(a.rate - b.rate, 2);
  return { from: a.label, to: b.label, years, points, perYear: round(points / years, 2) };
}

function makeRow(o: {
  code: string;
  name: string;
  kind: TrendRow['kind'];
  cells: TrendCell[];
  baselines: { rate: number; asOf: string }[];
  baselinePoor: number | null;
  target: Plan['province'] | undefined;
  annualPeriods: string[];
}): TrendRow {
  const given: Point[] = o.cells.flatMap((c) =>
    c.status === 'given' && c.poorRate !== null
      ? [{ label: c.period, month: periodEnd(c.period), rate: c.poorRate }]
      : [],
  );
  const baselinePoints: Point[] = o.baselines.map((b) => ({
    label: b.asOf,
    month: monthOf(b.asOf),
    rate: b.rate,
  }));
  const points = [...baselinePoints, ...given].sort((a, b) => a.month - b.month);
  const first = points[0];
  const lastGiven = given[given.length - 1];
  const overall = first && lastGiven ? step(first, lastGiven) : null;
  const annual = o.annualPeriods.map((p) => {
    const end = given.find((g) => g.label === p);
    if (!end) return null;
    // From the latest point before it: an earlier annual rate, or a baseline.
    const before = points.filter(
      (x) => x.month < end.month && (!given.includes(x) || !x.label.endsWith('-H1')),
    );
    const start = before[before.length - 1];
    return start ? step(start, end) : null;
  });
  // A unit judged against the last report's target only on its figure of the last period: one
  // rejected or missing then has no verdict and no change (its earlier figures are no measure of
  // it). The province's last total stands, partial or not (the table says which).
  const lastCell = o.cells[o.cells.length - 1];
  const current = o.kind !== 'unit' || (lastCell?.status === 'given' && lastCell.poorRate !== null);
  const lastPoor = current
    ? [...o.cells].reverse().find((c) => c.status === 'given' && c.poor !== null)
    : undefined;
  const target = o.target?.targetReduction ?? null;
  const baseline = o.baselines[0];
  return {
    code: o.code,
    name: o.name,
    kind: o.kind,
    cells: o.cells,
    baselineRate: baseline?.rate ?? null,
    baselineAsOf: baseline?.asOf ?? null,
    baselinePoor: o.baselinePoor,
    poorChange:
      o.baselinePoor !== null && lastPoor?.poor != null ? lastPoor.poor - o.baselinePoor : null,
    // "To the last period": none for a unit without a figure in it.
    overall: current ? overall : null,
    annual,
    target,
    targetPublished: o.target?.published ?? false,
    met: current && overall && target !== null ? overall.perYear >= target : null,
  };
}
