/**
 * A column out of the form's order, headed by no words of the form, that is on every row the sum
 * of three or more of the form's columns: Biểu 04's "Tổng số lượt thiếu hụt" moved after the
 * twelve indicators and headed "Cộng" (an outside tester's file). Only the form's order placed an
 * unheaded column, so the form was refused for missing it. The sum decides now, said as a
 * warning; a column that is not the sum is not read. The files are the shipped SYNTHETIC Mù Cang
 * Chải report (fixtures/2022-H1) with the column moved by openpyxl.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-sum-column-');
const MU_CANG_CHAI = path.resolve('fixtures/2022-H1/MuCangChai_2022-H1.xlsx');
const unitOf = (file: string) => consolidatedUnit(file, '2022-H1', '137', { lang: 'vi' });

/** Biểu 04 with column D (the deprivations' total) moved to the end, headed "Cộng"; `off` added to one row. */
const moved = (name: string, off: number) =>
  editedByOpenpyxl(MU_CANG_CHAI, path.join(tmp.path, name), [
    "ws = wb['Bieu04']",
    'last = ws.max_column + 1',
    'for r in range(1, ws.max_row + 1): ws.cell(r, last).value = ws.cell(r, 4).value',
    "ws.cell(1, last).value = 'Cộng'",
    `ws.cell(3, last).value += ${off}`,
    'ws.delete_cols(4)',
  ]);

describe('a sum column moved out of the form’s order', () => {
  it.skipIf(!hasOpenpyxl())(
    'is read as the sum it is, said at its heading; the figures are the report’s',
    async () => {
      const original = await unitOf(MU_CANG_CHAI);
      const unit = await unitOf(moved('MuCangChai_2022-H1.xlsx', 0));
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      const said = unit?.findings.filter((f) => f.code === 'column-by-arithmetic');
      expect(said?.map((f) => [f.sheet, f.cell, f.params.sumOf, f.params.heading])).toEqual([
        ['Bieu04', 'P1', 12, 'Cộng'],
      ]);
    },
  );

  it.skipIf(!hasOpenpyxl())('is not read when it is not the sum on every row', async () => {
    const unit = await unitOf(moved('MuCangChai_2022-H1 lech.xlsx', 1));
    expect(unit?.status).toBe('rejected');
    expect(unit?.findings.map((f) => f.code)).toContain('missing-column');
  });
});
