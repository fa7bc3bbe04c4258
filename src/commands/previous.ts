/**
 * The previous period's report for `consolidate`: `--previous FILE`, else
 * `tong-hop-<previous period>.json` in `--out` when it is there. A file given that cannot be used
 * (not a report, or of another period than the one before) stops the run (exit 2): the user asked
 * for it. A file found that cannot be used is left aside and said in the summary.
 */
import type { Plan } from '../core/catalogue.js';
import { previousPeriod, type PreviousNote, type PreviousReport } from '../core/continuity.js';
import { formatDataPath } from '../core/data-issues.js';
import { ConfigError } from '../core/errors.js';
import { readReportJson, reportFileKind } from '../io/previous-report.js';

/** The previous report to set this period's opening figures against, and how it was found. */
export interface PreviousChoice {
  report?: PreviousReport;
  note?: PreviousNote;
}

/** At most this many problems of a file that is no report are listed. */
const MAX_LISTED = 3;

/** Reads and checks a consolidated report's JSON file; a ConfigError says what is wrong. */
export async function readPreviousReport(file: string): Promise<PreviousReport> {
  const value = await readReportJson(file);
  const { parsePreviousReport } = await import('../core/previous-report.js');
  const r = parsePreviousReport(value, file);
  if (r.ok) return { ...r.report, file };
  const lines = (lang: 'vi' | 'en'): string =>
    r.issues
      .slice(0, MAX_LISTED)
      .map((i) => `\n  ${formatDataPath(i.path, lang)}: ${i.message[lang]}`)
      .join('') + (r.issues.length > MAX_LISTED ? '\n  …' : '');
  throw new ConfigError({
    vi: `Báo cáo kỳ trước (previous report): ${file} không phải tệp JSON của báo cáo tổng hợp do povreport consolidate ghi (tong-hop-<kỳ>.json; not a consolidated report):${lines('vi')}`,
    en: `Previous report: ${file} is not the JSON of a consolidated report written by povreport consolidate (tong-hop-<period>.json):${lines('en')}`,
  });
}

/**
 * The report given as the previous period's (`--previous FILE`): it must be a consolidated report
 * of the period before `period`, by the plan; else a ConfigError says which it is and which is needed.
 */
export async function givenPrevious(
  file: string,
  period: string,
  plan: Plan,
): Promise<PreviousReport> {
  const expected = previousPeriod(period, plan);
  const report = await readPreviousReport(file);
  if (report.period !== expected)
    throw new ConfigError({
      vi: `--previous ${file}: đây là báo cáo kỳ ${report.period}, nhưng số đầu kỳ của kỳ ${period} là số cuối kỳ của kỳ ${expected ?? '?'} (theo kế hoạch ${plan.id}); chọn báo cáo tổng hợp kỳ ${expected ?? '?'} (tong-hop-${expected ?? '?'}.json).`,
      en: `--previous ${file}: this is the report of ${report.period}, but ${period} opens with the closing figures of ${expected ?? '?'} (by the plan ${plan.id}); give the consolidated report of ${expected ?? '?'} (tong-hop-${expected ?? '?'}.json).`,
    });
  return report;
}

/**
 * The previous report of `period`: the file given (which must be of the period before, by the
 * plan), else `autoFile(expected period)` when it is there and fits; a note says which, or why none.
 */
export async function choosePrevious(o: {
  previous?: string;
  period: string;
  plan: Plan;
  autoFile: (period: string) => string;
}): Promise<PreviousChoice> {
  if (o.previous !== undefined)
    return { report: await givenPrevious(o.previous, o.period, o.plan) };
  const expected = previousPeriod(o.period, o.plan);
  if (expected === null) return {};
  const file = o.autoFile(expected);
  if ((await reportFileKind(file)) === 'none')
    return { note: { kind: 'none-found', file, expected } };
  let report: PreviousReport;
  try {
    report = await readPreviousReport(file);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return { note: { kind: 'unreadable', file, reason: e.text } };
  }
  if (report.period !== expected)
    return { note: { kind: 'wrong-period', file, period: report.period, expected } };
  return { report, note: { kind: 'found', file } };
}
