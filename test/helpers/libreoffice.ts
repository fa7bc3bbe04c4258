/**
 * LibreOffice headless for tests: re-saving our workbooks with real office software (and reading
 * what it wrote) checks our writer against something other than our own reader.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findSoffice } from '../../src/io/office-convert.js';

/** soffice where the tool itself looks for it, or null: LibreOffice checks are skipped without it. */
export { findSoffice };

/**
 * Why LibreOffice tests are skipped, or null when they run. `.ci/run` sets
 * POVREPORT_REQUIRE_LIBREOFFICE=1: there a missing soffice fails those tests instead of skipping
 * them, so a CI machine without LibreOffice cannot pass by running less.
 */
export function libreOfficeSkipReason(): string | null {
  if (findSoffice() !== null || process.env.POVREPORT_REQUIRE_LIBREOFFICE === '1') return null;
  return 'LibreOffice (soffice) is not installed: skipped';
}

/**
 * Converts files with LibreOffice headless (`--convert-to xlsx` by default) into `outDir`, with a
 * throwaway profile. `recalc`: the profile tells LibreOffice to recalculate every formula on load;
 * by default it keeps an .xlsx's cached results (even with `fullCalcOnLoad`), which would only echo
 * our own numbers back. `infilter` names the import filter (e.g. `HTML (StarCalc)`, so an HTML
 * page opens in Calc rather than in Writer).
 */
export async function convertWithLibreOffice(
  files: string[],
  outDir: string,
  opts: { to?: string; recalc?: boolean; infilter?: string } = {},
): Promise<void> {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed');
  const profile = path.join(os.tmpdir(), `lo-${randomBytes(6).toString('hex')}`);
  await mkdir(path.join(profile, 'user'), { recursive: true });
  if (opts.recalc ?? true)
    await writeFile(
      path.join(profile, 'user', 'registrymodifications.xcu'),
      `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
    );
  try {
    await promisify(execFile)(
      soffice,
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${profile}`,
        ...(opts.infilter ? [`--infilter=${opts.infilter}`] : []),
        '--convert-to',
        opts.to ?? 'xlsx',
        '--outdir',
        outDir,
        ...files,
      ],
      { timeout: 120_000, env: { ...process.env, HOME: profile } },
    );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
