/**
 * Biểu 02 and 03 headed by dates instead of "đầu kỳ" / "cuối kỳ": "Số hộ nghèo cuối năm 2025" and
 * "Số hộ nghèo cuối năm 2026" in a report of 2026. What 2025 closed with is what 2026 opens with,
 * so the first is the opening figure; both were read as closing figures and the report rejected
 * (independent prober, 2026 reports). The files are the shipped 2026 Trạm Tấu report (SYNTHETIC),
 * the headings changed by openpyxl when it is installed.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { withCellsEdited } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-year-end-');
const SHIPPED = path.resolve('fixtures/lao-cai-2026/BC GN nam 2026 - Tram Tau.xlsx');
const now = new Date('2026-12-20T03:00:00Z');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2026' });
});

let made = 0;
async function unitHeaded(opening: string, closing: string) {
  const edits = [
    ['Biểu số 02', 'nghèo'],
    ['Biểu số 03', 'cận nghèo'],
  ].flatMap(([sheet, group]) => [
    { sheet, row: 6, col: 3, value: opening.replace('{g}', group ?? '') },
    { sheet, row: 6, col: 11, value: closing.replace('{g}', group ?? '') },
  ]);
  const file = path.join(tmp.path, String(made++), 'BC GN nam 2026 - Tram Tau.xlsx');
  const edited = await withCellsEdited(SHIPPED, file, edits);
  const report = await consolidateFiles(setup, [edited], { period: '2026', lang: 'en', now });
  return report.units.find((u) => u.code === '04606');
}

describe('an opening figure headed by the end of the year before', () => {
  it('"Số hộ nghèo cuối năm 2025" in a report of 2026 is the opening figure', async () => {
    const original = await unitHeaded('Số hộ {g} đầu kỳ', 'Số hộ {g} cuối kỳ');
    for (const [opening, closing] of [
      ['Số hộ {g} cuối năm 2025', 'Số hộ {g} cuối năm 2026'],
      ['Số hộ {g} (31/12/2025)', 'Số hộ {g} cuối kỳ'],
    ] as const) {
      const unit = await unitHeaded(opening, closing);
      expect(unit?.status, opening).toBe('accepted');
      expect(unit?.values, opening).toEqual(original?.values);
      expect(unit?.values.poor_start, opening).toBe(original?.values.poor_start);
    }
  });

  it('the end of another year is no opening figure: still an error, not a guess', async () => {
    const unit = await unitHeaded('Số hộ {g} cuối năm 2024', 'Số hộ {g} cuối năm 2026');
    expect(unit?.status).toBe('rejected');
    expect(unit?.findings.map((f) => f.code)).toContain('missing-column');
  });
});
