/**
 * The sub-units of a reporting unit (communes, wards, towns; after 2025 villages): which of them a
 * period should list, and how a name written in a form is matched against the registry.
 *
 * A written name is read in steps, strictest first. The first step where exactly one registered
 * sub-unit fits decides; where two fit, the name is ambiguous and no looser step is tried (like a
 * parser that reports an ambiguity instead of picking the first reading):
 * 1. the same words with the same tone marks, in any case and either tone placement ("Hoà" and
 *    "Hòa"); the kind word written in full, abbreviated ("X.", "P.", "TT") or left out;
 * 2. the same letters without diacritics ("Pa Hu"; a word with other marks than the registry's,
 *    "Pà Hu", is reported). Tone marks can be all that tells two communes apart (Minh Quán and
 *    Minh Quân of Trấn Yên), so step 1 comes first and "Minh Quan" stays ambiguous;
 * 3. the same letters spaced otherwise ("Nàhẩu", "Nà-Hẩu", "XãNà Hẩu");
 * 4. another kind word than the registry's ("Phường Tân Thịnh" for "Xã Tân Thịnh");
 * 5. one typo (Damerau–Levenshtein distance 1) in a name of at least five letters.
 * Steps 1 and 2 also accept the registered variants and former names. When several sub-units fit
 * at steps 1–4 and the period is known, the one that existed in the period is taken (in 2025
 * "Yên Bình" is the town: the commune of that name was merged in 2024). A typo never picks between
 * two names.
 */
import type { Bilingual } from './finding-codes.js';
import type { Registry, SubunitSpec, UnitSpec } from './catalogue.js';
import { kindsOf } from './kind-words.js';
import type { KindForm } from './schemas.js';
import { fold } from './text.js';

const subunitKindCache = new WeakMap<readonly KindForm[], KindForm[]>();

/** The kind words a unit's sub-units (communes, villages) are named with. */
function subunitKinds(unit: UnitSpec): KindForm[] {
  let hit = subunitKindCache.get(unit.kinds);
  if (!hit) {
    hit = kindsOf(unit.kinds, ['subunit', 'village']);
    subunitKindCache.set(unit.kinds, hit);
  }
  return hit;
}

/** How a written name was matched to a registered sub-unit. */
export type MatchHow =
  /** The registry's name (kind word and diacritics optional). */
  | 'exact'
  /** A registered variant spelling (`Xã Tà Xi Láng`). */
  | 'variant'
  /** A name the sub-unit had before (`Xã Sơn Thịnh` for `Thị trấn Sơn Thịnh`). */
  | 'former'
  /** The same letters with other diacritics (`Xã Pà Hu`). */
  | 'diacritics'
  /** The same letters spaced otherwise (`Xã Nàhẩu`). */
  | 'spacing'
  /** Another kind word (`Phường Tân Thịnh` for `Xã Tân Thịnh`). */
  | 'kind'
  /** One letter added, missing, changed or two swapped (`Xã Lao Chả`). */
  | 'typo'
  /** A note in brackets after the name, left out (`Xã Túc Đán (ĐBKK)`). */
  | 'note';

/** The result of matching one written name. */
export type SubunitMatch =
  | { status: 'match'; subunit: SubunitSpec; how: MatchHow }
  | { status: 'unknown' }
  | { status: 'ambiguous'; candidates: SubunitSpec[] };

const READ_AS: Partial<Record<MatchHow, Bilingual>> = {
  diacritics: { vi: 'dấu khác danh mục', en: 'other diacritics' },
  spacing: { vi: 'viết liền hoặc tách chữ khác danh mục', en: 'words joined or split otherwise' },
  kind: {
    vi: 'loại đơn vị khác danh mục: xã, phường hay thị trấn',
    en: 'another kind of unit than the registry’s: commune, ward or town',
  },
  typo: { vi: 'khác tên trong danh mục một chữ cái', en: 'one letter different from the registry' },
  note: { vi: 'bỏ qua phần ghi chú trong ngoặc', en: 'its note in brackets left out' },
};

/**
 * Why a match is a guess the district should hear about (the `subunit-read-as` finding), or null
 * when the name was the registry's, a variant or a former name.
 */
export function readAsReason(how: MatchHow): Bilingual | null {
  return READ_AS[how] ?? null;
}

/**
 * The date a period is read at: its last day (`2022-H1` → 2022-06-30, `2022` → 2022-12-31), or
 * null for anything else. A report describes the communes as they are when it is written, after
 * the period or near its end, so a merger that took effect during the period already shows.
 */
export function periodDate(period: string): string | null {
  const m = /^(\d{4})(-H1)?$/.exec(period);
  if (!m) return null;
  return m[2] ? `${m[1]}-06-30` : `${m[1]}-12-31`;
}

/**
 * Whether a sub-unit existed on a date (`from` inclusive, `until` exclusive). With no date, only a
 * sub-unit with neither date counts: one that existed throughout.
 */
export function inForce(
  s: { from?: string | undefined; until?: string | undefined },
  date: string | null,
): boolean {
  if (date === null) return s.from === undefined && s.until === undefined;
  return (s.from === undefined || s.from <= date) && (s.until === undefined || date < s.until);
}

/**
 * The sub-units a unit's report for `period` should list: those that existed on the period's last
 * day (see periodDate). With no period (or one that is not `YYYY` or `YYYY-H1`), only the
 * sub-units that existed throughout, so that nothing is reported missing by mistake.
 */
export function subunitsInForce(unit: UnitSpec, period: string | null): SubunitSpec[] {
  const date = period === null ? null : periodDate(period);
  return (unit.subunits ?? []).filter((s) => inForce(s, date));
}

/** A name split into words: folded (ASCII), with tone marks kept apart, and whether marked. */
interface Words {
  folded: string[];
  toned: string[];
  marked: boolean[];
}

/** One way to read a name: its kind word (if any) and the rest. */
interface Reading extends Words {
  kind: string | null;
  /** The rest, folded, without spaces. */
  compact: string;
}

/** A registered spelling of a sub-unit. */
interface Spelling extends Reading {
  subunit: SubunitSpec;
  source: 'exact' | 'variant' | 'former';
}

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * A word with its tone mark moved to the end: "hoà" and "hòa" (old and new placement) both give
 * "hoa\u0300", while "quán" and "quân" stay different.
 */
function toneKey(word: string): string {
  let tone = '';
  const rest = word.normalize('NFD').replace(TONE_MARKS, (m) => {
    tone = m;
    return '';
  });
  return rest.normalize('NFC') + tone;
}

function splitWords(name: string): Words {
  const raw = name
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  // A row number typed into the name cell ("1. Xã Pá Hu").
  while (raw.length > 1 && /^\d+$/.test(raw[0] ?? '')) raw.shift();
  return {
    folded: raw.map((w) => fold(w).replace(/[^a-z0-9]/g, '')),
    toned: raw.map(toneKey),
    marked: raw.map((w) => /[^a-z0-9]/.test(w)),
  };
}

const slice = (w: Words, n: number): Words => ({
  folded: w.folded.slice(n),
  toned: w.toned.slice(n),
  marked: w.marked.slice(n),
});

const formCache = new Map<string, { words: string[]; compact: string }>();

/** A kind word's words and its letters run together ("thi tran" → ["thi", "tran"], "thitran"). */
function formWords(form: string): { words: string[]; compact: string } {
  let hit = formCache.get(form);
  if (!hit) {
    hit = { words: form.split(' '), compact: form.replace(/ /g, '') };
    formCache.set(form, hit);
  }
  return hit;
}

/**
 * The readings of a name: as written, and without each kind word (of a sub-unit or a village) it
 * may start with ("X." and "P." fold to "x", "p").
 */
function readings(name: string, unit: UnitSpec): [Reading, ...Reading[]] {
  const kinds = subunitKinds(unit);
  const w = splitWords(name);
  const compact = w.folded.join('');
  const out: [Reading, ...Reading[]] = [{ kind: null, ...w, compact }];
  // Every row's name against every kind word: indexed loops, as a `for…of` costs an iterator in
  // code V8 has not optimized (most of a short run).
  for (let k = 0; k < kinds.length; k++) {
    const kf = kinds[k];
    if (!kf) continue;
    const { kind, forms, startsNames } = kf;
    for (let f = 0; f < forms.length; f++) {
      const fw = formWords(forms[f] ?? '').words;
      if (w.folded.length <= fw.length || !startsWithWords(w.folded, fw)) continue;
      const rest = slice(w, fw.length);
      // "Bản Mù" is a commune's name, not the village kind "bản" + "Mù".
      if (startsNames && rest.folded.length < 2) continue;
      out.push({ kind, ...rest, compact: rest.folded.join('') });
    }
  }
  // The kind word run into the name ("XãNà Hẩu"): spacing only, so full kind words only.
  for (let k = 0; k < kinds.length; k++) {
    const kf = kinds[k];
    if (!kf) continue;
    const { kind, forms } = kf;
    for (let f = 0; f < forms.length; f++) {
      const fc = formWords(forms[f] ?? '').compact;
      if (fc.length < 2 || !compact.startsWith(fc) || compact.length === fc.length) continue;
      if (w.folded[0] === fc) continue;
      out.push({ kind, folded: [], toned: [], marked: [], compact: compact.slice(fc.length) });
    }
  }
  return out;
}

/** Whether `words` begins with the words of `prefix`. */
function startsWithWords(words: readonly string[], prefix: readonly string[]): boolean {
  for (let i = 0; i < prefix.length; i++) if (words[i] !== prefix[i]) return false;
  return true;
}

/** How a registered name reads: its kind word and the rest (registered names carry their kind). */
function registeredReading(name: string, unit: UnitSpec): Reading {
  const [asWritten, ...withoutKind] = readings(name, unit);
  return withoutKind.find((r) => r.folded.length > 0) ?? asWritten;
}

// By kind words, then sub-unit: the spellings depend on both.
const spellingCache = new WeakMap<readonly KindForm[], WeakMap<SubunitSpec, Spelling[]>>();

function spellings(s: SubunitSpec, unit: UnitSpec): Spelling[] {
  let cache = spellingCache.get(unit.kinds);
  if (!cache) {
    cache = new WeakMap();
    spellingCache.set(unit.kinds, cache);
  }
  const hit = cache.get(s);
  if (hit) return hit;
  const out: Spelling[] = [
    { ...registeredReading(s.name, unit), subunit: s, source: 'exact' },
    ...(s.variants ?? []).map((n) => ({
      ...registeredReading(n, unit),
      subunit: s,
      source: 'variant' as const,
    })),
    ...(s.former ?? []).map((n) => ({
      ...registeredReading(n, unit),
      subunit: s,
      source: 'former' as const,
    })),
  ];
  cache.set(s, out);
  return out;
}

const sameWords = (a: string[], b: string[]): boolean =>
  a.length > 0 && a.length === b.length && a.every((x, i) => x === b[i]);

const kindFits = (r: Reading, s: Reading): boolean =>
  r.kind === null || s.kind === null || r.kind === s.kind;

/** Whether two different strings are one insertion, deletion, substitution or adjacent swap apart. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length)
    return (
      a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    );
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Shortest name (letters, kind word left out) a typo is forgiven in. */
const TYPO_MIN_LETTERS = 5;

type Step = (r: Reading, s: Spelling) => MatchHow | null;

const STEPS: Step[] = [
  (r, s) => (kindFits(r, s) && sameWords(r.toned, s.toned) ? s.source : null),
  (r, s) => {
    if (!kindFits(r, s) || !sameWords(r.folded, s.folded)) return null;
    // A word typed without any mark is a plain omission; other marks than the registry's are not.
    const marksAgree = r.toned.every((t, i) => !r.marked[i] || t === s.toned[i]);
    return marksAgree ? s.source : 'diacritics';
  },
  (r, s) => (kindFits(r, s) && r.compact === s.compact ? 'spacing' : null),
  (r, s) =>
    r.kind !== null && s.kind !== null && r.kind !== s.kind && r.compact === s.compact
      ? 'kind'
      : null,
  (r, s) =>
    kindFits(r, s) &&
    r.compact.length >= TYPO_MIN_LETTERS &&
    s.compact.length >= TYPO_MIN_LETTERS &&
    oneEditApart(r.compact, s.compact)
      ? 'typo'
      : null,
];

const HOW_ORDER: MatchHow[] = [
  'exact',
  'variant',
  'former',
  'diacritics',
  'spacing',
  'kind',
  'typo',
  'note',
];

/**
 * Matches a written sub-unit name against a unit's registered sub-units (see the steps above).
 * `period` (`2022-H1`, `2022`), when known, settles a name two sub-units share over time.
 */
export function matchSubunit(
  name: string,
  unit: UnitSpec,
  period: string | null = null,
): SubunitMatch {
  // The same names are matched for every form, for the structure and the registry check.
  let memo = matchMemo.get(unit);
  if (!memo) {
    memo = new Map();
    matchMemo.set(unit, memo);
  }
  const key = `${period ?? ''}\u0001${name}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const out = withoutNote(name, (n) => computeMatch(n, unit, period));
  if (memo.size > 20_000) memo.clear();
  memo.set(key, out);
  return out;
}

const matchMemo = new WeakMap<UnitSpec, Map<string, SubunitMatch>>();

/** A note in brackets with letters in it: "(ĐBKK)", "[xã khu vực III]", "(mới sáp nhập)". */
export const NOTE = /\s*(\([^()]*\p{L}[^()]*\)|\[[^[\]]*\p{L}[^[\]]*\])/gu;

/** "cũ" closing a name without brackets ("Xã Nấm Lư cũ", "Xa Nam Lu cu"): a note. */
const FORMER_MARK = /\s+(?:cũ|cu)\s*$/iu;

/**
 * A name that matches none as written, or only as a typo of another, matched again without its
 * notes in brackets and a closing "cũ" ("Xã Túc Đán (ĐBKK)" is Xã Túc Đán, "Xã Nấm Lư cũ" the
 * old Xã Nấm Lư, not a typo of Xã Nậm Lúc): a match so found is said (`note`), an ambiguity stays
 * one. A typo is a guess; the name without its note spelt as registered is not.
 */
function withoutNote(name: string, match: (name: string) => SubunitMatch): SubunitMatch {
  const found = match(name);
  if (found.status === 'ambiguous' || (found.status === 'match' && found.how !== 'typo'))
    return found;
  const written = name.normalize('NFC').trim();
  const bare = written.replace(NOTE, '').replace(FORMER_MARK, '').trim();
  if (bare === written || bare === '') return found;
  const again = match(bare);
  if (again.status === 'match' && (found.status === 'unknown' || again.how !== 'typo'))
    return { ...again, how: 'note' };
  if (found.status === 'unknown' || again.status === 'ambiguous') return again;
  return found;
}

/**
 * A unit's spellings indexed by the keys the steps compare (toned words, folded words, compact
 * letters, and for typos the compact letters with one letter left out), so that a name is
 * matched against the few spellings that can fit, not against every one: a commune's thousands
 * of villages cost one look-up per name, not thousands of comparisons.
 */
interface SpellingIndex {
  all: Spelling[];
  toned: Map<string, number[]>;
  folded: Map<string, number[]>;
  compact: Map<string, number[]>;
  /** Each long enough compact spelling, and it with each one letter left out. */
  oneLetterOut: Map<string, number[]>;
  /** The spellings too short for a typo to be forgiven in (a typo of a longer one may be theirs). */
  short: Spelling[];
}

const indexCache = new WeakMap<UnitSpec, SpellingIndex>();

const wordsKey = (words: string[]): string | null => (words.length > 0 ? words.join(' ') : null);

/** The string with each one letter left out, in turn. */
function lettersOut(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

function spellingIndex(unit: UnitSpec): SpellingIndex {
  const hit = indexCache.get(unit);
  if (hit) return hit;
  const all = (unit.subunits ?? []).flatMap((s) => spellings(s, unit));
  const index: SpellingIndex = {
    all,
    toned: new Map(),
    folded: new Map(),
    compact: new Map(),
    oneLetterOut: new Map(),
    short: all.filter((s) => s.compact.length > 0 && s.compact.length < TYPO_MIN_LETTERS),
  };
  const add = (map: Map<string, number[]>, key: string | null, i: number): void => {
    if (key === null) return;
    const list = map.get(key);
    if (list === undefined) map.set(key, [i]);
    else if (list.at(-1) !== i) list.push(i);
  };
  all.forEach((s, i) => {
    add(index.toned, wordsKey(s.toned), i);
    add(index.folded, wordsKey(s.folded), i);
    add(index.compact, s.compact, i);
    if (s.compact.length < TYPO_MIN_LETTERS) return;
    add(index.oneLetterOut, s.compact, i);
    for (const k of lettersOut(s.compact)) add(index.oneLetterOut, k, i);
  });
  indexCache.set(unit, index);
  return index;
}

/**
 * The spellings step `step` may find for reading `r`, in registry order: a superset of those it
 * finds (the step itself decides).
 */
function candidates(index: SpellingIndex, step: number, r: Reading): number[] {
  const get = (map: Map<string, number[]>, key: string | null): number[] =>
    key === null ? [] : (map.get(key) ?? []);
  if (step === 0) return get(index.toned, wordsKey(r.toned));
  if (step === 1) return get(index.folded, wordsKey(r.folded));
  if (step === 2 || step === 3) return get(index.compact, r.compact);
  if (r.compact.length < TYPO_MIN_LETTERS) return [];
  // One edit apart: one letter added, left out, changed or two swapped; each leaves a common
  // string when one letter is left out of one or both.
  const found = new Set<number>();
  for (const key of [r.compact, ...lettersOut(r.compact)])
    for (const i of get(index.oneLetterOut, key)) found.add(i);
  return [...found].sort((a, b) => a - b);
}

/**
 * {@link matchSubunit} without the index and its memo: every spelling tried at every step. The
 * specification the index must agree with (tests compare the two); too slow for use.
 */
export function matchSubunitExhaustive(
  name: string,
  unit: UnitSpec,
  period: string | null = null,
): SubunitMatch {
  return withoutNote(name, (n) =>
    computeMatch(n, unit, period, (index) => index.all.map((_, i) => i)),
  );
}

function computeMatch(
  name: string,
  unit: UnitSpec,
  period: string | null,
  tried: (index: SpellingIndex, step: number, r: Reading) => number[] = candidates,
): SubunitMatch {
  const index = spellingIndex(unit);
  const written = readings(name, unit);
  const date = period === null ? null : periodDate(period);
  for (const [i, step] of STEPS.entries()) {
    const hits = new Map<SubunitSpec, MatchHow>();
    for (const r of written)
      for (const k of tried(index, i, r)) {
        const s = index.all[k];
        if (s === undefined) continue;
        const how = step(r, s);
        if (how === null) continue;
        const prev = hits.get(s.subunit);
        if (prev === undefined || HOW_ORDER.indexOf(how) < HOW_ORDER.indexOf(prev))
          hits.set(s.subunit, how);
      }
    if (hits.size === 0) continue;
    let found = [...hits.keys()];
    const isTypo = i === STEPS.length - 1;
    if (found.length > 1 && date !== null && !isTypo) {
      const current = found.filter((s) => inForce(s, date));
      if (current.length === 1) found = current;
    }
    const [only] = found;
    // A typo never picks between two names, a short one among them ("Pá Hau": Pá Lau with one
    // letter changed, or Pá Hu with one added; a short name is never a typo's answer itself).
    if (isTypo && only && found.length === 1) {
      const near = shortNeighbours(index, written, only);
      if (near.length > 0) return { status: 'ambiguous', candidates: [only, ...near] };
    }
    if (found.length === 1 && only)
      return { status: 'match', subunit: only, how: hits.get(only) ?? 'exact' };
    return { status: 'ambiguous', candidates: found };
  }
  return { status: 'unknown' };
}

/**
 * The sub-units other than `found` with a spelling too short for a typo to be forgiven in that is
 * one edit from a reading of the name: names the typo could as well be of.
 */
function shortNeighbours(
  index: SpellingIndex,
  written: Reading[],
  found: SubunitSpec,
): SubunitSpec[] {
  const out = new Set<SubunitSpec>();
  for (const s of index.short)
    if (
      s.subunit !== found &&
      written.some((r) => kindFits(r, s) && oneEditApart(r.compact, s.compact))
    )
      out.add(s.subunit);
  return [...out];
}

/**
 * The registry as it stood on a period's last day: the units in force then (a unit's own
 * `from`/`until`, else the registry's `validFrom`/`validUntil`). Codes were reused across the
 * 2025 reform, so a code is unique only among units valid on the same days (the schema checks
 * that): narrowed to one day, every lookup by code finds one unit. A period that is not
 * `YYYY` or `YYYY-H1` leaves the registry as it is.
 */
export function registryForPeriod(registry: Registry, period: string): Registry {
  const date = periodDate(period);
  if (date === null) return registry;
  const units = registry.units.filter((u) =>
    inForce({ from: u.from ?? registry.validFrom, until: u.until ?? registry.validUntil }, date),
  );
  return units.length === registry.units.length ? registry : { ...registry, units };
}
