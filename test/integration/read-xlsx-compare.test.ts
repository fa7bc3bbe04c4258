/**
 * The byte-level xlsx reader (readXlsx) reads every shipped workbook — every `.xlsx` under
 * fixtures/, all folders — to the same grids as the exceljs reader it replaced
 * (readXlsxOracle, kept as the oracle): sheet names, order and hidden state, every cell's
 * value, type, date, error, formula, saved result and number format, and merged ranges. Then on
 * synthetic workbooks written here for the edges the fixtures may not hold (1904 dates, shared
 * formulas, booleans, errors, inline and rich text, hidden sheets, a sheetId given twice). Where
 * the two differ on purpose (the new one is more correct), the test says so.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  readXlsxWithExceljs as readXlsxOracle,
  readXlsx as readXlsxNew,
} from '../../src/io/read-xlsx.js';
import { GridLimitError, ReadError } from '../../src/core/errors.js';

const root = path.resolve(import.meta.dirname, '../..');

function xlsxFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...xlsxFiles(full));
    else if (/\.xlsx$/i.test(name)) out.push(full);
  }
  return out.sort();
}

type Outcome = Awaited<ReturnType<typeof readXlsxNew>> | { error: string };

async function outcome(read: typeof readXlsxNew, bytes: Buffer): Promise<Outcome> {
  try {
    return await read(bytes);
  } catch (e) {
    if (e instanceof ReadError) return { error: 'ReadError' };
    if (e instanceof GridLimitError) return { error: 'GridLimitError' };
    throw e;
  }
}

async function expectSame(bytes: Buffer): Promise<Outcome> {
  const want = emptyTextResults(
    await outcome(readXlsxOracle, bytes),
    await outcome(readXlsxNew, bytes),
  );
  const got = await outcome(readXlsxNew, bytes);
  expect(got).toEqual(want);
  return got;
}

/**
 * The oracle's outcome with one difference on purpose taken as the new reader's: a formula whose
 * saved text result is empty (`<c t="str"><f>…</f><v></v></c>`, `=IF(D9=0,"",…)` calculated) is
 * a blank result to the new reader, where exceljs cannot tell it from no result at all.
 */
function emptyTextResults(want: Outcome, got: Outcome): Outcome {
  if (!('sheets' in want) || !('sheets' in got)) return want;
  return {
    ...want,
    sheets: want.sheets.map((sheet, s) => ({
      ...sheet,
      rows: sheet.rows.map((row, r) =>
        row.map((cell, c) => {
          const mine = got.sheets[s]?.rows[r]?.[c];
          const empty = mine?.value === '' && mine.formula !== undefined && !mine.noResult;
          return empty && cell?.noResult && cell.formula === mine.formula ? mine : cell;
        }),
      ),
    })),
  };
}

const files = xlsxFiles(path.join(root, 'fixtures'));

describe('the byte-level reader reads every shipped workbook as exceljs did', () => {
  it('finds the workbooks', () => {
    expect(files.length).toBeGreaterThan(90);
  });
  for (const file of files)
    it(path.relative(root, file), async () => {
      await expectSame(readFileSync(file));
    });
});

async function written(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Rewrites one part of a package. */
async function patched(
  bytes: Buffer,
  part: string,
  edit: (xml: string) => string,
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file(part)?.async('string')) ?? '';
  zip.file(part, edit(xml));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('edges the fixtures may not hold (synthetic workbooks)', () => {
  it('values of every type, dates, formulas with and without results, shared formulas', async () => {
    const bytes = await written((wb) => {
      const ws = wb.addWorksheet('Biểu 01');
      ws.getCell('A1').value = 'Hộ nghèo';
      ws.getCell('B1').value = 12.5;
      ws.getCell('C1').value = true;
      ws.getCell('D1').value = false;
      ws.getCell('E1').value = { error: '#DIV/0!' };
      ws.getCell('F1').value = new Date(Date.UTC(2022, 5, 30));
      ws.getCell('G1').value = { richText: [{ text: 'Xã ' }, { font: { bold: true }, text: 'A' }] };
      ws.getCell('H1').value = { formula: 'B1*2', result: 25 };
      ws.getCell('I1').value = { formula: 'B1*0', result: 0 };
      ws.getCell('J1').value = { formula: 'B1+1' };
      ws.getCell('K1').value = {
        formula: 'A1&"x"',
        result: 'Hộ nghèox',
      };
      ws.getCell('L1').value = 0.25;
      ws.getCell('L1').numFmt = '0.00%';
      ws.getCell('M1').value = '   ';
      ws.getCell('A2').value = 1;
      ws.getCell('A3').value = 2;
      ws.getCell('B2').value = {
        formula: 'A2*10',
        result: 10,
        shareType: 'shared',
        ref: 'B2:B4',
      } as ExcelJS.CellFormulaValue;
      ws.getCell('B3').value = {
        sharedFormula: 'B2',
        result: 20,
      };
      ws.getCell('B4').value = { sharedFormula: 'B2', result: 0 };
      ws.mergeCells('A6:C7');
      ws.getCell('A6').value = 'Tổng';
      const hidden = wb.addWorksheet('meta', { state: 'veryHidden' });
      hidden.getCell('A1').value = 'period';
    });
    const got = await expectSame(bytes);
    expect('sheets' in got && got.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Biểu 01', false],
      ['meta', true],
    ]);
  });

  it('dates of the 1904 system', async () => {
    const bytes = await written((wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('S');
      ws.getCell('A1').value = new Date(Date.UTC(2022, 0, 15));
      ws.getCell('A2').value = 44000;
      ws.getCell('A2').numFmt = 'dd/mm/yyyy';
    });
    const got = await expectSame(bytes);
    expect('sheets' in got && got.sheets[0]?.rows[0]?.[0]?.value).toEqual(
      new Date(Date.UTC(2022, 0, 15)),
    );
  });

  it('sheets in tab order, whatever their sheetIds and part names', async () => {
    let bytes = await written((wb) => {
      wb.addWorksheet('Một').getCell('A1').value = 1;
      wb.addWorksheet('Hai').getCell('A1').value = 2;
      wb.addWorksheet('Ba').getCell('A1').value = 3;
    });
    bytes = await patched(bytes, 'xl/workbook.xml', (xml) =>
      xml.replace(/(<sheet [^>]*name="Một"[^>]*sheetId=")1"/, '$19"'),
    );
    await expectSame(bytes);
  });

  it('inline strings, booleans and errors written by hand', async () => {
    let bytes = await written((wb) => {
      wb.addWorksheet('S').getCell('A1').value = 1;
    });
    bytes = await patched(bytes, 'xl/worksheets/sheet1.xml', (xml) =>
      xml.replace(
        /<sheetData>[\s\S]*<\/sheetData>/,
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Thôn &amp; bản</t></is></c>' +
          '<c r="B1" t="inlineStr"><is><r><t>Rich </t></r><r><t>run</t></r></is></c>' +
          '<c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#N/A</v></c>' +
          '<c r="E1" t="str"><f>1+1</f><v></v></c><c r="F1"><v>-3.5e2</v></c></row></sheetData>',
      ),
    );
    await expectSame(bytes);
  });

  it('refuses what exceljs refused: past the cell budget, a damaged archive', async () => {
    const bytes = await written((wb) => {
      const ws = wb.addWorksheet('S');
      for (let r = 1; r <= 20; r++) ws.getRow(r).values = [1, 2, 3, 4, 5];
    });
    await expect(readXlsxNew(bytes, undefined, { maxCells: 50 })).rejects.toThrow(GridLimitError);
    await expect(readXlsxNew(bytes.subarray(0, bytes.length - 40))).rejects.toThrow(ReadError);
  });
});
