/**
 * Forms side by side in one sheet, as a commune lays its whole report out on one printed page:
 * Biểu 01 in the first columns, Biểu 02 to its right after an empty column, and so on; or the
 * names once at the left and each form's figures to their right (an outside tester's layouts).
 * Read as one table the sheet had every heading several times and was refused
 * (`columns-ambiguous`, `empty-form`). Each block is read as a form of its own now, its cells
 * said where they are in the sheet. The files are the shipped SYNTHETIC Mù Cang Chải report
 * (fixtures/2022-H1) with its five sheets laid side by side in one by openpyxl.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { columnLetter } from '../../src/core/grid.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-side-by-side-');
const MU_CANG_CHAI = path.resolve('fixtures/2022-H1/MuCangChai_2022-H1.xlsx');
const SHEETS = ['Bieu01', 'Bieu02', 'Bieu03', 'Bieu04', 'Bieu05'];
const unitOf = (file: string) => consolidatedUnit(file, '2022-H1', '137', { lang: 'vi' });

/**
 * The five sheets in one, "Tổng hợp", each block after an empty column; with `namesOnce` the
 * blocks after the first without their STT and name columns. `plant` adds 1 to a cell of one
 * sheet (sheet, 1-based row and column) before it is copied.
 */
const sideBySide = (
  name: string,
  opts: {
    namesOnce?: boolean;
    abutting?: boolean;
    /** An empty column inside Biểu 04's block, after its fourth column. */
    spacer?: boolean;
    plant?: [string, number, number];
  } = {},
) =>
  editedByOpenpyxl(
    MU_CANG_CHAI,
    path.join(tmp.path, name),
    [
      `names_once = ${opts.namesOnce ? 'True' : 'False'}`,
      `plant = json.loads(sys.argv[3])`,
      'if plant: wb[plant[0]].cell(plant[1], plant[2]).value += 1',
      `src = [wb[n] for n in json.loads(sys.argv[4])]`,
      "ws = wb.create_sheet('Tổng hợp')",
      'off = 0',
      'for i, s in enumerate(src):',
      '    first = 1 if i == 0 or not names_once else 3',
      `    gap = 1 if i == 3 and ${opts.spacer ? 'True' : 'False'} else 0`,
      '    for r in range(1, (s.max_row if i == 0 else 16) + 1):',
      '        for c in range(first, s.max_column + 1):',
      '            v = s.cell(r, c).value',
      '            at = off + c - first + 1 + (gap if c > 4 else 0)',
      '            if v is not None: ws.cell(r, at).value = v',
      `    off += s.max_column - first + gap + ${opts.abutting ? 1 : 2}`,
      'for s in src: wb.remove(s)',
    ],
    { args: [JSON.stringify(opts.plant ?? null), JSON.stringify(SHEETS)], dataOnly: true },
  );

describe('forms side by side in one sheet', () => {
  it.skipIf(!hasOpenpyxl())(
    'are read block by block: the unit is accepted with the figures of its five sheets',
    async () => {
      const original = await unitOf(MU_CANG_CHAI);
      expect(original?.status).toBe('accepted');
      for (const [namesOnce, abutting] of [
        [false, false],
        [true, false],
        // No empty column between: each block starts where its row numbers and names come again.
        [false, true],
      ]) {
        const unit = await unitOf(
          sideBySide(`MuCangChai ${namesOnce} ${abutting}.xlsx`, { namesOnce, abutting }),
        );
        expect(unit?.status, `${namesOnce} ${abutting}`).toBe('accepted');
        expect(unit?.values).toEqual(original?.values);
        expect(unit?.subunits.map((s) => [s.name, s.values])).toEqual(
          original?.subunits.map((s) => [s.name, s.values]),
        );
        // An empty column inside Biểu 04's block too: its two parts are one form (blocks
        // apart by empty columns; abutting ones so split are not joined yet).
        if (abutting) continue;
        const spaced = await unitOf(
          sideBySide(`MuCangChai ${namesOnce} ${abutting} cot trong.xlsx`, {
            namesOnce,
            abutting,
            spacer: true,
          }),
        );
        expect(spaced?.status, `${namesOnce} ${abutting} spacer`).toBe('accepted');
        expect(spaced?.values).toEqual(original?.values);
      }
    },
  );

  it.skipIf(!hasOpenpyxl())(
    'say a wrong figure where it is in the sheet, as its own sheet says it in its block',
    async () => {
      // Biểu 03, Khao Mang (row 5), "Thoát cận nghèo" (E). In the one sheet Biểu 01 takes A–I,
      // Biểu 02 K–U, Biểu 03 W–AG: each of its cells 22 columns to the right.
      const plant: [string, number, number] = ['Bieu03', 5, 5];
      const alone = editedByOpenpyxl(
        MU_CANG_CHAI,
        path.join(tmp.path, 'lech', 'MuCangChai_2022-H1.xlsx'),
        ['wb[sys.argv[3]].cell(5, 5).value += 1'],
        { args: [plant[0]], dataOnly: true },
      );
      const said = (await unitOf(alone))?.findings.filter((f) => f.severity === 'error') ?? [];
      expect(said.map((f) => [f.code, f.sheet, f.cell])).toEqual([
        ['total-mismatch', 'Bieu03', 'E16'],
        ['balance-mismatch', 'Bieu03', 'K5'],
      ]);
      const shifted = (cell: string) => {
        const [, col = '', row = ''] = /^([A-Z]+)(\d+)$/.exec(cell) ?? [];
        let n = 0;
        for (let i = 0; i < col.length; i++) n = n * 26 + col.charCodeAt(i) - 64;
        return `${columnLetter(n - 1 + 22)}${row}`;
      };
      const unit = await unitOf(sideBySide('MuCangChai lech.xlsx', { plant }));
      expect(unit?.status).toBe('rejected');
      const errors = unit?.findings.filter((f) => f.severity === 'error') ?? [];
      expect(errors.map((f) => [f.code, f.sheet, f.form, f.cell])).toEqual(
        said.map((f) => [f.code, 'Tổng hợp', '03', shifted(f.cell ?? '')]),
      );
    },
  );

  it.skipIf(!hasOpenpyxl())(
    'leave a form with an empty column between its columns read whole',
    async () => {
      const original = await unitOf(MU_CANG_CHAI);
      const file = editedByOpenpyxl(
        MU_CANG_CHAI,
        path.join(tmp.path, 'cot trong', 'MuCangChai_2022-H1.xlsx'),
        ["wb['Bieu01'].insert_cols(6)"],
        { dataOnly: true },
      );
      const unit = await unitOf(file);
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
    },
  );
});
