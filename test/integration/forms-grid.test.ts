/**
 * A commune's five forms on one printed sheet laid out as a grid: Biểu 01, 02 and 03 side by
 * side, Biểu 04 and 05 side by side under them. Read whole, the bands' columns cut across each
 * other and read side by side, no empty column runs the sheet's height: the report was refused
 * with ambiguous columns and wrong totals (outside tester K: b24, b25). The sheet is now read band
 * by band (a band ends with its last row of figures), each band whole or block by block, only
 * when every band reads as a form. The file is the shipped SYNTHETIC 2026 report of Xã Trạm Tấu
 * (fixtures/lao-cai-2026) rearranged by openpyxl (its cached figures, not its formulas).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-forms-grid-');
const TRAM_TAU = path.resolve('fixtures/lao-cai-2026/BC GN nam 2026 - Tram Tau.xlsx');
const unitOf = (file: string) => consolidatedUnit(file, '2026', '04606', { lang: 'en' });

/**
 * The five forms' rows 4–14 (title to total) copied into one sheet "Tổng hợp": the forms of
 * `top` side by side from row 4, those of `bottom` from row 16, an empty column between blocks;
 * with `namesOnce`, the blocks after the first of each band without their STT and name columns.
 */
function grid(top: number[], bottom: number[], namesOnce: boolean): string {
  return editedByOpenpyxl(
    TRAM_TAU,
    freshCopyPath(tmp.path, TRAM_TAU),
    [
      'forms = wb.worksheets[:]',
      "ws = wb.create_sheet('Tổng hợp', 0)",
      'ws.cell(1, 1).value = forms[0].cell(1, 1).value',
      'names_once = sys.argv[5] == "1"',
      'for band, top in ((json.loads(sys.argv[3]), 4), (json.loads(sys.argv[4]), 16)):',
      '    col = 1',
      '    for k, f in enumerate(band):',
      '        src = forms[f - 1]',
      '        skip = 2 if names_once and k > 0 else 0',
      '        for r in range(4, 15):',
      '            for c in range(1 + skip, src.max_column + 1):',
      '                ws.cell(top + r - 4, col + c - 1 - skip).value = src.cell(r, c).value',
      '        col += src.max_column - skip + 1',
      'for f in forms: wb.remove(f)',
    ],
    {
      dataOnly: true,
      args: [JSON.stringify(top), JSON.stringify(bottom), namesOnce ? '1' : '0'],
    },
  );
}

describe.skipIf(!hasOpenpyxl())('five forms on one sheet as a grid', () => {
  for (const namesOnce of [false, true])
    it(`01 | 02 | 03 over 04 | 05${namesOnce ? ', the villages named once per band' : ''}: the shipped figures`, async () => {
      const original = await unitOf(TRAM_TAU);
      const unit = await unitOf(grid([1, 2, 3], [4, 5], namesOnce));
      expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.subunits).toEqual(original?.subunits);
    });

  it('one figure wrong in the lower band: refused at its cell', async () => {
    const file = grid([1, 2, 3], [4, 5], false);
    const edited = editedByOpenpyxl(file, freshCopyPath(tmp.path, file), [
      "ws = wb['Tổng hợp']",
      // Biểu 05 starts at column R (Biểu 04 fills A–P): its first village's near-poor households.
      'ws["T20"].value = ws["T20"].value + 1',
    ]);
    const unit = await unitOf(edited);
    expect(unit?.status).toBe('rejected');
    const cells = unit?.findings.filter((f) => f.severity === 'error').map((f) => f.cell);
    expect(cells).toContain('T20');
  });
});
