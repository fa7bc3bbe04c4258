/**
 * A total row whose counts are SUM formulas saved without their results (a file written by a
 * program that does not compute, openpyxl here), its rates typed as numbers: the counts were
 * taken for empty cells and the row for one giving rates only (`rate-only-row`), so the form had
 * no total (`missing-total-row`, asking for the SUM row the file has). The counts are said at
 * their cells now (`formula-no-result`), the row stays the total (an outside tester's file). The
 * file is the shipped SYNTHETIC 2026 report of Xã Khao Mang with its totals made formulas.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-total-formulas-');
const KHAO_MANG = path.resolve('fixtures/lao-cai-2026/Xã Khao Mang - BC giảm nghèo năm 2026.xlsx');

describe('a total row of SUM formulas saved without their results', () => {
  it.skipIf(!hasOpenpyxl())('is the total, its counts said at their cells', async () => {
    const file = editedByOpenpyxl(
      KHAO_MANG,
      path.join(tmp.path, 'Xã Khao Mang - BC giảm nghèo năm 2026.xlsx'),
      [
        "ws = wb['B01']",
        "assert ws['B14'].value == 'Tổng cộng'",
        "for col in 'CDFHI': ws[f'{col}14'] = f'=SUM({col}7:{col}13)'",
      ],
      { dataOnly: true },
    );
    const unit = await consolidatedUnit(file, '2026', '04465');
    expect(unit?.status).toBe('rejected');
    const b01 = unit?.findings.filter((f) => f.sheet === 'B01') ?? [];
    expect(b01.filter((f) => f.severity === 'error').map((f) => [f.code, f.cell])).toEqual(
      ['C14', 'D14', 'F14', 'H14', 'I14'].map((c) => ['formula-no-result', c]),
    );
    const codes = unit?.findings.map((f) => f.code) ?? [];
    expect(codes).not.toContain('missing-total-row');
    expect(codes).not.toContain('rate-only-row');
  });
});
