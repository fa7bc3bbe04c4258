/**
 * The consolidated report of an earlier period (`tong-hop-<period>.json`, as `consolidate` writes
 * it: render/report-json.ts), read back for `consolidate --previous`. Only the fields the
 * continuity check needs are read (`previousReportSchema` in core/schemas.ts, beside the fields
 * `trend` reads of the same file); the others, and fields a later version adds, are let through
 * unread. zod is loaded only when such a file is read (commands/previous.ts imports this module
 * when it has one).
 */
import type { z } from 'zod';
import { parseReportJson, previousReportSchema } from './schemas.js';
import type { DataIssue } from './data-issues.js';

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
  const r = parseReportJson(previousReportSchema, value, file);
  return r.ok ? { ok: true, report: r.data } : r;
}
