/**
 * What is wrong in a data file, and where, as staff read it. Kept apart from the schemas
 * (schemas.ts), so that reading data files already checked (io/data-cache.ts) and reporting a
 * broken one never loads zod.
 */

/** The folder of each kind of data file inside a data folder (`templates/` by default). */
export const DATA_FOLDERS = {
  registry: 'registries',
  standard: 'standards',
  forms: 'forms',
  rules: 'rules',
  vocabulary: 'vocabulary',
  plan: 'plans',
} as const;

/** One problem in a data file: which file, where in it, and what is wrong ("vi (en)"). */
export interface DataIssue {
  /** The file as shown to the user (`plans/yen-bai-2022.json`, or a path given on the command line). */
  file: string;
  /** Where in the file: `['periods', 1, 'title']`. */
  path: PropertyKey[];
  /** What is wrong, in Vietnamese then English in parentheses. */
  message: string;
}

/** A path inside a JSON file as staff read it: `periods[1].title`, `units["132"].baselineRate`. */
export function formatDataPath(p: readonly PropertyKey[]): string {
  let out = '';
  for (const k of p) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (typeof k === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k))
      out += out === '' ? k : `.${k}`;
    else out += `[${JSON.stringify(String(k))}]`;
  }
  return out === '' ? '(cả tệp / whole file)' : out;
}

/** At most this many issues are listed; the rest are counted. */
const MAX_LISTED = 20;

/**
 * The text of a configuration error for broken data files: one line per issue, `file: path:
 * what is wrong`, where the data folder is and where the JSON Schemas are (`schemaShipped`: the
 * ones shipped with povreport, the data folder having none of this version).
 */
export function formatDataIssues(
  issues: readonly DataIssue[],
  where: { dataDir?: string; schemaDir?: string; schemaShipped?: boolean } = {},
): string {
  // Texts quoted from a data file reach the terminal: control characters are shown, not obeyed.
  const shown = (t: string): string =>
    t.replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const lines = issues
    .slice(0, MAX_LISTED)
    .map((i) => shown(`  ${i.file}: ${formatDataPath(i.path)}: ${i.message}`));
  if (issues.length > MAX_LISTED)
    lines.push(
      `  … và ${issues.length - MAX_LISTED} lỗi khác (and ${issues.length - MAX_LISTED} more)`,
    );
  return [
    `Tệp dữ liệu không dùng được (broken data file)${where.dataDir ? `; thư mục dữ liệu (data folder): ${where.dataDir}` : ''}:`,
    ...lines,
    !where.schemaDir
      ? 'Sửa tệp rồi chạy lại (fix the file and run again).'
      : where.schemaShipped
        ? `Sửa tệp rồi chạy lại; thư mục dữ liệu không có lược đồ JSON của phiên bản này, lược đồ đi kèm povreport ở ${where.schemaDir} (fix the file and run again; the data folder has no JSON Schemas of this version, the ones shipped with povreport are in ${where.schemaDir}).`
        : `Sửa tệp rồi chạy lại; lược đồ JSON cho trình soạn thảo ở ${where.schemaDir} (fix the file and run again; JSON Schemas for editors are in ${where.schemaDir}).`,
  ].join('\n');
}
