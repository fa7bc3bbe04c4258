/**
 * Rows under a total that are no sub-unit's counts: "Tỷ lệ (%)" giving the total's figures as
 * percentages (each 100 × the total's figure over its first column), and a target written as a
 * rate alone ("Chỉ tiêu kế hoạch giao năm 2022 | | | 53,5"). The first was read as a commune: 24
 * `not-whole-number` errors and a rejected valid report; the second became a commune of no
 * households with a rate of 53.5 (independent prober H, group 1). They are told by arithmetic
 * (the percentages of the row above, to the digits written) and by structure (a rate with no
 * count, no row number), each said once as info. The files are the shipped SYNTHETIC Mù Cang Chải
 * and Trạm Tấu reports with rows inserted by openpyxl (skipped when it is not installed).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-rate-rows-');
const MU_CANG_CHAI = path.resolve('fixtures/2022-H1/MuCangChai_2022-H1.xlsx');
const TRAM_TAU = path.resolve('fixtures/lao-cai-2026/BC GN nam 2026 - Tram Tau.xlsx');

/** The unit of `code` consolidated from `file` alone. */
function unitOf(file: string, period: string, code: string) {
  return consolidatedUnit(file, period, code, {
    lang: 'en',
    now: new Date('2026-12-20T03:00:00Z'),
  });
}

/**
 * `source` with a row inserted under the total (row `total`) of each sheet of `sheets`: its label,
 * and in each column from `first` on the total's figure as a percentage of its figure in column
 * `first` (rounded to `digits`; as text with "%" and a decimal comma when `asText`).
 */
function withRateRow(
  source: string,
  sheets: string[],
  total: number,
  label: string,
  opts: { digits?: number; asText?: boolean; first?: number } = {},
): string {
  return editedByOpenpyxl(
    source,
    freshCopyPath(tmp.path, source),
    [
      'sheets, total, label = json.loads(sys.argv[3]), int(sys.argv[4]), sys.argv[5]',
      'digits, as_text, first = int(sys.argv[6]), sys.argv[7] == "1", int(sys.argv[8])',
      'for name in sheets:',
      '    ws = wb[name]',
      '    ws.insert_rows(total + 1)',
      '    ws.cell(total + 1, 2).value = label',
      '    base = ws.cell(total, first).value',
      '    for c in range(first, ws.max_column + 1):',
      '        v = ws.cell(total, c).value',
      '        if not isinstance(v, (int, float)) or c == first + 1 and name.endswith(("04", "05")): continue',
      '        x = round(100 * v / base, digits) if digits != 0 else round(100 * v / base)',
      '        ws.cell(total + 1, c).value = (str(x).replace(".", ",") + "%") if as_text else x',
    ],
    {
      args: [
        JSON.stringify(sheets),
        String(total),
        label,
        String(opts.digits ?? 2),
        opts.asText ? '1' : '0',
        String(opts.first ?? 3),
      ],
      dataOnly: true,
    },
  );
}

describe.skipIf(!hasOpenpyxl())('a row of percentages under the total', () => {
  it.each([
    ['"Tỷ lệ (%)", two decimals', 'Tỷ lệ (%)', {}],
    ['a long label, one decimal', 'Tỷ lệ hộ thiếu hụt so với tổng số hộ (%)', { digits: 1 }],
    ['whole percentages under a "%" label', 'Tỷ lệ (%)', { digits: 0 }],
    ['text "24,84%"', 'Tỷ lệ', { asText: true }],
  ])(
    'in Biểu 04 and 05 (%s) is no commune: accepted, the shipped figures',
    async (_, label, opts) => {
      const original = await unitOf(MU_CANG_CHAI, '2022-H1', '137');
      const file = withRateRow(MU_CANG_CHAI, ['Bieu04', 'Bieu05'], 16, label, opts);
      const unit = await unitOf(file, '2022-H1', '137');
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.subunits.map((s) => [s.name, s.values])).toEqual(
        original?.subunits.map((s) => [s.name, s.values]),
      );
      expect(unit?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      const said = unit?.findings.filter((f) => f.code === 'rate-row');
      expect(said?.map((f) => [f.sheet, f.cell, f.params.of])).toEqual([
        ['Bieu04', 'B17', 16],
        ['Bieu05', 'B17', 16],
      ]);
    },
  );

  it('in Biểu 02 ("Tỷ lệ so với đầu kỳ (%)") and in a commune’s report of 2026: accepted', async () => {
    const original = await unitOf(MU_CANG_CHAI, '2022-H1', '137');
    const b02 = withRateRow(MU_CANG_CHAI, ['Bieu02'], 16, 'Tỷ lệ so với đầu kỳ (%)');
    const unit = await unitOf(b02, '2022-H1', '137');
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    const commune = await unitOf(TRAM_TAU, '2026', '04606');
    const edited = withRateRow(TRAM_TAU, ['Biểu số 04', 'Biểu số 05'], 14, 'Tỷ lệ (%)');
    const village = await unitOf(edited, '2026', '04606');
    expect(village?.status).toBe('accepted');
    expect(village?.values).toEqual(commune?.values);
    expect(village?.subunits.map((s) => s.name)).toEqual(commune?.subunits.map((s) => s.name));
  });

  it('whole numbers off from the percentages, or without a "%" in the row, are no rate row', async () => {
    const original = await unitOf(MU_CANG_CHAI, '2022-H1', '137');
    for (const [label, digits] of [
      ['Tỷ lệ (%)', -1],
      ['Nậm Mới', 0],
    ] as const) {
      // digits −1: the percentages rounded to tens, off from the total's by more than a unit.
      // Unnumbered, within the total, naming no commune of the registry: the total's breakdown
      // (its blank deprivations cell not given), said and never counted, as any such row.
      const file = withRateRow(MU_CANG_CHAI, ['Bieu04'], 16, label, { digits });
      const unit = await unitOf(file, '2022-H1', '137');
      expect(unit?.values, label).toEqual(original?.values);
      expect(unit?.findings.map((f) => f.code)).not.toContain('rate-row');
      expect(unit?.findings.map((f) => f.code)).toContain('row-after-total');
    }
  });
});

describe.skipIf(!hasOpenpyxl())('a rate with no counts under the total', () => {
  it('"Chỉ tiêu kế hoạch giao năm 2022" with its rate alone is no commune: accepted, said once', async () => {
    const original = await unitOf(MU_CANG_CHAI, '2022-H1', '137');
    const file = editedByOpenpyxl(
      MU_CANG_CHAI,
      freshCopyPath(tmp.path, MU_CANG_CHAI),
      [
        "ws = wb['Bieu01']",
        'ws.insert_rows(17)',
        "ws['B17'] = 'Chỉ tiêu kế hoạch giao năm 2022'",
        "ws['E17'] = 53.5",
      ],
      { dataOnly: true },
    );
    const unit = await unitOf(file, '2022-H1', '137');
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.subunits.map((s) => s.name)).toEqual(original?.subunits.map((s) => s.name));
    expect(unit?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(
      unit?.findings.filter((f) => f.code === 'rate-only-row').map((f) => [f.sheet, f.cell]),
    ).toEqual([['Bieu01', 'B17']]);
  });
});
