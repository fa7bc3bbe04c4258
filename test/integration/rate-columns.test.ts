/**
 * Biểu 01's rate columns sent in other ways than the form's.
 *
 * Without its two rate columns ("Tỷ lệ hộ nghèo (%)", "Tỷ lệ hộ cận nghèo (%)"): the
 * report computes every rate again from the counts, so the rates add nothing the unit's figures
 * need. It was `missing-column` (an error) at each, and the valid report rejected (independent
 * prober H, h08). Now each is a warning that says the rate is computed from its two columns, the
 * unit is accepted with the shipped figures (rates too). A count column taken out is still an
 * error. The files are the shipped SYNTHETIC reports of Trạm Tấu (two heading rows, merged group
 * headings) and Mù Cang Chải (one heading row), edited by openpyxl (skipped when not installed).
 *
 * As fractions without their % format (0,0797 for 7,97 %: the format lost when another program
 * wrote the file again; independent prober F, the shipped Bắc Hà report rewritten): every rate was
 * `rate-mismatch` and the report rejected. A column whose every rate is its counts' quotient as a
 * fraction is read as percentages, said once (info `rate-as-fraction`); one rate off and the
 * column is read as written (no guess).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-rate-columns-');

const BAC_HA = path.resolve('fixtures/lao-cai-2026/Bắc Hà_báo cáo hộ nghèo năm 2026.xlsx');
const SHIPPED = {
  '139': path.resolve('fixtures/2022-H1/Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx'),
  '137': path.resolve('fixtures/2022-H1/MuCangChai_2022-H1.xlsx'),
};

/** The shipped report of `code` with the first sheet's columns whose heading has `words` deleted. */
async function without(code: keyof typeof SHIPPED, words: string) {
  const shipped = SHIPPED[code];
  const dest = editedByOpenpyxl(
    shipped,
    freshCopyPath(tmp.path, shipped),
    [
      'words = sys.argv[3]',
      'ws = wb.worksheets[0]',
      'cols = sorted({c.column for row in ws.iter_rows(max_row=12) for c in row',
      '               if isinstance(c.value, str) and words in c.value.lower()}, reverse=True)',
      'assert cols, words',
      // Merged ranges are laid out again by hand after the columns go (openpyxl keeps them put).
      'merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]',
      'for m in list(ws.merged_cells.ranges): ws.unmerge_cells(str(m))',
      'for c in cols: ws.delete_cols(c)',
      'for (r1, c1, r2, c2) in merged:',
      '    c1 -= sum(1 for c in cols if c < c1)',
      '    c2 -= sum(1 for c in cols if c <= c2)',
      '    if c2 >= c1 and (c2 > c1 or r2 > r1):',
      '        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)',
    ],
    { args: [words], dataOnly: true },
  );
  const run = (file: string) => consolidatedUnit(file, '2022-H1', code);
  return { unit: await run(dest), original: await run(shipped) };
}

describe.skipIf(!hasOpenpyxl())('Biểu 01 without its rate columns', () => {
  it.each(['139', '137'] as const)(
    'unit %s: accepted with the shipped figures, a warning at each rate saying it is computed',
    async (code) => {
      const { unit, original } = await without(code, 'tỷ lệ');
      expect(original?.status).toBe('accepted');
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.values.poor_rate).toBeGreaterThan(0);
      expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
      const missing = unit?.findings.filter((f) => f.code === 'missing-column');
      expect(missing?.map((f) => [f.indicator, f.severity])).toEqual([
        ['poor_rate', 'warning'],
        ['near_poor_rate', 'warning'],
      ]);
      expect(missing?.map((f) => [f.params.numerator, f.params.denominator])).toEqual([
        ['Số hộ nghèo', 'Tổng số hộ dân cư'],
        ['Số hộ cận nghèo', 'Tổng số hộ dân cư'],
      ]);
    },
  );

  it('a count column taken out is still an error, and the unit is not accepted', async () => {
    const { unit } = await without('137', 'cận nghèo là người');
    expect(unit?.status).not.toBe('accepted');
    const missing = unit?.findings.filter((f) => f.code === 'missing-column');
    expect(missing?.map((f) => [f.indicator, f.severity])).toEqual([
      ['near_poor_ethnic_minority', 'error'],
    ]);
    expect(missing?.[0]?.params.numerator).toBeUndefined();
  });
});

describe.skipIf(!hasOpenpyxl())('Biểu 01 rates as fractions without a % format', () => {
  /** The shipped Bắc Hà report, its rate cells' % format dropped; `off`: E8 made 0.5. */
  async function asFractions(off: boolean) {
    const dest = editedByOpenpyxl(
      BAC_HA,
      freshCopyPath(tmp.path, BAC_HA),
      [
        'ws = wb.worksheets[0]',
        'for row in ws.iter_rows():',
        '    for c in row:',
        "        if c.number_format.endswith('%'): c.number_format = 'General'",
        "if sys.argv[3] == '1': ws['E8'] = 0.5",
      ],
      { args: [off ? '1' : '0'], dataOnly: true },
    );
    const run = (file: string) => consolidatedUnit(file, '2026', '02839');
    return { unit: await run(dest), original: await run(BAC_HA) };
  }

  it('read as percentages when every rate is its counts’ quotient: accepted, said once per column', async () => {
    const { unit, original } = await asFractions(false);
    expect(original?.status).toBe('accepted');
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const said = unit?.findings.filter((f) => f.code === 'rate-as-fraction');
    expect(said?.map((f) => f.indicator)).toEqual(['poor_rate', 'near_poor_rate']);
  });

  it('one rate off: the column read as written, its rates errors, not read as fractions', async () => {
    const { unit } = await asFractions(true);
    expect(unit?.status).toBe('rejected');
    const codes = unit?.findings.map((f) => `${f.code} ${f.indicator ?? ''}`) ?? [];
    expect(codes).toContain('rate-mismatch poor_rate');
    expect(codes).not.toContain('rate-as-fraction poor_rate');
    expect(codes).toContain('rate-as-fraction near_poor_rate');
  });
});
