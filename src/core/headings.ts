/**
 * Reading the headings of a form's columns. A heading is the path of its cells from the top of
 * the heading band (a group heading merged over several columns gives context to the short
 * headings under it). Each level is folded (case, diacritics), cleared of numbering, units in
 * parentheses and English translations, and its abbreviations are expanded from the vocabulary
 * (`templates/vocabulary`). A column then gets candidate indicators, each with how strongly its
 * heading says so; which candidate wins is decided with the other columns, the form's order and
 * its identities (see `recognize.ts`), never by the first spelling that fits.
 */
import { kindPhrases, prepareKindWords, villageKindPhrases } from './kind-words.js';
import type { FormSpec, FormsCatalogue, Standard, Vocabulary } from './catalogue.js';
import { fold, foldWords } from './text.js';

/** Words that carry no meaning for telling columns apart ("Số hộ", "Trong đó:", "(hộ)"). */
const STOPWORDS = new Set([
  'so',
  'ho',
  'luong',
  'la',
  'nguoi',
  'trong',
  'do',
  'cua',
  'cac',
  'va',
  'voi',
]);

/** A folded Vietnamese syllable: onset, vowels, coda. */
const SYLLABLE =
  /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(?:ch|ng|nh|[cmnpt])?$/;

/** Most readings kept for one heading (abbreviations with several meanings multiply them). */
const MAX_READINGS = 4;

/** The vocabulary folded and indexed once per run. */
export interface PreparedVocabulary {
  /** Folded abbreviation → its expansions as folded word lists (the abbreviation itself first when it is also a word). */
  abbreviations: Map<string, string[][]>;
  english: Set<string>;
  /** Folded phrase → folded replacement, longest phrase first. */
  synonyms: [string, string][];
  /** Folded filler phrases, longest first. */
  fillers: string[];
  /** Folded word sequences of a deprivation group heading. */
  deprivationGroup: string[];
  /** Folded words that may precede an indicator's number ("chi so", "cs"). */
  numberWords: string[];
  totalStarts: Set<string>;
  /**
   * The same words as written, with their diacritics (NFC, lower case): in a household list's
   * rows, where a name's letters may fold to them ("Tống" to "tổng").
   */
  totalStartsWritten: Set<string>;
  totalWords: Set<string>;
  breakdown: string[];
  group: string[];
  /** Folded words of a row of other figures under the total (a target, an opening count). */
  otherFigures: string[];
  subunitKinds: string[];
  childKinds: string[];
  footer: string[];
  increase: string[];
  decrease: string[];
  /** Folded words that, with numbers and a year, make a heading say only when ("Cuối năm 2021"). */
  periodWords: Set<string>;
  /** Heading levels naming the period before the report's, or its own, without a year (folded). */
  previousPeriod: Set<string>;
  currentPeriod: Set<string>;
  /** Words leading a date or period ("tai thoi diem", "tinh den"), folded, word by word. */
  asOf: string[][];
  /** The end of a year in folded words ("cuoi nam 2025", "31 12 2025"); the year is group 1. */
  yearEnd: RegExp;
  /**
   * The standard's dimensions, in its order (set by `prepareCatalogue`): each name's folded words
   * and the numbers of its indicators, in the standard's order.
   */
  dimensions?: { words: string[]; numbers: number[] }[];
}

/** Folds and indexes the vocabulary. */
export function prepareVocabulary(v: Vocabulary): PreparedVocabulary {
  const abbreviations = new Map<string, string[][]>();
  for (const [abbr, meanings] of Object.entries(v.abbreviations)) {
    const key = foldWords(abbr).replace(/ /g, '');
    const list = meanings.map((m) => foldWords(m).split(' ').filter(Boolean));
    // "te", "no": an abbreviation that is also a Vietnamese syllable may mean itself.
    if (SYLLABLE.test(key)) list.unshift([key]);
    abbreviations.set(key, list);
  }
  const words = (xs: string[]): string[] => xs.map((x) => foldWords(x)).filter(Boolean);
  const kinds = prepareKindWords(v);
  return {
    abbreviations,
    english: new Set(words(v.englishWords)),
    fillers: words(v.fillers).sort((a, b) => b.length - a.length),
    synonyms: Object.entries(v.synonyms)
      .map(([a, b]): [string, string] => [foldWords(a), foldWords(b)])
      .filter(([a]) => a !== '')
      .sort((x, y) => y[0].length - x[0].length),
    deprivationGroup: words(v.deprivationGroup),
    numberWords: words(v.indicatorNumberWords),
    totalStarts: new Set(words(v.totalRow.starts)),
    totalStartsWritten: new Set(
      v.totalRow.starts.map((s) => s.normalize('NFC').toLocaleLowerCase('vi')),
    ),
    totalWords: new Set(words(v.totalRow.words)),
    breakdown: words(v.breakdownRow),
    group: words(v.groupRow),
    otherFigures: words(v.otherFiguresRow ?? []),
    subunitKinds: kindPhrases(kinds, ['subunit']),
    childKinds: [...villageKindPhrases(v)],
    footer: words(v.footer),
    increase: words(v.movementWords.increase),
    decrease: words(v.movementWords.decrease),
    previousPeriod: new Set((v.periodWords.previous ?? []).map((x) => foldWords(x))),
    currentPeriod: new Set((v.periodWords.current ?? []).map((x) => foldWords(x))),
    asOf: (v.periodWords.asOf ?? []).map((x) => foldWords(x).split(' ')),
    periodWords: new Set(
      [
        v.periodWords.day,
        v.periodWords.month,
        v.periodWords.year,
        v.periodWords.quarter,
        v.periodWords.first,
        v.periodWords.last,
        ...Object.keys(v.periodWords.spelledMonths),
      ].flatMap((x) => foldWords(x).split(' ')),
    ),
    yearEnd: new RegExp(
      `(?:^| )(?:${foldWords(v.periodWords.last)} ${foldWords(v.periodWords.year)}|31 12) ((?:19|20)\\d\\d)(?: |$)`,
    ),
  };
}

const A_YEAR = /^(?:19|20)\d\d$/;

/**
 * Whether a heading says only when ("Cuối năm 2021", "6 tháng 2022", "Năm 2021", "6T/2022"): a
 * year, and besides it only numbers and the words of a period. Such a level under an indicator
 * ("Số hộ nghèo / Cuối năm 2021 | 6 tháng 2022") or over the form's columns names no indicator:
 * the columns are read by the other levels, and set aside when their period is not the table's.
 * So is a level naming the period before the report's or its own without a year ("Kỳ trước", "Kỳ
 * này", "Thực hiện"; the vocabulary's `previous` and `current`).
 */
export function isPeriodHeading(text: string, vocab: PreparedVocabulary): boolean {
  const folded = foldWords(text);
  if (vocab.previousPeriod.has(folded) || vocab.currentPeriod.has(folded)) return true;
  const words = folded.split(' ');
  if (!words.some((w) => A_YEAR.test(w))) return false;
  const letter = /^\d{1,2}t$/;
  return words.every(
    (w) => /^\d+$/.test(w) || letter.test(w) || /^[ivx]+$/.test(w) || vocab.periodWords.has(w),
  );
}

/**
 * The answer to a question asked again and again (the header search reads the same texts for
 * every candidate band): kept per owner (the vocabulary, a form), at most 20,000 per owner.
 */
function remembered<O extends object, V>(
  store: WeakMap<O, Map<string, V>>,
  owner: O,
  key: string,
  compute: () => V,
): V {
  let memo = store.get(owner);
  if (!memo) {
    memo = new Map();
    store.set(owner, memo);
  }
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  const out = compute();
  if (memo.size > 20_000) memo.clear();
  memo.set(key, out);
  return out;
}

/** Whether folded words `w` contain the folded phrase `p` as whole words. */
export function hasPhrase(w: string, p: string): boolean {
  return ` ${w} `.includes(` ${p} `);
}

/** Whether folded words start with one of the phrases. */
export function startsWithPhrase(w: string, phrases: string[]): boolean {
  return phrases.some((p) => w === p || w.startsWith(`${p} `));
}

const readingCache = new WeakMap<PreparedVocabulary, Map<string, string[][]>>();

/** The words a heading's "%" is read as ("tỷ lệ", folded). */
const PERCENT_WORDS = ['ty', 'le'];

const madeWordsCache = new WeakMap<PreparedVocabulary, Set<string>>();

/**
 * The words a reading may hold that its text need not spell (see `computeReadings`): those of
 * the abbreviations' meanings, of the synonyms' replacements, and of "%". Every other word of a
 * reading is a word of its text, folded.
 */
export function readingMadeWords(vocab: PreparedVocabulary): Set<string> {
  let made = madeWordsCache.get(vocab);
  if (made) return made;
  made = new Set<string>(PERCENT_WORDS);
  for (const meanings of vocab.abbreviations.values())
    for (const m of meanings) for (const w of m) made.add(w);
  for (const [, to] of vocab.synonyms) for (const w of to.split(' ')) if (w) made.add(w);
  madeWordsCache.set(vocab, made);
  return made;
}

/**
 * The readings of one heading cell: its significant words in order, each once; one reading per
 * meaning of its abbreviations (at most four). Empty when the cell has no significant word (a
 * number, "Số hộ", an English translation).
 */
export function headingReadings(text: string, vocab: PreparedVocabulary): string[][] {
  return remembered(readingCache, vocab, text, () => computeReadings(text, vocab));
}

/**
 * The readings of one of the catalogue's own headings: as a file's (see headingReadings), but
 * never without its fillers. A filler dropped from the catalogue's words can leave them saying
 * something else, or nothing: "Tổng thiếu hụt" (the deprivations total) would be "tổng", the
 * reading of any file's "Tổng số hộ"; "Hộ tái nghèo" would be "nghèo" ("tại" and "tái" fold
 * alike). A file's heading is still read without its fillers ("Thiếu hụt về việc làm").
 */
function catalogueReadings(text: string, vocab: PreparedVocabulary): string[][] {
  return computeReadings(text, vocab, false);
}

function computeReadings(
  text: string,
  vocab: PreparedVocabulary,
  withoutFillers = true,
): string[][] {
  const plain = headingWords(text, vocab, false);
  // Words in brackets are mostly a unit ("(hộ)", "(%)"): left out. But "Nhà ở (chất lượng)" and
  // "Nhà ở (diện tích)" are told apart by them: a second reading keeps words in brackets.
  const bracketed = /\([^)%\d]*[a-zà-ỹđ][^)%\d]*\)/i.test(text)
    ? headingWords(text, vocab, true)
    : null;
  const out = wordReadings(plain, vocab, withoutFillers);
  if (bracketed && bracketed.join(' ') !== plain.join(' ')) {
    const seen = new Set(out.map((r) => r.join(' ')));
    for (const r of wordReadings(bracketed, vocab, withoutFillers))
      if (!seen.has(r.join(' '))) out.push(r);
  }
  return out;
}

/** A heading's words, folded, English and numbering left out; words in brackets when `keep`. */
function headingWords(text: string, vocab: PreparedVocabulary, keep: boolean): string[] {
  // A translation sits on its own line or after a slash ("Số hộ nghèo / Poor households"):
  // a segment wholly in English goes, unless it is all there is.
  // A slash before a number is a date's or a period's ("30/6/2022", "6T/2022"), not a translation's.
  const segments = text
    .normalize('NFC')
    .replace(/\/(?=\s*\d)/g, ' ')
    .split(/[\n\r|/]+/);
  const words: string[] = [];
  for (const seg of segments) {
    let s = fold(seg);
    s = s.replace(/%/g, ` ${PERCENT_WORDS.join(' ')} `);
    if (keep) s = s.replace(/\(([^)%\d]*)\)/g, ' $1 ');
    s = s.replace(/\([^)]*\)/g, ' ').replace(/\[[^\]]*\]/g, ' ');
    s = s.replace(/^\s*(?:\d+|[ivx]+|[a-h])\s*[.)/:-]\s+/, ' ');
    const ws = withoutPeriod(s.split(/[^a-z0-9]+/), vocab).filter((w) => w !== '' && !/\d/.test(w));
    if (segments.length > 1 && ws.length > 0 && ws.every((w) => vocab.english.has(w))) continue;
    words.push(...dropEnglish(ws, vocab.english));
  }
  return words;
}

/**
 * A heading's words without the period it names ("Số hộ nghèo 6 tháng đầu năm 2022", "Tổng số hộ
 * năm 2022", "… quý II/2022"): a run of numbers and a period's words around a year says when, not
 * what, and the indicator is read from the other words. A heading that says only when keeps its
 * words (`isPeriodHeading` reads it); whether the period is the table's is told from the texts
 * (`periodPhrase`), not from these words.
 */
function withoutPeriod(tokens: string[], vocab: PreparedVocabulary): string[] {
  if (!tokens.some((w) => A_YEAR.test(w))) return withoutCurrent(tokens, vocab);
  const out: string[] = [];
  for (const [i, j] of periodRuns(tokens, vocab)) out.push(...tokens.slice(i, j));
  return out.some((w) => w !== '' && !/\d/.test(w)) ? out : tokens;
}

/**
 * A heading's words without the words after its indicator naming the report's own period ("Tổng
 * số hộ năm nay", "Số hộ nghèo hiện có": the vocabulary's `current`), when two words or more are
 * left: they say when, not what. The period before ("… năm trước") is kept: such a column is not
 * read as this period's.
 */
function withoutCurrent(tokens: string[], vocab: PreparedVocabulary): string[] {
  const words = tokens.filter((w) => w !== '');
  for (const phrase of vocab.currentPeriod) {
    const n = phrase.split(' ').length;
    if (words.length - n >= 2 && words.slice(-n).join(' ') === phrase) return words.slice(0, -n);
  }
  return tokens;
}

/**
 * The stretches [from, to) of `tokens` (folded words) that are not a period: a period is a run of
 * numbers, roman numerals and a period's words holding a year.
 */
function periodRuns(tokens: string[], vocab: PreparedVocabulary): [number, number][] {
  const inPeriod = (w: string): boolean =>
    w === '' || /^\d+t?$/.test(w) || /^[ivx]+$/.test(w) || vocab.periodWords.has(w);
  const kept: [number, number][] = [];
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    while (j < tokens.length && !inPeriod(tokens[j] ?? '')) j++;
    let k = j;
    while (k < tokens.length && inPeriod(tokens[k] ?? '')) k++;
    const dated = k > j && tokens.slice(j, k).some((w) => A_YEAR.test(w));
    // "… tại thời điểm 30/6/2022": the words leading the date go with it.
    const lead = dated ? leadingWords(tokens, i, j, vocab) : 0;
    if (j - lead > i) kept.push([i, j - lead]);
    if (k > j && !dated) kept.push([j, k]);
    i = k;
  }
  return kept;
}

/**
 * How many of the words `tokens[from, to)` end with that lead a date ("tại thời điểm", the
 * vocabulary's `asOf`), when a word is left before them; else 0.
 */
function leadingWords(
  tokens: string[],
  from: number,
  to: number,
  vocab: PreparedVocabulary,
): number {
  for (const phrase of vocab.asOf) {
    const n = phrase.length;
    if (to - n <= from) continue;
    if (phrase.every((w, x) => tokens[to - n + x] === w)) return n;
  }
  return 0;
}

/**
 * The period a heading names after its indicator, as written: "cuối năm 2025" of "Số hộ nghèo
 * cuối năm 2025", "6 tháng đầu năm 2022" of "Hộ nghèo 6 tháng đầu năm 2022"; the whole text when it
 * says only when; null when it names no year.
 */
export function periodPhrase(text: string, vocab: PreparedVocabulary): string | null {
  if (isPeriodHeading(text, vocab)) return text;
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const tokens = words.map((m) => fold(m[0]));
  if (!tokens.some((w) => A_YEAR.test(w))) return null;
  let from = 0;
  for (const [i, j] of periodRuns(tokens, vocab)) {
    // The first stretch left out is the period.
    if (i > from) return phraseOf(text, words, from, i);
    from = j;
  }
  return from < tokens.length ? phraseOf(text, words, from, tokens.length) : null;
}

function phraseOf(text: string, words: RegExpExecArray[], from: number, to: number): string {
  const first = words[from];
  const last = words[to - 1];
  if (!first || !last) return text;
  return text.slice(first.index, last.index + last[0].length);
}

/** The readings of a heading's words: abbreviations, synonyms and fillers, each once. */
function wordReadings(
  words: string[],
  vocab: PreparedVocabulary,
  withoutFillers: boolean,
): string[][] {
  let readings: string[][] = [[]];
  for (const w of words) {
    const meanings = vocab.abbreviations.get(w) ?? [[w]];
    const next: string[][] = [];
    for (const r of readings)
      for (const m of meanings) {
        if (next.length >= MAX_READINGS) break;
        next.push([...r, ...m]);
      }
    readings = next;
  }
  // The vocabulary's phrases are looked for in every heading read: indexed loops, as a `for…of`
  // and a destructuring each cost an iterator in code V8 has not optimized (most of a short run).
  const synonyms = vocab.synonyms;
  readings = readings.map((r) => {
    let joined = ` ${r.join(' ')} `;
    for (let i = 0; i < synonyms.length; i++) {
      const pair = synonyms[i];
      if (pair && joined.includes(` ${pair[0]} `))
        joined = joined.split(` ${pair[0]} `).join(` ${pair[1]} `);
    }
    return joined.split(' ').filter(Boolean);
  });
  // "Thiếu hụt về việc làm" is also read as "việc làm".
  const fillers = vocab.fillers;
  if (withoutFillers)
    readings = readings.flatMap((r) => {
      let joined = ` ${r.join(' ')} `;
      for (let i = 0; i < fillers.length; i++) {
        const f = fillers[i] ?? '';
        if (joined.includes(` ${f} `)) joined = joined.split(` ${f} `).join(' ');
      }
      const bare = joined.split(' ').filter(Boolean);
      return bare.length > 0 && bare.length < r.length ? [r, bare] : [r];
    });
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const r of readings) {
    const kept: string[] = [];
    for (const w of r) if (!STOPWORDS.has(w) && !kept.includes(w)) kept.push(w);
    const key = kept.join(' ');
    if (kept.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(kept);
  }
  return out;
}

/**
 * Drops runs of English words: two or more with one of five letters or more, or one of seven or
 * more ("households"). Folded Vietnamese words are short syllables, so they do not qualify.
 */
function dropEnglish(words: string[], english: Set<string>): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    let j = i;
    while (j < words.length && english.has(words[j] ?? '')) j++;
    const run = words.slice(i, j);
    // A translation closing the heading ("… (%) Near-poor rate") may be of short words.
    const closing = j === words.length && run.length >= 2 && run.some((w) => w.length >= 4);
    const isEnglish =
      run.length > 0 &&
      (closing ||
        (run.length >= 2 && run.some((w) => w.length >= 5)) ||
        run.some((w) => w.length >= 7));
    if (!isEnglish) out.push(...(run.length > 0 ? run : [words[i] ?? '']));
    i = run.length > 0 ? j : i + 1;
  }
  return out.filter(Boolean);
}

/**
 * Whether a heading path's group levels say its column adds to the households (+1), takes from
 * them (−1), or neither (0): "Tăng / TCN" is the near-poor who fell back, not those who left.
 */
export function movementOf(h: HeadingPath, vocab: PreparedVocabulary): number {
  let sign = 0;
  for (const t of h.texts.slice(0, -1)) {
    const w = foldWords(t);
    const up = vocab.increase.some((p) => hasPhrase(w, p));
    const down = vocab.decrease.some((p) => hasPhrase(w, p));
    if (up !== down) sign = up ? 1 : -1;
  }
  return sign;
}

/** Whether a heading cell is written wholly in English (a translation row under the headings). */
export function isEnglishText(text: string, vocab: PreparedVocabulary): boolean {
  return remembered(englishMemo, vocab, text, () => computeIsEnglish(text, vocab));
}

const englishMemo = new WeakMap<PreparedVocabulary, Map<string, boolean>>();

function computeIsEnglish(text: string, vocab: PreparedVocabulary): boolean {
  // "children's" folds to "children s": a lone letter says nothing either way. A number ("1\n
  // employment") is the heading, with its translation.
  const all = foldWords(text).split(' ');
  if (all.some((w) => /^\d+$/.test(w))) return false;
  const ws = all.filter((w) => w.length > 1);
  return ws.length > 0 && ws.every((w) => vocab.english.has(w));
}

/** One indicator column prepared for matching. */
interface PreparedColumn {
  id: string;
  /** Word sequences of the heading and its variants (every reading). */
  sequences: Set<string>;
  /** The same words sorted. */
  sets: Set<string>;
  /** Word lists of each variant, for partial and generic headings. */
  wordLists: string[][];
}

/** A form prepared for matching. */
export interface PreparedForm {
  spec: FormSpec;
  columns: PreparedColumn[];
  /** Column id → its place in the form's canonical order. */
  order: Map<string, number>;
  /** Word sets shared by more than one column of the form (never matched by set). */
  ambiguousSets: Set<string>;
  bySeq: Map<string, string[]>;
  bySet: Map<string, string[]>;
  /** Indicator number (1…12) → column id, for forms with one column per indicator. */
  byNumber: Map<number, string>;
  /**
   * "d.k" → column id: the k-th indicator of the standard's d-th dimension (in the standard's
   * order), as forms number the indicators under their dimensions ("2.1" nutrition).
   */
  byDimension: Map<string, string>;
  /** Words of the form's title and sheet names, folded ("bieu 04"). */
  hints: string[];
  /** Every variant's words, with its column, in column order. */
  wordLists: [string, string[]][];
  /** Word → the entries of `wordLists` holding it. */
  byWord: Map<string, number[]>;
}

/** The forms and common headings prepared once per run. */
export interface PreparedCatalogue {
  forms: PreparedForm[];
  name: { sequences: Set<string>; sets: Set<string> };
  stt: { sequences: Set<string>; sets: Set<string> };
  vocab: PreparedVocabulary;
}

const setKey = (tokens: string[]): string => [...tokens].sort().join(' ');

function prepareColumn(id: string, headings: string[], vocab: PreparedVocabulary): PreparedColumn {
  const sequences = new Set<string>();
  const sets = new Set<string>();
  const wordLists: string[][] = [];
  // The catalogue's "(chết, chuyển đi…)" says what the column holds: read it as words too.
  const all = [
    ...headings,
    ...headings.filter((h) => h.includes('(')).map((h) => h.replace(/[()]/g, ' ')),
  ];
  for (const h of all)
    for (const t of catalogueReadings(h, vocab)) {
      sequences.add(t.join(' '));
      sets.add(setKey(t));
      wordLists.push(t);
    }
  return { id, sequences, sets, wordLists };
}

/** Prepares the catalogue's headings for matching. */
export function prepareCatalogue(
  cat: FormsCatalogue,
  vocabulary: Vocabulary,
  standard?: Standard,
): PreparedCatalogue {
  const vocab = prepareVocabulary(vocabulary);
  // The catalogue's own English names are the translations clerks copy under the headings.
  const en = [
    ...cat.forms.flatMap((f) => [f.title.en, ...f.columns.map((c) => c.en)]),
    ...(standard?.indicators.flatMap((i) => [i.name.en, i.dimension.en]) ?? []),
  ];
  for (const w of en.flatMap((t) => foldWords(t).split(' ')))
    if (w.length > 2 && !/\d/.test(w)) vocab.english.add(w);
  if (standard) {
    const dimensions = new Map<string, number[]>();
    for (const ind of standard.indicators) {
      const key = foldWords(ind.dimension.vi);
      dimensions.set(key, [...(dimensions.get(key) ?? []), ind.number]);
    }
    vocab.dimensions = [...dimensions].map(([key, numbers]) => ({
      words: key.split(' ').filter(Boolean),
      numbers,
    }));
  }
  const forms = cat.forms.map((spec): PreparedForm => {
    const columns = spec.columns.map((c) => prepareColumn(c.id, [c.heading, ...c.variants], vocab));
    const owners = new Map<string, Set<string>>();
    for (const c of columns)
      for (const s of c.sets) owners.set(s, (owners.get(s) ?? new Set()).add(c.id));
    const ambiguousSets = new Set([...owners].filter(([, ids]) => ids.size > 1).map(([s]) => s));
    const bySeq = new Map<string, string[]>();
    const bySet = new Map<string, string[]>();
    for (const c of columns) {
      for (const q of c.sequences) bySeq.set(q, [...new Set([...(bySeq.get(q) ?? []), c.id])]);
      for (const q of c.sets) bySet.set(q, [...new Set([...(bySet.get(q) ?? []), c.id])]);
    }
    const byNumber = new Map<number, string>();
    const byDimension = new Map<string, string>();
    if (spec.indicatorPrefix && standard) {
      const dimensions: string[] = [];
      const inDimension = new Map<string, number>();
      for (const ind of standard.indicators) {
        const dim = foldWords(ind.dimension.vi);
        if (!dimensions.includes(dim)) dimensions.push(dim);
        const k = (inDimension.get(dim) ?? 0) + 1;
        inDimension.set(dim, k);
        const id = `${spec.indicatorPrefix}${ind.id}`;
        if (!spec.columns.some((c) => c.id === id)) continue;
        byNumber.set(ind.number, id);
        byDimension.set(`${dimensions.indexOf(dim) + 1}.${k}`, id);
      }
    }
    const wordLists = columns.flatMap((c) => c.wordLists.map((v): [string, string[]] => [c.id, v]));
    const byWord = new Map<string, number[]>();
    wordLists.forEach(([, v], i) => {
      for (const w of new Set(v)) byWord.set(w, [...(byWord.get(w) ?? []), i]);
    });
    return {
      spec,
      columns,
      wordLists,
      byWord,
      order: new Map(spec.columns.map((c, i) => [c.id, i])),
      ambiguousSets,
      bySeq,
      bySet,
      byNumber,
      byDimension,
      hints: [spec.title.vi, ...spec.sheetNames].map(foldWords),
    };
  });
  const common = (h: { heading: string; variants: string[] }): PreparedCatalogue['name'] => {
    const c = prepareColumn('', [h.heading, ...h.variants], vocab);
    return { sequences: c.sequences, sets: c.sets };
  };
  return { forms, name: common(cat.common.name), stt: common(cat.common.stt), vocab };
}

/** One way of reading a heading path (leaf, parent + leaf, …): its words in order and as a set. */
export interface PathCandidate {
  seq: string;
  set: string;
  words: string[];
  /** How many levels, from the leaf up, the reading uses. */
  depth: number;
}

/** A column's heading path read once for every form. */
export interface HeadingPath {
  /** The path's non-empty texts, top to bottom, each once. */
  texts: string[];
  candidates: PathCandidate[];
  /** The indicator number the leaf names ("5", "Chỉ số 5"), when under a deprivation group heading. */
  number: number | null;
  /** The dimension and the indicator in it the leaf numbers ("2.1"), under a deprivation group. */
  dimension: string | null;
  /**
   * A number heading the leaf's words ("9. Nhà tiêu hợp vệ sinh", "(9) Nhà tiêu…", "Chỉ số 9:
   * Nhà tiêu…"): no reading by itself (it may number the columns, not the indicators), only
   * checked against the indicator the words name.
   */
  leadingNumber: number | null;
  /** The path's texts joined: the key its matches are remembered by. */
  key: string;
}

const MAX_CANDIDATES = 12;

/**
 * Reads a column's heading path (texts of the band's rows, top to bottom): the readings of its
 * suffixes, leaf first; empty levels dropped and repeated ones (a vertically merged cell) counted
 * once.
 */
export function readHeadingPath(path: string[], vocab: PreparedVocabulary): HeadingPath {
  // A heading has at most four levels (group, sub-group, leaf, and one spare): rows above them
  // in a band (a title merged over the table) say nothing of a column.
  const texts: string[] = [];
  for (const p of path) if (p !== '' && texts[texts.length - 1] !== p) texts.push(p);
  const kept = texts.slice(-MAX_LEVELS);
  return remembered(pathMemo, vocab, kept.join('\u0001'), () => computePath(kept, vocab));
}

const pathMemo = new WeakMap<PreparedVocabulary, Map<string, HeadingPath>>();

/** Most levels of a heading path read. */
const MAX_LEVELS = 4;

function computePath(path: string[], vocab: PreparedVocabulary): HeadingPath {
  const texts: string[] = [];
  for (const p of path) if (p !== '' && texts[texts.length - 1] !== p) texts.push(p);
  const levels: string[][][] = [];
  for (const t of texts) {
    // A level saying only when names no indicator.
    if (texts.length > 1 && isPeriodHeading(t, vocab)) continue;
    const r = headingReadings(t, vocab);
    if (r.length === 0) continue;
    const prev = levels[levels.length - 1];
    if (prev && prev[0]?.join(' ') === r[0]?.join(' ')) continue;
    levels.push(r);
  }
  const candidates: PathCandidate[] = [];
  for (let k = levels.length - 1; k >= 0 && candidates.length < MAX_CANDIDATES; k--) {
    let combos: string[][] = [[]];
    for (const lvl of levels.slice(k)) {
      const next: string[][] = [];
      for (const c of combos)
        for (const r of lvl) if (next.length < MAX_READINGS) next.push([...c, ...r]);
      combos = next;
    }
    for (const c of combos) {
      const merged: string[] = [];
      for (const w of c) if (!merged.includes(w)) merged.push(w);
      candidates.push({
        seq: merged.join(' '),
        set: setKey(merged),
        words: merged,
        depth: levels.length - k,
      });
    }
  }
  return {
    texts,
    candidates,
    number: indicatorNumber(texts, vocab),
    dimension: dimensionNumber(texts, vocab),
    leadingNumber: leadingNumber(texts, vocab),
    key: texts.join('\u0001'),
  };
}

/** The number before a leaf's words ("9. Nhà tiêu…", "(9) …", "Chỉ số 9: …"), or null. */
function leadingNumber(texts: string[], vocab: PreparedVocabulary): number | null {
  const leaf = texts[texts.length - 1];
  if (leaf === undefined) return null;
  const folded = foldWords(leaf.replace(/[\n\r|/]+/g, ' '));
  const m = numberPatterns(vocab).leading.exec(folded);
  return m?.[1] ? Number(m[1]) : null;
}

/**
 * The indicator number a column's leaf heading gives ("5", "(5)", "05.", "Chỉ số 5", "CS5"):
 * with a number word it stands alone; a bare number needs a deprivation group heading or one of
 * the standard's dimensions above it (under a dimension, "1" may be its first indicator).
 */
function indicatorNumber(path: string[], vocab: PreparedVocabulary): number | null {
  const texts = numberedTexts(path, vocab);
  const leaf = texts[texts.length - 1];
  if (leaf === undefined) return null;
  const read = leafIndicatorNumber(leaf, vocab);
  if (read === null) return null;
  if (read.worded) return read.number;
  // Under a dimension's own heading ("Y tế" merged over "1 | 2", or over "3 | 4"): a number of
  // one of its indicators is that indicator; another is its place in the dimension, when the
  // dimension has one there (the numbering starts again under each dimension). Any other number
  // is read as the form numbers it, and the dimension's words then conflict with it.
  const dimension = dimensionAbove(texts, vocab);
  if (dimension) {
    if (dimension.numbers.includes(read.number)) return read.number;
    const local = dimension.numbers[read.number - 1];
    if (local !== undefined) return local;
  }
  const above = texts.slice(0, -1).map(foldWords);
  return above.some((t) => vocab.deprivationGroup.some((p) => hasPhrase(t, p)))
    ? read.number
    : null;
}

/**
 * The levels a column's indicator number is read from: the path without a leaf that says only
 * "how many" ("Số hộ", "SL": no significant word and no figure) under a level above it. An
 * indicator's number merged over its "Số hộ | %" pair numbers the count column; the "%" beside
 * it reads as a rate ("tỷ lệ"), which no count of the form is.
 */
function numberedTexts(texts: string[], vocab: PreparedVocabulary): string[] {
  const leaf = texts[texts.length - 1];
  if (texts.length < 2 || leaf === undefined || /\d/.test(leaf)) return texts;
  return headingReadings(leaf, vocab).length === 0 ? texts.slice(0, -1) : texts;
}

/**
 * The dimension of the standard the heading right above the leaf names: the one whose name's
 * words it holds ("Y tế", "1. Y tế", "Tiếp cận y tế"), when exactly one does.
 */
function dimensionAbove(
  texts: string[],
  vocab: PreparedVocabulary,
): { words: string[]; numbers: number[] } | null {
  const parent = texts[texts.length - 2];
  if (parent === undefined || !vocab.dimensions) return null;
  const words = new Set(foldWords(parent).split(' '));
  const named = vocab.dimensions.filter((d) => d.words.every((w) => words.has(w)));
  return named.length === 1 ? (named[0] ?? null) : null;
}

/**
 * The dimension and indicator a leaf heading numbers as "d.k" ("2.1", "2. 1", "(2.1)"): a
 * numbering of the indicators under their dimensions, read only under a deprivation group
 * heading (elsewhere "2.1" may number anything). "2.1" is kept as written: the form says which
 * indicator it is (`PreparedForm.byDimension`).
 */
function dimensionNumber(path: string[], vocab: PreparedVocabulary): string | null {
  const texts = numberedTexts(path, vocab);
  const leaf = texts[texts.length - 1];
  const number = leaf === undefined ? null : readDimensionNumber(leaf);
  if (number === null) return null;
  const above = texts.slice(0, -1).map(foldWords);
  return above.some((t) => vocab.deprivationGroup.some((p) => hasPhrase(t, p))) ? number : null;
}

/**
 * A text that numbers an indicator under its dimension, as "d.k" ("2.1", "2,1", "(2.1)", "02.1.":
 * the first indicator of the second dimension), or null. What it names is the form's to say.
 */
export function readDimensionNumber(text: string): string | null {
  const m = /^\(?\s*0?([1-9])\s*[.,]\s*0?([1-9])\s*\)?\.?$/.exec(text.trim());
  return m?.[1] && m[2] ? `${m[1]}.${m[2]}` : null;
}

/**
 * The number a leaf heading writes as an indicator's ("5", "(5)", "05.", "Chỉ số 5", "CS5"), and
 * whether one of the vocabulary's number words (`indicatorNumberWords`) came with it: then the
 * heading says an indicator by itself; a bare number is one only where the structure says so (a
 * deprivation group heading above it, the numbers before it). Null when it writes none.
 */
export function leafIndicatorNumber(
  leaf: string,
  vocab: PreparedVocabulary,
): { number: number; worded: boolean } | null {
  // Most headings and every text cell of a band's rows have no digit: no number to read.
  if (!/\d/.test(leaf)) return null;
  // "(5)" is the number; "Chỉ số 5 (hộ)" carries a unit; a translation may follow on its own
  // line ("Chỉ số 5\nAdult education"): the number is a line of its own or begins the heading.
  // The whole text first ("Chỉ\nsố 1" is one phrase wrapped), without its English words
  // ("Chỉ\nsố 1\nemployment"), then each line.
  const unbracket = (l: string): string =>
    foldWords(l.replace(/\((?!\s*\d{1,2}\s*\))[^)]*\)/g, ' '));
  const whole = unbracket(leaf.replace(/[\n\r|/]+/g, ' '));
  const lines = [
    whole,
    whole
      .split(' ')
      .filter((x) => !vocab.english.has(x) && (x.length > 1 || /\d/.test(x)))
      .join(' '),
    ...leaf.split(/[\n\r|/]+/).map(unbracket),
  ];
  // No number words: the pattern's empty alternative would take a bare number for a worded one.
  const alone = vocab.numberWords.length > 0 ? numberPatterns(vocab).alone : null;
  let w = '';
  for (const l of lines) {
    const m = alone?.exec(l);
    if (m?.[1]) return { number: Number(m[1]), worded: true };
    if (/^0?\d{1,2}$/.test(l)) w = l;
  }
  if (w === '') w = lines[0] ?? '';
  const bare = /^0?(\d{1,2})$/.exec(w);
  return bare?.[1] ? { number: Number(bare[1]), worded: false } : null;
}

const numberPatternCache = new WeakMap<PreparedVocabulary, NumberPatterns>();

interface NumberPatterns {
  /** "chi so 5", "cs 5", "chi tieu 05": an indicator's number after its number word. */
  alone: RegExp;
  /** "9 nha tieu …", "chi so 9 nha tieu …": a number, with or without its word, before words. */
  leading: RegExp;
}

/** The patterns of an indicator's number, made once per vocabulary. */
function numberPatterns(vocab: PreparedVocabulary): NumberPatterns {
  let p = numberPatternCache.get(vocab);
  if (!p) {
    const words = vocab.numberWords.join('|');
    p = {
      alone: new RegExp(`^(?:${words}) ?0?(\\d{1,2})$`),
      leading: new RegExp(`^(?:(?:${words}) ?)?0?(\\d{1,2}) [a-z]`),
    };
    numberPatternCache.set(vocab, p);
  }
  return p;
}

/** How a heading was matched, strongest first. */
export type MatchKind = 'mapping' | 'exact' | 'number' | 'words' | 'partial' | 'generic';

/** Strength of each kind of match. */
export const MATCH_STRENGTH: Record<MatchKind, number> = {
  mapping: 6,
  exact: 5,
  number: 5,
  words: 4,
  partial: 2,
  generic: 1,
};

/** A candidate indicator for a column. */
export interface HeadingMatch {
  id: string;
  kind: MatchKind;
  /** How many path levels (from the leaf up) the match used. */
  depth: number;
}

/**
 * Every indicator of a form a heading path could be, strongest reading first: the exact words of
 * a variant, its indicator number, the same words in another order, a variant's words with at
 * most two more, or (generic) a heading whose words all belong to a variant ("Tỷ lệ (%)").
 */
export function headingMatches(
  h: HeadingPath,
  form: PreparedForm,
  strongOnly = false,
): HeadingMatch[] {
  // The header search asks only for the strong readings of every candidate band; the weak ones
  // are worked out for the band chosen.
  return remembered(strongOnly ? strongMemo : matchMemo, form, h.key, () =>
    computeMatches(h, form, strongOnly),
  );
}

const matchMemo = new WeakMap<PreparedForm, Map<string, HeadingMatch[]>>();
const strongMemo = new WeakMap<PreparedForm, Map<string, HeadingMatch[]>>();
const countsMemo = new WeakMap<PreparedForm, Int32Array>();

/** A counter per variant of the form's (`wordLists`), all zero between uses. */
function sharedCounts(form: PreparedForm): Int32Array {
  let counts = countsMemo.get(form);
  if (!counts) {
    counts = new Int32Array(form.wordLists.length);
    countsMemo.set(form, counts);
  }
  return counts;
}

function computeMatches(h: HeadingPath, form: PreparedForm, strongOnly: boolean): HeadingMatch[] {
  const out: HeadingMatch[] = [];
  const add = (m: HeadingMatch): void => {
    const prev = out.find((o) => o.id === m.id);
    if (!prev) out.push(m);
    else if (
      MATCH_STRENGTH[m.kind] > MATCH_STRENGTH[prev.kind] ||
      (m.kind === prev.kind && m.depth < prev.depth)
    )
      Object.assign(prev, m);
  };
  if (h.number !== null) {
    const id = form.byNumber.get(h.number);
    if (id) add({ id, kind: 'number', depth: 1 });
  }
  if (h.dimension !== null) {
    const id = form.byDimension.get(h.dimension);
    if (id) add({ id, kind: 'number', depth: 1 });
  }
  const candidates = h.candidates;
  for (let n = 0; n < candidates.length; n++) {
    const c = candidates[n];
    if (!c) continue;
    const hits = form.bySeq.get(c.seq);
    if (hits)
      for (let j = 0; j < hits.length; j++)
        add({ id: hits[j] ?? '', kind: 'exact', depth: c.depth });
    if (!form.ambiguousSets.has(c.set)) {
      const byWords = form.bySet.get(c.set);
      if (byWords?.length === 1 && byWords[0])
        add({ id: byWords[0], kind: 'words', depth: c.depth });
    }
  }
  if (strongOnly || out.some((m) => MATCH_STRENGTH[m.kind] >= MATCH_STRENGTH.words)) return out;
  // How many of the heading's words each variant holds (only variants sharing a word can fit):
  // all of the variant's, with at most two more in the heading, is partial; all of the
  // heading's is generic.
  // Counted in an array of the form's (zeroed again after each candidate), the variants in the
  // order first met: a Map and its entries cost more than the rest of the search.
  const shared = sharedCounts(form);
  const met: number[] = [];
  // A loose reading uses the leaf and its group at most: the rows above (title, sub-title) would
  // only bring words that fit nothing.
  for (let n = 0; n < candidates.length; n++) {
    const c = candidates[n];
    if (!c || c.depth > 2) continue;
    met.length = 0;
    const words = c.words;
    for (let k = 0; k < words.length; k++) {
      const holding = form.byWord.get(words[k] ?? '');
      if (holding)
        for (let j = 0; j < holding.length; j++) {
          const i = holding[j] ?? 0;
          const before = shared[i] ?? 0;
          shared[i] = before + 1;
          if (before === 0) met.push(i);
        }
    }
    const size = words.length;
    for (let k = 0; k < met.length; k++) {
      const i = met[k] ?? 0;
      const n = shared[i] ?? 0;
      shared[i] = 0;
      const entry = form.wordLists[i];
      if (!entry) continue;
      const id = entry[0];
      const v = entry[1];
      if (v.length >= 2 && n === v.length && size - v.length <= 2)
        add({ id, kind: 'partial', depth: c.depth });
      else if (size >= 1 && n === size) add({ id, kind: 'generic', depth: c.depth });
    }
  }
  return out;
}

/** Whether a heading path reads as the unit-name or the row-number heading. */
export function matchCommon(h: HeadingPath, col: PreparedCatalogue['name']): boolean {
  return h.candidates.some(
    (c) => c.seq !== '' && (col.sequences.has(c.seq) || col.sets.has(c.set)),
  );
}
