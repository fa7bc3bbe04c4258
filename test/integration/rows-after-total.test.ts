/**
 * Rows under a total that closes the communes above it: "- Hộ DTTS", "- Hộ nghèo có người có
 * công" with figures of their own, no number in the STT column. The total already adds up without
 * them; counting them as communes made it wrong by their figures and rejected the report
 * (independent prober C #4f). A commune written after the total (numbered, or named as one) is
 * still counted, and the total that leaves it out still rejected. The files are the shipped
 * SYNTHETIC Mù Cang Chải report with rows inserted by openpyxl (skipped when it is not installed).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-after-total-');
const SHIPPED = path.resolve('fixtures/2022-H1/MuCangChai_2022-H1.xlsx');
const now = new Date('2022-07-20T03:00:00Z');

type Row = [stt: number | null, label: string, values: (number | null)[]];

const TRAM_TAU = path.resolve('fixtures/2022-H1/Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx');

/**
 * The shipped report with `rows` inserted in Biểu 01 at row `at` (17: under Mù Cang Chải's total
 * in row 16; Trạm Tấu's total is its first row, 9, over its communes in rows 10–21).
 */
async function withRowsUnderTotal(rows: Row[], source = SHIPPED, sheet = 'Bieu01', at = 17) {
  const dest = editedByOpenpyxl(
    source,
    freshCopyPath(tmp.path, source),
    [
      'ws = wb[sys.argv[4]]',
      'at = int(sys.argv[5])',
      'for k, (stt, label, values) in enumerate(json.loads(sys.argv[3])):',
      '    ws.insert_rows(at + k)',
      '    ws.cell(at + k, 1).value = stt',
      '    ws.cell(at + k, 2).value = label',
      '    for i, v in enumerate(values): ws.cell(at + k, 3 + i).value = v',
    ],
    { args: [JSON.stringify(rows), sheet, String(at)] },
  );
  const code = source === SHIPPED ? '137' : '139';
  const run = (file: string) => consolidatedUnit(file, '2022-H1', code, { lang: 'en', now });
  return { unit: await run(dest), original: await run(source) };
}

describe.skipIf(!hasOpenpyxl())('rows under the total', () => {
  it('unnumbered rows within the total, under a total that adds up, are its breakdown: said, not counted', async () => {
    const { unit, original } = await withRowsUnderTotal([
      [null, '- Hộ DTTS', [11200, 6634, 59.23, 1371, 12.24, 6634, 1371]],
      [null, '- Hộ nghèo có người có công', [300, 120, 40, 20, 6.67, 100, 15]],
    ]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.subunits.map((s) => s.name)).toEqual(original?.subunits.map((s) => s.name));
    const said = unit?.findings.filter((f) => f.code === 'row-after-total');
    expect(said?.map((f) => [f.severity, f.cell])).toEqual([
      ['info', 'B17'],
      ['info', 'B18'],
    ]);
  });

  it('"Cùng kỳ năm 2021" under the total, over it in some columns, is another time’s row: said, not counted (prober H)', async () => {
    const { unit, original } = await withRowsUnderTotal([
      [null, 'Cùng kỳ năm 2021', [12490, 7390, 59.17, 1460, 11.69, 7012, 1300]],
    ]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.subunits.map((s) => s.name)).toEqual(original?.subunits.map((s) => s.name));
    expect(unit?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const said = unit?.findings.filter((f) => f.code === 'other-period-row');
    expect(said?.map((f) => [f.severity, f.cell])).toEqual([['info', 'B17']]);
  });

  it('a breakdown giving only some figures ("- Hộ có người có công": poor and near-poor) leaves its blank cells not given, not 0 (prober F)', async () => {
    const { unit, original } = await withRowsUnderTotal([
      [null, '- Hộ có người có công', [null, 10, null, 6, null, null, null]],
    ]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    // Was exceeds-group ("16 greater than 0") and a missing-value warning at each blank cell.
    expect(unit?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    // A 0 written is a figure: the breakdown is then checked with it.
    const zero = await withRowsUnderTotal([
      [null, '- Hộ có người có công', [0, 10, null, 6, null, null, null]],
    ]);
    expect(zero.unit?.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual([
      'exceeds-group',
    ]);
  });

  it.each([
    // Labels of the vocabulary's otherFiguresRow (prober F).
    ['a plan’s target', 'Kế hoạch giao năm 2022', [null, 6800, null, 1600, null, null, null]],
    ['the opening count', 'Số hộ nghèo đầu năm', [12400, 7314, 58.98, 1474, 11.89, 6900, 1300]],
    // No word any list holds: the figures alone say it (structure, not words).
    ['a target in other words', 'Mục tiêu phấn đấu', [null, 6800, null, 1600, null, null, null]],
    ['a row with no label', '', [12400, 7314, 58.98, 1474, 11.89, 6900, 1300]],
    ['a name that is no commune', 'Nậm Mới', [12400, 7314, 58.98, 1474, 11.89, 6900, 1300]],
  ])(
    '%s under the total, over it in some columns, is neither a commune nor a breakdown of it: said, not counted',
    async (_, label, values) => {
      const { unit, original } = await withRowsUnderTotal([[null, label, values]]);
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.subunits.map((s) => s.name)).toEqual(original?.subunits.map((s) => s.name));
      expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
      const said = unit?.findings.filter((f) => f.code === 'other-figures-row');
      expect(said?.map((f) => [f.severity, f.cell])).toEqual([['info', 'B17']]);
    },
  );

  it.each([
    ['"Tỷ lệ (%)"', 'Tỷ lệ (%)'],
    ['a row with no label', ''],
  ])(
    'rates under the total (%s: fractions where households are counted) are other figures: said once, not counted (prober F)',
    async (_, label) => {
      const { unit, original } = await withRowsUnderTotal([
        [null, label, [100, 55.53, null, 12.14, null, 94.99, 89.78]],
      ]);
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.subunits.map((s) => s.name)).toEqual(original?.subunits.map((s) => s.name));
      // Was not-whole-number at D17, F17, H17 and I17.
      expect(unit?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      const said = unit?.findings.filter((f) => f.code === 'other-figures-row');
      expect(said?.map((f) => [f.severity, f.cell])).toEqual([['info', 'B17']]);
    },
  );

  it.each([
    ['numbered like the communes, under the total', 15, 17],
    ['between two communes', null, 10],
  ])(
    'a row of fractions %s is no row of rates set aside: each fraction is an error',
    async (_, stt, at) => {
      const { unit } = await withRowsUnderTotal(
        [[stt, 'Nậm Mới', [100, 55.53, null, 12.14, null, 94.99, 89.78]]],
        SHIPPED,
        'Bieu01',
        at,
      );
      expect(unit?.status).toBe('rejected');
      expect(unit?.findings.filter((f) => f.code === 'not-whole-number')).toHaveLength(4);
      expect(unit?.findings.map((f) => f.code)).not.toContain('other-figures-row');
    },
  );

  it.each([
    ['named with a kind word', null, 'Xã Nậm Mới'],
    ['numbered like the communes', 15, 'Nậm Mới'],
    ['naming the report’s year', null, 'Số hộ năm 2022'],
  ])(
    'a row over the total %s is not set aside: the total that leaves it out is wrong',
    async (_, stt, label) => {
      const { unit } = await withRowsUnderTotal([
        [stt, label, [12400, 7314, 58.98, 1474, 11.89, 6900, 1300]],
      ]);
      expect(unit?.status).toBe('rejected');
      expect(unit?.findings.map((f) => f.code)).not.toContain('other-figures-row');
    },
  );

  it('a target row numbered like the communes is still counted: the total that leaves it out is wrong', async () => {
    const numbered = await withRowsUnderTotal([
      [15, 'Kế hoạch giao năm 2022', [500, 200, 40, 50, 10, 190, 45]],
    ]);
    expect(numbered.unit?.status).toBe('rejected');
    expect(numbered.unit?.findings.map((f) => f.code)).not.toContain('other-figures-row');
  });

  it('a row naming the report’s own year under the total is no other time’s: the total that leaves it out is wrong', async () => {
    const { unit } = await withRowsUnderTotal([
      [null, 'Năm 2022', [12490, 7390, 59.17, 1460, 11.69, 7012, 1300]],
    ]);
    expect(unit?.status).toBe('rejected');
    expect(unit?.findings.map((f) => f.code)).not.toContain('other-period-row');
  });

  it.each([
    ['numbered like the communes above', 15, 'Nậm Mới'],
    ['named as a commune', null, 'Xã Mới'],
    ['a commune of the registry', null, 'Xã Nậm Khắt'],
  ])(
    'a row %s under the total is counted: the total that leaves it out is wrong',
    async (_, stt, label) => {
      const { unit } = await withRowsUnderTotal([[stt, label, [500, 200, 40, 50, 10, 190, 45]]]);
      expect(unit?.status).toBe('rejected');
      const totals = unit?.findings.filter((f) => f.code === 'total-mismatch');
      expect(totals?.some((f) => f.cell === 'C16')).toBe(true);
      expect(unit?.findings.map((f) => f.code)).not.toContain('row-after-total');
    },
  );

  it.each([
    ['after the last commune', 22],
    ['right under the total, before the first commune', 10],
  ])(
    'under a total in the first row, an unnumbered "- Hộ DTTS" %s is its breakdown (prober D #1)',
    async (_, at) => {
      const { unit, original } = await withRowsUnderTotal(
        [[null, '- Hộ DTTS', [6500, 3552, 54.65, 3552, 822, 12.65, 822]]],
        TRAM_TAU,
        'Biểu 01',
        at,
      );
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.findings.filter((f) => f.code === 'row-after-total').map((f) => f.cell)).toEqual(
        [`B${at}`],
      );
    },
  );
});

describe.skipIf(!hasOpenpyxl())(
  'rows under the total of a commune’s report of villages (2026)',
  () => {
    const COMMUNE = path.resolve('fixtures/lao-cai-2026/BC GN nam 2026 - Tram Tau.xlsx');
    const period = '2026';
    const at2026 = new Date('2026-12-20T03:00:00Z');
    /** Biểu số 01 with `rows` inserted under its total (row 14, over the villages in rows 8–13). */
    async function withRows(rows: Row[]) {
      const dest = editedByOpenpyxl(
        COMMUNE,
        freshCopyPath(tmp.path, COMMUNE),
        [
          "ws = wb['Biểu số 01']",
          'for k, (stt, label, values) in enumerate(json.loads(sys.argv[3])):',
          '    ws.insert_rows(15 + k)',
          '    ws.cell(15 + k, 1).value = stt',
          '    ws.cell(15 + k, 2).value = label',
          '    for i, v in enumerate(values): ws.cell(15 + k, 3 + i).value = v',
        ],
        { args: [JSON.stringify(rows)], dataOnly: true },
      );
      const run = (file: string) =>
        consolidatedUnit(file, period, '04606', { lang: 'en', now: at2026 });
      return { unit: await run(dest), original: await run(COMMUNE) };
    }
    // The commune's ethnic-minority households: 2,500, of them 680 poor and 347 near-poor.
    const DTTS = [2500, 680, 27.2, 347, 13.88, 680, 347];

    it.each([
      [
        '"Trong đó:" over "- Hộ DTTS"',
        [[null, 'Trong đó:', []] as Row, [null, '- Hộ DTTS', DTTS] as Row],
      ],
      ['"- Hộ DTTS" alone', [[null, '- Hộ DTTS', DTTS] as Row]],
    ])(
      'an unnumbered breakdown %s is no village: accepted, the shipped figures (review: was total-mismatch)',
      async (_, rows) => {
        const { unit, original } = await withRows(rows);
        expect(unit?.status).toBe('accepted');
        expect(unit?.values).toEqual(original?.values);
        expect(unit?.subunits.map((s) => s.name)).toEqual(original?.subunits.map((s) => s.name));
      },
    );

    it('a village numbered after the total, or marked with a kind word, is counted: the total is wrong', async () => {
      for (const row of [
        [7, '- Bản Mới', DTTS],
        [null, '- Bản Mới', DTTS],
      ] as Row[]) {
        const { unit } = await withRows([row]);
        expect(unit?.status, row[1]).toBe('rejected');
        expect(unit?.findings.some((f) => f.code === 'total-mismatch' && f.cell === 'C14')).toBe(
          true,
        );
      }
    });
  },
);
