/**
 * A district report whose communes are in the registry, one commune's row of one form renamed
 * (to the district's own name, "Xã Làng Nhì" → "Huyện Trạm Tấu" in Biểu 02): the district's
 * totals still add up, but the report listed a sub-unit "Huyện Trạm Tấu" with Biểu 02's figures
 * and Làng Nhì without them, accepted with two warnings. Now the commune's row that the other
 * form lacks, and the renamed row that the others lack, are `subunit-not-in-form` errors, as
 * for villages named by no registry. Found by an outside tester's single-cell mutations (theme
 * Y, 11 wrong accepts). The files are the shipped SYNTHETIC Trạm Tấu report (fixtures/2022-H1)
 * edited by openpyxl, and the shipped Văn Chấn CSVs (one form per file) edited as text.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath, withCellsEdited } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-registry-row-renamed-');
const SOURCE = path.resolve('fixtures/2022-H1');
const TRAM_TAU = path.join(SOURCE, 'Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx');
const VAN_CHAN = readdirSync(SOURCE).filter((f) => f.startsWith('VanChan_') && f.endsWith('.csv'));

const errorsOf = (unit: Awaited<ReturnType<typeof consolidatedUnit>>) =>
  (unit?.findings ?? [])
    .filter((f) => f.severity === 'error')
    .map((f) => [f.code, f.sheet ?? path.basename(f.file), f.cell ?? '', f.subunit])
    .sort();

describe('a registry commune’s row renamed in one form', () => {
  it('in a workbook: both rows are refused, the shipped file is accepted', async () => {
    expect((await consolidatedUnit(TRAM_TAU, '2022-H1', '139'))?.status).toBe('accepted');
    const edited = await withCellsEdited(TRAM_TAU, freshCopyPath(tmp.path, TRAM_TAU), [
      { sheet: 'Biểu 02', row: 19, col: 2, value: 'Huyện Trạm Tấu' },
    ]);
    const unit = await consolidatedUnit(edited, '2022-H1', '139', { lang: 'en' });
    expect(unit?.status).toBe('rejected');
    expect(errorsOf(unit)).toEqual([
      ['subunit-not-in-form', 'Biểu 01', 'B18', 'Xã Làng Nhì'],
      ['subunit-not-in-form', 'Biểu 02', 'B19', 'Huyện Trạm Tấu'],
    ]);
    const said = unit?.findings.find((f) => f.cell === 'B18');
    expect(said?.params.other).toBe('02');
  });

  it('a form with the district’s total alone lacks no commune’s row', async () => {
    const totalOnly = editedByOpenpyxl(
      TRAM_TAU,
      freshCopyPath(tmp.path, TRAM_TAU),
      ["wb['Biểu 04'].delete_rows(10, 12)"],
      { dataOnly: true },
    );
    const unit = await consolidatedUnit(totalOnly, '2022-H1', '139', { lang: 'en' });
    expect(unit?.status).toBe('accepted');
    expect(unit?.findings.filter((f) => f.code === 'subunits-none').map((f) => f.sheet)).toEqual([
      'Biểu 04',
    ]);
  });

  it('in one CSV of a report sent one form per file: refused the same way', async () => {
    const copy = (dir: string, name: string): string[] => {
      mkdirSync(dir, { recursive: true });
      for (const f of VAN_CHAN) copyFileSync(path.join(SOURCE, f), path.join(dir, f));
      const b02 = path.join(dir, 'VanChan_Bieu02_2022-H1.csv');
      writeFileSync(b02, readFileSync(b02, 'utf8').replace('Xã Đồng Khê', name));
      return VAN_CHAN.map((f) => path.join(dir, f));
    };
    const shipped = await consolidatedUnit(
      copy(path.join(tmp.path, 'vc'), 'Xã Đồng Khê'),
      '2022-H1',
      '140',
    );
    expect(shipped?.status).toBe('accepted');
    const unit = await consolidatedUnit(
      copy(path.join(tmp.path, 'vc-renamed'), 'Huyện Văn Chấn'),
      '2022-H1',
      '140',
    );
    expect(unit?.status).toBe('rejected');
    const rows = errorsOf(unit).map(([code, file, , subunit]) => [code, file, subunit]);
    expect(rows).toContainEqual([
      'subunit-not-in-form',
      'VanChan_Bieu02_2022-H1.csv',
      'Huyện Văn Chấn',
    ]);
    expect(
      rows.some(
        ([, file, subunit]) => subunit === 'Xã Đồng Khê' && file !== 'VanChan_Bieu02_2022-H1.csv',
      ),
    ).toBe(true);
  });
});
