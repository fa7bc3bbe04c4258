/**
 * Last year's copy of a form left visible beside this year's ("Bieu01 (2)", titled "… NĂM 2021",
 * last year's figures): it was a second reading of form 01, `duplicate-form`, and the valid report
 * rejected (independent prober H, x09b). A copy whose title names another period, beside a table
 * of the form that names none other, is set aside with the info `other-period-sheet`. A copy that
 * names the report's period, or copies that both name another, are still two readings. The files
 * are the shipped SYNTHETIC Mù Cang Chải report edited by openpyxl (skipped when not installed).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-other-period-sheet-');
const SHIPPED = path.resolve('fixtures/2022-H1/MuCangChai_2022-H1.xlsx');

/**
 * The shipped report with a visible copy of Biểu 01 ("Bieu01 (2)", every count 10 more per
 * commune) under a title `copyTitle`, and this year's sheet retitled `ownTitle` (null: as shipped).
 */
async function withCopy(copyTitle: string, ownTitle: string | null = null) {
  const dest = editedByOpenpyxl(
    SHIPPED,
    freshCopyPath(tmp.path, SHIPPED),
    [
      'copy_title, own_title = sys.argv[3], sys.argv[4]',
      "cp = wb.copy_worksheet(wb['Bieu01'])",
      "cp.title = 'Bieu01 (2)'",
      'for r in range(2, 17):',
      '    for c in (3, 4, 6, 8, 9):',
      '        v = cp.cell(r, c).value',
      '        if isinstance(v, (int, float)): cp.cell(r, c).value = v + (140 if r == 16 else 10)',
      '    cp.cell(r, 5).value = round(cp.cell(r, 4).value / cp.cell(r, 3).value * 100, 2)',
      '    cp.cell(r, 7).value = round(cp.cell(r, 6).value / cp.cell(r, 3).value * 100, 2)',
      'cp.insert_rows(1)',
      "cp['A1'] = copy_title",
      'if own_title:',
      "    ws = wb['Bieu01']",
      '    ws.insert_rows(1)',
      "    ws['A1'] = own_title",
    ],
    { args: [copyTitle, ownTitle ?? ''], dataOnly: true },
  );
  const run = (file: string) =>
    consolidatedUnit(file, '2022-H1', '137', {
      lang: 'en',
      now: new Date('2022-07-20T03:00:00Z'),
    });
  return { unit: await run(dest), original: await run(SHIPPED) };
}

describe.skipIf(!hasOpenpyxl())('a copy of a form titled with another period', () => {
  it('"… NĂM 2021" beside this year’s sheet is set aside: accepted, the shipped figures, said once', async () => {
    for (const own of [null, 'BIỂU 01: KẾT QUẢ RÀ SOÁT 6 THÁNG ĐẦU NĂM 2022']) {
      const { unit, original } = await withCopy(
        'BIỂU 01: KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2021',
        own,
      );
      expect(unit?.status, String(own)).toBe('accepted');
      expect(unit?.values).toEqual(original?.values);
      expect(unit?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      const said = unit?.findings.filter((f) => f.code === 'other-period-sheet');
      expect(said?.map((f) => [f.sheet, f.params.period, f.params.other])).toEqual([
        ['Bieu01 (2)', '2021', 'Bieu01'],
      ]);
    }
  });

  it('a copy titled with the report’s period is still two readings', async () => {
    const { unit } = await withCopy('BIỂU 01: KẾT QUẢ RÀ SOÁT 6 THÁNG ĐẦU NĂM 2022');
    expect(unit?.status).toBe('rejected');
    expect(unit?.findings.map((f) => f.code)).toContain('duplicate-form');
    expect(unit?.findings.map((f) => f.code)).not.toContain('other-period-sheet');
  });

  it('both titled with an earlier period: the file is that period’s report, set aside, and the unit has not sent this one', async () => {
    const { unit } = await withCopy('BIỂU 01 NĂM 2021', 'BIỂU 01 NĂM 2021');
    expect(unit?.status).toBe('missing');
    expect(unit?.files).toEqual([]);
  });
});

const KHAO_MANG = path.resolve('fixtures/lao-cai-2026/Xã Khao Mang - BC giảm nghèo năm 2026.xlsx');

describe.skipIf(!hasOpenpyxl())('the half-year’s form kept beside the year’s report', () => {
  // Found by an independent prober: a visible sheet "6T 2026" holding Biểu 01 of the 2026
  // half-year report, beside the 2026 report's own, was a second reading of the form (and,
  // first in the tabs, made the file's period ambiguous): the valid report was rejected.
  it.each([
    ['first', 0],
    ['last', 99],
  ])('its sheet %s in the tabs: set aside, accepted with the year’s figures', async (_, at) => {
    const dest = editedByOpenpyxl(
      KHAO_MANG,
      freshCopyPath(tmp.path, KHAO_MANG),
      [
        "cp = wb.copy_worksheet(wb['B01'])",
        "cp.title = '6T 2026'",
        "cp['A4'] = 'BIỂU 01: KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO 6 THÁNG ĐẦU NĂM 2026'",
        'for r in range(7, 20):',
        '    v = cp.cell(r, 4).value',
        '    if isinstance(v, (int, float)): cp.cell(r, 4).value = v + 5',
        'wb.move_sheet(cp, offset=-(len(wb.sheetnames) - 1) if int(sys.argv[3]) == 0 else 0)',
      ],
      { args: [String(at)], dataOnly: true },
    );
    const run = (file: string) => consolidatedUnit(file, '2026', '04465', { lang: 'en' });
    const [unit, original] = [await run(dest), await run(KHAO_MANG)];
    expect(original?.status).toBe('accepted');
    expect(unit?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    const said = unit?.findings.filter((f) => f.code === 'other-period-sheet');
    expect(said?.map((f) => [f.sheet, f.params.period])).toEqual([['6T 2026', '2026-H1']]);
  });
});
