/**
 * What staff taught the tool about one unit's files (`povreport map add`): what a heading means
 * ("Thoát nghèo thành CN" is `poor_exit_to_near_poor`) and what a row label is ("Cộng các xã" is
 * the total, "TT Cổ Phúc" is Thị trấn Cổ Phúc). Data only; the next period's file from that unit
 * is read with it. The file's shape is checked where it is loaded (`io/teaching.ts`).
 */
import { foldWords } from './text.js';

/** What a taught row label may say a row is. */
export const TAUGHT_ROLES = ['total', 'group', 'breakdown', 'subunit', 'child', 'ignore'] as const;
/** A taught row role. */
export type TaughtRole = (typeof TAUGHT_ROLES)[number];

/** What was taught about one unit. */
export interface UnitTeaching {
  /** A heading as written → an indicator id, or `-` for a column to leave out. */
  headings?: Record<string, string>;
  /** A row label as written → a role, or `=` and the registry's name of the sub-unit it is. */
  rows?: Record<string, string>;
}

/** The teaching file. */
export interface Teaching {
  version: 1;
  /** By unit code. */
  units: Record<string, UnitTeaching>;
}

/** One unit's teaching, keyed by folded text, as the recogniser uses it. */
export interface Taught {
  headings: Map<string, string>;
  rows: Map<string, string>;
}

/** The teaching for a unit, or undefined when nothing was taught about it. */
export function taughtFor(t: Teaching | undefined, unit: string | undefined): Taught | undefined {
  const u = unit === undefined ? undefined : t?.units[unit];
  if (!u) return undefined;
  const fold = (r: Record<string, string> | undefined): Map<string, string> =>
    new Map(Object.entries(r ?? {}).map(([k, v]) => [foldWords(k), v]));
  const taught = { headings: fold(u.headings), rows: fold(u.rows) };
  return taught.headings.size + taught.rows.size > 0 ? taught : undefined;
}
