/**
 * A unit's figures drawn at random per commune (SYNTHETIC: every number is invented), each row
 * satisfying every rule of templates/rules/vn-2022-2025.json. Unlike `subunitValues(k)`, no row
 * is a multiple of another, so a reading that confuses two columns or two rows cannot add up by
 * accident. Seeded: the same seed gives the same figures.
 */
import { LACK, type Values } from './build.js';

/** A small seeded PRNG (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 100·n/d rounded half up to 2 decimals, in integer arithmetic (as Excel's ROUND). */
export function rate(n: number, d: number): number {
  return d === 0 ? 0 : Math.floor((20000 * n + d) / (2 * d)) / 100;
}

/** Whether 100·n/d sits near a rounding boundary of its second decimal (a flaky rate). */
function nearBoundary(n: number, d: number): boolean {
  if (d === 0) return false;
  const rem = (10000 * n) % d;
  return 4 * d <= 10 * rem && 10 * rem <= 6 * d;
}

const POOR_LACK = [0.22, 0.35, 0.12, 0.08, 0.38, 0.1, 0.42, 0.33, 0.36, 0.62, 0.18, 0.48];
const NEAR_LACK = [0.1, 0.2, 0.05, 0.12, 0.22, 0.05, 0.15, 0.12, 0.15, 0.3, 0.06, 0.2];

/** One commune's counts (rates left to `withRates`), drawn independently of the others. */
export function randomCounts(rnd: () => number): Values {
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const frac = (lo: number, hi: number): number => lo + rnd() * (hi - lo);
  const households = int(600, 2400);
  const poor = Math.round(households * frac(0.04, 0.2));
  const near = Math.round(households * frac(0.04, 0.12));
  const v: Values = { households, poor, near_poor: near };
  v.poor_ethnic_minority = Math.round(poor * frac(0.3, 0.8));
  v.near_poor_ethnic_minority = Math.round(near * frac(0.25, 0.75));
  // Biểu 02 and 03: the movements of the half year; the end figures are Biểu 01's.
  const exitToNear = Math.min(Math.round(poor * frac(0.05, 0.15)), Math.floor(near / 2));
  const exitAbove = Math.round(poor * frac(0.01, 0.06));
  const otherDec = int(0, 3);
  const nearToPoor = Math.min(int(0, 4), poor);
  const relapsed = Math.min(int(0, 3), poor - nearToPoor);
  const newPoor = Math.min(int(0, 6), poor - nearToPoor - relapsed);
  Object.assign(v, {
    poor_exit_to_near_poor: exitToNear,
    poor_exit_above: exitAbove,
    poor_other_decrease: otherDec,
    near_poor_to_poor: nearToPoor,
    poor_relapsed: relapsed,
    poor_new: newPoor,
    poor_other_increase: 0,
    poor_end: poor,
    poor_start: poor + exitToNear + exitAbove + otherDec - nearToPoor - relapsed - newPoor,
  });
  const nRelapsed = Math.min(int(0, 2), near - exitToNear);
  const nNew = Math.min(int(0, 8), near - exitToNear - nRelapsed);
  const nExitAbove = Math.round(near * frac(0.05, 0.15));
  const nOtherDec = int(0, 2);
  Object.assign(v, {
    near_poor_exit_to_poor: nearToPoor,
    near_poor_exit_above: nExitAbove,
    near_poor_other_decrease: nOtherDec,
    poor_to_near_poor: exitToNear,
    near_poor_relapsed: nRelapsed,
    near_poor_new: nNew,
    near_poor_other_increase: 0,
    near_poor_end: near,
    near_poor_start: near + nearToPoor + nExitAbove + nOtherDec - exitToNear - nRelapsed - nNew,
  });
  // Biểu 04 and 05: each count within its group; ≥ 3 lacks per poor, ≤ 2 per near-poor.
  const lacks = (group: number, shares: number[]): number[] =>
    shares.map((s) => Math.min(group, Math.round(group * s * frac(0.7, 1.4))));
  const poorLack = lacks(poor, POOR_LACK);
  while (poorLack.reduce((a, b) => a + b, 0) < 3 * poor) {
    const i = int(0, 11);
    if ((poorLack[i] ?? 0) < poor) poorLack[i] = (poorLack[i] ?? 0) + 1;
  }
  const nearLack = lacks(near, NEAR_LACK);
  while (nearLack.reduce((a, b) => a + b, 0) > 2 * near) {
    const i = int(0, 11);
    if ((nearLack[i] ?? 0) > 0) nearLack[i] = (nearLack[i] ?? 0) - 1;
  }
  LACK.forEach((id, i) => {
    v[`poor_lack_${id}`] = poorLack[i] ?? 0;
    v[`near_poor_lack_${id}`] = nearLack[i] ?? 0;
  });
  v.poor_deprivations = poorLack.reduce((a, b) => a + b, 0);
  v.near_poor_deprivations = nearLack.reduce((a, b) => a + b, 0);
  return v;
}

/** The two rates of Biểu 01 from the counts. */
export function withRates(v: Values): Values {
  const h = v.households as number;
  return {
    ...v,
    poor_rate: rate(v.poor as number, h),
    near_poor_rate: rate(v.near_poor as number, h),
  };
}

/**
 * Communes with random figures, and their total; every shown rate (each commune's and the
 * total's) is kept away from a rounding boundary, so any correct rounding gives the same figure.
 */
export function randomRows(
  names: string[],
  seed: number,
): { rows: { name: string; values: Values }[]; total: Values } {
  const rnd = seeded(seed);
  const counts = names.map(() => randomCounts(rnd));
  const sum = (): Values => {
    const t: Values = {};
    for (const c of counts)
      for (const [k, x] of Object.entries(c))
        if (typeof x === 'number') t[k] = ((t[k] as number | undefined) ?? 0) + x;
    return t;
  };
  const flaky = (v: Values): boolean =>
    nearBoundary(v.poor as number, v.households as number) ||
    nearBoundary(v.near_poor as number, v.households as number);
  for (let step = 0; step < 10_000; step++) {
    const i = counts.findIndex(flaky);
    const target = i >= 0 ? counts[i] : flaky(sum()) ? counts[step % counts.length] : undefined;
    if (!target) break;
    target.households = (target.households as number) + 1;
  }
  return {
    rows: names.map((name, i) => ({ name, values: withRates(counts[i] ?? {}) })),
    total: withRates(sum()),
  };
}
