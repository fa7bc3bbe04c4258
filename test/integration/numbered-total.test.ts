/**
 * A row numbered as the next of the rows above it is the next item of their list, never their
 * total, however it adds up. An outside tester's commune report had three villages and no total
 * row, the third equal to the first two together: it was read as the total and the report
 * accepted with two villages, the third one's households lost. The file here is the shipped
 * SYNTHETIC Xã Khao Mang report (fixtures/lists-2026/agree) changed by openpyxl (another writer
 * than ours): its "Cộng" row removed and its sixth village, "6 | Bản Háng Chú", given the sum of
 * the five above it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KHAO_MANG, useKhaoMang2026 } from '../helpers/khao-mang.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-numbered-total-');
const { consolidate } = useKhaoMang2026();

describe('a numbered row equal to the sum of the rows above it', () => {
  it.skipIf(!hasOpenpyxl())(
    'is the last village, not the total: no total row is read and the report is rejected',
    async () => {
      const dest = editedByOpenpyxl(
        KHAO_MANG,
        path.join(tmp.path, 'Xa Khao Mang - khong dong tong (openpyxl, synthetic).xlsx'),
        [
          'for ws in wb.worksheets:',
          '    rates = [c for c in range(3, ws.max_column + 1) if "%" in str(ws.cell(4, c).value)]',
          '    for c in range(3, ws.max_column + 1):',
          '        if c not in rates: ws.cell(11, c).value = sum(ws.cell(r, c).value or 0 for r in range(6, 11))',
          '    for c in rates: ws.cell(11, c).value = round(ws.cell(11, c - 1).value / ws.cell(11, 3).value * 100, 2)',
          '    ws.delete_rows(12)',
        ],
      );
      const report = await consolidate([dest]);
      const unit = report.units.find((u) => u.code === '04465');
      expect(unit?.status).toBe('rejected');
      const codes = new Set(unit?.findings.map((f) => f.code));
      expect(codes).toContain('missing-total-row');
      expect(report.total.poor ?? 0).toBe(0);
    },
  );
});
