/**
 * The files of fixtures/formats/ (SYNTHETIC; scripts/fixtures/make-formats.mjs) through the
 * reader, the checks and the built binary, as a clerk would meet them: a web system's "Xuất
 * Excel" `.xls` that is really an HTML page (UTF-8, and Windows-1258 with unclosed cells), an
 * Excel 2003 XML `.xls`, LibreOffice's HTML export and an openpyxl workbook. Each is recognised
 * as Biểu 01 of its district with no finding; hostile pages give a finding, quickly.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { findingMessage } from '../../src/core/finding.js';
import { cellAt, type SheetGrid } from '../../src/core/grid.js';
import { readSubmissionFile } from '../../src/io/read-file.js';
import { readXlsx } from '../../src/io/read-xlsx.js';
import { shippedRun } from '../helpers/build.js';
import { convertWithLibreOffice, libreOfficeSkipReason } from '../helpers/libreoffice.js';
import { checkFiles, type CheckedFile } from '../../src/commands/check-files.js';
import type { TableRow } from '../../src/core/extract.js';

const root = path.resolve(import.meta.dirname, '../..');
const formats = path.join(root, 'fixtures/formats');
const bin = path.join(root, 'bin', 'povreport.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'povreport định dạng '));
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const HTML_XLS = 'Trạm Tấu - Biểu 01 xuất từ phần mềm.xls';
const HTML_1258 = 'MuCangChai_Bieu01_xuat-excel_windows-1258.xls';
const XML2003 = 'Trạm Tấu - Biểu 01 (Excel 2003 XML).xls';
const LO_HTML = 'LibreOffice - Trạm Tấu Biểu 01.html';
const OPENPYXL = 'openpyxl - Trạm Tấu Biểu 01 (bảng, ghi chú, ảnh).xlsx';

async function read(name: string) {
  return readSubmissionFile(path.join(formats, name), { displayPath: name });
}

function only(sheets: SheetGrid[]): SheetGrid {
  expect(sheets).toHaveLength(1);
  return sheets[0] as SheetGrid;
}

/** The two-row header of Biểu 01 as the fixtures write it, from row `top` (0-based). */
function expectForm01Header(s: SheetGrid, top: number): void {
  expect(cellAt(s, top, 0)?.value).toBe('STT');
  expect(cellAt(s, top, 3)?.value).toBe('Hộ nghèo');
  expect(cellAt(s, top, 6)?.value).toBe('Hộ cận nghèo');
  expect(cellAt(s, top + 1, 3)?.value).toBe('Số hộ');
  expect(s.merges).toEqual(
    expect.arrayContaining([
      { top, left: 0, bottom: top + 1, right: 0 },
      { top, left: 1, bottom: top + 1, right: 1 },
      { top, left: 2, bottom: top + 1, right: 2 },
      { top, left: 3, bottom: top, right: 5 },
      { top, left: 6, bottom: top, right: 8 },
    ]),
  );
}

describe('an HTML page saved as .xls', () => {
  it('is read as one sheet named after the file, cells and merges where Excel puts them', async () => {
    const out = await read(HTML_XLS);
    expect(out.findings).toEqual([]);
    expect(out.info).toEqual({ format: 'html', encoding: 'utf-8' });
    const s = only(out.sheets);
    expect(s.name).toBe('Trạm Tấu - Biểu 01 xuất từ phần');
    expect(cellAt(s, 0, 0)?.value).toBe('UBND HUYỆN TRẠM TẤU');
    expect(s.merges).toContainEqual({ top: 0, left: 0, bottom: 0, right: 2 });
    expect(cellAt(s, 3, 0)?.value).toBe(
      'BIỂU 01: KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO 6 THÁNG ĐẦU NĂM 2022',
    );
    expectForm01Header(s, 5);
    expect(cellAt(s, 6, 4)?.value).toBe('Tỷ lệ\n(%)');
    // Numbers stay the text the page shows; the core reads "7.240" as seven thousand.
    expect(cellAt(s, 8, 1)?.value).toBe('Tổng cộng');
    expect(cellAt(s, 8, 2)?.value).toBe('7.240');
    expect(cellAt(s, 8, 4)?.value).toBe('52,20');
    expect(cellAt(s, 20, 1)?.value).toBe('Xã Xà Hồ');
    // The signature block is a second table: one blank row, then its rows.
    expect(s.rows[21]).toEqual([]);
    expect(cellAt(s, 22, 5)?.value).toBe('Trạm Tấu, ngày 10 tháng 6 năm 2022');
  });

  it('in Windows-1258 with cells never closed reads the same Vietnamese text', async () => {
    const out = await read(HTML_1258);
    expect(out.info).toEqual({ format: 'html', encoding: 'windows-1258' });
    const s = only(out.sheets);
    expect(cellAt(s, 0, 0)?.value).toBe('UBND HUYỆN MÙ CANG CHẢI');
    expectForm01Header(s, 5);
    expect(cellAt(s, 9, 1)?.value).toBe('Thị trấn Mù Cang Chải');
  });

  it('from LibreOffice (several sheets on one page, notes hidden) is read too', async () => {
    const out = await read(LO_HTML);
    const s = only(out.sheets);
    const total = s.rows.findIndex((r) => r[1]?.value === 'Tổng cộng');
    expect(total).toBeGreaterThan(0);
    // LibreOffice's typed value (sdval) comes out a number.
    expect(cellAt(s, total, 2)?.value).toBe(7240);
    expectForm01Header(s, total - 3);
  });

  it('agrees with LibreOffice on where the form’s cells and merges go', async (ctx) => {
    const skip = libreOfficeSkipReason();
    if (skip !== null) ctx.skip(skip);
    const page = path.join(tmp, 'form.html');
    copyFileSync(path.join(formats, HTML_XLS), page);
    await convertWithLibreOffice([page], tmp, { infilter: 'HTML (StarCalc)', recalc: false });
    const lo = only((await readXlsx(readFileSync(path.join(tmp, 'form.xlsx')))).sheets);
    const ours = only((await read(HTML_XLS)).sheets);
    // The form table (rows 0-20); LibreOffice leaves no blank row before the next table.
    const inForm = (m: { top: number }): boolean => m.top <= 20;
    const sort = (ms: SheetGrid['merges']) =>
      ms.filter(inForm).sort((a, b) => a.top - b.top || a.left - b.left);
    expect(sort(ours.merges)).toEqual(sort(lo.merges));
    for (let r = 0; r <= 7; r++) {
      for (let c = 0; c < 9; c++) {
        const theirs = cellAt(lo, r, c)?.value;
        expect(String(cellAt(ours, r, c)?.value ?? ''), `${r},${c}`).toBe(String(theirs ?? ''));
      }
    }
  });

  it('is checked as Biểu 01 of its district with no finding at all', async () => {
    const run = await shippedRun();
    const checked = await checkFiles(
      [HTML_XLS, HTML_1258, XML2003, LO_HTML, OPENPYXL].map((f) => path.join(formats, f)),
      run,
      { lang: 'vi', period: '2022-H1' },
    );
    expect(
      checked.map((f) => ({
        file: path.basename(f.file),
        unit: f.unit?.code,
        period: f.period,
        forms: f.forms,
        findings: f.findings.filter((x) => x.code !== 'extra-sheet').map((x) => x.code),
      })),
    ).toEqual([
      { file: HTML_XLS, unit: '139', period: '2022-H1', forms: ['01'], findings: [] },
      { file: HTML_1258, unit: '137', period: '2022-H1', forms: ['01'], findings: [] },
      { file: XML2003, unit: '139', period: '2022-H1', forms: ['01'], findings: [] },
      { file: LO_HTML, unit: '139', period: '2022-H1', forms: ['01'], findings: [] },
      { file: OPENPYXL, unit: '139', period: '2022-H1', forms: ['01'], findings: [] },
    ]);
  });
});

describe('an Excel 2003 XML Spreadsheet saved as .xls', () => {
  it('is read sheet by sheet, the hidden one marked, rates typed with their % format', async () => {
    const out = await read(XML2003);
    expect(out.findings).toEqual([]);
    expect(out.info).toEqual({ format: 'xml2003', encoding: 'utf-8' });
    expect(out.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Biểu 01', false],
      ['ThamSo', true],
    ]);
    const s = out.sheets[0] as SheetGrid;
    expectForm01Header(s, 5);
    expect(cellAt(s, 8, 1)?.value).toBe('Tổng cộng');
    expect(cellAt(s, 8, 2)).toEqual({ value: 7240 });
    expect(cellAt(s, 8, 4)).toEqual({ value: 0.522, numFmt: '0.00%' });
  });
});

describe('the built binary', () => {
  it('validates the HTML .xls: recognised, valid, the file left untouched', () => {
    const file = path.join(tmp, HTML_XLS);
    copyFileSync(path.join(formats, HTML_XLS), file);
    const hash = (): string => createHash('sha256').update(readFileSync(file)).digest('hex');
    const before = hash();
    const r = spawnSync(
      process.execPath,
      [bin, 'validate', file, '--period', '2022-H1', '--json'],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as {
      files: { unit: { code: string }; forms: string[]; valid: boolean }[];
    };
    expect(json.files[0]).toMatchObject({ unit: { code: '139' }, forms: ['01'], valid: true });
    expect(hash()).toBe(before);
  });

  it('walks a folder: .xls pages are read, a saved web page without a table only warned', () => {
    const dir = mkdtempSync(path.join(tmp, 'hộp thư '));
    copyFileSync(path.join(formats, XML2003), path.join(dir, XML2003));
    writeFileSync(path.join(dir, 'tin tức.html'), '<html><body><p>Thông báo</p></body></html>');
    const r = spawnSync(process.execPath, [bin, 'validate', dir, '--period', '2022-H1', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    const json = JSON.parse(r.stdout) as {
      findings: { code: string; severity: string; file: string }[];
      summary: { files: number; errors: number };
    };
    expect(json.summary).toMatchObject({ files: 2, errors: 0 });
    expect(json.findings).toContainEqual(
      expect.objectContaining({ code: 'file-not-spreadsheet', severity: 'warning' }),
    );
  });
});

describe('CSV files written otherwise (fixtures/formats/csv, SYNTHETIC)', () => {
  const csvDir = path.join(formats, 'csv');
  const truthOf = (form: string): string =>
    path.join(root, 'fixtures/2022-H1', `VanChan_Bieu${form}_2022-H1.csv`);
  /** Each commune's (and the total's) figures as read: row label → indicator → value. */
  const figures = (f: { tables: { rows: TableRow[] }[] }) =>
    Object.fromEntries(
      (f.tables[0]?.rows ?? []).map((r) => [
        r.name,
        Object.fromEntries([...r.values].map(([id, v]) => [id, v.value])),
      ]),
    );

  it.each([
    // Rates with three decimals: "8,680" (semicolons) and "8.680" (commas) are 8.68, never
    // 8 680 (a rate is 0–100), whichever mark the CSV's locale uses.
    ['VanChan_Bieu01_ty-le-3-chu-so-le_cham-phay.csv', '01'],
    ['VanChan_Bieu01_ty-le-3-chu-so-le_dau-phay.csv', '01'],
    // Two "Tỷ lệ (%)" decided by rate = count ÷ households, on "3,122" read as English.
    ['VanChan_Bieu01_hai-cot-Ty-le_so-kieu-Anh.csv', '01'],
    // The households of Biểu 04/05 headed "Tổng số hộ" / "TS hộ (hộ)" beside the deprivations
    // total headed in full: the poor (near-poor), not a second deprivations total.
    ['VanChan_Bieu04_cot-Tong-so-ho.csv', '04'],
    ['VanChan_Bieu05_cot-TS-ho.csv', '05'],
  ])('%s: accepted with the figures of the Văn Chấn submission', async (name, form) => {
    const run = await shippedRun();
    const opts = { lang: 'vi' as const, period: '2022-H1' };
    const [checked] = await checkFiles([path.join(csvDir, name)], run, opts);
    const [truth] = await checkFiles([truthOf(form)], run, opts);
    expect(checked?.unit?.code).toBe('140');
    expect(checked?.forms).toEqual([form]);
    expect(checked?.findings.map((f) => `${f.code} ${f.cell ?? ''}`)).toEqual([]);
    expect(truth?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const got = figures(checked as CheckedFile);
    const want = figures(truth as CheckedFile);
    expect(Object.keys(got)).toHaveLength(25);
    expect(got).toEqual(want);
  });
});

describe('hostile pages', () => {
  it('give a finding, not a crash, within seconds', async () => {
    const cases: [string, string, string][] = [
      ['nhieu-o.xls', `<table><tr>${'<td>1'.repeat(1_100_000)}`, 'too-many-cells'],
      [
        'colspan.xls',
        `<table>${'<tr><td colspan="1000000">x</td></tr>'.repeat(20_000)}`,
        'too-many-cells',
      ],
      ['long-nhau.xls', '<table><tr><td>'.repeat(100_000), 'file-corrupt'],
    ];
    for (const [name, page, code] of cases) {
      const file = path.join(tmp, name);
      writeFileSync(file, page);
      const t = performance.now();
      const out = await readSubmissionFile(file, { displayPath: name });
      expect(performance.now() - t, name).toBeLessThan(15_000);
      expect(out.findings.map((f) => f.code)).toEqual([code]);
      expect(out.sheets).toEqual([]);
      if (code === 'too-many-cells') {
        expect(findingMessage(out.findings[0] as never, 'vi')).toBe(
          'Các bảng trong tệp có hơn 500.000 ô; không đọc để bảo vệ máy.',
        );
      }
    }
  }, 60_000);
});
