/**
 * The total given at both ends of the table: above the rows (as a web system's export puts it)
 * and again below them (as the clerk adds it), the same figures in both (an outside tester's
 * layout). Either row read as the total gives the same report, so it is not two readings: a
 * warning, the figures counted once. Two totals that differ, or a second total that is not at
 * the table's other end, stay the error `duplicate-total-row` or a mismatch. The files are the
 * shipped SYNTHETIC Mù Cang Chải report (fixtures/2022-H1) edited by openpyxl.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-total-repeated-');
const MU_CANG_CHAI = path.resolve('fixtures/2022-H1/MuCangChai_2022-H1.xlsx');
const unitOf = (file: string) => consolidatedUnit(file, '2022-H1', '137', { lang: 'vi' });

/** Each sheet's total row (row 16) copied above the communes (a new row 2), `off` added to C. */
const totalAbove = (name: string, off: number) =>
  editedByOpenpyxl(
    MU_CANG_CHAI,
    path.join(tmp.path, name, 'MuCangChai_2022-H1.xlsx'),
    [
      'for ws in wb.worksheets:',
      '    ws.insert_rows(2)',
      '    for c in range(1, ws.max_column + 1): ws.cell(2, c).value = ws.cell(17, c).value',
      "    ws.cell(2, 2).value = 'Tổng cộng'",
      `    ws.cell(2, 3).value += ${off}`,
    ],
    { dataOnly: true },
  );

describe('the total given above and below the rows', () => {
  it.skipIf(!hasOpenpyxl())(
    'with the same figures is counted once, with a warning at the second',
    async () => {
      const original = await unitOf(MU_CANG_CHAI);
      const unit = await unitOf(totalAbove('giong', 0));
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.subunits.map((s) => [s.name, s.values])).toEqual(
        original?.subunits.map((s) => [s.name, s.values]),
      );
      const said = unit?.findings.filter((f) => f.severity !== 'info');
      expect(said?.map((f) => [f.code, f.sheet, f.severity])).toEqual(
        ['Bieu01', 'Bieu02', 'Bieu03', 'Bieu04', 'Bieu05'].map((s) => [
          'total-row-repeated',
          s,
          'warning',
        ]),
      );
      expect(said?.every((f) => f.cell === 'B2' || f.cell === 'B17')).toBe(true);
    },
  );

  it.skipIf(!hasOpenpyxl())('that differ in one figure are not taken', async () => {
    const unit = await unitOf(totalAbove('lech', 1));
    expect(unit?.status).toBe('rejected');
    const codes = unit?.findings.filter((f) => f.severity === 'error').map((f) => f.code);
    expect(codes?.length).toBeGreaterThan(0);
    expect(unit?.findings.map((f) => f.code)).not.toContain('total-row-repeated');
  });
});
