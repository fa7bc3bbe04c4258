/**
 * A report's date against its period. Found by an independent prober: last year's report
 * ("…CUỐI NĂM 2025", dated 5/12/2025) and the half-year report ("ĐẾN NGÀY 30/6/2026", "GIỮA NĂM
 * 2026", dated 10/6/2026) were accepted as the 2026 report, with at most a warning that the file
 * names no period. The files are the shipped fixtures/lao-cai-2026 Trạm Tấu report (SYNTHETIC)
 * with its title (A4) and date line (F16) changed in every sheet, by openpyxl when it is installed.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/commands/check-files.js';
import { loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { withCellsEdited } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-period-date-');
const SHIPPED = path.resolve('fixtures/lao-cai-2026/BC GN nam 2026 - Tram Tau.xlsx');
/** A title naming no period. */
const NO_PERIOD = 'BÁO CÁO KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO';
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2026' });
});

let made = 0;
/** The shipped report titled `title` and dated `dateLine`, checked for `period`. */
async function check(title: string, dateLine: string, period: string) {
  const dir = path.join(tmp.path, String(made++));
  const file = await withCellsEdited(SHIPPED, path.join(dir, 'BC GN - Tram Tau.xlsx'), [
    { row: 4, col: 1, value: title },
    { row: 16, col: 6, value: dateLine },
  ]);
  const [f] = await checkFiles([file], setup.run, { lang: 'en', period });
  if (!f) throw new Error('no report');
  const codes = f.findings.filter((x) => x.code.startsWith('period')).map((x) => x.code);
  return { valid: f.valid, codes: codes.sort() };
}

describe('the report date against the period', () => {
  it('a file naming no period, dated last December, is not this year’s report', async () => {
    expect(await check(NO_PERIOD, 'Trạm Tấu, ngày 05 tháng 12 năm 2025', '2026')).toEqual({
      valid: false,
      codes: ['period-assumed', 'period-date-mismatch'],
    });
  });

  it('a file dated in June is the half-year report, not the year’s, even titled "năm 2026"', async () => {
    const june = 'Trạm Tấu, ngày 10 tháng 6 năm 2026';
    expect(await check(NO_PERIOD, june, '2026')).toEqual({
      valid: false,
      codes: ['period-assumed', 'period-date-mismatch'],
    });
    expect(await check(`${NO_PERIOD} GIỮA NĂM 2026`, june, '2026')).toEqual({
      valid: false,
      codes: ['period-date-mismatch'],
    });
    // The same file checked as the half-year report: only the warning that it names no period.
    expect(await check(NO_PERIOD, june, '2026-H1')).toEqual({
      valid: true,
      codes: ['period-assumed'],
    });
  });

  it('the year’s report dated in December, or in the next spring, is read as before', async () => {
    const title = `${NO_PERIOD} NĂM 2026`;
    expect(await check(title, 'Trạm Tấu, ngày 07 tháng 12 năm 2026', '2026')).toEqual({
      valid: true,
      codes: [],
    });
    expect(await check(NO_PERIOD, 'Trạm Tấu, ngày 20 tháng 01 năm 2027', '2026')).toEqual({
      valid: true,
      codes: ['period-assumed'],
    });
  });
});

describe('where the period findings point', () => {
  // Found by an independent prober: both errors named the file only, and a clerk could not tell
  // which sheet's title or date line was left from another report.
  async function findingsOf(edits: { row: number; col: number; value: string; sheet?: string }[]) {
    const dir = path.join(tmp.path, String(made++));
    const file = await withCellsEdited(SHIPPED, path.join(dir, 'BC GN - Tram Tau.xlsx'), edits);
    const [f] = await checkFiles([file], setup.run, { lang: 'en', period: '2026' });
    return (f?.findings ?? [])
      .filter((x) => x.code.startsWith('period'))
      .map((x) => `${x.code} ${x.sheet ?? ''}!${x.cell ?? ''}`);
  }

  it('period-date-mismatch at the date line the date was read from', async () => {
    expect(
      await findingsOf([{ row: 16, col: 6, value: 'Trạm Tấu, ngày 08 tháng 12 năm 2025' }]),
    ).toEqual(['period-date-mismatch Biểu số 01!F16']);
  });

  it('period-ambiguous at the one title naming another period', async () => {
    const stale = 'BIỂU 05: THIẾU HỤT CÁC DỊCH VỤ XÃ HỘI CƠ BẢN CỦA HỘ CẬN NGHÈO NĂM 2025';
    expect(await findingsOf([{ row: 4, col: 1, value: stale, sheet: 'Biểu số 05' }])).toEqual([
      'period-ambiguous Biểu số 05!A4',
    ]);
  });
});
