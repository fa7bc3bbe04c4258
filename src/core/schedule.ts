/**
 * The reminder schedule: which report periods of a plan need a reminder on a given day, and which
 * reminders to make for them (one per unit without an accepted submission, plus the Department's
 * collective summary, as DHIS2 does). Pure: the day is passed in as a calendar date, never read
 * from a clock, so a cron run can be replayed with `--as-of`.
 */
import type { Bilingual } from './finding-codes.js';
import type { PlanPeriod, Registry } from './catalogue.js';
import { type Completeness, type ConsolidatedReport, type UnitResult } from './consolidate.js';
import { calendarDaysBetween } from './dates-and-numbers.js';
import { compareFindings, type Finding } from './finding.js';

/** A period that needs reminders on the as-of date. */
export interface DuePeriod {
  period: PlanPeriod;
  /**
   * Calendar days from the as-of date to the due-before date. 0 or less means overdue: the plan
   * says "before 15/6", so on 15/6 the report is already late.
   */
  daysLeft: number;
  /** The due-before date has been reached. */
  overdue: boolean;
}

/**
 * The periods of the plan due for a reminder on `asOf`: those whose due-before date is exactly N
 * days away for an N in `daysBefore`, and those whose due-before date has been reached, on the
 * due-before date itself and then every `overdueEvery` days (1: every day until accepted).
 */
export function duePeriods(
  plan: { periods: PlanPeriod[] },
  asOf: string,
  daysBefore: number[],
  overdueEvery = 1,
): DuePeriod[] {
  const every = Math.max(1, Math.floor(overdueEvery));
  const out: DuePeriod[] = [];
  for (const period of plan.periods) {
    const daysLeft = calendarDaysBetween(asOf, period.dueBefore);
    const overdue = daysLeft <= 0;
    const due = overdue ? -daysLeft % every === 0 : daysBefore.includes(daysLeft);
    if (due) out.push({ period, daysLeft, overdue });
  }
  return out;
}

/** The unit a reminder goes to. */
export interface ReminderUnit {
  code: string;
  name: string;
  /** The name without its kind (`Trạm Tấu`), for file names. */
  short: string;
  /** Address from the registry; null when the registry has none (the reminder cannot be sent). */
  email: string | null;
}

/** What both kinds of reminder share. */
interface ReminderBase {
  /**
   * `period|unit code|as-of` (`summary` instead of the unit code): what `--state` records, so a
   * second run on the same day sends nothing new while the next day's reminder still goes out.
   */
  key: string;
  /** Plan period id (`2022-H1`). */
  period: string;
  /** Period title in Vietnamese and English. */
  periodTitle: Bilingual;
  /** The plan's due-before date (YYYY-MM-DD). */
  dueBefore: string;
  /** The day the reminder is made for (YYYY-MM-DD). */
  asOf: string;
  /** Calendar days from `asOf` to `dueBefore`; 0 or less when overdue. */
  daysLeft: number;
  overdue: boolean;
  /** Forms every unit must send for the period. */
  forms: string[];
}

/** A reminder to one unit that has no accepted submission. */
export interface UnitReminder extends ReminderBase {
  kind: 'unit';
  unit: ReminderUnit;
  /** `missing`: nothing received; `rejected`: received but with errors. */
  status: 'rejected' | 'missing';
  /** Number of errors of a rejected submission. */
  errors: number;
  /** The first errors of a rejected submission (at most five), in reading order. */
  findings: Finding[];
  /** The files received from the unit (rejected only). */
  files: string[];
  /**
   * How many household list files the unit sent (a list is no report: still missing). Counted,
   * not named: a list's file may be named after a household's head.
   */
  lists: number;
}

/** A unit in the summary. */
export interface SummaryUnit {
  code: string;
  name: string;
  /** Errors of a rejected unit. */
  errors?: number;
  /** Report date of a late unit. */
  reportDate?: string | null;
}

/** The collective summary for the Department (DHIS2's "collective summary"). */
export interface SummaryReminder extends ReminderBase {
  kind: 'summary';
  /** The Department's address (`registry.issuer.email`), or null. */
  to: string | null;
  /** Who the summary is addressed to (the Department's name). */
  department: string;
  missing: SummaryUnit[];
  rejected: SummaryUnit[];
  /** Accepted, but received on or after the due-before date. */
  late: SummaryUnit[];
  completeness: Completeness;
}

/** A reminder: to a unit, or the Department's summary. */
export type Reminder = UnitReminder | SummaryReminder;

/** How many findings a reminder quotes: enough to start fixing, short enough to be read. */
export const REMINDER_FINDINGS = 5;

/** The `--state` key of a reminder; `unit` is a unit code or `summary`. */
export function reminderKey(period: string, unit: string, asOf: string): string {
  return `${period}|${unit}|${asOf}`;
}

/** Errors about a unit's submissions taken together, not about the file they are said at. */
const SUBMISSION_ERRORS = new Set<string>(['conflicting-submission', 'submission-other-subunits']);

function usedFiles(u: UnitResult): UnitResult['files'] {
  const used = u.files.filter((f) => f.used.length > 0);
  return used.length > 0 ? used : u.files;
}

/** An accepted unit is late when any file it was accepted from was dated on or after the due date. */
export function isLate(u: UnitResult): boolean {
  return u.status === 'accepted' && usedFiles(u).some((f) => f.onTime === false);
}

/** The latest report date among the files a unit's status rests on. */
export function unitReportDate(u: UnitResult): string | null {
  const dates = usedFiles(u)
    .map((f) => f.reportDate)
    .filter((d): d is string => d !== null)
    .sort();
  return dates[dates.length - 1] ?? null;
}

/**
 * The reminders of one due period: one per unit of the registry without an accepted submission,
 * then the summary. Nothing at all when every unit is accepted: there is no one to remind, and an
 * overdue period must not mail the Department "all done" every day for ever.
 */
export function planReminders(
  report: ConsolidatedReport,
  due: DuePeriod,
  registry: Registry,
  asOf: string,
): Reminder[] {
  const base = {
    period: due.period.id,
    periodTitle: due.period.title,
    dueBefore: due.period.dueBefore,
    asOf,
    daysLeft: due.daysLeft,
    overdue: due.overdue,
    forms: due.period.forms,
  };
  const out: Reminder[] = [];
  for (const u of report.units) {
    if (u.status === 'accepted') continue;
    const spec = registry.units.find((x) => x.code === u.code);
    // Quote the files the status rests on, not an older file the unit has since replaced.
    const used = new Set(usedFiles(u).map((f) => f.file));
    // An error about the submissions themselves (two of one date that disagree) is said at the
    // file set aside: it is the unit's, whichever file the status rests on.
    const errors = u.findings
      .filter(
        (f) =>
          f.severity === 'error' &&
          (used.has(f.file) || f.file === '' || SUBMISSION_ERRORS.has(f.code)),
      )
      .sort(compareFindings);
    out.push({
      ...base,
      kind: 'unit',
      key: reminderKey(due.period.id, u.code, asOf),
      unit: {
        code: u.code,
        name: u.name,
        short: spec?.short ?? u.name,
        email: spec?.email ?? null,
      },
      status: u.status,
      errors: u.status === 'rejected' ? Math.max(u.errors, errors.length) : 0,
      findings: errors.slice(0, REMINDER_FINDINGS),
      files: u.files.map((f) => f.file),
      lists: u.listFiles?.length ?? 0,
    });
  }
  if (out.length === 0) return [];
  const pick = (u: UnitResult): SummaryUnit => ({ code: u.code, name: u.name });
  out.push({
    ...base,
    kind: 'summary',
    key: reminderKey(due.period.id, 'summary', asOf),
    to: registry.issuer.email ?? null,
    department: registry.issuer.departmentName,
    missing: report.units.filter((u) => u.status === 'missing').map(pick),
    rejected: report.units
      .filter((u) => u.status === 'rejected')
      .map((u) => ({ ...pick(u), errors: u.errors })),
    late: report.units.filter(isLate).map((u) => ({ ...pick(u), reportDate: unitReportDate(u) })),
    completeness: report.completeness,
  });
  return out;
}
