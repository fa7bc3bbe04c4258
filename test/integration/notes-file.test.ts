/**
 * A notes sheet beside the forms: a workbook exported by LibreOffice sheet by sheet ("VanYen-Ghi
 * chú.csv" beside "VanYen-Bieu so 01.csv" …) gave the notes' CSV `no-form-found`, an error, on a
 * unit whose report was whole and accepted (independent prober C #3). A file of words only is a
 * document beside the reports: a warning, not an error; alone, its unit still lacks its forms. A
 * file with figures and no heading the tool knows is still `no-form-found`. The workbook is the
 * shipped SYNTHETIC Văn Yên report with a notes sheet added by openpyxl, split by LibreOffice.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/commands/check-files.js';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { convertWithLibreOffice, libreOfficeSkipReason } from '../helpers/libreoffice.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-notes-file-');
const SHIPPED = path.resolve('fixtures/2022-H1/VanYen_Bieu01-05_6thang2022.xlsx');
const now = new Date('2022-07-20T03:00:00Z');
const skip = !hasOpenpyxl() || libreOfficeSkipReason() !== null;
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2022-H1' });
});

/** The shipped report with a notes sheet, each sheet saved by LibreOffice as a CSV of its own. */
async function splitWithNotes(): Promise<string[]> {
  const book = editedByOpenpyxl(SHIPPED, path.join(tmp.path, 'in', 'VanYen.xlsx'), [
    "ws = wb.create_sheet('Ghi chú')",
    "ws['A1'] = 'Ghi chú'",
    "ws['A2'] = '1. Số liệu rà soát theo Quyết định số 123/QĐ-UBND ngày 10/6/2022 của UBND huyện.'",
    "ws['A3'] = '2. Xã Mậu Đông: 3 hộ chuyển đi trong kỳ.'",
  ]);
  const out = path.join(tmp.path, 'csv');
  mkdirSync(out, { recursive: true });
  // One CSV per sheet (the last field, -1), UTF-8 (76), as LibreOffice names them: <file>-<sheet>.csv.
  await convertWithLibreOffice([book], out, {
    to: 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
    recalc: false,
  });
  return readdirSync(out).map((f) => path.join(out, f));
}

describe.skipIf(skip)('a notes file beside the forms', () => {
  it('is a warning on a unit whose forms came whole: accepted, the figures those of the workbook', async () => {
    const files = await splitWithNotes();
    const notes = files.find((f) => f.endsWith('Ghi chú.csv'));
    expect(notes).toBeDefined();
    const checked = await checkFiles(files, setup.run, { period: '2022-H1', lang: 'en' });
    const ofNotes = checked.find((f) => f.file === notes);
    expect(ofNotes?.findings.map((f) => [f.code, f.severity])).toContainEqual([
      'file-without-figures',
      'warning',
    ]);
    expect(checked.flatMap((f) => f.findings).filter((f) => f.severity === 'error')).toEqual([]);

    const whole = await consolidateFiles(setup, [SHIPPED], { period: '2022-H1', lang: 'en', now });
    const split = await consolidateFiles(setup, files, { period: '2022-H1', lang: 'en', now });
    const unit = split.units.find((u) => u.code === '136');
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(whole.units.find((u) => u.code === '136')?.values);

    // Sent alone, it is no report: no form found, and the unit lacks its forms.
    const [only] = await checkFiles([notes ?? ''], setup.run, { period: '2022-H1', lang: 'en' });
    expect(only?.findings.map((f) => [f.code, f.severity])).toContainEqual([
      'no-form-found',
      'error',
    ]);
    expect(only?.valid).toBe(false);
    const alone = await consolidateFiles(setup, [notes ?? ''], {
      period: '2022-H1',
      lang: 'en',
      now,
    });
    const lacking = alone.units.find((u) => u.code === '136');
    expect(lacking?.status).toBe('rejected');
    expect(lacking?.findings.map((f) => f.code)).toContain('missing-form');
  });
});

it('a file with figures under headings of no form is still no-form-found, an error', async () => {
  const file = path.join(tmp.path, 'VanYen_Bieu09_2022-H1.csv');
  writeFileSync(
    file,
    'STT,Đơn vị,Số công trình,Kinh phí,Số người hưởng\r\n1,Xã An Bình,3,1200,45\r\n2,Xã Đại Sơn,2,800,30\r\n',
  );
  const [checked] = await checkFiles([file], setup.run, { period: '2022-H1', lang: 'en' });
  expect(checked?.findings.map((f) => [f.code, f.severity])).toContainEqual([
    'no-form-found',
    'error',
  ]);
  expect(checked?.valid).toBe(false);
});
