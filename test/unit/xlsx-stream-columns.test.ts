/**
 * The large-xlsx stream asked for some columns only (read-xlsx-large.ts `streamSheetRows` with
 * `columns`) hands over the cells of those columns as it reads them whole, a filled cell of
 * another column as UNREAD_CELL, an empty one (blank text, spaces, zero-width spaces) as nothing,
 * and a row's one filled cell whole (a village written in the name column is a label). Generated
 * sheets (synthetic, fast-check): shared strings blank or not, entities, inline strings, formulas,
 * numbers, booleans.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { isFilledCell, type SheetCell } from '../../src/core/grid.js';
import {
  DEFAULT_WORKER_MIN_BYTES,
  LazyStrings,
  openLargeXlsx,
  setScanWorker,
  streamSheetRows,
} from '../../src/io/read-xlsx-large.js';
import { builtWorker } from '../../src/io/worker-stream.js';
import { SharedStringsScanner } from '../../src/io/xlsx-scan.js';
import { buildZip, columnName, workbookEntries } from '../helpers/zip.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { projected } from '../helpers/unread-cells.js';

const tmp = useTempFolder('povreport-xlsx-columns-');

/** Shared-string items: filled, blank in every way a sheet can be blank, with entities. */
const STRINGS = [
  'Thôn 1',
  ' ',
  '\u200b',
  'x',
  '',
  'Hộ nghèo',
  '&#160;',
  '&#32;a',
  '\u00a0 Đ',
  '  \t',
];

const sst = (): string =>
  '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  STRINGS.map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join('') +
  '</sst>';

/** One cell's XML at `ref`, by kind. */
function cellXml(ref: string, kind: number, n: number): string {
  switch (kind) {
    case 0:
      return '';
    case 1:
      return `<c r="${ref}" t="s"><v>${n % STRINGS.length}</v></c>`;
    case 2:
      return `<c r="${ref}"><v>${n}</v></c>`;
    case 3:
      return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${n % 2 ? ' ' : 'Bản Pá Hu'}</t></is></c>`;
    case 4:
      return `<c r="${ref}" t="str"><f>A1&amp;""</f><v>${n % 2 ? '' : 'kq'}</v></c>`;
    default:
      return `<c r="${ref}" t="b"><v>${n % 2}</v></c>`;
  }
}

function workbook(rows: [number, number][][]): Buffer {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    rows
      .map(
        (cells, r) =>
          `<row r="${r + 1}">` +
          cells.map(([kind, n], c) => cellXml(`${columnName(c)}${r + 1}`, kind, n)).join('') +
          '</row>',
      )
      .join('') +
    '</sheetData></worksheet>';
  const entries = workbookEntries([{ name: 'Danh sách', xml }]);
  const rels = entries.find((e) => e.name === 'xl/_rels/workbook.xml.rels');
  if (rels)
    rels.data = String(rels.data).replace(
      '</Relationships>',
      '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    );
  entries.push({ name: 'xl/sharedStrings.xml', data: sst() });
  return buildZip(entries);
}

type Row = (SheetCell | undefined)[];

async function rowsOf(file: string, columns?: number[]): Promise<Row[]> {
  const wb = await openLargeXlsx(file);
  const rows: Row[] = [];
  await streamSheetRows(
    wb,
    0,
    0,
    (r, cells, filled, first) => {
      // The array is lent for the call: kept as a copy.
      rows[r] = [...cells];
      // When the reader says how many cells hold something and which is first, it says true.
      if (filled !== undefined) {
        toldFilled++;
        const at = cells.flatMap((c, i) => (isFilledCell(c) ? [i] : []));
        expect({ filled, first }).toEqual({ filled: at.length, first: at[0] ?? -1 });
      }
    },
    columns,
  );
  return Array.from(rows, (r) => r ?? []);
}

/** Rows whose filled cells the reader told (see rowsOf). */
let toldFilled = 0;

const plain = (rows: Row[]): unknown =>
  rows.map((r) => {
    const out = Array.from(r, (c) => (c ? { ...c } : undefined));
    while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
    return out;
  });

let n = 0;

describe('a large sheet streamed for some columns', () => {
  it('gives those columns whole, the others as filled or empty, a lone filled cell whole', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.nat(40)), { maxLength: 7 }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }),
        async (rows, columns) => {
          const file = path.join(tmp.path, `sổ ${n++}.xlsx`);
          writeFileSync(file, workbook(rows));
          const whole = await rowsOf(file);
          const some = await rowsOf(file, columns);
          const want = new Set(columns);
          expect(plain(some)).toEqual(plain(whole.map((r) => projected(r, want))));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives the same rows when a worker thread scans the sheet', async () => {
    // The built worker is there (the tests' setup builds it): the rows below do go through it.
    expect(builtWorker('xlsx-scan-worker')).not.toBeNull();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.nat(40)), { maxLength: 7 }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 4 }),
        async (rows, columns) => {
          const file = path.join(tmp.path, `sổ ${n++}.xlsx`);
          writeFileSync(file, workbook(rows));
          const here = await rowsOf(file, columns);
          setScanWorker(0);
          try {
            expect(plain(await rowsOf(file, columns))).toEqual(plain(here));
          } finally {
            setScanWorker(DEFAULT_WORKER_MIN_BYTES);
          }
        },
      ),
      { numRuns: 40 },
    );
    // The rows did say how many of their cells are filled (checked in rowsOf), not only some.
    expect(toldFilled).toBeGreaterThan(40);
  });

  it('scans the sheet in this thread when the worker thread cannot start', async () => {
    const broken = path.join(tmp.path, 'broken worker.mjs');
    writeFileSync(broken, "throw new Error('this worker does not start');\n");
    const file = path.join(tmp.path, 'fallback.xlsx');
    writeFileSync(
      file,
      workbook([
        [
          [1, 0],
          [2, 7],
          [3, 0],
        ],
        [
          [1, 5],
          [4, 0],
          [2, 3],
        ],
      ]),
    );
    const here = await rowsOf(file, [0, 2]);
    expect(here.length).toBe(2);
    setScanWorker(0, pathToFileURL(broken));
    try {
      expect(plain(await rowsOf(file, [0, 2]))).toEqual(plain(here));
    } finally {
      setScanWorker(DEFAULT_WORKER_MIN_BYTES);
    }
  });

  it('tells a blank shared string from its bytes as the decoded text tells it', () => {
    const xml = Buffer.from(sst());
    const lazy = LazyStrings.fromBytes(xml);
    const sc = new SharedStringsScanner();
    sc.push(xml);
    const texts = sc.end();
    expect(texts).toHaveLength(STRINGS.length);
    texts.forEach((t, i) => {
      expect(lazy.isBlank(i)).toBe(!isFilledCell({ value: t }));
    });
    expect(lazy.isBlank(STRINGS.length)).toBe(true);
  });
});
