/**
 * `povreport consolidate <paths...> --period P`: the provincial report the Department signs,
 * in xlsx, json, csv and html, with every unit accepted, rejected (with its findings) or missing.
 */
import { progressFor } from '../io/progress.js';
import { progressLine } from '../render/progress-line.js';
import path from 'node:path';
import type { ChalkInstance } from 'chalk';
import { safeFileNamePart } from '../core/file-name.js';
import { consolidate as consolidateReport } from '../core/consolidate.js';
import { type Lang } from '../core/lang.js';
import { checkOutFolder, checkOutputsAreNotInputs } from '../io/out-folder.js';
import { openOutputFolder, type OutputFile } from '../io/output-set.js';
import { expandPathsAllowEmpty } from '../io/walk.js';
import { startReportXlsx, type ReportXlsxWriter } from '../render/report-xlsx-thread.js';

export { REPORT_FORMATS, type ReportFormat } from './choices.js';
import { REPORT_FORMATS, type ReportFormat } from './choices.js';
import { consolidateFiles, loadSetup, type Setup } from './pipeline.js';
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
  // The workbook's writer loads in another thread while this one reads (report-xlsx-thread.ts).
  const xlsx = opts.formats.includes('xlsx') ? startReportXlsx() : null;
  try {
    return await consolidateWith(opts, xlsx);
  } finally {
    await xlsx?.close();
  }
}

/**
 * Has the workbook's thread render the period's report with no submission while the files are
 * read (report-xlsx-thread.ts). Only a speed-up: whatever stands in its way is let be.
 */
function warmWriter(xlsx: ReportXlsxWriter, setup: Setup, opts: ConsolidateCommandOptions): void {
  const { cat } = setup;
  try {
    const empty = consolidateReport([], {
      cat,
      plan: setup.plan,
      rules: setup.run.rules,
      period: opts.period,
      lang: opts.lang,
      now: opts.now,
    });
    xlsx.warm(
      empty,
      { forms: cat.forms, registry: cat.registry },
      { lang: opts.lang, now: opts.now },
    );
  } catch {
    // The real report is rendered all the same.
  }
}

async function consolidateWith(
  opts: ConsolidateCommandOptions,
  xlsx: ReportXlsxWriter | null,
): Promise<ExitCode> {
  // The output folder is checked before anything is read, and held (locked) while the set is made.
  await checkOutFolder(opts.out, opts.paths, opts.lang);
  const setup = await loadSetup(opts);
  const { cat } = setup;
  if (xlsx) warmWriter(xlsx, setup, opts);
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
    // The workbook renders in its thread while the other formats are made here.
    const workbook = writing
      ? xlsx?.render(
          report,
          { forms: cat.forms, registry: cat.registry },
          { lang: opts.lang, now: opts.now },
        )
      : undefined;
    // Awaited below; a format failing first must not leave its failure unhandled.
    workbook?.catch(() => undefined);
    // The writers of the other formats (the HTML's chart library with them) load now, while the
    // workbook renders in its thread: not before the files, where they would only add to the run.
    const [{ renderReportHtml }, { reportToCsv }, { reportToJson }, { renderConsolidateSummary }] =
      await Promise.all([
        import('../render/report-html.js'),
        import('../render/report-csv.js'),
        import('../render/report-json.js'),
        import('../render/consolidate-summary.js'),
      ]);
    if (writing) {
      const made = opts.formats.map(async (format): Promise<OutputFile> => {
        const name = `${base}.${format}`;
        if (format === 'json')
          return { name, data: `${JSON.stringify(reportToJson(report, opts.lang), null, 2)}\n` };
        if (format === 'csv') return { name, data: reportToCsv(report, cat.forms) };
        if (format === 'html')
          return {
            name,
            data: renderReportHtml(
              report,
              { forms: cat.forms, registry: cat.registry },
              { now: opts.now },
            ),
          };
        if (!workbook) throw new Error('consolidate: the workbook writer was not started');
        return { name, data: await workbook };
      });
      const set = await Promise.all(made);
      removed = folder.writeSet(set, names);
      written.push(...set.map((f) => path.join(opts.out, f.name)));
    }

    if (opts.json) opts.write(`${JSON.stringify(reportToJson(report, opts.lang), null, 2)}\n`);
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
