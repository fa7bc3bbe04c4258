/**
 * `povreport trend <report.json…> --out DIR`: each unit's poor and near-poor rates over a series
 * of consolidated reports (`tong-hop-<period>.json`), the reduction per year against the plan's
 * target and the province line, as `xu-huong-<first>-<last>.xlsx` and `.csv`. Reports made before
 * a reform of units are regrouped into the new units (`core/regroup.ts`).
 */
import path from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { Catalogue, Plan } from '../core/catalogue.js';
import { indicatorIds, withRates } from '../core/consolidate.js';
import { formatDataPath } from '../core/data-issues.js';
import { ConfigError, EXIT, type ExitCode } from '../core/errors.js';
import { safeFileNamePart } from '../core/file-name.js';
import type { Lang } from '../core/lang.js';
import {
  parseReportJson,
  reportJsonSchema,
  type ReportJsonRead,
  type Reform,
} from '../core/schemas.js';
import { buildTrend, comparePeriods, type TrendReport } from '../core/trend.js';
import { checkOutFolder, checkOutputsAreNotInputs } from '../io/out-folder.js';
import { openOutputFolder } from '../io/output-set.js';
import { readJson } from '../io/templates.js';
import { trendToCsv } from '../render/trend-csv.js';
import { renderTrendSummary } from '../render/trend-summary.js';
import { reformNote, trendGrid } from '../render/trend-table.js';
import { renderTrendXlsx } from '../render/trend-xlsx.js';
import { loadCatalogue, loadPlan } from './load-data.js';
import { loadReforms } from './load-reforms.js';

/** Options of `trend`. */
export interface TrendCommandOptions {
  /** The consolidated reports' JSON files. */
  reports: string[];
  out: string;
  /** The data folder (`--data`, env POVREPORT_DATA); default the shipped `templates/`. */
  data?: string;
  lang: Lang;
  chalk: ChalkInstance;
  write: (s: string) => void;
  /** The time the workbook is stamped with. */
  now: Date;
}

/** The base name of the trend files: `xu-huong-2022-H1-2022`, or `xu-huong-2022` for one period. */
export function trendBaseName(first: string, last: string): string {
  const span = first === last ? first : `${first}-${last}`;
  return `xu-huong-${safeFileNamePart(span)}`;
}

const WHAT = { vi: 'Báo cáo tổng hợp JSON', en: 'Consolidated report JSON' };

/** Reads and checks one report JSON, or fails with a message naming the file and the field. */
async function readReport(file: string, lang: Lang): Promise<ReportJsonRead> {
  const value = await readJson(file, WHAT, {
    vi: 'cần tệp tong-hop-<kỳ>.json do povreport consolidate ghi',
    en: 'give the tong-hop-<period>.json written by povreport consolidate',
  });
  const r = parseReportJson(reportJsonSchema, value, file);
  if (r.ok) return r.data;
  const lines = r.issues
    .slice(0, 5)
    .map(
      (i) => `  ${formatDataPath(i.path, lang)}: ${lang === 'en' ? i.message.en : i.message.vi}`,
    );
  throw new ConfigError({
    vi: `${file}: không phải báo cáo tổng hợp JSON của povreport, hoặc do phiên bản cũ ghi (not a povreport consolidated report JSON, or one of an older version); chạy lại povreport consolidate cho kỳ đó:\n${lines.join('\n')}`,
    en: `${file}: not a povreport consolidated report JSON, or one written by an older version; run povreport consolidate for that period again:\n${lines.join('\n')}`,
  });
}

/** The reform joining the reports' registries: the one whose `after` is the last report's. */
function reformFor(registries: string[], last: string, reforms: Reform[]): Reform {
  const others = registries.filter((r) => r !== last);
  const found = reforms.find(
    (f) => f.after === last && others.every((o) => f.before.some((b) => b.registry === o)),
  );
  if (found) return found;
  throw new ConfigError({
    vi: `Các báo cáo dùng các danh mục đơn vị khác nhau (${registries.join(', ')}) mà không có tệp sắp xếp đơn vị hành chính (templates/reforms) nối chúng (the reports use different registries and no reform joins them). Chỉ đưa vào các báo cáo cùng một danh mục, hoặc các báo cáo trước và sau một lần sắp xếp đã có trong templates/reforms.`,
    en: `The reports use different unit registries (${registries.join(', ')}) and no reform of units (templates/reforms) joins them. Give reports of one registry, or reports before and after a reform listed in templates/reforms.`,
  });
}

/** Runs `trend`; returns the exit code. */
export async function trend(opts: TrendCommandOptions): Promise<ExitCode> {
  const { lang } = opts;
  await checkOutFolder(opts.out, opts.reports, lang, { writes: 'files', example: 'xu-huong' });
  const read: { file: string; r: ReportJsonRead }[] = [];
  for (const file of opts.reports) read.push({ file, r: await readReport(file, lang) });
  read.sort((a, b) => comparePeriods(a.r.period, b.r.period));
  for (let i = 1; i < read.length; i++) {
    const a = read[i - 1];
    const b = read[i];
    if (a && b && a.r.period === b.r.period)
      throw new ConfigError({
        vi: `Hai báo cáo cùng kỳ ${a.r.period}: ${a.file} và ${b.file} (two reports of the same period). Chỉ đưa vào một báo cáo mỗi kỳ.`,
        en: `Two reports of the period ${a.r.period}: ${a.file} and ${b.file}. Give one report per period.`,
      });
  }
  const last = read[read.length - 1];
  if (!last) return EXIT.usage;

  const registries = [...new Set(read.map((x) => x.r.registry))];
  const reform =
    registries.length > 1
      ? reformFor(registries, last.r.registry, await loadReforms(opts.data))
      : undefined;
  if (reform) {
    // Every report before the reform comes before every report after it.
    const firstNew = read.find((x) => x.r.registry === reform.after);
    const lateOld = read.filter(
      (x) =>
        x.r.registry !== reform.after &&
        firstNew &&
        x !== firstNew &&
        read.indexOf(x) > read.indexOf(firstNew),
    );
    if (lateOld[0])
      throw new ConfigError({
        vi: `${lateOld[0].file}: báo cáo kỳ ${lateOld[0].r.period} theo danh mục cũ ${lateOld[0].r.registry} lại sau báo cáo theo danh mục mới ${reform.after} (an old-registry report after a new-registry one).`,
        en: `${lateOld[0].file}: the report of ${lateOld[0].r.period} uses the old registry ${lateOld[0].r.registry} but comes after a report of the new registry ${reform.after}.`,
      });
  }

  const cats = new Map<string, Catalogue>();
  for (const id of registries) cats.set(id, await loadCatalogue(id, opts.data));
  const plans = new Map<string, Plan>();
  for (const { r } of read) {
    const cat = cats.get(r.registry);
    if (cat && !plans.has(r.plan)) plans.set(r.plan, await loadPlan(cat, r.plan, opts.data));
  }
  const reports: TrendReport[] = read.map(({ file, r }) => {
    const cat = cats.get(r.registry) as Catalogue;
    const forms = cat.forms;
    const counts = indicatorIds(forms).filter((id) =>
      forms.forms.some((f) => f.columns.some((c) => c.id === id && c.kind === 'count')),
    );
    return {
      file,
      period: r.period,
      registry: r.registry,
      plan: r.plan,
      province: r.province,
      units: r.units,
      total: r.total,
      partial: r.targets.some((t) => t.unit === 'province' && t.partial === true),
      ids: {
        poorRate: forms.roles.poorRate,
        nearPoorRate: forms.roles.nearPoorRate,
        poor: forms.roles.poor,
        poorStart: forms.roles.poorStart,
      },
      counts,
      withRates: (v) => withRates(v, forms),
    };
  });
  const table = buildTrend(reports, {
    plans,
    units: last.r.units.map((u) => ({ code: u.code, name: u.name })),
    province: last.r.province,
    ...(reform ? { reform } : {}),
  });

  // The old communes each new unit was made of, said in its notes.
  const oldCommunes = new Map<string, string>();
  if (table.reform && reform) {
    const covered = new Set(
      reform.before.filter((b) => registries.includes(b.registry ?? '')).map((b) => b.key),
    );
    for (const row of table.rows) {
      const mine = reform.communes.filter((c) => c.into === row.code && covered.has(c.province));
      if (mine.length > 0)
        oldCommunes.set(
          row.code,
          mine.map((c) => `${c.name} (${c.districtName ?? c.district})`).join(', '),
        );
    }
  }
  const grid = trendGrid(table, lang, oldCommunes);
  const base = trendBaseName(table.periods[0] ?? '', table.periods[table.periods.length - 1] ?? '');
  const names = [`${base}.xlsx`, `${base}.csv`];
  await checkOutputsAreNotInputs(
    names.map((n) => path.join(opts.out, n)),
    opts.reports,
    lang,
  );
  const xlsx = renderTrendXlsx(grid, { now: opts.now, note: reformNote(table, lang) });
  const folder = await openOutputFolder(opts.out, { lang, command: `trend ${base}` });
  try {
    folder.writeSet(
      [
        { name: names[0] as string, data: xlsx },
        { name: names[1] as string, data: trendToCsv(grid) },
      ],
      names,
    );
    opts.write(
      renderTrendSummary(
        table,
        { written: names.map((n) => path.join(opts.out, n)), notes: folder.notes },
        lang,
        opts.chalk,
      ),
    );
  } finally {
    folder.close();
  }
  // As `consolidate`: 1 when a unit was rejected or missing in one of its own periods.
  const gaps = table.rows.some((r) =>
    r.cells.some((c) => c.status === 'rejected' || c.status === 'missing'),
  );
  return gaps ? EXIT.findings : EXIT.ok;
}
