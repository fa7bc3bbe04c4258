/**
 * A table whose communes come in blocks, each closed by a "Cộng" row that is the sum of its block,
 * and no total of the whole unit (prober class 4): the largest "Cộng" was taken as the total, and
 * the clerk read "the total row says 6.172 but the rows add up to 27.162" at row 18 and a cross-form
 * mismatch in every other form. It is told for what it is, once, at the last subtotal. With a
 * "Tổng cộng" under the blocks the same file is accepted, with the figures of the shipped one.
 * The files are the shipped SYNTHETIC Lục Yên report edited by openpyxl (skipped without it).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { blockSubtotals, type StructureRow } from '../../src/core/row-structure.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-block-subtotals-');
const SHIPPED = path.resolve('fixtures/2022-H1/BC 6T2022 - Luc Yen.xlsx');
const now = new Date('2022-07-20T03:00:00Z');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2022-H1' });
});

/**
 * Biểu 01 of the shipped report (communes in rows 13–40 in blocks of five, a blank row after
 * each block, "Tổng cộng" in row 41) with a "Cộng" row summing each block written in the blank
 * row after it; `keepTotal` false writes the last block's "Cộng" over the total.
 */
async function withBlockSubtotals(keepTotal: boolean, slip = 0, label = 'Cộng') {
  const dest = editedByOpenpyxl(
    SHIPPED,
    path.join(tmp.path, `${keepTotal}-${slip}-${label}`, path.basename(SHIPPED)),
    [
      'ws = wb["Biểu 01"]',
      'keep, slip, label = sys.argv[3] == "1", int(sys.argv[4]), sys.argv[5]',
      'n = lambda v: int(str(v).replace(".", ""))',
      'blocks = [(13, 18), (19, 24), (25, 30), (31, 36)] + ([] if keep else [(37, 41)])',
      'for j, (a, b) in enumerate(blocks):',
      '    ws.cell(b, 1).value = None',
      '    ws.cell(b, 2).value = label.replace("N", str(j + 1)) or None',
      '    for c in (3, 4, 6, 8, 9):',
      '        ws.cell(b, c).value = sum(n(ws.cell(r, c).value) for r in range(a, b))',
      '    ws.cell(b, 5).value = round(100 * ws.cell(b, 4).value / ws.cell(b, 3).value, 2)',
      '    ws.cell(b, 7).value = round(100 * ws.cell(b, 6).value / ws.cell(b, 3).value, 2)',
      'ws.cell(18, 4).value += slip',
    ],
    { args: [keepTotal ? '1' : '0', String(slip), label] },
  );
  const run = (file: string) =>
    consolidateFiles(setup, [file], { period: '2022-H1', lang: 'en', now });
  return {
    unit: (await run(dest)).units.find((u) => u.code === '135'),
    original: (await run(SHIPPED)).units.find((u) => u.code === '135'),
  };
}

describe.skipIf(!hasOpenpyxl())('communes in blocks, each with its "Cộng"', () => {
  it('with no total of the unit: one error at the last subtotal naming every subtotal row, no cascade', async () => {
    const { unit } = await withBlockSubtotals(false);
    expect(unit?.status).toBe('rejected');
    const errors = unit?.findings.filter((f) => f.severity === 'error') ?? [];
    expect(errors.map((f) => [f.code, f.sheet, f.cell])).toEqual([
      ['subtotals-without-total', 'Biểu 01', 'B41'],
    ]);
    expect(errors[0]?.params).toMatchObject({ count: 5, rows: '18, 24, 30, 36, 41' });
  });

  it('subtotals labelled "Cụm 1"…"Cụm 5", or not labelled at all, are told by their sums: the same one error', async () => {
    for (const label of ['Cụm N', '']) {
      const { unit } = await withBlockSubtotals(false, 0, label);
      expect(unit?.status, label).toBe('rejected');
      const errors = unit?.findings.filter((f) => f.severity === 'error') ?? [];
      expect(
        errors.map((f) => [f.code, f.sheet, f.cell]),
        label,
      ).toEqual([['subtotals-without-total', 'Biểu 01', 'B41']]);
      expect(errors[0]?.params, label).toMatchObject({ count: 5, rows: '18, 24, 30, 36, 41' });
    }
  });

  it('with "Tổng cộng" under the blocks: accepted, the shipped figures and communes', async () => {
    const { unit, original } = await withBlockSubtotals(true);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.subunits.map((s) => s.name)).toEqual(original?.subunits.map((s) => s.name));
  });

  // An outside tester's file: under a total, subtotals labelled "Cụm 1"… with a slip in one were
  // read as communes, and the total said to be half the rows' sum in every column.
  it('under a total, a "Cụm N" subtotal off by one is said at its cell, not as a wrong total', async () => {
    const { unit } = await withBlockSubtotals(true, 1, 'Cụm N');
    expect(unit?.status).toBe('rejected');
    const errors = unit?.findings.filter((f) => f.severity === 'error') ?? [];
    expect(errors.map((f) => [f.code, f.sheet, f.cell])).toEqual([
      ['subtotal-mismatch', 'Biểu 01', 'D18'],
    ]);
  });

  it('a block whose "Cộng" is off by one is no block: the file is still rejected', async () => {
    const { unit } = await withBlockSubtotals(false, 1);
    expect(unit?.status).toBe('rejected');
    expect(unit?.findings.some((f) => f.code === 'subtotals-without-total')).toBe(false);
  });
});

describe('blockSubtotals', () => {
  const row = (hint: StructureRow['hint'], ...values: number[]): StructureRow => ({
    values,
    hint,
    known: false,
    sumFormulas: false,
    inBreakdown: false,
  });
  const vec = (rows: StructureRow[]) => rows.map((r) => r.values.map((v) => v ?? 0));

  it('finds blocks closed by their subtotals, or opened by them, covering every row', () => {
    const footer = [
      row('none', 1, 2),
      row('none', 3, 4),
      row('total', 4, 6),
      row('none', 5, 5),
      row('total', 5, 5),
    ];
    expect(blockSubtotals(footer, vec(footer))).toEqual([2, 4]);
    const header = [
      row('group', 4, 6),
      row('none', 1, 2),
      row('none', 3, 4),
      row('group', 5, 5),
      row('none', 5, 5),
    ];
    expect(blockSubtotals(header, vec(header))).toEqual([0, 3]);
  });

  it('finds blocks by their sums whatever their labels, not a row naming a sub-unit', () => {
    const unlabelled = [
      row('none', 1, 2),
      row('none', 3, 4),
      row('none', 4, 6),
      row('none', 5, 5),
      row('none', 2, 1),
      row('none', 7, 6),
    ];
    expect(blockSubtotals(unlabelled, vec(unlabelled))).toEqual([2, 5]);
    const known = unlabelled.map((r, i) => (i === 2 ? { ...r, known: true } : r));
    expect(blockSubtotals(known, vec(known))).toBeNull();
    const village = unlabelled.map((r, i) => (i === 5 ? { ...r, hint: 'child' as const } : r));
    expect(blockSubtotals(village, vec(village))).toBeNull();
  });

  it('an unlabelled row equal to the one row before it is no subtotal (two communes alike)', () => {
    const pairs = [row('none', 1, 2), row('none', 1, 2), row('none', 3, 3), row('none', 3, 3)];
    expect(blockSubtotals(pairs, vec(pairs))).toBeNull();
    const labelled = [row('none', 1, 2), row('total', 1, 2), row('none', 3, 3), row('total', 3, 3)];
    expect(blockSubtotals(labelled, vec(labelled))).toEqual([1, 3]);
  });

  it('when the sums allow two splits (a slip gave a negative figure), the labels choose or none is chosen', () => {
    // Rows 1 and 5 close [0] and [2, 3, 4]; rows 3 and 5 close [0, 1, 2] and [4].
    const figures = [-1, -1, 1, -1, -1, -1];
    const rowsWith = (labelled: number[]) =>
      figures.map((x, i) => row(labelled.includes(i) ? 'total' : 'none', x, x));
    const byLabel = rowsWith([1, 5]);
    expect(blockSubtotals(byLabel, vec(byLabel))).toEqual([1, 5]);
    const allLabelled = rowsWith([1, 3, 5]);
    expect(blockSubtotals(allLabelled, vec(allLabelled))).toBeNull();
  });

  it('finds none when a row is outside every block, a sum is off, or there is one subtotal', () => {
    const trailing = [
      row('none', 1, 2),
      row('total', 1, 2),
      row('none', 3, 3),
      row('total', 3, 3),
      row('none', 7, 7),
    ];
    expect(blockSubtotals(trailing, vec(trailing))).toBeNull();
    const off = [row('none', 1, 2), row('total', 1, 3), row('none', 3, 3), row('total', 3, 3)];
    expect(blockSubtotals(off, vec(off))).toBeNull();
    const one = [row('none', 1, 2), row('none', 3, 3), row('total', 4, 5)];
    expect(blockSubtotals(one, vec(one))).toBeNull();
  });
});
