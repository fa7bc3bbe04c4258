/**
 * A commune's villages in blocks under the old communes it was merged from ("I | Xã Khao Mang
 * (cũ)", "II | Xã Hồ Bốn (cũ)"), each group row the sum of its block. A village typed in the
 * other block leaves both group rows wrong while the commune's total still holds: the rows were
 * then read as breakdowns ("trong đó", not summed) and the report accepted without a word (an
 * outside tester's template round trip, theme W: e11, e11c, e11d). A group row over a block of
 * villages that it is not the sum of is now `subtotal-mismatch` at each cell that differs. The
 * files are the shipped SYNTHETIC 2026 report of Xã Khao Mang (fixtures/lao-cai-2026), its
 * villages grouped by openpyxl.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-groups-set-aside-');
const KHAO_MANG = path.resolve('fixtures/lao-cai-2026/Xã Khao Mang - BC giảm nghèo năm 2026.xlsx');
const unitOf = (file: string) => consolidatedUnit(file, '2026', '04465', { lang: 'en' });

/**
 * Khao Mang with its seven villages under two group rows, each the sum of its block (Biểu 01's
 * rates recomputed): villages 1–4 under "Xã Khao Mang (cũ)", 5–7 under "Xã Hồ Bốn (cũ)"; with
 * `moved`, in the sheets it names, village 4 typed under the second. In Biểu 01 (village 1 on
 * row 7): 7 group I, 8–11 villages 1–4, 12 group II, 13–15 villages 5–7, 16 total.
 */
function grouped(moved: string[] = [], labels = true): string {
  return editedByOpenpyxl(
    KHAO_MANG,
    freshCopyPath(tmp.path, KHAO_MANG),
    [
      'moved = json.loads(sys.argv[3])',
      'labels = sys.argv[4] == "1"',
      'for ws in wb.worksheets:',
      '    width = ws.max_column',
      '    f = next(r for r in range(6, 20) if ws.cell(r, 1).value == 1)',
      '    ws.insert_rows(f + 4)',
      '    ws.insert_rows(f)',
      '    blocks = ((f, range(f + 1, f + 5), "I", "Xã Khao Mang (cũ)"), (f + 5, range(f + 6, f + 9), "II", "Xã Hồ Bốn (cũ)"))',
      '    for at, block, number, name in blocks:',
      '        ws.cell(at, 1).value = number if labels else None',
      '        ws.cell(at, 2).value = name',
      '        for c in range(3, width + 1):',
      '            ws.cell(at, c).value = sum(ws.cell(r, c).value for r in block)',
      '        if ws.title == "B01":',
      '            ws.cell(at, 5).value = round(ws.cell(at, 4).value / ws.cell(at, 3).value * 100, 2)',
      '            ws.cell(at, 7).value = round(ws.cell(at, 6).value / ws.cell(at, 3).value * 100, 2)',
      '    if ws.title in moved:',
      '        for c in range(1, width + 1):',
      '            ws.cell(f + 4, c).value, ws.cell(f + 5, c).value = ws.cell(f + 5, c).value, ws.cell(f + 4, c).value',
    ],
    { dataOnly: true, args: [JSON.stringify(moved), labels ? '1' : '0'] },
  );
}

describe.skipIf(!hasOpenpyxl())('villages in blocks under group rows', () => {
  it('each group the sum of its block: accepted with the shipped figures', async () => {
    const original = await unitOf(KHAO_MANG);
    const unit = await unitOf(grouped());
    expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.subunits?.map((s) => [s.name, s.values])).toEqual(
      original?.subunits?.map((s) => [s.name, s.values]),
    );
  });

  for (const [label, moved, labels] of [
    ['in every form', ['B01', 'B02', 'B03', 'B04', 'B05'], true],
    ['in every form, the groups unnumbered', ['B01', 'B02', 'B03', 'B04', 'B05'], false],
    ['in Biểu 01 only', ['B01'], true],
  ] as const)
    it(`a village typed under the other group, ${label}: both group rows wrong, refused`, async () => {
      const unit = await unitOf(grouped([...moved], labels));
      expect(unit?.status).toBe('rejected');
      const said = (unit?.findings ?? []).filter((f) => f.code === 'subtotal-mismatch');
      // Biểu 01's households column: group I lost village 4, group II gained it.
      expect(said.filter((f) => f.sheet === 'B01').map((f) => f.cell)).toEqual(
        expect.arrayContaining(['C7', 'C11']),
      );
      expect(new Set(said.map((f) => f.sheet))).toEqual(new Set(moved));
    });
});
