/**
 * A commune written without its kind word whose bare name is also another sub-unit's: "Trạm Tấu"
 * is the town (Thị trấn Trạm Tấu) or the commune (Xã Trạm Tấu) of Huyện Trạm Tấu. When another row
 * of the table names the town plainly ("TT. Trạm Tấu"), the bare name is the commune: its figures
 * were reported under an unknown name and the commune as missing, the unit still accepted. The
 * files are the shipped Trạm Tấu 2022-H1 report (SYNTHETIC) with the names changed in every form
 * by openpyxl when it is installed.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { withCellsEdited, type CellEdit } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-elimination-');
const SHIPPED = path.resolve('fixtures/2022-H1/Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx');
// The rows of the town and of the commune in each form (Biểu 02's heading is a row deeper).
const ROWS: [string, number, number][] = [
  ['Biểu 01', 10, 15],
  ['Biểu 02', 11, 16],
  ['Biểu 03', 10, 15],
  ['Biểu 04', 10, 15],
  ['Biểu 05', 10, 15],
];
const now = new Date('2022-12-20T03:00:00Z');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({});
});

let made = 0;
async function unitWith(town: string, commune: string) {
  const edits: CellEdit[] = ROWS.flatMap(([sheet, t, c]) => [
    { sheet, row: t, col: 2, value: town },
    { sheet, row: c, col: 2, value: commune },
  ]);
  const file = await withCellsEdited(
    SHIPPED,
    path.join(tmp.path, String(made++), 'TT.xlsx'),
    edits,
  );
  const report = await consolidateFiles(setup, [file], { period: '2022-H1', lang: 'en', now });
  return report.units.find((u) => u.code === '139');
}
const byName = (u: Awaited<ReturnType<typeof unitWith>>) =>
  Object.fromEntries((u?.subunits ?? []).map((s) => [s.name, s.values]));

describe('a bare name two sub-units share, the other named plainly on its own row', () => {
  it('is the one no other row names, said in each form', async () => {
    const original = await unitWith('Thị trấn Trạm Tấu', 'Xã Trạm Tấu');
    const unit = await unitWith('TT. Trạm Tấu', 'Trạm Tấu');
    expect(unit?.status).toBe('accepted');
    expect(byName(unit)).toEqual(byName(original));
    expect(Object.keys(byName(unit))).toContain('Xã Trạm Tấu');
    const read = unit?.findings.filter((f) => f.code === 'subunit-read-as');
    expect(read?.map((f) => [f.sheet, f.cell, f.params.canonical])).toEqual(
      ROWS.map(([sheet, , c]) => [sheet, `B${c}`, 'Xã Trạm Tấu']),
    );
    expect(unit?.findings.map((f) => f.code)).not.toContain('subunit-missing');
  });

  it('is not guessed when both rows are bare', async () => {
    const unit = await unitWith('Trạm Tấu', 'Trạm Tấu');
    expect(Object.keys(byName(unit))).not.toContain('Xã Trạm Tấu');
    expect(unit?.findings.map((f) => f.code)).not.toContain('subunit-read-as');
  });
});
