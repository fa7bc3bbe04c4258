/**
 * Expanding the paths given on the command line into submission files: files as given, folders
 * walked recursively, skipping Office lock files (`~$…`) and hidden files.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './templates.js';

/** Extensions read when walking a folder (a file named on the command line is always read). */
export const SUBMISSION_EXTENSIONS = [
  '.xlsx',
  '.xlsm',
  '.xls',
  '.ods',
  '.csv',
  '.tsv',
  '.txt',
  // A web system's "Xuất Excel" page, and Excel's own "XML Spreadsheet 2003" name.
  '.htm',
  '.html',
  '.xml',
] as const;

/**
 * Documents often sent with (or instead of) a report: listed when walking a folder so a unit that
 * sent only a PDF is told so, and reported as a warning, not an error (a signed scan next to the
 * workbook is normal).
 */
export const DOCUMENT_EXTENSIONS = [
  '.pdf',
  '.doc',
  '.docx',
  '.odt',
  '.rtf',
  '.jpg',
  '.jpeg',
  '.png',
  '.gif',
  '.tif',
  '.tiff',
  '.heic',
  '.zip',
  '.rar',
  '.7z',
] as const;

const isSkipped = (name: string): boolean => name.startsWith('~$') || name.startsWith('.');

/** The submission files under the given paths; no file at all is a usage error. */
export async function expandPaths(paths: string[]): Promise<string[]> {
  const files = await expandPathsAllowEmpty(paths);
  if (files.length === 0)
    throw new ConfigError(
      'Không có tệp báo cáo nào trong các đường dẫn đã cho (no submission files found).',
    );
  return files;
}

/**
 * The submission files under the given paths, in a stable order, each path as the user would see
 * it. An empty folder gives an empty list (an inbox before anyone reported).
 */
export async function expandPathsAllowEmpty(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch {
      throw new ConfigError(`Không tìm thấy "${p}" (not found): kiểm tra lại đường dẫn.`);
    }
    if (st.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return [...new Set(out)];
}

async function walk(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    // A folder that cannot be read (no permission): listed as if it were a file, so it is reported
    // as unreadable on its own while the rest of the inbox goes through.
    return [dir];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (isSkipped(e.name)) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.isFile() && isListed(e.name)) out.push(full);
  }
  return out;
}

function isListed(name: string): boolean {
  const ext = path.extname(name).toLowerCase();
  return (SUBMISSION_EXTENSIONS as readonly string[]).includes(ext) || isDocumentName(name);
}

/** Whether a file name is that of a document that is plainly not a spreadsheet (a PDF, a photo…). */
export function isDocumentName(name: string): boolean {
  return (DOCUMENT_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase());
}
