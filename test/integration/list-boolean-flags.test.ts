/**
 * A list whose twelve flags are tick boxes (TRUE / FALSE cells, as Excel's check boxes are
 * stored) is read the same as an xlsx and as the CSV LibreOffice saves it to, where the cells
 * become the words TRUE and FALSE. Before, the CSV's words were unreadable flags: the list was
 * refused. The list is SYNTHETIC (made-up names and birth years), written by openpyxl and saved
 * as CSV by LibreOffice.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOne } from '../helpers/build.js';
import { convertWithLibreOffice, libreOfficeSkipReason } from '../helpers/libreoffice.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import {
  hasOpenpyxl,
  listHousehold,
  listSheet,
  writeListOpenpyxl,
  type ListHousehold,
} from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-list-booleans-');
const HEAD = { name: 'Giàng Thị Giả Danh', birthYear: 1933 };
const skip = libreOfficeSkipReason() ?? (hasOpenpyxl() ? null : 'openpyxl is not installed');
if (skip) console.warn(`list-boolean-flags: ${skip}`);

/** Households whose flag cells are booleans: the first `set` of the twelve TRUE. */
function ticked(code: string, set: number, cls: string): ListHousehold {
  const flagCells = Array.from({ length: 12 }, (_, k) => k < set);
  return listHousehold(code, HEAD, { scoreB: 10 * set, flags: 0, flagCells, classification: cls });
}

describe('flags written as tick boxes', () => {
  it.skipIf(skip !== null)('give the same figures as xlsx and as LibreOffice’s CSV', async () => {
    const households = [
      ticked('TD1', 4, 'Hộ nghèo'),
      ticked('TD2', 3, 'Hộ nghèo'),
      ticked('TD3', 1, 'Hộ cận nghèo'),
      ticked('TD4', 0, 'Hộ cận nghèo'),
    ];
    const xlsx = path.join(tmp.path, 'Tuc Dan - danh sach ho 2022.xlsx');
    writeListOpenpyxl(xlsx, [
      listSheet('Túc Đán', 'DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO XÃ TÚC ĐÁN NĂM 2022', households),
    ]);
    const out = path.join(tmp.path, 'csv');
    await convertWithLibreOffice([xlsx], out, { to: 'csv:Text - txt - csv (StarCalc):44,34,76,1' });
    const csv = path.join(out, 'Tuc Dan - danh sach ho 2022.csv');
    // The CSV holds the words, not numbers: what this test is about.
    expect(readFileSync(csv, 'utf8')).toMatch(/TRUE,TRUE,TRUE,FALSE/);
    for (const file of [xlsx, csv]) {
      const f = await checkOne(file);
      expect(f.findings.filter((x) => x.severity === 'error')).toEqual([]);
      const [t, ...others] = f.list?.tallies ?? [];
      expect(others).toEqual([]);
      expect(t?.subunit).toBe('Xã Túc Đán');
      expect(t?.values).toMatchObject({
        poor: 2,
        near_poor: 2,
        poor_deprivations: 7,
        near_poor_deprivations: 1,
      });
    }
  });
});
