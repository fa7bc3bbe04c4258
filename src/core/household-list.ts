/**
 * Recognising a household list (issue 11): whether a sheet is a list of households rather than a
 * summary form, and which column is which id of `shared/reference/household-lists.md`.
 *
 * Headings are read as form headings are (`headings.ts`: folded, abbreviations expanded, fillers
 * dropped) against the list words of the vocabulary (`householdList`). Structure decides, spelling
 * is a hint: the heading band is the one under which the most ids are read, the flags are the
 * standard's indicators (by their words, or by their numbers: bare under a deprivation group
 * heading, or after a number word, "CS5", "Chỉ số 5"; in the standard's order), and when two columns fit the deprivation score the one that equals
 * points × flags on the rows is it. When two readings still fit, the list says so and is not
 * guessed.
 */
import type { Standard, Vocabulary } from './catalogue.js';
import { cellAt, isHiddenColumn, type SheetGrid } from './grid.js';
import {
  hasPhrase,
  headingReadings,
  leafIndicatorNumber,
  prepareVocabulary,
  readingMadeWords,
  type PreparedVocabulary,
} from './headings.js';
import { cellText, isColumnNumberRow, mergedTextReader } from './recognize.js';
import { LIST_COLUMN_IDS } from './list-columns.js';
import { fold, foldCompact, foldWords, parseNumberText } from './text.js';

/** A column id of a household list. */
export type ListColumnId = (typeof LIST_COLUMN_IDS)[number];

/** The list words, folded once per run. */
export interface PreparedListVocabulary {
  vocab: PreparedVocabulary;
  /** Per id, each heading as its readings' word lists and its compact spelling ("b1"). */
  columns: { id: ListColumnId; words: string[]; compact: string }[];
  /** Per indicator id, its heading words. */
  indicators: Map<string, string[][]>;
  flagSet: Set<string>;
  flagNotSet: Set<string>;
  /** Folded classification phrases, longest first. */
  classification: { phrase: string; cls: 'poor' | 'nearPoor' | 'other' }[];
  /** Folded status phrases, longest first, with the move id ("" old). */
  status: { phrase: string; move: string }[];
  /** The move ids the status words count in. */
  moveIds: string[];
  /** Folded status words dropped before reading a status cell ("ho", "tu"). */
  statusFillers: Set<string>;
  /** Folded whole-cell status words that name no class, with the end of their move id. */
  statusOfClass: Map<string, string>;
  area: { phrase: string; area: 'urban' | 'rural' }[];
  urbanKinds: string[];
  /** Folded phrases saying the ethnicity is not known. */
  ethnicityUnknown: string[];
  /** Folded words a list sheet's tab may be named with and be repeated (`sheetWords`). */
  sheetWords: Set<string>;
}

/** Prepares the list words of a vocabulary; null when it has none (no list is recognised). */
export function prepareListVocabulary(
  v: Vocabulary,
  prepared: PreparedVocabulary = prepareVocabulary(v),
): PreparedListVocabulary | null {
  const l = v.householdList;
  if (!l) return null;
  const columns: PreparedListVocabulary['columns'] = [];
  for (const id of LIST_COLUMN_IDS)
    for (const phrase of l.columns[id] ?? []) {
      const compact = foldCompact(phrase);
      const readings = headingReadings(phrase, prepared);
      if (readings.length === 0) columns.push({ id, words: [], compact });
      for (const r of readings) columns.push({ id, words: r, compact });
    }
  const indicators = new Map<string, string[][]>();
  for (const [id, phrases] of Object.entries(l.indicators))
    indicators.set(
      id,
      phrases.flatMap((p) => headingReadings(p, prepared)),
    );
  const longestFirst = <T extends { phrase: string }>(xs: T[]): T[] =>
    xs.filter((x) => x.phrase !== '').sort((a, b) => b.phrase.length - a.phrase.length);
  const cls = (['poor', 'nearPoor', 'other'] as const).flatMap((c) =>
    l.classification[c].map((p) => ({ phrase: foldWords(p), cls: c })),
  );
  const statusFillers = new Set((l.statusFillers ?? []).map(foldWords));
  const statusWords = (p: string): string =>
    foldWords(p)
      .split(' ')
      .filter((w) => !statusFillers.has(w))
      .join(' ');
  const status = Object.entries(l.status).flatMap(([move, ps]) =>
    ps.map((p) => ({ phrase: statusWords(p), move })),
  );
  const statusOfClass = new Map<string, string>();
  for (const [end, ps] of Object.entries(l.statusOfClass ?? {}))
    for (const p of ps) statusOfClass.set(statusWords(p), end);
  const area = (['urban', 'rural'] as const).flatMap((a) =>
    l.area[a].map((p) => ({ phrase: foldWords(p), area: a })),
  );
  return {
    vocab: prepared,
    columns,
    indicators,
    flagSet: new Set(l.flagSet.map((w) => foldWords(w) || w.trim())),
    flagNotSet: new Set(l.flagNotSet.map((w) => foldWords(w) || w.trim())),
    classification: longestFirst(cls),
    status: longestFirst(status),
    moveIds: Object.keys(l.status).filter((m) => m !== ''),
    statusFillers,
    statusOfClass,
    area: longestFirst(area),
    urbanKinds: l.urbanKinds.map(foldWords),
    ethnicityUnknown: (l.ethnicityUnknown ?? []).map(foldWords).filter(Boolean),
    sheetWords: new Set(
      (l.sheetWords ?? []).flatMap((p) => foldWords(p).split(' ')).filter(Boolean),
    ),
  };
}

/** Where a list's table is and which column is which. */
export interface ListLayout {
  /** 0-based rows of the heading band and the first data row. */
  headerTop: number;
  headerBottom: number;
  dataStart: number;
  /** Column index (0-based) of each id found. */
  columns: Partial<Record<ListColumnId, number>>;
  /** Column of each indicator of the standard, in its order; empty when the block is not found. */
  flags: number[];
  /** The texts above the heading band (title block), for the commune and the period. */
  titleLines: string[];
}

/** Why a sheet that looks like a list cannot be read as one, or what is doubtful in it. */
export type ListLayoutProblem =
  | { kind: 'no-code-column' }
  | { kind: 'no-flags'; found: number; expected: number }
  | { kind: 'flags-order'; columns: number[] }
  | { kind: 'ambiguous-column'; id: ListColumnId; columns: number[] }
  /**
   * A hidden column headed as a shown one (last year's figures a clerk hid): the shown one is
   * read, as the list is printed and signed without it.
   */
  | { kind: 'hidden-column'; id: ListColumnId; column: number; shown: number; heading: string };

/** The reading of one sheet: a list layout, or null when the sheet is no list. */
export interface ListRecognition {
  layout: ListLayout | null;
  problems: ListLayoutProblem[];
}

/** Rows searched for the heading band, and levels of a heading path. */
const MAX_HEADER_ROW = 40;
const BAND_ROWS = 4;
/** The score of a heading that is an id's exactly (see `scoreColumn`). */
const STRONG = 500;

const scoreCache = new WeakMap<PreparedListVocabulary, Map<string, ColumnScore[]>>();

type ColumnScore = { id: ListColumnId; score: number };

/**
 * How strongly a heading says an id: exact spelling beats all words contained. Remembered by
 * heading: every sheet of every file is asked whether it is a list, and forms repeat their
 * headings.
 */
function scoreColumn(path: string[], lv: PreparedListVocabulary): ColumnScore[] {
  let cache = scoreCache.get(lv);
  if (!cache) scoreCache.set(lv, (cache = new Map<string, ColumnScore[]>()));
  const key = path.join('\u0001');
  const hit = cache.get(key);
  if (hit) return hit;
  const out = computeScoreColumn(path, lv);
  if (cache.size > 10_000) cache.clear();
  cache.set(key, out);
  return out;
}

function computeScoreColumn(path: string[], lv: PreparedListVocabulary): ColumnScore[] {
  // A figure ("12", "1.250", "3,5") has only number words, which no heading of a list has: the
  // data rows a band search passes over score nothing, without their readings being made.
  if (!numberHeadings(lv) && path.every((t) => NUMBER_WORDS.test(foldWords(t)))) return [];
  const bottom = path[path.length - 1] ?? '';
  const texts = [bottom, path.join(' ')];
  const index = columnIndex(lv);
  const best = new Map<ListColumnId, number>();
  for (const [i, t] of texts.entries()) {
    if (t === '') continue;
    // The column's own cell speaks louder than its group's words.
    const weight = i === 0 ? 2 : 1;
    // Per heading of the vocabulary (its index in `lv.columns`), the best score of this text.
    const hits = new Map<number, number>();
    const hit = (k: number, s: number): void => {
      if (s > (hits.get(k) ?? 0)) hits.set(k, s);
    };
    for (const k of index.byCompact.get(foldCompact(t)) ?? []) hit(k, 1000 * weight);
    for (const r of headingReadings(t, lv.vocab)) {
      for (const k of index.byKey.get(r.join(' ')) ?? [])
        hit(k, 500 * weight + (lv.columns[k]?.words.length ?? 0));
      // Every word of a heading contained: the headings whose first word the reading has.
      for (const w of new Set(r))
        for (const k of index.byFirstWord.get(w) ?? []) {
          const words = lv.columns[k]?.words ?? [];
          if (words.every((x) => r.includes(x))) hit(k, 10 * weight + words.length);
        }
    }
    // In the vocabulary's order, as the ids were always noted.
    for (const k of [...hits.keys()].sort((a, b) => a - b)) {
      const id = lv.columns[k]?.id;
      const s = hits.get(k) ?? 0;
      if (id !== undefined && s > (best.get(id) ?? 0)) best.set(id, s);
    }
  }
  return [...best.entries()].map(([id, score]) => ({ id, score }));
}

/** The list headings by what a heading text is matched on (indexes into `lv.columns`). */
interface ColumnIndex {
  byCompact: Map<string, number[]>;
  byKey: Map<string, number[]>;
  byFirstWord: Map<string, number[]>;
}

const columnIndexCache = new WeakMap<PreparedListVocabulary, ColumnIndex>();

function columnIndex(lv: PreparedListVocabulary): ColumnIndex {
  let index = columnIndexCache.get(lv);
  if (index) return index;
  index = { byCompact: new Map(), byKey: new Map(), byFirstWord: new Map() };
  const add = (m: Map<string, number[]>, key: string, k: number): void => {
    const list = m.get(key);
    if (list) list.push(k);
    else m.set(key, [k]);
  };
  lv.columns.forEach((c, k) => {
    if (c.compact !== '') add(index.byCompact, c.compact, k);
    const first = c.words[0];
    if (first === undefined) return;
    add(index.byKey, c.words.join(' '), k);
    add(index.byFirstWord, first, k);
  });
  columnIndexCache.set(lv, index);
  return index;
}

/** Folded words that are numbers only (or nothing). */
const NUMBER_WORDS = /^[0-9 ]*$/;

const numberHeadingCache = new WeakMap<PreparedListVocabulary, boolean>();

/** Whether a list heading of the vocabulary is spelt with number words only (none is). */
function numberHeadings(lv: PreparedListVocabulary): boolean {
  let has = numberHeadingCache.get(lv);
  if (has === undefined) {
    has = lv.columns.some(
      (c) =>
        /^[0-9]+$/.test(c.compact) ||
        (c.words.length > 0 && c.words.every((w) => /^[0-9]+$/.test(w))),
    );
    numberHeadingCache.set(lv, has);
  }
  return has;
}

/**
 * Which indicator a heading names by its words (its index in the standard), -2 when none, -1
 * when two do. Remembered by heading, as `scoreColumn` is.
 */
function indicatorByWords(path: string[], standard: Standard, lv: PreparedListVocabulary): number {
  const bottom = path[path.length - 1] ?? '';
  let phrases = indicatorPhraseCache.get(lv)?.get(standard);
  if (!phrases) {
    // Each indicator's phrases: the vocabulary's and the readings of its name.
    phrases = standard.indicators.map((ind) => [
      ...(lv.indicators.get(ind.id) ?? []),
      ...headingReadings(ind.name.vi, lv.vocab),
    ]);
    let byStandard = indicatorPhraseCache.get(lv);
    if (!byStandard)
      indicatorPhraseCache.set(lv, (byStandard = new WeakMap<Standard, string[][][]>()));
    byStandard.set(standard, phrases);
  }
  let answers = indicatorAnswerCache.get(phrases);
  if (!answers) indicatorAnswerCache.set(phrases, (answers = new Map<string, number>()));
  const hit = answers.get(bottom);
  if (hit !== undefined) return hit;
  const readings = headingReadings(bottom, lv.vocab);
  const hits: number[] = [];
  phrases.forEach((ps, i) => {
    if (ps.some((p) => readings.some((r) => p.every((w) => r.includes(w))))) hits.push(i);
  });
  const out = hits.length === 1 ? (hits[0] ?? -1) : hits.length === 0 ? -2 : -1;
  if (answers.size > 10_000) answers.clear();
  answers.set(bottom, out);
  return out;
}

const indicatorPhraseCache = new WeakMap<PreparedListVocabulary, WeakMap<Standard, string[][][]>>();
const indicatorAnswerCache = new WeakMap<string[][][], Map<string, number>>();

/** One candidate heading band and what it reads. */
interface Candidate {
  top: number;
  bottom: number;
  columns: Map<ListColumnId, number[]>;
  /** Ids read from a heading that is theirs exactly (not only words contained). */
  strong: Set<ListColumnId>;
  flags: (number | null)[];
  flagsOrdered: boolean;
  score: number;
}

/** Whether a row is a title line: one text at most (merged across the table or alone). */
function isTitleRow(grid: SheetGrid, r: number): boolean {
  const row = grid.rows[r];
  if (!row) return true;
  let n = 0;
  for (let c = 0; c < row.length && n <= 1; c++) if (cellText(row[c]) !== '') n++;
  return n <= 1;
}

function readBand(
  grid: SheetGrid,
  top: number,
  bottom: number,
  width: number,
  text: (r: number, c: number) => string,
  standard: Standard,
  lv: PreparedListVocabulary,
): Candidate {
  const perColumn: { id: ListColumnId; score: number }[][] = [];
  const paths: string[][] = [];
  // Each indicator's columns: by its number under the group heading (the block's own order)
  // first, then by its words ("NS chủ hộ" may read as "nước sinh hoạt").
  const byNumber: number[][] = standard.indicators.map(() => []);
  const byWords: number[][] = standard.indicators.map(() => []);
  let run = null as { col: number; n: number } | null;
  for (let c = 0; c < width; c++) {
    const path: string[] = [];
    for (let r = top; r <= bottom; r++) {
      const t = text(r, c);
      if (t !== '' && path[path.length - 1] !== t) path.push(t);
    }
    perColumn.push([]);
    paths.push(path);
    if (path.length === 0) continue;
    const bottomText = path[path.length - 1] ?? '';
    const groups = path.slice(0, -1).map(foldWords);
    const underGroup = groups.some((g) => lv.vocab.deprivationGroup.some((p) => hasPhrase(g, p)));
    const read = leafIndicatorNumber(bottomText, lv.vocab);
    const number = read?.number ?? null;
    // Unmerged (a CSV): the group heading sits over the first number only, the next ones follow.
    const follows: boolean =
      groups.length === 0 && run !== null && run.col === c - 1 && number === run.n + 1;
    // "CS5", "Chỉ số 5": the number word says an indicator without a group heading over it (a
    // bare "5" may number the columns); the twelve must still come complete and in order.
    const n: number | null = underGroup || follows || read?.worded === true ? number : null;
    if (n !== null && n >= 1 && n <= byNumber.length) {
      byNumber[n - 1]?.push(c);
      run = { col: c, n };
      continue;
    }
    const ind = indicatorByWords(path, standard, lv);
    if (ind >= 0) {
      byWords[ind]?.push(c);
      continue;
    }
    perColumn[c] = scoreColumn(path, lv);
  }
  const flags = chooseFlagColumns(byNumber, byWords);
  const flagCols = new Set<number>(byNumber.flat());
  for (const f of flags) if (f !== null) flagCols.add(f);
  // A column read by its words as an indicator another column is: read as any other column.
  for (const c of byWords.flat())
    if (!flagCols.has(c)) perColumn[c] = scoreColumn(paths[c] ?? [], lv);
  // Each column its best id; each id its best columns.
  const columns = new Map<ListColumnId, { score: number; cols: number[] }>();
  perColumn.forEach((scores, c) => {
    if (flagCols.has(c) || scores.length === 0) return;
    const top1 = Math.max(...scores.map((s) => s.score));
    for (const s of scores) {
      if (s.score !== top1) continue;
      const had = columns.get(s.id);
      if (!had || had.score < s.score) columns.set(s.id, { score: s.score, cols: [c] });
      else if (had.score === s.score) had.cols.push(c);
    }
  });
  const found = flags.filter((f): f is number => f !== null);
  const flagsOrdered = inOrder(flags);
  const mapped = new Map([...columns.entries()].map(([id, v]) => [id, v.cols]));
  const strong = new Set(
    [...columns.entries()].filter(([, v]) => v.score >= STRONG).map(([id]) => id),
  );
  // A cell read as two ids at once is one column, not evidence of two: a group row under the
  // headings ("I | Xã Bản Công") makes the name column's path read as the commune and the village,
  // which must not outweigh the band above it that reads the column as the head's name.
  const idsOfColumn = new Map<number, number>();
  for (const cols of mapped.values())
    for (const c of cols) idsOfColumn.set(c, (idsOfColumn.get(c) ?? 0) + 1);
  let doubled = 0;
  for (const n of idsOfColumn.values()) doubled += n - 1;
  return {
    top,
    bottom,
    columns: mapped,
    strong,
    flags,
    flagsOrdered,
    score: mapped.size - doubled + found.length,
  };
}

/** Whether the indicators' columns found (null: not found) run left to right in their order. */
function inOrder(cols: readonly (number | null)[]): boolean {
  const found = cols.filter((f): f is number => f !== null);
  return found.every((f, i) => i === 0 || f > (found[i - 1] ?? -1));
}

/**
 * The column of each indicator: the first numbered one, else the first read by its words. When
 * that leaves the twelve out of the standard's order and another choice among the candidates puts
 * them in it, that choice, if it is the only one (structure decides; two fits leave the order
 * problem to be said).
 */
function chooseFlagColumns(byNumber: number[][], byWords: number[][]): (number | null)[] {
  const options = byNumber.map((nums, i) => [...nums, ...(byWords[i] ?? [])]);
  const first = options.map((o) => o[0] ?? null);
  if (inOrder(first)) return first;
  const open = options.map((o, i) => (o.length > 1 ? i : -1)).filter((i) => i >= 0);
  let combos = 1;
  for (const i of open) combos *= options[i]?.length ?? 1;
  if (open.length === 0 || combos > 4096) return first;
  const fits: (number | null)[][] = [];
  for (let k = 0; k < combos && fits.length < 2; k++) {
    const pick = [...first];
    let rest = k;
    for (const i of open) {
      const o = options[i] ?? [];
      pick[i] = o[rest % o.length] ?? null;
      rest = Math.floor(rest / o.length);
    }
    if (inOrder(pick)) fits.push(pick);
  }
  return fits.length === 1 ? (fits[0] ?? first) : first;
}

/**
 * Decides whether a sheet is a household list and reads its layout. A sheet is a list when a
 * heading band names a household (its code or its head) and either the deprivation block, a
 * score or the classification: the columns a summary form never has.
 */
export function recogniseList(
  grid: SheetGrid,
  standard: Standard,
  lv: PreparedListVocabulary,
): ListRecognition {
  const text = mergedTextReader(grid);
  let width = 0;
  const last = Math.min(grid.rows.length, MAX_HEADER_ROW);
  for (let r = 0; r < last; r++) width = Math.max(width, grid.rows[r]?.length ?? 0);
  const bands = headingBands(grid, last);
  // Most sheets are forms: a sheet without a household's code or head named in any band is no
  // list, whatever else its bands read (the test below), and that is told without reading them.
  if (!bandsNameHousehold(bands, width, text, lv)) return { layout: null, problems: [] };
  let best: Candidate | null = null;
  for (const [top, bottom] of bands) {
    const cand = readBand(grid, top, bottom, width, text, standard, lv);
    if (!best || cand.score > best.score) best = cand;
  }
  if (!best) return { layout: null, problems: [] };
  const has = (id: ListColumnId): boolean => best.columns.has(id);
  // "Tên xã" of a summary form contains the words of "Họ và tên": a household's code or head
  // must be headed as such, not only share words with it.
  const household = best.strong.has('household_code') || best.strong.has('head_name');
  const flagsFound = best.flags.filter((f) => f !== null).length;
  const listish =
    flagsFound >= 3 || has('score_deprivation') || has('score_income') || has('classification');
  if (!household || !listish) return { layout: null, problems: [] };

  const problems: ListLayoutProblem[] = [];
  const columns: Partial<Record<ListColumnId, number>> = {};
  for (const [id, cols] of best.columns) {
    if (cols.length === 1) {
      columns[id] = cols[0];
      continue;
    }
    const shown = cols.filter((c) => !isHiddenColumn(grid, c));
    const read = shown.length === 1 ? shown[0] : undefined;
    if (read === undefined) {
      problems.push({ kind: 'ambiguous-column', id, columns: cols });
      continue;
    }
    columns[id] = read;
    const heading = text(best.bottom, read) || text(best.top, read);
    for (const c of cols)
      if (c !== read) problems.push({ kind: 'hidden-column', id, column: c, shown: read, heading });
  }
  let dataStart = best.bottom + 1;
  while (dataStart < grid.rows.length && isColumnNumberRow(grid, dataStart)) dataStart++;
  const flags = best.flags.every((f) => f !== null) && best.flagsOrdered ? best.flags : [];
  if (flagsFound < best.flags.length)
    problems.push({ kind: 'no-flags', found: flagsFound, expected: best.flags.length });
  else if (!best.flagsOrdered)
    problems.push({ kind: 'flags-order', columns: best.flags as number[] });
  // The deprivation score read by arithmetic when the words left two columns.
  const ambiguousB = problems.findIndex(
    (p) => p.kind === 'ambiguous-column' && p.id === 'score_deprivation',
  );
  const pb = problems[ambiguousB];
  if (pb?.kind === 'ambiguous-column' && flags.length > 0) {
    const fits = pb.columns.filter((c) =>
      equalsPointsTimesFlags(grid, dataStart, c, flags, standard, lv),
    );
    if (fits.length === 1) {
      columns.score_deprivation = fits[0];
      problems.splice(ambiguousB, 1);
    }
  }
  if (columns.household_code === undefined && !best.columns.has('household_code'))
    problems.push({ kind: 'no-code-column' });
  const titleLines: string[] = [];
  for (let r = 0; r < best.top; r++) {
    const t = (grid.rows[r] ?? []).map(cellText).filter(Boolean).join(' ');
    if (t !== '') titleLines.push(t);
  }
  return {
    layout: {
      headerTop: best.top,
      headerBottom: best.bottom,
      dataStart,
      columns,
      flags,
      titleLines,
    },
    problems,
  };
}

/** The heading bands a list's headings may sit in, as [top, bottom] rows, top to bottom. */
function headingBands(grid: SheetGrid, last: number): [number, number][] {
  const bands: [number, number][] = [];
  for (let bottom = 0; bottom < last; bottom++) {
    if (isTitleRow(grid, bottom) && !grid.merges.some((m) => m.bottom >= bottom && m.top < bottom))
      continue;
    let top = bottom;
    while (top > 0 && bottom - top < BAND_ROWS - 1 && !isTitleRow(grid, top - 1)) top--;
    bands.push([top, bottom]);
  }
  return bands;
}

/**
 * Whether some column of some band could read as a household's code or head exactly (a score of
 * {@link STRONG} or more, as `recogniseList` asks of its best band). Exact, not a guess: a heading
 * path is scored only when its cells hold the words of such a heading that no abbreviation or
 * synonym makes (the "mã" of "mã hộ", the "chủ" of "chủ hộ"), or when its letters are one's.
 */
function bandsNameHousehold(
  bands: [number, number][],
  width: number,
  text: (r: number, c: number) => string,
  lv: PreparedListVocabulary,
): boolean {
  const heads = householdHeadings(lv);
  // Kept with the headings: the same heading texts come back in every sheet of every file.
  const seen = heads.clues;
  const clueOf = (t: string): CellClue => {
    let clue = seen.get(t);
    if (!clue) {
      if (seen.size >= MAX_CLUES) seen.clear();
      const compact = foldCompact(t);
      const words = new Set(fold(t).split(/[^a-z0-9]+/));
      clue = {
        compact,
        // Its letters may be part of a heading's letters (a path's letters are its cells').
        piece: heads.compactList.some((h) => h.includes(compact)),
        words,
        literal: heads.literalWords.some((w) => words.has(w)),
      };
      seen.set(t, clue);
    }
    return clue;
  };
  // A column can name a household only where one of its cells could (the tests below: a
  // heading's letters, a piece of them, or a word of one): the others are not read band by band.
  let rows = 0;
  for (const [, bottom] of bands) rows = Math.max(rows, bottom + 1);
  const candidate: boolean[] = [];
  for (let c = 0; c < width; c++) {
    let m = false;
    for (let r = 0; r < rows && !m; r++) {
      const t = text(r, c);
      if (t === '') continue;
      const x = clueOf(t);
      m = heads.scoreAll || x.literal || x.piece || heads.compacts.has(x.compact);
    }
    candidate.push(m);
  }
  for (const [top, bottom] of bands)
    for (let c = 0; c < width; c++) {
      if (!candidate[c]) continue;
      const path: string[] = [];
      for (let r = top; r <= bottom; r++) {
        const t = text(r, c);
        if (t !== '' && path[path.length - 1] !== t) path.push(t);
      }
      if (path.length === 0) continue;
      const clues = path.map(clueOf);
      const last = clues[clues.length - 1];
      if (heads.compacts.has(last?.compact ?? '')) return true;
      if (clues.every((x) => x.piece) && heads.compacts.has(clues.map((x) => x.compact).join('')))
        return true;
      if (!heads.scoreAll && !clues.some((x) => x.literal)) continue;
      const may = heads.literal.some((ws) => ws.every((w) => clues.some((x) => x.words.has(w))));
      if (!may) continue;
      if (scoreColumn(path, lv).some((x) => HOUSEHOLD_IDS.has(x.id) && x.score >= STRONG))
        return true;
    }
  return false;
}

/** What a cell's text says toward a household heading (see `bandsNameHousehold`). */
interface CellClue {
  compact: string;
  piece: boolean;
  words: Set<string>;
  literal: boolean;
}

const HOUSEHOLD_IDS = new Set<ListColumnId>(['household_code', 'head_name']);
/** Cell texts whose clue is kept; past this many the memo starts again (a sheet of odd texts). */
const MAX_CLUES = 20_000;

/**
 * The headings of a household's code and head: their compact spellings, and per heading the
 * words a cell must hold itself for a reading of it to be the heading (its words that no
 * abbreviation, synonym or "%" produces). A heading made only of such produced words has none
 * to ask for: then every path is scored (the empty list passes the test).
 */
function householdHeadings(lv: PreparedListVocabulary): HouseholdHeadings {
  let h = householdHeadingCache.get(lv);
  if (h) return h;
  const produced = readingMadeWords(lv.vocab);
  const compacts = new Set<string>();
  const literal: string[][] = [];
  for (const c of lv.columns) {
    if (!HOUSEHOLD_IDS.has(c.id)) continue;
    if (c.compact !== '') compacts.add(c.compact);
    if (c.words.length > 0) literal.push(c.words.filter((w) => !produced.has(w)));
  }
  h = {
    compacts,
    compactList: [...compacts],
    literal,
    literalWords: [...new Set(literal.flat())],
    scoreAll: literal.some((ws) => ws.length === 0),
    clues: new Map(),
  };
  householdHeadingCache.set(lv, h);
  return h;
}

interface HouseholdHeadings {
  compacts: Set<string>;
  /** The same, to search each for a cell's letters. */
  compactList: string[];
  literal: string[][];
  /** Every word of `literal`. */
  literalWords: string[];
  /** A heading has no word to ask for: every path is scored. */
  scoreAll: boolean;
  /** What each cell text seen so far says toward these headings (`bandsNameHousehold`). */
  clues: Map<string, CellClue>;
}

const householdHeadingCache = new WeakMap<PreparedListVocabulary, HouseholdHeadings>();

/** Whether a column equals points × flags set on most of the first rows that hold a number. */
function equalsPointsTimesFlags(
  grid: SheetGrid,
  start: number,
  col: number,
  flags: number[],
  standard: Standard,
  lv: PreparedListVocabulary,
): boolean {
  const points = standard.classification?.scoring?.pointsPerDeprivation ?? 10;
  let rows = 0;
  let equal = 0;
  for (let r = start; r < grid.rows.length && rows < 200; r++) {
    const v = cellAt(grid, r, col)?.value;
    const n = typeof v === 'number' ? v : typeof v === 'string' ? numberOf(v) : null;
    if (n === null) continue;
    rows++;
    let set = 0;
    for (const f of flags) if (readFlag(cellAt(grid, r, f)?.value, lv) === true) set++;
    if (n === points * set) equal++;
  }
  return rows > 0 && equal * 10 >= rows * 9;
}

function numberOf(s: string): number | null {
  const p = parseNumberText(s);
  return p.ok ? p.value : null;
}

/** What a flag cell says: true set, false not set (blank too), null a word not known. */
export function readFlag(
  v: string | number | boolean | Date | null | undefined,
  lv: PreparedListVocabulary,
): boolean | null {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : null;
  if (v instanceof Date) return null;
  const t = v.trim();
  if (t === '') return false;
  const w = foldWords(t) || t;
  if (lv.flagSet.has(w) || lv.flagSet.has(t)) return true;
  if (lv.flagNotSet.has(w) || lv.flagNotSet.has(t)) return false;
  return null;
}
