/**
 * The place of a 2026 report's date line. Yên Bái merged into Lào Cai in 2025, and a clerk of any
 * of the old Yên Bái's communes may still write "Yên Bái, ngày …": that names the old province,
 * not the 2026 ward of that name (Phường Yên Bái). A report whose only other trace of its sender
 * was that line was taken for the ward's. The files are the shipped fixtures/lao-cai-2026 Trạm
 * Tấu report (SYNTHETIC) with its date line (F16), and its sender (A1), changed in every sheet,
 * by openpyxl when it is installed.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/commands/check-files.js';
import { loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { placeInDateLine } from '../../src/core/identify.js';
import { withCellsEdited } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-date-place-');
const SHIPPED = path.resolve('fixtures/lao-cai-2026/BC GN nam 2026 - Tram Tau.xlsx');
const TRAM_TAU = '04606';
const WARD_YEN_BAI = '04252';
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2026' });
});

let made = 0;
/** The shipped report under `name`, sent by `sender`, dated at `place`. */
async function check(name: string, sender: string, place: string) {
  const dir = path.join(tmp.path, String(made++));
  const file = await withCellsEdited(SHIPPED, path.join(dir, name), [
    { row: 1, col: 1, value: sender },
    { row: 16, col: 6, value: `${place}, ngày 07 tháng 12 năm 2026` },
  ]);
  const [f] = await checkFiles([file], setup.run, { lang: 'en', period: '2026' });
  if (!f) throw new Error('no report');
  return { unit: f.unit?.code ?? null, errors: f.findings.filter((x) => x.severity === 'error') };
}

describe('the place of a 2026 date line', () => {
  it('names no unit when it is a province merged into Lào Cai, or Lào Cai itself', () => {
    const registry = setup.run.cat.registry;
    const codes = (line: string): string[] => placeInDateLine([line], registry).map((u) => u.code);
    expect(registry.formerPlaces).toEqual(expect.arrayContaining(['Yên Bái', 'Lào Cai']));
    expect(codes('Yên Bái, ngày 07 tháng 12 năm 2026')).toEqual([]);
    expect(codes('Lào Cai, ngày 07 tháng 12 năm 2026')).toEqual([]);
    // A commune's own place still says whose report it is.
    expect(codes('Trạm Tấu, ngày 07 tháng 12 năm 2026')).toEqual([TRAM_TAU]);
  });

  it('"Yên Bái, ngày …" under Trạm Tấu\'s name is Trạm Tấu\'s report, with no error', async () => {
    const r = await check('BC GN nam 2026 - Tram Tau.xlsx', 'UBND XÃ TRẠM TẤU', 'Yên Bái');
    expect(r.unit).toBe(TRAM_TAU);
    expect(r.errors).toEqual([]);
  });

  it('"Yên Bái, ngày …" alone is no one\'s report, not the ward of Yên Bái\'s', async () => {
    const r = await check('BC GN nam 2026.xlsx', '', 'Yên Bái');
    expect(r.unit).not.toBe(WARD_YEN_BAI);
    expect(r.unit).toBeNull();
    expect(r.errors.map((e) => e.code)).toContain('unit-unknown');
  });
});
