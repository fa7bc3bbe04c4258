/**
 * A hidden column beside the one it copies, holding other figures under the same heading (last
 * period's figures a clerk hid instead of deleting): the form as printed and signed has no hidden
 * column, so the one shown is read and the hidden one said, not an ambiguity that rejects the
 * report (prober F). The files are the shipped SYNTHETIC Mù Cang Chải report with a column
 * inserted by openpyxl (skipped when it is not installed).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { convertWithLibreOffice, libreOfficeSkipReason } from '../helpers/libreoffice.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-hidden-col-');
const SHIPPED = path.resolve('fixtures/2022-H1/MuCangChai_2022-H1.xlsx');
const now = new Date('2022-07-20T03:00:00Z');

/**
 * The shipped report with a copy of Biểu 01's column `source` (1-based, before the insertion)
 * inserted at `at`: its heading, each commune's figure less a few households (rows 2–15) and
 * their sum on the total's row 16; hidden when `hide`.
 */
async function withColumnCopy(at: number, source: number, hide: boolean, resaved = false) {
  const dest = editedByOpenpyxl(
    SHIPPED,
    freshCopyPath(tmp.path, SHIPPED),
    [
      'from openpyxl.utils import get_column_letter',
      'from openpyxl.worksheet.dimensions import ColumnDimension, DimensionHolder',
      "ws = wb['Bieu01']",
      'at, src = int(sys.argv[3]), int(sys.argv[4])',
      'ws.insert_cols(at)',
      's = src + 1 if src >= at else src',
      'ws.cell(1, at).value = ws.cell(1, s).value',
      'total = 0',
      'for r in range(2, 16):',
      '    v = max(0, ws.cell(r, s).value - r % 5 - 1)',
      '    ws.cell(r, at).value = v',
      '    total += v',
      'ws.cell(16, at).value = total',
      // One width per column (openpyxl does not move the widths with the columns it inserts).
      'dims = DimensionHolder(worksheet=ws)',
      'for i in range(1, ws.max_column + 1):',
      '    name = get_column_letter(i)',
      "    hidden = i == at and sys.argv[5] == '1'",
      '    dims[name] = ColumnDimension(ws, index=name, width=13, hidden=hidden)',
      'ws.column_dimensions = dims',
    ],
    { args: [String(at), String(source), hide ? '1' : '0'] },
  );
  let file = dest;
  if (resaved) {
    // Saved again by LibreOffice, which writes a hidden column its own way (hidden="true").
    const out = path.join(path.dirname(dest), 'libreoffice');
    await convertWithLibreOffice([dest], out, { recalc: false });
    file = path.join(out, path.basename(dest));
  }
  const run = (file: string) => consolidatedUnit(file, '2022-H1', '137', { lang: 'en', now });
  return { unit: await run(file), original: await run(SHIPPED) };
}

describe.skipIf(!hasOpenpyxl())('a hidden column headed like another', () => {
  it.each([
    ['after the column it copies', 9, 8, 'I1', 'H'],
    ['before the column it copies', 8, 8, 'H1', 'I'],
    ['of the near-poor, after it', 10, 9, 'J1', 'I'],
  ])(
    'with other figures, %s: the shown column is read, the hidden one said (warning), the unit accepted',
    async (_, at, source, cell, other) => {
      const { unit, original } = await withColumnCopy(at, source, true);
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.subunits.map((s) => [s.name, s.values])).toEqual(
        original?.subunits.map((s) => [s.name, s.values]),
      );
      expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
      const said = unit?.findings.filter((f) => f.code === 'duplicate-column-hidden');
      expect(said?.map((f) => [f.severity, f.sheet, f.cell, f.params.other])).toEqual([
        ['warning', 'Bieu01', cell, other],
      ]);
    },
  );

  it.skipIf(libreOfficeSkipReason() !== null)(
    'saved again by LibreOffice: the same reading',
    async () => {
      const { unit, original } = await withColumnCopy(9, 8, true, true);
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      const said = unit?.findings.filter((f) => f.code === 'duplicate-column-hidden');
      expect(said?.map((f) => [f.severity, f.cell, f.params.other])).toEqual([
        ['warning', 'I1', 'H'],
      ]);
    },
    120_000,
  );

  it('shown, the same copy is an ambiguity: two columns say one indicator with different figures', async () => {
    const { unit } = await withColumnCopy(9, 8, false);
    expect(unit?.status).toBe('rejected');
    expect(unit?.findings.map((f) => f.code)).toContain('columns-ambiguous');
    expect(unit?.findings.map((f) => f.code)).not.toContain('duplicate-column-hidden');
  });
});
