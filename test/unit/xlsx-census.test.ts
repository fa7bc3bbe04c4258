/**
 * The census of a workbook's parts: one cell budget per file spent before exceljs builds
 * anything, and merged ranges read from the sheets' XML and clipped to the cells each sheet holds.
 * Workbooks are the shipped fixtures (exceljs, LibreOffice and openpyxl wrote them) and synthetic
 * ones built by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cellAt, gridWidth, type CellRange } from '../../src/core/grid.js';
import { normalizeXlsx } from '../../src/io/normalize-xlsx.js';
import { readCsv } from '../../src/io/read-csv.js';
import { readSubmissionFile, type ReadOutcome } from '../../src/io/read-file.js';
import { readXlsx } from '../../src/io/read-xlsx.js';
import { XlsxCensus } from '../../src/io/xlsx-census.js';
import { guardZip } from '../../src/io/zip-guard.js';
import {
  addMerge,
  buildZip,
  columnName,
  editSheets,
  sheetXml,
  unzipParts,
  workbookEntries,
} from '../helpers/zip.js';
import { GridLimitError } from '../../src/core/errors.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'povreport census '));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(name: string, bytes: Buffer, maxCells?: number): Promise<ReadOutcome> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return readSubmissionFile(file, { displayPath: name, ...(maxCells ? { maxCells } : {}) });
}

const key = (m: CellRange): string => `${m.top},${m.left},${m.bottom},${m.right}`;

/** exceljs's own merged ranges of each sheet (0-based), as the reader used to take them. */
async function exceljsMerges(bytes: Buffer): Promise<Map<string, CellRange[]>> {
  const wb = new ExcelJS.Workbook();
  // The reader's other ignored parts (pictures, tables…), which exceljs trips over in some files.
  const ignoreNodes = ['dataValidations', 'conditionalFormatting', 'extLst', 'tableParts'];
  ignoreNodes.push('drawing', 'picture', 'hyperlinks');
  // As the reader does for files written otherwise than exceljs expects (openpyxl's drawings).
  const normalized = await normalizeXlsx(bytes);
  await wb.xlsx.load(normalized as unknown as ExcelJS.Buffer, { ignoreNodes });
  const out = new Map<string, CellRange[]>();
  for (const ws of wb.worksheets) {
    const internal = (ws as unknown as { _merges: Record<string, CellRange> })._merges;
    out.set(
      ws.name,
      Object.values(internal).map((m) => ({
        top: m.top - 1,
        left: m.left - 1,
        bottom: m.bottom - 1,
        right: m.right - 1,
      })),
    );
  }
  return out;
}

describe('merged ranges', () => {
  const workbooks = ['2022-H1', '2022', 'shapes/2022-H1', 'shapes/2022', 'formats']
    .flatMap((d) => readdirSync(path.join(fixtures, d)).map((f) => path.join(d, f)))
    .filter((f) => f.endsWith('.xlsx'));

  it('are those exceljs reads, clipped to the cells, in every workbook fixture', async () => {
    expect(workbooks.length).toBeGreaterThan(30);
    let compared = 0;
    for (const rel of workbooks) {
      const bytes = readFileSync(path.join(fixtures, rel));
      const out = await read(path.basename(rel), bytes);
      const theirs = await exceljsMerges(bytes);
      for (const sheet of out.sheets) {
        const lastRow = sheet.rows.length - 1;
        const lastCol = gridWidth(sheet) - 1;
        const expected = (theirs.get(sheet.name ?? '') ?? [])
          .map((m) => ({
            ...m,
            bottom: Math.min(m.bottom, lastRow),
            right: Math.min(m.right, lastCol),
          }))
          .filter((m) => m.bottom >= m.top && m.right >= m.left)
          .filter((m) => m.bottom > m.top || m.right > m.left);
        expect(sheet.merges.map(key).sort(), `${rel} ${sheet.name}`).toEqual(
          expected.map(key).sort(),
        );
        compared += sheet.merges.length;
      }
    }
    // The fixtures' headings are made of merged cells: the comparison was not vacuous.
    expect(compared).toBeGreaterThan(100);
  }, 60_000);

  it('over a whole column are clipped to the rows the sheet holds, and cost nothing more', async () => {
    const source = readFileSync(
      path.join(fixtures, '2022-H1/Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx'),
    );
    const plain = await read('plain.xlsx', source);
    const attacked = await read(
      'attacked.xlsx',
      await editSheets(source, (xml) => addMerge(addMerge(xml, 'Z1:Z1048576'), 'A40:A1048576')),
    );
    expect(attacked.findings).toEqual([]);
    expect(attacked.sheets.map((s) => s.rows)).toEqual(plain.sheets.map((s) => s.rows));
    for (const [i, sheet] of attacked.sheets.entries()) {
      const before = plain.sheets[i]?.merges.map(key) ?? [];
      const added = sheet.merges.filter((m) => !before.includes(key(m)));
      // Column Z holds no cell: gone. Column A from row 40 down: to the last row there is.
      expect(added).toEqual(
        sheet.rows.length > 40
          ? [{ top: 39, left: 0, bottom: sheet.rows.length - 1, right: 0 }]
          : [],
      );
    }
  });

  it('twenty thousand of them are read in linear time (exceljs compares each with all others)', async () => {
    let merges = '';
    for (let i = 0; i < 20_000; i++) {
      const r = Math.floor(i / 10) * 2 + 1;
      const c = String.fromCharCode(65 + (i % 10) * 2);
      const d = String.fromCharCode(66 + (i % 10) * 2);
      merges += `<mergeCell ref="${c}${r}:${d}${r + 1}"/>`;
    }
    const xml = sheetXml(4000, 20, `<mergeCells count="20000">${merges}</mergeCells>`);
    const t = performance.now();
    const out = await read('gop.xlsx', buildZip(workbookEntries([{ name: 'S', xml }])));
    expect(out.sheets[0]?.merges).toHaveLength(20_000);
    expect(performance.now() - t).toBeLessThan(15_000);
  }, 30_000);

  it('are found in a prefixed sheet under another name (OpenXML SDK), through its relationship', async () => {
    const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const entries = workbookEntries([{ name: 'Biểu 01', xml: '' }]).filter(
      (e) => !e.name.startsWith('xl/worksheets/'),
    );
    const wb = entries.find((e) => e.name === 'xl/workbook.xml');
    const rels = entries.find((e) => e.name === 'xl/_rels/workbook.xml.rels');
    if (!wb || !rels) throw new Error('no workbook');
    wb.data = `<?xml version="1.0"?><x:workbook xmlns:x="${main}" xmlns:r="${rel}"><x:sheets><x:sheet name="Biểu 01" sheetId="7" r:id="rId1"/></x:sheets></x:workbook>`;
    rels.data = String(rels.data).replace(
      'Target="worksheets/sheet1.xml"',
      'Target="/xl/worksheets/data.xml"',
    );
    const sheet = `<?xml version="1.0"?><x:worksheet xmlns:x="${main}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Số hộ</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c><x:c r="B2"><x:v>2</x:v></x:c></x:row></x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>`;
    const out = await read(
      'sdk.xlsx',
      buildZip([...entries, { name: 'xl/worksheets/data.xml', data: sheet }]),
    );
    expect(out.findings).toEqual([]);
    expect(out.sheets[0]?.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
  });

  it('of a small sheet are those a census of every element finds, however the XML is spelt', () => {
    // Sheets as writers spell them: a namespace prefix or none, attributes before or after
    // `ref`, white space or a line break after the name, an empty or a closed element, and
    // decoys that are no merged range (a `mergeCells` container, the words in a cell's text,
    // a longer element name ending in them).
    const spelling = fc.record({
      prefix: fc.constantFrom('', 'x:', 'main:'),
      gap: fc.constantFrom(' ', '\n', '\t', '\r\n  '),
      extra: fc.constantFrom('', 'xr:uid="{1}" '),
      close: fc.constantFrom('/>', '></mergeCell>'),
    });
    const range = fc
      .tuple(fc.nat(30), fc.nat(12), fc.nat(5), fc.nat(5))
      .map(([r, c, h, w]) => `${columnName(c)}${r + 1}:${columnName(c + w)}${r + 1 + h}`);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(range, spelling), { maxLength: 12 }),
        fc.boolean(),
        (ms, decoy) => {
          const p = ms[0]?.[1].prefix ?? '';
          const cells = ms
            .map(([ref, sp]) => `<${sp.prefix}mergeCell${sp.gap}${sp.extra}ref="${ref}"${sp.close}`)
            .map((m) => m.replace(`</mergeCell>`, `</${p}mergeCell>`))
            .join('');
          const text = decoy
            ? '<c r="A1" t="inlineStr"><is><t>mergeCell ref=&quot;A1:B2&quot;</t></is></c>'
            : '';
          const xml =
            `<?xml version="1.0"?><${p}worksheet xmlns${p ? `:${p.slice(0, -1)}` : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
            `<${p}sheetData><${p}row r="1">${text}</${p}row></${p}sheetData>` +
            (decoy ? `<${p}xmergeCell ref="C3:D4"/>` : '') +
            `<${p}mergeCells count="${ms.length}">${cells}</${p}mergeCells></${p}worksheet>`;
          const merges = (everySheet: boolean): unknown => {
            const census = new XlsxCensus({}, { everySheet });
            for (const e of workbookEntries([{ name: 'S', xml }]))
              census.inspect(e.name, Buffer.from(e.data));
            return [...census.sheetMerges().values()];
          };
          expect(merges(false)).toEqual(merges(true));
          expect(merges(false)).toEqual([expect.any(Array)]);
          expect((merges(false) as unknown[][])[0]).toHaveLength(ms.length);
        },
      ),
    );
  });

  it('hide what a writer left in the covered cells, as Excel shows it', async () => {
    const xml = sheetXml(3, 3, '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>');
    const out = await read('che.xlsx', buildZip(workbookEntries([{ name: 'S', xml }])));
    const s = out.sheets[0];
    if (!s) throw new Error('no sheet');
    expect(cellAt(s, 0, 0)?.value).toBe(7);
    expect([cellAt(s, 0, 1), cellAt(s, 1, 0), cellAt(s, 1, 1)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(cellAt(s, 2, 2)?.value).toBe(23);
  });
});

describe('the cell budget', () => {
  it('refuses a workbook past it before exceljs reads it, and reads one within it', async () => {
    const over = buildZip(workbookEntries([{ name: 'S', xml: sheetXml(120, 50) }]));
    expect((await read('over.xlsx', over, 5000)).findings.map((f) => f.code)).toEqual([
      'too-many-cells',
    ]);
    const within = buildZip(workbookEntries([{ name: 'S', xml: sheetXml(90, 50) }]));
    const ok = await read('within.xlsx', within, 5000);
    expect(ok.findings).toEqual([]);
    expect(ok.sheets[0]?.rows).toHaveLength(90);
  });

  it('is spent again on the grid as read, behind the census', async () => {
    const bytes = buildZip(workbookEntries([{ name: 'S', xml: sheetXml(10, 10) }]));
    const census = new XlsxCensus();
    const guard = guardZip(bytes, { inspect: census.inspect });
    if (!guard.ok) throw new Error(guard.code);
    const pkg = { names: guard.names, merges: census.sheetMerges() };
    await expect(readXlsx(bytes, pkg, { maxCells: 50 })).rejects.toThrow(GridLimitError);
    expect((await readXlsx(bytes, pkg, { maxCells: 100 })).sheets[0]?.rows).toHaveLength(10);
  });

  it('counts shared strings and the rows a far-away cell makes the grid hold', async () => {
    const source = buildZip(workbookEntries([{ name: 'S', xml: sheetXml(2, 2) }]));
    const parts = await unzipParts(source);
    const strings = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>x</t></si>'.repeat(6000)}</sst>`;
    const withStrings = buildZip([...parts, { name: 'xl/sharedStrings.xml', data: strings }]);
    expect((await read('chuoi.xlsx', withStrings, 5000)).findings.map((f) => f.code)).toEqual([
      'too-many-cells',
    ]);
    // One cell on the last row of a sheet: a million empty rows to lay out, allowed once.
    const far = (n: number): Buffer =>
      buildZip(
        workbookEntries(
          Array.from({ length: n }, (_, i) => ({
            name: `S${i + 1}`,
            xml: sheetXml(1, 1).replace(
              '</sheetData>',
              '<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>',
            ),
          })),
        ),
      );
    const t = performance.now();
    // Past the budget, the sheets' heads are read in case the file is a household list to stream;
    // it is not, so what the user is told is the refusal the reader kept for it.
    const refused = await read('xa.xlsx', far(2));
    expect(refused.large?.tooLarge.code).toBe('too-many-cells');
    expect(refused.sheets.every((g) => g.rows.length <= 200)).toBe(true);
    expect(performance.now() - t).toBeLessThan(10_000);
    expect((await read('xa1.xlsx', far(1))).sheets[0]?.rows).toHaveLength(1_048_576);
  }, 30_000);

  it('holds for CSV too, counted before a huge line is split', () => {
    expect(() => readCsv(Buffer.from(`a;${';'.repeat(9000)}\n`), { maxCells: 1000 })).toThrow(
      GridLimitError,
    );
    const cells = Array.from({ length: 600 }, () => '1;2').join('\n');
    expect(() => readCsv(Buffer.from(cells), { maxCells: 1000 })).toThrow(GridLimitError);
    expect(readCsv(Buffer.from(cells), { maxCells: 1200 }).sheet.rows).toHaveLength(600);
  });

  it('is reported for a CSV as too many cells', async () => {
    const out = await read('dai.csv', Buffer.from(`${'1;'.repeat(3000)}\n`), 1000);
    expect(out.findings.map((f) => f.code)).toEqual(['too-many-cells']);
  });
});
