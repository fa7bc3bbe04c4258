/**
 * Who issues the provincial report is the registry's data: the shipped Yên Bái 2022 submissions
 * consolidated with the yen-bai-2022 registry keep the header and signature the report has always
 * had, a Lào Cai report (registry lao-cai-2025, no submissions: all 99 communes missing) carries
 * the Sở Nông nghiệp và Môi trường's header, number line, signer and recipients, and a registry
 * that leaves the new issuer fields out prints as before. Each workbook is read back with exceljs,
 * as a clerk would open it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Chalk } from 'chalk';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidate } from '../../src/commands/consolidate.js';
import { TEMPLATES_DIR } from '../../src/io/templates.js';
import { fixtures } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';

// 03:00 on 27 November in Vietnam (still the 26th in UTC).
const NOW = new Date('2026-11-26T20:00:00Z');
const tmp = useTempFolder('povreport-header-');

/** The sheets that end with a signature block. */
const SIGNED = ['Biểu 01', 'Biểu 02', 'Biểu 03', 'Biểu 04', 'Biểu 05', 'Chỉ tiêu'];

/** Consolidates `paths` into a fresh folder and reads the workbook back. */
async function report(
  name: string,
  paths: string[],
  o: { period: string; registry?: string; plan?: string },
): Promise<ExcelJS.Workbook> {
  const out = path.join(tmp.path, name);
  await consolidate({
    paths,
    out,
    formats: ['xlsx'],
    strict: false,
    json: false,
    lang: 'vi',
    chalk: new Chalk({ level: 0 }),
    write: () => {},
    now: NOW,
    ...o,
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(out, `tong-hop-${o.period}.xlsx`));
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The texts of rows `from`…`to`, row by row, each merged text once, empty rows left out. */
function rowTexts(ws: ExcelJS.Worksheet, from: number, to: number): string[][] {
  const rows: string[][] = [];
  for (let r = from; r <= to; r++) {
    const texts: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = ws.getCell(r, c);
      if (cell.isMerged && cell.master !== cell) continue;
      if (cell.text) texts.push(cell.text);
    }
    if (texts.length > 0) rows.push(texts);
  }
  return rows;
}

/** The first cell reading `text`, searched by rows then columns. */
function find(ws: ExcelJS.Worksheet, text: string): ExcelJS.Cell {
  for (let r = 1; r <= ws.rowCount; r++)
    for (let c = 1; c <= ws.columnCount; c++)
      if (ws.getCell(r, c).text === text) return ws.getCell(r, c);
  throw new Error(`no "${text}" in ${ws.name}`);
}

/** The rows under the table: from the signature titles to the end of the sheet. */
function signatureRows(ws: ExcelJS.Worksheet): string[][] {
  const start = Number(find(ws, 'NGƯỜI LẬP BIỂU').row);
  return rowTexts(ws, start, ws.rowCount);
}

function allTexts(wb: ExcelJS.Workbook): Record<string, string[][]> {
  return Object.fromEntries(wb.worksheets.map((ws) => [ws.name, rowTexts(ws, 1, ws.rowCount)]));
}

/** The report document, the first sheet, laid out apart (see report-document.test.ts). */
const DOCUMENT = 'Báo cáo';
/** The annexes: every sheet after the document. */
const annexes = (wb: ExcelJS.Workbook): ExcelJS.Worksheet[] =>
  wb.worksheets.filter((ws) => ws.name !== DOCUMENT);

/** A cell's font as a reader sees it: unset flags are off. */
const look = (cell: ExcelJS.Cell) => ({
  name: cell.font.name,
  size: cell.font.size,
  bold: cell.font.bold ?? false,
  italic: cell.font.italic ?? false,
  underline: Boolean(cell.font.underline),
});

/** The columns a merged cell spans, as "A1:I1" (the cell alone when not merged). */
function spanOf(ws: ExcelJS.Worksheet, cell: ExcelJS.Cell): string {
  const r = Number(cell.row);
  let last = Number(cell.col);
  while (last < ws.columnCount && ws.getCell(r, last + 1).master.address === cell.address) last++;
  return `${cell.address}:${ws.getCell(r, last).address}`;
}

let yenBai: ExcelJS.Workbook;
beforeAll(async () => {
  yenBai = await report('yen-bai', [path.join(fixtures, '2022-H1')], { period: '2022-H1' });
}, 60_000);

describe('the Yên Bái 2022-H1 report keeps its header', () => {
  it('issuer top left, the national motto and "Yên Bái, ngày …" top right, no number line', () => {
    expect(yenBai.worksheets[0]?.name).toBe(DOCUMENT);
    for (const ws of annexes(yenBai)) {
      expect(rowTexts(ws, 1, 4), ws.name).toEqual([
        ['UBND TỈNH YÊN BÁI', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
        ['SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', 'Độc lập - Tự do - Hạnh phúc'],
        ['Yên Bái, ngày 27 tháng 11 năm 2026'],
      ]);
      expect(ws.getCell('A1').font.bold, ws.name).toBeFalsy();
      expect(ws.getCell('A2').font.bold, ws.name).toBe(true);
      expect(ws.getCell('A3').text, ws.name).toBe('');
    }
  });

  it('signed by the director, no "Nơi nhận"', () => {
    for (const name of SIGNED)
      expect(signatureRows(sheet(yenBai, name)), name).toEqual([
        ['NGƯỜI LẬP BIỂU', 'GIÁM ĐỐC'],
        ['(Ký, ghi rõ họ tên)', '(Ký tên, đóng dấu)'],
      ]);
    const everything = JSON.stringify(allTexts(yenBai));
    expect(everything).not.toContain('Nơi nhận');
    // The annexes print no number line without a symbol; the document leaves it to fill in whole.
    const document = allTexts(yenBai)[DOCUMENT] ?? [];
    expect(JSON.stringify({ ...allTexts(yenBai), [DOCUMENT]: [] })).not.toContain('Số:');
    expect(document.flat().filter((t) => t.startsWith('Số:'))).toEqual(['Số:        /BC-        ']);
  });

  it('opens with the report document: the head where Decree 30/2020 puts it, A4 portrait', () => {
    const ws = sheet(yenBai, DOCUMENT);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait' });
    const parent = find(ws, 'UBND TỈNH YÊN BÁI');
    const department = find(ws, 'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI');
    const name = find(ws, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const motto = find(ws, 'Độc lập - Tự do - Hạnh phúc');
    const date = find(ws, 'Yên Bái, ngày 27 tháng 11 năm 2026');
    // Top left and top right, side by side, the left block narrower.
    expect([parent.address, department.address, name.address, motto.address]).toEqual([
      'A1',
      'A2',
      'J1',
      'J2',
    ]);
    expect([spanOf(ws, parent), spanOf(ws, name)]).toEqual(['A1:I1', 'J1:X1']);
    expect(look(parent)).toMatchObject({ name: 'Times New Roman', size: 12, bold: false });
    expect(look(department)).toMatchObject({ size: 12, bold: true });
    expect(look(name)).toMatchObject({ size: 12, bold: true });
    expect(look(motto)).toMatchObject({ size: 13, bold: true, underline: true });
    // The short rule under the department: a third of its block, centred (D3:F3).
    const ruled = [...Array(9).keys()].map((i) => Boolean(ws.getCell(3, i + 1).border?.bottom));
    expect(ruled).toEqual([false, false, false, true, true, true, false, false, false]);
    // The number and the place and date on one line, the date in italics.
    expect(Number(date.row)).toBe(4);
    expect(look(date)).toMatchObject({ size: 13, italic: true });
    expect(look(ws.getCell('A4'))).toMatchObject({ size: 13, bold: false, italic: false });
    const type = find(ws, 'BÁO CÁO');
    expect(spanOf(ws, type)).toBe(`A${type.row}:X${type.row}`);
    expect(look(type)).toMatchObject({ size: 14, bold: true });
    expect(type.alignment.horizontal).toBe('center');
    const summary = ws.getCell(Number(type.row) + 1, 1);
    expect(summary.text).toBe(
      'Kết quả thực hiện giảm nghèo 6 tháng đầu năm 2022 trên địa bàn tỉnh Yên Bái',
    );
    expect(look(summary)).toMatchObject({ size: 14, bold: true });
    // The body: 13 pt, justified, upright; then the director's title on the right.
    const body = ws.getCell(Number(type.row) + 4, 1);
    expect(body.text).toMatch(/^\u00a0+Sở Lao động - Thương binh và Xã hội tỉnh Yên Bái báo cáo/);
    expect(look(body)).toMatchObject({ size: 13, bold: false, italic: false });
    expect(body.alignment.horizontal).toBe('justify');
    const signer = find(ws, 'GIÁM ĐỐC');
    expect(look(signer)).toMatchObject({ bold: true });
    expect(signer.address).toMatch(/^L\d+$/);
  });

  it('a registry without the issuer’s number, signer and recipients prints the same', async () => {
    const file = path.join(TEMPLATES_DIR, 'registries', 'yen-bai-2022.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      issuer: Record<string, unknown>;
      $schema?: string;
    };
    delete doc.issuer.$comment;
    delete doc.issuer.signer;
    delete doc.issuer.recipients;
    delete doc.$schema;
    expect(Object.keys(doc.issuer).sort()).toEqual([
      'authority',
      'department',
      'departmentName',
      'email',
    ]);
    const dir = path.join(tmp.path, 'danh mục cũ');
    mkdirSync(dir, { recursive: true });
    const registry = path.join(dir, 'yen-bai-2022.json');
    writeFileSync(registry, JSON.stringify(doc, null, 2));
    const old = await report('old-registry', [path.join(fixtures, '2022-H1')], {
      period: '2022-H1',
      registry,
    });
    expect(allTexts(old)).toEqual(allTexts(yenBai));
  }, 60_000);
});

describe('a Lào Cai 2026 report (no submissions: 99 communes missing)', () => {
  let laoCai: ExcelJS.Workbook;
  beforeAll(async () => {
    const empty = path.join(tmp.path, 'chưa có báo cáo');
    mkdirSync(empty, { recursive: true });
    laoCai = await report('lao-cai', [empty], {
      period: '2026',
      registry: 'lao-cai-2025',
      plan: 'lao-cai-2026',
    });
  }, 60_000);

  it('names its detail sheet by its rows: villages, not communes', () => {
    const names = laoCai.worksheets.map((w) => w.name);
    expect(names).toContain('Chi tiết thôn');
    expect(names).not.toContain('Chi tiết xã');
    const body = rowTexts(sheet(laoCai, DOCUMENT), 1, 200).flat().join('\n');
    expect(body).toContain('Chi tiết thôn');
  });

  it('has the department’s header, the number line to fill in and "Lào Cai, ngày …"', () => {
    expect(sheet(laoCai, 'Tình hình nộp báo cáo').rowCount).toBeGreaterThan(99);
    for (const ws of annexes(laoCai)) {
      const rows = rowTexts(ws, 1, 4);
      expect(rows[0], ws.name).toEqual(['UBND TỈNH LÀO CAI', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
      expect(rows[1], ws.name).toEqual([
        'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG',
        'Độc lập - Tự do - Hạnh phúc',
      ]);
      expect(rows[2]?.[1], ws.name).toBe('Lào Cai, ngày 27 tháng 11 năm 2026');
      // The number is left blank, to be written in by hand when the report is registered.
      expect(ws.getCell('A3').text, ws.name).toMatch(/^Số: {4,}\/BC-SNNMT$/);
      expect(ws.getCell('A1').font.bold, ws.name).toBeFalsy();
      expect(ws.getCell('A2').font.bold, ws.name).toBe(true);
      expect(ws.getCell('A3').font.bold, ws.name).toBeFalsy();
      expect(find(ws, 'Lào Cai, ngày 27 tháng 11 năm 2026').font.italic, ws.name).toBe(true);
      // The number line sits under the department, in the same columns.
      expect(ws.getCell('A3').master.address).toBe('A3');
      const width = (r: number): number => {
        let c = 1;
        while (c < ws.columnCount && ws.getCell(r, c + 1).master.address === `A${r}`) c++;
        return c;
      };
      expect(width(3), ws.name).toBe(width(2));
    }
  });

  it('opens with the department’s report document, its recipients left of its signature', () => {
    const ws = sheet(laoCai, DOCUMENT);
    expect(laoCai.worksheets[0]).toBe(ws);
    expect(rowTexts(ws, 1, 4)).toEqual([
      ['UBND TỈNH LÀO CAI', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
      ['SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG', 'Độc lập - Tự do - Hạnh phúc'],
      ['Số:        /BC-SNNMT', 'Lào Cai, ngày 27 tháng 11 năm 2026'],
    ]);
    expect(find(ws, 'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG').font.bold).toBe(true);
    expect(find(ws, 'Lào Cai, ngày 27 tháng 11 năm 2026').font.italic).toBe(true);
    expect(
      find(ws, 'Kết quả thực hiện giảm nghèo năm 2026 trên địa bàn tỉnh Lào Cai').font.bold,
    ).toBe(true);
    // (Lào Cai has a Phường Yên Bái since 2025: the province and the old department are meant.)
    expect(JSON.stringify(allTexts(laoCai)[DOCUMENT])).not.toMatch(
      /TỈNH YÊN BÁI|tỉnh Yên Bái|LAO ĐỘNG/,
    );
    // No commune reported: the body says so and names the first ten left out.
    const body = rowTexts(ws, 1, ws.rowCount).flat().join('\n');
    expect(body).toContain('99 đơn vị phải báo cáo; 0 đơn vị đã nộp');
    expect(body).toContain('Chưa nộp: Xã Khao Mang, Xã Mù Cang Chải');
    expect(body).toContain('và 89 đơn vị khác');
    expect(body).toContain('chưa có số liệu toàn tỉnh');
    // "Nơi nhận:" on the authority's line, left; the signature right; side by side.
    const heading = find(ws, 'Nơi nhận:');
    const authority = find(ws, 'KT. GIÁM ĐỐC');
    expect(heading.row).toBe(authority.row);
    expect(heading.address).toMatch(/^A\d+$/);
    expect(authority.address).toMatch(/^L\d+$/);
    expect(look(heading)).toMatchObject({ size: 12, bold: true, italic: true });
    expect(ws.getCell(Number(heading.row) + 1, 12).text).toBe('PHÓ GIÁM ĐỐC');
    const lines = [1, 2, 3].map((i) => ws.getCell(Number(heading.row) + i, 1));
    expect(lines.map((c) => c.text)).toEqual([
      '- Bộ Nông nghiệp và Môi trường (Văn phòng Quốc gia về giảm nghèo);',
      '- UBND tỉnh;',
      '- Lưu: VT.',
    ]);
    for (const c of lines) expect(look(c)).toMatchObject({ size: 11, bold: false });
  });

  it('is signed "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC", with every recipient under "Nơi nhận:"', () => {
    for (const name of SIGNED) {
      const ws = sheet(laoCai, name);
      expect(signatureRows(ws), name).toEqual([
        ['NGƯỜI LẬP BIỂU', 'KT. GIÁM ĐỐC'],
        ['(Ký, ghi rõ họ tên)', 'PHÓ GIÁM ĐỐC'],
        ['(Ký tên, đóng dấu)'],
        ['Nơi nhận:'],
        ['- Bộ Nông nghiệp và Môi trường (Văn phòng Quốc gia về giảm nghèo);'],
        ['- UBND tỉnh;'],
        ['- Lưu: VT.'],
      ]);
      const hint = Number(find(ws, '(Ký tên, đóng dấu)').row);
      const head = find(ws, 'Nơi nhận:');
      // Room to sign between the signer's title and the recipients.
      expect(Number(head.row) - hint, name).toBeGreaterThanOrEqual(4);
      expect(look(head)).toMatchObject({ bold: true, italic: true });
      expect(find(ws, 'KT. GIÁM ĐỐC').font.bold, name).toBe(true);
      expect(find(ws, 'PHÓ GIÁM ĐỐC').font.bold, name).toBe(true);
    }
  });
});
