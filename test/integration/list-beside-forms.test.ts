/**
 * A household list kept as a sheet of the workbook that holds the five forms is not read with
 * them (a list is checked and compared as a file of its own): a warning at the sheet says so and
 * what to do, and the forms are read exactly as without the sheet. Before, the list sheet was
 * passed over in silence. The workbook is the shipped SYNTHETIC Trạm Tấu fixture with a list
 * sheet (invented households) added by openpyxl.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckedFile } from '../../src/commands/check-files.js';
import { findingMessage } from '../../src/core/finding.js';
import { checkOne } from '../helpers/build.js';
import { fixtures } from '../helpers/cli.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl, listHousehold, listSheet } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-list-beside-forms-');
const SOURCE = path.join(fixtures, '2022', 'Tram Tau - Bao cao nam 2022.xlsx');
const HEAD = { name: 'Lý Thị Giả Danh', birthYear: 1937 };
const withOpenpyxl = hasOpenpyxl() ? it : it.skip;
if (!hasOpenpyxl())
  console.warn('list-beside-forms: openpyxl (python3-openpyxl) not found, skipped');

/** Each form's rows and their figures (openpyxl's copy keeps the formulas' values, not them). */
function figures(f: CheckedFile): unknown {
  return f.tables?.map((t) => [
    t.form,
    t.rows.map((r) => [...r.values].map(([id, v]) => [id, v.value])),
  ]);
}

describe('a household list in the forms’ workbook', () => {
  withOpenpyxl('is said at its sheet; the forms are read as without it', async () => {
    const rows = listSheet('Túc Đán', 'DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO XÃ TÚC ĐÁN NĂM 2022', [
      listHousehold('TD1', HEAD),
      listHousehold('TD2', HEAD),
    ]).rows;
    const file = editedByOpenpyxl(
      SOURCE,
      freshCopyPath(tmp.path, SOURCE),
      ['ws = wb.create_sheet("Túc Đán")', 'for row in json.loads(sys.argv[3]): ws.append(row)'],
      { args: [JSON.stringify(rows)], dataOnly: true },
    );
    const [alone, withList] = [await checkOne(SOURCE), await checkOne(file)];
    expect(withList.forms).toEqual(['01', '02', '03', '04', '05']);
    expect(withList.valid).toBe(true);
    expect(withList.list).toBeUndefined();
    const said = withList.findings.filter((x) => x.code === 'list-beside-forms');
    expect(said.map((x) => [x.severity, x.sheet, x.unit])).toEqual([['warning', 'Túc Đán', '139']]);
    const [one] = said;
    if (one) expect(findingMessage(one, 'vi')).toContain('không được đối chiếu với các biểu');
    // Everything else as the forms alone give it (the edited copy's path aside).
    const rest = withList.findings.filter((x) => x.code !== 'list-beside-forms');
    expect(rest.map((x) => ({ ...x, file: '' }))).toEqual(
      alone.findings.map((x) => ({ ...x, file: '' })),
    );
    expect(figures(withList)).toEqual(figures(alone));
  });
});
