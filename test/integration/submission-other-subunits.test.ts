/**
 * A newer file taken for a unit whose villages are none of the older file's: not the same report
 * sent again, but another unit's file taken for this one (by its name). It silently replaced the
 * unit's own report, the province total carrying the other unit's figures (independent prober F:
 * a commune's report saved under the province template's name replaced Phường Lào Cai's). Now
 * `submission-other-subunits`, an error: the unit is not accepted on either file. A report sent
 * again with the same villages is still just `superseded-submission`. The files are the shipped
 * SYNTHETIC 2026 reports of Nậm Có (unit from its file name) and Khao Mang, copied and redated by
 * openpyxl (skipped when it is not installed).
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-other-subunits-');
const NAM_CO = path.resolve('fixtures/lao-cai-2026/NamCo_2026.xlsx');
const KHAO_MANG = path.resolve('fixtures/lao-cai-2026/Xã Khao Mang - BC giảm nghèo năm 2026.xlsx');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2026' });
});

let made = 0;
/** Nậm Có's file under the name `name`, its date lines moved to 10/12/2026 (after the others'). */
function namCoAs(dir: string, name: string): string {
  return editedByOpenpyxl(NAM_CO, path.join(dir, name), [
    'for ws in wb.worksheets:',
    '    for row in ws.iter_rows():',
    '        for c in row:',
    "            if isinstance(c.value, str) and c.value.startswith('Ngày 07 tháng 12'):",
    "                c.value = 'Ngày 10 tháng 12 năm 2026'",
  ]);
}

async function consolidate(dir: string) {
  const files = readdirSync(dir).map((f) => path.join(dir, f));
  return consolidateFiles(setup, files, {
    period: '2026',
    lang: 'vi',
    now: new Date('2026-12-12T03:00:00Z'),
  });
}

describe.skipIf(!hasOpenpyxl())('a newer file for a unit, naming none of its villages', () => {
  it('is an error, not a resubmission: the unit is not accepted with the other unit’s figures', async () => {
    const dir = path.join(tmp.path, String(made++));
    mkdirSync(dir, { recursive: true });
    copyFileSync(NAM_CO, path.join(dir, 'NamCo_2026.xlsx'));
    // Nậm Có's own report, sent again later under a name naming Khao Mang.
    namCoAs(dir, 'Khao Mang 2026 (gui lai).xlsx');
    copyFileSync(KHAO_MANG, path.join(dir, path.basename(KHAO_MANG)));
    const report = await consolidate(dir);
    const khaoMang = report.units.find((u) => u.code === '04465');
    expect(khaoMang?.status).toBe('rejected');
    const said = khaoMang?.findings.filter((f) => f.code === 'submission-other-subunits');
    expect(said?.map((f) => [path.basename(f.file), f.severity])).toEqual([
      ['Khao Mang 2026 (gui lai).xlsx', 'error'],
    ]);
    expect(said?.[0]?.params.older).toContain('Khao Mang - BC');
    // Nậm Có itself is untouched.
    expect(report.units.find((u) => u.code === '04462')?.status).toBe('accepted');
  });

  it('a report sent again with the same villages is only superseded', async () => {
    const dir = path.join(tmp.path, String(made++));
    mkdirSync(dir, { recursive: true });
    copyFileSync(NAM_CO, path.join(dir, 'NamCo_2026.xlsx'));
    namCoAs(dir, 'NamCo_2026 (gui lai).xlsx');
    const report = await consolidate(dir);
    const namCo = report.units.find((u) => u.code === '04462');
    expect(namCo?.status).toBe('accepted');
    const codes = namCo?.findings.map((f) => f.code) ?? [];
    expect(codes).toContain('superseded-submission');
    expect(codes).not.toContain('submission-other-subunits');
  });
});
