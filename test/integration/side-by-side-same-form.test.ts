/**
 * The same form twice side by side in one sheet: Biểu 01 of 2026 in columns A–I and, past an
 * empty column, last year's Biểu 01 in K–S (or an unchanged copy). Read whole, every heading
 * came twice and the report was rejected with `columns-ambiguous` at every column; block by
 * block each reads cleanly, and the blocks are told as any form found twice: last year's set
 * aside (`other-period-sheet`, naming the columns), an identical copy said
 * (`duplicate-form-identical`), a copy with other figures for the same period an error
 * (`duplicate-form`). Found by an outside tester (theme K, b18, b19, b22). The files are the
 * shipped SYNTHETIC fixtures/lao-cai-2026 Trạm Tấu report edited by openpyxl.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-side-by-side-same-');
const TRAM_TAU = path.resolve('fixtures/lao-cai-2026/BC GN nam 2026 - Tram Tau.xlsx');
const unitOf = (file: string) => consolidatedUnit(file, '2026', '04606', { lang: 'en' });

/**
 * Trạm Tấu with Biểu 01's columns A–I copied to K–S (rows 1–14, values as saved), the copy's
 * title naming `year`, `less` taken from each village's households and from the total; the copy
 * on the left when `left`.
 */
const withCopy = (year: string, less: number, left = false) =>
  editedByOpenpyxl(
    TRAM_TAU,
    freshCopyPath(tmp.path, TRAM_TAU),
    [
      "ws = wb['Biểu số 01']",
      'year, less, left = sys.argv[3], int(sys.argv[4]), sys.argv[5] == "1"',
      'for r in range(1, 15):',
      '    for c in range(1, 10):',
      '        v = ws.cell(r, c).value',
      '        if r >= 8 and c == 3: v = v - less',
      '        if r == 14 and c == 3: v = v - 5 * less',
      '        if r == 4: v = v and v.replace("2026", year)',
      '        src, dst = (c + 10, c) if left else (c, c + 10)',
      '        if left: ws.cell(r, src).value = ws.cell(r, c).value',
      '        ws.cell(r, dst).value = v',
    ],
    { args: [year, String(less), left ? '1' : '0'], dataOnly: true },
  );

describe.skipIf(!hasOpenpyxl())('the same form twice side by side', () => {
  it('last year’s beside this year’s, either side: this year’s read, last year’s said', async () => {
    const original = await unitOf(TRAM_TAU);
    for (const left of [false, true]) {
      const unit = await unitOf(withCopy('2025', 3, left));
      expect(unit?.status, left ? 'last year’s on the left' : 'on the right').toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      const aside = unit?.findings.find((f) => f.code === 'other-period-sheet');
      expect(aside?.cell).toBe(left ? 'B6' : 'L6');
      expect(aside?.params.atEn).toBe(` (the table in columns ${left ? 'A–I' : 'K–S'})`);
    }
  });

  it('an unchanged copy: read once, said', async () => {
    const original = await unitOf(TRAM_TAU);
    const unit = await unitOf(withCopy('2026', 0));
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.findings.map((f) => [f.code, f.cell])).toContainEqual([
      'duplicate-form-identical',
      'L6',
    ]);
  });

  it('a copy of the same period with other figures: two readings, an error', async () => {
    const unit = await unitOf(withCopy('2026', 2));
    expect(unit?.status).not.toBe('accepted');
    const error = unit?.findings.find((f) => f.code === 'duplicate-form');
    expect([error?.severity, error?.cell]).toEqual(['error', 'L6']);
    expect(error?.params.atEn).toBe(' (the table in columns K–S)');
  });
});
