/**
 * A list sheet named only by a name two communes of the unit share ("Trạm Tấu": Thị trấn Trạm Tấu
 * and Xã Trạm Tấu), its title naming only the district: the households may be either's. An error
 * at the sheet (`list-commune-name-ambiguous`, as for such a name in a commune column), neither
 * commune's figures derived, and no warning repeated at every household for their area. Before,
 * nothing was said, the households were no commune's, and the two communes' summary rows went
 * unchecked against the list (found by an outside tester's blind probe). A title naming one of
 * the two tells which, and so does a sheet of the same file named for the other. The lists are SYNTHETIC (made-up names), written by openpyxl.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOne } from '../helpers/build.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import {
  hasOpenpyxl,
  listHousehold,
  listSheet,
  TRAM_TAU_LIST_TITLE,
  writeListOpenpyxl,
} from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-list-tab-ambiguous-');
const HEAD = { name: 'Lò Thị Giả Danh', birthYear: 1927 };
if (!hasOpenpyxl()) console.warn('list-sheet-name-ambiguous: openpyxl not found, skipped');

const households = Array.from({ length: 30 }, (_, i) =>
  listHousehold(`T${String(i + 1).padStart(3, '0')}`, HEAD),
);

describe.skipIf(!hasOpenpyxl())('a list sheet named by a name two communes share', () => {
  it('is an error at the sheet; neither commune’s figures come from the list', async () => {
    const file = path.join(tmp.path, 'Tram Tau - DS ho 2022.xlsx');
    writeListOpenpyxl(file, [listSheet('Trạm Tấu', TRAM_TAU_LIST_TITLE, households)]);
    const f = await checkOne(file);
    expect(f.valid).toBe(false);
    const said = f.findings.filter((x) => x.code === 'list-commune-name-ambiguous');
    expect(said.map((x) => [x.severity, x.sheet, x.params.candidates])).toEqual([
      ['error', 'Trạm Tấu', 'Thị trấn Trạm Tấu, Xã Trạm Tấu'],
    ]);
    expect(f.findings.map((x) => x.code)).not.toContain('list-classification-unknown');
    const named = (f.list?.tallies ?? []).filter((t) => t.subunit !== null);
    for (const t of named) expect(t.values.poor, String(t.subunit)).toBeNull();
  });

  it('beside a sheet named for one of them ("TT Trạm Tấu"), it is the other: no error', async () => {
    const file = path.join(tmp.path, 'Tram Tau - DS ho 2022 (hai sheet).xlsx');
    const town = households.slice(0, 10).map((h, i) => ({ ...h, code: `TT${i + 1}` }));
    writeListOpenpyxl(file, [
      listSheet('TT Trạm Tấu', TRAM_TAU_LIST_TITLE, town),
      listSheet('Trạm Tấu', TRAM_TAU_LIST_TITLE, households),
    ]);
    const f = await checkOne(file);
    expect(f.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect((f.list?.tallies ?? []).map((t) => [t.subunit, t.values.poor])).toEqual([
      ['Thị trấn Trạm Tấu', 10],
      ['Xã Trạm Tấu', 30],
    ]);
  });

  it('a title naming one of them tells which: its households, no error', async () => {
    const file = path.join(tmp.path, 'Tram Tau - DS ho 2022 (xa).xlsx');
    const title = 'DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO XÃ TRẠM TẤU NĂM 2022';
    writeListOpenpyxl(file, [listSheet('Trạm Tấu', title, households)]);
    const f = await checkOne(file);
    expect(f.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect((f.list?.tallies ?? []).map((t) => [t.subunit, t.values.poor])).toEqual([
      ['Xã Trạm Tấu', 30],
    ]);
  });
});
