import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

import { cellAt, type SheetGrid } from '../../src/core/grid.js';
import { readXlsx } from '../../src/io/read-xlsx.js';
import { ReadError } from '../../src/core/errors.js';

/** A small Biểu 01 as a district might send it, plus a hidden metadata sheet. */
async function buildWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Biểu 01');
  ws.getCell('A1').value = 'UBND HUYỆN TRẠM TẤU';
  ws.mergeCells('C3:E3');
  ws.getCell('C3').value = 'Hộ nghèo';
  ws.getCell('C4').value = { richText: [{ text: 'Số ', font: { bold: true } }, { text: 'hộ' }] };
  ws.getCell('D4').value = 'Tỷ lệ (%)';
  ws.getCell('A5').value = 'Xã Pá Hu';
  ws.getCell('B5').value = 1234;
  ws.getCell('C5').value = 223;
  ws.getCell('D5').value = 0.1807;
  ws.getCell('D5').numFmt = '0.00%';
  ws.getCell('C6').value = { formula: 'SUM(C5:C5)', result: 223 };
  ws.getCell('D6').value = { formula: 'C6/B5' };
  ws.getCell('E6').value = { formula: '#REF!/B5', result: { error: '#REF!' } };
  ws.getCell('F6').value = { error: '#DIV/0!' };
  ws.getCell('A8').value = new Date(Date.UTC(2022, 5, 30));
  ws.getCell('B8').value = { text: 'Sở LĐTBXH', hyperlink: 'https://example.org' };
  ws.getCell('C8').value = '  Ghi chú  ';
  ws.getCell('D8').value = true;
  const meta = wb.addWorksheet('_povreport', { state: 'veryHidden' });
  meta.getCell('A1').value = 'form';
  meta.getCell('B1').value = '01';
  wb.addWorksheet('Ẩn', { state: 'hidden' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function sheet(sheets: SheetGrid[], name: string): SheetGrid {
  const s = sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

describe('readXlsx', () => {
  it('reads every sheet in tab order, with hidden flags', async () => {
    const { sheets } = await readXlsx(await buildWorkbook());
    expect(sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Biểu 01', false],
      ['_povreport', true],
      ['Ẩn', true],
    ]);
    expect(cellAt(sheet(sheets, '_povreport'), 0, 1)).toEqual({ value: '01' });
  });

  it('keeps a merged heading in its top-left cell only, with the range 0-based', async () => {
    const s = sheet((await readXlsx(await buildWorkbook())).sheets, 'Biểu 01');
    expect(s.merges).toEqual([{ top: 2, left: 2, bottom: 2, right: 4 }]);
    expect(cellAt(s, 2, 2)?.value).toBe('Hộ nghèo');
    // exceljs would answer D3 and E3 with "Hộ nghèo" too; the grid must not.
    expect(cellAt(s, 2, 3)).toBeUndefined();
    expect(cellAt(s, 2, 4)).toBeUndefined();
  });

  it('joins rich text and takes a hyperlink’s text', async () => {
    const s = sheet((await readXlsx(await buildWorkbook())).sheets, 'Biểu 01');
    expect(cellAt(s, 3, 2)?.value).toBe('Số hộ');
    expect(cellAt(s, 7, 1)?.value).toBe('Sở LĐTBXH');
  });

  it('gives numbers as stored, with the % format that says 0.1807 is 18.07%', async () => {
    const s = sheet((await readXlsx(await buildWorkbook())).sheets, 'Biểu 01');
    expect(cellAt(s, 4, 1)).toEqual({ value: 1234 });
    expect(cellAt(s, 4, 3)).toEqual({ value: 0.1807, numFmt: '0.00%' });
  });

  it('records formulas: saved result, missing result, error result', async () => {
    const s = sheet((await readXlsx(await buildWorkbook())).sheets, 'Biểu 01');
    expect(cellAt(s, 5, 2)).toEqual({ value: 223, formula: 'SUM(C5:C5)' });
    expect(cellAt(s, 5, 3)).toEqual({ value: null, formula: 'C6/B5', noResult: true });
    expect(cellAt(s, 5, 4)).toEqual({ value: null, error: '#REF!', formula: '#REF!/B5' });
    expect(cellAt(s, 5, 5)).toEqual({ value: null, error: '#DIV/0!' });
  });

  it('keeps dates as dates, booleans as booleans and text whitespace as typed', async () => {
    const s = sheet((await readXlsx(await buildWorkbook())).sheets, 'Biểu 01');
    const date = cellAt(s, 7, 0)?.value;
    expect(date).toBeInstanceOf(Date);
    expect((date as Date).toISOString()).toBe('2022-06-30T00:00:00.000Z');
    expect(cellAt(s, 7, 2)?.value).toBe('  Ghi chú  ');
    expect(cellAt(s, 7, 3)?.value).toBe(true);
  });

  it('leaves rows and cells that hold nothing empty', async () => {
    const s = sheet((await readXlsx(await buildWorkbook())).sheets, 'Biểu 01');
    expect(s.rows[1]).toEqual([]);
    expect(s.rows[6]).toEqual([]);
    expect(s.rows[0]).toEqual([{ value: 'UBND HUYỆN TRẠM TẤU' }]);
    expect(s.rows).toHaveLength(8);
  });

  it('gives a shared formula’s text translated to each cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 1;
    ws.getCell('A2').value = 2;
    ws.getCell('B1').value = { formula: 'A1*2', result: 2 };
    ws.getCell('B2').value = { sharedFormula: 'B1', result: 4 };
    const { sheets } = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    const s = sheet(sheets, 'S');
    expect(cellAt(s, 1, 1)).toEqual({ value: 4, formula: 'A2*2' });
  });

  it('throws a ReadError in plain words for a damaged workbook', async () => {
    const bytes = await buildWorkbook();
    const broken = Buffer.from(bytes);
    // Overwrite the middle of the archive: the directory survives, the compressed data does not.
    broken.fill(0x41, 200, Math.floor(bytes.length / 2));
    const err = await readXlsx(broken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReadError);
    expect((err as ReadError).reason.vi).toMatch(/hỏng|không hợp lệ|sai lệch/);
    expect((err as ReadError).reason.en).toMatch(/damaged|invalid|altered/);
  });
});
