/**
 * The consolidated report workbook: read back with exceljs for its layout, then opened by
 * LibreOffice, which recalculates every formula, to prove the figures a director signs are the
 * model's figures and not just cached numbers that nothing checked.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  convertWithLibreOffice,
  findSoffice,
  libreOfficeSkipReason,
} from '../helpers/libreoffice.js';
import type { Catalogue } from '../../src/core/catalogue.js';
import type { ConsolidatedReport } from '../../src/core/consolidate.js';
import { findingMessage } from '../../src/core/finding.js';
import { renderReportXlsx } from '../../src/render/report-xlsx.js';
import { findingLocation } from '../../src/render/findings.js';
import { sampleReport } from '../helpers/report-model.js';

// 03:00 on 27 November in Vietnam, still the 26th in UTC: the dateline must use Vietnam time.
const NOW = new Date('2026-11-26T20:00:00Z');

let report: ConsolidatedReport;
let cat: Catalogue;
let bytes: Buffer;
let wb: ExcelJS.Workbook;

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  // exceljs types its input as its own `Buffer` (an ArrayBuffer); a Node Buffer is what it reads.
  await book.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return book;
}

function sheet(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = book.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** Row number of the first row whose column B reads `label`. */
function rowOf(ws: ExcelJS.Worksheet, label: string, col = 2): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, col).text === label) return r;
  throw new Error(`no row "${label}" in ${ws.name}`);
}

/** Column number of a heading in the heading row (row 7 on the form sheets). */
function colOf(ws: ExcelJS.Worksheet, heading: string, row = 7): number {
  for (let c = 1; c <= ws.columnCount; c++) if (ws.getCell(row, c).text === heading) return c;
  throw new Error(`no column "${heading}" in ${ws.name}`);
}

/** Every text of the title block (rows 1–6), once each (merged cells repeat their master). */
function titleTexts(ws: ExcelJS.Worksheet): string[] {
  const out = new Set<string>();
  for (let r = 1; r <= 6; r++)
    for (let c = 1; c <= ws.columnCount; c++) {
      const t = ws.getCell(r, c).text;
      if (t) out.add(t);
    }
  return [...out];
}

function allTexts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => {
    row.eachCell((cell) => out.push(cell.text));
  });
  return out;
}

/**
 * A formula cell's text and cached result. `cell.result`, not `cell.value.result`: exceljs's
 * `value` getter copies the formula model with truthiness tests and drops a cached 0.
 */
const formula = (cell: ExcelJS.Cell): { formula: string; result: unknown } => ({
  formula: cell.formula,
  result: cell.result,
});

beforeAll(async () => {
  ({ report, cat } = await sampleReport());
  bytes = renderReportXlsx(report, cat, { lang: 'en', now: NOW });
  wb = await load(bytes);
});

describe('the consolidated report workbook', () => {
  it('has the report document, the form sheets, then targets, commune detail, submissions and findings', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Báo cáo',
      'Biểu 01',
      'Biểu 02',
      'Biểu 03',
      'Biểu 04',
      'Biểu 05',
      'Chỉ tiêu',
      'Chi tiết xã',
      'Tình hình nộp báo cáo',
      'Kiểm tra dữ liệu',
    ]);
    expect(wb.creator).toBe('povreport');
    expect(wb.created.getTime()).toBe(NOW.getTime());
  });

  it('sums the accepted units in the Toàn tỉnh row, with the model totals as cached results', () => {
    const ws = sheet(wb, 'Biểu 01');
    const tr = rowOf(ws, 'Toàn tỉnh');
    const first = rowOf(ws, 'Huyện Lục Yên');
    const last = rowOf(ws, 'Huyện Yên Bình');
    const hh = colOf(ws, 'Tổng số hộ dân cư');
    const poor = colOf(ws, 'Số hộ nghèo');
    const rate = colOf(ws, 'Tỷ lệ hộ nghèo (%)');
    const L = (c: number): string => ws.getColumn(c).letter;

    expect(formula(ws.getCell(tr, hh))).toEqual({
      formula: `SUM(${L(hh)}${first}:${L(hh)}${last})`,
      result: report.total.households,
    });
    expect(formula(ws.getCell(tr, poor))).toEqual({
      formula: `SUM(${L(poor)}${first}:${L(poor)}${last})`,
      result: report.total.poor,
    });
    expect(formula(ws.getCell(tr, rate))).toEqual({
      formula: `IF(${L(hh)}${tr}=0,0,ROUND(${L(poor)}${tr}/${L(hh)}${tr}*100,2))`,
      result: report.total.poor_rate,
    });
    expect(ws.getCell(tr, hh).numFmt).toBe('#,##0');
    expect(ws.getCell(tr, rate).numFmt).toBe('0.00');
    // The column-number row shows how the rate is made from the counts.
    expect(ws.getCell(8, rate).text).toBe('3=2/1x100');
  });

  it('gives the accepted unit live rate formulas and keeps left-out units with a note', () => {
    const ws = sheet(wb, 'Biểu 01');
    const note = colOf(ws, 'Ghi chú');
    const rate = colOf(ws, 'Tỷ lệ hộ nghèo (%)');
    const hh = colOf(ws, 'Tổng số hộ dân cư');
    const tramTau = report.units[1];
    const ok = rowOf(ws, 'Huyện Trạm Tấu');
    expect(formula(ws.getCell(ok, rate)).result).toBe(tramTau?.values.poor_rate);
    expect(ws.getCell(ok, hh).value).toBe(tramTau?.values.households);

    const rejected = rowOf(ws, 'Huyện Lục Yên');
    const missing = rowOf(ws, 'Huyện Yên Bình');
    expect(ws.getCell(rejected, note).text).toBe('Bị loại: 2 lỗi — không tổng hợp');
    expect(ws.getCell(missing, note).text).toBe('Chưa nộp báo cáo');
    for (const r of [rejected, missing]) {
      expect(ws.getCell(r, hh).value).toBeNull();
      expect(ws.getCell(r, rate).value).toBeNull();
    }
    expect([rejected, ok, missing].map((r) => ws.getCell(r, 1).value)).toEqual([1, 2, 3]);
  });

  it('prints on A4 landscape, one page wide, repeating the heading rows, panes frozen', () => {
    for (const name of ['Biểu 01', 'Biểu 04', 'Chỉ tiêu']) {
      const ws = sheet(wb, name);
      expect(ws.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '7:8',
      });
      expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 8 });
    }
    expect(sheet(wb, 'Kiểm tra dữ liệu').pageSetup.printTitlesRow).toBe('7:7');
    // The commune detail (a column per indicator) prints across pages, names repeated.
    expect(sheet(wb, 'Chi tiết xã').pageSetup).toMatchObject({
      orientation: 'landscape',
      fitToPage: false,
      printTitlesRow: '7:8',
      printTitlesColumn: 'A:B',
    });
  });

  it('opens every sheet with the official title block and a Vietnamese title', () => {
    for (const ws of wb.worksheets) {
      const texts = titleTexts(ws);
      expect(texts).toEqual(
        expect.arrayContaining([
          'UBND TỈNH YÊN BÁI',
          'SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI',
          'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
          'Độc lập - Tự do - Hạnh phúc',
          'Yên Bái, ngày 27 tháng 11 năm 2026',
        ]),
      );
    }
    const b01 = sheet(wb, 'Biểu 01');
    expect(titleTexts(b01)).toContain(
      'BIỂU 01: KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO — TỔNG HỢP TOÀN TỈNH, 6 THÁNG ĐẦU NĂM 2022',
    );
    expect(b01.getCell('A2').font.bold).toBe(true);
    // Signature block under the form sheets and the targets.
    for (const name of ['Biểu 01', 'Biểu 05', 'Chỉ tiêu'])
      expect(allTexts(sheet(wb, name))).toEqual(
        expect.arrayContaining([
          'NGƯỜI LẬP BIỂU',
          '(Ký, ghi rõ họ tên)',
          'GIÁM ĐỐC',
          '(Ký tên, đóng dấu)',
        ]),
      );
  });

  it('lists every finding in Vietnamese with its location, under an autofilter', () => {
    const ws = sheet(wb, 'Kiểm tra dữ liệu');
    const head = ['STT', 'Mức', 'Mã', 'Đơn vị', 'Tệp', 'Vị trí', 'Nội dung', 'Cách sửa'];
    expect(head.map((_, c) => ws.getCell(7, c + 1).text)).toEqual(head);
    const rows = report.findings.map((_, i) => ws.getRow(8 + i));
    expect(rows.map((r) => r.getCell(6).text)).toEqual(report.findings.map(findingLocation));
    expect(rows.map((r) => r.getCell(3).text)).toEqual(report.findings.map((f) => f.code));
    expect(rows.map((r) => r.getCell(7).text)).toEqual(
      report.findings.map((f) => findingMessage(f, 'vi')),
    );
    expect(rows.map((r) => r.getCell(2).text)).toEqual([
      'Lỗi',
      'Lỗi',
      'Cảnh báo',
      'Thông tin',
      'Lỗi',
    ]);
    expect(rows.map((r) => r.getCell(4).text)).toEqual([
      'Huyện Lục Yên',
      'Huyện Lục Yên',
      'Huyện Trạm Tấu',
      'Huyện Trạm Tấu',
      '',
    ]);
    expect(ws.getCell(8 + report.findings.length, 1).value).toBeNull();
    expect(ws.autoFilter).toBe('A7:H7');
  });

  it('tells who reported, when, with which file, and the completeness of the period', () => {
    const ws = sheet(wb, 'Tình hình nộp báo cáo');
    const texts = allTexts(ws);
    expect(texts).toContain(
      'Số báo cáo dự kiến: 3; đã tiếp nhận: 1; bị loại: 1; chưa nộp: 1; tỷ lệ báo cáo: 33,3%; tỷ lệ đúng hạn: 33,3% (đúng hạn: 1; muộn: 0; chưa rõ ngày nhận: 0)',
    );
    expect(texts).toContain('Hạn nộp: trước ngày 15/06/2022');
    const r = rowOf(ws, 'Huyện Trạm Tấu');
    // Two files: two rows, the unit's cells merged over both.
    expect(ws.getCell(r, 6).text).toBe('nop/tram-tau-b01-03.xlsx');
    // The second came attached to an e-mail: its sender under the file, the date from the message.
    expect(ws.getCell(r + 1, 6).text).toBe(
      'nop/tram-tau-b04-05.xlsx\n(gửi từ ldtbxh.tramtau@example.vn)',
    );
    expect(ws.getCell(r + 1, 7).text).toBe('14/06/2022\n(theo ngày gửi thư)');
    expect(ws.getCell(r + 1, 8).text).toBe('Đúng hạn');
    expect(ws.getCell(r + 1, 2).text).toBe('Huyện Trạm Tấu');
    expect(ws.getCell(r, 7).text).toBe('10/06/2022\n(theo dòng ngày dưới biểu)');
    expect(ws.getCell(r, 9).text).toBe('b'.repeat(64));
    expect(ws.getCell(r + 1, 10).text).toBe('04, 05');
    expect(ws.getCell(rowOf(ws, 'Huyện Lục Yên'), 4).text).toBe('Bị loại');
    expect(ws.getCell(rowOf(ws, 'Huyện Yên Bình'), 4).text).toBe('Chưa nộp');
  });

  it('shows targets per unit and for the province, and the communes of accepted units', () => {
    const t = sheet(wb, 'Chỉ tiêu');
    const province = report.targets[3];
    const pr = rowOf(t, 'Toàn tỉnh');
    expect([3, 4, 5, 6, 7, 8].map((c) => t.getCell(pr, c).value)).toEqual([
      province?.baselineRate,
      province?.currentRate,
      province?.reduction,
      province?.target,
      province?.achievedShare,
      province?.escapedPoverty,
    ]);
    expect(t.getCell(pr, 7).numFmt).toBe('0.0');
    expect(t.getCell(pr, 9).text).toBe('Số liệu minh họa');
    expect(t.getCell(rowOf(t, 'Huyện Yên Bình'), 9).text).toBe(
      'Chưa nộp báo cáo; Số liệu minh họa',
    );

    const d = sheet(wb, 'Chi tiết xã');
    const r = rowOf(d, 'Huyện Trạm Tấu');
    expect(d.getCell(r + 1, 2).text).toBe('Xã Bản Công');
    expect(d.getCell(r + 2, 2).text).toBe('Xã Bản Mù');
    expect(() => rowOf(d, 'Huyện Lục Yên')).toThrow();
    const hh = colOf(d, 'Tổng số hộ dân cư', 8);
    expect(d.getCell(r + 2, hh).value).toBe(2345);
    // One column per indicator: Biểu 04 and 05 share headings, the form row tells them apart.
    expect(d.columnCount).toBe(2 + report.indicators.length);
  });
});

const soffice = libreOfficeSkipReason() === null ? (findSoffice() ?? 'soffice') : null;

describe('LibreOffice', () => {
  it.skipIf(soffice === null)(
    'recalculates the workbook to the model totals, even from deliberately wrong caches',
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'povreport-lo-'));
      try {
        const real = path.join(dir, 'bao-cao.xlsx');
        writeFileSync(real, bytes);
        // Control: the same workbook with every cached formula result replaced by -1. If
        // LibreOffice's figures still match the model here, it computed them itself.
        const tampered = await load(bytes);
        for (const ws of tampered.worksheets)
          ws.eachRow((row) => {
            row.eachCell((cell) => {
              if (cell.type === ExcelJS.ValueType.Formula)
                cell.value = { formula: cell.formula, result: -1 };
            });
          });
        const control = path.join(dir, 'doi-chung.xlsx');
        writeFileSync(control, Buffer.from(await tampered.xlsx.writeBuffer()));

        const out = path.join(dir, 'out');
        await convertWithLibreOffice([real, control], out, { recalc: true });

        for (const file of ['bao-cao.xlsx', 'doi-chung.xlsx']) {
          const book = await load(readFileSync(path.join(out, file)));
          let checked = 0;
          for (const form of cat.forms.forms) {
            const ws = sheet(book, `Biểu ${form.id}`);
            const tr = rowOf(ws, 'Toàn tỉnh');
            for (const c of form.columns) {
              const cell = ws.getCell(tr, colOf(ws, c.heading));
              expect(formula(cell).result, `${file} ${ws.name} ${c.id}`).toBe(report.total[c.id]);
              checked++;
            }
          }
          expect(checked).toBe(cat.forms.forms.reduce((n, f) => n + f.columns.length, 0));
          const b01 = sheet(book, 'Biểu 01');
          const ok = rowOf(b01, 'Huyện Trạm Tấu');
          for (const id of ['poor_rate', 'near_poor_rate']) {
            const heading = cat.forms.forms[0]?.columns.find((c) => c.id === id)?.heading ?? id;
            expect(formula(b01.getCell(ok, colOf(b01, heading))).result).toBe(
              report.units[1]?.values[id],
            );
          }
          // The five figures a reader looks at first, named so a failure says which one.
          const tr = rowOf(b01, 'Toàn tỉnh');
          const got = Object.fromEntries(
            ['households', 'poor', 'poor_rate', 'near_poor', 'near_poor_rate'].map((id) => {
              const heading = cat.forms.forms[0]?.columns.find((c) => c.id === id)?.heading ?? id;
              return [id, formula(b01.getCell(tr, colOf(b01, heading))).result];
            }),
          );
          expect(got).toEqual({
            households: report.total.households,
            poor: report.total.poor,
            poor_rate: report.total.poor_rate,
            near_poor: report.total.near_poor,
            near_poor_rate: report.total.near_poor_rate,
          });
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    150_000,
  );
});
