/**
 * `povreport consolidate <paths...> --period P`: the provincial report the Department signs,
 * in xlsx, json, csv and html, with every unit accepted, rejected (with its findings) or missing.
 */
import { progressFor } from '../io/progress.js';
import { progressLine } from '../render/progress-line.js';
import path from 'node:path';
import type { ChalkInstance } from 'chalk';
import { safeFileNamePart } from '../core/file-name.js';
import { type Lang } from '../core/lang.js';
import { checkOutFolder, checkOutputsAreNotInputs } from '../io/out-folder.js';
import { openOutputFolder, type OutputFile } from '../io/output-set.js';
import { expandPathsAllowEmpty } from '../io/walk.js';

export { REPORT_FORMATS, type ReportFormat } from './choices.js';
import { REPORT_FORMATS, type ReportFormat } from './choices.js';
import { consolidateFiles, loadSetup } from './pipeline.js';
import { choosePrevious } from './previous.js';
import { EXIT, type ExitCode } from '../core/errors.js';

/** Options of `consolidate`. */
export interface ConsolidateCommandOptions {
  paths: string[];
  period: string;
  out: string;
  formats: ReportFormat[];
  plan?: string;
  registry?: string;
  /**
   * The previous period's consolidated report (`--previous`); default `tong-hop-<previous
   * period>.json` in `out` when it is there.
   */
  previous?: string;
  /** The office's receipt log (`--receipts`, CSV): its dates are the receipt dates. */
  receipts?: string;
  /** The data folder (`--data`, env POVREPORT_DATA); default the shipped `templates/`. */
  data?: string;
  /** The teaching file (`--map`); default `povreport-map.json` in the current folder. */
  map?: string;
  strict: boolean;
  json: boolean;
  lang: Lang;
  chalk: ChalkInstance;
  write: (s: string) => void;
  /** The time the report is made. */
  now: Date;
}

/** The base name of the report files of a period (one file in `--out`, whatever the text). */
export function reportBaseName(period: string): string {
  return `tong-hop-${safeFileNamePart(period)}`;
}

/** Runs `consolidate`; returns the exit code. */
export async function consolidate(opts: ConsolidateCommandOptions): Promise<ExitCode> {
  // The output folder is checked before anything is read, and held (locked) while the set is made.
  await checkOutFolder(opts.out, opts.paths, opts.lang);
  const setup = await loadSetup(opts);
  const { cat } = setup;
  const files = await expandPathsAllowEmpty(opts.paths);
  const base = reportBaseName(opts.period);
  // Every format's name, asked for or not: a file of an older set is replaced or removed.
  const names = REPORT_FORMATS.map((f) => `${base}.${f}`);
  await checkOutputsAreNotInputs(
    names.map((n) => path.join(opts.out, n)),
    files,
    opts.lang,
  );
  const folder = await openOutputFolder(opts.out, {
    lang: opts.lang,
    command: `consolidate ${opts.period}`,
  });
  try {
    // Read once the folder is held: an interrupted run's set is mended first.
    const previous = await choosePrevious({
      ...(opts.previous !== undefined ? { previous: opts.previous } : {}),
      period: opts.period,
      plan: setup.plan,
      autoFile: (p) => path.join(opts.out, `${reportBaseName(p)}.json`),
    });
    const progress = progressFor({
      json: opts.json,
      line: (f, rows, seconds) => progressLine(f, rows, seconds, opts.lang),
    });
    const report = await consolidateFiles(setup, files, { ...opts, progress }, previous.report);
    const complete = report.completeness.accepted === report.completeness.expected;

    const written: string[] = [];
    let removed: string[] = [];
    const writing = !(opts.strict && !complete);
    // The report's writers load now: not before the files, where a run that stops early would
    // only have waited for them.
    const [
      { renderReportHtml },
      { reportToCsv },
      { reportToJson },
      { renderConsolidateSummary },
      { renderReportXlsx },
    ] = await Promise.all([
      import('../render/report-html.js'),
      import('../render/report-csv.js'),
      import('../render/report-json.js'),
      import('../render/consolidate-summary.js'),
      import('../render/report-xlsx.js'),
    ]);
    // The JSON report's text, made once for the file and for --json.
    let jsonText: string | null = null;
    const json = (): string =>
      (jsonText ??= `${JSON.stringify(reportToJson(report, opts.lang), null, 2)}\n`);
    if (writing) {
      const xlsxCat = { forms: cat.forms, registry: cat.registry };
      const set = opts.formats.map((format): OutputFile => {
        const name = `${base}.${format}`;
        if (format === 'json') return { name, data: json() };
        if (format === 'csv') return { name, data: reportToCsv(report, cat.forms) };
        if (format === 'html')
          return { name, data: renderReportHtml(report, xlsxCat, { now: opts.now }) };
        return {
          name,
          data: renderReportXlsx(report, xlsxCat, { lang: opts.lang, now: opts.now }),
        };
      });
      removed = folder.writeSet(set, names);
      written.push(...set.map((f) => path.join(opts.out, f.name)));
    }

    if (opts.json) opts.write(json());
    else
      opts.write(
        renderConsolidateSummary(
          report,
          {
            written,
            strict: opts.strict,
            notes: folder.notes,
            removed,
            ...(previous.note ? { previous: previous.note } : {}),
          },
          cat.forms.roles,
          opts.lang,
          opts.chalk,
        ),
      );
    return complete ? EXIT.ok : EXIT.findings;
  } finally {
    folder.close();
  }
}
