/**
 * `povreport validate <paths...>`: check district submissions and say, cell by cell, what is wrong.
 */
import { progressFor } from '../io/progress.js';
import { progressLine } from '../render/progress-line.js';
import type { ChalkInstance } from 'chalk';
import type { Catalogue } from '../core/catalogue.js';
import type { Lang } from '../core/lang.js';
import { expandPaths } from '../io/walk.js';
import { inForceFor, resolveUnitOption } from './pipeline.js';
import { checkFiles } from './check-files.js';
import { loadTeachingOption } from './teaching.js';
import { ConfigError, DataFileError, EXIT, type ExitCode } from '../core/errors.js';
import { loadData, prepareRun } from './load-data.js';
import { orderFindings } from '../render/findings.js';
import { renderValidateText, validateToJson } from '../render/validate-summary.js';

export type { ValidateJson } from '../render/validate-summary.js';

/** Options of `validate`. */
export interface ValidateCommandOptions {
  paths: string[];
  period?: string;
  unit?: string;
  registry?: string;
  /** The data folder (`--data`, env POVREPORT_DATA); default the shipped `templates/`. */
  data?: string;
  /** The teaching file (`--map`); default `povreport-map.json` in `cwd` when there is one. */
  map?: string;
  /** The folder the default teaching file is looked for in (the current folder). */
  cwd?: string;
  json: boolean;
  lang: Lang;
  maxFindings?: number;
  verbose: boolean;
  chalk: ChalkInstance;
  /** Where output goes (stdout). */
  write: (s: string) => void;
}

/** Runs `validate`; returns the exit code. */
export async function validate(opts: ValidateCommandOptions): Promise<ExitCode> {
  // The standard follows the year: of the plan of --period, else of the registry's plan, and
  // then of each file's period.
  const { cat } = await loadData({
    ...(opts.registry !== undefined ? { registry: opts.registry } : {}),
    ...(opts.period !== undefined ? { period: opts.period } : {}),
    ...(opts.data !== undefined ? { dataDir: opts.data } : {}),
    planOptional: true,
  });
  // A registry with no unit in force in --period (one of another time) stops the run.
  if (opts.period !== undefined) inForceFor(cat, opts.period);
  const run = prepareRun(cat);
  const unit = resolveUnitOption(opts.unit, cat.registry);
  // A broken teaching file stops the run before any submission is read.
  const taught = await loadTeachingOption(opts.map, opts.cwd ?? process.cwd(), cat);
  const files = await expandPaths(opts.paths);
  if (files.length === 0)
    throw new ConfigError({
      vi: 'Không có tệp báo cáo nào trong các đường dẫn đã cho.',
      en: 'No submission files found under the paths given.',
    });
  const checkOpts = {
    lang: opts.lang,
    ...(opts.period ? { period: opts.period } : {}),
    ...(unit ? { unit } : {}),
    ...(taught ? { teaching: taught.teaching } : {}),
    ...(opts.maxFindings !== undefined ? { maxFindings: opts.maxFindings } : {}),
  };
  const target = opts.map !== undefined ? { map: opts.map } : {};
  const progress = progressFor({
    json: opts.json,
    line: (f, rows, seconds) => progressLine(f, rows, seconds, opts.lang),
  });
  const checked = await checkFiles(files, run, checkOpts, target, { progress });
  // Without --period, a file of a year under another standard is checked again with that one.
  if (opts.period === undefined) {
    const periods = [...new Set(checked.flatMap((f) => (f.period ? [f.period] : [])))];
    for (const period of periods) {
      const other = await standardOfPeriod(opts, cat, period);
      if (other === undefined) continue;
      const again = await checkFiles(
        checked.filter((f) => f.period === period).map((f) => f.file),
        prepareRun(other),
        checkOpts,
        target,
        { progress },
      );
      for (const f of again) {
        const i = checked.findIndex((c) => c.file === f.file);
        if (i >= 0 && f.period === period) checked[i] = f;
      }
    }
  }
  for (const f of checked) f.findings = orderFindings(f.findings);
  const doc = validateToJson(checked, opts.lang);
  if (opts.json) opts.write(`${JSON.stringify(doc, null, 2)}\n`);
  else
    opts.write(
      renderValidateText(checked, doc.summary, {
        lang: opts.lang,
        chalk: opts.chalk,
        verbose: opts.verbose,
        ...(taught ? { teaching: taught.teaching } : {}),
      }),
    );
  return doc.summary.errors > 0 ? EXIT.findings : EXIT.ok;
}

/**
 * The catalogue of a file's period when its year takes another standard than the run's (the same
 * registry); undefined when it takes the same one, or when no standard can be chosen for it (the
 * file keeps the findings of the run's standard). A broken data file stops the run.
 */
async function standardOfPeriod(
  opts: ValidateCommandOptions,
  cat: Catalogue,
  period: string,
): Promise<Catalogue | undefined> {
  try {
    const { cat: other } = await loadData({
      registry: opts.registry ?? cat.registry.id,
      period,
      ...(opts.data !== undefined ? { dataDir: opts.data } : {}),
      planOptional: true,
    });
    return other.standard.id === cat.standard.id ? undefined : other;
  } catch (e) {
    // A broken data file is said; a standard that cannot be chosen leaves the file as it was read.
    if (e instanceof ConfigError && !(e instanceof DataFileError)) return undefined;
    throw e;
  }
}
