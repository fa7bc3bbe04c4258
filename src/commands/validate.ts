/**
 * `povreport validate <paths...>`: check district submissions and say, cell by cell, what is wrong.
 */
import type { ChalkInstance } from 'chalk';
import type { Lang } from '../core/lang.js';
import { expandPaths } from '../io/walk.js';
import { resolveUnitOption } from './pipeline.js';
import { checkFiles } from './check-files.js';
import { loadTeachingOption } from './teaching.js';
import { ConfigError, EXIT, type ExitCode } from '../core/errors.js';
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
  // The standard follows the year: of the plan of --period, else of the registry's plan.
  const { cat } = await loadData({
    ...(opts.registry !== undefined ? { registry: opts.registry } : {}),
    ...(opts.period !== undefined ? { period: opts.period } : {}),
    ...(opts.data !== undefined ? { dataDir: opts.data } : {}),
    planOptional: true,
  });
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
  const checked = await checkFiles(
    files,
    run,
    {
      lang: opts.lang,
      ...(opts.period ? { period: opts.period } : {}),
      ...(unit ? { unit } : {}),
      ...(taught ? { teaching: taught.teaching } : {}),
      ...(opts.maxFindings !== undefined ? { maxFindings: opts.maxFindings } : {}),
    },
    opts.map !== undefined ? { map: opts.map } : {},
  );
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
