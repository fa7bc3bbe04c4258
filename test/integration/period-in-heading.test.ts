/**
 * Headings that say when as well as what, in the indicator's own cell: "Số hộ nghèo 6 tháng đầu
 * năm 2022", "Số hộ cận nghèo năm 2026", and a column of the year before beside the period's
 * ("Số hộ nghèo cuối năm 2025 | Số hộ nghèo năm 2026"). Two such columns in one form were both
 * unknown, and the report rejected with `missing-column` (independent probers A #7, C #4c). The
 * files are shipped SYNTHETIC reports with their headings changed (and a column added) by openpyxl
 * when it is installed; the test of the added column is skipped without it.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { columnCopyLines, editedByOpenpyxl, withCellsEdited } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-period-heading-');
const MU_CANG_CHAI = path.resolve('fixtures/2022-H1/MuCangChai_2022-H1.xlsx');
const TRAM_TAU = path.resolve('fixtures/lao-cai-2026/BC GN nam 2026 - Tram Tau.xlsx');
const TRAM_TAU_2022 = path.resolve(
  'fixtures/2022-H1/Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx',
);
const now = new Date('2026-12-20T03:00:00Z');
let setup2022: Setup;
let setup2026: Setup;
beforeAll(async () => {
  setup2022 = await loadSetup({ period: '2022-H1' });
  setup2026 = await loadSetup({ period: '2026' });
});

let made = 0;
const fileIn = (name: string): string => path.join(tmp.path, String(made++), name);

async function unitOf(setup: Setup, file: string, period: string, code: string) {
  const report = await consolidateFiles(setup, [file], { period, lang: 'en', now });
  return report.units.find((u) => u.code === code);
}

describe('a period named in the indicator’s heading', () => {
  it('"Số hộ nghèo 6 tháng đầu năm 2022" and "Số hộ cận nghèo 6 tháng đầu năm 2022" are read by their headings', async () => {
    const original = await unitOf(setup2022, MU_CANG_CHAI, '2022-H1', '137');
    const edited = await withCellsEdited(MU_CANG_CHAI, fileIn('MuCangChai_2022-H1.xlsx'), [
      { sheet: 'Bieu01', row: 1, col: 4, value: 'Số hộ nghèo 6 tháng đầu năm 2022' },
      { sheet: 'Bieu01', row: 1, col: 6, value: 'Số hộ cận nghèo 6 tháng đầu năm 2022' },
      { sheet: 'Bieu02', row: 1, col: 3, value: 'Số hộ nghèo cuối năm 2021' },
      { sheet: 'Bieu02', row: 1, col: 11, value: 'Số hộ nghèo 6 tháng đầu năm 2022' },
    ]);
    const unit = await unitOf(setup2022, edited, '2022-H1', '137');
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    const codes = unit?.findings.map((f) => f.code) ?? [];
    expect(codes).not.toContain('missing-column');
    expect(codes).not.toContain('other-period-column');
    // Read by heading, not guessed from the figures.
    expect(codes).not.toContain('column-by-arithmetic');
  });

  it('"Số hộ nghèo tại thời điểm 30/6/2022", "Tổng số hộ tính đến 30/6/2022": the words leading the date go with it (outside tester G #60)', async () => {
    const original = await unitOf(setup2022, MU_CANG_CHAI, '2022-H1', '137');
    const edited = await withCellsEdited(MU_CANG_CHAI, fileIn('MuCangChai_2022-H1.xlsx'), [
      { sheet: 'Bieu01', row: 1, col: 3, value: 'Tổng số hộ tính đến ngày 30/6/2022' },
      { sheet: 'Bieu01', row: 1, col: 4, value: 'Số hộ nghèo tại thời điểm 30/6/2022' },
      { sheet: 'Bieu01', row: 1, col: 6, value: 'Số hộ cận nghèo tại thời điểm 30/6/2022' },
    ]);
    const unit = await unitOf(setup2022, edited, '2022-H1', '137');
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    const codes = unit?.findings.map((f) => f.code) ?? [];
    expect(codes).not.toContain('extra-column');
    expect(codes).not.toContain('column-by-arithmetic');
  });

  it('"… năm 2026" headings of a commune’s report of 2026 are its figures', async () => {
    const original = await unitOf(setup2026, TRAM_TAU, '2026', '04606');
    const edited = await withCellsEdited(TRAM_TAU, fileIn('BC GN nam 2026 - Tram Tau.xlsx'), [
      { sheet: 'Biểu số 01', row: 6, col: 4, value: 'Số hộ nghèo năm 2026' },
      { sheet: 'Biểu số 01', row: 6, col: 6, value: 'Số hộ cận nghèo năm 2026' },
    ]);
    const unit = await unitOf(setup2026, edited, '2026', '04606');
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.subunits.map((s) => [s.name, s.values])).toEqual(
      original?.subunits.map((s) => [s.name, s.values]),
    );
  });

  it.skipIf(!hasOpenpyxl())(
    'a column "Số hộ nghèo cuối năm 2025" beside "Số hộ nghèo năm 2026" is set aside as another time',
    async () => {
      const original = await unitOf(setup2026, TRAM_TAU, '2026', '04606');
      // Column D of Biểu 01 (poor households) copied to a new column D headed by the end of 2025,
      // its figures the period's plus 7 (last year's, higher); the period's column headed by 2026.
      const dest = editedByOpenpyxl(
        TRAM_TAU,
        fileIn('Tram Tau - cot cuoi nam 2025 (openpyxl, synthetic).xlsx'),
        [
          ...columnCopyLines('Biểu số 01', 4, 7, 8, { unmergeFrom: 6 }),
          "ws['D6'] = 'Số hộ nghèo cuối năm 2025'",
          "ws['E6'] = 'Số hộ nghèo năm 2026'",
        ],
        { dataOnly: true },
      );
      const unit = await unitOf(setup2026, dest, '2026', '04606');
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      const set = unit?.findings.filter((f) => f.code === 'other-period-column');
      expect(set?.map((f) => [f.sheet, f.cell, f.params.period])).toEqual([
        ['Biểu số 01', 'D6', 'cuối năm 2025'],
      ]);
    },
  );

  it('"Số hộ nghèo năm 2025 | … | Số hộ nghèo năm 2026" in Biểu 02 of 2026: the year before is the opening (prober class 4)', async () => {
    const original = await unitOf(setup2026, TRAM_TAU, '2026', '04606');
    for (const closing of ['Số hộ nghèo năm 2026', null]) {
      const edited = await withCellsEdited(TRAM_TAU, fileIn('BC GN nam 2026 - Tram Tau.xlsx'), [
        { sheet: 'Biểu số 02', row: 6, col: 3, value: 'Số hộ nghèo năm 2025' },
        ...(closing ? [{ sheet: 'Biểu số 02', row: 6, col: 11, value: closing }] : []),
      ]);
      const unit = await unitOf(setup2026, edited, '2026', '04606');
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      // Nothing to say: the opening of 2026 is what 2025 closed with.
      expect(unit?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      expect(unit?.findings.map((f) => f.code)).not.toContain('other-period-column');
    }
  });

  it.skipIf(!hasOpenpyxl()).each([
    [
      '"Số hộ nghèo năm 2025"',
      'cot nam 2025',
      [
        ...columnCopyLines('Biểu số 02', 3, 5, 8, { unmergeFrom: 6 }),
        "ws['C6'] = 'Số hộ nghèo năm 2025'",
        "ws['C7'] = None",
      ],
    ],
    [
      '"Số hộ nghèo" over "Năm 2025"',
      'cot them hai tang',
      [
        ...columnCopyLines('Biểu số 02', 3, 5, 9, { before: ['ws.insert_rows(7)'] }),
        "ws['C6'] = 'Số hộ nghèo'",
        "ws['C7'] = 'Năm 2025'",
      ],
    ],
  ])(
    'a column headed %s added before the opening one, off from it, is set aside as another time',
    async (_, name, lines) => {
      const original = await unitOf(setup2026, TRAM_TAU, '2026', '04606');
      // The opening's figures plus 5 in a column inserted before it (column C).
      const dest = editedByOpenpyxl(
        TRAM_TAU,
        fileIn(`Tram Tau - ${name} (openpyxl, synthetic).xlsx`),
        lines,
        { dataOnly: true },
      );
      const unit = await unitOf(setup2026, dest, '2026', '04606');
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      const set = unit?.findings.filter((f) => f.code === 'other-period-column');
      expect(set?.map((f) => [f.sheet, f.cell, f.params.period])).toEqual([
        ['Biểu số 02', 'C6', '2025'],
      ]);
    },
  );

  it.skipIf(!hasOpenpyxl())(
    '"Số hộ nghèo" over a cell "Năm 2025" in Biểu 02 of 2026: the year before is the opening, the report accepted (review)',
    async () => {
      const original = await unitOf(setup2026, TRAM_TAU, '2026', '04606');
      // A second heading row: "Số hộ nghèo" over "Năm 2025" (the opening, column C), with or
      // without "Số hộ nghèo" over "Năm 2026" (the closing, K); the other headings merged over
      // both rows or left alone in the top one. Was: missing-column, the report rejected.
      const variants = {
        'opening and closing': ["ws['K6'] = 'Số hộ nghèo'", "ws['K7'] = 'Năm 2026'"],
        'merged over both rows': [
          "ws['K6'] = 'Số hộ nghèo'",
          "ws['K7'] = 'Năm 2026'",
          "for col in 'ABDEFGHIJ': ws.merge_cells(f'{col}6:{col}7')",
        ],
        'opening only': [],
      };
      for (const [name, more] of Object.entries(variants)) {
        const dest = editedByOpenpyxl(
          TRAM_TAU,
          fileIn(`Tram Tau - hai tang ${name} (openpyxl, synthetic).xlsx`),
          [
            "ws = wb['Biểu số 02']",
            'ws.insert_rows(7)',
            "ws['C6'] = 'Số hộ nghèo'",
            "ws['C7'] = 'Năm 2025'",
            ...more,
          ],
          { dataOnly: true },
        );
        const unit = await unitOf(setup2026, dest, '2026', '04606');
        expect(unit?.status, name).toBe('accepted');
        expect(unit?.values, name).toEqual(original?.values);
        expect(
          unit?.findings.filter((f) => f.severity !== 'info'),
          name,
        ).toEqual([]);
        expect(
          unit?.findings.map((f) => f.code),
          name,
        ).not.toContain('other-period-column');
      }
    },
  );

  it.skipIf(!hasOpenpyxl())(
    '"Tổng số hộ năm 2021 | Tổng số hộ năm 2022" in a report of the first half of 2022: the 2021 column is another time (prober class 4)',
    async () => {
      const lucYen = path.resolve('fixtures/2022-H1/BC 6T2022 - Luc Yen.xlsx');
      const original = await unitOf(setup2022, lucYen, '2022-H1', '135');
      // A column of 2021's households (the period's less 10) inserted before the period's.
      const dest = editedByOpenpyxl(
        lucYen,
        fileIn('Luc Yen - cot nam 2021 (openpyxl, synthetic).xlsx'),
        [
          ...columnCopyLines('Biểu 01', 3, -10, 13, { to: 41, unmergeFrom: 6 }),
          "ws['C12'] = 'Tổng số hộ năm 2021'",
          "ws['D12'] = 'Tổng số hộ năm 2022'",
        ],
      );
      const unit = await unitOf(setup2022, dest, '2022-H1', '135');
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      const set = unit?.findings.filter((f) => f.code === 'other-period-column');
      expect(set?.map((f) => [f.sheet, f.cell, f.params.period])).toEqual([
        ['Biểu 01', 'C12', '2021'],
      ]);
    },
  );

  it('a column alone of its kind headed by another year is read, with a warning at its heading (prober D #2)', async () => {
    const original = await unitOf(setup2022, MU_CANG_CHAI, '2022-H1', '137');
    const edited = await withCellsEdited(MU_CANG_CHAI, fileIn('MuCangChai_2022-H1.xlsx'), [
      { sheet: 'Bieu01', row: 1, col: 4, value: 'Số hộ nghèo 6 tháng đầu năm 2021' },
      // Of the table's year, written loosely: nothing to say.
      { sheet: 'Bieu01', row: 1, col: 3, value: 'Tổng số hộ năm 2022' },
    ]);
    const unit = await unitOf(setup2022, edited, '2022-H1', '137');
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    const said = unit?.findings.filter((f) => f.code === 'column-period-differs');
    expect(said?.map((f) => [f.severity, f.sheet, f.cell, f.params.period])).toEqual([
      ['warning', 'Bieu01', 'D1', '2021-H1'],
    ]);
  });

  it.skipIf(!hasOpenpyxl())(
    '"Số hộ" over "Kỳ trước | Kỳ này": the identities take this period’s (prober D #3)',
    async () => {
      const tramTau = path.resolve(
        'fixtures/2022-H1/Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx',
      );
      const original = await unitOf(setup2022, tramTau, '2022-H1', '139');
      // Biểu 01's poor households (column D, under "Hộ nghèo") split in two: the period before
      // (its figures plus 9) and this one, under a "Số hộ" merged over both.
      const dest = editedByOpenpyxl(
        tramTau,
        fileIn('Tram Tau - ky truoc ky nay (openpyxl, synthetic).xlsx'),
        [
          "ws = wb['Biểu 01']",
          'for m in list(ws.merged_cells.ranges):',
          '    if m.min_row >= 6: ws.unmerge_cells(str(m))',
          'ws.insert_cols(4)',
          'ws.insert_rows(8)',
          "ws['D6'] = 'Hộ nghèo'",
          "ws['D7'] = 'Số hộ'",
          "ws['D8'] = 'Kỳ trước'",
          "ws['E8'] = 'Kỳ này'",
          "ws['D9'] = '2a'",
          'for c in (1, 2, 3, 6, 7, 8, 9, 10):',
          '    ws.cell(7, c).value, ws.cell(8, c).value = ws.cell(7, c).value, None',
          'ws.merge_cells("D6:G6")',
          'ws.merge_cells("D7:E7")',
          'for r in range(10, 23):',
          '    v = ws.cell(r, 5).value',
          '    if isinstance(v, (int, float)): ws.cell(r, 4).value = v + 9',
        ],
      );
      const unit = await unitOf(setup2022, dest, '2022-H1', '139');
      expect(unit?.findings.map((f) => f.code)).not.toContain('missing-column');
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
    },
  );

  /**
   * Biểu 01's households (column C) split under "Tổng số hộ dân cư" into last year's and this
   * year's, last year's one household fewer in Thị trấn Trạm Tấu (and its total): every rate fits
   * both columns within its rounding, so the identities cannot tell them apart. Written by
   * openpyxl from the shipped Trạm Tấu report (SYNTHETIC). An outside tester's file: "Năm trước"
   * was read as the households and "Năm nay" left as an unknown column — accepted, wrong.
   */
  const splitHouseholds = (current: string) =>
    editedByOpenpyxl(
      path.resolve('fixtures/2022-H1/Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx'),
      fileIn(`Tram Tau - nam truoc (${current}) (openpyxl, synthetic).xlsx`),
      [
        "ws = wb['Biểu 01']",
        'for m in list(ws.merged_cells.ranges):',
        '    if m.min_row >= 6: ws.unmerge_cells(str(m))',
        'ws.insert_cols(3)',
        'for r in range(9, 22):',
        '    ws.cell(r, 3).value = ws.cell(r, 4).value',
        'ws.cell(9, 3).value -= 1',
        'ws.cell(10, 3).value -= 1',
        "ws['C6'], ws['D6'] = 'Tổng số hộ dân cư', None",
        `ws['C7'], ws['D7'] = 'Năm trước', ${JSON.stringify(current)}`,
        "ws['C8'] = '1a'",
        'for m in ("A6:A7", "B6:B7", "C6:D6", "E6:G6", "H6:J6"): ws.merge_cells(m)',
      ],
    );

  it.skipIf(!hasOpenpyxl())(
    '"Tổng số hộ dân cư" over "Năm trước | Năm nay": this year’s column is read, last year’s set aside',
    async () => {
      const original = await unitOf(setup2022, TRAM_TAU_2022, '2022-H1', '139');
      const unit = await unitOf(setup2022, splitHouseholds('Năm nay'), '2022-H1', '139');
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      const aside = unit?.findings.find((f) => f.code === 'other-period-column');
      expect(aside?.params).toMatchObject({ cells: 'C', period: 'Năm trước' });
    },
  );

  it.skipIf(!hasOpenpyxl())(
    'the households headed "Năm trước" and no other column of them: an error at its heading, its figures never taken',
    async () => {
      const dest = editedByOpenpyxl(
        TRAM_TAU_2022,
        fileIn('Tram Tau - chi co nam truoc (openpyxl, synthetic).xlsx'),
        ["ws = wb['Biểu 01']", 'ws.unmerge_cells("C6:C7")', "ws['C7'] = 'Năm trước'"],
      );
      const unit = await unitOf(setup2022, dest, '2022-H1', '139');
      expect(unit?.status).toBe('rejected');
      const said = unit?.findings.filter((f) => f.code === 'column-previous-period');
      expect(said?.map((f) => [f.severity, f.sheet, f.params.cell, f.params.period])).toEqual([
        ['error', 'Biểu 01', 'C', 'Năm trước'],
      ]);
    },
  );

  it('"Tổng số hộ năm nay", "Số hộ nghèo hiện có": words of this period after the indicator say when, not what', async () => {
    const original = await unitOf(setup2022, MU_CANG_CHAI, '2022-H1', '137');
    const edited = await withCellsEdited(MU_CANG_CHAI, fileIn('MuCangChai_2022-H1.xlsx'), [
      { sheet: 'Bieu01', row: 1, col: 3, value: 'Tổng số hộ năm nay' },
      { sheet: 'Bieu01', row: 1, col: 4, value: 'Số hộ nghèo hiện có' },
    ]);
    const unit = await unitOf(setup2022, edited, '2022-H1', '137');
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    // The period before is not this period: such a column is not read as the households.
    const before = await withCellsEdited(MU_CANG_CHAI, fileIn('MuCangChai_2022-H1.xlsx'), [
      { sheet: 'Bieu01', row: 1, col: 3, value: 'Tổng số hộ năm trước' },
    ]);
    const prior = await unitOf(setup2022, before, '2022-H1', '137');
    expect(prior?.status).toBe('rejected');
    expect(prior?.findings.map((f) => f.code)).toContain('missing-column');
  });
});
