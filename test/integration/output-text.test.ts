/**
 * Names that look like formulas stay text in every output, and a text longer than Excel allows in
 * a cell is cut with a note: the report workbook and the CSV (from a SYNTHETIC report model), the
 * templates (from a SYNTHETIC registry). Read back with exceljs, and opened by LibreOffice, which
 * shows a formula's result where our text should be if a name had become one.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { template } from '../../src/commands/template.js';
import type { Catalogue } from '../../src/core/catalogue.js';
import type { ConsolidatedReport } from '../../src/core/consolidate.js';
import { renderReportXlsx } from '../../src/render/report-xlsx.js';
import { CUT_NOTE, EXCEL_CELL_LIMIT } from '../../src/render/xlsx-kit.js';
import { reportToCsv } from '../../src/render/report-csv.js';
import { writeTestRegistry } from '../helpers/hostile-registry.js';
import { convertWithLibreOffice, findSoffice } from '../helpers/libreoffice.js';
import { sampleReport } from '../helpers/report-model.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const NOW = new Date('2022-06-20T01:00:00Z');

// Each of these, typed into a cell, is a formula to a spreadsheet.
const HYPERLINK = '=HYPERLINK("http://evil.example/?x","bấm vào đây")';
const CMD = "+cmd|' /C calc'!A0";
const MINUS = '-1+1';
const AT = '@SUM(1+1)';
// Split at the semicolon by an Excel set to Vietnamese, or by LibreOffice told to.
const SEMI = 'Xã A;=2+2';
const SPACED = ' =3+3';
const WIDE = '＝4+4';
const NAMES = [HYPERLINK, CMD, MINUS, AT, SEMI, SPACED, WIDE];
// What a formula of ours never contains, and one made of a name would.
const FORMULA_PARTS = ['HYPERLINK', 'cmd', '1+1', '2+2', '3+3', '4+4'];

const LONG = 'Ghi chú rất dài của xã. '.repeat(2000);

let dir: string;
const soffice = findSoffice();
let reportFile: string;
let templates: { formulaNames: string; long: string };
let csvFile: string;
/** What LibreOffice shows in every sheet of the report and of the first template. */
let shown: Set<string> | null = null;
/** The formulas LibreOffice made of the CSV report split at semicolons, formulas evaluated. */
let csvFormulas: string[] | null = null;

const temp = useTempFolder('povreport-output-text-');

beforeAll(async () => {
  dir = temp.path;
  const { report, cat } = await hostileReport();
  reportFile = path.join(dir, 'tong-hop.xlsx');
  writeFileSync(reportFile, renderReportXlsx(report, cat, { lang: 'vi', now: NOW }));
  csvFile = path.join(dir, 'tong-hop.csv');
  writeFileSync(csvFile, reportToCsv(report, cat.forms));
  templates = await writeTemplates();
  if (!soffice) {
    console.warn('LibreOffice (soffice) not found: its checks are SKIPPED');
    return;
  }
  // Both workbooks in one run (LibreOffice is slow to start).
  shown = await libreOfficeTexts([reportFile, templates.formulaNames], path.join(dir, 'lo'));
  // Told to split at semicolons and to evaluate formulas, as an Excel set to Vietnamese does.
  const outDir = path.join(dir, 'lo-csv');
  mkdirSync(outDir);
  await convertWithLibreOffice([csvFile], outDir, {
    infilter: 'CSV:59,34,76,1,,0,false,true,false,false,false,1,true',
    recalc: true,
  });
  csvFormulas = (await readCells(path.join(outDir, 'tong-hop.xlsx'))).formulas;
}, 120_000);

/** The templates of a registry whose communes are named like formulas and whose unit name is huge. */
async function writeTemplates(): Promise<{ formulaNames: string; long: string }> {
  const reg = await writeTestRegistry(
    dir,
    [
      { code: '301', name: 'Huyện Công Thức', subunits: NAMES.map((name) => ({ name })) },
      { code: '302', name: `Huyện ${LONG}`, short: 'Dài' },
    ],
    { extra: { subunitLevel: { vi: 'xã, phường, thị trấn, thôn, bản, tổ dân phố', en: 'x' } } },
  );
  const out = path.join(dir, 'mau');
  const code = await template({
    period: '2022-H1',
    registry: reg.registry,
    out,
    lang: 'vi',
    now: NOW,
    write: () => undefined,
  });
  expect(code).toBe(0);
  const files = readdirSync(out).map((f) => path.join(out, f));
  expect(files).toHaveLength(2);
  return {
    formulaNames: files.find((f) => f.includes('-301-')) ?? '',
    long: files.find((f) => f.includes('-302-')) ?? '',
  };
}

interface Cells {
  strings: string[];
  formulas: string[];
}

/** Every text and every formula of a workbook, read back with exceljs. */
async function readCells(file: string): Promise<Cells> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Cells = { strings: [], formulas: [] };
  wb.eachSheet((ws) => {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        const v = cell.value;
        if (typeof v === 'string') out.strings.push(v);
        else if (cell.formula) out.formulas.push(cell.formula);
        else if (v && typeof v === 'object' && 'richText' in v)
          out.strings.push(v.richText.map((t) => t.text).join(''));
      });
    });
  });
  return out;
}

function expectNoNameFormula(cells: Cells): void {
  for (const f of cells.formulas) for (const part of FORMULA_PARTS) expect(f).not.toContain(part);
  for (const s of cells.strings) expect(s.length).toBeLessThanOrEqual(EXCEL_CELL_LIMIT);
}

/** Every field of every sheet LibreOffice shows, from its CSV export of all sheets. */
async function libreOfficeTexts(files: string[], outDir: string): Promise<Set<string>> {
  mkdirSync(outDir, { recursive: true });
  await convertWithLibreOffice(files, outDir, {
    to: 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
    recalc: true,
  });
  const fields = new Set<string>();
  for (const f of readdirSync(outDir).filter((x) => x.endsWith('.csv'))) {
    const rows: string[][] = parse(readFileSync(path.join(outDir, f), 'utf8'), {
      relax_column_count: true,
    });
    for (const row of rows) for (const v of row) fields.add(v);
  }
  return fields;
}

/** The sample report with formula-like names everywhere a name goes, and one very long text. */
async function hostileReport(): Promise<{ report: ConsolidatedReport; cat: Catalogue }> {
  const { report, cat } = await sampleReport();
  const names: Record<string, string> = { '135': HYPERLINK, '139': MINUS, '141': AT };
  for (const u of report.units) {
    u.name = names[u.code] ?? u.name;
    u.subunits.forEach((s, i) => (s.name = [CMD, SEMI][i] ?? s.name));
    for (const f of u.findings) if (f.code === 'extra-column') f.params.heading = LONG;
  }
  report.province.name = SPACED;
  const first = report.units[0]?.files[0];
  if (first) first.file = `nop/${WIDE}.xlsx`;
  const registry = {
    ...cat.registry,
    units: cat.registry.units.map((u) => ({ ...u, name: names[u.code] ?? u.name })),
  };
  return { report, cat: { ...cat, registry } };
}

describe('the report workbook', () => {
  it('writes every formula-like name as text and cuts the long text with a note', async () => {
    const cells = await readCells(reportFile);
    expectNoNameFormula(cells);
    for (const name of [HYPERLINK, MINUS, AT, CMD, SEMI]) expect(cells.strings).toContain(name);
    const cut = cells.strings.filter((s) => s.includes('Ghi chú rất dài'));
    expect(cut.length).toBeGreaterThan(0);
    for (const s of cut) {
      expect(s.length).toBe(EXCEL_CELL_LIMIT);
      expect(s.endsWith(CUT_NOTE)).toBe(true);
    }
  });

  it.skipIf(!soffice)('LibreOffice shows each name as written, no formula result', () => {
    for (const name of [HYPERLINK, MINUS, AT, CMD, SEMI]) expect(shown).toContain(name);
    expect(shown).not.toContain('bấm vào đây');
  });
});

describe('the templates', () => {
  it('write formula-like commune names as text, once in each form', async () => {
    const named = await readCells(templates.formulaNames);
    expectNoNameFormula(named);
    for (const name of NAMES)
      expect(named.strings.filter((s) => s === name.normalize('NFC'))).toHaveLength(5);
  });

  it('cut a huge unit name with a note, and the input title made of the level words', async () => {
    const cells = await readCells(templates.long);
    expectNoNameFormula(cells);
    const title = cells.strings.filter((s) => s.startsWith('UBND HUYỆN GHI CHÚ RẤT DÀI'));
    expect(title).toHaveLength(5);
    for (const s of title) expect(s.endsWith(CUT_NOTE)).toBe(true);
    // Excel refuses an input message title over 32 characters.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(templates.long);
    const prompt = wb.getWorksheet('Biểu 01')?.getCell('B9').dataValidation.promptTitle ?? '';
    expect(prompt.startsWith('Tên xã, phường')).toBe(true);
    expect(prompt.length).toBeLessThanOrEqual(32);
  });

  it.skipIf(!soffice)('LibreOffice shows each commune name as written', () => {
    for (const name of [HYPERLINK, CMD, MINUS, AT, SEMI, WIDE]) expect(shown).toContain(name);
  });
});

describe('the CSV report', () => {
  it('neither a comma nor a semicolon reading starts a field with a formula sign', () => {
    const csv = readFileSync(csvFile, 'utf8');
    for (const delimiter of [',', ';']) {
      const rows: string[][] = parse(csv, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        bom: true,
      });
      for (const row of rows)
        for (const v of row) expect(v).not.toMatch(/^[\s\u3000]*[=+\-@＝＋－＠]/);
    }
    expect(csv).toContain(`,'${MINUS},`);
    expect(csv).toContain(`"Xã A;'=2+2"`);
  });

  it.skipIf(!soffice)(
    'LibreOffice splitting at semicolons and evaluating formulas makes none',
    () => {
      expect(csvFormulas).toEqual([]);
    },
  );
});
