/**
 * `povreport template --period P [--unit CODE ...] [--registry FILE] [--plan FILE] [--out DIR]`:
 * one ready-to-fill form workbook per reporting unit, so that what comes back is a file the
 * reader identifies and reads exactly.
 */
import path from 'node:path';

import type { Catalogue, UnitSpec } from '../core/catalogue.js';
import type { Lang } from '../core/lang.js';
import { isPeriod } from '../core/identify.js';
import { safeFileNamePart, uniqueFileName } from '../core/file-name.js';
import { foldWords } from '../core/text.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { checkOutFolder } from '../io/out-folder.js';
import { openOutputFolder } from '../io/output-set.js';
import { renderTemplateXlsx, type TemplatePeriod } from '../render/template-xlsx.js';
import { templateWrittenLine } from '../render/template-summary.js';
import { inForceFor, resolveUnitOption } from './pipeline.js';
import { ConfigError, EXIT, type ExitCode } from '../core/errors.js';
import { loadData } from './load-data.js';

/** Options of `template`. */
export interface TemplateCommandOptions {
  /** `2022-H1` or `2022`. */
  period: string;
  /** Unit codes or names (`--unit`); every unit of the registry when absent or empty. */
  units?: string[];
  registry?: string;
  /** The data folder (`--data`, env POVREPORT_DATA); default the shipped `templates/`. */
  data?: string;
  /** Plan file; by default the plan whose periods include the period, else the registry's. */
  plan?: string;
  /** Folder the templates are written to (created when missing). */
  out: string;
  lang: Lang;
  /** Where output goes (stdout). */
  write: (s: string) => void;
  /** Time of generation, recorded in each file. */
  now: Date;
}

/**
 * The template's file name: ASCII only (it travels by e-mail and through Windows zip tools that
 * mangle Vietnamese letters), readable, and carrying the unit's name and the period so that the
 * reader could identify the file from its name alone (`bieu-mau-139-tram-tau-2022-H1.xlsx`).
 * The code is data: whatever it holds (`../`, `\\`, a device name), the name stays one file.
 */
export function templateFileName(unit: UnitSpec, period: string): string {
  const slug = foldWords(unit.short || unit.name).replace(/ /g, '-') || 'don-vi';
  return `bieu-mau-${safeFileNamePart(unit.code)}-${slug}-${safeFileNamePart(period)}.xlsx`;
}

/**
 * The `--period` given, as a period id (`2022-h1` → `2022-H1`).
 *
 * @throws {@link ConfigError} when it is not one.
 */
export function periodOption(given: string): string {
  const period = given.trim().toUpperCase();
  if (!isPeriod(period))
    throw new ConfigError({
      vi: `--period "${given}": kỳ báo cáo dạng 2022-H1 (6 tháng) hoặc 2022 (cả năm).`,
      en: `--period "${given}": a period such as 2022-H1 (first half) or 2022 (the year).`,
    });
  return period;
}

/** A period the plan does not list: its title computed from the id, no deadline. */
export function periodWithoutPlan(id: string): TemplatePeriod {
  const year = id.slice(0, 4);
  return id.endsWith('-H1')
    ? { id, title: { vi: `6 tháng đầu năm ${year}`, en: `first half of ${year}` }, dueBefore: null }
    : { id, title: { vi: `năm ${year}`, en: `year ${year}` }, dueBefore: null };
}

function resolveUnits(cat: Catalogue, queries: string[] | undefined): UnitSpec[] {
  if (!queries || queries.length === 0) return cat.registry.units;
  const out = new Map<string, UnitSpec>();
  for (const q of queries) {
    const u = resolveUnitOption(q, cat.registry);
    if (u) out.set(u.code, u);
  }
  return [...out.values()];
}

/**
 * Runs `template`: writes one workbook per unit, each atomically, and prints one line per file.
 * `--out` is checked as `consolidate`'s is (not a file, not inside a folder being read, not under
 * `/proc`) and locked while the workbooks are written.
 *
 * @throws {@link ConfigError} for a malformed period, an unknown `--unit`, a broken data file, a
 * bad `--out` or one another run is writing to.
 */
export async function template(opts: TemplateCommandOptions): Promise<ExitCode> {
  const period = periodOption(opts.period);
  // The output folder is checked before anything is read, and held (locked) while it is written.
  const inputs = [opts.registry, opts.plan].filter((f): f is string => f !== undefined);
  await checkOutFolder(opts.out, inputs, opts.lang, { writes: 'files', example: 'mau-bieu' });
  // The plan (named, of the period, or the registry's) gives the registry and the standard.
  const { cat: loaded, plan } = await loadData({
    ...(opts.registry !== undefined ? { registry: opts.registry } : {}),
    ...(opts.plan !== undefined ? { plan: opts.plan } : {}),
    period,
    ...(opts.data !== undefined ? { dataDir: opts.data } : {}),
  });
  // The registry's units in force on the period's last day; none (a registry of another time) stops.
  const cat = inForceFor(loaded, period);
  const units = resolveUnits(cat, opts.units);
  // No plan, or one without the period, is not an error: a template can be issued before the plan.
  const planPeriod = plan?.periods.find((p) => p.id === period) ?? periodWithoutPlan(period);
  const folder = await openOutputFolder(opts.out, {
    lang: opts.lang,
    command: `template ${period}`,
  });
  try {
    const taken = new Set<string>();
    for (const unit of units) {
      const file = path.join(opts.out, uniqueFileName(templateFileName(unit, period), taken));
      await writeFileAtomic(file, await renderTemplateXlsx(unit, planPeriod, cat, opts.now));
      opts.write(templateWrittenLine(file, unit, planPeriod, opts.lang));
    }
  } finally {
    folder.close();
  }
  return EXIT.ok;
}
