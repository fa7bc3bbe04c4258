/**
 * Checks of an output folder (`--out`) made before any work, and making it without hanging.
 *
 * Refused, with exit 2 and a message naming both paths: an `--out` that is a file (an input file
 * above all), that lies inside a folder being read (its reports would be read as submissions by the
 * next run), or under the kernel's own folders (`/proc`, `/sys`, `/dev`), where Node's recursive
 * `mkdir` never returns. Folders are made one level at a time for the same reason.
 */
import { mkdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Lang } from '../core/lang.js';
import { ConfigError, errnoCode } from '../core/errors.js';

const T = {
  vi: {
    notAFolder: (flag: string, out: string, file: string) =>
      `${flag} "${out}": "${file}" là một tệp, không phải thư mục. Chọn một thư mục khác để ghi kết quả.`,
    isInput: (flag: string, out: string, example: string) =>
      `${flag} "${out}" chính là một tệp đang được đọc; ghi vào đó sẽ làm mất tệp của đơn vị. Chọn một thư mục khác, ví dụ ${flag} ${example}.`,
    insideInbox: (flag: string, out: string, inbox: string) =>
      `${flag} "${out}" nằm trong thư mục đang đọc "${inbox}": lần chạy sau sẽ đọc báo cáo tổng hợp như một báo cáo của đơn vị. Chọn thư mục ghi ở ngoài "${inbox}", ví dụ ${flag} "${suggestOutside(inbox)}".`,
    filesInsideInbox: (flag: string, out: string, inbox: string) =>
      `${flag} "${out}" nằm trong thư mục đang đọc "${inbox}": các tệp ghi ra sẽ lẫn vào báo cáo của các đơn vị. Chọn thư mục ghi ở ngoài "${inbox}", ví dụ ${flag} "${suggestOutside(inbox)}".`,
    system: (flag: string, out: string, where: string, example: string) =>
      `${flag} "${out}" nằm trong "${where}", thư mục của hệ điều hành, không ghi tệp vào đó được. Chọn một chỗ bình thường, ví dụ ${flag} ${example}.`,
    overwritesInput: (file: string, target: string, flag: string) =>
      `Tệp đầu vào "${file}" chính là tệp kết quả "${target}" sẽ được ghi đè. Chuyển tệp đó ra chỗ khác hoặc chọn ${flag} khác.`,
  },
  en: {
    notAFolder: (flag: string, out: string, file: string) =>
      `${flag} "${out}": "${file}" is a file, not a folder. Choose another folder for the output.`,
    isInput: (flag: string, out: string, example: string) =>
      `${flag} "${out}" is one of the files being read; writing there would destroy a unit's file. Choose another folder, for example ${flag} ${example}.`,
    insideInbox: (flag: string, out: string, inbox: string) =>
      `${flag} "${out}" is inside the folder being read, "${inbox}": the next run would read the report as a unit's submission. Choose a folder outside "${inbox}", for example ${flag} "${suggestOutside(inbox)}".`,
    filesInsideInbox: (flag: string, out: string, inbox: string) =>
      `${flag} "${out}" is inside the folder being read, "${inbox}": the files written would mix with the units' reports. Choose a folder outside "${inbox}", for example ${flag} "${suggestOutside(inbox)}".`,
    system: (flag: string, out: string, where: string, example: string) =>
      `${flag} "${out}" is under "${where}", a folder of the operating system, where no file can be written. Choose an ordinary place, for example ${flag} ${example}.`,
    overwritesInput: (file: string, target: string, flag: string) =>
      `The input file "${file}" is the output file "${target}" that would be overwritten. Move it elsewhere or choose another ${flag}.`,
  },
} as const;

/** A folder next to the inbox, for the message: `…/Hộp thư-tong-hop`. */
function suggestOutside(inbox: string): string {
  const abs = path.resolve(inbox);
  return path.join(path.dirname(abs), `${path.basename(abs) || 'hop-thu'}-tong-hop`);
}

/** The kernel's folders on Linux: nothing a report can be written to, and mkdir may never return. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];
/** Ordinary memory-backed folders under those. */
const ORDINARY_UNDER_SYSTEM = ['/dev/shm'];

const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';
const same = (a: string, b: string): boolean =>
  caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b;
/** Whether `p` is `dir` or inside it (both absolute, resolved). */
function isWithin(p: string, dir: string): boolean {
  if (same(p, dir)) return true;
  const rel = path.relative(dir, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * The nearest path at or above `dir` that exists, whether it is a folder, and the paths missing
 * under it (deepest first). A part of the path that is a file ends the walk there (ENOTDIR); any
 * error but "not there" is thrown as it is. Nothing is created.
 */
async function nearestExisting(
  dir: string,
): Promise<{ existing: string; isFolder: boolean; missing: string[] }> {
  const missing: string[] = [];
  let p = path.resolve(dir);
  for (;;) {
    try {
      const st = await stat(p);
      return { existing: p, isFolder: st.isDirectory(), missing };
    } catch (e) {
      const parent = path.dirname(p);
      const code = errnoCode(e);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === p) throw e;
      missing.push(p);
      p = parent;
    }
  }
}

/**
 * Where `dir` really is: the real path of its nearest existing ancestor (links resolved) joined
 * with the parts still to be made, and that ancestor's kind. Nothing is created.
 */
async function resolveOut(
  dir: string,
): Promise<{ real: string; existing: string; isFolder: boolean }> {
  const { existing, isFolder, missing } = await nearestExisting(dir);
  const real = await realpath(existing).catch(() => existing);
  const rest = missing.reverse().map((m) => path.basename(m));
  return { real: path.join(real, ...rest), existing, isFolder };
}

/** Refuses a place under the kernel's folders (see the module comment). */
function checkNotSystem(
  real: string,
  flag: string,
  out: string,
  example: string,
  lang: Lang,
): void {
  if (process.platform === 'win32') return;
  const where = SYSTEM_FOLDERS.find((d) => isWithin(real, d));
  if (where && !ORDINARY_UNDER_SYSTEM.some((d) => isWithin(real, d)))
    throw new ConfigError(T[lang].system(flag, out, where, example));
}

/** What an output folder is checked for, and how the messages name it. */
export interface OutFolderCheck {
  /** The option that names the folder (default `--out`). */
  flag?: string;
  /** What goes into it: the report of `consolidate` (default), or other files (templates, letters). */
  writes?: 'report' | 'files';
  /** A folder name the messages suggest instead (default `tong-hop`, the report's). */
  example?: string;
}

/**
 * Refuses an output folder that would hang the run, destroy an input or be read back as input:
 * see the module comment. `inputs` are the paths given on the command line; see
 * {@link OutFolderCheck} for the rest.
 *
 * @throws {@link ConfigError} with a message in `lang` naming the folder and what to do.
 */
export async function checkOutFolder(
  out: string,
  inputs: string[],
  lang: Lang,
  { flag = '--out', writes = 'report', example = 'tong-hop' }: OutFolderCheck = {},
): Promise<void> {
  const t = T[lang];
  const { real, existing, isFolder } = await resolveOut(out);
  for (const input of inputs) {
    const realInput = await realpath(input).catch(() => null);
    if (realInput === null) continue;
    const st = await stat(realInput).catch(() => null);
    if (st?.isDirectory() && isWithin(real, realInput))
      throw new ConfigError(
        (writes === 'report' ? t.insideInbox : t.filesInsideInbox)(flag, out, input),
      );
    if (st && !st.isDirectory() && isWithin(real, realInput))
      throw new ConfigError(t.isInput(flag, out, example));
  }
  checkNotSystem(real, flag, out, example, lang);
  if (!isFolder) throw new ConfigError(t.notAFolder(flag, out, existing));
}

/**
 * Refuses an output file (`remind --state`) whose folder is under the kernel's folders or is a
 * file, with the messages of {@link checkOutFolder}; whether it is an input file is
 * {@link checkOutputsAreNotInputs}'s to say, once the inputs are listed.
 *
 * @throws {@link ConfigError}
 */
export async function checkOutFile(file: string, lang: Lang, flag: string): Promise<void> {
  const { real, existing, isFolder } = await resolveOut(path.dirname(path.resolve(file)));
  // The same file name in the current folder.
  checkNotSystem(real, flag, file, path.basename(file), lang);
  if (!isFolder) throw new ConfigError(T[lang].notAFolder(flag, file, existing));
}

/**
 * Refuses a run whose output files would replace one of its input files (a report given back as
 * input, or a link in the inbox leading to it). `targets` are the output file paths; `flag` the
 * option that names them.
 *
 * @throws {@link ConfigError}
 */
export async function checkOutputsAreNotInputs(
  targets: string[],
  files: string[],
  lang: Lang,
  flag = '--out',
): Promise<void> {
  const realTargets = await Promise.all(
    targets.map(async (t) => ({ t, real: (await resolveOut(t)).real })),
  );
  for (const file of files) {
    const real = await realpath(file).catch(() => null);
    if (real === null) continue;
    const hit = realTargets.find((x) => same(x.real, real));
    if (hit) throw new ConfigError(T[lang].overwritesInput(file, hit.t, flag));
  }
}

/**
 * The nearest folder that exists at or above `dir`, and the folders missing under it (deepest
 * first); a file in the way is ENOTDIR, any error but "not there" is thrown as it is.
 */
export async function nearestFolder(dir: string): Promise<{ folder: string; missing: string[] }> {
  const { existing, isFolder, missing } = await nearestExisting(dir);
  if (!isFolder)
    throw Object.assign(new Error(`${existing} is not a folder`), {
      code: 'ENOTDIR',
      path: existing,
    });
  return { folder: existing, missing };
}

/**
 * Makes a folder and its missing parents, one level at a time (Node's `recursive` mkdir loops for
 * ever under `/proc`). Resolves to true when it made the folder itself.
 */
export async function makeFolder(dir: string): Promise<boolean> {
  const { missing } = await nearestFolder(dir);
  for (const m of missing.reverse()) {
    try {
      await mkdir(m);
    } catch (e) {
      if (errnoCode(e) !== 'EEXIST') throw e;
    }
  }
  return missing.length > 0;
}
