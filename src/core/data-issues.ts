/**
 * What is wrong in a data file, and where, as staff read it. Kept apart from the schemas
 * (schemas.ts), so that reading data files already checked (io/data-cache.ts) and reporting a
 * broken one never loads zod.
 */
import type { Bilingual } from './finding-codes.js';
import type { Lang } from './lang.js';

/** The folder of each kind of data file inside a data folder (`templates/` by default). */
export const DATA_FOLDERS = {
  registry: 'registries',
  standard: 'standards',
  forms: 'forms',
  rules: 'rules',
  vocabulary: 'vocabulary',
  plan: 'plans',
  reform: 'reforms',
} as const;

/** One problem in a data file: which file, where in it, and what is wrong. */
export interface DataIssue {
  /** The file as shown to the user (`plans/yen-bai-2022.json`, or a path given on the command line). */
  file: string;
  /** Where in the file: `['periods', 1, 'title']`. */
  path: PropertyKey[];
  /** What is wrong, in Vietnamese and in English. */
  message: Bilingual;
}

/** A path inside a JSON file as staff read it: `periods[1].title`, `units["132"].baselineRate`. */
export function formatDataPath(p: readonly PropertyKey[], lang: Lang = 'vi'): string {
  let out = '';
  for (const k of p) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (typeof k === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k))
      out += out === '' ? k : `.${k}`;
    else out += `[${JSON.stringify(String(k))}]`;
  }
  if (out !== '') return out;
  return lang === 'en' ? '(whole file)' : '(cả tệp / whole file)';
}

/**
 * An issue's message: English alone, or Vietnamese with the English after it, less the quoted
 * value both start with (`"ratio": phải là … (must be …)`).
 */
function issueText(i: DataIssue, lang: Lang): string {
  const { vi, en } = i.message;
  if (lang === 'en' || en === vi) return lang === 'en' ? en : vi;
  let same = 0;
  while (same < vi.length && vi[same] === en[same]) same++;
  const cut = same < 2 ? -1 : vi.lastIndexOf(': ', same - 2);
  return `${vi} (${en.slice(cut < 0 ? 0 : cut + 2)})`;
}

/** At most this many issues are listed; the rest are counted. */
const MAX_LISTED = 20;

/**
 * The text of a configuration error for broken data files, in `lang`: one line per issue, `file:
 * path: what is wrong`, where the data folder is and where the JSON Schemas are (`schemaShipped`:
 * the ones shipped with povreport, the data folder having none of this version).
 */
export function formatDataIssues(
  issues: readonly DataIssue[],
  where: { dataDir?: string; schemaDir?: string; schemaShipped?: boolean } = {},
  lang: Lang = 'vi',
): string {
  // Texts quoted from a data file reach the terminal: control characters are shown, not obeyed.
  const shown = (t: string): string =>
    t.replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const lines = issues
    .slice(0, MAX_LISTED)
    .map((i) => shown(`  ${i.file}: ${formatDataPath(i.path, lang)}: ${issueText(i, lang)}`));
  const more = issues.length - MAX_LISTED;
  const dir = where.dataDir;
  const schemas = where.schemaDir;
  if (lang === 'en')
    return [
      `Broken data file${dir ? `; data folder: ${dir}` : ''}:`,
      ...lines,
      ...(more > 0 ? [`  … and ${more} more`] : []),
      !schemas
        ? 'Fix the file and run again.'
        : where.schemaShipped
          ? `Fix the file and run again; the data folder has no JSON Schemas of this version, the ones shipped with povreport are in ${schemas}.`
          : `Fix the file and run again; JSON Schemas for editors are in ${schemas}.`,
    ].join('\n');
  // Staff who read Vietnamese also get the English, for a developer they may forward it to.
  return [
    `Tệp dữ liệu không dùng được (broken data file)${dir ? `; thư mục dữ liệu (data folder): ${dir}` : ''}:`,
    ...lines,
    ...(more > 0 ? [`  … và ${more} lỗi khác (and ${more} more)`] : []),
    !schemas
      ? 'Sửa tệp rồi chạy lại (fix the file and run again).'
      : where.schemaShipped
        ? `Sửa tệp rồi chạy lại; thư mục dữ liệu không có lược đồ JSON của phiên bản này, lược đồ đi kèm povreport ở ${schemas} (fix the file and run again; the data folder has no JSON Schemas of this version, the ones shipped with povreport are in ${schemas}).`
        : `Sửa tệp rồi chạy lại; lược đồ JSON cho trình soạn thảo ở ${schemas} (fix the file and run again; JSON Schemas for editors are in ${schemas}).`,
  ].join('\n');
}
