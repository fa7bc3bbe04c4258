/**
 * Two ways an outside tester (theme L) headed the deprivation columns of Biểu 04 and 05 that
 * a valid report was refused for:
 * - the two education indicators written short, "Giáo dục (người lớn)" and "Giáo dục (trẻ em)",
 *   in the other order than the form's (figures moved with their headings): the child one was not
 *   known, so the column was left out and the form lacked a column;
 * - the indicators numbered "1" … "12" under a group cell "Các chỉ số thiếu hụt" typed over the
 *   last of them instead of the first (no merge): the sheet's heading was not recognised.
 * - the numbers "1" … "12" on the heading row itself, after "STT", "Thôn, bản" and the totals, the
 *   group cell on the row above over the first of them (the row was taken for a row of figures);
 * - each numbered indicator over a pair "Số hộ | %" (its count and a rate the form does not have),
 *   the number merged over the pair: the counts were not found under their numbers.
 * All now read as the shipped figures. The files are the shipped SYNTHETIC 2026 report of Xã
 * Khao Mang (fixtures/lao-cai-2026), its headings rewritten by openpyxl (skipped without it).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit, expectReadAsOriginal } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-deprivation-headings-');
const KHAO_MANG = path.resolve('fixtures/lao-cai-2026/Xã Khao Mang - BC giảm nghèo năm 2026.xlsx');
const unitOf = (file: string) => consolidatedUnit(file, '2026', '04465', { lang: 'en' });

/** Khao Mang with `lines` run on sheets B04 and B05 (as `ws`). */
const edited = (lines: string[]) =>
  editedByOpenpyxl(KHAO_MANG, freshCopyPath(tmp.path, KHAO_MANG), [
    'for name in ("B04", "B05"):',
    '    ws = wb[name]',
    ...lines.map((l) => `    ${l}`),
  ]);

describe.skipIf(!hasOpenpyxl())('deprivation columns headed short or numbered', () => {
  it('"Giáo dục (trẻ em)" before "Giáo dục (người lớn)": each read as its own, the shipped figures', async () => {
    const original = await unitOf(KHAO_MANG);
    // Columns I (adult education) and J (children's schooling) swapped, headings and figures.
    const unit = await unitOf(
      edited([
        'for r in range(6, ws.max_row + 1):',
        '    a, b = ws.cell(r, 9).value, ws.cell(r, 10).value',
        '    ws.cell(r, 9).value, ws.cell(r, 10).value = b, a',
        'ws.cell(6, 9).value = "Giáo dục (trẻ em)"',
        'ws.cell(6, 10).value = "Giáo dục (người lớn)"',
      ]),
    );
    expectReadAsOriginal(unit, original);
  });

  it('"1" … "12" under a group cell typed over the last of them: the shipped figures', async () => {
    const original = await unitOf(KHAO_MANG);
    const unit = await unitOf(
      edited([
        'ws.insert_rows(7)',
        'for c in range(5, 17):',
        '    ws.cell(6, c).value = None',
        '    ws.cell(7, c).value = c - 4',
        'ws.cell(6, 16).value = "Các chỉ số thiếu hụt"',
      ]),
    );
    expectReadAsOriginal(unit, original);
  });

  it('"1" … "12" on the heading row after STT and the totals, the group cell above: the shipped figures', async () => {
    const original = await unitOf(KHAO_MANG);
    const unit = await unitOf(
      edited([
        'ws.insert_rows(6)',
        'for c in range(5, 17):',
        '    ws.cell(7, c).value = c - 4',
        'ws.cell(6, 5).value = "Các chỉ số thiếu hụt"',
      ]),
    );
    expectReadAsOriginal(unit, original);
  });

  it('"Số hộ | %" under each numbered indicator: the counts read, each "%" an extra column', async () => {
    const original = await unitOf(KHAO_MANG);
    const unit = await unitOf(
      edited([
        'ws.insert_rows(7, 2)',
        // The figures' rows (9 to 16 now) spread: indicator k's count in column 3 + 2k, its
        // rate (a percent of the poor households) beside it.
        'for r in range(9, 17):',
        '    counts = [ws.cell(r, c).value for c in range(5, 17)]',
        '    for k, v in enumerate(counts):',
        '        ws.cell(r, 5 + 2 * k).value = v',
        '        ws.cell(r, 6 + 2 * k).value = round(100 * v / ws.cell(r, 3).value, 1) if v else 0',
        'for c in range(1, 5):',
        '    ws.merge_cells(start_row=6, start_column=c, end_row=8, end_column=c)',
        'for c in range(5, 29):',
        '    ws.cell(6, c).value = None',
        'ws.cell(6, 5).value = "Các chỉ số thiếu hụt"',
        'ws.merge_cells(start_row=6, start_column=5, end_row=6, end_column=28)',
        'for k in range(12):',
        '    ws.cell(7, 5 + 2 * k).value = k + 1',
        '    ws.merge_cells(start_row=7, start_column=5 + 2 * k, end_row=7, end_column=6 + 2 * k)',
        '    ws.cell(8, 5 + 2 * k).value = "Số hộ"',
        '    ws.cell(8, 6 + 2 * k).value = "%"',
      ]),
    );
    expectReadAsOriginal(unit, original);
    // The 12 rate columns of each form are said as columns the form does not have.
    const extra = unit?.findings.filter((f) => f.code === 'extra-column') ?? [];
    expect(extra.length).toBe(24);
  });
});
