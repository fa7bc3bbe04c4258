/**
 * The consolidated report of an earlier period (`tong-hop-<period>.json`, as `consolidate` writes
 * it: render/report-json.ts), read back for `consolidate --previous`. Only the fields the
 * continuity check needs are read; the others, and fields a later version adds, are let through
 * unread. zod is loaded only when such a file is read (commands/previous.ts imports this module
 * when it has one).
 */
import { z } from 'zod';
import { dataErrorMap, toDataIssues } from './schemas.js';
import type { DataIssue } from './data-issues.js';

const values = z.record(z.string(), z.number().nullable());

const previousSubunitSchema = z.object({
  name: z.string(),
  code: z.string().optional(),
  values,
  children: z.array(z.object({ name: z.string(), values })).optional(),
});

const previousUnitSchema = z.object({
  code: z.string(),
  name: z.string(),
  status: z.string(),
  values,
  subunits: z.array(previousSubunitSchema),
});

/** The fields of a consolidated report's JSON that the continuity check reads. */
export const previousReportSchema = z.object({
  period: z.string().min(1),
  /** Absent from reports written before the report named its registry. */
  registry: z.string().min(1).optional(),
  units: z.array(previousUnitSchema),
});

/** A consolidated report of an earlier period, as read. */
export type PreviousReportJson = z.output<typeof previousReportSchema>;
/** One unit of it. */
export type PreviousUnit = PreviousReportJson['units'][number];
/** One sub-unit row (commune, or village of a commune unit) of a unit of it. */
export type PreviousSubunit = PreviousUnit['subunits'][number];

/** Parses the JSON value of a report file; its issues name `file`. */
export function parsePreviousReport(
  value: unknown,
  file: string,
): { ok: true; report: PreviousReportJson } | { ok: false; issues: DataIssue[] } {
  const r = previousReportSchema.safeParse(value, { error: dataErrorMap });
  return r.success
    ? { ok: true, report: r.data }
    : { ok: false, issues: toDataIssues(file, r.error.issues) };
}
