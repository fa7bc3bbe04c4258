/**
 * Reading the data files of `templates/` (or of another data folder, `--data DIR`): the plan
 * (`--plan`, the one of `--period`, or the registry's), the registry (`--registry` or the plan's),
 * the poverty standard the plan's year takes (`core/data-choice.ts`), its forms and its rules,
 * and the vocabulary. Each file is checked against its schema (`core/schemas.ts`, the
 * files' format) as it is read: a broken data file is a configuration error (exit 2) naming the
 * file, the place in it and what is wrong. The references between files are checked by
 * `commands/load-data.ts`, which loads a run's data through these readers.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalogue, Plan } from '../core/catalogue.js';
import type { CatalogueFiles } from '../core/data-check.js';
import { ConfigError, DataFileError, errnoCode, type DataFilePlace } from '../core/errors.js';
import type { Bilingual } from '../core/finding-codes.js';
import { parseJsonText } from '../core/json-text.js';
import { DATA_FOLDERS, type DataIssue } from '../core/data-issues.js';
import type {
  Choice,
  PlanSummary,
  StandardSummary,
  chooseStandard,
  choosePlanByDate,
  choosePlanByPeriod,
} from '../core/data-choice.js';
import type { DataKind, DataOf, RegistryFile } from '../core/schemas.js';
import { cachedData, keepData } from './data-cache.js';

/** The `templates/` folder shipped with the tool. */
export const TEMPLATES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../templates',
);

/** The registry used when `--registry` is not given. */
export const DEFAULT_REGISTRY = 'yen-bai-2022';

/**
 * Reads a JSON file (a BOM is allowed; keys that could reach an object's prototype are dropped),
 * or fails with a ConfigError naming the file and what it is; `hint` says what to do about a file
 * that is not valid JSON.
 */
export function readJson(
  file: string,
  what: Bilingual,
  hint: Bilingual = { vi: '', en: '' },
): Promise<unknown> {
  // What the reading throws is the promise's rejection, as from any reader.
  return new Promise((resolve) => {
    resolve(parseJson(readText(file, what), file, what, hint));
  });
}

/** A file's text, or a ConfigError naming the file and what it is. */
function readText(file: string, what: Bilingual): string {
  try {
    // Read whole at once: a data file is small, and waiting on the disk's thread cost more.
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = errnoCode(e);
    throw new ConfigError(
      code === 'ENOENT'
        ? {
            vi: `${what.vi} (${what.en}): không tìm thấy tệp ${file} (file not found)`,
            en: `${what.en}: file not found: ${file}`,
          }
        : {
            vi: `${what.vi} (${what.en}): không đọc được ${file} (cannot read the file: ${String(e)})`,
            en: `${what.en}: cannot read ${file} (${String(e)})`,
          },
    );
  }
}

function parseJson(
  text: string,
  file: string,
  what: Bilingual,
  hint: Bilingual = { vi: '', en: '' },
): unknown {
  try {
    return parseJsonText(text);
  } catch (e) {
    const why = (e as Error).message;
    throw new ConfigError({
      vi: `${what.vi} (${what.en}): ${file} không phải JSON hợp lệ (not valid JSON: ${why})${hint.vi ? `; ${hint.vi}` : ''}`,
      en: `${what.en}: ${file} is not valid JSON (${why})${hint.en ? `; ${hint.en}` : ''}`,
    });
  }
}

/** The JSON Schemas shipped with the tool. */
const SHIPPED_SCHEMA_DIR = path.join(TEMPLATES_DIR, 'schema');

/**
 * Whether `dir` holds the shipped JSON Schemas, every one the same: a data folder copied from
 * `templates/` with its `schema/`, of this version of povreport.
 */
function holdsShippedSchemas(dir: string): boolean {
  try {
    const names = readdirSync(SHIPPED_SCHEMA_DIR).filter((n) => n.endsWith('.schema.json'));
    return (
      names.length > 0 &&
      names.every((n) =>
        readFileSync(path.join(dir, n)).equals(readFileSync(path.join(SHIPPED_SCHEMA_DIR, n))),
      )
    );
  } catch {
    return false;
  }
}

/**
 * Where the message of a broken data file sends the user: the data folder (said when a file is
 * named relative to it) and the JSON Schemas that describe its files: the data folder's own
 * `schema/` when it holds this version's schemas, else the ones shipped with povreport, said as
 * such.
 */
function dataFilePlace(issues: readonly DataIssue[], dataDir: string): DataFilePlace {
  const dir = path.resolve(dataDir);
  const own = path.join(dir, 'schema');
  const schemas =
    path.resolve(own) === path.resolve(SHIPPED_SCHEMA_DIR) || holdsShippedSchemas(own)
      ? { schemaDir: own, schemaShipped: false }
      : { schemaDir: SHIPPED_SCHEMA_DIR, schemaShipped: true };
  return {
    // The folder matters only to files named relative to it.
    ...(issues.some((i) => !path.isAbsolute(i.file)) ? { dataDir: dir } : {}),
    ...schemas,
  };
}

/** The error for broken data files read from `dataDir`: every issue, and where to look. */
export function dataFileError(issues: DataIssue[], dataDir: string): DataFileError {
  return new DataFileError(issues, dataFilePlace(issues, dataDir));
}

const FOLDER_LIST = Object.values(DATA_FOLDERS)
  .map((f) => `${f}/`)
  .join(', ');

/** Where the data files are read from, and how a file is named in messages. */
interface DataPlace {
  /** The data folder (absolute). */
  dir: string;
  /** A file as the user reads it: relative to the data folder inside it, else the full path. */
  shown: (file: string) => string;
}

function dataPlace(dataDir: string | undefined): DataPlace {
  const dir = path.resolve(dataDir ?? TEMPLATES_DIR);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir)
    throw new ConfigError({
      vi: `--data ${dir}: không phải thư mục dữ liệu có ${FOLDER_LIST} (not a data folder)`,
      en: `--data ${dir}: not a data folder with ${FOLDER_LIST}`,
    });
  return {
    dir,
    shown: (file) => {
      const rel = path.relative(dir, file);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)
        ? rel.split(path.sep).join('/')
        : file;
    },
  };
}

/**
 * A data file given on the command line or in another data file: a path when such a file exists
 * or the text looks like a path, else the id of a file in `<data folder>/<folder>/`. A folder of
 * the current directory named as the id ("lao-cai-2025", the communes' reports) is no data file.
 */
function dataFile(place: DataPlace, kind: DataKind, ref: string): string {
  if (isFile(ref) || /[\\/]|\.json$/i.test(ref)) return path.resolve(ref);
  return path.join(place.dir, DATA_FOLDERS[kind], `${ref}.json`);
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The file another data file names by id (`standard`, `forms`…): it must exist. */
function referencedFile(
  place: DataPlace,
  kind: DataKind,
  id: string,
  from: { file: string; path: PropertyKey[] },
): string {
  const file = path.join(place.dir, DATA_FOLDERS[kind], `${id}.json`);
  if (!existsSync(file))
    throw dataFileError(
      [
        {
          file: place.shown(from.file),
          path: from.path,
          message: {
            vi: `không có tệp ${place.shown(file)}`,
            en: `no such file: ${place.shown(file)}`,
          },
        },
      ],
      place.dir,
    );
  return file;
}

const WHAT: Record<DataKind, Bilingual> = {
  registry: { vi: 'Danh mục đơn vị', en: 'Unit registry' },
  standard: { vi: 'Chuẩn nghèo', en: 'Poverty standard' },
  forms: { vi: 'Mẫu biểu', en: 'Forms' },
  rules: { vi: 'Quy tắc kiểm tra', en: 'Rules' },
  vocabulary: { vi: 'Từ vựng biểu mẫu', en: 'Vocabulary' },
  plan: { vi: 'Kế hoạch', en: 'Plan' },
  reform: { vi: 'Sắp xếp đơn vị hành chính', en: 'Reform of units' },
};

/** Reads a data file and checks it against its schema; the issues, or the parsed data. */
async function readDataFile<K extends DataKind>(
  place: DataPlace,
  kind: K,
  file: string,
): Promise<{ ok: true; data: DataOf<K> } | { ok: false; issues: DataIssue[] }> {
  const text = readText(file, WHAT[kind]);
  // A file checked before, unchanged, with the same schemas: its checked content, without zod.
  const kept = cachedData(kind, text);
  if (kept !== undefined) return { ok: true, data: kept };
  const value = parseJson(text, file, WHAT[kind]);
  const { parseDataFile } = await import('../core/schemas.js');
  const r = parseDataFile(kind, value, place.shown(file));
  if (r.ok) await keepData(kind, text, r.data);
  return r;
}

/** Reads a data file and checks it against its schema, or fails with its issues. */
async function readChecked<K extends DataKind>(
  place: DataPlace,
  kind: K,
  file: string,
): Promise<DataOf<K>> {
  const r = await readDataFile(place, kind, file);
  if (!r.ok) throw dataFileError(r.issues, place.dir);
  return r.data;
}

/** How a run's plan and standard are chosen among the data folder's (`core/data-choice.ts`). */
export interface DataChoosers {
  standard: typeof chooseStandard;
  plan: typeof choosePlanByPeriod;
  planByDate?: typeof choosePlanByDate;
}

/** What the command line says about the data of a run. */
export interface DataChoiceOptions {
  /** `--registry` (an id of the data folder or a file path). */
  registry?: string;
  /** `--plan` (an id of the data folder or a file path). */
  plan?: string;
  /** `--period`: picks the plan whose periods include it when no plan is named. */
  period?: string;
  /**
   * The day of a run with neither plan nor period (`remind`, YYYY-MM-DD): picks the plan whose
   * deadline is nearest it.
   */
  asOf?: string;
  /** `--data`: the data folder; default the shipped `templates/`. */
  dataDir?: string;
  /**
   * The command needs no plan (`validate`, `map`): when the registry's plan has no file, the
   * standard follows the period's year (or the registry's `standard`) instead of stopping the run.
   */
  planOptional?: boolean;
}

/** A catalogue read, each file checked against its schema, its cross-references not yet. */
export interface CatalogueRead {
  /** The files' data; the registry as written (completed from the vocabulary by the caller). */
  cat: Omit<Catalogue, 'registry'> & { registry: RegistryFile };
  /** The files it was read from, as the user reads them (relative to the data folder inside it). */
  files: CatalogueFiles;
  /** The run's plan, when there is one (named, of the period, or the registry's). */
  plan?: PlanRead;
  /** The data folder (absolute). */
  dataDir: string;
}

/** The JSON files of a folder of the data folder, sorted (none when the folder is missing). */
function jsonFiles(place: DataPlace, kind: DataKind): string[] {
  const dir = path.join(place.dir, DATA_FOLDERS[kind]);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.toLowerCase().endsWith('.json'))
    .sort()
    .map((n) => path.join(dir, n));
}

/**
 * A data file's JSON, read for the choice only (its full check comes when it is used); a file
 * that is not a JSON object is a configuration error naming it.
 */
function peekJson(place: DataPlace, kind: DataKind, file: string): Record<string, unknown> {
  const value = parseJson(readText(file, WHAT[kind]), place.shown(file), WHAT[kind]);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

const asString = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The plans of the data folder, summarised for the choice by period. */
async function planSummaries(place: DataPlace): Promise<(PlanSummary & { path: string })[]> {
  const out: (PlanSummary & { path: string })[] = [];
  for (const file of jsonFiles(place, 'plan')) {
    const p = peekJson(place, 'plan', file);
    const periods = Array.isArray(p.periods)
      ? p.periods.map((x: unknown) =>
          typeof x === 'object' && x !== null ? (x as { id?: unknown }).id : undefined,
        )
      : [];
    const readable =
      typeof p.id === 'string' &&
      typeof p.registry === 'string' &&
      periods.length > 0 &&
      periods.every((x) => typeof x === 'string');
    // A plan whose periods cannot be read might be the one: its issues are said, not guessed over.
    const plan = readable ? undefined : await readChecked(place, 'plan', file);
    out.push({
      path: file,
      file: place.shown(file),
      id: plan?.id ?? asString(p.id),
      registry: plan?.registry ?? asString(p.registry),
      periods: plan?.periods.map((x) => x.id) ?? periods.map(asString),
      due: Array.isArray(p.periods)
        ? p.periods.flatMap((x: unknown) => {
            const d =
              typeof x === 'object' && x !== null
                ? (x as { dueBefore?: unknown }).dueBefore
                : undefined;
            return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? [d] : [];
          })
        : [],
    });
  }
  return out;
}

/** The standards of the data folder, summarised for the choice by year. */
async function standardSummaries(
  place: DataPlace,
): Promise<(StandardSummary & { path: string })[]> {
  const out: (StandardSummary & { path: string })[] = [];
  for (const file of jsonFiles(place, 'standard')) {
    const s = peekJson(place, 'standard', file);
    const readable =
      typeof s.id === 'string' &&
      Number.isInteger(s.validFromYear) &&
      Number.isInteger(s.validToYear);
    // A standard whose years cannot be read might be the one: its issues are said, not guessed over.
    const std = readable ? undefined : await readChecked(place, 'standard', file);
    out.push({
      path: file,
      file: place.shown(file),
      id: std?.id ?? asString(s.id),
      validFromYear: std?.validFromYear ?? Number(s.validFromYear),
      validToYear: std?.validToYear ?? Number(s.validToYear),
    });
  }
  return out;
}

function chosen<T>(c: Choice<T>): T {
  if (!c.ok) throw new ConfigError(c.message);
  return c.value;
}

/**
 * The plan file of a run: `--plan`; else, with `--period`, the plan of the data folder whose
 * periods include it (for the `--registry` one when given); else the registry's plan (read later).
 */
async function planFileOf(
  place: DataPlace,
  choice: DataChoiceOptions,
  registryId: string | undefined,
  choose: DataChoosers,
): Promise<string | undefined> {
  if (choice.plan !== undefined) return dataFile(place, 'plan', choice.plan);
  if (choice.period === undefined) {
    // A run for a day (`remind`): the plan of the reports due nearest it.
    if (choice.asOf === undefined || choose.planByDate === undefined) return undefined;
    const all = await planSummaries(place);
    return chosen(choose.planByDate(all, choice.asOf, registryId))?.path;
  }
  const all = await planSummaries(place);
  return chosen(choose.plan(all, choice.period, registryId))?.path;
}

/**
 * The standard file of a run: the plan's `standard`, else the one whose years take in the plan's
 * year (the period's, when the plan does not hold the period and a standard takes that year in),
 * else, for a run with no year at all, the registry's `standard` or the data folder's only one.
 */
async function standardFileOf(
  place: DataPlace,
  registry: { file: string; data: RegistryFile },
  plan: { file: string; data: Plan } | undefined,
  period: string | undefined,
  choose: DataChoosers,
): Promise<string> {
  const holds = plan && period !== undefined && plan.data.periods.some((p) => p.id === period);
  if (period !== undefined && !holds) {
    // A period its plan does not hold (a template issued before the plan): the period's year
    // chooses, when a standard takes it in; else the plan's year, as before there were two.
    const all = await standardSummaries(place);
    const year = Number(period.slice(0, 4));
    const c = choose.standard(all, year, {
      vi: `năm của kỳ ${period}`,
      en: `the year of the period ${period}`,
    });
    if (c.ok) return c.value.path;
    const some = all.some((s) => s.validFromYear <= year && year <= s.validToYear);
    if (plan === undefined || some) throw new ConfigError(c.message);
  }
  if (plan) {
    if (plan.data.standard !== undefined)
      return referencedFile(place, 'standard', plan.data.standard, {
        file: plan.file,
        path: ['standard'],
      });
    const basis = {
      vi: `năm của kế hoạch ${place.shown(plan.file)}`,
      en: `the year of the plan ${place.shown(plan.file)}`,
    };
    return chosen(choose.standard(await standardSummaries(place), plan.data.year, basis)).path;
  }
  // No plan and no period: no year.
  if (registry.data.standard !== undefined)
    return referencedFile(place, 'standard', registry.data.standard, {
      file: registry.file,
      path: ['standard'],
    });
  const all = await standardSummaries(place);
  if (all.length === 1 && all[0]) return all[0].path;
  throw new ConfigError({
    vi: `Không biết năm báo cáo nên không chọn được chuẩn nghèo (${all.map((s) => s.file).join(', ')}): dùng --period (ví dụ --period 2026) hoặc --plan FILE.`,
    en: `No year to choose the poverty standard by (${all.map((s) => s.file).join(', ')}): use --period (e.g. --period 2026) or --plan FILE.`,
  });
}

/**
 * Reads the data of a run from `dataDir` (default: the shipped `templates/`): the plan (`--plan`,
 * else the plan of the data folder whose periods include `--period`, else the registry's), the
 * registry (`--registry`, else the plan's, else {@link DEFAULT_REGISTRY}), the poverty standard the
 * plan's year takes (or the plan names), and that standard's forms and rules, and the vocabulary.
 * Every file is checked against its schema; a broken file is a {@link DataFileError}, a choice that
 * cannot be made a {@link ConfigError}. `choose` picks among the data folder's plans and standards. The references between the files are the caller's to
 * check (`commands/load-data.ts`).
 */
export async function readData(
  choice: DataChoiceOptions,
  choose: DataChoosers,
): Promise<CatalogueRead> {
  const place = dataPlace(choice.dataDir);
  // The registry named on the command line is read first: a plan chosen by period must be its.
  let registry: { file: string; data: RegistryFile } | undefined;
  if (choice.registry !== undefined) {
    const file = dataFile(place, 'registry', choice.registry);
    registry = { file, data: await readChecked(place, 'registry', file) };
  }
  let planFile = await planFileOf(place, choice, registry?.data.id, choose);
  let plan: { file: string; data: Plan } | undefined;
  if (planFile !== undefined)
    plan = { file: planFile, data: await readChecked(place, 'plan', planFile) };
  if (registry === undefined) {
    const file = plan
      ? referencedFile(place, 'registry', plan.data.registry, {
          file: plan.file,
          path: ['registry'],
        })
      : dataFile(place, 'registry', DEFAULT_REGISTRY);
    registry = { file, data: await readChecked(place, 'registry', file) };
  }
  if (plan === undefined && registry.data.plan !== undefined) {
    planFile = dataFile(place, 'plan', registry.data.plan);
    // A command that needs no plan goes on without a missing one (a broken one still stops it).
    if (!choice.planOptional || existsSync(planFile))
      plan = { file: planFile, data: await readChecked(place, 'plan', planFile) };
  }
  const stdFile = await standardFileOf(place, registry, plan, choice.period, choose);
  const standard = await readChecked(place, 'standard', stdFile);
  const from = (p: string) => ({ file: stdFile, path: [p] });
  const formsFile = referencedFile(place, 'forms', standard.forms, from('forms'));
  const rulesFile = referencedFile(place, 'rules', standard.rules, from('rules'));
  const vocabFile = path.join(place.dir, DATA_FOLDERS.vocabulary, 'vi.json');
  // Read together: every issue of the three is said at once.
  const forms = await readDataFile(place, 'forms', formsFile);
  const rules = await readDataFile(place, 'rules', rulesFile);
  const vocabulary = await readDataFile(place, 'vocabulary', vocabFile);
  if (!forms.ok || !rules.ok || !vocabulary.ok)
    throw dataFileError(
      [forms, rules, vocabulary].flatMap((r) => (r.ok ? [] : r.issues)),
      place.dir,
    );
  const cat: CatalogueRead['cat'] = {
    registry: registry.data,
    standard,
    forms: forms.data,
    rules: rules.data,
    vocabulary: vocabulary.data,
  };
  const files: CatalogueFiles = {
    registry: place.shown(registry.file),
    standard: place.shown(stdFile),
    forms: place.shown(formsFile),
    rules: place.shown(rulesFile),
  };
  return {
    cat,
    files,
    ...(plan
      ? { plan: { plan: plan.data, file: place.shown(plan.file), dataDir: place.dir } }
      : {}),
    dataDir: place.dir,
  };
}

/** A plan read and checked against its schema, its references not yet. */
export interface PlanRead {
  plan: Plan;
  /** The file, as the user reads it. */
  file: string;
  /** The data folder (absolute). */
  dataDir: string;
}

/**
 * Reads a plan: `--plan FILE` (or id), else the registry's default plan, from `dataDir` (default:
 * the shipped `templates/`); checked against its schema. Its references to the forms and the
 * registry are the caller's to check (`commands/load-data.ts`).
 */
export async function readPlan(
  cat: Catalogue,
  planRef?: string,
  dataDir?: string,
): Promise<PlanRead> {
  const ref = planRef ?? cat.registry.plan;
  if (ref === undefined)
    throw new ConfigError({
      vi: 'Danh mục không chỉ định kế hoạch (plan); dùng --plan FILE (the registry names no plan; use --plan FILE).',
      en: 'The registry names no plan; use --plan FILE.',
    });
  const place = dataPlace(dataDir);
  const file = dataFile(place, 'plan', ref);
  const plan = await readChecked(place, 'plan', file);
  return { plan, file: place.shown(file), dataDir: place.dir };
}

/**
 * Reads every reform of units (`<data folder>/reforms/*.json`, default the shipped `templates/`),
 * each checked against its schema; none when the folder has no `reforms/`. Their references to
 * the registries are the caller's to check (`core/reform.ts`).
 */
export async function readReforms(
  dataDir?: string,
): Promise<{ reform: DataOf<'reform'>; file: string }[]> {
  const place = dataPlace(dataDir);
  const folder = path.join(place.dir, DATA_FOLDERS.reform);
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((n) => n.toLowerCase().endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
  const out: { reform: DataOf<'reform'>; file: string }[] = [];
  for (const n of names) {
    const file = path.join(folder, n);
    out.push({ reform: await readChecked(place, 'reform', file), file: place.shown(file) });
  }
  return out;
}
