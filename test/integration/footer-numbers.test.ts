/**
 * Numbers under the table that are no sub-unit's figures: a note naming a date with its day,
 * month and year in the figure columns ("Ghi chú: … | 2 | 30 | 11 | 2026"), a signer's telephone
 * number, and the date line written over several cells ("Khao Mang, ngày | 5 | tháng | 12 | năm |
 * 2026"). An outside tester's commune reports: these rows were read as villages, and the total
 * said not to add up. The file is the shipped SYNTHETIC Xã Khao Mang report
 * (fixtures/lists-2026/agree) with those rows written under its total by openpyxl.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KHAO_MANG, useKhaoMang2026 } from '../helpers/khao-mang.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-footer-numbers-');
const { unitOf } = useKhaoMang2026();

describe('numbers in the lines under the table', () => {
  it.skipIf(!hasOpenpyxl())(
    'a note with a date’s numbers, a telephone number and a date line over several cells are not villages',
    async () => {
      const original = await unitOf(KHAO_MANG);
      const dest = editedByOpenpyxl(
        KHAO_MANG,
        path.join(tmp.path, 'Xa Khao Mang - ghi chu co so (openpyxl, synthetic).xlsx'),
        [
          'for ws in wb.worksheets:',
          '    for r in range(13, 20):',
          '        for c in range(1, ws.max_column + 1): ws.cell(r, c).value = None',
          '    for c, v in zip(range(2, 8), ["Ghi chú: 02 bản đặc biệt khó khăn; số liệu chốt ngày 30/11/2026", None, 2, 30, 11, 2026]): ws.cell(13, c).value = v',
          '    ws.cell(14, 2).value, ws.cell(14, 4).value = "Người lập biểu: ĐT", 912345678',
          '    for c, v in zip(range(4, 10), ["Khao Mang, ngày", 5, "tháng", 12, "năm", 2026]): ws.cell(16, c).value = v',
          '    ws.cell(17, 4).value = "TM. ỦY BAN NHÂN DÂN"',
        ],
      );
      const unit = await unitOf(dest);
      expect(unit?.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual([]);
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.subunits.map((s) => s.name)).toEqual(original?.subunits.map((s) => s.name));
    },
  );
});
