/**
 * The summary forms proved, or disproved, by the household lists (issue 11): for each unit and
 * each of its communes, the figures derived from the lists of the same period set against the
 * accepted summary's, each difference an error naming the form's cell, the summary's figure and
 * the list's. Lists are never a unit's summary: a unit that sent only a list is not reported by it.
 * A summary its lists disprove is rejected like a summary with any other error: one of the two is
 * wrong, and which one only the district can say, so its figures stay out of the province's
 * until it is corrected (an accepted wrong figure is the worst outcome). So is a summary whose
 * lists have errors of their own (a household classified against its scores, a code counted
 * twice): what the lists give cannot prove it.
 */
import type { SubmittedFile, SubunitResult, UnitResult, Values } from './consolidate.js';
import { makeFinding, type Finding } from './finding.js';
import { cellAddress } from './grid.js';
import { compareWithSummary, type FigureDifference } from './household.js';
import type { CommuneTally, VillageTally } from './household-rows.js';
import { nameKey } from './rules.js';
import type { KindAbbreviations } from './kind-words.js';
import { foldWords } from './text.js';

/** The figures a unit's (or a commune's) lists give, beside the summary's `values`. */
export interface HouseholdFigures {
  /** By form column id: poor, near_poor, *_ethnic_minority, *_deprivations, *_lack_*, moves. */
  values: Values;
  /** Households in the lists (head rows). */
  household_rows: number;
  /** Member rows under the heads (persons, not households). */
  member_rows: number;
  /**
   * How many figures were set against the summary's: those both the lists and the summary give.
   * 0 when the comparison was made but no figure is given by both (not comparable); null when it
   * was not made (no accepted summary; for a unit, lists that leave some of its communes out).
   */
  compared: number | null;
  /**
   * Whether every figure compared equals the summary's; null when nothing was compared (see
   * `compared`): a list that gives no figure the summary gives is not compared, never agreeing.
   */
  agrees: boolean | null;
  /** The figures that differ (summary's and list's). */
  differences: FigureDifference[];
}

/**
 * Units whose lists were set against an accepted summary (`checked`), and of them: those whose
 * lists disproved it (`differing`); those whose lists cover each of their communes and agree in
 * every figure compared, the unit's own figures among them (`agreeing`); those whose lists cover
 * each commune but give none of the unit's figures the summary gives, with no difference
 * (`uncompared`); and those whose lists leave some communes out (`partial`), whether or not they
 * also differ. Agreeing, uncompared and differing never overlap; partial ones are never agreeing
 * or uncompared, and may be differing.
 */
export interface ListCounts {
  checked: number;
  agreeing: number;
  partial: number;
  differing: number;
  uncompared: number;
}

/** What comparing the lists did, for the terminal summary. */
export interface ListComparison extends ListCounts {
  units: UnitResult[];
  findings: Finding[];
}

/**
 * Adds `households` to each unit (and its sub-units) the lists of `period` speak of, and the
 * findings of the comparison. The lists' own findings (each household's) are added as they are.
 * A unit in `villageUnits` (a commune that reports its villages, 2026) is the place of every
 * household of its lists: its own figures are compared when the lists name no commune of it.
 */
export function compareLists(
  units: UnitResult[],
  files: readonly SubmittedFile[],
  period: string,
  villageUnits: ReadonlySet<string> = new Set(),
  villageKinds: readonly string[] = [],
  kindWords: KindAbbreviations = new Map(),
): ListComparison {
  // A list sent twice (by e-mail and on disk) counts once: its households are the same ones.
  const seen = new Set<string>();
  const lists = files.filter((f) => {
    if (!f.list || (f.period !== null && f.period !== period)) return false;
    if (f.sha256 === null) return true;
    if (seen.has(f.sha256)) return false;
    seen.add(f.sha256);
    return true;
  });
  const findings: Finding[] = [];
  for (const f of lists) for (const x of f.findings) findings.push(x);
  /** The lists' errors told as their unit's (not again among the run's). */
  const moved = new Set<Finding>();
  if (lists.length === 0)
    return { units, findings, checked: 0, agreeing: 0, partial: 0, differing: 0, uncompared: 0 };
  const byFile = new Map(files.map((f) => [f.file, f]));
  let checked = 0;
  let agreeing = 0;
  let partial = 0;
  let differs = 0;
  let uncompared = 0;
  const out = units.map((u): UnitResult => {
    const tallies = lists.flatMap((f) => (f.list?.tallies ?? []).filter((t) => t.unit === u.code));
    if (tallies.length === 0) return u;
    const listFiles = lists.filter((f) => f.list?.tallies.some((t) => t.unit === u.code));
    const whole = sum(tallies);
    if (u.status !== 'accepted') {
      if (u.status === 'missing')
        findings.push(
          makeFinding('list-without-summary', {
            file: listFiles[0]?.file ?? '',
            unit: u.code,
            params: { unit: u.name, households: whole.household_rows },
          }),
        );
      return {
        ...u,
        listFiles: listFiles.map((f) => f.file),
        households: { ...whole, compared: null, agrees: null, differences: [] },
      };
    }
    const where = summaryCells(u, byFile);
    // The unit's own figures only when the lists cover each of its communes the summary lists.
    // A commune reporting its villages: its lists are the commune's (no registry lists villages).
    const covered = villageUnits.has(u.code)
      ? tallies.every((t) => t.subunit === null)
      : u.subunits.every((s) => tallies.some((t) => t.subunit === s.name));
    const unitDiffs = covered ? compareWithSummary(u.values, whole.values) : [];
    const unitCompared = covered ? comparable(u.values, whole.values) : null;
    // The unit's findings: a disproved summary is the unit's error (see the module's comment).
    const mismatches: Finding[] = unitDiffs.map((d) =>
      mismatch(u, null, d, where(null, d.id), listFiles),
    );
    // A commune reporting its villages: its villages' figures, when the lists say every
    // household's village and each is a village of the summary.
    const villages =
      covered && villageUnits.has(u.code)
        ? villagesOf(u, tallies, whole.values, villageKinds, kindWords, listFiles[0]?.file ?? '')
        : null;
    // Said with the unit's findings; a warning, it rejects nothing.
    const villageWarnings = villages?.findings ?? [];
    const subunits = u.subunits.map((s): SubunitResult => {
      const mine = villages
        ? (villages.figures.get(s) ?? [])
        : tallies.filter((t) => t.subunit === s.name);
      if (mine.length === 0 && !villages?.compared) return s;
      const fig = mine.length > 0 ? sum(mine) : none(whole.values);
      const diffs = compareWithSummary(s.values, fig.values);
      for (const d of diffs)
        mismatches.push(mismatch(u, s.name, d, where(s.name, d.id), listFiles));
      const compared = comparable(s.values, fig.values);
      return {
        ...s,
        households: {
          ...fig,
          compared,
          agrees: agreement(compared, diffs),
          differences: diffs,
        },
      };
    });
    checked++;
    const households: HouseholdFigures = {
      ...whole,
      compared: unitCompared,
      agrees: agreement(unitCompared, unitDiffs),
      differences: unitDiffs,
    };
    // A list that leaves communes out is partial whether or not it also differs.
    if (!covered) partial++;
    // A household the list itself gets wrong (classified against its scores, counted twice…)
    // leaves the summary unproved, whatever the counts say: the unit's error too.
    const listErrors = listFiles.flatMap((f) =>
      f.findings.filter((x) => x.severity === 'error' && x.unit === u.code),
    );
    for (const x of listErrors) moved.add(x);
    mismatches.push(...listErrors);
    if (mismatches.length === 0) {
      if (unitCompared === 0) uncompared++;
      else if (unitCompared !== null) agreeing++;
      return {
        ...u,
        subunits,
        households,
        ...(villageWarnings.length > 0 ? { findings: [...u.findings, ...villageWarnings] } : {}),
      };
    }
    differs++;
    return {
      ...u,
      status: 'rejected',
      subunits,
      households,
      findings: [...u.findings, ...mismatches, ...villageWarnings],
      errors: u.errors + mismatches.length,
    };
  });
  return {
    units: out,
    findings: findings.filter((x) => !moved.has(x)),
    checked,
    agreeing,
    partial,
    differing: differs,
    uncompared,
  };
}

/** The figures of a village with no household in the lists: 0, or unknown where the unit's are. */
function none(values: Values): Omit<HouseholdFigures, 'compared' | 'agrees' | 'differences'> {
  const zero: Values = {};
  for (const [id, v] of Object.entries(values)) zero[id] = v === null ? null : 0;
  return { values: zero, household_rows: 0, member_rows: 0 };
}

/** The villages of a commune's lists set against the summary's village rows. */
interface VillageFigures {
  /** Per village row of the summary, the lists' villages that are it. */
  figures: Map<SubunitResult, VillageTally[]>;
  /**
   * Whether the village rows are compared: every household's village is said and is one of the
   * summary's (a village with none of the lists' households then has 0 of each).
   */
  compared: boolean;
  /** A village of the lists the summary has no row of (a warning: its rows are not compared). */
  findings: Finding[];
}

/**
 * Pairs the villages of a commune's lists with the village rows of its summary: by the name as
 * written (case, spacing, tone-mark place aside), else by the name without its kind word when
 * that is a name ("Lìm" of "Bản Lìm", never "1" of "Thôn 1") and one village row of the summary has
 * it ("Hồ Bốn" is not read as "Bản Hồ Bốn" beside a "Thôn Hồ Bốn").
 * Rows are compared only when every household's village is said and is one
 * of the summary's: otherwise a village row would be set against part of its households.
 */
function villagesOf(
  u: UnitResult,
  tallies: readonly CommuneTally[],
  unitValues: Values,
  villageKinds: readonly string[],
  kindWords: KindAbbreviations,
  listFile: string,
): VillageFigures | null {
  if (tallies.some((t) => t.villages === undefined)) return null;
  const listed = tallies.flatMap((t) => t.villages ?? []);
  let unknown = tallies.reduce((n, t) => n + (t.villagesUnknown ?? 0), 0);
  const kinds = [...villageKinds].sort((a, b) => b.length - a.length);
  // Kind words written short are read in full ("TDP 1" is "Tổ dân phố 1").
  const key = (name: string): string => nameKey({ name }, kindWords);
  const bare = (name: string): string | null => {
    const k = foldWords(key(name));
    const kind = kinds.find((x) => k.startsWith(`${x} `));
    let rest: string | null = kind === undefined ? null : k.slice(kind.length + 1).trim();
    // A kind word cut short with a dot ("B. Hồ Bốn", "Th. Pá Hu"): the start of one.
    const cut = /^\s*(\p{L}{1,3})\.\s*(\S.*)$/u.exec(name);
    if (rest === null && cut?.[1] && cut[2]) {
      const short = foldWords(cut[1]);
      if (kinds.some((x) => x.startsWith(short))) rest = foldWords(key(cut[2]));
    }
    return rest !== null && /\p{L}/u.test(rest) ? rest : null;
  };
  const rows = u.subunits;
  const figures = new Map<SubunitResult, VillageTally[]>();
  const findings: Finding[] = [];
  for (const v of listed) {
    let row = rows.filter((s) => key(s.name) === key(v.name));
    if (row.length === 0) {
      const b = bare(v.name) ?? foldWords(key(v.name));
      const same = rows.filter((s) => (bare(s.name) ?? foldWords(key(s.name))) === b);
      if (same.length === 1) row = same;
    }
    const s = row.length === 1 ? row[0] : undefined;
    if (s === undefined) {
      unknown += v.householdRows;
      if (v.householdRows > 0)
        findings.push(
          makeFinding('list-village-not-in-summary', {
            file: listFile,
            sheet: v.at?.sheet ?? null,
            cell: v.at?.cell ?? null,
            unit: u.code,
            params: {
              unit: u.name,
              // Printed only when it reads as a village's name; else pointed to by its cell.
              village: v.named ? v.name : '',
              where: v.named ? `"${v.name}"` : `thôn ghi ở ô ${v.at?.cell ?? '?'}`,
              whereEn: v.named ? `"${v.name}"` : `the village written in cell ${v.at?.cell ?? '?'}`,
              households: v.householdRows,
            },
          }),
        );
      continue;
    }
    // Every figure the unit's lists cannot give, its villages cannot either.
    const values = { ...v.values };
    for (const [id, n] of Object.entries(unitValues)) if (n === null) values[id] = null;
    const had = figures.get(s) ?? [];
    had.push({ ...v, values });
    figures.set(s, had);
  }
  if (unknown > 0) return { figures: new Map(), compared: false, findings };
  return { figures, compared: true, findings };
}

/** Whether what was compared agrees: null when nothing was (not made, or nothing comparable). */
function agreement(compared: number | null, differences: readonly unknown[]): boolean | null {
  return compared === null || compared === 0 ? null : differences.length === 0;
}

/** How many figures both give: those a comparison sets against each other. */
function comparable(summary: Values, list: Values): number {
  let n = 0;
  for (const [id, v] of Object.entries(list)) {
    const s = summary[id];
    if (v !== null && v !== undefined && s !== null && s !== undefined) n++;
  }
  return n;
}

function sum(
  tallies: { values: Values; householdRows: number; memberRows: number }[],
): Omit<HouseholdFigures, 'compared' | 'agrees' | 'differences'> {
  const values: Values = {};
  let household_rows = 0;
  let member_rows = 0;
  for (const t of tallies) {
    household_rows += t.householdRows;
    member_rows += t.memberRows;
    for (const [id, n] of Object.entries(t.values)) {
      const had = values[id];
      values[id] = n === null || had === null ? null : (had ?? 0) + n;
    }
  }
  // A figure some of the lists cannot give (one without a status or an ethnicity column) is not
  // given by them all: the sum of the others is not the unit's.
  for (const id of Object.keys(values))
    if (tallies.some((t) => t.values[id] === undefined)) values[id] = null;
  return { values, household_rows, member_rows };
}

/** Where a figure sits in the unit's summary: its file, sheet and cell. */
interface SummaryCell {
  file: string;
  sheet: string | null;
  cell: string | null;
  form: string | null;
}

/** Finds the cell of a figure in the forms the unit's figures were taken from. */
function summaryCells(
  u: UnitResult,
  byFile: Map<string, SubmittedFile>,
): (subunit: string | null, id: string) => SummaryCell {
  return (subunit, id) => {
    for (const uf of u.files) {
      const f = byFile.get(uf.file);
      if (!f) continue;
      for (const t of f.tables) {
        if (!uf.used.includes(t.form)) continue;
        const row = t.rows.find((r) =>
          subunit === null ? r.role === 'total' : (r.canonical ?? r.name) === subunit,
        );
        const v = row?.values.get(id);
        if (row && v)
          return { file: f.file, sheet: t.sheet, cell: cellAddress(row.row, v.col), form: t.form };
      }
    }
    return { file: u.files[0]?.file ?? '', sheet: null, cell: null, form: null };
  };
}

function mismatch(
  u: UnitResult,
  subunit: string | null,
  d: FigureDifference,
  at: SummaryCell,
  lists: readonly SubmittedFile[],
): Finding {
  const place = at.cell === null ? '' : `${at.sheet !== null ? `${at.sheet}!` : ''}${at.cell}`;
  return makeFinding('list-summary-mismatch', {
    file: at.file,
    sheet: at.sheet,
    cell: at.cell,
    unit: u.code,
    subunit,
    form: at.form,
    indicator: d.id,
    params: {
      where: subunit ?? u.name,
      id: d.id,
      cell: place || '?',
      summary: d.summary,
      list: d.list,
      lists: lists.map((f) => f.file).join(', '),
    },
  });
}
