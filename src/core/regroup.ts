/**
 * Old commune figures regrouped into the units of a reform (`templates/reforms/<id>.json`): every
 * old commune went whole into exactly one new unit, so a new unit's count is the sum of its old
 * communes' counts, and its rates are recomputed from those sums. A new unit is given only when
 * every one of its old communes has a figure of its own in the report (its district accepted, its
 * commune row matched by code). Otherwise the unit is not given and the reason is said: a
 * district total is never split among communes. Pure.
 */
import type { Values } from './consolidate.js';
import type { Reform, ReformCommune } from './schemas.js';

/** The parts of a consolidated report (report JSON) the regrouping reads. */
export interface RegroupSource {
  /** The registry the report was made with: a `registry` of the reform's `before`. */
  registry: string;
  units: {
    code: string;
    name: string;
    status: 'accepted' | 'rejected' | 'missing';
    subunits: { name: string; code?: string | undefined; values: Values }[];
  }[];
}

/** Why a new unit's figure is not given. */
export type RegroupReason =
  /** The old district (reporting unit) was rejected or did not report. */
  | {
      kind: 'district-not-accepted';
      district: string;
      districtName: string;
      status: 'rejected' | 'missing';
    }
  /** The old district was accepted, but these old communes have no row: only its total is known. */
  | { kind: 'district-only'; district: string; districtName: string; communes: string[] }
  /** Rows of the old district whose new unit is not known (merged earlier to an unknown commune, or unmatched). */
  | { kind: 'unplaced'; district: string; districtName: string; communes: string[] }
  /** Some old communes belong to an old province this report does not cover. */
  | { kind: 'not-covered'; provinces: string[] };

/** A unit after the reform, with its figures regrouped from the old report. */
export interface RegroupedUnit {
  code: string;
  name: string;
  /** given: every old commune had a figure; not-given: see `reasons`; not-covered: no old commune is of the report's province. */
  status: 'given' | 'not-given' | 'not-covered';
  /** Counts summed over the old communes' rows, rates recomputed (empty unless given). */
  values: Values;
  /** The old communes of the report's province it was made of. */
  from: { code: string; name: string; district: string; districtName: string }[];
  reasons: RegroupReason[];
}

/** The regrouping of one old report. */
export interface Regrouped {
  /** The old province of the report (the reform's `before` entry). */
  province: { key: string; code: string; name: string };
  units: RegroupedUnit[];
  /** The commune rows of the report counted, by district: each at most once. */
  used: number;
}

/** What the regrouping needs besides the report. */
export interface RegroupInput {
  reform: Reform;
  /** The units after the reform (the `after` registry's), in the order rows are wanted. */
  newUnits: readonly { code: string; name: string }[];
  /** The count indicators to sum (the forms' count columns). */
  counts: readonly string[];
  /** Rates recomputed from summed counts (`withRates` with the forms). */
  withRates: (counts: Values) => Values;
}

/**
 * Regroups an old report into the reform's new units. Throws nothing: a report of a registry the
 * reform does not name regroups to units all `not-covered`.
 */
export function regroup(report: RegroupSource, input: RegroupInput): Regrouped {
  const { reform } = input;
  const before = reform.before.find((b) => b.registry === report.registry);
  const key = before?.key ?? '';
  const own = reform.communes.filter((c) => c.province === key);
  const byCode = new Map(own.map((c) => [c.code, c]));
  const earlier = new Map(
    (reform.earlier ?? []).filter((e) => e.province === key).map((e) => [e.code, e]),
  );
  const districts = new Map(report.units.map((u) => [u.code, u]));
  const districtName = (code: string): string =>
    districts.get(code)?.name ?? own.find((c) => c.district === code)?.districtName ?? code;

  // Each commune row of an accepted district goes to the one old commune of the table it is (by
  // its code, or the commune it was merged into earlier); the rest are unplaced in their district.
  const rowsOf = new Map<string, Values[]>();
  const unplaced = new Map<string, string[]>();
  let used = 0;
  for (const u of report.units) {
    if (u.status !== 'accepted') continue;
    for (const s of u.subunits) {
      const direct = s.code === undefined ? undefined : byCode.get(s.code);
      const via = s.code === undefined ? undefined : earlier.get(s.code);
      const target = direct ?? (via?.into ? byCode.get(via.into) : undefined);
      if (!target) {
        unplaced.set(u.code, [...(unplaced.get(u.code) ?? []), s.name]);
        continue;
      }
      rowsOf.set(target.code, [...(rowsOf.get(target.code) ?? []), s.values]);
      used++;
    }
  }

  const units = input.newUnits.map((n): RegroupedUnit => {
    const all = reform.communes.filter((c) => c.into === n.code);
    const mine = all.filter((c) => c.province === key);
    const from = mine.map((c) => ({
      code: c.code,
      name: c.name,
      district: c.district,
      districtName: districtName(c.district),
    }));
    const base = { code: n.code, name: n.name, from };
    if (mine.length === 0)
      return { ...base, status: 'not-covered', values: {}, reasons: [notCovered(all, reform)] };
    const reasons = reasonsFor(mine, rowsOf, unplaced, districts, districtName);
    if (mine.length < all.length) reasons.push(notCovered(all, reform, key));
    if (reasons.length > 0) return { ...base, status: 'not-given', values: {}, reasons };
    const rows = mine.flatMap((c) => rowsOf.get(c.code) ?? []);
    return { ...base, status: 'given', values: input.withRates(sum(rows, input.counts)), reasons };
  });
  return {
    province: {
      key,
      code: before?.province.code ?? '',
      name: before?.province.name ?? report.registry,
    },
    units,
    used,
  };
}

/** The reasons a new unit made of `mine` (old communes of the report's province) is not given. */
function reasonsFor(
  mine: ReformCommune[],
  rowsOf: ReadonlyMap<string, Values[]>,
  unplaced: ReadonlyMap<string, string[]>,
  districts: ReadonlyMap<string, RegroupSource['units'][number]>,
  districtName: (code: string) => string,
): RegroupReason[] {
  const reasons: RegroupReason[] = [];
  for (const d of [...new Set(mine.map((c) => c.district))]) {
    const here = mine.filter((c) => c.district === d);
    const unit = districts.get(d);
    const name = districtName(d);
    if (unit?.status !== 'accepted') {
      reasons.push({
        kind: 'district-not-accepted',
        district: d,
        districtName: name,
        status: unit?.status === 'rejected' ? 'rejected' : 'missing',
      });
      continue;
    }
    const without = here.filter((c) => !rowsOf.has(c.code)).map((c) => c.name);
    if (without.length > 0)
      reasons.push({ kind: 'district-only', district: d, districtName: name, communes: without });
    // A row of the district that could not be placed may belong to this unit as well as another.
    const lost = unplaced.get(d);
    if (lost) reasons.push({ kind: 'unplaced', district: d, districtName: name, communes: lost });
  }
  return reasons;
}

/** The old provinces of a unit's communes other than `except`. */
function notCovered(all: ReformCommune[], reform: Reform, except?: string): RegroupReason {
  const keys = [...new Set(all.map((c) => c.province))].filter((k) => k !== except);
  return {
    kind: 'not-covered',
    provinces: keys.map((k) => reform.before.find((b) => b.key === k)?.province.name ?? k),
  };
}

/** Each count summed over the rows; unknown when a row's is. */
function sum(rows: Values[], counts: readonly string[]): Values {
  const out: Values = {};
  for (const id of counts) {
    let total: number | null = 0;
    for (const r of rows) {
      const v = r[id];
      total = v === null || v === undefined || total === null ? null : total + v;
    }
    out[id] = total;
  }
  return out;
}
