import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { newWorkbook, WORKBOOK_MODULE, CSV_MODULE } from '../../src/io/exceljs-workbook.js';

const require = createRequire(import.meta.url);

describe('exceljs Workbook loaded on its own', () => {
  it('is the class the package exports (an exceljs release that moves it fails here)', () => {
    expect(require(WORKBOOK_MODULE)).toBe(ExcelJS.Workbook);
    expect(typeof require(CSV_MODULE)).toBe('function');
    expect(newWorkbook()).toBeInstanceOf(ExcelJS.Workbook);
  });

  it('reads back what it writes', async () => {
    const wb = newWorkbook();
    wb.addWorksheet('Biểu 01').getCell('B3').value = 'Xã Nà Hẩu';
    const bytes = await wb.xlsx.writeBuffer();
    const back = newWorkbook();
    await back.xlsx.load(bytes);
    expect(back.getWorksheet('Biểu 01')?.getCell('B3').value).toBe('Xã Nà Hẩu');
  });
});
