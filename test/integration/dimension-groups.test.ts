/**
 * Biểu 04 headed in three rows: "Trong đó: số hộ thiếu hụt các chỉ số" over the six dimensions of
 * the standard, each merged over its two indicators, over leaves that number the indicators. A
 * dimension is named as its first indicator is ("Việc làm"), or nearly ("Nước sinh hoạt và vệ
 * sinh"): its words name no one column, and the leaf's number decides (the property generator met
 * it: band=grouped3 with number-only leaves was rejected for a conflict of number and name). A
 * leaf whose own words name another indicator than its number is still an error, under a
 * dimension or not. The files are the shipped SYNTHETIC 2026 report of Phường Yên Bái, its Biểu 04
 * headings rewritten by openpyxl (skipped when it is not installed); and, headed in two rows with
 * no group cell over the dimensions, the shipped SYNTHETIC report of Xã Khao Mang.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-dimension-groups-');
const SHIPPED = path.resolve(
  'fixtures/lao-cai-2026/Phường Yên Bái - Báo cáo giảm nghèo năm 2026.xlsx',
);
/** The standard's indicators and their dimensions, in its order. */
const STANDARD = JSON.parse(readFileSync('templates/standards/vn-2022-2025.json', 'utf8')) as {
  indicators: { name: { vi: string }; dimension: { vi: string } }[];
};
const INDICATORS = STANDARD.indicators.map((i) => i.name.vi);
const DIMENSIONS = [...new Set(STANDARD.indicators.map((i) => i.dimension.vi))];

/** The shipped report with Biểu 04's heading (row 7) made three rows, its leaves `leaves`. */
function withDimensions(leaves: string[]): string {
  return editedByOpenpyxl(
    SHIPPED,
    freshCopyPath(tmp.path, SHIPPED),
    [
      'ws = wb["Biểu 04"]',
      'ws.insert_rows(7, 2)',
      'for c in range(1, 5):',
      '    ws.cell(7, c).value = ws.cell(9, c).value',
      '    ws.cell(9, c).value = None',
      '    ws.merge_cells(start_row=7, start_column=c, end_row=9, end_column=c)',
      'ws.cell(7, 5).value = "Trong đó: số hộ thiếu hụt các chỉ số"',
      'ws.merge_cells(start_row=7, start_column=5, end_row=7, end_column=16)',
      'for k, name in enumerate(json.loads(sys.argv[3])):',
      '    ws.cell(8, 5 + 2 * k).value = name',
      '    ws.merge_cells(start_row=8, start_column=5 + 2 * k, end_row=8, end_column=6 + 2 * k)',
      'for k, leaf in enumerate(json.loads(sys.argv[4])): ws.cell(9, 5 + k).value = leaf',
    ],
    { args: [JSON.stringify(DIMENSIONS), JSON.stringify(leaves)] },
  );
}

/** The shipped 2026 report of Xã Khao Mang: its Biểu 04 ("B04") headed in one row, no numbers row. */
const KHAO_MANG = path.resolve('fixtures/lao-cai-2026/Xã Khao Mang - BC giảm nghèo năm 2026.xlsx');

/**
 * Khao Mang's report with Biểu 04's heading (row 6) made two rows: the dimensions merged over
 * their indicators, the leaves `leaves` under them, and no group cell over the dimensions; the
 * first four headings merged down over both rows (an outside tester's layout).
 */
function withDimensionsOnly(
  leaves: string[],
  dimensions = DIMENSIONS,
  moves: string[] = [],
): string {
  return editedByOpenpyxl(
    KHAO_MANG,
    freshCopyPath(tmp.path, KHAO_MANG),
    [
      'ws = wb["B04"]',
      ...moves,
      'ws.insert_rows(7)',
      'for c in range(1, 5): ws.merge_cells(start_row=6, start_column=c, end_row=7, end_column=c)',
      'for k, name in enumerate(json.loads(sys.argv[3])):',
      '    ws.cell(6, 5 + 2 * k).value = name',
      '    ws.cell(6, 6 + 2 * k).value = None',
      '    ws.merge_cells(start_row=6, start_column=5 + 2 * k, end_row=6, end_column=6 + 2 * k)',
      'for k, leaf in enumerate(json.loads(sys.argv[4])): ws.cell(7, 5 + k).value = leaf',
    ],
    { args: [JSON.stringify(dimensions), JSON.stringify(leaves)] },
  );
}

const consolidated = (file: string) => consolidatedUnit(file, '2026', '04252');
const numbers = Array.from({ length: 12 }, (_, k) => String(k + 1));
/** The indicators numbered again under each dimension: "1", "2", "1", "2" … */
const local = DIMENSIONS.flatMap(() => ['1', '2']);

describe.skipIf(!hasOpenpyxl())('indicators numbered under their dimensions', () => {
  it('leaves "1" to "12" under the dimensions: read by number, the shipped figures', async () => {
    const unit = await consolidated(withDimensions(numbers));
    const original = await consolidated(SHIPPED);
    expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.subunits).toEqual(original?.subunits);
  });

  it('leaves "k. name" under the dimensions: read, the shipped figures', async () => {
    const unit = await consolidated(withDimensions(INDICATORS.map((n, k) => `${k + 1}. ${n}`)));
    const original = await consolidated(SHIPPED);
    expect(unit?.status).toBe('accepted');
    expect(unit?.subunits).toEqual(original?.subunits);
  });

  it('two rows, no group cell over the dimensions: leaves "1"…"12" or "1.1"…"6.2" read, the shipped figures', async () => {
    const original = await consolidatedUnit(KHAO_MANG, '2026', '04465');
    expect(original?.status).toBe('accepted');
    const dotted = DIMENSIONS.flatMap((_, d) => [`${d + 1}.1`, `${d + 1}.2`]);
    for (const leaves of [numbers, dotted]) {
      const unit = await consolidatedUnit(withDimensionsOnly(leaves), '2026', '04465');
      expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.subunits).toEqual(original?.subunits);
    }
  });

  it('leaves numbered again under each dimension ("1 2 | 1 2 …"): read by the dimension over them, the shipped figures', async () => {
    // Three heading rows (a group cell over the dimensions), then two (none).
    const unit = await consolidated(withDimensions(local));
    const original = await consolidated(SHIPPED);
    expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.subunits).toEqual(original?.subunits);
    const khaoMang = await consolidatedUnit(KHAO_MANG, '2026', '04465');
    const two = await consolidatedUnit(withDimensionsOnly(local), '2026', '04465');
    expect(two?.status).toBe('accepted');
    expect(two?.values).toEqual(khaoMang?.values);
    expect(two?.subunits).toEqual(khaoMang?.subunits);
  });

  it('numbered again under dimensions in another order, their figures moved with them: each read by its dimension', async () => {
    // "Y tế" first, then "Việc làm": columns E:F and G:H of the figures swapped with them.
    const swapped = [DIMENSIONS[1] ?? '', DIMENSIONS[0] ?? '', ...DIMENSIONS.slice(2)];
    const moves = [
      'for r in range(1, ws.max_row + 1):',
      '    e, f, g, h = (ws.cell(r, c).value for c in (5, 6, 7, 8))',
      '    for c, v in zip((5, 6, 7, 8), (g, h, e, f)): ws.cell(r, c).value = v',
    ];
    const khaoMang = await consolidatedUnit(KHAO_MANG, '2026', '04465');
    const unit = await consolidatedUnit(withDimensionsOnly(local, swapped, moves), '2026', '04465');
    expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(khaoMang?.values);
    expect(unit?.subunits).toEqual(khaoMang?.subunits);
  });

  it("a number under a dimension that is neither its indicator's nor a place in it is not read", async () => {
    // "Y tế" over "1 | 5": 5 is neither nutrition's (3) nor health insurance's (4), nor a place
    // in it (it has two indicators).
    const leaves = [...local];
    leaves[3] = '5';
    const unit = await consolidatedUnit(withDimensionsOnly(leaves), '2026', '04465');
    expect(unit?.status).toBe('rejected');
  });

  it('a leaf whose words name another indicator than its number is still an error', async () => {
    // Each leaf "k. name"; under "Nước sinh hoạt và vệ sinh": "9. Nhà tiêu hợp vệ sinh" and
    // "10. Nguồn nước sinh hoạt" — the numbers say water then latrine, the words the other way.
    const names = [...INDICATORS];
    names[8] = INDICATORS[9] ?? '';
    names[9] = INDICATORS[8] ?? '';
    const leaves = names.map((name, k) => `${k + 1}. ${name}`);
    const unit = await consolidated(withDimensions(leaves));
    expect(unit?.status).toBe('rejected');
    expect(
      unit?.findings
        .filter((f) => f.code === 'heading-number-conflict')
        .map((f) => `${f.sheet ?? ''}!${f.cell ?? ''}`),
    ).toEqual(['Biểu 04!M9', 'Biểu 04!N9']);
  });
});
