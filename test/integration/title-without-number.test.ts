/**
 * Biểu 04 and Biểu 05 headed alike ("Tổng số hộ", "Tổng số lượt thiếu hụt", the twelve
 * indicators), titled without their numbers ("THIẾU HỤT CÁC DỊCH VỤ XÃ HỘI CƠ BẢN CỦA HỘ NGHÈO …",
 * "… CỦA HỘ CẬN NGHÈO …") on sheets named neither: the title's words tell which is which (found
 * by an independent prober: both were read as Biểu 04). The file is the shipped SYNTHETIC Trạm Tấu
 * report of 2022-H1 edited by openpyxl (skipped when it is not installed).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-title-without-number-');
const SHIPPED = path.resolve('fixtures/2022-H1/Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx');

describe.skipIf(!hasOpenpyxl())('two forms headed alike, titled without their numbers', () => {
  it('Biểu 05 before Biểu 04: each read as its title says, the shipped figures', async () => {
    const dest = editedByOpenpyxl(SHIPPED, freshCopyPath(tmp.path, SHIPPED), [
      'for name, sheet in (("Biểu 04", "Trang 5"), ("Biểu 05", "Trang 4")):',
      '    ws = wb[name]',
      '    ws["A4"] = ws["A4"].value.split(": ", 1)[1]',
      '    ws["C6"] = "Tổng số hộ"',
      '    ws.title = sheet',
      'wb.move_sheet("Trang 4", offset=-1)',
    ]);
    const run = (file: string) => consolidatedUnit(file, '2022-H1', '139', { lang: 'en' });
    const [unit, original] = [await run(dest), await run(SHIPPED)];
    expect(original?.status).toBe('accepted');
    expect(unit?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.subunits).toEqual(original?.subunits);
  });
});
