/**
 * One inbox kept for the year: in December it holds the units' reports of the first half beside
 * those of the year. An outside tester consolidated the year with two units' annual reports in
 * and seven units' half-year reports only: the seven were "rejected" (period-mismatch), and the
 * report to be signed said "9 units sent, 7 reports rejected for errors". A report of an earlier
 * period is no report of this one: its unit has not sent this period's (missing), and the file is
 * listed apart. A later period's file (a half-year report titled for the year, in June) stays its
 * unit's, rejected for its period. The files are the shipped SYNTHETIC reports of 2022-H1 and 2022.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const H1 = path.resolve('fixtures/2022-H1');
const YEAR = path.resolve('fixtures/2022');
const MU_YEAR = path.join(YEAR, 'Mu Cang Chai - bao cao nam 2022.xlsx');
const TRAM_TAU_H1 = path.join(H1, 'Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx');
const now = new Date('2022-12-20T03:00:00Z');
const tmp = useTempFolder('povreport-other-period-');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2022' });
});

describe('a report of another period in the inbox', () => {
  it('of an earlier period: its unit has not sent this one (missing), the file is listed apart', async () => {
    const report = await consolidateFiles(setup, [MU_YEAR, TRAM_TAU_H1], {
      period: '2022',
      lang: 'vi',
      now,
    });
    const status = (code: string) => report.units.find((u) => u.code === code)?.status;
    expect(status('137')).toBe('accepted');
    expect(status('139')).toBe('missing');
    expect(report.otherPeriod).toEqual([TRAM_TAU_H1]);
    expect(report.completeness).toMatchObject({ accepted: 1, rejected: 0 });
    expect(report.findings.find((f) => f.file === TRAM_TAU_H1)?.code).toBe('period-mismatch');
  });

  it.skipIf(!hasOpenpyxl())(
    'of a later period, dated as its report (the year’s dated in December, in the run of its first half): set aside too',
    async () => {
      // The annual reports of 2026 beside the half-year's reminders in December (an outside tester).
      const dated = editedByOpenpyxl(
        MU_YEAR,
        path.join(tmp.path, 'Mu Cang Chai - nam 2022 (co ngay).xlsx'),
        ["wb['Biểu 01']['E21'] = 'Mù Cang Chải, ngày 05 tháng 12 năm 2022'"],
      );
      const h1 = await loadSetup({ period: '2022-H1' });
      const report = await consolidateFiles(h1, [dated], { period: '2022-H1', lang: 'vi', now });
      expect(report.units.find((u) => u.code === '137')?.status).toBe('missing');
      expect(report.otherPeriod).toEqual([dated]);
    },
  );

  it('of a later period undated (or dated before it could be made): still its unit’s, rejected', async () => {
    const h1 = await loadSetup({ period: '2022-H1' });
    const report = await consolidateFiles(h1, [MU_YEAR, TRAM_TAU_H1], {
      period: '2022-H1',
      lang: 'vi',
      now,
    });
    expect(report.units.find((u) => u.code === '137')?.status).toBe('rejected');
    expect(report.otherPeriod).toEqual([]);
  });
});
