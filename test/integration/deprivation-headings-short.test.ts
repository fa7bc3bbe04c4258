/**
 * Two ways an outside tester (theme L) headed the deprivation columns of Biểu 04 and 05 that
 * a valid report was refused for:
 * - the two education indicators written short, "Giáo dục (người lớn)" and "Giáo dục (trẻ em)",
 *   in the other order than the form's (figures moved with their headings): the child one was not
 *   known, so the column was left out and the form lacked a column;
 * - the indicators numbered "1" … "12" under a group cell "Các chỉ số thiếu hụt" typed over the
 *   last of them instead of the first (no merge): the sheet's heading was not recognised.
 * Both now read as the shipped figures. The files are the shipped SYNTHETIC 2026 report of Xã
 * Khao Mang (fixtures/lao-cai-2026), its headings rewritten by openpyxl (skipped without it).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
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
    expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.subunits).toEqual(original?.subunits);
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
    expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.subunits).toEqual(original?.subunits);
  });
});
