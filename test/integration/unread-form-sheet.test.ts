/**
 * A sheet named as a form whose headings the tool cannot read: `validate` said ✔ (a warning) while
 * `consolidate` rejected the unit for the missing form (independent probers A #8, C #4g). Both now
 * say it is an error. The file is the shipped SYNTHETIC Mù Cang Chải report with Biểu 03's
 * headings replaced by openpyxl when it is installed (else exceljs).
 */
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { checkFiles } from '../../src/commands/check-files.js';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { withCellsEdited } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-unread-sheet-');
const SHIPPED = path.resolve('fixtures/2022-H1/MuCangChai_2022-H1.xlsx');
const now = new Date('2022-07-20T03:00:00Z');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2022-H1' });
});

it('a form sheet whose headings are not read is an error in validate as in consolidate', async () => {
  const edits = Array.from({ length: 14 }, (_, k) => ({
    sheet: 'Bieu03',
    row: 1,
    col: k + 3,
    value: `Cột ${k + 1}`,
  }));
  const file = await withCellsEdited(
    SHIPPED,
    path.join(tmp.path, 'MuCangChai_2022-H1.xlsx'),
    edits,
  );
  const [checked] = await checkFiles([file], setup.run, { period: '2022-H1', lang: 'en' });
  expect(checked?.valid).toBe(false);
  expect(
    checked?.findings
      .filter((f) => f.code === 'form-sheet-unread')
      .map((f) => [f.severity, f.sheet, f.form]),
  ).toEqual([['error', 'Bieu03', '03']]);
  const report = await consolidateFiles(setup, [file], { period: '2022-H1', lang: 'en', now });
  expect(report.units.find((u) => u.code === '137')?.status).toBe('rejected');
});
