/**
 * povreport's own workbook writer (src/render/xlsx-book.ts), read back by another program's
 * reader, exceljs: every value, look, merge, height and width written comes back as written, on
 * generated sheets (fast-check); the print set-up (titles, area, column breaks, page numbers),
 * frozen panes, auto-filter and properties come back too; the same book is the same bytes; what
 * it cannot write is an error, never something else written instead. LibreOffice reads the
 * report this writer makes in test/integration/report-xlsx.test.ts. Data is synthetic.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { Book, CUT_NOTE, EXCEL_CELL_LIMIT, fitText } from '../../src/render/xlsx-book.js';
import {
  DOCUMENT_PAGE_NUMBERS,
  landscapeAtScale,
  landscapeOnePageWide,
  put,
  putMerged,
  setColumnBreaks,
  stampWorkbook,
  type CellLook,
} from '../../src/render/xlsx-kit.js';

async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

async function part(bytes: Buffer, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  const f = zip.file(name);
  if (!f) throw new Error(`no ${name}`);
  return f.async('string');
}

const looks: CellLook[] = [
  {},
  { bold: true, size: 13, align: 'center', wrap: true },
  { italic: true, align: 'right' },
  { border: true, numFmt: '#,##0', align: 'right' },
  { border: true, numFmt: '0.00', align: 'right', bold: true },
  { rule: true, underline: true, valign: 'top' },
  { mono: true, numFmt: '0.0' },
];

/** What a text cell reads back as: the characters XML cannot hold left out, cut at Excel's limit. */
function expectedText(s: string): string {
  return (
    fitText(s)
      // eslint-disable-next-line no-control-regex -- the controls XML 1.0 forbids are the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
  );
}

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ maxLength: 30, unit: 'binary' }),
  fc.string({
    maxLength: 12,
    unit: fc.constantFrom('\r', '\n', '\t', ' ', 'ạ', '&', '<', '\u0001'),
  }),
  fc.constantFrom(
    'Xã Bản Mù <A&B> "quoted" \'single\'',
    '  spaces at both ends  ',
    'two\nlines',
    'Thị trấn Trạm Tấu',
    '=SUM(A1:A2)',
  ),
);
const value = fc.oneof(
  text,
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.record({ formula: fc.constant('SUM(A1:A2)'), result: fc.integer({ min: 0, max: 9999 }) }),
);
const cell = fc.record({
  row: fc.integer({ min: 1, max: 40 }),
  col: fc.integer({ min: 1, max: 30 }),
  value,
  look: fc.integer({ min: 0, max: looks.length - 1 }),
});

describe('Book (our own workbook writer), read back by exceljs', () => {
  it('gives back every value and look written, on generated sheets', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(cell, { maxLength: 60, selector: (c) => `${c.row}:${c.col}` }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 5, max: 80 })), {
          maxLength: 5,
        }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 2, max: 60 })), {
          maxLength: 5,
        }),
        async (cells, heights, widths) => {
          const book = new Book();
          const ws = book.addWorksheet('Biểu 01');
          for (const c of cells) put(ws, c.row, c.col, c.value, looks[c.look]);
          for (const [r, h] of heights) ws.getRow(r).height = h;
          for (const [c, w] of widths) ws.getColumn(c).width = w;
          const back = (await readBack(book.toBuffer())).getWorksheet('Biểu 01');
          expect(back).toBeDefined();
          if (!back) return;
          for (const c of cells) {
            const got = back.getRow(c.row).getCell(c.col);
            // A spreadsheet has no negative zero: -0 is written, and read, as 0.
            const want =
              typeof c.value === 'string' ? expectedText(c.value) : c.value === 0 ? 0 : c.value;
            if (want === '') expect(got.value ?? '').toBe('');
            else if (typeof want === 'object') {
              // exceljs reads a cached result of 0 as none (its reader tests the number's truth).
              const back = got.value as { formula?: string; result?: number };
              expect(back.formula).toBe(want.formula);
              expect(back.result ?? 0).toBe(want.result);
            } else expect(got.value).toEqual(want);
            const look = looks[c.look] ?? {};
            expect(got.font.bold ?? false).toBe(look.bold ?? false);
            expect(got.font.italic ?? false).toBe(look.italic ?? false);
            expect(got.font.size).toBe(look.size ?? (look.mono ? 9 : 11));
            expect(got.font.name).toBe(look.mono ? 'Courier New' : 'Times New Roman');
            expect(got.alignment.horizontal).toBe(look.align ?? 'left');
            expect(got.alignment.vertical).toBe(look.valign ?? 'middle');
            expect(got.numFmt ?? undefined).toBe(look.numFmt);
            expect(got.border.left?.style).toBe(look.border ? 'thin' : undefined);
            expect(got.border.bottom?.style).toBe(look.border || look.rule ? 'thin' : undefined);
          }
          const lastHeight = new Map(heights);
          for (const [r, h] of lastHeight) expect(back.getRow(r).height).toBe(h);
          const lastWidth = new Map(widths);
          for (const [c, w] of lastWidth) expect(back.getColumn(c).width).toBe(w);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('merges: the master keeps value and look, the covered cells read it and take its look', async () => {
    const book = new Book();
    const ws = book.addWorksheet('Báo cáo');
    putMerged(ws, 1, 1, 1, 4, 'UBND TỈNH LÀO CAI', { bold: true, border: true, align: 'center' });
    putMerged(ws, 3, 2, 5, 3, 'Số hộ nghèo', { wrap: true });
    // Written into a covered cell, the value is the master's (as exceljs does).
    ws.getRow(4).getCell(3).value = 'Số hộ nghèo đầu kỳ';
    const back = (await readBack(book.toBuffer())).getWorksheet('Báo cáo');
    if (!back) throw new Error('no sheet');
    expect(Object.keys((back as unknown as { _merges: object })._merges).sort()).toEqual([
      'A1',
      'B3',
    ]);
    expect(back.getCell('A1').value).toBe('UBND TỈNH LÀO CAI');
    expect(back.getCell('D1').isMerged).toBe(true);
    expect(back.getCell('D1').border.right?.style).toBe('thin');
    expect(back.getCell('B3').value).toBe('Số hộ nghèo đầu kỳ');
    expect(() => {
      ws.mergeCells(1, 4, 2, 5);
    }).toThrow(/overlaps A1:D1/);
  });

  it('writes the print set-up, panes, filter and properties that exceljs reads back', async () => {
    const book = new Book();
    stampWorkbook(book, new Date('2026-11-26T20:00:00Z'));
    book.title = 'Báo cáo tổng hợp 6 tháng đầu năm 2022';
    book.company = 'Sở Nông nghiệp và Môi trường tỉnh Lào Cai';
    const a = book.addWorksheet('Chi tiết xã');
    put(a, 1, 1, 'STT');
    put(a, 9, 60, 7);
    a.pageSetup = { ...landscapeAtScale(70, 'A:B'), printTitlesRow: '7:8', firstPageNumber: 1 };
    a.headerFooter = { ...DOCUMENT_PAGE_NUMBERS };
    a.views = [{ state: 'frozen', xSplit: 2, ySplit: 8 }];
    setColumnBreaks(a, [10, 19]);
    const b = book.addWorksheet("Nộp 'báo cáo' kỳ", { views: [{ showGridLines: false }] });
    put(b, 7, 1, 'Đơn vị');
    b.pageSetup = { ...landscapeOnePageWide(), printArea: 'A1:X21' };
    b.autoFilter = { from: { row: 7, column: 1 }, to: { row: 7, column: 8 } };

    const bytes = book.toBuffer();
    const back = await readBack(bytes);
    const ra = back.getWorksheet('Chi tiết xã');
    const rb = back.getWorksheet("Nộp 'báo cáo' kỳ");
    if (!ra || !rb) throw new Error('sheets missing');
    expect(ra.pageSetup.printTitlesRow).toBe('7:8');
    expect(ra.pageSetup.printTitlesColumn).toBe('A:B');
    expect(ra.pageSetup.scale).toBe(70);
    expect(ra.pageSetup.orientation).toBe('landscape');
    expect(ra.pageSetup.firstPageNumber).toBe(1);
    expect(ra.headerFooter.differentFirst).toBe(true);
    expect(ra.headerFooter.oddHeader).toBe(DOCUMENT_PAGE_NUMBERS.oddHeader);
    expect(ra.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 8, topLeftCell: 'C9' });
    expect(rb.pageSetup.fitToPage).toBe(true);
    expect(rb.pageSetup.fitToWidth).toBe(1);
    expect(rb.pageSetup.fitToHeight).toBe(0);
    expect(rb.pageSetup.printArea).toBe('A1:X21');
    expect(rb.views[0]?.showGridLines).toBe(false);
    expect(rb.autoFilter).toBe('A7:H7');
    expect(back.creator).toBe('povreport');
    expect(back.title).toBe('Báo cáo tổng hợp 6 tháng đầu năm 2022');
    expect(back.company).toBe('Sở Nông nghiệp và Môi trường tỉnh Lào Cai');

    // Every formula recomputed on opening (which exceljs does not read back).
    expect(await part(bytes, 'xl/workbook.xml')).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    // Column breaks (which exceljs does not read either) after the page set-up, where the schema wants.
    expect(await part(bytes, 'xl/worksheets/sheet1.xml')).toMatch(
      /<pageSetup[^>]*\/><headerFooter differentFirst="1">.*<\/headerFooter><colBreaks count="2" manualBreakCount="2"><brk id="9" max="1048575" man="1"\/><brk id="18" max="1048575" man="1"\/><\/colBreaks><\/worksheet>$/,
    );
    // Parts dated with the time the report was made, in Vietnam: 03:00 on 27 November.
    expect(bytes.readUInt16LE(10)).toBe(3 << 11);
    expect(bytes.readUInt16LE(12)).toBe(((2026 - 1980) << 9) | (11 << 5) | 27);
  });

  it('makes the same bytes from the same book, whatever the clock', async () => {
    const make = (): Buffer => {
      const book = new Book();
      stampWorkbook(book, new Date('2022-07-10T03:00:00Z'));
      const ws = book.addWorksheet('Biểu 02');
      putMerged(ws, 1, 1, 1, 3, 'Tỉnh Lào Cai', { bold: true });
      put(ws, 2, 2, { formula: 'SUM(B3:B4)', result: 12 }, { numFmt: '#,##0' });
      return book.toBuffer();
    };
    const first = make();
    await new Promise((r) => setTimeout(r, 5));
    expect(make().equals(first)).toBe(true);
  });

  it('cuts a text past Excel’s limit, with a note, and never splits a character', async () => {
    const book = new Book();
    const ws = book.addWorksheet('Kiểm tra dữ liệu');
    const long = `${'ạ'.repeat(EXCEL_CELL_LIMIT - 20)}😀${'b'.repeat(40)}`;
    put(ws, 1, 1, long);
    const got = (await readBack(book.toBuffer())).getWorksheet('Kiểm tra dữ liệu')?.getCell('A1');
    const v = got?.value;
    expect(typeof v).toBe('string');
    expect((v as string).length).toBeLessThanOrEqual(EXCEL_CELL_LIMIT);
    expect((v as string).endsWith(CUT_NOTE)).toBe(true);
  });

  it('refuses what it cannot write rather than writing something else', () => {
    const book = new Book();
    const ws = book.addWorksheet('Biểu 03');
    ws.getRow(1).getCell(1).value = new Date('2022-06-15');
    expect(() => book.toBuffer()).toThrow(/A1 is not one this writer writes/);
    ws.getRow(1).getCell(1).value = Number.NaN;
    expect(() => book.toBuffer()).toThrow(/cannot hold NaN/);
    ws.getRow(1).getCell(1).value = 1;
    ws.getRow(1).getCell(1).style = { fill: { type: 'pattern', pattern: 'solid' } };
    expect(() => book.toBuffer()).toThrow(/style fill is not written/);
    ws.getRow(1).getCell(1).style = {};
    ws.pageSetup = { verticalCentered: true };
    expect(() => book.toBuffer()).toThrow(/page setup verticalCentered is not written/);
    ws.pageSetup = {};
    ws.views = [{ state: 'frozen', ySplit: 7, zoomScale: 80 }];
    expect(() => book.toBuffer()).toThrow(/view zoomScale is not written/);
    ws.views = [];
    expect(() => book.toBuffer()).not.toThrow();
    expect(() => book.addWorksheet('biểu 03')).toThrow(/twice/);
    expect(() => book.addWorksheet('a/b')).toThrow(/not one Excel accepts/);
    expect(() => book.addWorksheet("'Biểu 04'")).toThrow(/not one Excel accepts/);
  });
});
