/**
 * `povreport status <paths...> --period P`: who has reported. Every unit of the registry —
 * accepted, rejected (with its number of errors) or missing — with its file, report date and
 * timeliness against the plan, then DHIS2's completeness line.
 */
import type { ChalkInstance } from 'chalk';
import type { Lang } from '../core/lang.js';
import { isIsoDate, vietnamDate, vietnamMidnight } from '../core/dates-and-numbers.js';
import { expandPathsAllowEmpty } from '../io/walk.js';
import { consolidateFiles, loadSetup } from './pipeline.js';
import { givenPrevious } from './previous.js';
import { ConfigError, EXIT, type ExitCode } from '../core/errors.js';
import { receiptLogLines } from '../render/findings.js';
import { renderStatusTable, statusToJson } from '../render/status-table.js';

export type { StatusJson, StatusUnitJson, Timeliness } from '../render/status-table.js';

/** Options of `status`. */
export interface StatusCommandOptions {
  paths: string[];
  period: string;
  plan?: string;
  registry?: string;
  /** The data folder (`--data`, env POVREPORT_DATA); default the shipped `templates/`. */
  data?: string;
  /** The teaching file (`--map`); default `povreport-map.json` in the current folder. */
  map?: string;
  /** The day the status is for (YYYY-MM-DD); default: today in Vietnam at `now`. */
  asOf?: string;
  /** The office's receipt log (`--receipts`, CSV): its dates are the receipt dates. */
  receipts?: string;
  /**
   * The previous period's consolidated report (`--previous`): a unit whose opening figures are
   * not its closing ones is rejected, as `consolidate --previous` rejects it.
   */
  previous?: string;
  json: boolean;
  lang: Lang;
  chalk: ChalkInstance;
  write: (s: string) => void;
  now: Date;
}

/** Runs `status`; returns 0 when every unit is accepted, 1 otherwise. */
export async function status(opts: StatusCommandOptions): Promise<ExitCode> {
  if (opts.asOf !== undefined && !isIsoDate(opts.asOf))
    throw new ConfigError({
      vi: `--as-of "${opts.asOf}": cần một ngày dạng YYYY-MM-DD, ví dụ 2022-06-10.`,
      en: `--as-of "${opts.asOf}": a date such as 2022-06-10 (YYYY-MM-DD) is needed.`,
    });
  const asOf = opts.asOf ?? vietnamDate(opts.now);
  const setup = await loadSetup(opts);
  const files = await expandPathsAllowEmpty(opts.paths);
  // Only the file given: status writes no folder to find last period's report in.
  const previous =
    opts.previous === undefined
      ? undefined
      : await givenPrevious(opts.previous, opts.period, setup.plan);
  const report = await consolidateFiles(
    setup,
    files,
    {
      period: opts.period,
      lang: opts.lang,
      // Replaying a past day gives the same report: the as-of date, not the clock.
      now: opts.asOf ? vietnamMidnight(asOf) : opts.now,
      ...(opts.receipts !== undefined ? { receipts: opts.receipts } : {}),
    },
    previous,
  );
  const doc = statusToJson(report, asOf);
  if (opts.json) opts.write(`${JSON.stringify(doc, null, 2)}\n`);
  else {
    opts.write(renderStatusTable(doc, opts.lang, opts.chalk));
    const log = receiptLogLines(report.findings, opts.lang, opts.chalk);
    if (log.length > 0) opts.write(`${log.join('\n')}\n`);
  }
  return report.completeness.accepted === report.completeness.expected ? EXIT.ok : EXIT.findings;
}
