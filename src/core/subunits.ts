/**
 * Matching the sub-unit names of a form (communes, wards, towns) against the registry: the kind
 * word may be written or not ("Xã Pá Hu", "Pá Hu", "X. Pá Hu"), with or without diacritics, and
 * a known variant spelling (Tà Xi Láng) is accepted. "Trạm Tấu" alone is ambiguous in Trạm Tấu
 * district (the town and the commune share the name).
 */
import type { SubunitSpec, UnitSpec } from './catalogue.js';
import { foldWords } from './text.js';

const KINDS: [string, string[]][] = [
  ['thi tran', ['thi tran', 'tt']],
  ['phuong', ['phuong', 'p']],
  ['xa', ['xa', 'x']],
  ['thon', ['thon']],
  ['ban', ['ban']],
  ['to dan pho', ['to dan pho', 'tdp']],
];

/** Splits a folded name into its kind (if written) and the rest. */
export function splitKind(name: string): { kind: string | null; base: string } {
  const w = foldWords(name).replace(/^\d+\s+/, '');
  for (const [kind, forms] of KINDS)
    for (const f of forms)
      if (w.startsWith(`${f} `)) {
        const base = w.slice(f.length + 1);
        // "Bản Mù" is a commune's name, not the village kind "bản" + "Mù".
        if ((kind === 'ban' || kind === 'thon') && base.split(' ').length < 2) continue;
        return { kind, base };
      }
  return { kind: null, base: w };
}

/** The result of matching one written name. */
export type SubunitMatch =
  | { status: 'match'; subunit: SubunitSpec }
  | { status: 'unknown' }
  | { status: 'ambiguous'; candidates: SubunitSpec[] };

/** Matches a written sub-unit name against a unit's registered sub-units. */
export function matchSubunit(name: string, unit: UnitSpec): SubunitMatch {
  const list = unit.subunits ?? [];
  const written = splitKind(name);
  const hits: SubunitSpec[] = [];
  for (const s of list) {
    for (const n of [s.name, ...(s.variants ?? [])]) {
      const reg = splitKind(n);
      if (reg.base !== written.base) continue;
      if (written.kind !== null && reg.kind !== null && written.kind !== reg.kind) continue;
      if (!hits.includes(s)) hits.push(s);
    }
  }
  if (hits.length === 1 && hits[0]) return { status: 'match', subunit: hits[0] };
  if (hits.length > 1) return { status: 'ambiguous', candidates: hits };
  return { status: 'unknown' };
}
