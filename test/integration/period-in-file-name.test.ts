/**
 * The period a file's name gives, when nothing inside the file gives one. Found by an independent
 * prober: Mù Cang Chải's five forms as CSV without a title block, named
 * "MuCangChai_Bieu01_6 thang dau nam 2022.csv", were read as the year's report: checked with
 * `--period 2022` they were accepted without a finding, the half year's figures taken for the
 * year's. The files here are the shipped Văn Chấn CSVs (SYNTHETIC) without their two title lines,
 * renamed so.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/commands/check-files.js';
import { loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-period-name-');
const SHIPPED = path.resolve('fixtures/2022-H1');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2022-H1' });
});

/** Văn Chấn's five CSVs without their title lines, each named `VanChan_Bieu0N_<tail>.csv`. */
function files(tail: string): string[] {
  return [1, 2, 3, 4, 5].map((n) => {
    const text = readFileSync(path.join(SHIPPED, `VanChan_Bieu0${n}_2022-H1.csv`), 'utf8');
    const body = text.split('\n').slice(2).join('\n');
    expect(body).not.toMatch(/THÁNG|NĂM 2022/i);
    const file = path.join(tmp.path, `VanChan_Bieu0${n}_${tail}.csv`);
    writeFileSync(file, body);
    return file;
  });
}

describe('a period named after a form number in the file name', () => {
  it.each(['6 thang dau nam 2022', '6 tháng đầu năm 2022', '6T2022', '6thang_2022'])(
    '"VanChan_Bieu01_%s.csv" is the half year\'s report, not the year\'s',
    async (tail) => {
      const checked = await checkFiles(files(tail), setup.run, { lang: 'en', period: '2022' });
      for (const f of checked) {
        expect(f.period, f.file).toBe('2022-H1');
        expect(f.findings.map((x) => x.code)).toContain('period-mismatch');
        expect(f.valid).toBe(false);
      }
      const asHalfYear = await checkFiles(files(tail), setup.run, {
        lang: 'en',
        period: '2022-H1',
      });
      for (const f of asHalfYear)
        expect(f.findings.map((x) => x.code)).not.toContain('period-mismatch');
    },
  );
});
