/**
 * Consolidation: the checked files of a period become one report model — each unit accepted,
 * rejected or missing, the province's totals summed over accepted units only (rates recomputed
 * from the summed counts, never summed or averaged), progress against the plan, completeness.
 * Pure: every output format is a function of the model this returns.
 */
import { vietnamDate } from './dates-and-numbers.js';
import type { Catalogue, FormsCatalogue, Plan, UnitSpec } from './catalogue.js';
import { makeFinding, type Finding } from './finding.js';
import { type Lang } from './lang.js';
import { appendAll } from './finding-budget.js';
import type { FormTable } from './extract.js';
import { roundHalfUp } from './round.js';
import { absentRows, countsOf, rowsAcrossForms, type RowEntry } from './rows-across-forms.js';
import { checkCrossForm, nameKey, rowKey, unpairedRows } from './rules.js';
import { kindAbbreviations, villageKindPhrases, type KindAbbreviations } from './kind-words.js';
import { pairVillageSpellings, reportsVillages } from './table-rows.js';
import { periodEnd } from './trend.js';
import { reportsFrom } from './identify.js';
import { type CompiledRule } from './compile-rules.js';
import {
  checkOpening,
  isComparable,
  previousUnitOf,
  type ContinuityInfo,
  type PreviousReport,
} from './continuity.js';
import { byCodeUnits } from './text.js';
import { receiptDateOf, unmatchedReceipts, type ReceiptLog } from './receipt-log.js';
import type { FileReport } from './validate-book.js';
import { compareLists, type HouseholdFigures, type ListCounts } from './list-compare.js';

/** A checked file with what the reader learnt about it. */
export interface SubmittedFile extends FileReport {
  sha256: string | null;
  /** Last modification time: orders a unit's undated files, never their timeliness. */
  mtime: Date | null;
  /** For a file that came attached to an e-mail: the message's Date in Vietnam's day, when valid. */
  mailDate?: string | null;
  /** For a file that came attached to an e-mail: the sender's address. */
  sender?: string | null;
}

/**
 * Where a file's receipt date came from, strongest first: the office's receipt log
 * (`--receipts`), the Date of the e-mail it came attached to, the date line under its table.
 * Null when none says (the date is then unknown, and the file is neither on time nor late).
 */
export type DateSource = 'receipt-log' | 'e-mail' | 'date-line';

/** A unit's status in the consolidated report. */
export type UnitStatus = 'accepted' | 'rejected' | 'missing';

/** Indicator values by id (counts and rates); null when not known. */
export type Values = Record<string, number | null>;

/** One file of a unit's submission. */
export interface UnitFile {
  file: string;
  sha256: string | null;
  /**
   * The date the report was received (Vietnam's day): from the receipt log, else the e-mail's
   * Date, else the date line under the table; null when none says (the file's modification time
   * is never taken: a copy made today would look late).
   */
  reportDate: string | null;
  /** Where `reportDate` came from; null when it is unknown. */
  dateSource: DateSource | null;
  /** The sender's address, for a file that came attached to an e-mail. */
  sender?: string;
  /** Received before the plan's due-before date; null when the date is unknown (not late). */
  onTime: boolean | null;
  /** Forms taken from this file for the report. */
  used: string[];
  /** The period the file reports (may differ from the period consolidated). */
  period: string | null;
  errors: number;
}

/** A unit in the consolidated report. */
export interface UnitResult {
  code: string;
  name: string;
  status: UnitStatus;
  files: UnitFile[];
  /** Every indicator id (empty unless accepted: rejected units are left out of the sums). */
  values: Values;
  /** Sub-unit rows (communes), merged across forms, each with its villages when listed. */
  subunits: SubunitResult[];
  /** Findings that decided the status (errors) and the rest for this unit. */
  findings: Finding[];
  /** Number of error findings. */
  errors: number;
  /**
   * The figures derived from the unit's household lists of the period, beside `values` (issue
   * 11), with whether they agree; absent when no list of the unit was given.
   */
  households?: HouseholdFigures;
  /**
   * The unit's household list files of the period, as given, when the unit is not accepted (a
   * unit that sent only its lists is still missing: `status` and `remind` say how many it sent,
   * never their names, which may be a household head's).
   */
  listFiles?: string[];
}

/** A sub-unit's figures in the consolidated report. */
export interface SubunitResult {
  /** The registry's name when matched, else the name as written. */
  name: string;
  /** The registry's GSO code of the sub-unit, when matched and listed. */
  code?: string;
  values: Values;
  /** The rows listed under the sub-unit (villages under a commune), when the forms list them. */
  children?: { name: string; values: Values }[];
  /** The figures derived from the commune's household list, when one was given (issue 11). */
  households?: HouseholdFigures;
}

/** Progress of one unit (or the province) against the plan. */
export interface TargetRow {
  /** Unit code, or `province`. */
  unit: string;
  name: string;
  /** Poor-household rate (%) at the baseline. */
  baselineRate: number | null;
  /** Poor-household rate (%) now. */
  currentRate: number | null;
  /** Percentage points reduced (baseline − current). */
  reduction: number | null;
  /** Planned reduction in percentage points for the year. */
  target: number | null;
  /** reduction / target × 100. */
  achievedShare: number | null;
  /** Poor households that escaped poverty in the period (Biểu 02). */
  escapedPoverty: number | null;
  /** Whether the baseline and target are published figures (false: illustrative). */
  published: boolean;
  /** Province row only: true when some units are missing or rejected (no reduction is given). */
  partial?: boolean;
}

/** DHIS2-style completeness of the period's reporting. */
export interface Completeness {
  expected: number;
  accepted: number;
  rejected: number;
  missing: number;
  /** Accepted units whose every file used was received before the due date. */
  onTime: number;
  /** Accepted units with some file used received on or after the due date. */
  late: number;
  /**
   * Accepted units neither late nor on time: some file used has no known receipt date (no receipt
   * log entry, no e-mail, no date line). Counted apart, never as late.
   */
  unknownDate: number;
  /** accepted / expected × 100. */
  reportingRate: number;
  /**
   * on-time accepted / expected × 100: the share of the units expected that are known to have
   * reported on time (DHIS2's "reporting rate on time"); a unit of unknown date is not in it, and
   * neither is it late.
   */
  onTimeRate: number;
}

/** The consolidated report of a period. */
export interface ConsolidatedReport {
  period: string;
  periodTitle: string;
  dueBefore: string | null;
  generatedAt: string;
  province: { code: string; name: string };
  /** The ids of the data the report was made with: the registry, the plan and the standard. */
  registry: string;
  plan: string;
  standard: string;
  /** Every indicator id, in form order. */
  indicators: string[];
  units: UnitResult[];
  total: Values;
  targets: TargetRow[];
  completeness: Completeness;
  findings: Finding[];
  /** Files whose unit could not be told; they count for no unit. */
  unassigned: string[];
  /** Blank templates found among the files (`blank-template`); they count for no unit. */
  setAside: string[];
  /**
   * Files that are another period's reports (`period-mismatch`: "năm 2022" in the run of its first
   * half, one inbox kept for the year); they count for no unit of this period.
   */
  otherPeriod: string[];
  /** The previous period's report the opening figures were set against, when there was one. */
  previous?: ContinuityInfo;
  /** Household lists (issue 11): units whose lists were compared with their summary, and how many agreed. */
  lists?: ListCounts;
}

/**
 * Whether a file is another period's report, left in an inbox kept for the year: its own title
 * (or name) says another period (`period-mismatch`), one that ended before this one (the first
 * half's report in the run of the year), or a later one it is dated as a report of (the year's,
 * dated from 1 July, in the run of its first half). A later period's undated, or dated before it
 * can be made ("năm 2022" dated in June: the half-year's titled for the year), stays its unit's
 * report, rejected for its period: the unit is told to send it again titled right. A list is left
 * to the lists' comparison, which takes only this period's.
 */
function ofOtherPeriod(f: SubmittedFile, period: string): boolean {
  if (f.list || f.period === null || !f.findings.some((x) => x.code === 'period-mismatch'))
    return false;
  if (periodEnd(f.period) < periodEnd(period)) return true;
  return f.reportDate !== null && f.reportDate >= reportsFrom(f.period);
}

/** Inputs besides the files. */
export interface ConsolidateInput {
  cat: Catalogue;
  plan: Plan;
  rules: CompiledRule[];
  period: string;
  lang: Lang;
  /** The time the report is made (passed in: the core reads no clock). */
  now: Date;
  /** The previous period's report: opening figures must equal its closing figures. */
  previous?: PreviousReport;
  /** The office's receipt log (`--receipts`): its dates override every other. */
  receipts?: ReceiptLog;
}

const round = roundHalfUp;

/** Every indicator id of the forms, in order, each once. */
export function indicatorIds(forms: FormsCatalogue): string[] {
  const ids: string[] = [];
  for (const f of forms.forms) for (const c of f.columns) if (!ids.includes(c.id)) ids.push(c.id);
  return ids;
}

/** Recomputes every rate of a set of counts (2 decimals), from the forms' numerator/denominator. */
export function withRates(values: Values, forms: FormsCatalogue): Values {
  const out = { ...values };
  for (const f of forms.forms)
    for (const c of f.columns) {
      if (c.kind !== 'percent' || !c.numerator || !c.denominator) continue;
      const n = out[c.numerator];
      const d = out[c.denominator];
      out[c.id] =
        n === null || n === undefined || d === null || d === undefined
          ? null
          : d === 0
            ? 0
            : round((100 * n) / d, 2);
    }
  return out;
}

/** A file's receipt date by the precedence of {@link DateSource}. */
function fileDate(
  f: SubmittedFile,
  receipts: ReceiptLog | undefined,
): { date: string | null; source: UnitFile['dateSource'] } {
  const logged = receipts ? receiptDateOf(f.file, receipts) : null;
  if (logged) return { date: logged, source: 'receipt-log' };
  if (f.mailDate) return { date: f.mailDate, source: 'e-mail' };
  if (f.reportDate) return { date: f.reportDate, source: 'date-line' };
  return { date: null, source: null };
}

/**
 * The same file (the same bytes) received twice, by e-mail on 10/6 and again on 20/6, was
 * received on 10/6: each copy takes the earliest date any copy has, so that sending an on-time
 * report again never makes it late, nor a newer version of itself.
 */
function firstReceived(dated: DatedFile[]): DatedFile[] {
  const first = new Map<string, string>();
  for (const d of dated) {
    const sha = d.f.sha256;
    if (sha === null || d.date === null) continue;
    const was = first.get(sha);
    if (was === undefined || d.date < was) first.set(sha, d.date);
  }
  return dated.map((d) => {
    const date = d.f.sha256 === null ? undefined : first.get(d.f.sha256);
    return date !== undefined && d.date !== null && date < d.date ? { ...d, date } : d;
  });
}

/**
 * The unit's figures in a form: its total row, the row the sums proved to be the total (an
 * accepted table always has one).
 */
function tableValues(t: FormTable): Map<string, number | null> {
  const out = new Map<string, number | null>();
  const total = t.rows.find((r) => r.role === 'total');
  for (const c of t.layout.form.spec.columns) {
    if (c.kind !== 'count') continue;
    out.set(c.id, total?.values.get(c.id)?.value ?? null);
  }
  return out;
}

/**
 * Whether two tables of a form report the same: the same counts on the total row and on each
 * sub-unit's (and village's) row, found by name. Where the rows sit, group subtotals, "Trong đó"
 * breakdowns, stated rates (recomputed from the counts) and columns the form does not have
 * ("Số khẩu") are layout, not figures: the report takes none of them.
 */
function sameNumbers(a: FormTable, b: FormTable, kinds: KindAbbreviations): boolean {
  const key = (t: FormTable): string => {
    const counts = t.layout.form.spec.columns.filter((c) => c.kind === 'count');
    const rows: string[] = [];
    for (const r of t.rows) {
      const k = rowKey(r, t.rows, kinds);
      if (k !== null)
        rows.push(JSON.stringify([k, counts.map((c) => r.values.get(c.id)?.value ?? null)]));
    }
    return rows.sort().join('\n');
  };
  return key(a) === key(b);
}

/** Consolidates the checked files of a period. */
export function consolidate(files: SubmittedFile[], input: ConsolidateInput): ConsolidatedReport {
  const { cat, plan, period } = input;
  const forms = cat.forms;
  const ids = indicatorIds(forms);
  const planPeriod = plan.periods.find((p) => p.id === period);
  const dueBefore = planPeriod?.dueBefore ?? null;
  const required = planPeriod?.forms ?? forms.forms.map((f) => f.id);

  // Blank templates found among the files are no unit's report: said, then left out.
  const setAside = files.filter((f) => f.setAside).map((f) => f.file);
  // So is another period's report (the year's, in the run of its first half): its unit has not
  // sent this period's, which is not the same as having sent it wrong.
  const elsewhen = new Set(files.filter((f) => !f.setAside && ofOtherPeriod(f, period)));
  // A household list is no unit's summary: it is compared with the summary, never counted as it.
  const marked = markDuplicates(files.filter((f) => !f.setAside && !f.list && !elsewhen.has(f)));
  const summarised = cat.registry.units.map((unit) =>
    consolidateUnit(
      unit,
      marked.filter((f) => f.unit?.code === unit.code),
      { ...input, required, dueBefore, ids },
    ),
  );
  const listed = compareLists(
    summarised,
    files,
    period,
    new Set(cat.registry.units.filter((u) => !u.subunits && reportsVillages(u)).map((u) => u.code)),
    villageKindPhrases(cat.vocabulary),
    kindAbbreviations(cat.vocabulary),
  );
  const units = listed.units;
  const findings: Finding[] = [];
  for (const f of files)
    if (f.setAside)
      appendAll(
        findings,
        f.findings.filter((x) => x.code === f.setAside),
      );
  for (const f of elsewhen)
    appendAll(
      findings,
      f.findings.filter((x) => x.code === 'period-mismatch'),
    );
  for (const u of units) appendAll(findings, u.findings);
  for (const f of marked) if (!f.unit) appendAll(findings, f.findings);
  appendAll(findings, listed.findings);
  if (input.receipts) {
    appendAll(findings, input.receipts.findings);
    appendAll(
      findings,
      unmatchedReceipts(
        input.receipts,
        files.map((f) => f.file),
      ),
    );
  }

  const accepted = units.filter((u) => u.status === 'accepted');
  const total = provinceTotal(accepted, ids, forms);
  const previous = input.previous;
  return {
    period,
    periodTitle: planPeriod?.title[input.lang] ?? period,
    dueBefore,
    generatedAt: input.now.toISOString(),
    province: { code: cat.registry.province.code, name: cat.registry.province.name },
    registry: cat.registry.id,
    plan: plan.id,
    standard: cat.standard.id,
    indicators: ids,
    units,
    total,
    targets: targetRows(units, accepted.length > 0 ? total : null, input),
    completeness: completenessOf(units),
    findings,
    unassigned: marked.filter((f) => !f.unit).map((f) => f.file),
    setAside,
    otherPeriod: [...elsewhen].map((f) => f.file),
    ...(previous ? { previous: continuityInfo(previous, units, input) } : {}),
    ...(files.some((f) => f.list)
      ? {
          lists: {
            checked: listed.checked,
            agreeing: listed.agreeing,
            partial: listed.partial,
            differing: listed.differing,
            uncompared: listed.uncompared,
          },
        }
      : {}),
  };
}

/** What the report says about the previous report: which units were compared, how many differ. */
function continuityInfo(
  previous: PreviousReport,
  units: UnitResult[],
  input: ConsolidateInput,
): ContinuityInfo {
  const registry = input.cat.registry.id;
  const compared = input.cat.registry.units
    .filter((u) => {
      const result = units.find((r) => r.code === u.code);
      return (
        result !== undefined &&
        result.files.some((f) => f.used.length > 0) &&
        previousUnitOf(u, previous, input.cat.registry) !== undefined
      );
    })
    .map((u) => u.code);
  return {
    file: previous.file,
    period: previous.period,
    registry: previous.registry ?? null,
    comparable: isComparable(previous, registry),
    compared,
    mismatches: units.flatMap((u) => u.findings).filter((f) => f.code === 'opening-mismatch')
      .length,
  };
}

/**
 * The province's figures: each count summed over the accepted units (unknown when any accepted
 * unit's is, or when none is accepted), rates recomputed from the sums, never summed or averaged.
 */
function provinceTotal(accepted: UnitResult[], ids: string[], forms: FormsCatalogue): Values {
  const counts: Values = {};
  for (const id of ids) {
    const spec = forms.forms.flatMap((f) => f.columns).find((c) => c.id === id);
    if (spec?.kind !== 'count') continue;
    let sum: number | null = 0;
    for (const u of accepted) {
      const v = u.values[id];
      sum = v === null || v === undefined || sum === null ? null : sum + v;
    }
    counts[id] = accepted.length === 0 ? null : sum;
  }
  return orderValues(withRates(counts, forms), ids);
}

/**
 * Each unit's progress against the plan (figures of accepted units only), then the province's
 * from its total (null when no unit is accepted).
 */
function targetRows(
  units: UnitResult[],
  total: Values | null,
  input: ConsolidateInput,
): TargetRow[] {
  const { plan, cat } = input;
  const roles = cat.forms.roles;
  const rows: TargetRow[] = units.map((u) =>
    targetRow(u.code, u.name, u.status === 'accepted' ? u.values : null, plan.units[u.code], roles),
  );
  // With units missing or rejected, the province's rate is that of the units received, not the
  // province's: set against the province baseline it would read as progress (or a setback) that
  // did not happen. The rate stays for information; the reduction and the share are not given.
  const partial = units.some((u) => u.status !== 'accepted');
  const provinceRow = targetRow(
    'province',
    cat.registry.province.name,
    total,
    plan.province,
    roles,
  );
  rows.push(
    partial ? { ...provinceRow, reduction: null, achievedShare: null, partial: true } : provinceRow,
  );
  return rows;
}

/**
 * How many units reported, were rejected or missing, and were on time (every file used received
 * before the due date), over the units expected.
 */
function completenessOf(units: UnitResult[]): Completeness {
  const accepted = units.filter((u) => u.status === 'accepted');
  const tally = (t: Timeliness): number => accepted.filter((u) => unitTimeliness(u) === t).length;
  const onTime = tally('on-time');
  const expected = units.length;
  return {
    expected,
    accepted: accepted.length,
    rejected: units.filter((u) => u.status === 'rejected').length,
    missing: units.filter((u) => u.status === 'missing').length,
    onTime,
    late: tally('late'),
    unknownDate: tally('unknown'),
    reportingRate: expected === 0 ? 0 : round((100 * accepted.length) / expected, 1),
    onTimeRate: expected === 0 ? 0 : round((100 * onTime) / expected, 1),
  };
}

/** Whether a unit's report came in on time, late, or on a day not known. */
export type Timeliness = 'on-time' | 'late' | 'unknown';

/**
 * A unit's timeliness, from the files its figures were taken from: late when any was received
 * on or after the due date, on time when every one was received before it, otherwise unknown (a
 * file with no known receipt date is never counted late). The completeness counts and every view
 * of a unit use this one reading.
 */
export function unitTimeliness(u: UnitResult): Timeliness {
  const used = u.files.filter((f) => f.used.length > 0);
  if (used.some((f) => f.onTime === false)) return 'late';
  if (used.every((f) => f.onTime === true)) return 'on-time';
  return 'unknown';
}

/**
 * A file identical (same SHA-256) to a file taken as another unit's cannot be both units'
 * report: each copy gets an error, so neither unit's figures count twice.
 */
function markDuplicates(files: SubmittedFile[]): SubmittedFile[] {
  return files.map((f) => {
    const twin = files.find(
      (o) =>
        o !== f &&
        o.sha256 !== null &&
        o.sha256 === f.sha256 &&
        o.unit &&
        f.unit &&
        o.unit.code !== f.unit.code,
    );
    if (!twin?.unit) return f;
    const dup = makeFinding('duplicate-submission', {
      file: f.file,
      unit: f.unit?.code ?? null,
      params: { other: twin.file, otherUnit: twin.unit.name },
    });
    return { ...f, valid: false, findings: [...f.findings, dup] };
  });
}

function orderValues(v: Values, ids: string[]): Values {
  const out: Values = {};
  for (const id of ids) out[id] = v[id] ?? null;
  return out;
}

/** One unit's (or the province's) progress: its rate set against the plan, and who escaped. */
function targetRow(
  code: string,
  name: string,
  values: Values | null,
  t: Plan['province'] | undefined,
  roles: FormsCatalogue['roles'],
): TargetRow {
  const baseline = t?.baselineRate ?? null;
  const current = values?.[roles.poorRate] ?? null;
  const reduction = baseline !== null && current !== null ? round(baseline - current, 2) : null;
  const target = t?.targetReduction ?? null;
  const escaped = roles.escapedPoverty.map((id) => values?.[id]);
  return {
    unit: code,
    name,
    baselineRate: baseline,
    currentRate: current,
    reduction,
    target,
    achievedShare: reduction !== null && target ? round((100 * reduction) / target, 1) : null,
    escapedPoverty: escaped.every((x): x is number => typeof x === 'number')
      ? escaped.reduce((a, b) => a + b, 0)
      : null,
    published: t?.published ?? false,
  };
}

interface UnitContext extends ConsolidateInput {
  required: string[];
  dueBefore: string | null;
  ids: string[];
}

/** A unit's file with the date of its report and where that date came from. */
interface DatedFile {
  f: SubmittedFile;
  date: string | null;
  source: UnitFile['dateSource'];
}

/** The table taken for a form, with the file it came from. */
interface ChosenForm {
  d: DatedFile;
  table: FormTable;
}

/**
 * A unit's result from its files: the newest table of each form among the files of the period,
 * the findings that count (the files' own for the forms taken, the cross-form checks re-run over
 * them, conflicting, superseded and missing forms); accepted when none of them is an error and
 * some file is of the period. A rejected unit has no figures.
 */
function consolidateUnit(unit: UnitSpec, files: SubmittedFile[], ctx: UnitContext): UnitResult {
  const base = { code: unit.code, name: unit.name };
  if (files.length === 0)
    return {
      ...base,
      status: 'missing',
      files: [],
      values: {},
      subunits: [],
      findings: [],
      errors: 0,
    };

  const dated = firstReceived(files.map((f) => ({ f, ...fileDate(f, ctx.receipts) })));
  const usable = dated.filter((d) => d.f.period === ctx.period);
  // Rows are keyed across forms and files with the kind words' abbreviations read in full.
  const kinds = kindAbbreviations(ctx.cat.vocabulary);
  const picked = chooseForms(
    unit,
    usable,
    ctx.cat.forms.forms.map((f) => f.id),
    kinds,
  );
  const chosen = picked.chosen;
  const extra = picked.findings.concat(
    missingForms(unit, usable, ctx.required, chosen),
    openingFindings(unit, chosen, ctx),
  );
  const tables = [...chosen.values()].map((c) => c.table);
  // Forms taken from different files (one CSV per form): a village written "Bản Đán" in one and
  // "Đán" in another is paired as within one file.
  const paired = pairVillageSpellings(tables, {
    unit,
    villageKinds: villageKindPhrases(ctx.cat.vocabulary),
    kinds,
  });
  const checking = { file: '', unit: unit.code, lang: ctx.lang, kinds };
  const cross = checkCrossForm(tables, ctx.rules, checking);
  // With the forms from several files (one CSV per form), a row one form has and another lacks
  // ("Tổ dân phổ 2" in Biểu 04 only, a commune renamed to the unit's own name in one form) is said
  // here, as validate says it of the forms of one file (an outside tester's mutations were
  // accepted with the sub-unit's figures split in two).
  if (new Set(tables.map((t) => t.file)).size > 1)
    appendAll(cross, unpairedRows(tables, ctx.rules, checking));
  const counted = countedFindings(dated, usable, chosen, cross, extra);

  const all = dedupe([
    ...dated.flatMap((d) => d.f.findings.filter((f) => f.code !== 'cross-form-mismatch')),
    ...cross,
    ...paired,
    ...extra,
  ]);
  const errors = dedupe(counted).filter((f) => f.severity === 'error').length;
  const status: UnitStatus = errors > 0 || usable.length === 0 ? 'rejected' : 'accepted';
  const unitFiles = dated.map((d) => unitFile(d, chosen, ctx.dueBefore));

  if (status !== 'accepted')
    return { ...base, status, files: unitFiles, values: {}, subunits: [], findings: all, errors };
  const merged = mergeSubunits(chosen, ctx, unit.code);
  return {
    ...base,
    status,
    files: unitFiles,
    values: unitValues(chosen, ctx),
    subunits: merged.subunits,
    findings: dedupe([...all, ...merged.findings]),
    errors,
  };
}

/**
 * The unit's opening figures set against its previous report's closing figures, when there is a
 * previous report with the unit's figures (core/continuity.ts).
 */
function openingFindings(
  unit: UnitSpec,
  chosen: Map<string, ChosenForm>,
  ctx: UnitContext,
): Finding[] {
  if (!ctx.previous || chosen.size === 0) return [];
  const prev = previousUnitOf(unit, ctx.previous, ctx.cat.registry);
  if (!prev) return [];
  return checkOpening(
    [...chosen.values()].map((c) => c.table),
    prev,
    {
      unit,
      forms: ctx.cat.forms,
      previous: ctx.previous,
      kinds: kindAbbreviations(ctx.cat.vocabulary),
      villageKinds: villageKindPhrases(ctx.cat.vocabulary),
    },
  );
}

/**
 * The table taken for each form (in the forms' order): the newest among the unit's files of the
 * period, by report date then file time. An older table is `superseded-submission` (a warning);
 * another of the same date with other figures is `conflicting-submission`.
 */
function chooseForms(
  unit: UnitSpec,
  usable: DatedFile[],
  forms: string[],
  kinds: KindAbbreviations,
): { chosen: Map<string, ChosenForm>; findings: Finding[] } {
  const findings: Finding[] = [];
  const chosen = new Map<string, ChosenForm>();
  /** The pairs of files (older, newer) already said to share no sub-unit. */
  const strangers = new Set<string>();
  for (const form of forms) {
    const holders = usable
      .map((d) => ({ d, table: d.f.tables.find((t) => t.form === form) }))
      .filter((h): h is ChosenForm => h.table !== undefined)
      .sort(
        (a, b) =>
          byCodeUnits(orderDate(a.d), orderDate(b.d)) ||
          (a.d.f.mtime?.getTime() ?? 0) - (b.d.f.mtime?.getTime() ?? 0),
      );
    const latest = holders[holders.length - 1];
    if (!latest) continue;
    const sameDay = holders.filter((h) => orderDate(h.d) === orderDate(latest.d) && h !== latest);
    for (const h of sameDay)
      if (!sameNumbers(h.table, latest.table, kinds))
        findings.push(
          makeFinding('conflicting-submission', {
            file: h.d.f.file,
            sheet: h.table.sheet,
            unit: unit.code,
            form,
            params: {
              form,
              unit: unit.name,
              other: latest.d.f.file,
              date: orderDate(latest.d) || '?',
            },
          }),
        );
    for (const h of holders) {
      if (h === latest || sameDay.includes(h)) continue;
      findings.push(superseded(unit, form, h, latest));
      // A newer file naming none of the older one's communes (villages) is not the same unit's
      // report sent again: one of the two is another unit's, taken for this one.
      const pair = `${h.d.f.file}\u0000${latest.d.f.file}`;
      if (!strangers.has(pair) && !sharesSubunits(h.table, latest.table, kinds)) {
        strangers.add(pair);
        findings.push(
          makeFinding('submission-other-subunits', {
            file: latest.d.f.file,
            sheet: latest.table.sheet,
            unit: unit.code,
            form,
            params: { form, unit: unit.name, older: h.d.f.file },
          }),
        );
      }
    }
    chosen.set(form, latest);
  }
  return { chosen, findings };
}

/**
 * The day a file is taken to be from when choosing the newest of a unit's files: its receipt
 * date, else (for ordering only, never for timeliness) the day it was last modified.
 */
function orderDate(d: DatedFile): string {
  return d.date ?? (d.f.mtime ? vietnamDate(d.f.mtime) : '');
}

/**
 * Whether two tables of a form share a sub-unit row (by name, kind words read in full), or either
 * has fewer than two: a unit's report sent again lists the same communes or villages.
 */
function sharesSubunits(a: FormTable, b: FormTable, kinds: KindAbbreviations): boolean {
  const names = (t: FormTable): Set<string> =>
    new Set(t.rows.filter((r) => r.role === 'subunit').map((r) => nameKey(r, kinds)));
  const [x, y] = [names(a), names(b)];
  if (x.size < 2 || y.size < 2) return true;
  for (const k of x) if (y.has(k)) return true;
  return false;
}

/** An older table of a form than the one taken: `superseded-submission`. */
function superseded(unit: UnitSpec, form: string, h: ChosenForm, latest: ChosenForm): Finding {
  return makeFinding('superseded-submission', {
    file: h.d.f.file,
    sheet: h.table.sheet,
    unit: unit.code,
    form,
    params: {
      form,
      unit: unit.name,
      date: orderDate(h.d) || '?',
      newer: latest.d.f.file,
      newerDate: orderDate(latest.d) || '?',
    },
  });
}

/**
 * The plan's forms for the period that none of the unit's files of the period holds:
 * `missing-form`, said of the first such file. Nothing when no file is of the period.
 */
function missingForms(
  unit: UnitSpec,
  usable: DatedFile[],
  required: string[],
  chosen: Map<string, ChosenForm>,
): Finding[] {
  if (usable.length === 0) return [];
  return required
    .filter((form) => !chosen.has(form))
    .map((form) =>
      makeFinding('missing-form', {
        file: usable[0]?.f.file ?? '',
        unit: unit.code,
        form,
        params: { form, unit: unit.name },
      }),
    );
}

/**
 * The findings that decide the unit's status: file-level ones of the files used and those of the
 * forms taken from each file, then the cross-form checks re-run across the chosen forms (they may
 * come from several files) and the choice's own. A unit whose files are all of another period is
 * rejected with their findings.
 */
function countedFindings(
  dated: DatedFile[],
  usable: DatedFile[],
  chosen: Map<string, ChosenForm>,
  cross: Finding[],
  extra: Finding[],
): Finding[] {
  const usedFiles = new Set([...chosen.values()].map((c) => c.d.f.file));
  const counted: Finding[] = [];
  for (const d of usable) {
    if (!usedFiles.has(d.f.file)) continue;
    const formsHere = new Set(formsFrom(d, chosen));
    for (const f of d.f.findings) {
      if (f.code === 'cross-form-mismatch') continue;
      if (f.form === null || formsHere.has(f.form)) counted.push(f);
    }
  }
  appendAll(counted, cross);
  appendAll(counted, extra);
  if (usable.length === 0) for (const d of dated) appendAll(counted, d.f.findings);
  return counted;
}

/** The forms taken from a file, in the forms' order. */
function formsFrom(d: DatedFile, chosen: Map<string, ChosenForm>): string[] {
  return [...chosen].filter(([, c]) => c.d.f.file === d.f.file).map(([form]) => form);
}

/** A file of the unit as the report lists it: its date, whether on time, the forms taken. */
function unitFile(
  d: DatedFile,
  chosen: Map<string, ChosenForm>,
  dueBefore: string | null,
): UnitFile {
  return {
    file: d.f.file,
    sha256: d.f.sha256,
    reportDate: d.date,
    dateSource: d.source,
    ...(d.f.sender ? { sender: d.f.sender } : {}),
    onTime: d.date === null || dueBefore === null ? null : d.date < dueBefore,
    used: formsFrom(d, chosen),
    period: d.f.period,
    errors: d.f.findings.filter((f) => f.severity === 'error').length,
  };
}

/**
 * An accepted unit's figures: the counts of each chosen form's total row (an indicator in two
 * forms is taken from the first form), rates recomputed from them.
 */
function unitValues(chosen: Map<string, ChosenForm>, ctx: UnitContext): Values {
  const counts: Values = {};
  for (const [, c] of [...chosen].sort(([a], [b]) => byCodeUnits(a, b)))
    for (const [id, v] of tableValues(c.table)) if (!(id in counts)) counts[id] = v;
  return orderValues(withRates(counts, ctx.cat.forms), ctx.ids);
}

function mergeSubunits(
  chosen: Map<string, ChosenForm>,
  ctx: UnitContext,
  unit: string,
): { subunits: SubunitResult[]; findings: Finding[] } {
  const tables = [...chosen.values()].map((c) => c.table);
  const kinds = kindAbbreviations(ctx.cat.vocabulary);
  const entries = rowsAcrossForms(tables, kinds);
  const findings: Finding[] = [];
  const finish = (e: RowEntry): { name: string; code?: string; values: Values } => {
    appendAll(findings, absentRows(e, tables, ctx.rules, unit, kinds));
    return {
      name: e.name,
      ...(e.code !== undefined ? { code: e.code } : {}),
      values: orderValues(withRates(countsOf(e), ctx.cat.forms), ctx.ids),
    };
  };
  const subunits = entries.map((e) =>
    e.children.size > 0
      ? { ...finish(e), children: [...e.children.values()].map(finish) }
      : finish(e),
  );
  return { subunits, findings };
}

function dedupe(fs: Finding[]): Finding[] {
  const seen = new Set<string>();
  return fs.filter((f) => {
    const k = `${f.code}|${f.file}|${f.sheet ?? ''}|${f.cell ?? ''}|${f.form ?? ''}|${f.indicator ?? ''}|${f.subunit ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
