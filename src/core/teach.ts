/**
 * What staff taught the tool about one unit's files (`povreport map add`): what a heading means
 * ("Thoát nghèo thành CN" is `poor_exit_to_near_poor`) and what a row label is ("Cộng các xã" is
 * the total, "TT Cổ Phúc" is Thị trấn Cổ Phúc). Data only; the next period's file from that unit
 * is read with it. The file's shape is checked where it is loaded (`commands/teaching.ts`).
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

/** One unit's teaching, keyed by `entryKey`, as the recogniser uses it. */
export interface Taught {
  /** By the heading's folded words (case and diacritics aside). */
  headings: Map<string, string>;
  /** By the label's `labelKey` (case aside, diacritics kept). */
  rows: Map<string, string>;
}

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * A row label as taught labels are matched: in any case, spacing or punctuation, with the old or
 * the new tone placement ("Hoà"/"Hòa"), but with its diacritics: tone marks can be all that
 * tells two communes apart (Xã Minh Quán and Xã Minh Quân of Trấn Yên).
 */
export function labelKey(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .map((w) => {
      let tone = '';
      const rest = w.normalize('NFD').replace(TONE_MARKS, (m) => {
        tone = m;
        return '';
      });
      return rest.normalize('NFC') + tone;
    })
    .join(' ');
}

/** The teaching for a unit, or undefined when nothing was taught about it. */
export function taughtFor(t: Teaching | undefined, unit: string | undefined): Taught | undefined {
  const u = unit === undefined ? undefined : t?.units[unit];
  if (!u) return undefined;
  const keyed = (kind: TaughtKind, r: Record<string, string> | undefined): Map<string, string> =>
    new Map(Object.entries(r ?? {}).map(([k, v]) => [entryKey(kind, k), v]));
  const taught = { headings: keyed('heading', u.headings), rows: keyed('row', u.rows) };
  return taught.headings.size + taught.rows.size > 0 ? taught : undefined;
}

/** Keys a teaching file may never use: they would reach an object's prototype. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** What a taught entry is about: a column heading or a row label. */
export type TaughtKind = 'heading' | 'row';

/** The key two texts of a kind are the same entry by. */
export function entryKey(kind: TaughtKind, text: string): string {
  return kind === 'heading' ? foldWords(text) : labelKey(text);
}

/** One taught entry, as `povreport map list` shows it. */
export interface TaughtEntry {
  unit: string;
  kind: TaughtKind;
  /** The heading or label, as staff wrote it. */
  text: string;
  /** An indicator id, `-`, a role, or `=` and a registry name. */
  meaning: string;
}

const part = (kind: TaughtKind): 'headings' | 'rows' => (kind === 'heading' ? 'headings' : 'rows');

/** Every entry of a teaching, unit by unit, in the file's order. */
export function taughtEntries(t: Teaching, unit?: string): TaughtEntry[] {
  const out: TaughtEntry[] = [];
  for (const [code, u] of Object.entries(t.units)) {
    if (unit !== undefined && code !== unit) continue;
    for (const kind of ['heading', 'row'] as const)
      for (const [text, meaning] of Object.entries(u[part(kind)] ?? {}))
        out.push({ unit: code, kind, text, meaning });
  }
  return out;
}

/** The entry of a unit whose text reads like `text` (the same words, any case or marks). */
export function findTaught(
  t: Teaching,
  unit: string,
  kind: TaughtKind,
  text: string,
): TaughtEntry | undefined {
  const key = entryKey(kind, text);
  return taughtEntries(t, unit).find((e) => e.kind === kind && entryKey(kind, e.text) === key);
}

/**
 * The teaching with one entry set (an entry that reads the same is replaced, under the new
 * spelling), and the entry it replaced. Other entries keep their order.
 */
export function setTaught(
  t: Teaching,
  entry: TaughtEntry,
): { teaching: Teaching; replaced?: TaughtEntry } {
  const replaced = findTaught(t, entry.unit, entry.kind, entry.text);
  const without = replaced ? removeTaught(t, replaced).teaching : t;
  const unit = { ...(without.units[entry.unit] ?? {}) };
  unit[part(entry.kind)] = { ...(unit[part(entry.kind)] ?? {}), [entry.text]: entry.meaning };
  const teaching: Teaching = {
    ...without,
    units: { ...without.units, [entry.unit]: unit },
  };
  return replaced ? { teaching, replaced } : { teaching };
}

/** The teaching without the entry that reads like the given one, and that entry (if any). */
export function removeTaught(
  t: Teaching,
  entry: Omit<TaughtEntry, 'meaning'>,
): { teaching: Teaching; removed?: TaughtEntry } {
  const found = findTaught(t, entry.unit, entry.kind, entry.text);
  if (!found) return { teaching: t };
  const k = part(entry.kind);
  const rest = Object.entries(t.units[entry.unit]?.[k] ?? {}).filter(([x]) => x !== found.text);
  const unit = Object.fromEntries(
    Object.entries(t.units[entry.unit] ?? {}).filter(([x]) => x !== k || rest.length > 0),
  ) as UnitTeaching;
  if (rest.length > 0) unit[k] = Object.fromEntries(rest);
  const units = Object.fromEntries(
    Object.entries(t.units).filter(([code]) => code !== entry.unit || Object.keys(unit).length > 0),
  );
  if (Object.keys(unit).length > 0) units[entry.unit] = unit;
  return { teaching: { ...t, units }, removed: found };
}

/** How a taught row meaning reads as a label hint. */
export function taughtHint(meaning: string): 'total' | 'group' | 'breakdown' | 'subunit' | 'child' {
  if (meaning.startsWith('=')) return 'subunit';
  if (meaning === 'ignore') return 'breakdown';
  return (TAUGHT_ROLES as readonly string[]).includes(meaning)
    ? (meaning as 'total' | 'group' | 'breakdown' | 'subunit' | 'child')
    : 'subunit';
}

/** Whether a row meaning is valid in form (a role, or `=` and a name). */
export function isRowMeaning(meaning: string): boolean {
  return (
    (TAUGHT_ROLES as readonly string[]).includes(meaning) ||
    (meaning.startsWith('=') && meaning.slice(1).trim() !== '')
  );
}

// ---- closeness, for "did you mean" lists and for the commands findings suggest ----------------

const bigrams = (s: string): string[] => {
  const c = ` ${s} `;
  const out: string[] = [];
  for (let i = 0; i < c.length - 1; i++) out.push(c.slice(i, i + 2));
  return out;
};

/** Dice coefficient of two lists (as multisets). */
function dice(a: string[], b: string[]): number {
  if (a.length + b.length === 0) return 0;
  const left = new Map<string, number>();
  for (const x of a) left.set(x, (left.get(x) ?? 0) + 1);
  let common = 0;
  for (const x of b) {
    const n = left.get(x) ?? 0;
    if (n > 0) {
      common++;
      left.set(x, n - 1);
    }
  }
  return (2 * common) / (a.length + b.length);
}

/**
 * How alike two texts are, 0 to 1: shared words and shared letter pairs, read without case or
 * diacritics ("Thoát nghèo thành CN" and "Thoát nghèo: trở thành hộ cận nghèo" share much).
 */
export function textCloseness(a: string, b: string): number {
  const fa = foldWords(a);
  const fb = foldWords(b);
  if (fa === '' || fb === '') return 0;
  const words = dice(fa.split(' '), fb.split(' '));
  const letters = dice(bigrams(fa.replace(/ /g, '')), bigrams(fb.replace(/ /g, '')));
  return Math.max(words, letters);
}

/** An indicator column as the closeness ranking sees it. */
export interface IndicatorText {
  id: string;
  heading: string;
  variants?: string[];
}

/**
 * Indicators ranked by how close they are to what was written: the heading (to its canonical
 * heading and other accepted headings) and, when given, a mistyped id (to the id).
 */
export function closestIndicators(
  columns: IndicatorText[],
  query: { text?: string; id?: string },
  limit = 5,
): IndicatorText[] {
  const seen = new Set<string>();
  const scored: { c: IndicatorText; score: number }[] = [];
  for (const c of columns) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    let score = 0;
    if (query.text)
      for (const h of [c.heading, ...(c.variants ?? [])])
        score = Math.max(score, textCloseness(query.text, h));
    if (query.id)
      score = Math.max(
        score,
        dice(bigrams(query.id.toLowerCase()), bigrams(c.id)),
        textCloseness(query.id.replace(/_/g, ' '), c.heading),
      );
    scored.push({ c, score });
  }
  return scored
    .filter((x) => x.score > 0.2)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((x) => x.c);
}

// ---- the commands findings suggest ------------------------------------------------------------

/**
 * A text as one argument of a command line in cmd.exe, PowerShell and POSIX shells alike: in
 * double quotes, with the characters those shells treat specially inside quotes (`"` `$` `` ` ``
 * `\` `!` `%`) turned into spaces. Taught texts are matched by their words, so nothing is lost.
 */
export function shellArg(text: string): string {
  const clean = text
    .replace(/["$`\\!%]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `"${clean}"`;
}

/** Where `povreport map add` should write, as given to the checking command (`--map`). */
export interface TeachTarget {
  /** The `--map` file given to the checking command, if any (the default file otherwise). */
  map?: string;
}

/** The `povreport map add` command that teaches one entry. */
export function teachCommand(
  target: TeachTarget,
  unit: string,
  kind: TaughtKind,
  text: string,
  meaning: string,
): string {
  const map = target.map !== undefined ? ` --map ${shellArg(target.map)}` : '';
  const row = kind === 'row' ? ' --row' : '';
  const m = meaning.startsWith('=') || /[\s"]/.test(meaning) ? shellArg(meaning) : meaning;
  return `povreport map add${map} --unit ${unit}${row} ${shellArg(text)} ${m}`;
}

/** What a checked file shows of the teaching: the columns and rows it read. */
export interface TaughtUseSource {
  sheets: { columns: { heading: string; decidedBy?: string }[] }[];
  tables: { rows: { name: string; taught?: string }[] }[];
}

/**
 * The entries of a unit's teaching a file's reading used, and those it did not meet (for
 * `--verbose`: staff see that what they taught was applied).
 */
export function taughtUse(
  t: Teaching | undefined,
  unit: string | undefined,
  file: TaughtUseSource,
): { used: TaughtEntry[]; unused: TaughtEntry[] } {
  const entries = t && unit !== undefined ? taughtEntries(t, unit) : [];
  const headings = new Set<string>();
  for (const s of file.sheets)
    for (const c of s.columns)
      if (c.decidedBy === 'mapping') {
        headings.add(foldWords(c.heading));
        headings.add(foldWords(c.heading.split(' / ').pop() ?? c.heading));
      }
  const rows = new Set(
    file.tables
      .flatMap((x) => x.rows.filter((r) => r.taught !== undefined))
      .map((r) => labelKey(r.name)),
  );
  const used = entries.filter((e) =>
    (e.kind === 'heading' ? headings : rows).has(entryKey(e.kind, e.text)),
  );
  return { used, unused: entries.filter((e) => !used.includes(e)) };
}
