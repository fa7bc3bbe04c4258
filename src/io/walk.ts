/**
 * Expanding the paths given on the command line into submission files: files as given, folders
 * walked recursively, skipping Office lock files (`~$…`) and hidden files.
 *
 * An inbox is a folder anyone can drop things into, so the walk never trusts an entry: links are
 * followed but a folder is entered once (a link back to a parent is a loop, not a hang); a pipe,
 * device or socket, a broken link and a folder that cannot be listed are kept in the list as they
 * are, and reading them turns each into a finding for that entry (read-file.ts), never a hang.
 * Nothing here opens a file.
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { Bilingual } from '../core/finding-codes.js';

/** Extensions read when walking a folder (a file named on the command line is always read). */
export const SUBMISSION_EXTENSIONS = [
  '.xlsx',
  '.xlsm',
  '.xls',
  '.xlsb',
  '.ods',
  '.fods',
  '.csv',
  '.tsv',
  '.txt',
  // A web system's "Xuất Excel" page, and Excel's own "XML Spreadsheet 2003" name.
  '.htm',
  '.html',
  '.xml',
  // Templates saved with a report in them (Excel's, LibreOffice's), and WPS Spreadsheets' own
  // names: read by what they hold.
  '.xltx',
  '.xltm',
  '.xlt',
  '.ots',
  '.et',
  '.ett',
] as const;

/**
 * Saved e-mails (Thunderbird's and Outlook's `.eml`, Outlook's `.msg`): each spreadsheet attached
 * is read as a submission, received on the message's day (io/read-mail.ts).
 */
export const MAIL_EXTENSIONS = ['.eml', '.msg'] as const;

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

/**
 * Spreadsheet formats the tool does not read, by extension, in the words of `file-not-spreadsheet`
 * (a folder's walk lists them, so that a unit that sent one is told, not skipped; reading one
 * says it is not read, io/read-file.ts).
 */
const UNREAD_FORMATS: Record<string, Bilingual> = {
  '.slk': { vi: 'bảng tính dạng SYLK (.slk)', en: 'a SYLK spreadsheet (.slk)' },
  '.dif': { vi: 'bảng tính dạng DIF (.dif)', en: 'a DIF spreadsheet (.dif)' },
  '.dbf': { vi: 'bảng dữ liệu dBase (.dbf)', en: 'a dBase table (.dbf)' },
  '.prn': { vi: 'văn bản dàn cột (.prn)', en: 'space-aligned text (.prn)' },
  '.numbers': { vi: 'bảng tính Apple Numbers (.numbers)', en: 'an Apple Numbers spreadsheet' },
  '.gnumeric': { vi: 'bảng tính Gnumeric (.gnumeric)', en: 'a Gnumeric spreadsheet' },
  '.sxc': { vi: 'bảng tính OpenOffice 1 (.sxc)', en: 'an OpenOffice 1 spreadsheet (.sxc)' },
  '.uos': { vi: 'bảng tính Uniform Office (.uos)', en: 'a Uniform Office spreadsheet (.uos)' },
  '.mht': { vi: 'trang web lưu thành một tệp (.mht)', en: 'a single-file web page (.mht)' },
  '.mhtml': { vi: 'trang web lưu thành một tệp (.mhtml)', en: 'a single-file web page (.mhtml)' },
  ...Object.fromEntries(
    ['.wk1', '.wk3', '.wk4', '.wks', '.123'].map((ext) => [
      ext,
      { vi: `bảng tính Lotus 1-2-3 (${ext})`, en: `a Lotus 1-2-3 spreadsheet (${ext})` },
    ]),
  ),
};

/** The spreadsheet format a file's extension names that the tool does not read, if it does. */
export function unreadFormat(filePath: string): Bilingual | null {
  return UNREAD_FORMATS[path.extname(filePath).toLowerCase()] ?? null;
}

const isSkipped = (name: string): boolean => name.startsWith('~$') || name.startsWith('.');

/** The submission files under the given paths; no file at all is a usage error. */
export async function expandPaths(paths: string[]): Promise<string[]> {
  const files = await expandPathsAllowEmpty(paths);
  if (files.length === 0)
    throw new ConfigError({
      vi: 'Không có tệp báo cáo nào trong các đường dẫn đã cho.',
      en: 'No submission files found under the paths given.',
    });
  return files;
}

/**
 * The submission files under the given paths, in a stable order, each path as the user would see
 * it. An empty folder gives an empty list (an inbox before anyone reported).
 */
export async function expandPathsAllowEmpty(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  // Links to folders are followed after every real folder: a folder is then read under its own
  // path, and it is the link that is said to lead to a folder already read.
  const seen = new Set<string>();
  const links: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      // A link given on the command line that leads nowhere is that entry's finding.
      if (await isLink(p)) {
        out.push(p);
        continue;
      }
      if (isPermissionError(e)) {
        out.push(p);
        continue;
      }
      throw new ConfigError({
        vi: `Không tìm thấy "${p}": kiểm tra lại đường dẫn.`,
        en: `"${p}" not found: check the path.`,
      });
    }
    if (st.isDirectory()) for (const f of await walk(p, seen, links, false)) out.push(f);
    else out.push(p);
  }
  for (let link = links.shift(); link !== undefined; link = links.shift())
    // A loop, not push(...): a folder of 100 000 files would overflow the call stack.
    for (const f of await walk(link, seen, links, true)) out.push(f);
  return [...new Set(out)];
}

/** A folder's identity, the same whichever link or spelling reaches it. */
async function folderId(dir: string): Promise<string | null> {
  try {
    const st = await stat(dir, { bigint: true });
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

async function isLink(p: string): Promise<boolean> {
  try {
    return (await lstat(p)).isSymbolicLink();
  } catch {
    return false;
  }
}

function isPermissionError(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code === 'EACCES' || code === 'EPERM';
}

/**
 * The listed files under `dir`; links to folders found are added to `links`, to walk later.
 * `seen` holds every folder entered so far: a folder reached again is not entered again. Reached
 * through a link (`viaLink`: a second way in, or a loop back to a parent), the link is returned as
 * an entry of its own, for its finding; reached again as itself (a folder given twice on the
 * command line, or inside another given), it is simply skipped.
 */
async function walk(
  dir: string,
  seen: Set<string>,
  links: string[],
  viaLink: boolean,
): Promise<string[]> {
  const id = await folderId(dir);
  if (id !== null) {
    if (seen.has(id)) return viaLink ? [dir] : [];
    seen.add(id);
  }
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
    if (e.isDirectory()) for (const f of await walk(full, seen, links, false)) out.push(f);
    else if (e.isFile()) {
      if (isListed(e.name)) out.push(full);
    } else if (e.isSymbolicLink()) {
      let target;
      try {
        target = await stat(full);
      } catch {
        // Leads nowhere (or to itself): it may have been a district's file or folder, so it is
        // said, whatever its name.
        out.push(full);
        continue;
      }
      if (target.isDirectory()) links.push(full);
      else if (isListed(e.name)) out.push(full);
    }
    // A pipe, device or socket named like a report is listed, so that reading it (which never
    // opens it) says what it is; under any other name it is skipped like any unlisted file.
    else if (isListed(e.name)) out.push(full);
  }
  return out;
}

function isListed(name: string): boolean {
  const ext = path.extname(name).toLowerCase();
  return (
    (SUBMISSION_EXTENSIONS as readonly string[]).includes(ext) ||
    (MAIL_EXTENSIONS as readonly string[]).includes(ext) ||
    unreadFormat(name) !== null ||
    isDocumentName(name)
  );
}

/** Whether a file name is that of a document that is plainly not a spreadsheet (a PDF, a photo…). */
export function isDocumentName(name: string): boolean {
  return (DOCUMENT_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase());
}
