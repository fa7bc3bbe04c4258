/**
 * `consolidate` sets a unit's household lists against its summary forms (issue 11): a list made
 * consistent with the shipped 2022 Trạm Tấu fixture's Xã Túc Đán agrees cell for cell; one
 * household fewer is an error naming the form's cell, the summary's figure and the list's; a list
 * is never counted as a unit's summary. The lists are SYNTHETIC, generated from the fixture's
 * figures, with made-up names and birth years that must appear in no output.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Chalk } from 'chalk';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { consolidate } from '../../src/commands/consolidate.js';
import type { ReportJson } from '../../src/render/report-json.js';
import { fixtures } from '../helpers/cli.js';
import { unzipParts } from '../helpers/zip.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import {
  listSheet,
  writeListExcelJs,
  type ListHousehold,
  TRAM_TAU_LIST_TITLE,
} from '../helpers/write-list.js';
import { NAME, tucDan, YEAR } from '../helpers/tuc-dan-list.js';
import { yearCount } from '../helpers/year-count.js';

const tmp = useTempFolder('povreport-lists-cons-');
const NOW = new Date('2023-01-10T03:00:00Z');
const FIXTURE = path.join(fixtures, '2022', 'Tram Tau - Bao cao nam 2022.xlsx');

async function runIn(dir: string): Promise<{ doc: ReportJson; text: string; out: string }> {
  let text = '';
  await consolidate({
    paths: [dir],
    period: '2022',
    out: path.join(dir, '..', `${path.basename(dir)}-out`),
    formats: ['json', 'csv', 'xlsx'],
    strict: false,
    json: false,
    lang: 'vi',
    chalk: new Chalk({ level: 0 }),
    write: (s) => (text += s),
    now: NOW,
  });
  const out = path.join(dir, '..', `${path.basename(dir)}-out`);
  const doc = JSON.parse(readFileSync(path.join(out, 'tong-hop-2022.json'), 'utf8')) as ReportJson;
  return { doc, text, out };
}

/** The rows of the report's "Đối chiếu danh sách hộ" sheet, as texts, from its heading on. */
async function listsSheetRows(out: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(out, 'tong-hop-2022.xlsx'));
  const ws = wb.getWorksheet('Đối chiếu danh sách hộ');
  if (!ws) throw new Error('no lists sheet');
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const texts: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => texts.push(c.text));
    rows.push(texts);
  });
  return rows.slice(rows.findIndex((r) => r[0] === 'STT'));
}

async function inbox(name: string, households: ListHousehold[]): Promise<string> {
  const dir = path.join(tmp.path, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(FIXTURE, path.join(dir, path.basename(FIXTURE)));
  const title = TRAM_TAU_LIST_TITLE;
  await writeListExcelJs(path.join(dir, 'Tram Tau - danh sach ho 2022.xlsx'), [
    listSheet('Túc Đán', title, households),
  ]);
  return dir;
}

describe('consolidate compares the lists with the summary forms', () => {
  it('a list consistent with the fixture agrees, and the list is not the unit’s summary', async () => {
    const { doc, text, out } = await runIn(await inbox('clean', tucDan()));
    const u = doc.units.find((x) => x.code === '139');
    expect(u?.status).toBe('accepted');
    expect(u?.files.map((f) => path.basename(f.file))).toEqual([path.basename(FIXTURE)]);
    const s = u?.subunits.find((x) => x.name === 'Xã Túc Đán');
    expect(s?.households).toMatchObject({ agrees: true, household_rows: 301, member_rows: 0 });
    expect(s?.households?.values).toMatchObject({
      poor: 250,
      near_poor: 51,
      poor_deprivations: 1090,
    });
    // The list covers one commune of twelve: the unit's own figures are not compared.
    expect(u?.households?.agrees).toBeNull();
    expect(doc.findings.filter((f) => f.code === 'list-summary-mismatch')).toEqual([]);
    // Not told as agreeing in full: the unit's own figures were not compared.
    expect(text).toContain(
      'Danh sách hộ: 1 đơn vị được đối chiếu với biểu tổng hợp, 0 khớp; 1 đơn vị có danh sách chưa đủ các xã',
    );
    expect(doc.lists).toEqual({
      checked: 1,
      agreeing: 0,
      partial: 1,
      differing: 0,
      uncompared: 0,
    });
    // The report's sheet: the unit (not compared: one commune of twelve) and its commune, agreeing.
    const rows = await listsSheetRows(out);
    const commune = rows.find((r) => r[1]?.trim() === 'Xã Túc Đán');
    expect(commune?.slice(2, 6)).toEqual(['301', '0', '250', '250']);
    expect(commune).toContain('Khớp');
    expect(rows.find((r) => r[1] === 'Huyện Trạm Tấu')).toContain('Chưa đối chiếu');
    // The eleven communes the list leaves out are named, none taken for compared.
    const left = rows
      .filter((r) => r.includes('Không có trong danh sách'))
      .map((r) => r[1]?.trim());
    expect(left).toHaveLength(11);
    expect(left).toContain('Xã Pá Lau');
    await expectNoPersonalData(text, out);
  });

  it('the same list sent twice counts its households once', async () => {
    const dir = await inbox('twice', tucDan());
    mkdirSync(path.join(dir, 'thư'), { recursive: true });
    const list = 'Tram Tau - danh sach ho 2022.xlsx';
    copyFileSync(path.join(dir, list), path.join(dir, 'thư', list));
    const { doc } = await runIn(dir);
    const u = doc.units.find((x) => x.code === '139');
    expect(u?.status).toBe('accepted');
    const s = u?.subunits.find((x) => x.name === 'Xã Túc Đán');
    expect(s?.households).toMatchObject({ agrees: true, household_rows: 301 });
    expect(doc.findings.filter((f) => f.code.startsWith('list-') && f.severity !== 'info')).toEqual(
      [],
    );
  });

  it('one household fewer: an error naming the summary’s cell and both figures', async () => {
    const households = tucDan();
    households.splice(0, 1);
    const { doc, text, out } = await runIn(await inbox('fewer', households));
    const poor = doc.findings.find(
      (f) => f.code === 'list-summary-mismatch' && f.indicator === 'poor',
    );
    expect(poor?.severity).toBe('error');
    expect(poor?.subunit).toBe('Xã Túc Đán');
    expect(poor?.message).toBe(
      'Xã Túc Đán: ô Biểu 01!D11 (poor) của biểu tổng hợp ghi 250, danh sách hộ cho 249.',
    );
    // One commune of twelve, differing: partial as well as differing, never left out of either.
    expect(text).toContain(
      '1 đơn vị được đối chiếu với biểu tổng hợp, 0 khớp, 1 lệch (list-summary-mismatch); 1 đơn vị có danh sách chưa đủ các xã',
    );
    expect(doc.lists).toEqual({
      checked: 1,
      agreeing: 0,
      partial: 1,
      differing: 1,
      uncompared: 0,
    });
    // A summary its list disproves is not added up: one of the two is wrong.
    const u = doc.units.find((x) => x.code === '139');
    expect(u?.status).toBe('rejected');
    expect(u?.errors).toBeGreaterThan(0);
    expect(text).toMatch(/Huyện Trạm Tấu \(139\): bị loại, \d+ lỗi/);
    expect(doc.completeness).toMatchObject({ accepted: 0, rejected: 1 });
    const commune = (await listsSheetRows(out)).find((r) => r[1]?.trim() === 'Xã Túc Đán');
    expect(commune?.slice(4, 6)).toEqual(['250', '249']);
    expect(commune?.join(' ')).toMatch(/Lệch \d+ chỉ tiêu/);
    expect(commune?.at(-1)).toContain('250 / 249');
    await expectNoPersonalData(text, out);
  });

  it('a list agreeing in every count but with an error of its own does not prove the summary: the unit is rejected', async () => {
    // Found by an independent prober: a household written "Hộ nghèo" with score A 150, over the
    // rural line (140). The counts agree with the summary's (both count it poor), but by the
    // standard it is not poor, so the summary's poor count is one too many.
    const households = tucDan();
    const first = households[0];
    if (!first || first.classification !== 'Hộ nghèo')
      throw new Error('the first household is poor');
    first.scoreA = 150;
    const { doc, text } = await runIn(await inbox('list-error', households));
    const u = doc.units.find((x) => x.code === '139');
    expect(u?.status).toBe('rejected');
    const told = doc.findings.filter((f) => f.code === 'list-classification');
    expect(told.map((f) => [f.severity, f.cell])).toEqual([['error', 'V5']]);
    expect(doc.lists).toMatchObject({ checked: 1, agreeing: 0, differing: 1 });
    expect(text).toMatch(/Huyện Trạm Tấu \(139\): bị loại, 1 lỗi/);
  });

  it('a commune whose list gives no figure is not compared, never “Khớp”', async () => {
    // One blank cell in a commune column written on every row: the commune's figures cannot be
    // derived from the list (list-commune-blank), so there is nothing to set against the form.
    const sheet = listSheet('DS hộ', TRAM_TAU_LIST_TITLE, tucDan().slice(0, 4));
    const head = sheet.rows[2];
    if (head) head[22] = 'Xã, phường, thị trấn';
    ['Xã Túc Đán', 'Xã Túc Đán', null, 'Xã Túc Đán'].forEach((c, i) => {
      const row = sheet.rows[4 + i];
      if (row) row[22] = c;
    });
    const dir = path.join(tmp.path, 'blank');
    mkdirSync(dir, { recursive: true });
    copyFileSync(FIXTURE, path.join(dir, path.basename(FIXTURE)));
    await writeListExcelJs(path.join(dir, 'Tram Tau - danh sach ho 2022.xlsx'), [sheet]);
    const { doc, text, out } = await runIn(dir);
    expect(doc.findings.map((f) => f.code)).toContain('list-commune-blank');
    // The blank cell is an error of the unit's list: what the list gives proves nothing.
    const u = doc.units.find((x) => x.code === '139');
    expect(u?.status).toBe('rejected');
    const commune = (await listsSheetRows(out)).find((r) => r[1]?.trim() === 'Xã Túc Đán');
    expect(commune).not.toContain('Khớp');
    expect(commune).toContain('Không đối chiếu được');
    const s = u?.subunits.find((x) => x.name === 'Xã Túc Đán');
    expect(s?.households).toMatchObject({ compared: 0, agrees: null, household_rows: 3 });
    expect(Object.values(s?.households?.values ?? {}).every((v) => v === null)).toBe(true);
    expect(doc.lists).toMatchObject({ checked: 1, agreeing: 0, partial: 1, differing: 1 });
    expect(text).not.toMatch(/[1-9]\d* khớp/);
    await expectNoPersonalData(text, out);
  });

  it('a unit that sent only a list is not reported by it', async () => {
    const dir = path.join(tmp.path, 'only');
    mkdirSync(dir, { recursive: true });
    await writeListExcelJs(path.join(dir, 'Tram Tau - danh sach ho 2022.xlsx'), [
      listSheet('Túc Đán', 'DANH SÁCH HỘ NGHÈO HUYỆN TRẠM TẤU NĂM 2022', tucDan().slice(0, 5)),
    ]);
    const { doc } = await runIn(dir);
    const u = doc.units.find((x) => x.code === '139');
    expect(u?.status).toBe('missing');
    expect(doc.findings.map((f) => f.code)).toContain('list-without-summary');
  });
});

async function expectNoPersonalData(text: string, out: string): Promise<void> {
  const outputs = [
    text,
    ...readdirSync(out)
      .filter((f) => !f.endsWith('.xlsx'))
      .map((f) => readFileSync(path.join(out, f), 'utf8')),
  ];
  for (const o of outputs) {
    expect(o).not.toContain(NAME);
    expect(yearCount(o, YEAR)).toBe(0);
  }
  for (const f of readdirSync(out).filter((x) => x.endsWith('.xlsx')))
    for (const part of await unzipParts(readFileSync(path.join(out, f)))) {
      const xml = part.data.toString('utf8');
      expect(xml).not.toContain(NAME);
      expect(yearCount(xml, YEAR)).toBe(0);
    }
}
