/**
 * Workbooks written by other programs than Excel, which exceljs 4 alone fails on: each is read
 * with its values and merged ranges where Excel shows them. The openpyxl one is a committed
 * fixture (scripts/fixtures/make-openpyxl.py); the OpenXML SDK and DataGrip shapes are built
 * here part by part, as those programs write them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';

import { cellAt, type SheetGrid } from '../../src/core/grid.js';
import { addAddresses, fixRelationships, unprefixRoot } from '../../src/io/normalize-xlsx.js';
import { readXlsx } from '../../src/io/read-xlsx.js';

const formats = path.resolve(import.meta.dirname, '../../fixtures/formats');
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function sheet(sheets: SheetGrid[], name: string): SheetGrid {
  const s = sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** A one-sheet package; `p` is the SpreadsheetML prefix ('' for the default namespace). */
async function pkg(rowsXml: string, p = '', shared: string[] = []): Promise<Buffer> {
  const q = p ? `${p}:` : '';
  const ns = p ? `xmlns:${p}="${MAIN}"` : `xmlns="${MAIN}"`;
  const z = new JSZip();
  z.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
  );
  z.file(
    '_rels/.rels',
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  z.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="utf-8"?><${q}workbook ${ns} xmlns:r="${REL}"><${q}sheets><${q}sheet name="Biểu 01" sheetId="1" r:id="rId1"/></${q}sheets></${q}workbook>`,
  );
  z.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  z.file(
    'xl/sharedStrings.xml',
    `<?xml version="1.0"?><${q}sst ${ns}>${shared.map((s) => `<${q}si><${q}t>${s}</${q}t></${q}si>`).join('')}</${q}sst>`,
  );
  z.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0"?><${q}worksheet ${ns} xmlns:r="${REL}"><${q}sheetData>${rowsXml.replace(/<(\/?)(row|c|v|is|t)\b/g, `<$1${q}$2`)}</${q}sheetData></${q}worksheet>`,
  );
  return z.generateAsync({ type: 'nodebuffer' });
}

describe('openpyxl workbooks (absolute targets, comments, pictures, tables)', () => {
  const file = path.join(formats, 'openpyxl - Trạm Tấu Biểu 01 (bảng, ghi chú, ảnh).xlsx');

  it('fail in exceljs alone, as reported', async () => {
    const wb = new ExcelJS.Workbook();
    await expect(wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer)).rejects.toThrow(
      /Cannot read properties of undefined/,
    );
  });

  it('are read with their values and merged ranges where Excel shows them', async () => {
    const bytes = readFileSync(file);
    const before = Buffer.from(bytes);
    const { sheets } = await readXlsx(bytes);
    expect(sheets.map((s) => s.name)).toEqual(['Biểu 01', 'Danh sách xã']);
    const s = sheet(sheets, 'Biểu 01');
    expect(cellAt(s, 0, 0)?.value).toBe('UBND HUYỆN TRẠM TẤU');
    expect(cellAt(s, 5, 3)?.value).toBe('Hộ nghèo');
    expect(cellAt(s, 8, 1)?.value).toBe('Tổng cộng');
    expect(cellAt(s, 8, 2)?.value).toBe(7240);
    expect(cellAt(s, 9, 4)?.value).toBe(24.2);
    expect(s.merges).toContainEqual({ top: 5, left: 0, bottom: 6, right: 0 });
    expect(s.merges).toContainEqual({ top: 5, left: 3, bottom: 5, right: 5 });
    expect(cellAt(sheet(sheets, 'Danh sách xã'), 12, 1)?.value).toBe('Xã Xà Hồ');
    // The bytes handed in are not changed (the file on disk even less).
    expect(bytes.equals(before)).toBe(true);
  });
});

describe('other writers’ package shapes', () => {
  it('reads the SpreadsheetML namespace bound to a prefix (OpenXML SDK, WPS)', async () => {
    const bytes = await pkg(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>223</v></c></row>',
      'x',
      ['Xã Pá Hu'],
    );
    const wb = new ExcelJS.Workbook();
    await expect(wb.xlsx.load(bytes as unknown as ExcelJS.Buffer)).rejects.toThrow();
    const { sheets } = await readXlsx(bytes);
    expect(sheets[0]?.rows[0]).toEqual([{ value: 'Xã Pá Hu' }, { value: 223 }]);
  });

  it('reads rows and cells without their optional r address (DataGrip)', async () => {
    const bytes = await pkg(
      '<row><c t="s"><v>0</v></c><c><v>223</v></c></row><row><c t="inlineStr"><is><t>Xã Bản Mù</t></is></c><c r="C2"><v>5</v></c><c><v>6</v></c></row><row r="5"><c><v>7</v></c></row>',
      '',
      ['Xã Pá Hu'],
    );
    const { sheets } = await readXlsx(bytes);
    expect(sheets[0]?.rows.map((r) => r.map((c) => c?.value ?? null))).toEqual([
      ['Xã Pá Hu', 223],
      ['Xã Bản Mù', null, 5, 6],
      [],
      [],
      [7],
    ]);
  });

  it('numbers a cell without an address from the one before it, written in either case', () => {
    // A writer's own addresses are kept; the next cell is the column after (AB → AC, z → AA).
    expect(addAddresses('<row><c r="ab1"><v>1</v></c><c><v>2</v></c></row>')).toBe(
      '<row r="1"><c r="ab1"><v>1</v></c><c r="AC1"><v>2</v></c></row>',
    );
    expect(addAddresses('<row r="4"><c r="z4"/><c/><c r="XFC4"/><c/></row>')).toBe(
      '<row r="4"><c r="z4"/><c r="AA4"/><c r="XFC4"/><c r="XFD4"/></row>',
    );
  });

  it('finds sheets, shared strings and styles under the names the workbook gives them', async () => {
    // The OpenXML SDK 2.x named the first sheet `sheet.xml`; exceljs alone dropped it silently.
    const z = await JSZip.loadAsync(
      await pkg('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row>', '', [
        'Xã Pá Hu',
      ]),
    );
    const sheet1 = await z.file('xl/worksheets/sheet1.xml')?.async('string');
    const strings = await z.file('xl/sharedStrings.xml')?.async('string');
    if (!sheet1 || !strings) throw new Error('package');
    z.remove('xl/worksheets/sheet1.xml');
    z.remove('xl/sharedStrings.xml');
    z.file('xl/worksheets/sheet.xml', sheet1);
    z.file('xl/data/ds.xml', sheet1.replace('<v>1</v>', '<v>2</v>'));
    z.file(
      'xl/data/_rels/ds.xml.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="c" Type="${REL}/comments" Target="../notes/n1.xml"/></Relationships>`,
    );
    z.file('xl/SharedStrings.xml', strings);
    z.file(
      'xl/workbook.xml',
      `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Biểu 01" sheetId="1" r:id="rId1"/><sheet name="Biểu 02" sheetId="2" r:id="rId3"/></sheets></workbook>`,
    );
    z.file(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/sheet.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="SharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/worksheet" Target="data/ds.xml"/></Relationships>`,
    );
    const bytes = await z.generateAsync({ type: 'nodebuffer' });
    const alone = new ExcelJS.Workbook();
    await alone.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(alone.worksheets).toHaveLength(0);
    const { sheets } = await readXlsx(bytes);
    expect(sheets.map((s) => [s.name, s.rows[0]?.map((c) => c?.value)])).toEqual([
      ['Biểu 01', ['Xã Pá Hu', 1]],
      ['Biểu 02', ['Xã Pá Hu', 2]],
    ]);
  });

  it('rewrites only what needs it', () => {
    expect(
      fixRelationships(
        'xl/worksheets/_rels/sheet1.xml.rels',
        `<Relationships><Relationship Id="r1" Type="${REL}/table" Target="/xl/tables/table1.xml"/><Relationship Id="r2" Type="${REL}/hyperlink" Target="https://example.vn/a" TargetMode="External"/><Relationship Id="r3" Type="${REL}/comments" Target="/xl/comments/comment1.xml"/><Relationship Id="r4" Type="${REL}/comments" Target="../comments1.xml"/></Relationships>`,
      ),
    ).toBe(
      `<Relationships><Relationship Id="r1" Type="${REL}/table" Target="../tables/table1.xml"/><Relationship Id="r2" Type="${REL}/hyperlink" Target="https://example.vn/a" TargetMode="External"/><Relationship Id="r4" Type="${REL}/comments" Target="../comments1.xml"/></Relationships>`,
    );
    expect(
      fixRelationships(
        '_rels/.rels',
        `<Relationship Id="a" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/>`,
      ),
    ).toBe(`<Relationship Id="a" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>`);
    const plain = `<worksheet xmlns="${MAIN}" xmlns:mc="x"><mc:AlternateContent/></worksheet>`;
    expect(unprefixRoot(plain)).toBe(plain);
    const withR = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>';
    expect(addAddresses(withR)).toBe(withR);
  });
});
