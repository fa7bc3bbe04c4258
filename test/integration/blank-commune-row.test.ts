/**
 * A commune's row kept with its name and every figure left blank, in every form (the clerk had
 * no figures from it yet): it was told as a row the form does not have ("Biểu 01 không có dòng
 * của Xã Cảm Nhân"), with no cell, while the row is there (an outside tester's report). It is
 * `subunit-row-blank` now, at the row's name cell in each form. The file is the shipped
 * SYNTHETIC Yên Bình report (fixtures/2022-H1) with that row emptied by openpyxl.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-blank-row-');
const YEN_BINH = path.resolve('fixtures/2022-H1/Yên Bình_6 tháng đầu năm 2022.xlsx');
const now = new Date('2026-12-20T03:00:00Z');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2022-H1' });
});

describe('a commune’s row with its name and no figure', () => {
  it.skipIf(!hasOpenpyxl())('is said blank at its cell in each form, not missing', async () => {
    const file = editedByOpenpyxl(
      YEN_BINH,
      path.join(tmp.path, 'Yên Bình_6 tháng đầu năm 2022.xlsx'),
      [
        'for ws in wb.worksheets:',
        '    for row in ws.iter_rows():',
        "        if len(row) > 2 and isinstance(row[1].value, str) and 'Cảm Nhân' in row[1].value:",
        '            for c in row[2:]: c.value = None',
      ],
      { dataOnly: true },
    );
    const report = await consolidateFiles(setup, [file], { period: '2022-H1', lang: 'vi', now });
    const unit = report.units.find((u) => u.code === '141');
    const said = unit?.findings.filter((f) => f.subunit === 'Xã Cảm Nhân');
    expect(said?.map((f) => [f.code, f.sheet, f.cell])).toEqual([
      ['subunit-row-blank', 'Biểu 01', 'B14'],
      ['subunit-row-blank', 'Biểu 02', 'B14'],
      ['subunit-row-blank', 'Biểu 03', 'B14'],
      ['subunit-row-blank', 'Biểu 04', 'B16'],
      ['subunit-row-blank', 'Biểu 05', 'B15'],
    ]);
    expect(unit?.findings.map((f) => f.code)).not.toContain('subunit-missing');
  });
});
