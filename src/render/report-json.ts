/**
 * The consolidated report as JSON (`tong-hop-<period>.json` and `consolidate --json`). Fields may
 * be added; none is removed or renamed.
 */
import type { Lang } from '../core/lang.js';
import type { ConsolidatedReport, DateSource, TargetRow } from '../core/consolidate.js';
import type { ContinuityInfo } from '../core/continuity.js';
import type { HouseholdFigures, ListCounts } from '../core/list-compare.js';
import { findingToJson, type FindingJson } from './findings.js';

/** The JSON document of a consolidated report. */
export interface ReportJson {
  period: string;
  generatedAt: string;
  dueBefore: string | null;
  province: { code: string; name: string };
  /** The ids of the data the report was made with (templates/registries, plans, standards). */
  registry: string;
  plan: string;
  standard: string;
  units: {
    code: string;
    name: string;
    status: 'accepted' | 'rejected' | 'missing';
    errors: number;
    files: {
      file: string;
      sha256: string | null;
      /** The day received (Vietnam): receipt log, else e-mail Date, else date line; null unknown. */
      reportDate: string | null;
      /** Where `reportDate` came from: `receipt-log`, `e-mail`, `date-line`; null when unknown. */
      dateSource: DateSource | null;
      /** The sender's address, for a file that came attached to an e-mail. */
      sender?: string;
      /** Received before the due date; null when the receipt date is unknown (not late). */
      onTime: boolean | null;
      used: string[];
    }[];
    values: Record<string, number | null>;
    /** Each sub-unit (commune) with its villages under `children` when the forms list them. */
    subunits: {
      name: string;
      /** The registry's GSO code of the sub-unit, when matched and listed. */
      code?: string;
      values: Record<string, number | null>;
      children?: { name: string; values: Record<string, number | null> }[];
      /** The figures derived from the commune's household list, when one was given (issue 11). */
      households?: HouseholdFigures;
    }[];
    /**
     * The figures derived from the unit's household lists of the period (form ids, plus
     * `household_rows` and `member_rows`), whether they agree with `values` and where they differ;
     * absent when no list of the unit was given. Counts only: never a name or a birth year.
     */
    households?: HouseholdFigures;
  }[];
  total: Record<string, number | null>;
  targets: TargetRow[];

  completeness: ConsolidatedReport['completeness'];
  unassignedFiles: string[];
  /** Blank templates made by `povreport template` found among the files, set aside. */
  setAsideFiles: string[];
  /** Files that are another period's reports (`period-mismatch`), counted for no unit. */
  otherPeriodFiles: string[];
  /**
   * The previous period's report whose closing figures the opening figures were set against
   * (`--previous`, or found in the output folder); null when there was none.
   */
  previous: ContinuityInfo | null;
  findings: FindingJson[];
  /** Household lists: units whose lists were compared with their summary, and how many agreed. */
  lists?: ListCounts;
}

/** Converts the report model to its JSON document. */
export function reportToJson(r: ConsolidatedReport, lang: Lang): ReportJson {
  return {
    period: r.period,
    generatedAt: r.generatedAt,
    dueBefore: r.dueBefore,
    province: r.province,
    registry: r.registry,
    plan: r.plan,
    standard: r.standard,
    units: r.units.map((u) => ({
      code: u.code,
      name: u.name,
      status: u.status,
      errors: u.errors,
      files: u.files.map((f) => ({
        file: f.file,
        sha256: f.sha256,
        reportDate: f.reportDate,
        dateSource: f.dateSource,
        ...(f.sender !== undefined ? { sender: f.sender } : {}),
        onTime: f.onTime,
        used: f.used,
      })),
      values: u.values,
      subunits: u.subunits,
      ...(u.households ? { households: u.households } : {}),
    })),
    total: r.total,
    targets: r.targets.map((t) => ({ ...t })),
    completeness: r.completeness,
    unassignedFiles: r.unassigned,
    setAsideFiles: r.setAside,
    otherPeriodFiles: r.otherPeriod,
    previous: r.previous ?? null,
    findings: r.findings.map((f) => findingToJson(f, lang)),
    ...(r.lists ? { lists: r.lists } : {}),
  };
}
