/**
 * The byte-level sheet scanner reads every shipped workbook (ours, LibreOffice's, openpyxl's, the
 * odd shapes) to the same cell values exceljs reads, whatever the chunk size the XML arrives in;
 * and it reads the shapes other writers use that our fixtures may not hold (namespace prefixes,
 * single quotes, cells without references, inline rich text, CDATA, entities, phonetic runs).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseNumber,
  SharedStringsScanner,
  SheetScanner,
  type RowCells,
} from '../../src/io/xlsx-scan.js';
import { readXlsx } from '../../src/io/read-xlsx.js';

const root = path.resolve(import.meta.dirname, '../..');

function xlsxFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...xlsxFiles(full));
    else if (/\.xlsx$/i.test(name)) out.push(full);
  }
  return out;
}

type Plain = number | string | boolean | null;

/** A scanned sheet as `A1 → value`, shared strings resolved, rich and inline texts joined. */
function scanSheet(xml: Buffer, strings: string[], chunk: number): Map<string, Plain> {
  const out = new Map<string, Plain>();
  const sc = new SheetScanner((rc: RowCells) => {
    for (let k = 0; k < rc.count; k++) {
      if (!rc.hasValue(k)) continue;
      const key = `${rc.row}:${rc.col[k]}`;
      const t = rc.typeName(k);
      const n = rc.num[k] ?? NaN;
      if (t === 's') out.set(key, strings[n] ?? null);
      else if (t === 'b') out.set(key, n === 1);
      else if (!Number.isNaN(n)) out.set(key, n);
      else out.set(key, rc.text[k] ?? null);
    }
  });
  for (let i = 0; i < xml.length; i += chunk) sc.push(xml.subarray(i, i + chunk));
  sc.end();
  return out;
}

function scanStrings(xml: Buffer, chunk: number): string[] {
  const sc = new SharedStringsScanner();
  for (let i = 0; i < xml.length; i += chunk) sc.push(xml.subarray(i, i + chunk));
  return sc.end();
}

/** The worksheet parts in tab order, through the workbook's relationships. */
async function sheetParts(zip: JSZip): Promise<string[]> {
  const wb = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')?.async('string')) ?? '';
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const t = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t.replace(/^\/?(xl\/)?/, 'xl/'));
  }
  const out: string[] = [];
  for (const m of wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const id = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    const t = id ? target.get(id) : undefined;
    if (t) out.push(t);
  }
  return out;
}

const files = [
  ...xlsxFiles(path.join(root, 'fixtures/2022-H1')),
  ...xlsxFiles(path.join(root, 'fixtures/2022')),
  ...xlsxFiles(path.join(root, 'fixtures/shapes')),
  ...xlsxFiles(path.join(root, 'fixtures/lao-cai-2025')),
  ...xlsxFiles(path.join(root, 'fixtures/formats')),
];

describe('the sheet scanner reads what exceljs reads', () => {
  it('finds workbooks to compare', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  for (const file of files) {
    it(path.relative(root, file), async () => {
      const bytes = readFileSync(file);
      const zip = await JSZip.loadAsync(bytes);
      const parts = await sheetParts(zip);
      const sst = zip.file('xl/sharedStrings.xml');
      const sstXml = sst ? await sst.async('nodebuffer') : Buffer.alloc(0);
      // The reader of today (exceljs, with its repairs of other writers' packages) as the oracle.
      const { sheets } = await readXlsx(bytes);
      expect(parts.length).toBe(sheets.length);
      for (const [i, part] of parts.entries()) {
        const xml = await zip.file(part)?.async('nodebuffer');
        expect(xml, part).toBeDefined();
        if (!xml) continue;
        const want = new Map<string, Plain>();
        const dates = new Set<string>();
        sheets[i]?.rows.forEach((row, r) => {
          row.forEach((cell, c) => {
            const v = cell?.error ?? cell?.value;
            if (v === undefined || v === null || v === '') return;
            // A date is a number in the XML: only its presence is compared.
            if (v instanceof Date) dates.add(`${r}:${c}`);
            else want.set(`${r}:${c}`, v);
          });
        });
        for (const chunk of [xml.length, 4096, 7]) {
          const got = scanSheet(xml, scanStrings(sstXml, chunk), chunk);
          for (const [key, value] of want) expect(got.get(key), `${part} ${key}`).toEqual(value);
          const extra = [...got].filter(([k, v]) => v !== '' && !want.has(k) && !dates.has(k));
          expect(extra, part).toEqual([]);
        }
      }
    });
  }
});

const wrap = (rows: string, ns = ''): Buffer =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<${ns}worksheet xmlns${ns ? ':' + ns.slice(0, -1) : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${ns}sheetData>${rows}</${ns}sheetData></${ns}worksheet>`,
  );

function cellsOf(xml: Buffer, chunk = xml.length): { at: string; v: Plain; f: string | null }[] {
  const out: { at: string; v: Plain; f: string | null }[] = [];
  const sc = new SheetScanner((rc) => {
    for (let k = 0; k < rc.count; k++) {
      const n = rc.num[k] ?? NaN;
      out.push({
        at: `${rc.row}:${rc.col[k]}`,
        v: !Number.isNaN(n) ? n : (rc.text[k] ?? null),
        f: rc.formula[k] ?? null,
      });
    }
  });
  for (let i = 0; i < xml.length; i += chunk) sc.push(xml.subarray(i, i + chunk));
  sc.end();
  return out;
}

describe('shapes other writers use', () => {
  it('reads prefixed elements, single quotes and cells without references', () => {
    const xml = wrap(
      `<x:row r='3'><x:c r='B3' t='str'><x:v>Xã A</x:v></x:c><x:c><x:v>12</x:v></x:c></x:row><x:row><x:c t="n"><x:v>7.5</x:v></x:c></x:row>`,
      'x:',
    );
    for (const chunk of [xml.length, 5, 1]) {
      expect(cellsOf(xml, chunk)).toEqual([
        { at: '2:1', v: 'Xã A', f: null },
        { at: '2:2', v: 12, f: null },
        { at: '3:0', v: 7.5, f: null },
      ]);
    }
  });

  it('reads a text and a formula longer than the bytes joined across a chunk boundary', () => {
    const long = 'Thôn Pá Hu, '.repeat(900);
    const formula = `"${'x'.repeat(9000)}"`;
    const xml = wrap(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>${long}</t></is></c><c r="B1" t="str"><f>${formula}</f><v>${long}</v></c><c r="C1"><v>5</v></c></row>` +
        `<row r="2"><c r="A2"><v>6</v></c></row>`,
    );
    const want = [
      { at: '0:0', v: long, f: null },
      { at: '0:1', v: long, f: formula },
      { at: '0:2', v: 5, f: null },
      { at: '1:0', v: 6, f: null },
    ];
    // Chunks longer than the stitch, so that a value is cut in the middle of a long one.
    for (const chunk of [xml.length, 5000, 6007, 4097, 100])
      expect(cellsOf(xml, chunk)).toEqual(want);
  });

  it('reads inline rich text, CDATA, entities, formulas and leaves phonetic runs out', () => {
    const xml = wrap(
      `<row r="1"><c r="A1" t="inlineStr"><is><r><t>Hộ </t></r><r><rPr><b/></rPr><t xml:space="preserve">nghèo &amp; cận</t></r><rPh><t>PH</t></rPh></is></c>` +
        `<c r="B1" t="str"><f>A1&amp;"x"</f><v><![CDATA[a<b]]></v></c><c r="C1"><f t="shared" si="0"/><v>3</v></c>` +
        `<c r="D1" t="e"><v>#DIV/0!</v></c><c r="E1" s="4"/><c r="F1" t="inlineStr"><is><t>&#7871;&#x1EA1;</t></is></c></row>`,
    );
    for (const chunk of [xml.length, 3, 1]) {
      expect(cellsOf(xml, chunk)).toEqual([
        { at: '0:0', v: 'Hộ nghèo & cận', f: null },
        { at: '0:1', v: 'a<b', f: 'A1&"x"' },
        { at: '0:2', v: 3, f: '' },
        { at: '0:3', v: '#DIV/0!', f: null },
        { at: '0:4', v: null, f: null },
        { at: '0:5', v: 'ếạ', f: null },
      ]);
    }
  });

  it('reads shared strings with runs and without their phonetic text', () => {
    const xml = Buffer.from(
      `<sst xmlns="x" count="3"><si><t>Mã hộ</t></si><si><r><t>Điểm </t></r><r><t>A</t></r><rPh sb="0" eb="1"><t>X</t></rPh></si><si/><si><t xml:space="preserve"> a&lt;b </t></si></sst>`,
    );
    for (const chunk of [xml.length, 2, 1]) {
      expect(scanStrings(xml, chunk)).toEqual(['Mã hộ', 'Điểm A', '', ' a<b ']);
    }
  });

  it('undoes the _xHHHH_ escapes Excel and LibreOffice write for a line break typed in a cell', () => {
    // "Xã⏎Hồ Bốn" as Excel writes it: the carriage return escaped, the line feed kept;
    // "_x005F_" an underscore that would otherwise start an escape.
    const sst = Buffer.from(
      `<sst count="3"><si><t xml:space="preserve">Xã_x000D_\nHồ Bốn</t></si><si><r><t>Số hộ_x000D_</t></r><r><t>\nnghèo</t></r></si><si><t>_x005F_x0041_</t></si></sst>`,
    );
    for (const chunk of [sst.length, 3, 1])
      expect(scanStrings(sst, chunk)).toEqual(['Xã\r\nHồ Bốn', 'Số hộ\r\nnghèo', '_x0041_']);
    const xml = wrap(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>Tổng_x0009_cộng</t></is></c><c r="B1" t="str"><v>Xã_x000D_ Pá Lau</v></c></row>`,
    );
    for (const chunk of [xml.length, 4, 1])
      expect(cellsOf(xml, chunk)).toEqual([
        { at: '0:0', v: 'Tổng\tcộng', f: null },
        { at: '0:1', v: 'Xã\r Pá Lau', f: null },
      ]);
  });

  it('reads numbers in place exactly as Number() does', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
          fc.integer().map(String),
          fc.stringMatching(/^-?\d{1,18}(\.\d{1,18})?$/),
        ),
        (s) => {
          const b = Buffer.from(s, 'latin1');
          expect(Object.is(parseNumber(b, 0, b.length), Number(s))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary bytes, whatever the chunking', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(
              '<row r="2">',
              '</row>',
              '<c r="A1">',
              '<c t="s">',
              '</c>',
              '<v>',
              '</v>',
              '<is>',
              '<t>',
              '</t>',
              '</is>',
              '<sheetData>',
              '</sheetData>',
              '<![CDATA[',
              ']]>',
              '<!--',
              '-->',
              '<f/>',
              '"',
              "'",
              '&amp;',
              '&#x;',
            ),
            fc.string(),
          ),
          { maxLength: 40 },
        ),
        fc.integer({ min: 1, max: 50 }),
        (parts, chunk) => {
          const xml = Buffer.from(parts.join(''));
          expect(() => cellsOf(xml, chunk)).not.toThrow();
          expect(() => scanStrings(xml, chunk)).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });
});
