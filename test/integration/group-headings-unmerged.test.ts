/**
 * Group headings over Biểu 01's columns typed without a merge: "Hộ cận nghèo" and "Hộ nghèo" each
 * over "Số hộ | Tỷ lệ (%) | DTTS", the text in the first, middle or last cell of its three, as a
 * clerk centres it by hand (independent prober F, h2_b01_near_first_merged_center: the text in
 * the middle cell left the first column of each group under the wrong group, and the report was
 * rejected). The files are the shipped SYNTHETIC Mù Cang Chải report with Biểu 01's heading
 * rewritten by openpyxl, the near-poor group first (skipped when openpyxl is not installed).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-groups-unmerged-');
const SHIPPED = path.resolve('fixtures/2022-H1/MuCangChai_2022-H1.xlsx');
const now = new Date('2022-07-20T03:00:00Z');

/** Biểu 01's columns, the near-poor group first: STT, name, households, near-poor ×3, poor ×3. */
const NEAR_FIRST = [0, 1, 2, 5, 6, 8, 3, 4, 7];
const LEAVES = ['Số hộ', 'Tỷ lệ (%)', 'DTTS'];

/** The shipped report with Biểu 01's heading as two rows, `top` over `leaves`. */
async function withHeading(top: (string | null)[], leaves: (string | null)[]) {
  const dest = editedByOpenpyxl(
    SHIPPED,
    freshCopyPath(tmp.path, SHIPPED),
    [
      "ws = wb['Bieu01']",
      'perm, top, leaves = (json.loads(a) for a in sys.argv[3:6])',
      'rows = [[c.value for c in r] for r in ws.iter_rows(min_row=1, max_row=ws.max_row)]',
      'for r in range(len(rows) - 1, 0, -1):',
      '    for c, j in enumerate(perm): ws.cell(r + 2, c + 1).value = rows[r][j] if j < len(rows[r]) else None',
      'for c in range(len(perm)):',
      '    ws.cell(1, c + 1).value = top[c]',
      '    ws.cell(2, c + 1).value = leaves[c]',
    ],
    { args: [JSON.stringify(NEAR_FIRST), JSON.stringify(top), JSON.stringify(leaves)] },
  );
  const run = (file: string) => consolidatedUnit(file, '2022-H1', '137', { lang: 'en', now });
  return { unit: await run(dest), original: await run(SHIPPED) };
}

const HEAD = ['STT', 'Xã, thị trấn', 'Tổng số hộ dân cư'];
const UNDER = [null, null, null, ...LEAVES, ...LEAVES];

describe.skipIf(!hasOpenpyxl())('group headings typed without a merge', () => {
  it.each([
    ['first', [...HEAD, 'Hộ cận nghèo', null, null, 'Hộ nghèo', null, null]],
    ['middle', [...HEAD, null, 'Hộ cận nghèo', null, null, 'Hộ nghèo', null]],
    ['last', [...HEAD, null, null, 'Hộ cận nghèo', null, null, 'Hộ nghèo']],
  ])(
    'each group text in the %s cell of its columns heads the columns that repeat "Số hộ, Tỷ lệ, DTTS"',
    async (_, top) => {
      const { unit, original } = await withHeading(top, UNDER);
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.subunits.map((s) => s.values)).toEqual(original?.subunits.map((s) => s.values));
      expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    },
  );

  // An outside tester's files: the households column headed only in the lower row ("Tổng số
  // hộ dân cư" under a blank cell) joined the run of grouped columns, which then repeated no
  // sequence; the middle texts were spread rightwards and each group read one column off.
  it.each([
    ['middle', [null, null, null, null, 'Hộ cận nghèo', null, null, 'Hộ nghèo', null]],
    ['last', [null, null, null, null, null, 'Hộ cận nghèo', null, null, 'Hộ nghèo']],
  ])(
    'the households headed in the lower row beside groups typed in the %s cell: the groups are the repeating part',
    async (_, top) => {
      const { unit, original } = await withHeading(top, [...HEAD, ...LEAVES, ...LEAVES]);
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.subunits.map((s) => s.values)).toEqual(original?.subunits.map((s) => s.values));
      expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    },
  );

  it('groups whose columns do not repeat one sequence are not spread by guess: never accepted with other figures', async () => {
    // The poor group's headings in another order than the near-poor group's: no repetition, so
    // the texts in the middle cells say nothing of where each group starts.
    const { unit, original } = await withHeading(
      [...HEAD, null, 'Hộ cận nghèo', null, null, 'Hộ nghèo', null],
      [null, null, null, ...LEAVES, 'Tỷ lệ (%)', 'Số hộ', 'DTTS'],
    );
    expect(unit?.status).toBe('rejected');
    expect(unit?.values).not.toEqual(original?.values);
  });
});
