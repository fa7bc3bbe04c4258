/**
 * Biểu 04 and Biểu 05 in one sheet, without their titles and headed alike ("Tổng số hộ" over both
 * counts): the second heading, under the first table's total, was taken for the first printed
 * again at a page break, and the second table's villages for more rows of the first: twelve
 * errors of villages written twice and of rows missing from Biểu 01, none saying what was wrong
 * (outside tester P: c15, d16, x09). Rows that number again from 1 under the second heading make
 * it a table of its own: one `duplicate-form` error naming both tables. The file is the shipped
 * SYNTHETIC 2026 report of Xã Khao Mang (fixtures/lao-cai-2026) rearranged by openpyxl.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-untitled-alike-');
const KHAO_MANG = path.resolve('fixtures/lao-cai-2026/Xã Khao Mang - BC giảm nghèo năm 2026.xlsx');

describe.skipIf(!hasOpenpyxl())('two untitled tables headed alike in one sheet', () => {
  it('are two tables: one error naming both, no village said twice', async () => {
    const file = editedByOpenpyxl(KHAO_MANG, freshCopyPath(tmp.path, KHAO_MANG), [
      "ws, near = wb['B04'], wb['B05']",
      'ws.cell(4, 1).value = None',
      'for r in range(6, 15):',
      '    for c in range(1, 17):',
      '        ws.cell(r + 10, c).value = near.cell(r, c).value',
      "ws.cell(6, 3).value = ws.cell(16, 3).value = 'Tổng số hộ'",
      'del wb["B05"]',
    ]);
    const unit = await consolidatedUnit(file, '2026', '04465', { lang: 'en' });
    expect(unit?.status).toBe('rejected');
    const errors = unit?.findings.filter((f) => f.severity === 'error') ?? [];
    // Biểu 05 is then missing (its sheet was taken away): said once for the file.
    expect(errors.map((f) => [f.code, f.sheet, f.cell, f.form])).toEqual([
      ['duplicate-form', 'B04', 'B16', '04'],
      ['missing-form', null, null, '05'],
    ]);
  });
});
