/**
 * Two columns for one indicator, one headed more strongly than the other: the form's group
 * heading "Hộ nghèo / Trong đó: DTTS" (column F) and, in column J, the standard's own words "Hộ
 * nghèo là người dân tộc thiểu số" over other figures (last year's, a clerk's draft). The
 * stronger heading alone does not say which column holds the report: a hidden J is not in the
 * report as printed (F is read, J said), a shown J with other figures is an ambiguity (an error
 * naming both), and a shown copy with the same figures changes nothing. Before, J was read and F
 * set aside as a column outside the form, so a hidden column's figures were accepted (an
 * outside tester's hidden_col_old_dtts, dup_dtts_visible_both, hidden_col_old_rate_canonical).
 * The files are the shipped SYNTHETIC Trạm Tấu report (fixtures/2022-H1) edited by openpyxl.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { convertWithLibreOffice, libreOfficeSkipReason } from '../helpers/libreoffice.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-column-rivals-');
const TRAM_TAU = path.resolve('fixtures/2022-H1/Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx');
const unitOf = (file: string) => consolidatedUnit(file, '2022-H1', '139', { lang: 'en' });

/**
 * Trạm Tấu with a column J in Biểu 01 headed `heading` (rows 6–7 merged), each commune's figure
 * of column `source` (1-based) less `less` (rows 10–21) and their sum on the total's row 9;
 * hidden when `hide`.
 */
const withColumnJ = (heading: string, source: number, less: number, hide: boolean) =>
  editedByOpenpyxl(
    TRAM_TAU,
    freshCopyPath(tmp.path, TRAM_TAU),
    [
      "ws = wb['Biểu 01']",
      'src, less = int(sys.argv[3]), int(sys.argv[4])',
      'ws.cell(6, 10).value = sys.argv[5]',
      "ws.merge_cells('J6:J7')",
      'total = 0',
      'for r in range(10, 22):',
      '    v = ws.cell(r, src).value - (less if r % 2 else 0)',
      '    ws.cell(r, 10).value = v',
      '    total += v',
      'ws.cell(9, 10).value = total',
      "ws.column_dimensions['J'].hidden = sys.argv[6] == '1'",
    ],
    { args: [String(source), String(less), heading, hide ? '1' : '0'] },
  );

describe.skipIf(!hasOpenpyxl())(
  'a column headed with the standard’s words beside the form’s',
  () => {
    it('hidden, with other figures: the shown column is read, the hidden one said', async () => {
      const original = await unitOf(TRAM_TAU);
      const unit = await unitOf(withColumnJ('Hộ nghèo là người dân tộc thiểu số', 6, 3, true));
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.values.poor_ethnic_minority).toBe(3552);
      const said = unit?.findings.find((f) => f.code === 'duplicate-column-hidden');
      expect([said?.sheet, said?.severity]).toEqual(['Biểu 01', 'warning']);
      expect(said?.cell).toMatch(/^J/);
    });

    it('hidden, a rate: the shown rates are read, not the hidden ones', async () => {
      const original = await unitOf(TRAM_TAU);
      const unit = await unitOf(withColumnJ('Tỷ lệ hộ nghèo (%)', 5, 2, true));
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    });

    it('shown, with other figures that fit as well: an error naming both columns', async () => {
      const unit = await unitOf(withColumnJ('Hộ nghèo là người dân tộc thiểu số', 6, 3, false));
      expect(unit?.status).not.toBe('accepted');
      const errors = unit?.findings.filter((f) => f.severity === 'error') ?? [];
      expect(errors.map((f) => [f.code, f.sheet])).toContainEqual(['columns-ambiguous', 'Biểu 01']);
      const ambiguous = errors.find((f) => f.code === 'columns-ambiguous');
      expect(String(ambiguous?.params.cells)).toMatch(/F.*J/);
    });

    it('shown, the same figures: either gives the report, accepted as it is', async () => {
      const original = await unitOf(TRAM_TAU);
      const unit = await unitOf(withColumnJ('Hộ nghèo là người dân tộc thiểu số', 6, 0, false));
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
    });
  },
);

/**
 * Trạm Tấu with commune rows 11–21 of every form's sheet hidden, as a filter on "Thị trấn" leaves
 * them, and each total a SUBTOTAL(109, …) of the rows: written by openpyxl, its results computed
 * and saved by LibreOffice (the sum of the rows shown).
 */
async function filtered(): Promise<string> {
  const edited = editedByOpenpyxl(TRAM_TAU, freshCopyPath(tmp.path, TRAM_TAU), [
    'from openpyxl.utils import get_column_letter as L',
    'for ws in wb.worksheets:',
    '    total = next(r for r in range(1, 30) if ws.cell(r, 2).value == "Tổng cộng")',
    '    first = total + 1',
    '    last = first + 11',
    '    for r in range(first + 1, last + 1): ws.row_dimensions[r].hidden = True',
    '    for c in range(3, ws.max_column + 1):',
    '        if isinstance(ws.cell(first, c).value, (int, float)):',
    '            ws.cell(total, c).value = "=SUBTOTAL(109,%s%d:%s%d)" % (L(c), first, L(c), last)',
  ]);
  const out = path.join(path.dirname(edited), 'libreoffice');
  await convertWithLibreOffice([edited], out, { recalc: true });
  return path.join(out, path.basename(edited));
}

const noOffice = !hasOpenpyxl() || libreOfficeSkipReason() !== null;

describe.skipIf(noOffice)('rows hidden under a SUBTOTAL total (a filter’s view)', () => {
  it('are read as rows: the total that leaves them out is an error, the cause said', async () => {
    const unit = await unitOf(await filtered());
    expect(unit?.status).not.toBe('accepted');
    const b01 = unit?.findings.filter((f) => f.sheet === 'Biểu 01') ?? [];
    // The total as LibreOffice computed it: the one commune shown.
    expect(b01.find((f) => f.code === 'total-mismatch' && f.cell === 'C9')?.params.left).toBe(1004);
    expect(b01.map((f) => f.code)).not.toContain('row-hidden-set-aside');
    const said = b01.find((f) => f.code === 'rows-hidden-subtotal');
    expect([said?.cell, said?.severity, said?.params.rows]).toEqual(['B11', 'warning', '11–21']);
  });
});
