/**
 * A 2026 commune's five forms side by side in one sheet, each block one heading row and its
 * column-number row, all on the same rows (an outside tester's layout): read as one table no
 * heading was settled, and the search for the names column ran to no end (`validate` never
 * returned; SIGTERM did not stop it). Run through the command with a time limit, so a hang fails
 * the test instead of stopping the run. The file is the shipped SYNTHETIC Trạm Tấu report of 2026
 * (fixtures/lao-cai-2026) with its five sheets laid side by side by openpyxl.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { runCli } from '../helpers/cli.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-side-by-side-aligned-');
const TRAM_TAU = path.resolve('fixtures/lao-cai-2026/BC GN nam 2026 - Tram Tau.xlsx');

describe('five 2026 forms side by side on the same rows', () => {
  it.skipIf(!hasOpenpyxl())(
    'are read in a moment, block by block, with the report’s figures',
    async () => {
      const file = editedByOpenpyxl(
        TRAM_TAU,
        path.join(tmp.path, 'BC GN nam 2026 - Tram Tau.xlsx'),
        [
          "ws = wb.create_sheet('Tổng hợp')",
          'src = [s for s in wb.worksheets if s.title != ws.title]',
          'off = 0',
          'for i, s in enumerate(src):',
          '    for r in range(1 if i == 0 else 4, (s.max_row if i == 0 else 14) + 1):',
          '        for c in range(1, s.max_column + 1):',
          '            v = s.cell(r, c).value',
          '            if v is not None: ws.cell(r, off + c).value = v',
          '    off += s.max_column + 1',
          'for s in src: wb.remove(s)',
        ],
        { dataOnly: true },
      );
      const run = runCli(
        ['validate', file, '--period', '2026', '--registry', 'lao-cai-2025', '--json'],
        { timeout: 20_000 },
      );
      expect(run.code, run.err).toBe(0);
      const original = await consolidatedUnit(TRAM_TAU, '2026', '04606');
      const unit = await consolidatedUnit(file, '2026', '04606');
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.subunits.map((s) => [s.name, s.values])).toEqual(
        original?.subunits.map((s) => [s.name, s.values]),
      );
    },
    60_000,
  );
});
