/**
 * The teaching file (`povreport-map.json`) on disk: where it is, reading it as JSON and writing it.
 * What staff taught the tool about units' files with `povreport map add`; found as `--map FILE`,
 * else `povreport-map.json` in the current folder when there is one. Its content is checked
 * against the registry and the forms by `commands/teaching.ts`. Keys such as `__proto__` are
 * dropped as the file is read (`readJson`), so they never reach a check or a save.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Teaching, UnitTeaching } from '../core/teach.js';
import { writeFileAtomic } from './atomic-write.js';
import { readJson } from './templates.js';

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

/**
 * Reads a teaching file as JSON (its content is checked by `commands/teaching.ts`); a file that
 * cannot be read or is not JSON is a ConfigError naming it.
 */
export async function readTeachingFile(file: string): Promise<unknown> {
  return readJson(
    file,
    { vi: 'Tệp dạy', en: 'Teaching file' },
    {
      vi: 'sửa lại bằng một trình soạn thảo, hoặc xóa tệp rồi dạy lại bằng povreport map add',
      en: 'mend it in a text editor, or delete it and teach again with povreport map add',
    },
  );
}

/** Writes a teaching file atomically, keeping the entries' order; units with nothing dropped. */
export async function saveTeaching(file: string, t: Teaching): Promise<void> {
  const units: Record<string, UnitTeaching> = {};
  for (const [code, u] of Object.entries(t.units))
    if (Object.keys(u.headings ?? {}).length + Object.keys(u.rows ?? {}).length > 0)
      units[code] = u;
  await writeFileAtomic(file, `${JSON.stringify({ ...t, units }, null, 2)}\n`);
}
