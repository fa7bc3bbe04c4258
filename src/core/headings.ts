/**
 * Matching the headings of a sheet against the columns of a form. Real headings vary (see
 * forms.md): merged group rows above leaf headings, numbering, abbreviations, missing
 * diacritics. Each column is matched on its heading path — leaf, parent + leaf, … — first by the
 * exact sequence of significant words of a known variant, then by the same set of words when only
 * one column of the form has that set. Word order matters for the first kind:
 * "hộ nghèo trở thành hộ cận nghèo" and "hộ cận nghèo trở thành hộ nghèo" have the same words.
 */
import type { FormSpec, FormsCatalogue } from './catalogue.js';
import { headingTokens } from './text.js';

/** A column spec with its variants prepared for matching. */
interface PreparedColumn {
  id: string;
  sequences: Set<string>;
  sets: Set<string>;
}

/** A form prepared for matching. */
export interface PreparedForm {
  spec: FormSpec;
  columns: PreparedColumn[];
  /** Word sets shared by more than one column of the form (never matched by set). */
  ambiguousSets: Set<string>;
  /** Word sequence → ids of the columns having it as a variant. */
  bySeq: Map<string, string[]>;
  /** Word set → ids of the columns having it as a variant. */
  bySet: Map<string, string[]>;
}

/** The forms and common headings prepared once per run. */
export interface PreparedCatalogue {
  forms: PreparedForm[];
  name: PreparedColumn;
  stt: PreparedColumn;
}

const setKey = (tokens: string[]): string => [...tokens].sort().join(' ');

function prepareColumn(id: string, headings: string[]): PreparedColumn {
  const sequences = new Set<string>();
  const sets = new Set<string>();
  for (const h of headings) {
    const t = headingTokens(h);
    if (t.length === 0) continue;
    sequences.add(t.join(' '));
    sets.add(setKey(t));
  }
  return { id, sequences, sets };
}

function indexColumns(columns: PreparedColumn[]): {
  bySeq: Map<string, string[]>;
  bySet: Map<string, string[]>;
} {
  const bySeq = new Map<string, string[]>();
  const bySet = new Map<string, string[]>();
  for (const c of columns) {
    for (const q of c.sequences) bySeq.set(q, [...(bySeq.get(q) ?? []), c.id]);
    for (const q of c.sets) bySet.set(q, [...(bySet.get(q) ?? []), c.id]);
  }
  return { bySeq, bySet };
}

/** Prepares the catalogue's headings for matching. */
export function prepareCatalogue(cat: FormsCatalogue): PreparedCatalogue {
  const forms = cat.forms.map((spec): PreparedForm => {
    const columns = spec.columns.map((c) => prepareColumn(c.id, [c.heading, ...c.variants]));
    const owners = new Map<string, Set<string>>();
    for (const c of columns)
      for (const s of c.sets) owners.set(s, (owners.get(s) ?? new Set()).add(c.id));
    const ambiguousSets = new Set([...owners].filter(([, ids]) => ids.size > 1).map(([s]) => s));
    return { spec, columns, ambiguousSets, ...indexColumns(columns) };
  });
  return {
    forms,
    name: prepareColumn('name', [cat.common.name.heading, ...cat.common.name.variants]),
    stt: prepareColumn('stt', [cat.common.stt.heading, ...cat.common.stt.variants]),
  };
}

/** How a heading was matched. */
export type MatchKind = 'exact' | 'words' | 'partial';

/** A column's heading matched to an indicator. */
export interface HeadingMatch {
  id: string;
  kind: MatchKind;
  /** How many path levels (from the leaf up) the match used. */
  depth: number;
}

/** One way of reading a heading path (leaf, parent + leaf, …): its words in order and as a set. */
export interface PathCandidate {
  /** Significant words in order, joined by spaces. */
  seq: string;
  /** The same words sorted, joined by spaces. */
  set: string;
}

const candidateCache = new Map<string, PathCandidate[]>();

/**
 * The readings of a heading path's suffixes: leaf, parent + leaf, …; empty levels dropped and
 * repeated levels (a vertically merged cell) counted once. Memoised: the header search reads the
 * same paths many times.
 */
export function pathCandidates(path: string[]): PathCandidate[] {
  const key = path.join('\u0001');
  const hit = candidateCache.get(key);
  if (hit) return hit;
  const levels: string[][] = [];
  for (const p of path) {
    const t = headingTokens(p);
    if (t.length === 0) continue;
    const prev = levels[levels.length - 1];
    if (prev && prev.join(' ') === t.join(' ')) continue;
    levels.push(t);
  }
  const out: PathCandidate[] = [];
  for (let k = levels.length - 1; k >= 0; k--) {
    const merged: string[] = [];
    for (const lvl of levels.slice(k)) for (const w of lvl) if (!merged.includes(w)) merged.push(w);
    out.push({ seq: merged.join(' '), set: setKey(merged) });
  }
  if (candidateCache.size > 50_000) candidateCache.clear();
  candidateCache.set(key, out);
  return out;
}

/** Matches one heading path against one prepared column set. */
export function matchHeading(candidates: PathCandidate[], form: PreparedForm): HeadingMatch | null {
  for (let d = 0; d < candidates.length; d++) {
    const hits = form.bySeq.get(candidates[d]?.seq ?? '');
    if (hits?.length === 1 && hits[0]) return { id: hits[0], kind: 'exact', depth: d + 1 };
  }
  for (let d = 0; d < candidates.length; d++) {
    const key = candidates[d]?.set ?? '';
    if (form.ambiguousSets.has(key)) continue;
    const hits = form.bySet.get(key);
    if (hits?.length === 1 && hits[0]) return { id: hits[0], kind: 'words', depth: d + 1 };
  }
  return null;
}

/** Matches a heading path against the unit-name or row-number heading. */
export function matchCommon(candidates: PathCandidate[], col: PreparedColumn): boolean {
  return candidates.some((c) => c.seq !== '' && (col.sequences.has(c.seq) || col.sets.has(c.set)));
}

/**
 * Last resort for a heading worded beyond the catalogue's variants ("Số hộ nghèo cuối kỳ báo
 * cáo"): the indicators whose variant words (two or more) all appear in the heading with at most
 * two words more. Only indicators in `open` (not yet found in the sheet) are considered.
 */
export function partialMatches(
  candidates: PathCandidate[],
  form: PreparedForm,
  open: Set<string>,
): Set<string> {
  const fits = new Set<string>();
  for (const cand of candidates) {
    const words = new Set(cand.set.split(' ').filter(Boolean));
    for (const col of form.columns) {
      if (!open.has(col.id)) continue;
      for (const v of col.sets) {
        const need = v.split(' ');
        if (need.length >= 2 && words.size - need.length <= 2 && need.every((w) => words.has(w)))
          fits.add(col.id);
      }
    }
  }
  return fits;
}
