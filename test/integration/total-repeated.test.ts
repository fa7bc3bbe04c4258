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

const KHAO_MANG = path.resolve('fixtures/lao-cai-2026/Xã Khao Mang - BC giảm nghèo năm 2026.xlsx');

describe('a note under the table that starts as a total does', () => {
  // Found by an independent prober: "Tổng số 15 thôn | 15" under Biểu 01's total of a commune's
  // villages was a second total row (duplicate-total-row) and the valid report rejected; read as
  // a village instead, its 15 households would have broken the total.
  it.skipIf(!hasOpenpyxl()).each([
    ['Tổng số 15 thôn', [15], 'B01'],
    ['Tổng số thôn', [7], 'B01'],
    ['Tổng số hộ điều tra', [2359, 9], 'B01'],
    // Under Biểu 05: "45" is no count of 15 households' deprivations (at most 2 each), and is
    // not checked as one.
    ['Tổng số 15 thôn', [15, 45], 'B05'],
  ])(
    '"%s" %j in %s, most cells blank: not counted, the report accepted as shipped',
    async (label, figures, sheet) => {
      const dest = editedByOpenpyxl(
        KHAO_MANG,
        path.join(tmp.path, `${label} ${sheet} ${figures.length}`, path.basename(KHAO_MANG)),
        [
          'import json',
          'ws = wb[sys.argv[5]]',
          'ws.cell(15, 2).value = sys.argv[3]',
          'for k, v in enumerate(json.loads(sys.argv[4])): ws.cell(15, 3 + k).value = v',
        ],
        { args: [label, JSON.stringify(figures), sheet], dataOnly: true },
      );
      const run = (file: string) => consolidatedUnit(file, '2026', '04465', { lang: 'vi' });
      const [unit, original] = [await run(dest), await run(KHAO_MANG)];
      expect(unit?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.subunits).toEqual(original?.subunits);
    },
  );

  it.skipIf(!hasOpenpyxl())(
    'a second total with its figures in most cells is still one',
    async () => {
      const dest = editedByOpenpyxl(
        KHAO_MANG,
        path.join(tmp.path, 'second', path.basename(KHAO_MANG)),
        [
          "ws = wb['B01']",
          'for c in range(1, 10): ws.cell(15, c).value = ws.cell(14, c).value',
          'ws.cell(15, 2).value = "Tổng số"',
          'ws.cell(15, 4).value = ws.cell(14, 4).value - 10',
        ],
        { dataOnly: true },
      );
      const unit = await consolidatedUnit(dest, '2026', '04465', { lang: 'vi' });
      expect(unit?.status).toBe('rejected');
      expect(unit?.findings.map((f) => f.code)).toContain('duplicate-total-row');
    },
  );
});
