/**
 * The xlsx kit both workbooks are built with (the provincial report and the blank templates): a
 * sheet laid out with it is written to bytes and read back, and what a user sees when opening or
 * printing it is checked — the title block's texts in the cells, merged over the columns, the
 * motto underlined, A4 landscape one page wide, and no cell longer than Excel opens. The names
 * and texts are synthetic.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/core/dates-and-numbers.js';
import {
  CUT_NOTE,
  EXCEL_CELL_LIMIT,
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  documentNumberLine,
  put,
  type CellLook,
  landscapeAtScale,
  landscapeOnePageWide,
  recipientLines,
  setColumnWidths,
  stampWorkbook,
  workbookBytes,
  writeSignatureBlock,
  writeTitleBlock,
} from '../../src/render/xlsx-kit.js';

const NOW = new Date('2026-11-26T20:00:00Z');

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  // exceljs types its input as its own `Buffer` (an ArrayBuffer); a Node Buffer is what it reads.
  await back.xlsx.load((await workbookBytes(wb)) as unknown as ExcelJS.Buffer);
  return back;
}

function sheetOf(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  return ws;
}

/** A ten-column sheet with the title block over A:D (issuer) and F:J (motto, dateline). */
function titledSheet(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  stampWorkbook(wb, NOW);
  const ws = wb.addWorksheet('Biểu 01');
  setColumnWidths(ws, [6, 28, 12, 12, 12, 12, 12, 12, 12, 30]);
  writeTitleBlock(ws, {
    issuer: [{ text: 'UBND TỈNH THỬ NGHIỆM' }, { text: 'SỞ THỬ NGHIỆM', bold: true }],
    left: { from: 1, to: 4 },
    right: { from: 6, to: 10 },
    dateline: 'Thử Nghiệm, ngày 27 tháng 11 năm 2026',
  });
  writeSignatureBlock(ws, 12, {
    left: { from: 1, to: 4, title: 'NGƯỜI LẬP BIỂU' },
    right: { from: 6, to: 10, title: 'GIÁM ĐỐC' },
  });
  ws.pageSetup = { ...landscapeOnePageWide(), printTitlesRow: '7:8' };
  return wb;
}

describe('the xlsx kit', () => {
  it('puts the issuer on the left and the national name, motto and dateline on the right', async () => {
    const ws = sheetOf(await roundTrip(titledSheet()));
    expect(ws.getCell('A1').text).toBe('UBND TỈNH THỬ NGHIỆM');
    expect(ws.getCell('A2').text).toBe('SỞ THỬ NGHIỆM');
    expect(ws.getCell('A2').font.bold).toBe(true);
    expect(ws.getCell('F1').text).toBe(NATIONAL_NAME);
    expect(ws.getCell('F1').font.bold).toBe(true);
    expect(ws.getCell('F2').text).toBe(NATIONAL_MOTTO);
    expect(ws.getCell('F2').font.underline).toBeTruthy();
    expect(ws.getCell('F3').text).toBe('Thử Nghiệm, ngày 27 tháng 11 năm 2026');
    expect(ws.getCell('F3').font.italic).toBe(true);
    // Each line spans its half: the last column of the half shows the same merged text.
    expect(ws.getCell('D1').master.address).toBe('A1');
    expect(ws.getCell('J2').master.address).toBe('F2');
    // Nothing strays into the gap between the halves.
    expect(ws.getCell('E1').text).toBe('');
    expect(ws.getCell('F1').font.name).toBe('Times New Roman');
    expect(ws.getCell('F1').font.size).toBe(12);
    expect(ws.getCell('F1').alignment.horizontal).toBe('center');
  });

  it('signs with the two titles and how to sign under each', async () => {
    const ws = sheetOf(await roundTrip(titledSheet()));
    expect(ws.getCell('A12').text).toBe('NGƯỜI LẬP BIỂU');
    expect(ws.getCell('A13').text).toBe('(Ký, ghi rõ họ tên)');
    expect(ws.getCell('F12').text).toBe('GIÁM ĐỐC');
    expect(ws.getCell('F13').text).toBe('(Ký tên, đóng dấu)');
    expect(ws.getCell('J12').master.address).toBe('F12');
  });

  it('writes the number line under the issuer, level with the dateline', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Biểu 01');
    writeTitleBlock(ws, {
      issuer: [{ text: 'UBND TỈNH THỬ NGHIỆM' }, { text: 'SỞ THỬ NGHIỆM', bold: true }],
      left: { from: 1, to: 4 },
      right: { from: 6, to: 10 },
      dateline: 'Thử Nghiệm, ngày 27 tháng 11 năm 2026',
      number: documentNumberLine('BC-STN'),
    });
    const back = sheetOf(await roundTrip(wb));
    expect(back.getCell('A3').text).toBe('Số:        /BC-STN');
    expect(back.getCell('A3').font.bold).toBeFalsy();
    expect(back.getCell('D3').master.address).toBe('A3');
    expect(back.getCell('F3').text).toBe('Thử Nghiệm, ngày 27 tháng 11 năm 2026');
  });

  it('signs for the head with the line above the title, and leaves room before the name', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Biểu 01');
    const below = writeSignatureBlock(ws, 12, {
      left: { from: 1, to: 4, title: 'NGƯỜI LẬP BIỂU' },
      right: {
        from: 6,
        to: 10,
        above: 'KT. GIÁM ĐỐC',
        title: 'PHÓ GIÁM ĐỐC',
        name: 'Nguyễn Văn A',
      },
    });
    const back = sheetOf(await roundTrip(wb));
    expect(['F12', 'F13', 'F14'].map((a) => back.getCell(a).text)).toEqual([
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      '(Ký tên, đóng dấu)',
    ]);
    expect(back.getCell('A12').text).toBe('NGƯỜI LẬP BIỂU');
    // Four empty rows to sign in, then the name in bold; what follows goes under it.
    for (const r of [15, 16, 17, 18]) expect(back.getCell(r, 6).text).toBe('');
    expect(back.getCell('F19').text).toBe('Nguyễn Văn A');
    expect(back.getCell('F19').font.bold).toBe(true);
    expect(below).toBe(20);
    // Without a name, the room to sign is still kept free below the block.
    expect(
      writeSignatureBlock(wb.addWorksheet('x'), 12, {
        left: { from: 1, to: 4, title: 'NGƯỜI LẬP BIỂU' },
        right: { from: 6, to: 10, title: 'GIÁM ĐỐC' },
      }),
    ).toBe(18);
  });

  it('writes recipients as Decree 30 lists them: "- …;", the last "- …."', () => {
    expect(recipientLines(['Bộ Nông nghiệp và Môi trường', 'UBND tỉnh', 'Lưu: VT'])).toEqual([
      '- Bộ Nông nghiệp và Môi trường;',
      '- UBND tỉnh;',
      '- Lưu: VT.',
    ]);
    expect(recipientLines([])).toEqual([]);
  });

  it('prints on A4 landscape, one page wide, heading rows repeated', async () => {
    const ws = sheetOf(await roundTrip(titledSheet()));
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    expect(ws.pageSetup.horizontalCentered).toBe(true);
    expect(ws.pageSetup.printTitlesRow).toBe('7:8');
    expect(ws.getColumn(2).width).toBe(28);
  });

  it('prints a sheet too wide for one page at a fixed scale, its first columns repeated', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Chi tiết xã');
    ws.getCell('A1').value = 'x';
    ws.pageSetup = { ...landscapeAtScale(70, 'A:B'), printTitlesRow: '7:8' };
    const back = sheetOf(await roundTrip(wb));
    expect(back.pageSetup.paperSize).toBe(9);
    expect(back.pageSetup.orientation).toBe('landscape');
    expect(back.pageSetup.fitToPage).toBe(false);
    expect(back.pageSetup.scale).toBe(70);
    expect(back.pageSetup.printTitlesColumn).toBe('A:B');
  });

  it('writes the dates it is given and cuts a text Excel would refuse, saying so', async () => {
    const wb = titledSheet();
    sheetOf(wb).getCell('B9').value = 'x'.repeat(EXCEL_CELL_LIMIT + 5);
    const back = await roundTrip(wb);
    expect(back.created.getTime()).toBe(NOW.getTime());
    expect(back.creator).toBe('povreport');
    const cut = sheetOf(back).getCell('B9').text;
    expect(cut.length).toBe(EXCEL_CELL_LIMIT);
    expect(cut.endsWith(CUT_NOTE)).toBe(true);
  });
});

describe('cell looks', () => {
  const look: fc.Arbitrary<CellLook> = fc.record(
    {
      bold: fc.boolean(),
      italic: fc.boolean(),
      underline: fc.boolean(),
      mono: fc.boolean(),
      wrap: fc.boolean(),
      border: fc.boolean(),
      rule: fc.boolean(),
      size: fc.constantFrom(9, 11, 12, 13),
      align: fc.constantFrom('left', 'center', 'right', 'justify'),
      valign: fc.constantFrom('top', 'middle', 'bottom'),
      numFmt: fc.constantFrom('#,##0', '0.00', ''),
    },
    { requiredKeys: [] },
  );
  // Styles are shared between cells of the same look: two looks differing in anything must not
  // share one (a cell would take the other's bold, border or number format).
  it('gives every cell the style of its own look, whatever looks came before', () => {
    fc.assert(
      fc.property(fc.array(look, { minLength: 1, maxLength: 12 }), (looks) => {
        const ws = new ExcelJS.Workbook().addWorksheet('S');
        const cells = looks.map((l, i) => put(ws, 1, i + 1, 'x', l));
        looks.forEach((l, i) => {
          const st = cells[i]?.style;
          expect(st?.font?.bold).toBe(l.bold ?? false);
          expect(st?.font?.italic).toBe(l.italic ?? false);
          expect(st?.font?.underline).toBe(l.underline ?? false);
          expect(st?.font?.name).toBe(l.mono ? 'Courier New' : 'Times New Roman');
          expect(st?.font?.size).toBe(l.size ?? (l.mono ? 9 : 11));
          expect(st?.alignment?.horizontal).toBe(l.align ?? 'left');
          expect(st?.alignment?.vertical).toBe(l.valign ?? 'middle');
          expect(st?.alignment?.wrapText).toBe(l.wrap ?? false);
          const border = l.border ? 'box' : l.rule ? 'rule' : 'none';
          const got = st?.border?.top ? 'box' : st?.border?.bottom ? 'rule' : 'none';
          expect(got).toBe(border);
          expect(st?.numFmt).toBe(l.numFmt ? l.numFmt : undefined);
        });
      }),
    );
  });
});

describe('figures in words', () => {
  // The formatter of each language is made once: any order of languages gives what a fresh
  // toLocaleString gives.
  it('formats a number as the language writes it, whichever language was asked before', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.constantFrom('vi', 'en')),
          {
            maxLength: 20,
          },
        ),
        (asks) => {
          for (const [n, lang] of asks) {
            const rounded = Math.round(n * 10000) / 10000;
            const fresh = rounded.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US', {
              maximumFractionDigits: 4,
            });
            expect(formatNumber(n, lang)).toBe(fresh);
          }
        },
      ),
    );
    expect(formatNumber(1234.5, 'vi')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
  });
});
