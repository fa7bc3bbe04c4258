/**
 * Workbooks in formats the tool does not read itself, converted by LibreOffice when it is
 * installed: the shipped Trạm Tấu 2022-H1 report (SYNTHETIC) saved by LibreOffice as Excel 97–2003
 * (.xls) and as OpenDocument (.ods), as district clerks' machines save them. Read, the figures
 * are the original's, with the info finding file-converted; with conversion turned off, the .xls
 * is the error file-xls as before (and the .ods no spreadsheet), and the input is never changed.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { NO_CONVERT_ENV } from '../../src/io/office-convert.js';
import { convertWithLibreOffice, libreOfficeSkipReason } from '../helpers/libreoffice.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-office-');
const SHIPPED = path.resolve('fixtures/2022-H1/Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx');
const skip = libreOfficeSkipReason();
const now = new Date('2022-12-20T03:00:00Z');
let setup: Setup;
const saved: Record<string, string> = {};
beforeAll(async () => {
  setup = await loadSetup({});
  if (skip !== null) return;
  // A name with spaces and Vietnamese letters, as the clerk saved it.
  const src = path.join(tmp.path, 'src', 'Trạm Tấu báo cáo 6 tháng.xlsx');
  mkdirSync(path.dirname(src), { recursive: true });
  copyFileSync(SHIPPED, src);
  for (const to of ['xls', 'ods']) {
    const dir = path.join(tmp.path, to);
    await convertWithLibreOffice([src], dir, { to, recalc: false });
    saved[to] = path.join(dir, `Trạm Tấu báo cáo 6 tháng.${to}`);
  }
}, 240_000);
afterEach(() => {
  vi.unstubAllEnvs();
});

async function unitOf(file: string) {
  const report = await consolidateFiles(setup, [file], { period: '2022-H1', lang: 'en', now });
  return report.units.find((u) => u.code === '139');
}
const sha = (f: string): string => createHash('sha256').update(readFileSync(f)).digest('hex');

describe.skipIf(skip !== null)(`a .xls or .ods report${skip ? ` (${skip})` : ''}`, () => {
  it.each(['xls', 'ods'])(
    'saved as .%s is read through LibreOffice: the figures of the original',
    async (to) => {
      const file = saved[to] ?? '';
      const before = sha(file);
      const original = await unitOf(SHIPPED);
      const unit = await unitOf(file);
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.subunits.map((s) => [s.name, s.values])).toEqual(
        original?.subunits.map((s) => [s.name, s.values]),
      );
      const said = unit?.findings.filter((f) => f.code === 'file-converted');
      expect(said?.map((f) => [f.severity, f.params.format])).toEqual([['info', `.${to}`]]);
      expect(sha(file)).toBe(before);
    },
    120_000,
  );

  it('with conversion turned off, the .xls is file-xls and the .ods no spreadsheet', async () => {
    vi.stubEnv(NO_CONVERT_ENV, '1');
    const codes = async (file: string) =>
      (await consolidateFiles(setup, [file], { period: '2022-H1', lang: 'en', now })).findings.map(
        (f) => f.code,
      );
    expect(await codes(saved.xls ?? '')).toContain('file-xls');
    expect(await codes(saved.ods ?? '')).toContain('file-not-spreadsheet');
  });
});
