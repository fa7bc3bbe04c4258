/**
 * Loading the data files of `templates/`: the registry (shipped or `--registry FILE`), and
 * through it the poverty standard, its forms and its rules. A broken data file is a
 * configuration error (exit 2), reported with the file and what is wrong.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  Catalogue,
  FormsCatalogue,
  Plan,
  Registry,
  RuleSet,
  Standard,
  Vocabulary,
  SubunitSpec,
} from '../core/catalogue.js';
import { isFindingCode } from '../core/finding-codes.js';
import { isIsoDate } from '../core/dates-and-numbers.js';
import { compileRules, type CompiledRule } from '../core/rules.js';
import { prepareCatalogue } from '../core/headings.js';
import type { PreparedRun } from '../core/validate-book.js';

/** A data or option problem the user must fix; the CLI prints it and exits 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The `templates/` folder shipped with the tool. */
export const TEMPLATES_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../templates',
);

/** The registry used when `--registry` is not given. */
export const DEFAULT_REGISTRY = 'yen-bai-2022';

/**
 * Reads a JSON data file (a BOM is allowed), or fails with a ConfigError naming the file and
 * what it is; `hint` says what to do about a file that is not valid JSON.
 */
export async function readJson(file: string, what: string, hint = ''): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT'
        ? `${what}: không tìm thấy tệp ${file}`
        : `${what}: không đọc được ${file} (${String(e)})`,
    );
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    throw new ConfigError(
      `${what}: ${file} không phải JSON hợp lệ (${(e as Error).message})${hint ? `; ${hint}` : ''}`,
    );
  }
}

function need(cond: unknown, file: string, what: string): asserts cond {
  if (!cond) throw new ConfigError(`${file}: ${what}`);
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isStringList = (v: unknown): boolean =>
  Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '');

/** Two date ranges (`from` inclusive, `until` exclusive, either open) share a day. */
const overlap = (a: SubunitSpec, b: SubunitSpec): boolean =>
  (a.from ?? '') < (b.until ?? '\uffff') && (b.from ?? '') < (a.until ?? '\uffff');

/**
 * A unit's sub-units: each a {name} with optional code, variants, former names and the dates it
 * existed; no two that existed at the same time share a name, and no two current ones a code.
 */
function checkSubunits(list: unknown, where: string, file: string): void {
  need(Array.isArray(list), file, `${where}: "subunits" must be a list`);
  for (const [j, s] of list.entries()) {
    const at = `${where}.subunits[${j}]`;
    need(
      isObj(s) && typeof s.name === 'string' && s.name.trim() !== '',
      file,
      `${at} needs a "name"`,
    );
    need(s.code === undefined || typeof s.code === 'string', file, `${at}: "code" must be text`);
    for (const key of ['variants', 'former', 'formerCodes'])
      need(
        s[key] === undefined || isStringList(s[key]),
        file,
        `${at}: "${key}" must be a list of texts`,
      );
    for (const key of ['from', 'until'])
      need(
        s[key] === undefined || (typeof s[key] === 'string' && isIsoDate(s[key])),
        file,
        `${at}: "${key}" must be a date YYYY-MM-DD`,
      );
    need(
      typeof s.from !== 'string' || typeof s.until !== 'string' || s.from < s.until,
      file,
      `${at}: "from" must be before "until"`,
    );
  }
  const subs = list as SubunitSpec[];
  for (const [j, a] of subs.entries())
    for (const b of subs.slice(j + 1)) {
      need(
        !(overlap(a, b) && a.name.normalize('NFC') === b.name.normalize('NFC')),
        file,
        `${where}: "${a.name}" is listed twice for the same dates`,
      );
      need(
        !(a.code && a.code === b.code && a.until === undefined && b.until === undefined),
        file,
        `${where}: code ${a.code ?? ''} is given to both "${a.name}" and "${b.name}"`,
      );
    }
}

function checkRegistry(v: unknown, file: string): Registry {
  need(isObj(v), file, 'registry must be a JSON object');
  need(typeof v.id === 'string', file, 'missing "id"');
  need(typeof v.standard === 'string', file, 'missing "standard" (e.g. "vn-2022-2025")');
  need(
    isObj(v.province) && typeof v.province.code === 'string' && typeof v.province.name === 'string',
    file,
    'missing "province" {code, name}',
  );
  need(
    isObj(v.issuer) && typeof v.issuer.department === 'string',
    file,
    'missing "issuer" {authority, department, departmentName}',
  );
  need(Array.isArray(v.units) && v.units.length > 0, file, '"units" must be a non-empty list');
  const codes = new Set<string>();
  for (const [i, u] of v.units.entries()) {
    need(
      isObj(u) && typeof u.code === 'string' && typeof u.name === 'string',
      file,
      `units[${i}] needs "code" and "name"`,
    );
    need(!codes.has(u.code), file, `unit code ${u.code} appears twice`);
    codes.add(u.code);
    if (typeof u.short !== 'string')
      u.short = u.name.replace(/^(huyện|thị xã|thành phố|xã|phường|thị trấn|quận)\s+/i, '');
    if (!Array.isArray(u.variants)) u.variants = [];
    if (u.subunits !== undefined) checkSubunits(u.subunits, `units[${i}] (${u.name})`, file);
  }
  const r = v as unknown as Registry;
  r.unitLevel ??= { vi: 'đơn vị', en: 'unit' };
  r.subunitLevel ??= { vi: 'đơn vị cấp dưới', en: 'sub-unit' };
  r.province.place ??= r.province.name.replace(/^tỉnh\s+/i, '');
  r.issuer.authority ??= `UBND ${r.province.name.toUpperCase()}`;
  r.issuer.departmentName ??= r.issuer.department;
  return r;
}

function checkStandard(v: unknown, file: string): Standard {
  need(isObj(v) && typeof v.id === 'string', file, 'missing "id"');
  need(Array.isArray(v.indicators), file, 'missing "indicators"');
  need(
    typeof v.forms === 'string' && typeof v.rules === 'string',
    file,
    'missing "forms" or "rules" id',
  );
  return v as unknown as Standard;
}

function checkForms(v: unknown, file: string): FormsCatalogue {
  need(isObj(v) && Array.isArray(v.forms) && isObj(v.common), file, 'missing "forms" or "common"');
  for (const [i, f] of v.forms.entries()) {
    need(
      isObj(f) && typeof f.id === 'string' && Array.isArray(f.columns),
      file,
      `forms[${i}] needs "id" and "columns"`,
    );
    for (const c of f.columns as unknown[])
      need(
        isObj(c) &&
          typeof c.id === 'string' &&
          typeof c.heading === 'string' &&
          (c.kind === 'count' || c.kind === 'percent'),
        file,
        `a column of form ${f.id} needs "id", "heading" and kind "count" or "percent"`,
      );
  }
  return v as unknown as FormsCatalogue;
}

function checkRules(v: unknown, file: string): RuleSet {
  need(isObj(v) && Array.isArray(v.rules), file, 'missing "rules"');
  for (const r of v.rules as unknown[]) {
    need(isObj(r) && typeof r.id === 'string', file, 'every rule needs an "id"');
    need(
      typeof r.code === 'string' && isFindingCode(r.code),
      file,
      `rule ${r.id}: unknown finding code "${String(r.code)}"`,
    );
    need(
      ['==', '<=', '>=', '<', '>'].includes(String(r.operator)),
      file,
      `rule ${r.id}: operator must be one of == <= >= < >`,
    );
    need(
      r.scope === 'row' || r.scope === 'cross-form',
      file,
      `rule ${r.id}: scope must be "row" or "cross-form"`,
    );
  }
  return v as unknown as RuleSet;
}

function checkVocabulary(v: unknown, file: string): Vocabulary {
  const lists = [
    'fillers',
    'englishWords',
    'deprivationGroup',
    'indicatorNumberWords',
    'breakdownRow',
    'groupRow',
    'subunitKinds',
    'childKinds',
    'footer',
  ] as const;
  need(isObj(v) && isObj(v.abbreviations) && isObj(v.totalRow), file, 'missing "abbreviations"');
  need(
    isObj(v.movementWords) &&
      [v.movementWords.increase, v.movementWords.decrease].every(
        (l) => Array.isArray(l) && l.every((x) => typeof x === 'string'),
      ),
    file,
    '"movementWords" needs lists "increase" and "decrease"',
  );
  need(
    isObj(v.synonyms) && Object.values(v.synonyms).every((x) => typeof x === 'string'),
    file,
    '"synonyms" must map phrases to texts',
  );
  for (const [k, m] of Object.entries(v.abbreviations))
    need(
      Array.isArray(m) && m.length > 0 && m.every((x) => typeof x === 'string'),
      file,
      `abbreviations.${k} must be a list of texts`,
    );
  for (const k of [...lists, 'totalRow.starts', 'totalRow.words'] as const) {
    const list = k.startsWith('totalRow.')
      ? v.totalRow[k.slice(9)]
      : v[k as (typeof lists)[number]];
    need(
      Array.isArray(list) && list.every((x) => typeof x === 'string'),
      file,
      `"${k}" must be a list of texts`,
    );
  }
  return v as unknown as Vocabulary;
}

/**
 * A data file given on the command line: a path when such a file exists or the text looks like a
 * path, else the id of a file shipped in `templates/<kind>/`.
 */
function dataFile(kind: 'registries' | 'plans', ref: string): string {
  if (existsSync(ref) || /[\\/]|\.json$/i.test(ref)) return path.resolve(ref);
  return path.join(TEMPLATES_DIR, kind, `${ref}.json`);
}

/** Loads the registry (a shipped id or a file path) and the standard, forms and rules it uses. */
export async function loadCatalogue(registryRef?: string): Promise<Catalogue> {
  const regFile = dataFile('registries', registryRef ?? DEFAULT_REGISTRY);
  const registry = checkRegistry(await readJson(regFile, 'Danh mục đơn vị (--registry)'), regFile);
  const stdFile = path.join(TEMPLATES_DIR, 'standards', `${registry.standard}.json`);
  const standard = checkStandard(
    await readJson(stdFile, `Chuẩn nghèo "${registry.standard}"`),
    stdFile,
  );
  const formsFile = path.join(TEMPLATES_DIR, 'forms', `${standard.forms}.json`);
  const forms = checkForms(await readJson(formsFile, 'Mẫu biểu'), formsFile);
  const rulesFile = path.join(TEMPLATES_DIR, 'rules', `${standard.rules}.json`);
  const rules = checkRules(await readJson(rulesFile, 'Quy tắc kiểm tra'), rulesFile);
  const vocabFile = path.join(TEMPLATES_DIR, 'vocabulary', 'vi.json');
  const vocabulary = checkVocabulary(await readJson(vocabFile, 'Từ vựng biểu mẫu'), vocabFile);
  return { registry, standard, forms, rules, vocabulary };
}

/** Prepares a loaded catalogue for validation (headings tokenised, rules compiled). */
export function prepareRun(cat: Catalogue): PreparedRun {
  let rules: CompiledRule[];
  try {
    rules = compileRules(cat.rules, cat.forms);
  } catch (e) {
    throw new ConfigError(`Quy tắc kiểm tra: ${(e as Error).message}`);
  }
  return { cat, prepared: prepareCatalogue(cat.forms, cat.vocabulary, cat.standard), rules };
}

function checkPlan(v: unknown, file: string): Plan {
  need(isObj(v) && typeof v.id === 'string', file, 'missing "id"');
  need(
    Array.isArray(v.periods) && v.periods.length > 0,
    file,
    '"periods" must be a non-empty list',
  );
  for (const p of v.periods as unknown[])
    need(
      isObj(p) &&
        typeof p.id === 'string' &&
        /^\d{4}(-H1)?$/.test(p.id) &&
        typeof p.dueBefore === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(p.dueBefore) &&
        Array.isArray(p.forms),
      file,
      'every period needs "id" (2022-H1 or 2022), "dueBefore" (YYYY-MM-DD) and "forms"',
    );
  for (const p of v.periods as { id: string; dueBefore: string }[])
    need(
      isIsoDate(p.dueBefore),
      file,
      `period ${p.id}: "${p.dueBefore}" is not a date of the calendar`,
    );
  need(
    isObj(v.province) && typeof v.province.baselineRate === 'number',
    file,
    'missing "province" {baselineRate, targetReduction}',
  );
  need(isObj(v.units), file, 'missing "units"');
  return v as unknown as Plan;
}

/** Loads a plan: `--plan FILE`, else the registry's default plan. */
export async function loadPlan(cat: Catalogue, planRef?: string): Promise<Plan> {
  const ref = planRef ?? cat.registry.plan;
  if (ref === undefined)
    throw new ConfigError('Danh mục không chỉ định kế hoạch (plan); dùng --plan FILE.');
  const file = dataFile('plans', ref);
  return checkPlan(await readJson(file, 'Kế hoạch (--plan)'), file);
}
