/**
 * A 2026 report whose heading names a people's committee that no longer exists (a district, a
 * town or a commune merged away on 1/7/2025). Found by an independent prober: the heading was
 * skipped, and the file name or the date line gave the unit, so an old district's figures were
 * accepted as Xã Trạm Tấu's. The file is the shipped fixtures/lao-cai-2026 Trạm Tấu report
 * (SYNTHETIC) with only its heading cell changed, by openpyxl when it is installed.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/commands/check-files.js';
import { loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { withCellsEdited } from '../helpers/edit-cells.js';

const tmp = useTempFolder('povreport-old-unit-');
const SHIPPED = path.resolve('fixtures/lao-cai-2026/BC GN nam 2026 - Tram Tau.xlsx');
let setup: Setup;
beforeAll(async () => {
  // The plan of 2026 chooses the registry of the 99 communes (lao-cai-2025).
  setup = await loadSetup({ period: '2026' });
});

/** The shipped report under its own file name, each sheet's A1 saying `heading`. */
async function headed(heading: string): Promise<string> {
  const dir = path.join(tmp.path, heading.replace(/\W+/g, '-'));
  const file = path.join(dir, 'BC GN nam 2026 - Tram Tau.xlsx');
  return withCellsEdited(SHIPPED, file, [{ row: 1, col: 1, value: heading }]);
}

describe('a heading naming a committee the registry of the period does not hold', () => {
  it('counts for no unit, whatever the file name says, and says what the heading names', async () => {
    for (const heading of [
      'UBND HUYỆN TRẠM TẤU',
      'UBND XÃ PÁ HU',
      'ỦY BAN NHÂN DÂN THỊ TRẤN TRẠM TẤU',
    ]) {
      const [f] = await checkFiles([await headed(heading)], setup.run, {
        lang: 'en',
        period: '2026',
      });
      expect(f?.unit, heading).toBeNull();
      const found = f?.findings.find((x) => x.code === 'unit-not-in-registry');
      expect(found?.severity, heading).toBe('error');
      expect(found?.params.named, heading).toBe(heading);
      // An old commune of the reform's table: the unit it went into is said; a district is none.
      expect(found?.params.detailEn, heading).toBe(
        {
          'UBND HUYỆN TRẠM TẤU': 'perhaps a district, commune or town from before a reorganisation',
          'UBND XÃ PÁ HU': 'the former Xã Pá Hu, now part of Xã Trạm Tấu, code 04606',
          'ỦY BAN NHÂN DÂN THỊ TRẤN TRẠM TẤU':
            'the former Thị trấn Trạm Tấu, now part of Xã Hạnh Phúc, code 04585',
        }[heading],
      );
      // Said once: not also "unit unknown".
      expect(
        f?.findings.map((x) => x.code),
        heading,
      ).not.toContain('unit-unknown');
    }
  });

  it('a committee named over two rows, the motto beside each: the name is on the second row', async () => {
    const split = async (second: string) => {
      const file = path.join(
        tmp.path,
        `split-${second.replace(/\W+/g, '-')}`,
        'BC GN nam 2026.xlsx',
      );
      const edited = await withCellsEdited(SHIPPED, file, [
        { row: 1, col: 1, value: 'ỦY BAN NHÂN DÂN XÃ' },
        { row: 2, col: 1, value: second },
      ]);
      const [f] = await checkFiles([edited], setup.run, { lang: 'en', period: '2026' });
      return f;
    };
    // Was unit-not-in-registry for "ỦY BAN NHÂN DÂN XÃ", overriding the file name and date line.
    const own = await split('TRẠM TẤU');
    expect([own?.unit?.code, own?.valid, own?.unitSource]).toEqual(['04606', true, 'title']);
    const merged = await split('PÁ HU');
    expect(merged?.unit).toBeNull();
    expect(merged?.findings.find((x) => x.code === 'unit-not-in-registry')?.params.named).toBe(
      'ỦY BAN NHÂN DÂN XÃ PÁ HU',
    );
  });

  it("a commune's committee over a 2022 form: no report of its district (a list's would be)", async () => {
    const shipped = path.resolve('fixtures/2022-H1/Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx');
    const file = path.join(tmp.path, 'xa-tuc-dan-2022', 'Bao cao 6 thang 2022.xlsx');
    const edited = await withCellsEdited(shipped, file, [
      { row: 1, col: 1, value: 'UBND XÃ TÚC ĐÁN' },
    ]);
    const { run } = await loadSetup({ period: '2022-H1' });
    const [f] = await checkFiles([edited], run, { lang: 'en', period: '2022-H1' });
    expect(f?.unit).toBeNull();
    expect(f?.findings.map((x) => x.code)).toContain('unit-not-in-registry');
  });

  it('the current commune, or --unit given, is read as before', async () => {
    const copy = path.join(tmp.path, 'BC GN nam 2026 - Tram Tau.xlsx');
    copyFileSync(SHIPPED, copy);
    const [own] = await checkFiles([copy], setup.run, { lang: 'en', period: '2026' });
    expect([own?.unit?.code, own?.valid]).toEqual(['04606', true]);
    const unit = setup.run.cat.registry.units.find((u) => u.code === '04606');
    const [forced] = await checkFiles([await headed('UBND HUYỆN TRẠM TẤU')], setup.run, {
      lang: 'en',
      period: '2026',
      unit,
    });
    expect(forced?.findings.map((x) => x.code)).not.toContain('unit-not-in-registry');
    expect(forced?.unit?.code).toBe('04606');
  });
});
