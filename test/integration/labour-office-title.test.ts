/**
 * A report headed by the district's labour office under the district's bare name ("PHÒNG LĐTBXH
 * TRẠM TẤU", no "huyện"): a commune has no labour office, so the name is the district's, though
 * "Trạm Tấu" is also one of its communes. The files are the shipped Trạm Tấu reports (SYNTHETIC),
 * their sender (A1 of every sheet) and date line changed by openpyxl when it is installed, and
 * saved under a name that names no unit: the heading is all that says whose report it is.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/commands/check-files.js';
import { loadSetup } from '../../src/commands/pipeline.js';
import type { FileReport } from '../../src/core/validate-book.js';
import { withCellsEdited, type CellEdit } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-labour-office-');

let made = 0;
async function check(shipped: string, period: string, edits: CellEdit[]): Promise<FileReport> {
  const { run } = await loadSetup({ period });
  const dest = path.join(tmp.path, String(made++), 'bao cao giam ngheo.xlsx');
  const [f] = await checkFiles([await withCellsEdited(shipped, dest, edits)], run, {
    lang: 'en',
    period,
  });
  if (!f) throw new Error('no report');
  return f;
}
// Each form's rows: the name, what the row is and every figure.
const figures = (f: FileReport) =>
  f.tables.map((t) => ({
    form: t.form,
    rows: t.rows.map((r) => [r.name, r.role, [...r.values].map(([id, v]) => [id, v.value])]),
  }));

describe('a report headed "PHÒNG LĐTBXH <district>" without the kind word', () => {
  it("is the district's report in 2022, with the figures of the original", async () => {
    const shipped = path.resolve('fixtures/2022-H1/Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx');
    const f = await check(shipped, '2022-H1', [
      { row: 1, col: 1, value: 'PHÒNG LĐTBXH TRẠM TẤU' },
      // The date lines, which would name the district by its seat, keep only the date.
      ...(
        [
          ['Biểu 01', 23, 6],
          ['Biểu 02', 24, 8],
          ['Biểu 03', 23, 8],
          ['Biểu 04', 23, 13],
          ['Biểu 05', 23, 13],
        ] as const
      ).map(([sheet, row, col]) => ({ sheet, row, col, value: 'ngày 10 tháng 6 năm 2022' })),
    ]);
    const { run } = await loadSetup({ period: '2022-H1' });
    const [original] = await checkFiles([shipped], run, { lang: 'en', period: '2022-H1' });
    expect(f.unit?.code).toBe('139');
    expect(f.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(figures(f)).toEqual(figures(original as FileReport));
  });

  it("is no one's in 2026, when units are communes: not the commune of Trạm Tấu", async () => {
    const shipped = path.resolve('fixtures/lao-cai-2026/BC GN nam 2026 - Tram Tau.xlsx');
    const f = await check(shipped, '2026', [
      { row: 1, col: 1, value: 'PHÒNG LĐTBXH TRẠM TẤU' },
      { row: 16, col: 6, value: 'ngày 07 tháng 12 năm 2026' },
    ]);
    expect(f.unit).toBeNull();
    expect(f.findings.map((x) => x.code)).toContain('unit-unknown');
  });
});
