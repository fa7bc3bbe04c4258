/**
 * The teaching file (`povreport-map.json`) a run uses: read (`io/teaching.ts`) and checked against
 * the registry and the forms. Hand-editable JSON: a broken file is a configuration error (exit 2)
 * naming the file, the place in it and what is wrong, raised before any submission is read.
 */
import type { Bilingual } from '../core/finding-codes.js';
import type { Catalogue, UnitSpec } from '../core/catalogue.js';
import { ConfigError } from '../core/errors.js';
import { matchSubunit } from '../core/subunits.js';
import {
  TAUGHT_ROLES,
  closestIndicators,
  entryKey,
  isRowMeaning,
  type Teaching,
} from '../core/teach.js';
import { readTeachingFile, teachingPath } from '../io/teaching.js';

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
  const fail = (where: string, what: Bilingual): never => {
    const at = where === '' ? { vi: '(cả tệp)', en: '(whole file)' } : { vi: where, en: where };
    throw new ConfigError({
      vi: `Tệp dạy ${file}: ${at.vi}: ${what.vi}`,
      en: `Teaching file ${file}: ${at.en}: ${what.en}`,
    });
  };
  if (!isObj(v))
    return fail('', {
      vi: 'phải là một đối tượng JSON { "version": 1, "units": { … } }',
      en: 'must be a JSON object { "version": 1, "units": { … } }',
    });
  for (const k of Object.keys(v))
    if (!['version', 'units', '$comment'].includes(k))
      fail(k, {
        vi: 'trường không được biết; chỉ có "version" và "units"',
        en: 'unknown field; there are only "version" and "units"',
      });
  if (v.version !== 1)
    fail('version', {
      vi: `phải là 1, tệp ghi ${JSON.stringify(v.version) ?? 'không có'}`,
      en: `must be 1, the file has ${JSON.stringify(v.version) ?? 'none'}`,
    });
  if (!isObj(v.units))
    return fail('units', {
      vi: 'phải là một đối tượng theo mã đơn vị',
      en: 'must be an object by unit code',
    });
  const ids = new Set(indicatorColumns(cat).map((c) => c.id));
  for (const [code, u] of Object.entries(v.units)) {
    const at = `units${key(code)}`;
    const unit = cat.registry.units.find((x) => x.code === code);
    if (!unit)
      fail(at, {
        vi: `không có đơn vị mã "${code}" trong danh mục ${cat.registry.id} (có: ${cat.registry.units.map((x) => x.code).join(', ')})`,
        en: `no unit of code "${code}" in the registry ${cat.registry.id} (it has: ${cat.registry.units.map((x) => x.code).join(', ')})`,
      });
    if (!isObj(u))
      return fail(at, {
        vi: 'phải là { "headings": { … }, "rows": { … } }',
        en: 'must be an object { "headings": { … }, "rows": { … } }',
      });
    for (const k of Object.keys(u))
      if (!['headings', 'rows', '$comment'].includes(k))
        fail(`${at}.${k}`, {
          vi: 'trường không được biết; chỉ có "headings" và "rows"',
          en: 'unknown field; there are only "headings" and "rows"',
        });
    for (const part of ['headings', 'rows'] as const) {
      const entries = u[part];
      if (entries === undefined) continue;
      const where = `${at}.${part}`;
      if (!isObj(entries))
        return fail(where, {
          vi: 'phải là một đối tượng { "chữ": "nghĩa" }',
          en: 'must be an object { "text": "meaning" }',
        });
      const seen = new Map<string, string>();
      for (const [text, meaning] of Object.entries(entries)) {
        const w = `${where}${key(text)}`;
        const folded = entryKey(part === 'headings' ? 'heading' : 'row', text);
        if (folded === '')
          fail(w, {
            vi: 'chữ rỗng, không có chữ cái hay chữ số nào',
            en: 'empty text, without letters or digits',
          });
        const prev = seen.get(folded);
        if (prev !== undefined)
          fail(w, {
            vi: `đọc giống hệt "${prev}" ở trên; chỉ giữ một mục`,
            en: `reads the same as "${prev}" above; keep one entry`,
          });
        seen.set(folded, text);
        if (typeof meaning !== 'string')
          return fail(w, { vi: 'nghĩa phải là chữ', en: 'the meaning must be text' });
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
  fail: (m: Bilingual) => never,
): void {
  if (meaning === '-' || ids.has(meaning)) return;
  const near = closestIndicators(indicatorColumns(cat), { text, id: meaning })
    .map((c) => `${c.id} ("${c.heading}")`)
    .join(', ');
  fail({
    vi: `"${meaning}" không phải mã chỉ tiêu của biểu nào${near ? `; có phải: ${near}?` : ''}; dùng "-" để bỏ qua cột`,
    en: `"${meaning}" is not an indicator id of any form${near ? `; did you mean: ${near}?` : ''}; use "-" to ignore the column`,
  });
}

function checkRowMeaning(meaning: string, unit: UnitSpec, fail: (m: Bilingual) => never): void {
  if (!isRowMeaning(meaning))
    fail({
      vi: `"${meaning}" không phải vai trò của dòng; dùng một trong ${TAUGHT_ROLES.join(', ')} hoặc "=Tên xã trong danh mục"`,
      en: `"${meaning}" is not a row role; use one of ${TAUGHT_ROLES.join(', ')} or "=Commune name in the registry"`,
    });
  if (!meaning.startsWith('=') || !unit.subunits) return;
  const name = meaning.slice(1);
  const m = matchSubunit(name, unit);
  if (m.status === 'match') return;
  const candidates = m.status === 'ambiguous' ? m.candidates.map((s) => s.name).join(', ') : '';
  fail(
    m.status === 'ambiguous'
      ? {
          vi: `"${name}" hợp với nhiều xã của ${unit.name}: ${candidates}; ghi đúng tên trong danh mục`,
          en: `"${name}" fits several sub-units of ${unit.name}: ${candidates}; write the name as in the registry`,
        }
      : {
          vi: `"${name}" không phải xã nào của ${unit.name} trong danh mục`,
          en: `"${name}" is not a sub-unit of ${unit.name} in the registry`,
        },
  );
}

/** Reads and checks a teaching file. */
export async function loadTeaching(file: string, cat: Catalogue): Promise<Teaching> {
  return checkTeaching(await readTeachingFile(file), file, cat);
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
