/**
 * One period after another: a report's opening figures (the poor households at the start of the
 * period, Biểu 02; the near-poor, Biểu 03) are the closing figures of the report before it. Which
 * figures carry over is data (the forms' `continuity`), which period comes before which is the
 * plan's (a period's `previous`, else the year before's annual report). A figure that does not
 * follow on is an error at its cell: the unit's report does not continue the last one. Pure.
 */
import type { FormsCatalogue, Plan, UnitSpec } from './catalogue.js';
import type { FormTable, TableRow } from './extract.js';
import { makeFinding, type Finding } from './finding.js';
import type { Bilingual } from './finding-codes.js';
import { cellAddress } from './grid.js';
import type { PreviousReportJson, PreviousSubunit, PreviousUnit } from './previous-report.js';
import { byCodeUnits } from './text.js';
import type { KindAbbreviations } from './kind-words.js';
import { nameKey as rowNameKey } from './rules.js';
import { NOTE } from './subunits.js';
import { villageNameParts } from './table-rows.js';

/** The report of the previous period, as read, with the name of its file for messages. */
export interface PreviousReport extends PreviousReportJson {
  /** The file as shown in messages (as given to `--previous`, or found in `--out`). */
  file: string;
}

/** What the consolidated report says about the previous report it was set against. */
export interface ContinuityInfo {
  /** The previous report's file, as shown in messages. */
  file: string;
  /** Its period. */
  period: string;
  /** Its registry's id; null when the report does not say (written by an older povreport). */
  registry: string | null;
  /**
   * Whether its units could be set against this report's: false when it is of another registry
   * (units and codes before an administrative reform are other units).
   */
  comparable: boolean;
  /** Codes of the units whose opening figures were set against the previous closing figures. */
  compared: string[];
  /** How many opening figures differ from the previous closing figures (`opening-mismatch`). */
  mismatches: number;
}

/**
 * How the previous report was found, or why none is used, for the summary: `found` in `--out`
 * (then used), `none-found` there, found there but of another period (`wrong-period`) or not a
 * report (`unreadable`): then not used and said. A file given with `--previous` needs no note.
 */
export type PreviousNote =
  | { kind: 'found'; file: string }
  | { kind: 'none-found'; file: string; expected: string }
  | { kind: 'wrong-period'; file: string; period: string; expected: string }
  | { kind: 'unreadable'; file: string; reason: Bilingual };

const PERIOD = /^(\d{4})(-H1)?$/;

/**
 * The period whose closing figures open `period`: the plan's `previous` for it, else the annual
 * report of the year before (a 6-month and an annual report both open with the figures at the
 * start of the year). Null for a period not written like 2026-H1 or 2026.
 */
export function previousPeriod(period: string, plan: Plan): string | null {
  const own = plan.periods.find((p) => p.id === period)?.previous;
  if (own !== undefined) return own;
  const m = PERIOD.exec(period);
  return m?.[1] ? String(Number(m[1]) - 1) : null;
}

/** Whether the previous report's units are this registry's units (compared by code). */
export function isComparable(previous: PreviousReport, registry: string): boolean {
  return previous.registry === undefined || previous.registry === registry;
}

/**
 * A name as rows are paired across forms (`rules.ts`): case and spacing ignored but not tone marks
 * (Minh Quán is not Minh Quân), numbers read as numbers ("Thôn 01" is "Thôn 1", "Thôn I" too)
 * and, with `kinds`, an abbreviated kind word read in full ("TDP 3" is "Tổ dân phố 3").
 */
function nameKey(name: string, kinds?: KindAbbreviations): string {
  return rowNameKey({ name }, kinds);
}

/**
 * The unit's report in the previous period, when its figures can be compared: of the same
 * registry, by code (and name too where the code is not enough: a report that does not name its
 * registry, a code the registry gives to units of other dates), and accepted there. A rejected or
 * missing unit has no figures to compare.
 */
export function previousUnitOf(
  unit: UnitSpec,
  previous: PreviousReport,
  registry: { id: string; units: readonly UnitSpec[] },
): PreviousUnit | undefined {
  if (!isComparable(previous, registry.id)) return undefined;
  const sameCode = (u: { code: string }): boolean => u.code === unit.code;
  const candidates = previous.units.filter(sameCode);
  const byName =
    previous.registry === undefined || registry.units.filter(sameCode).length > 1
      ? candidates.filter((u) => nameKey(u.name) === nameKey(unit.name))
      : candidates;
  const p = byName.length === 1 ? byName[0] : undefined;
  return p?.status === 'accepted' ? p : undefined;
}

/** Entries matched to a row: by code when both have one, else by name; one match or none. */
function matchRow<T extends { name: string; code?: string }>(
  row: { name: string; code?: string },
  entries: readonly T[],
  kinds?: KindAbbreviations,
): T | undefined {
  if (row.code !== undefined) {
    const byCode = entries.filter((e) => e.code === row.code);
    if (byCode.length === 1) return byCode[0];
    if (byCode.length > 1) return undefined;
  }
  const key = nameKey(row.name, kinds);
  const byName = entries.filter(
    (e) => (e.code === undefined || row.code === undefined) && nameKey(e.name, kinds) === key,
  );
  return byName.length === 1 ? byName[0] : undefined;
}

/** What the opening check needs besides the unit's tables. */
export interface OpeningContext {
  unit: UnitSpec;
  forms: FormsCatalogue;
  previous: PreviousReport;
  /** The vocabulary's kind-word abbreviations, to pair "TDP 3" with "Tổ dân phố 3". */
  kinds?: KindAbbreviations;
  /**
   * The vocabulary's kind words of villages, folded ("thon", "ban", "to dan pho"): to pair "Bản
   * Chống" with "Chống" or "B. Chống", as the forms of one file are paired.
   */
  villageKinds?: readonly string[];
}

/**
 * The previous report's entry of a row that no name matched as written: the one entry whose name
 * is the row's without notes in brackets and kind word ("Bản Chống (ĐBKK)", "B. Chống", "Chống"),
 * when no other row of the table and no other entry reads so, and the two do not write different
 * kind words ("Thôn Pá" is not "Bản Pá"). `bare` reads a name so (see `villageNameParts`).
 */
function matchBare<T extends { name: string }>(
  name: string,
  entries: readonly T[],
  rowNames: readonly string[],
  bare: (name: string) => { key: string; kind: string | null } | null,
): T | undefined {
  const own = bare(name);
  if (!own) return undefined;
  const same = (n: string): boolean => bare(n)?.key === own.key;
  if (rowNames.filter(same).length !== 1) return undefined;
  const found = entries.filter((e) => same(e.name));
  const [entry] = found;
  if (found.length !== 1 || !entry) return undefined;
  const theirs = bare(entry.name);
  if (own.kind !== null && theirs?.kind != null && own.kind !== theirs.kind) return undefined;
  return entry;
}

/**
 * A name without its notes in brackets and its village kind word (`villageNameParts`), each name
 * read once; null for every name when the vocabulary gives no village kind words.
 */
function bareReader(
  ctx: OpeningContext,
): (name: string) => { key: string; kind: string | null } | null {
  const villageKinds = [...(ctx.villageKinds ?? [])].sort((a, b) => b.length - a.length);
  const read = new Map<string, { key: string; kind: string | null } | null>();
  return (name) => {
    if (villageKinds.length === 0) return null;
    let parts = read.get(name);
    if (parts === undefined) {
      parts = villageNameParts(name.replace(NOTE, '').trim(), villageKinds, ctx.kinds ?? new Map());
      read.set(name, parts);
    }
    return parts;
  };
}

/**
 * The opening figures of a unit's chosen tables set against the closing figures of its previous
 * report: the unit's total row against the unit's figures, each sub-unit row (commune, or village
 * of a commune unit) against the previous report's row of the same sub-unit, matched by code when
 * both have one, else by name, and each village listed under a commune likewise. A figure that
 * differs is `opening-mismatch` at its cell. Rows on one side only, and figures unknown on either
 * side, are not compared.
 */
export function checkOpening(
  tables: readonly FormTable[],
  prev: PreviousUnit,
  ctx: OpeningContext,
): Finding[] {
  const out: Finding[] = [];
  const columns = ctx.forms.forms.flatMap((f) => f.columns);
  const heading = (id: string): string => columns.find((c) => c.id === id)?.heading ?? id;
  // The unit's figure of an indicator in two forms is the first form's (core/consolidate.ts).
  const ordered = [...tables].sort((a, b) => byCodeUnits(a.form, b.form));
  for (const pair of ctx.forms.continuity ?? []) {
    const table = ordered.find((t) =>
      t.layout.form.spec.columns.some((c) => c.id === pair.opening && c.kind === 'count'),
    );
    if (!table) continue;
    const compare = (row: TableRow, place: string, closing: number | null | undefined): void => {
      const cell = row.values.get(pair.opening);
      if (!cell || cell.status === 'invalid' || cell.value === null) return;
      if (closing === null || closing === undefined || cell.value === closing) return;
      const real = row.row >= 0;
      out.push(
        makeFinding('opening-mismatch', {
          file: table.file,
          sheet: table.sheet,
          cell: real ? cellAddress(row.row, cell.col) : null,
          row: real ? row.row + 1 : null,
          unit: ctx.unit.code,
          subunit: row.role === 'total' ? null : row.name || null,
          form: table.form,
          indicator: pair.opening,
          params: {
            place,
            heading: heading(pair.opening),
            opening: cell.value,
            closingHeading: heading(pair.closing),
            closing,
            previous: ctx.previous.file,
            previousPeriod: ctx.previous.period,
          },
        }),
      );
    };
    // A row the other report lists at another level (villages under the communes merged in 2025
    // this year, listed flat last year, or the other way round) is found among all its rows, when
    // its name is one row's only.
    const everyRow = [...prev.subunits, ...prev.subunits.flatMap((s) => s.children ?? [])];
    const matched = new Map<number, PreviousSubunit>();
    const subunitNames = table.rows
      .filter((r) => r.role === 'subunit' && r.name !== '')
      .map((r) => r.canonical ?? r.name);
    const bare = bareReader(ctx);
    for (const row of table.rows) {
      if (row.role === 'total') compare(row, ctx.unit.name, prev.values[pair.closing]);
      if (row.role !== 'subunit' || row.name === '') continue;
      const name = row.canonical ?? row.name;
      const key = { name, ...(row.code !== undefined ? { code: row.code } : {}) };
      // A village written without its kind word or with a note this year or last ("Chống" for
      // "Bản Chống"), where no code says which: read as the forms of one file are paired.
      const p =
        matchRow(key, prev.subunits, ctx.kinds) ??
        (row.code === undefined
          ? matchBare(
              name,
              prev.subunits.filter((e) => e.code === undefined),
              subunitNames,
              bare,
            )
          : undefined);
      if (p) {
        matched.set(row.row, p);
        compare(row, name, p.values[pair.closing]);
        continue;
      }
      const q = matchRow(key, everyRow, ctx.kinds);
      if (q) compare(row, name, q.values[pair.closing]);
    }
    for (const row of table.rows) {
      if (row.role !== 'child' || row.parentRow === null || row.name === '') continue;
      const parent = matched.get(row.parentRow);
      if (parent) {
        const p = parent.children
          ? matchRow({ name: row.name }, parent.children, ctx.kinds)
          : undefined;
        if (p) compare(row, `${row.name}, ${parent.name}`, p.values[pair.closing]);
        continue;
      }
      const q = matchRow({ name: row.canonical ?? row.name }, everyRow, ctx.kinds);
      if (q) compare(row, row.name, q.values[pair.closing]);
    }
  }
  return out;
}
