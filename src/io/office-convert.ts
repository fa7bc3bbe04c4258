/**
 * Workbooks the tool cannot read itself (Excel 97–2003 `.xls`, LibreOffice `.ods`) converted to
 * `.xlsx` by LibreOffice, when it is installed on the machine: `soffice --headless --convert-to
 * xlsx`, on a copy in a folder of its own, with a throwaway profile (so that two conversions, or
 * a LibreOffice the clerk has open, do not meet). The input is never touched; nothing is kept.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Set to `1` to never convert (a machine where LibreOffice must not run). */
export const NO_CONVERT_ENV = 'POVREPORT_NO_OFFICE';

/** LibreOffice's import filter of each format. */
const FILTERS = { xls: 'MS Excel 97', ods: 'calc8' } as const;

/** How long one conversion may take. */
const TIMEOUT_MS = 120_000;

/** LibreOffice's `soffice` on the PATH or where its installers put it; null when none. */
export function findSoffice(): string | null {
  const exe = process.platform === 'win32' ? 'soffice.exe' : 'soffice';
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const root of [process.env.ProgramFiles, process.env['ProgramFiles(x86)']])
    if (root) dirs.push(path.join(root, 'LibreOffice', 'program'));
  dirs.push('/usr/bin', '/usr/local/bin', '/Applications/LibreOffice.app/Contents/MacOS');
  for (const d of dirs) {
    const p = path.join(d, exe);
    if (existsSync(p)) return p;
  }
  return null;
}

/**
 * The `.xlsx` bytes LibreOffice makes of `bytes` (a workbook of kind `ext`: `xls`, `ods`); null
 * when conversion is turned off, LibreOffice is not installed, or it made nothing of the file.
 */
export async function convertToXlsx(bytes: Buffer, ext: 'xls' | 'ods'): Promise<Buffer | null> {
  if (process.env[NO_CONVERT_ENV] === '1') return null;
  const soffice = findSoffice();
  if (soffice === null) return null;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'povreport-office-'));
  try {
    const input = path.join(dir, `in.${ext}`);
    const out = path.join(dir, 'out');
    const profile = path.join(dir, 'profile');
    await writeFile(input, bytes);
    // Loaded here, not with the module: node:child_process (and node:net under it) costs every
    // run a few milliseconds, and only a .xls or .ods file converts.
    const { execFile } = createRequire(import.meta.url)(
      'node:child_process',
    ) as typeof import('node:child_process');
    await new Promise<void>((resolve) => {
      execFile(
        soffice,
        [
          '--headless',
          '--norestore',
          '--nolockcheck',
          `-env:UserInstallation=${pathToFileURL(profile).href}`,
          // The format named: a damaged file is then no file, not its bytes imported as text.
          `--infilter=${FILTERS[ext]}`,
          '--convert-to',
          'xlsx',
          '--outdir',
          out,
          input,
        ],
        { timeout: TIMEOUT_MS, windowsHide: true, env: { ...process.env, HOME: profile } },
        () => {
          resolve();
        },
      );
    });
    try {
      return await readFile(path.join(out, 'in.xlsx'));
    } catch {
      return null;
    }
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
