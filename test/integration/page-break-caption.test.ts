/**
 * A table printed over two pages with its heading printed again under a caption line ("Biểu 01
 * (tiếp theo)"): one table, its rows numbering on ("4" after "3"). An outside tester's commune
 * report was refused as two Biểu 01 in one sheet (duplicate-form) and without a total. A table
 * whose rows start again at "1" under the same heading is another table, as before. The file is
 * the shipped SYNTHETIC Xã Khao Mang report (fixtures/lists-2026/agree) with the caption and the
 * heading inserted by openpyxl between its third and fourth villages.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KHAO_MANG, useKhaoMang2026 } from '../helpers/khao-mang.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-page-break-');
const { unitOf } = useKhaoMang2026();

/** Biểu 01 with its heading printed again under a caption before the fourth village. */
const continued = (name: string, renumber: boolean) =>
  editedByOpenpyxl(KHAO_MANG, path.join(tmp.path, name), [
    "ws = wb['Biểu số 01']",
    'ws.insert_rows(9, 3)',
    "ws.cell(9, 1).value = 'Biểu 01 (tiếp theo)'",
    'for c in range(1, ws.max_column + 1):',
    '    ws.cell(10, c).value = ws.cell(4, c).value',
    '    ws.cell(11, c).value = ws.cell(5, c).value',
    ...(renumber ? ['for r in range(12, 15): ws.cell(r, 1).value = r - 11'] : []),
  ]);

describe('a heading printed again under a caption line', () => {
  it.skipIf(!hasOpenpyxl())(
    'over rows numbering on: one table, read whole, the report accepted with its figures',
    async () => {
      const original = await unitOf(KHAO_MANG);
      const unit = await unitOf(
        continued('Khao Mang - tiep theo (openpyxl, synthetic).xlsx', false),
      );
      expect(unit?.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual([]);
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.subunits.map((s) => s.name)).toEqual(original?.subunits.map((s) => s.name));
    },
  );

  it.skipIf(!hasOpenpyxl())(
    'over rows numbered from 1 again: another table, not joined to the first',
    async () => {
      const unit = await unitOf(
        continued('Khao Mang - bang khac (openpyxl, synthetic).xlsx', true),
      );
      expect(unit?.status).toBe('rejected');
      // Both tables are in one sheet: each is named by its first heading row, the second at its
      // cell.
      const twice = unit?.findings.find((f) => f.code === 'duplicate-form');
      expect([twice?.cell, twice?.params.otherAt, twice?.params.at]).toEqual([
        'B10',
        ' (bảng từ dòng 4)',
        ' (bảng từ dòng 10)',
      ]);
    },
  );
});
