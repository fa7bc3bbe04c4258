/**
 * A form on two sheets. Found by an independent prober: a commune that copied its Biểu 01 sheet
 * (Excel names the copy "Biểu số 01 (2)") and sent both, unchanged, was rejected with
 * `duplicate-form`, though both sheets say the same. A copy with the same rows and figures is one
 * reading: a warning, and the first sheet is read. A copy that differs in one figure is two: the
 * error stays. The files are the shipped fixtures/lao-cai-2026 Trạm Tấu report (SYNTHETIC) with
 * its Biểu 01 sheet copied by openpyxl (skipped, and said so, where openpyxl is not installed; CI
 * installs it).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/commands/check-files.js';
import { loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { hasOpenpyxl } from '../helpers/write-list.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-duplicate-sheet-');
const SHIPPED = path.resolve('fixtures/lao-cai-2026/BC GN nam 2026 - Tram Tau.xlsx');
const openpyxl = hasOpenpyxl();
if (!openpyxl) console.warn('duplicate-sheet.test.ts: openpyxl is not installed; skipped');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2026' });
});

/** The shipped report with its Biểu 01 copied to "Biểu số 01 (2)", `poorDelta` added to D9. */
async function check(name: string, poorDelta: number) {
  const file = path.join(tmp.path, name);
  const script = [
    'import sys, openpyxl',
    'wb = openpyxl.load_workbook(sys.argv[1], data_only=True)',
    'copy = wb.copy_worksheet(wb["Biểu số 01"])',
    'copy.title = "Biểu số 01 (2)"',
    'copy["D9"] = (copy["D9"].value or 0) + int(sys.argv[3])',
    'wb.save(sys.argv[2])',
  ].join('\n');
  const r = spawnSync('/usr/bin/python3', ['-c', script, SHIPPED, file, String(poorDelta)]);
  if (r.status !== 0) throw new Error(r.stderr.toString());
  const [f] = await checkFiles([file], setup.run, { lang: 'en', period: '2026' });
  if (!f) throw new Error('no report');
  return f;
}

describe('a form on two sheets', () => {
  it.skipIf(!openpyxl)('the same rows and figures: read once, with a warning', async () => {
    const f = await check('BC GN nam 2026 - Tram Tau (ban sao).xlsx', 0);
    const said = f.findings.filter((x) => x.code.startsWith('duplicate-form'));
    expect(said.map((x) => [x.code, x.severity, x.sheet])).toEqual([
      ['duplicate-form-identical', 'warning', 'Biểu số 01 (2)'],
    ]);
    expect(f.valid).toBe(true);
    expect(f.unit?.code).toBe('04606');
    expect(f.tables.filter((t) => t.form === '01').map((t) => t.sheet)).toEqual(['Biểu số 01']);
  });

  it.skipIf(!openpyxl)('one figure differs: two readings, an error', async () => {
    const f = await check('BC GN nam 2026 - Tram Tau (sua).xlsx', 1);
    const said = f.findings.filter((x) => x.code.startsWith('duplicate-form'));
    expect(said.map((x) => [x.code, x.severity, x.sheet])).toEqual([
      ['duplicate-form', 'error', 'Biểu số 01 (2)'],
    ]);
    expect(f.valid).toBe(false);
  });
});

describe('a form on two sheets, one of them the forms stacked in one sheet', () => {
  // Found by an independent prober: a sheet "Tổng hợp" holding Biểu 01 with Biểu 02 under it,
  // beside an identical sheet "Biểu số 01", was duplicate-form: what followed each table (the
  // next form's title and headings, a signature) was compared as if rows of it.
  it.skipIf(!openpyxl)('the same rows and figures: read once, with a warning', async () => {
    const file = path.join(tmp.path, 'BC GN nam 2026 - Tram Tau (tong hop).xlsx');
    const script = [
      'import sys, openpyxl',
      'wb = openpyxl.load_workbook(sys.argv[1], data_only=True)',
      'one, two = wb["Biểu số 01"], wb["Biểu số 02"]',
      'stack = wb.create_sheet("Tổng hợp", 0)',
      'for r in range(1, 15):',
      '    for c in range(1, one.max_column + 1): stack.cell(r, c).value = one.cell(r, c).value',
      'for r in range(4, two.max_row + 1):',
      '    for c in range(1, two.max_column + 1): stack.cell(r + 13, c).value = two.cell(r, c).value',
      'del wb["Biểu số 02"]',
      'wb.save(sys.argv[2])',
    ].join('\n');
    const r = spawnSync('/usr/bin/python3', ['-c', script, SHIPPED, file]);
    if (r.status !== 0) throw new Error(r.stderr.toString());
    const [f] = await checkFiles([file], setup.run, { lang: 'en', period: '2026' });
    const said = f?.findings.filter((x) => x.code.startsWith('duplicate-form'));
    expect(said?.map((x) => [x.code, x.severity])).toEqual([
      ['duplicate-form-identical', 'warning'],
    ]);
    expect(f?.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(f?.forms).toEqual(['01', '02', '03', '04', '05']);
  });
});
