/**
 * A household list with a hidden column headed as one of its columns: last year's classification
 * a clerk hid beside this year's instead of deleting it. The list as printed and signed has no
 * hidden column, so the shown one is read and the hidden one said (a warning), as in the forms;
 * shown, the two are an ambiguity that refuses the list. The list is the SYNTHETIC Túc Đán list
 * (its figures are the 2022 fixture's), written by openpyxl and by exceljs.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckedFile } from '../../src/commands/check-files.js';
import { checkOne } from '../helpers/build.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { TUC_DAN, tucDan } from '../helpers/tuc-dan-list.js';
import {
  hasOpenpyxl,
  listSheet,
  TRAM_TAU_LIST_TITLE,
  writeListExcelJs,
  writeListOpenpyxl,
  type ListSheetSpec,
} from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-list-hidden-col-');
if (!hasOpenpyxl()) console.warn('list-hidden-columns: openpyxl (python3-openpyxl) not found');

/** Túc Đán's list with column W, "Phân loại hộ" again: every household poor (last year's). */
function withOldClassification(hidden: boolean): ListSheetSpec {
  const sheet = listSheet('Túc Đán', TRAM_TAU_LIST_TITLE, tucDan());
  sheet.rows = sheet.rows.map((row, r) => {
    if (r === 2) return [...row, 'Phân loại hộ'];
    if (r < 4) return row;
    return [...row, 'Hộ nghèo'];
  });
  sheet.merges = [...sheet.merges, 'W3:W4'];
  if (hidden) sheet.hiddenColumns = ['W'];
  return sheet;
}

function figures(f: CheckedFile) {
  return (f.list?.tallies ?? []).map((t) => [t.subunit, t.values.poor, t.values.near_poor]);
}

describe('a hidden list column headed as another', () => {
  it.each([
    ['openpyxl', hasOpenpyxl()],
    ['exceljs', true],
  ])('written by %s: the shown column read, the hidden one said', async (writer, can) => {
    if (!can) return;
    const file = path.join(tmp.path, `Tram Tau - danh sach ho ${writer} (cot an).xlsx`);
    if (writer === 'openpyxl') writeListOpenpyxl(file, [withOldClassification(true)]);
    else await writeListExcelJs(file, [withOldClassification(true)]);
    const f = await checkOne(file);
    expect(f.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(figures(f)).toEqual([['Xã Túc Đán', TUC_DAN.poor, TUC_DAN.nearPoor]]);
    const said = f.findings.filter((x) => x.code === 'list-column-hidden');
    expect(said.map((x) => [x.severity, x.sheet, x.cell, x.params.other])).toEqual([
      ['warning', 'Túc Đán', 'W4', 'V'],
    ]);
    expect(said[0]?.params.heading).toBe('Phân loại hộ');
  });

  it('shown: two columns say the classification, the list is refused', async () => {
    const file = path.join(tmp.path, 'Tram Tau - danh sach ho (cot hien).xlsx');
    await writeListExcelJs(file, [withOldClassification(false)]);
    const f = await checkOne(file);
    expect(f.findings.map((x) => x.code)).toContain('list-column-ambiguous');
    expect(f.findings.map((x) => x.code)).not.toContain('list-column-hidden');
  });
});
