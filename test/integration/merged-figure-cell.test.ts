/**
 * Figure cells merged over two rows or two columns ("H5:H6": one number typed for two communes):
 * the covered cell read as blank, a warning that it counts as 0, and the total then off
 * (independent prober C #4b). It is now one error at the covered cell naming the merged range.
 * The file is the shipped SYNTHETIC Mù Cang Chải report with cells merged by openpyxl (skipped
 * when it is not installed).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-merged-figure-');
const SHIPPED = path.resolve('fixtures/2022-H1/MuCangChai_2022-H1.xlsx');
const now = new Date('2022-07-20T03:00:00Z');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2022-H1' });
});

let made = 0;
async function merged(range: string) {
  const dest = editedByOpenpyxl(
    SHIPPED,
    path.join(tmp.path, String(made++), 'MuCangChai_2022-H1.xlsx'),
    ["wb['Bieu01'].merge_cells(sys.argv[3])"],
    { args: [range] },
  );
  const report = await consolidateFiles(setup, [dest], { period: '2022-H1', lang: 'en', now });
  return report.units.find((u) => u.code === '137');
}

describe.skipIf(!hasOpenpyxl())('a figure cell merged into another', () => {
  it.each([
    ['over two communes', 'H5:H6', 'H6'],
    ['over two columns', 'H5:I5', 'I5'],
  ])(
    '%s (%s) is an error at the covered cell, not a blank counted as 0',
    async (_, range, cell) => {
      const unit = await merged(range);
      expect(unit?.status).toBe('rejected');
      const found = unit?.findings.filter((f) => f.code === 'merged-figure-cell');
      expect(found?.map((f) => [f.severity, f.sheet, f.cell, f.params.range])).toEqual([
        ['error', 'Bieu01', cell, range],
      ]);
      expect(unit?.findings.filter((f) => f.code === 'missing-value' && f.cell === cell)).toEqual(
        [],
      );
    },
  );
});
