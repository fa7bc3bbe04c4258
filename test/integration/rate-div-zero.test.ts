/**
 * A rate's formula over a row of no households shows #DIV/0! once the workbook is calculated:
 * a clerk's template that still lists a commune merged away ("Xã Phúc Lộc", every count 0), its
 * rate cells "=ROUND(D27/C27*100,2)". No households, no rate: the cell is as if left blank, not an
 * error that rejects the unit. A #DIV/0! over a row that has households is still an error. The
 * file is the shipped TP Yên Bái 2022-H1 report (SYNTHETIC) with the row added by openpyxl and the
 * formulas calculated by LibreOffice.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { convertWithLibreOffice, libreOfficeSkipReason } from '../helpers/libreoffice.js';
import { hasOpenpyxl } from '../helpers/write-list.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-div-zero-');
const SHIPPED = path.resolve('fixtures/2022-H1/BC giam ngheo 6 thang dau nam 2022_TP Yen Bai.xlsx');
const skip =
  libreOfficeSkipReason() ?? (hasOpenpyxl() ? null : 'openpyxl is not installed: skipped');
const now = new Date('2022-12-20T03:00:00Z');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({});
});

/** The shipped report with row 27 of B01 "Xã Phúc Lộc" (`households` of them), calculated. */
async function withRow(
  name: string,
  households: number,
  rateDivisor: string,
  blankWhenZero = false,
): Promise<string> {
  const dir = path.join(tmp.path, name);
  mkdirSync(path.join(dir, 'raw'), { recursive: true });
  const raw = path.join(dir, 'raw', 'TP Yen Bai.xlsx');
  const script = [
    'import sys, openpyxl',
    'wb = openpyxl.load_workbook(sys.argv[1])',
    'ws = wb["B01"]',
    'n, d, blank = int(sys.argv[3]), sys.argv[4], sys.argv[5] == "1"',
    'rate = lambda c: f"=IF({c}27=0,\\"\\",ROUND({c}27/{d}27*100,2))" if blank else f"=ROUND({c}27/{d}27*100,2)"',
    'row = [16, "Xã Phúc Lộc", n, 0, rate("D"), 0, rate("F"), 0, 0]',
    'for c, v in enumerate(row, 1): ws.cell(27, c).value = v',
    'for c in "CDFHI": ws[f"{c}11"].value = f"=SUM({c}12:{c}27)"',
    'wb.save(sys.argv[2])',
  ].join('\n');
  const r = spawnSync('/usr/bin/python3', [
    '-c',
    script,
    SHIPPED,
    raw,
    String(households),
    rateDivisor,
    blankWhenZero ? '1' : '0',
  ]);
  if (r.status !== 0) throw new Error(r.stderr.toString());
  await convertWithLibreOffice([raw], dir);
  return path.join(dir, 'TP Yen Bai.xlsx');
}

async function unitOf(file: string) {
  const report = await consolidateFiles(setup, [file], { period: '2022-H1', lang: 'en', now });
  return report.units.find((u) => u.code === '132');
}

describe.skipIf(skip !== null)(`#DIV/0! in a rate cell${skip ? ` (${skip})` : ''}`, () => {
  it('over a row of no households is no error: the unit is accepted with its figures', async () => {
    const original = await unitOf(SHIPPED);
    const unit = await unitOf(await withRow('no households', 0, 'C'));
    expect(unit?.findings.filter((f) => f.code === 'cell-error')).toEqual([]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    // The commune merged away is still said, as for any row of it.
    expect(unit?.findings.map((f) => f.code)).toContain('subunit-not-in-force');
  });

  it('a rate formula that shows blank for no poor household (=IF(D27=0,"",…)) saved its result: accepted', async () => {
    // Found by an independent prober: LibreOffice saves the empty result as <v></v>, which was
    // read as no saved result (formula-no-result, the unit rejected).
    const original = await unitOf(SHIPPED);
    const unit = await unitOf(await withRow('blank when zero', 5, 'C', true));
    expect(unit?.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values.poor).toEqual(original?.values.poor);
  });

  it('over a row that has households is an error at each rate cell', async () => {
    // The rate divided by the ethnic-minority count (0) instead of the households (5).
    const unit = await unitOf(await withRow('wrong divisor', 5, 'H'));
    const errors = unit?.findings.filter((f) => f.code === 'cell-error');
    expect(errors?.map((f) => [f.sheet, f.cell])).toEqual([
      ['B01', 'E27'],
      ['B01', 'G27'],
    ]);
    expect(unit?.status).toBe('rejected');
  });
});
