/**
 * `povreport derive`: the five forms computed from a household list (issue 11), run as a user
 * runs it. A SYNTHETIC list of Xã Túc Đán consistent with the shipped 2022 Trạm Tấu fixture gives
 * a workbook in the template's layout whose Túc Đán row holds the fixture's figures, whose other
 * communes and the cells a list cannot give are left open, and which our reader reads back to
 * the same figures; a list with an error gives no workbook.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { loadCatalogue, prepareRun } from '../../src/commands/load-data.js';
import { consolidateFiles, loadSetup } from '../../src/commands/pipeline.js';
import { validateBook, type FileReport } from '../../src/core/validate-book.js';
import { readSubmissionFile } from '../../src/io/read-file.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { NAME, TUC_DAN, tucDan, YEAR } from '../helpers/tuc-dan-list.js';
import {
  hasOpenpyxl,
  listSheet,
  writeListExcelJs,
  writeListOpenpyxl,
  TRAM_TAU_LIST_TITLE,
} from '../helpers/write-list.js';
import { yearCount } from '../helpers/year-count.js';

const tmp = useTempFolder('povreport-derive-');
const TITLE = TRAM_TAU_LIST_TITLE;

/** The row of `name` in a form sheet: its cells by heading. */
function rowOf(ws: ExcelJS.Worksheet, name: string): Map<string, ExcelJS.CellValue> {
  let headingRow = 0;
  ws.eachRow((row, r) => {
    if (headingRow === 0 && row.getCell(1).text === 'STT') headingRow = r;
  });
  const out = new Map<string, ExcelJS.CellValue>();
  ws.eachRow((row) => {
    if (row.getCell(2).text !== name) return;
    row.eachCell({ includeEmpty: true }, (c, col) => {
      const h = ws.getCell(headingRow, col).text;
      const v = c.value;
      out.set(h, v !== null && typeof v === 'object' && 'result' in v ? v.result : v);
    });
  });
  return out;
}

/** A derived workbook read back by povreport's own reader, as a submission of `period` (2022). */
async function readBack(
  file: string,
  period = '2022',
  run?: ReturnType<typeof prepareRun>,
): Promise<FileReport> {
  const read = await readSubmissionFile(file, { displayPath: file });
  run ??= prepareRun(await loadCatalogue());
  return validateBook(
    {
      file,
      fileName: path.basename(file),
      folderName: 'x',
      sheets: read.sheets,
      read: read.info,
      readFindings: read.findings,
    },
    run,
    { lang: 'vi', period },
  );
}

describe('povreport derive', () => {
  it('writes Trạm Tấu’s forms from the Túc Đán list, read back to the fixture’s figures', async () => {
    const inbox = path.join(tmp.path, 'danh sách');
    mkdirSync(inbox, { recursive: true });
    await writeListExcelJs(path.join(inbox, 'Trạm Tấu - danh sách hộ 2022.xlsx'), [
      listSheet('Túc Đán', TITLE, tucDan()),
    ]);
    const out = path.join(tmp.path, 'biểu từ danh sách');
    const r = runCli(['derive', inbox, '--period', '2022', '--out', out], { timeout: 60_000 });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const file = path.join(out, 'bieu-tu-danh-sach-139-tram-tau-2022.xlsx');
    expect(r.out).toContain(
      `Đã tạo ${file} (Huyện Trạm Tấu, mã 139) từ 301 hộ trong 1 tệp danh sách`,
    );
    expect(r.out).toContain('để trống');
    expect(r.out).not.toContain(NAME);
    expect(yearCount(r.out, YEAR)).toBe(0);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const b01 = wb.getWorksheet('Biểu 01');
    const b04 = wb.getWorksheet('Biểu 04');
    if (!b01 || !b04) throw new Error('forms missing');
    const tucDanRow = rowOf(b01, 'Xã Túc Đán');
    expect(tucDanRow.get('Số hộ nghèo')).toBe(TUC_DAN.poor);
    expect(tucDanRow.get('Số hộ cận nghèo')).toBe(TUC_DAN.nearPoor);
    expect(tucDanRow.get('Hộ nghèo là người dân tộc thiểu số')).toBe(TUC_DAN.poorMinority);
    // All households of the commune: not in a list of the poor and near-poor, left for the clerk.
    expect(tucDanRow.get('Tổng số hộ dân cư')).toBeNull();
    const poorLacks = [...rowOf(b04, 'Xã Túc Đán').values()].filter((v) => typeof v === 'number');
    for (const n of TUC_DAN.poorLacks) expect(poorLacks).toContain(n);
    // Another commune of Trạm Tấu, with no list: its row is there, empty.
    const other = rowOf(b01, 'Xã Bản Công');
    expect(other.get('Số hộ nghèo')).toBeNull();
    expect(other.get('Số hộ cận nghèo')).toBeNull();

    // Read back by povreport's own reader: the Túc Đán figures as the list gives them, the
    // cells a list cannot give read as blank (the clerk's to fill), not as figures.
    const report = await readBack(file);
    expect(report.unit?.code).toBe('139');
    const at = (form: string, id: string) =>
      report.tables
        .find((t) => t.form === form)
        ?.rows.find((r) => r.name === 'Xã Túc Đán')
        ?.values.get(id);
    expect(at('01', 'poor')?.value).toBe(TUC_DAN.poor);
    expect(at('01', 'near_poor_ethnic_minority')?.value).toBe(TUC_DAN.nearPoorMinority);
    expect(at('04', 'poor_deprivations')?.value).toBe(TUC_DAN.poorLacks.reduce((x, y) => x + y));
    expect(at('01', 'households')?.status).toBe('blank');
    // The communes without a list are rows left blank, said at their name cell, not missing rows
    // (they come after the last row of figures: an outside tester's derive, fill, validate).
    const bc = report.findings.filter((f) => f.subunit === 'Xã Bản Công' && f.sheet === 'Biểu 01');
    expect(bc.map((f) => f.code)).toEqual(['subunit-row-blank']);
    expect(bc[0]?.cell).toMatch(/^B\d+$/);
  });

  it('moves from the status column fill both forms that show them (Biểu 02 and Biểu 03)', async () => {
    const inbox = path.join(tmp.path, 'danh sách diễn biến');
    mkdirSync(inbox, { recursive: true });
    const sheet = listSheet('Túc Đán', TITLE, tucDan());
    // A "Diễn biến" column: three poor households were near-poor, two near-poor ones were poor.
    let poor = 0;
    let near = 0;
    sheet.rows.forEach((row, i) => {
      if (i === 2) row[22] = 'Diễn biến';
      const code = String(row[2] ?? '');
      if (i < 4 || code === '') return;
      if (code.startsWith('N')) row[22] = poor++ < 3 ? 'Từ cận nghèo thành nghèo' : 'Nghèo cũ';
      else row[22] = near++ < 2 ? 'Từ nghèo thành cận nghèo' : 'Cận nghèo cũ';
    });
    sheet.merges.push('W3:W4');
    await writeListExcelJs(path.join(inbox, 'Trạm Tấu - danh sách hộ 2022.xlsx'), [sheet]);
    const out = path.join(tmp.path, 'biểu có diễn biến');
    const r = runCli(['derive', inbox, '--period', '2022', '--out', out], { timeout: 60_000 });
    expect(r.code).toBe(0);
    const file = path.join(out, 'bieu-tu-danh-sach-139-tram-tau-2022.xlsx');
    const report = await readBack(file);
    const at = (form: string, id: string) =>
      report.tables
        .find((t) => t.form === form)
        ?.rows.find((x) => x.name === 'Xã Túc Đán')
        ?.values.get(id)?.value;
    expect(at('02', 'near_poor_to_poor')).toBe(3);
    expect(at('03', 'near_poor_exit_to_poor')).toBe(3);
    expect(at('03', 'poor_to_near_poor')).toBe(2);
    expect(at('02', 'poor_exit_to_near_poor')).toBe(2);
    expect(report.findings.map((f) => f.code)).not.toContain('cross-form-mismatch');
  });

  it('a list with an error gives no workbook, says why and exits 1', async () => {
    const inbox = path.join(tmp.path, 'danh sách lỗi');
    mkdirSync(inbox, { recursive: true });
    const households = tucDan();
    const first = households[0];
    if (first) first.scoreB = 990;
    await writeListExcelJs(path.join(inbox, 'Trạm Tấu - danh sách hộ 2022.xlsx'), [
      listSheet('Túc Đán', TITLE, households),
    ]);
    const out = path.join(tmp.path, 'không ghi');
    const r = runCli(['derive', inbox, '--period', '2022', '--out', out], { timeout: 60_000 });
    expect(r.code).toBe(1);
    expect(r.out).toContain('Không tạo biểu cho Huyện Trạm Tấu (mã 139)');
    expect(r.out).toContain('list-score-deprivation');
    expect(existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.xlsx')) : []).toEqual([]);
    expect(
      readFileSync(path.join(inbox, 'Trạm Tấu - danh sách hộ 2022.xlsx')).length,
    ).toBeGreaterThan(0);
  });

  it('households no commune can be found for give no workbook, never a form whose total is 0', async () => {
    // Found by an independent prober: a list with no commune column, on a sheet and under a title
    // naming no commune, gave forms whose commune rows were all blank and whose total was 0.
    const inbox = path.join(tmp.path, 'không có xã');
    mkdirSync(inbox, { recursive: true });
    // Written by openpyxl when it is installed (another writer than ours).
    const file = path.join(inbox, 'Trạm Tấu - danh sách hộ 2022.xlsx');
    const sheets = [listSheet('Danh sách', TITLE, tucDan())];
    if (hasOpenpyxl()) writeListOpenpyxl(file, sheets);
    else await writeListExcelJs(file, sheets);
    const out = path.join(tmp.path, 'không ghi khi không có xã');
    const r = runCli(['derive', inbox, '--period', '2022', '--out', out], { timeout: 60_000 });
    expect(r.code).toBe(1);
    expect(r.out).toContain('derive-households-without-commune');
    expect(r.out).toContain(`${tucDan().length} hộ trong danh sách của Huyện Trạm Tấu`);
    expect(existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.xlsx')) : []).toEqual([]);
  });

  it('a 2026 commune’s list (villages in a column) gives one row per village, read back to its summary’s village figures', async () => {
    // fixtures/lists-2026/agree: Xã Khao Mang's list (openpyxl, SYNTHETIC) beside its summary;
    // the list's figures are the summary's, village by village. Before, one row named for the
    // commune held them all.
    const dir = path.resolve('fixtures/lists-2026/agree');
    const list = path.join(dir, 'Xa Khao Mang - DS ho ngheo, can ngheo nam 2026.xlsx');
    const out = path.join(tmp.path, 'khao mang 2026');
    const r = runCli(['derive', list, '--period', '2026', '--out', out], { timeout: 60_000 });
    expect(r.code).toBe(0);
    const setup = await loadSetup({ period: '2026' });
    const report = await consolidateFiles(
      setup,
      [path.join(dir, 'Xa Khao Mang - BC giam ngheo nam 2026.xlsx')],
      { period: '2026', lang: 'vi', now: new Date('2026-12-20T03:00:00Z') },
    );
    const summary = report.units.find((u) => u.code === '04465')?.subunits ?? [];
    const file = path.join(out, 'bieu-tu-danh-sach-04465-khao-mang-2026.xlsx');
    const back = await readBack(file, '2026', setup.run);
    const b01 = back.tables.find((t) => t.form === '01');
    const villages = (b01?.rows ?? []).filter((row) => row.role === 'subunit');
    expect(villages.map((v) => v.name)).toEqual(summary.map((s) => s.name));
    for (const v of villages) {
      const s = summary.find((x) => x.name === v.name);
      expect([v.name, v.values.get('poor')?.value, v.values.get('near_poor')?.value]).toEqual([
        v.name,
        s?.values.poor,
        s?.values.near_poor,
      ]);
    }
  });
});
