/**
 * The steps `consolidate`, `status` and `remind` share: load the registry and plan, check the
 * files of a period and consolidate them.
 */
import type { Progress } from '../io/progress.js';
import type { Catalogue, Plan, Registry, UnitSpec } from '../core/catalogue.js';
import { unitNamedBy } from '../core/identify.js';
import { registryForPeriod } from '../core/subunits.js';
import { consolidate, type ConsolidatedReport } from '../core/consolidate.js';
import type { Lang } from '../core/lang.js';
import type { PreviousReport } from '../core/continuity.js';
import type { Teaching } from '../core/teach.js';
import type { PreparedRun } from '../core/validate-book.js';
import path from 'node:path';
import { checkFiles } from './check-files.js';
import { readReceiptRows } from '../io/read-receipts.js';
import { parseReceiptLog } from '../core/receipt-log.js';
import { loadTeachingOption } from './teaching.js';
import { ConfigError } from '../core/errors.js';
import { loadData, prepareRun } from './load-data.js';

/** A loaded registry (with its standard, forms and rules) and plan, ready to check files. */
export interface Setup {
  cat: Catalogue;
  plan: Plan;
  run: PreparedRun;
  /** What staff taught about units' files (`povreport map`), when there is a teaching file. */
  teaching?: Teaching;
  /** The `--map` file given, for the commands findings suggest. */
  map?: string;
}

/**
 * Loads the plan (`--plan`, else the one whose periods include `--period`, else the registry's),
 * the registry (`--registry`, else the plan's), the standard of the plan's year and the teaching
 * file (`--map FILE`, else `povreport-map.json` in `cwd` when there is one); `period`, when given,
 * must be one of the plan's.
 */
export async function loadSetup(opts: {
  registry?: string;
  /** The data folder (`--data`, env POVREPORT_DATA); default the shipped `templates/`. */
  data?: string;
  plan?: string;
  period?: string;
  /** A run for a day with neither plan nor period (`remind`): the plan due nearest it. */
  asOf?: string;
  map?: string;
  cwd?: string;
}): Promise<Setup> {
  const { cat: loaded, plan } = await loadData({
    ...(opts.registry !== undefined ? { registry: opts.registry } : {}),
    ...(opts.plan !== undefined ? { plan: opts.plan } : {}),
    ...(opts.period !== undefined ? { period: opts.period } : {}),
    ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
    ...(opts.data !== undefined ? { dataDir: opts.data } : {}),
  });
  // A registry of another time is said before the plan: its fix (another --registry) is the one.
  const cat = opts.period === undefined ? loaded : inForceFor(loaded, opts.period);
  if (plan === undefined)
    throw new ConfigError({
      vi: 'Danh mục không chỉ định kế hoạch (plan); dùng --plan FILE (the registry names no plan; use --plan FILE).',
      en: 'The registry names no plan; use --plan FILE.',
    });
  if (opts.period !== undefined && !plan.periods.some((p) => p.id === opts.period))
    throw new ConfigError({
      vi: `Kế hoạch "${plan.id}" không có kỳ ${opts.period} (có: ${plan.periods.map((p) => p.id).join(', ')}); dùng --plan FILE cho năm khác.`,
      en: `Plan "${plan.id}" has no period ${opts.period} (it has: ${plan.periods.map((p) => p.id).join(', ')}); use --plan FILE for another year.`,
    });
  const taught = await loadTeachingOption(opts.map, opts.cwd ?? process.cwd(), cat);
  return {
    cat,
    plan,
    run: prepareRun(cat),
    ...(taught ? { teaching: taught.teaching } : {}),
    ...(opts.map !== undefined ? { map: opts.map } : {}),
  };
}

/**
 * The catalogue with the registry's units in force on the period's last day (codes were reused
 * across the 2025 reform); a registry with no unit in force then is a configuration error.
 */
export function inForceFor(cat: Catalogue, period: string): Catalogue {
  const registry = registryForPeriod(cat.registry, period);
  if (registry.units.length > 0) return registry === cat.registry ? cat : { ...cat, registry };
  const { id, validFrom, validUntil } = cat.registry;
  const span = `${validFrom ?? '…'} – ${validUntil ?? '…'}`;
  throw new ConfigError({
    vi: `Danh mục "${id}" không có đơn vị nào còn hiệu lực trong kỳ ${period} (hiệu lực ${span}); dùng --registry của thời kỳ đó (ví dụ yen-bai-2022 cho các kỳ trước tháng 7/2025).`,
    en: `Registry "${id}" has no unit in force in period ${period} (valid ${span}); use the --registry of that time (e.g. yen-bai-2022 for periods before July 2025).`,
  });
}

/** Resolves a `--unit` value (code or name) against the registry, or fails as a usage error. */
export function resolveUnitOption(
  query: string | undefined,
  registry: Registry,
): UnitSpec | undefined {
  if (query === undefined) return undefined;
  const u = unitNamedBy(query, registry);
  if (u === 'ambiguous')
    throw new ConfigError({
      vi: `--unit "${query}": tên này ứng với hơn một đơn vị trong danh mục; dùng mã đơn vị (ví dụ 139).`,
      en: `--unit "${query}": more than one unit of the registry answers to this name; use the unit's code (such as 139).`,
    });
  if (!u)
    throw new ConfigError({
      vi: `--unit "${query}": không có đơn vị này trong danh mục (dùng mã, ví dụ 139).`,
      en: `--unit "${query}": no such unit in the registry (use a code such as 139).`,
    });
  return u;
}

/**
 * Checks the files for a period and consolidates them; with the previous period's report, each
 * unit's opening figures are set against its closing figures; with a receipt log (`receipts`,
 * a CSV file), its dates are the files' receipt dates.
 */
export async function consolidateFiles(
  setup: Setup,
  files: string[],
  opts: { period: string; lang: Lang; now: Date; receipts?: string; progress?: Progress },
  previous?: PreviousReport,
): Promise<ConsolidatedReport> {
  // Only these: a caller's options may carry other fields (a plan's file name, say).
  const { period, lang, now } = opts;
  const receipts =
    opts.receipts !== undefined
      ? parseReceiptLog(await readReceiptRows(opts.receipts), opts.receipts)
      : undefined;
  // The log kept in the inbox folder is the office's, not a submission.
  const logPath = opts.receipts !== undefined ? path.resolve(opts.receipts) : null;
  const submitted = files.filter((f) => path.resolve(f) !== logPath);
  const checked = await checkFiles(
    submitted,
    setup.run,
    { period, lang, ...(setup.teaching ? { teaching: setup.teaching } : {}) },
    setup.map !== undefined ? { map: setup.map } : {},
    opts.progress ? { progress: opts.progress } : {},
  );
  return consolidate(checked, {
    cat: setup.cat,
    plan: setup.plan,
    rules: setup.run.rules,
    period,
    lang,
    now,
    ...(previous ? { previous } : {}),
    ...(receipts ? { receipts } : {}),
  });
}
