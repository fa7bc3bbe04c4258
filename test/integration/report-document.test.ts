/**
 * The report document (Decree 30/2020/NĐ-CP, Phụ lục I; domain-2026.md §4), the first sheet of the
 * report workbook, and the page format of every sheet: read back with exceljs for the page set-up
 * and for the figures its body states (equal to the model's, and to the JSON report's on the
 * shipped 2022-H1 submissions), then printed to PDF by LibreOffice and read with pdftotext, as a
 * clerk would print it: no page number on page 1, "2" at the top of page 2, the head's and the
 * body's texts whole, and the commune detail's form headings whole on each page they span.
 * The model is test/helpers/report-model.ts (synthetic: three Yên Bái districts, one accepted).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Chalk } from 'chalk';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolidate } from '../../src/commands/consolidate.js';
import type { Catalogue } from '../../src/core/catalogue.js';
import type { ConsolidatedReport } from '../../src/core/consolidate.js';
import { officialDocument } from '../../src/render/official-document.js';
import { renderReportXlsx } from '../../src/render/report-xlsx.js';
import { fixtures } from '../helpers/cli.js';
import {
  convertWithLibreOffice,
  findSoffice,
  libreOfficeSkipReason,
} from '../helpers/libreoffice.js';
import { pdfPages, pdfTextSkipReason } from '../helpers/pdf-text.js';
import { sampleReport } from '../helpers/report-model.js';

// 03:00 on 5 February in Vietnam (still the 4th in UTC): day and month with a leading 0.
const NOW = new Date('2026-02-04T20:00:00Z');
const DATELINE = 'Yên Bái, ngày 05 tháng 02 năm 2026';

let report: ConsolidatedReport;
let cat: Catalogue;
let wb: ExcelJS.Workbook;
let bytes: Buffer;

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return book;
}

/** Every text of a sheet, each merged text once. */
function texts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => {
    row.eachCell((cell) => {
      if (cell.isMerged && cell.master !== cell) return;
      if (cell.text) out.push(cell.text);
    });
  });
  return out;
}

/** The body paragraph of the document that starts (after its indent) with `start`. */
function paragraph(ws: ExcelJS.Worksheet, start: string): string {
  const hit = texts(ws)
    .map((t) => t.replace(/^\u00a0+/, ''))
    .find((t) => t.startsWith(start));
  if (hit === undefined) throw new Error(`no paragraph "${start}…" in ${ws.name}`);
  return hit;
}

/** Vietnamese numbers back to numbers: "35.356" → 35356, "16,00" → 16. */
const viNumber = (s: string): number => Number(s.replace(/\./g, '').replace(',', '.'));

/** The figures the "2. Kết quả" paragraph states. */
function statedFigures(text: string): Record<string, number> {
  const m = /có ([\d.]+) hộ nghèo, tỷ lệ ([\d,]+)%; ([\d.]+) hộ cận nghèo, tỷ lệ ([\d,]+)%/.exec(
    text,
  );
  if (!m) throw new Error(`no figures in "${text}"`);
  const [, poor = '', poorRate = '', nearPoor = '', nearPoorRate = ''] = m;
  return {
    poor: viNumber(poor),
    poor_rate: viNumber(poorRate),
    near_poor: viNumber(nearPoor),
    near_poor_rate: viNumber(nearPoorRate),
  };
}

beforeAll(async () => {
  ({ report, cat } = await sampleReport());
  bytes = renderReportXlsx(report, cat, { lang: 'vi', now: NOW });
  wb = await load(bytes);
});

describe('the page format of the report workbook', () => {
  it('gives every sheet the margins of Decree 30/2020 (inches)', () => {
    for (const ws of wb.worksheets) {
      const m = ws.pageSetup.margins;
      expect(m, ws.name).toBeDefined();
      if (!m) continue;
      expect(m.top, ws.name).toBeGreaterThanOrEqual(0.79);
      expect(m.top, ws.name).toBeLessThanOrEqual(0.98);
      expect(m.bottom, ws.name).toBeGreaterThanOrEqual(0.79);
      expect(m.bottom, ws.name).toBeLessThanOrEqual(0.98);
      expect(m.left, ws.name).toBeGreaterThanOrEqual(1.18);
      expect(m.left, ws.name).toBeLessThanOrEqual(1.38);
      expect(m.right, ws.name).toBeGreaterThanOrEqual(0.59);
      expect(m.right, ws.name).toBeLessThanOrEqual(0.79);
      // The page number's line sits inside the top margin.
      expect(m.header, ws.name).toBeLessThan(m.top - 0.2);
    }
  });

  it('numbers every page but the first, centred at the top, each sheet from 1', () => {
    for (const ws of wb.worksheets) {
      expect(ws.headerFooter.differentFirst, ws.name).toBe(true);
      expect(ws.headerFooter.oddHeader, ws.name).toBe('&C&"Times New Roman,Regular"&13&P');
      expect(ws.headerFooter.firstHeader ?? '', ws.name).toBe('');
      expect(ws.headerFooter.oddFooter ?? '', ws.name).toBe('');
      expect(ws.pageSetup.firstPageNumber, ws.name).toBe(1);
    }
  });

  it('prints the document portrait, the tables landscape', () => {
    expect(wb.worksheets.map((ws) => ws.pageSetup.orientation)).toEqual([
      'portrait',
      ...wb.worksheets.slice(1).map(() => 'landscape'),
    ]);
  });
});

describe('the report document', () => {
  it('states the model’s figures, and names the units left out of a partial report', () => {
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.name).toBe('Báo cáo');
    expect(texts(ws)).toContain(DATELINE);
    const t = report.total;
    expect(statedFigures(paragraph(ws, '2. Kết quả'))).toEqual({
      poor: t.poor,
      poor_rate: t.poor_rate,
      near_poor: t.near_poor,
      near_poor_rate: t.near_poor_rate,
    });
    expect(paragraph(ws, '2. Kết quả')).toContain(
      'chỉ gồm 1/3 đơn vị có báo cáo được tiếp nhận, chưa gồm: Huyện Lục Yên (bị loại) và Huyện Yên Bình (chưa nộp).',
    );
    expect(paragraph(ws, '1. Tình hình báo cáo')).toBe(
      '1. Tình hình báo cáo: 3 đơn vị phải báo cáo; 2 đơn vị đã nộp, trong đó 1 báo cáo được tiếp nhận, 1 báo cáo bị loại do có lỗi số liệu; 1 đơn vị chưa nộp. Bị loại: Huyện Lục Yên. Chưa nộp: Huyện Yên Bình. Về thời hạn (trước ngày 15/06/2022): 1 đơn vị nộp đúng hạn, 0 đơn vị nộp muộn.',
    );
    // No reduction against the target from a third of the province.
    expect(paragraph(ws, '3. Thực hiện chỉ tiêu')).toMatch(/^3\. Thực hiện chỉ tiêu: chưa so sánh/);
    expect(texts(ws).join('\n')).not.toMatch(/đạt [\d,]+% chỉ tiêu/);
    // The annexes are the workbook's other sheets, named in order.
    expect(paragraph(ws, 'Số liệu chi tiết')).toBe(
      `Số liệu chi tiết tại các biểu kèm theo: ${wb.worksheets
        .slice(1)
        .map((w) => w.name)
        .join(', ')}.`,
    );
  });

  it('is made of the texts of officialDocument, which the HTML report can share', () => {
    const doc = officialDocument(report, {
      registry: cat.registry,
      roles: cat.forms.roles,
      now: NOW,
      annexes: wb.worksheets.slice(1).map((w) => w.name),
    });
    const all = texts(wb.worksheets[0] as ExcelJS.Worksheet).map((t) => t.replace(/^\u00a0+/, ''));
    for (const text of [
      doc.parentBody,
      doc.issuingBody,
      doc.numberLine,
      doc.nationalName,
      doc.nationalMotto,
      doc.placeDate,
      doc.type,
      doc.summary,
      ...doc.body,
      doc.signature.title,
    ])
      expect(all).toContain(text);
  });
});

describe('the document of the shipped 2022-H1 submissions (complete: 9/9)', () => {
  let dir: string;
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('states the JSON report’s figures and the reduction against the plan', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'povreport-document-'));
    await consolidate({
      paths: [path.join(fixtures, '2022-H1')],
      out: dir,
      period: '2022-H1',
      formats: ['xlsx', 'json'],
      strict: false,
      json: false,
      lang: 'vi',
      chalk: new Chalk({ level: 0 }),
      write: () => {},
      now: NOW,
    });
    const json = JSON.parse(readFileSync(path.join(dir, 'tong-hop-2022-H1.json'), 'utf8')) as {
      total: Record<string, number>;
      targets: Record<string, number | string | null>[];
      completeness: { expected: number; accepted: number };
    };
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(dir, 'tong-hop-2022-H1.xlsx'));
    const ws = book.worksheets[0] as ExcelJS.Worksheet;
    const figures = statedFigures(paragraph(ws, '2. Kết quả'));
    expect(figures).toEqual({
      poor: json.total.poor,
      poor_rate: json.total.poor_rate,
      near_poor: json.total.near_poor,
      near_poor_rate: json.total.near_poor_rate,
    });
    expect(figures.poor).toBe(35356);
    const p = json.targets.find((t) => t.unit === 'province') ?? {};
    const m =
      /so với đầu kỳ \(([\d,]+)%\), tỷ lệ hộ nghèo giảm ([\d,]+) điểm phần trăm, đạt ([\d,]+)% chỉ tiêu giảm ([\d,]+) điểm phần trăm của kế hoạch; ([\d.]+) hộ thoát nghèo/.exec(
        paragraph(ws, '3. Thực hiện chỉ tiêu'),
      );
    expect(m?.slice(1).map(viNumber)).toEqual([
      p.baselineRate,
      p.reduction,
      p.achievedShare,
      p.target,
      p.escapedPoverty,
    ]);
    expect(paragraph(ws, '1. Tình hình báo cáo')).toContain(
      `${json.completeness.expected} đơn vị phải báo cáo`,
    );
  }, 60_000);
});

const skip = libreOfficeSkipReason() ?? pdfTextSkipReason();
const soffice = skip === null ? (findSoffice() ?? 'soffice') : null;

describe('printed by LibreOffice', () => {
  let pages: string[] = [];
  let dir: string;
  const lines = (page: string | undefined): string[] =>
    (page ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
  const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    if (soffice === null) return;
    // Forty recipients push the signature onto a second page of the document.
    const many = Array.from({ length: 40 }, (_, i) => `Phòng nhận báo cáo số ${i + 1}`);
    const long = renderReportXlsx(
      report,
      {
        ...cat,
        registry: { ...cat.registry, issuer: { ...cat.registry.issuer, recipients: many } },
      },
      { lang: 'vi', now: NOW },
    );
    dir = mkdtempSync(path.join(os.tmpdir(), 'povreport-pdf-'));
    writeFileSync(path.join(dir, 'bao-cao.xlsx'), long);
    await convertWithLibreOffice([path.join(dir, 'bao-cao.xlsx')], dir, {
      to: 'pdf',
      recalc: false,
    });
    pages = await pdfPages(path.join(dir, 'bao-cao.pdf'));
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(soffice === null)(
    'prints the document’s page 1 unnumbered, page 2 numbered "2" at the top',
    () => {
      const first = lines(pages[0]);
      expect(first[0]).toMatch(/^UBND TỈNH YÊN BÁI\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$/);
      expect(first.some((l) => /^\d+$/.test(l))).toBe(false);
      const second = lines(pages[1]);
      expect(second[0]).toBe('2');
      expect(flat(pages[1] ?? '')).toContain('Phòng nhận báo cáo số 40.');
    },
  );

  it.skipIf(soffice === null)('prints the head and the body whole, one page wide', () => {
    const first = pages[0] ?? '';
    for (const whole of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      DATELINE,
      'BÁO CÁO',
    ])
      expect(first).toContain(whole);
    expect(first).toMatch(/Số:\s+\/BC-/);
    const doc = officialDocument(report, {
      registry: cat.registry,
      roles: cat.forms.roles,
      now: NOW,
      annexes: wb.worksheets.slice(1).map((w) => w.name),
    });
    const text = flat(first);
    expect(text).toContain(flat(doc.summary));
    for (const p of doc.body) expect(text).toContain(flat(p));
  });

  it.skipIf(soffice === null)('numbers each annex from its second page', () => {
    // Each annex's first page opens with its title block, no number above it.
    const firsts = pages.filter((p) => lines(p)[0]?.startsWith('UBND TỈNH YÊN BÁI'));
    expect(firsts.length).toBe(wb.worksheets.length);
    const detail = pages.findIndex((p) => p.includes('SỐ LIỆU CHI TIẾT THEO'));
    expect(detail).toBeGreaterThan(0);
    expect(lines(pages[detail + 1])[0]).toBe('2');
  });

  it.skipIf(soffice === null)(
    'prints every form heading of the commune detail whole on its page',
    () => {
      const start = pages.findIndex((p) => p.includes('SỐ LIỆU CHI TIẾT THEO'));
      const end = pages.findIndex((p, i) => i > start && p.includes('TÌNH HÌNH NỘP BÁO CÁO'));
      const detail = pages.slice(start, end);
      const allowed = new Set(
        cat.forms.forms.flatMap((f) => [`Biểu ${f.id}: ${f.title.vi}`, `Biểu ${f.id} (tiếp theo)`]),
      );
      const seen = new Set<string>();
      for (const page of detail)
        for (const line of lines(page))
          if (/Biểu \d\d/.test(line)) {
            // One heading a page: the page breaks between forms or between a form's parts.
            expect(allowed, `"${line}"`).toContain(flat(line));
            seen.add(flat(line).slice(0, 7));
          }
      expect([...seen].sort()).toEqual(cat.forms.forms.map((f) => `Biểu ${f.id}`));
    },
  );
});
