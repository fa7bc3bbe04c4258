/**
 * Builders for synthetic submissions in memory (no files): a consistent unit, its forms as grids,
 * and a way to change one value. Synthetic numbers, chosen to satisfy every rule of docs/forms.md.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SheetCell, SheetGrid } from '../../src/core/grid.js';
import type { BookInput, FileReport, PreparedRun } from '../../src/core/validate-book.js';
import type { SubmittedFile } from '../../src/core/consolidate.js';
import { validateBook } from '../../src/core/validate-book.js';
import { loadCatalogue, prepareRun } from '../../src/commands/load-data.js';
import { checkFiles, type CheckedFile, type ReadLimits } from '../../src/commands/check-files.js';

export type Values = Record<string, number | string | null>;

/** The twelve deprivation indicator ids of the shipped standard, in order. */
export const LACK: string[] = (
  JSON.parse(
    readFileSync(
      path.resolve(import.meta.dirname, '../../templates/standards/vn-2022-2025.json'),
      'utf8',
    ),
  ) as { indicators: { id: string }[] }
).indicators.map((i) => i.id);

/** One sub-unit's values for every indicator, scaled by k; they satisfy every rule. */
export function subunitValues(k: number): Values {
  const v: Values = {
    households: 1000 * k,
    poor: 200 * k,
    poor_rate: 20,
    near_poor: 100 * k,
    near_poor_rate: 10,
    poor_ethnic_minority: 150 * k,
    near_poor_ethnic_minority: 50 * k,
    poor_start: 250 * k,
    poor_exit_to_near_poor: 30 * k,
    poor_exit_above: 20 * k,
    poor_other_decrease: 5 * k,
    near_poor_to_poor: 2 * k,
    poor_relapsed: 1 * k,
    poor_new: 2 * k,
    poor_other_increase: 0,
    poor_end: 200 * k,
    near_poor_start: 110 * k,
    near_poor_exit_to_poor: 2 * k,
    near_poor_exit_above: 35 * k,
    near_poor_other_decrease: 3 * k,
    poor_to_near_poor: 30 * k,
    near_poor_relapsed: 0,
    near_poor_new: 0,
    near_poor_other_increase: 0,
    near_poor_end: 100 * k,
    poor_deprivations: 770 * k,
    near_poor_deprivations: 140 * k,
  };
  const poorLack = [100, 80, 50, 120, 90, 60, 70, 40, 60, 50, 30, 20];
  const nearLack = [20, 15, 10, 25, 15, 10, 10, 5, 10, 10, 5, 5];
  LACK.forEach((id, i) => {
    v[`poor_lack_${id}`] = (poorLack[i] ?? 0) * k;
    v[`near_poor_lack_${id}`] = (nearLack[i] ?? 0) * k;
  });
  return v;
}

/** Sum of rows, rates recomputed. */
export function totalOf(rows: Values[]): Values {
  const t: Values = {};
  for (const r of rows)
    for (const [k, v] of Object.entries(r))
      if (typeof v === 'number') t[k] = ((t[k] as number | undefined) ?? 0) + v;
  const h = t.households as number;
  t.poor_rate = Math.round((10000 * (t.poor as number)) / h) / 100;
  t.near_poor_rate = Math.round((10000 * (t.near_poor as number)) / h) / 100;
  return t;
}

export interface FormGridOptions {
  title?: string[];
  totalFirst?: boolean;
  totalLabel?: string;
  /** Column ids to leave out. */
  drop?: string[];
  sheet?: string | null;
  /** Values replacing the computed total row's. */
  total?: Values;
  /** Leave the total row out. */
  noTotal?: boolean;
  /** Headings written instead of the form's, by column id. */
  headings?: Record<string, string>;
}

let run: PreparedRun | undefined;
/** The shipped catalogue, prepared once. */
export async function shippedRun(): Promise<PreparedRun> {
  run ??= prepareRun(await loadCatalogue());
  return run;
}

/**
 * One file read and checked as `validate` does, against the shipped catalogue (with the readers'
 * `limits`: lowered, a small list takes the large files' streamed path).
 */
export async function checkOne(file: string, limits: ReadLimits = {}): Promise<CheckedFile> {
  const [f] = await checkFiles([file], await shippedRun(), { lang: 'vi' }, {}, limits);
  if (!f) throw new Error(`no report for ${file}`);
  return f;
}

let builder: PreparedRun | undefined;
/**
 * The shipped catalogue with Lục Yên's commune list left out, prepared once. The builders here
 * make a Lục Yên submission of two communes (lucYenRows), complete only for a registry that does
 * not list the district's 24 communes, as a registry may do for any unit (subunits-not-checked).
 * The commune checks themselves run against the shipped lists (shippedRun).
 */
export async function builderRun(): Promise<PreparedRun> {
  if (builder) return builder;
  const cat = await loadCatalogue();
  const units = cat.registry.units.map((u) => {
    if (u.code !== '135') return u;
    const copy = { ...u };
    delete copy.subunits;
    return copy;
  });
  builder = prepareRun({ ...cat, registry: { ...cat.registry, units } });
  return builder;
}

const cell = (v: number | string | null): SheetCell | undefined =>
  v === null ? undefined : { value: v };

/** One form as a grid: title rows, a one-row canonical heading, rows, total. */
export function formGrid(
  p: PreparedRun,
  form: string,
  rows: { name: string; values: Values }[],
  o: FormGridOptions = {},
): SheetGrid {
  const spec = p.cat.forms.forms.find((f) => f.id === form);
  if (!spec) throw new Error(form);
  const cols = spec.columns.filter((c) => !(o.drop ?? []).includes(c.id));
  const grid: SheetGrid = {
    name: o.sheet === undefined ? `Biểu ${form}` : o.sheet,
    hidden: false,
    rows: [],
    merges: [],
  };
  for (const t of o.title ?? ['UBND HUYỆN LỤC YÊN', `BIỂU ${form} 6 THÁNG ĐẦU NĂM 2022`])
    grid.rows.push([cell(t)]);
  grid.rows.push([]);
  grid.rows.push([
    cell('STT'),
    cell('Đơn vị'),
    ...cols.map((c) => cell(o.headings?.[c.id] ?? c.heading)),
  ]);
  const total = {
    name: o.totalLabel ?? 'Tổng cộng',
    values: { ...totalOf(rows.map((r) => r.values)), ...o.total },
  };
  const body = o.noTotal ? rows : o.totalFirst ? [total, ...rows] : [...rows, total];
  body.forEach((r, i) =>
    grid.rows.push([
      cell(r === total ? null : i + 1),
      cell(r.name),
      ...cols.map((c) => cell(r.values[c.id] ?? null)),
    ]),
  );
  return grid;
}

/** A whole consistent submission of Lục Yên (two communes), five forms. */
export function lucYenRows(): { name: string; values: Values }[] {
  return [
    { name: 'Xã An Phú', values: subunitValues(1) },
    { name: 'Xã Minh Xuân', values: subunitValues(2) },
  ];
}

export function book(sheets: SheetGrid[], fileName = 'bao-cao.xlsx'): BookInput {
  return {
    file: `in/${fileName}`,
    fileName,
    folderName: 'in',
    sheets,
    read: { format: 'xlsx' },
    readFindings: [],
  };
}

/** Validates grids with the shipped catalogue. */
export async function check(
  sheets: SheetGrid[],
  opts: { period?: string; fileName?: string } = {},
): Promise<FileReport> {
  const p = await builderRun();
  return validateBook(book(sheets, opts.fileName), p, {
    lang: 'vi',
    ...(opts.period ? { period: opts.period } : {}),
  });
}

/** All five forms of a consistent unit. */
export async function fiveForms(
  rows = lucYenRows(),
  o: FormGridOptions = {},
): Promise<SheetGrid[]> {
  const p = await shippedRun();
  return ['01', '02', '03', '04', '05'].map((f) => formGrid(p, f, rows, o));
}

/** The codes of a report's findings, info excluded. */
export function codes(r: FileReport): string[] {
  return r.findings.filter((f) => f.severity !== 'info').map((f) => f.code);
}

/**
 * A checked file as consolidation sees it: validated against `period`, with a report date and a
 * SHA-256 of its content (identical grids give identical hashes, as identical files would).
 */
export async function submitted(
  sheets: SheetGrid[],
  o: { fileName?: string; period?: string; reportDate?: string | null } = {},
): Promise<SubmittedFile> {
  const p = await builderRun();
  const r = validateBook(book(sheets, o.fileName), p, {
    lang: 'vi',
    period: o.period ?? '2022-H1',
  });
  const sha256 = createHash('sha256').update(JSON.stringify(sheets)).digest('hex');
  return { ...r, reportDate: o.reportDate ?? null, sha256, mtime: null };
}
