import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

import { cellAt, isHiddenColumn, type SheetGrid } from '../../src/core/grid.js';
import { hiddenColumnsOf, pageHeaderOf, readXlsx } from '../../src/io/read-xlsx.js';
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

describe('hidden columns', () => {
  const sheet = (cols: string, data = '<sheetData/>') =>
    Buffer.from(`<worksheet xmlns="x">${cols}${data}</worksheet>`, 'utf8');

  it('reads the ranges a sheet hides, as Excel, openpyxl and LibreOffice write them', () => {
    const xml = sheet(
      '<cols><col min="1" max="2" width="9"/><col min="4" max="4" hidden="1"/>' +
        '<col max="7" min="6" hidden="true" width="0"/><col min="8" max="8" hidden="false"/>' +
        '<col min="20" max="16384" hidden="1"/></cols>',
    );
    expect(hiddenColumnsOf(xml)).toEqual([
      [3, 3],
      [5, 6],
      [19, 16383],
    ]);
    const grid: SheetGrid = { name: 'x', hidden: false, rows: [], merges: [] };
    grid.hiddenColumns = hiddenColumnsOf(xml);
    expect([0, 3, 4, 5, 6, 7, 19, 400].map((c) => isHiddenColumn(grid, c))).toEqual([
      false,
      true,
      false,
      true,
      true,
      false,
      true,
      true,
    ]);
  });

  it('with a prefix, past the sheet’s last column, or broken: only what is a range', () => {
    expect(
      hiddenColumnsOf(
        sheet(
          '<x:cols><x:col min="3" max="3" hidden="1"/><x:col min="2" max="99999" hidden="1"/>' +
            '<x:col min="0" max="1" hidden="1"/><x:col min="5" max="4" hidden="1"/>' +
            '<x:col min="a" hidden="1"/></x:cols>',
          '<x:sheetData/>',
        ),
      ),
    ).toEqual([
      [2, 2],
      [1, 16383],
    ]);
    // A <col> inside the rows (a text) is no column's width; a sheet without rows has none.
    expect(
      hiddenColumnsOf(
        sheet(
          '',
          '<sheetData><row><c t="inlineStr"><is><t>&lt;col min="1" max="1" hidden="1"/&gt;</t></is></c></row></sheetData>',
        ),
      ),
    ).toEqual([]);
    expect(
      hiddenColumnsOf(
        Buffer.from('<worksheet><cols><col min="1" max="1" hidden="1"/></cols></worksheet>'),
      ),
    ).toEqual([]);
  });

  it('are carried on the grid read, and not on a sheet that hides none', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Biểu 01');
    ws.getCell('A1').value = 'STT';
    ws.getCell('C1').value = 'Số hộ nghèo';
    ws.getColumn(3).hidden = true;
    wb.addWorksheet('Biểu 02').getCell('A1').value = 'STT';
    const { sheets } = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(sheets.map((g) => g.hiddenColumns)).toEqual([[[2, 2]], undefined]);
  });
});

describe('printed page header', () => {
  const sheet = (hf: string) =>
    Buffer.from(
      `<worksheet xmlns="x"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>` +
        `<pageMargins left="0.7"/>${hf}</worksheet>`,
      'utf8',
    );

  it('gives each part and line as a text, without Excel’s codes', () => {
    const xml = sheet(
      '<headerFooter differentFirst="1"><oddHeader>&amp;L&amp;"Times New Roman,Bold"&amp;12UBND X&#195; KHAO MANG' +
        '&amp;C&amp;K1F4E79BIỂU 01 &amp;&amp; 02\nNĂM 2026&amp;RTrang &amp;P/&amp;N</oddHeader>' +
        '<oddFooter>&amp;CNgười lập biểu: Lò Thị A</oddFooter>' +
        '<firstHeader>&amp;CUBND XÃ KHAO MANG</firstHeader></headerFooter>',
    );
    expect(pageHeaderOf(xml)).toEqual(['UBND XÃ KHAO MANG', 'BIỂU 01 & 02', 'NĂM 2026', 'Trang /']);
  });

  it('is nothing when the sheet has none, or an empty one', () => {
    expect(pageHeaderOf(sheet(''))).toEqual([]);
    expect(pageHeaderOf(sheet('<headerFooter><oddHeader></oddHeader></headerFooter>'))).toEqual([]);
    // A cell's text naming the element is not the element.
    expect(
      pageHeaderOf(
        Buffer.from(
          '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>headerFooter</t></is></c></row></sheetData></worksheet>',
        ),
      ),
    ).toEqual([]);
  });
});
