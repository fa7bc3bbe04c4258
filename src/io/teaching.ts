/**
 * The teaching file (`povreport-map.json`): what staff taught the tool about units' files with
 * `povreport map add`. Found as `--map FILE`, else `povreport-map.json` in the current folder when
 * there is one. Hand-editable JSON: a broken file is a configuration error (exit 2) naming the
 * file, the place in it and what is wrong, raised before any submission is read. Keys such as
 * `__proto__` are dropped as the file is read (`readJson`), so they never reach a check or a save.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Catalogue, UnitSpec } from '../core/catalogue.js';
import { matchSubunit } from '../core/subunits.js';
import {
  TAUGHT_ROLES,
  closestIndicators,
  entryKey,
  isRowMeaning,
  type Teaching,
  type UnitTeaching,
} from '../core/teach.js';
import { writeFileAtomic } from './atomic-write.js';
import { ConfigError, readJson } from './templates.js';

/** The teaching file's name in the current folder. */
export const MAP_FILE = 'povreport-map.json';

/** A teaching with nothing taught. */
export const emptyTeaching = (): Teaching => ({ version: 1, units: {} });

/**
 * The teaching file to use: `--map FILE` as given, else `povreport-map.json` in `cwd`. With
 * `mustExist`, the default file counts only when it is there (checking commands); `map add`
 * creates it.
 */
export function teachingPath(
  option: string | undefined,
  cwd: string,
  mustExist: boolean,
): string | undefined {
  if (option !== undefined) return option;
  const file = path.join(cwd, MAP_FILE);
  return !mustExist || existsSync(file) ? file : undefined;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON path segment as staff read it: `units["138"].headings["Thoát nghèo"]`. */
const key = (k: string): string => `[${JSON.stringify(k)}]`;

/** Every indicator column of the standard's forms (an id may sit in several forms). */
function indicatorColumns(cat: Catalogue) {
  return cat.forms.forms.flatMap((f) => f.columns);
}

/** Checks a parsed teaching file against the registry and the forms; throws a ConfigError. */
export function checkTeaching(v: unknown, file: string, cat: Catalogue): Teaching {
  const fail = (where: string, what: string): never => {
    throw new ConfigError(`Tệp dạy ${file}: ${where}: ${what}`);
  };
  if (!isObj(v))
    return fail(
      '(cả tệp)',
      'phải là một đối tượng JSON { "version": 1, "units": { … } } (must be a JSON object)',
    );
  for (const k of Object.keys(v))
    if (!['version', 'units', '$comment'].includes(k))
      fail(k, 'trường không được biết; chỉ có "version" và "units" (unknown field)');
  if (v.version !== 1)
    fail(
      'version',
      `phải là 1, tệp ghi ${JSON.stringify(v.version) ?? 'không có'} (unknown version)`,
    );
  if (!isObj(v.units))
    return fail('units', 'phải là một đối tượng theo mã đơn vị (must be an object by unit code)');
  const ids = new Set(indicatorColumns(cat).map((c) => c.id));
  for (const [code, u] of Object.entries(v.units)) {
    const at = `units${key(code)}`;
    const unit = cat.registry.units.find((x) => x.code === code);
    if (!unit)
      fail(
        at,
        `không có đơn vị mã "${code}" trong danh mục ${cat.registry.id} (unknown unit code; có: ${cat.registry.units.map((x) => x.code).join(', ')})`,
      );
    if (!isObj(u))
      return fail(at, 'phải là { "headings": { … }, "rows": { … } } (must be an object)');
    for (const k of Object.keys(u))
      if (!['headings', 'rows', '$comment'].includes(k))
        fail(`${at}.${k}`, 'trường không được biết; chỉ có "headings" và "rows" (unknown field)');
    for (const part of ['headings', 'rows'] as const) {
      const entries = u[part];
      if (entries === undefined) continue;
      const where = `${at}.${part}`;
      if (!isObj(entries))
        return fail(where, 'phải là một đối tượng { "chữ": "nghĩa" } (must be an object)');
      const seen = new Map<string, string>();
      for (const [text, meaning] of Object.entries(entries)) {
        const w = `${where}${key(text)}`;
        const folded = entryKey(part === 'headings' ? 'heading' : 'row', text);
        if (folded === '') fail(w, 'chữ rỗng, không có chữ cái hay chữ số nào (empty text)');
        const prev = seen.get(folded);
        if (prev !== undefined)
          fail(w, `đọc giống hệt "${prev}" ở trên; chỉ giữ một mục (same words as "${prev}")`);
        seen.set(folded, text);
        if (typeof meaning !== 'string')
          return fail(w, 'nghĩa phải là chữ (the meaning must be text)');
        if (part === 'headings') checkHeadingMeaning(meaning, text, ids, cat, (m) => fail(w, m));
        else checkRowMeaning(meaning, unit as UnitSpec, (m) => fail(w, m));
      }
    }
  }
  return v as unknown as Teaching;
}

function checkHeadingMeaning(
  meaning: string,
  text: string,
  ids: Set<string>,
  cat: Catalogue,
  fail: (m: string) => never,
): void {
  if (meaning === '-' || ids.has(meaning)) return;
  const near = closestIndicators(indicatorColumns(cat), { text, id: meaning })
    .map((c) => `${c.id} ("${c.heading}")`)
    .join(', ');
  fail(
    `"${meaning}" không phải mã chỉ tiêu của biểu nào (not an indicator id of any form)${near ? `; có phải: ${near}?` : ''}; dùng "-" để bỏ qua cột`,
  );
}

function checkRowMeaning(meaning: string, unit: UnitSpec, fail: (m: string) => never): void {
  if (!isRowMeaning(meaning))
    fail(
      `"${meaning}" không phải vai trò của dòng; dùng một trong ${TAUGHT_ROLES.join(', ')} hoặc "=Tên xã trong danh mục" (unknown role)`,
    );
  if (!meaning.startsWith('=') || !unit.subunits) return;
  const name = meaning.slice(1);
  const m = matchSubunit(name, unit);
  if (m.status === 'match') return;
  fail(
    m.status === 'ambiguous'
      ? `"${name}" hợp với nhiều xã của ${unit.name}: ${m.candidates.map((s) => s.name).join(', ')}; ghi đúng tên trong danh mục (ambiguous)`
      : `"${name}" không phải xã nào của ${unit.name} trong danh mục (not a sub-unit of the unit)`,
  );
}

/** Reads and checks a teaching file. */
export async function loadTeaching(file: string, cat: Catalogue): Promise<Teaching> {
  const doc = await readJson(
    file,
    { vi: 'Tệp dạy', en: 'Teaching file' },
    {
      vi: 'sửa lại bằng một trình soạn thảo, hoặc xóa tệp rồi dạy lại bằng povreport map add',
      en: 'mend it in a text editor, or delete it and teach again with povreport map add',
    },
  );
  return checkTeaching(doc, file, cat);
}

/**
 * The teaching a checking command uses: `--map FILE`, else `povreport-map.json` in `cwd` when
 * there is one, else none.
 */
export async function loadTeachingOption(
  option: string | undefined,
  cwd: string,
  cat: Catalogue,
): Promise<{ file: string; teaching: Teaching } | undefined> {
  const file = teachingPath(option, cwd, true);
  return file === undefined ? undefined : { file, teaching: await loadTeaching(file, cat) };
}

/** Writes a teaching file atomically, keeping the entries' order; units with nothing dropped. */
export async function saveTeaching(file: string, t: Teaching): Promise<void> {
  const units: Record<string, UnitTeaching> = {};
  for (const [code, u] of Object.entries(t.units))
    if (Object.keys(u.headings ?? {}).length + Object.keys(u.rows ?? {}).length > 0)
      units[code] = u;
  await writeFileAtomic(file, `${JSON.stringify({ ...t, units }, null, 2)}\n`);
}
