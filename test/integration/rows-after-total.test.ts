/**
 * Rows under a total that closes the communes above it: "- Hộ DTTS", "- Hộ nghèo có người có
 * công" with figures of their own, no number in the STT column. The total already adds up without
 * them; counting them as communes made it wrong by their figures and rejected the report
 * (independent prober C #4f). A commune written after the total (numbered, or named as one) is
 * still counted, and the total that leaves it out still rejected. The files are the shipped
 * SYNTHETIC Mù Cang Chải report with rows inserted by openpyxl (skipped when it is not installed).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-after-total-');
const SHIPPED = path.resolve('fixtures/2022-H1/MuCangChai_2022-H1.xlsx');
const now = new Date('2022-07-20T03:00:00Z');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2022-H1' });
});

type Row = [stt: number | null, label: string, values: number[]];

let made = 0;
/** The shipped report with `rows` inserted under the total of Biểu 01 (its row 16). */
async function withRowsUnderTotal(rows: Row[]) {
  const dest = path.join(tmp.path, String(made++), 'MuCangChai_2022-H1.xlsx');
  mkdirSync(path.dirname(dest), { recursive: true });
  const script = [
    'import sys, json, openpyxl',
    'wb = openpyxl.load_workbook(sys.argv[1])',
    "ws = wb['Bieu01']",
    'for k, (stt, label, values) in enumerate(json.loads(sys.argv[3])):',
    '    ws.insert_rows(17 + k)',
    '    ws.cell(17 + k, 1).value = stt',
    '    ws.cell(17 + k, 2).value = label',
    '    for i, v in enumerate(values): ws.cell(17 + k, 3 + i).value = v',
    'wb.save(sys.argv[2])',
  ].join('\n');
  const r = spawnSync('/usr/bin/python3', ['-c', script, SHIPPED, dest, JSON.stringify(rows)]);
  if (r.status !== 0) throw new Error(r.stderr.toString());
  const report = await consolidateFiles(setup, [dest], { period: '2022-H1', lang: 'en', now });
  return report.units.find((u) => u.code === '137');
}

describe.skipIf(!hasOpenpyxl())('rows under the total', () => {
  it('unnumbered rows within the total, under a total that adds up, are its breakdown: said, not counted', async () => {
    const report = await consolidateFiles(setup, [SHIPPED], { period: '2022-H1', lang: 'en', now });
    const original = report.units.find((u) => u.code === '137');
    const unit = await withRowsUnderTotal([
      [null, '- Hộ DTTS', [11200, 6634, 59.23, 1371, 12.24, 6634, 1371]],
      [null, '- Hộ nghèo có người có công', [300, 120, 40, 20, 6.67, 100, 15]],
    ]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.subunits.map((s) => s.name)).toEqual(original?.subunits.map((s) => s.name));
    const said = unit?.findings.filter((f) => f.code === 'row-after-total');
    expect(said?.map((f) => [f.severity, f.cell])).toEqual([
      ['info', 'B17'],
      ['info', 'B18'],
    ]);
  });

  it.each([
    ['numbered like the communes above', 15, 'Nậm Mới'],
    ['named as a commune', null, 'Xã Mới'],
    ['a commune of the registry', null, 'Xã Nậm Khắt'],
  ])(
    'a row %s under the total is counted: the total that leaves it out is wrong',
    async (_, stt, label) => {
      const unit = await withRowsUnderTotal([[stt, label, [500, 200, 40, 50, 10, 190, 45]]]);
      expect(unit?.status).toBe('rejected');
      const totals = unit?.findings.filter((f) => f.code === 'total-mismatch');
      expect(totals?.some((f) => f.cell === 'C16')).toBe(true);
      expect(unit?.findings.map((f) => f.code)).not.toContain('row-after-total');
    },
  );
});
