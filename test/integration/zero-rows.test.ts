/**
 * A village with no poor household leaves its row of Biểu 04 (the poor households' deprivations)
 * blank, or leaves the row out: every count of that row is then 0 by the other forms — Biểu 01
 * gives it 0 poor households, and no count of Biểu 04 exceeds its poor households. The report
 * shows 0, not an empty figure (independent prober F, lc3 "zeros left blank"), and says why at the
 * row. Where the other forms prove nothing (a village with poor households; Biểu 02, whose
 * movements no other form bounds), nothing is made up: a row left blank stays empty, and is said. The files are the shipped SYNTHETIC 2026
 * report of Phường Yên Bái edited by openpyxl (skipped when it is not installed).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/commands/check-files.js';
import { loadSetup } from '../../src/commands/pipeline.js';
import { findingMessage } from '../../src/core/finding.js';
import { consolidatedUnit } from '../helpers/consolidated-unit.js';
import { editedByOpenpyxl, freshCopyPath } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-zero-rows-');
const SHIPPED = path.resolve(
  'fixtures/lao-cai-2026/Phường Yên Bái - Báo cáo giảm nghèo năm 2026.xlsx',
);
const UNIT = '04252';
/** The villages with no poor household (Biểu 01), in rows 11, 14, 16 and 17 of every form. */
const NO_POOR = ['Tổ dân phố 2', 'Tổ dân phố 5', 'Tổ dân phố 7', 'Tổ dân phố 8'];
const B04_IDS = [
  'poor_deprivations',
  'poor_lack_employment',
  'poor_lack_dependants',
  'poor_lack_nutrition',
  'poor_lack_health_insurance',
  'poor_lack_adult_education',
  'poor_lack_child_schooling',
  'poor_lack_housing_quality',
  'poor_lack_housing_area',
  'poor_lack_water',
  'poor_lack_sanitation',
  'poor_lack_telecom',
  'poor_lack_information',
];

function edited(lines: string[]): string {
  return editedByOpenpyxl(SHIPPED, freshCopyPath(tmp.path, SHIPPED), lines);
}

const consolidated = (file: string) => consolidatedUnit(file, '2026', UNIT);

/**
 * Python lines leaving row `row` of `sheet` blank from column C to `last` (1-based), its figures
 * taken off the total in row 9, so that the total still adds up.
 */
function blankRow(sheet: string, row: number, last: number): string[] {
  return [
    `ws = wb[${JSON.stringify(sheet)}]`,
    `for c in range(3, ${last + 1}):`,
    `    ws.cell(9, c).value -= ws.cell(${row}, c).value`,
    `    ws.cell(${row}, c).value = None`,
  ];
}

describe.skipIf(!hasOpenpyxl())('a row the other forms prove to be zeros', () => {
  it.each([
    {
      what: 'every 0 of Biểu 04 left blank (four rows wholly blank)',
      lines: [
        'ws = wb["Biểu 04"]',
        'for r in range(10, 20):',
        '    for c in range(3, 17):',
        '        if ws.cell(r, c).value == 0: ws.cell(r, c).value = None',
      ],
      cells: ['B11', 'B14', 'B16', 'B17'],
      how: 'để trống cả dòng',
    },
    {
      // The blank rows' names written otherwise ("Tổ dân phố 02", "TDP 5"): the same villages.
      what: 'every 0 of Biểu 04 left blank, the blank rows named with a 0 or an abbreviation',
      lines: [
        'ws = wb["Biểu 04"]',
        'for r in range(10, 20):',
        '    for c in range(3, 17):',
        '        if ws.cell(r, c).value == 0: ws.cell(r, c).value = None',
        'ws.cell(11, 2).value = "Tổ dân phố 02"',
        'ws.cell(14, 2).value = "TDP 5"',
      ],
      cells: ['B11', 'B14', 'B16', 'B17'],
      how: 'để trống cả dòng',
    },
    {
      what: 'the rows of the villages without poor households left out of Biểu 04',
      lines: ['ws = wb["Biểu 04"]', 'for r in (17, 16, 14, 11): ws.delete_rows(r)'],
      cells: [null, null, null, null],
      how: 'không có dòng',
    },
  ])('$what: accepted, the same figures as written with zeros, said at each row', async (c) => {
    const file = edited(c.lines);
    const unit = await consolidated(file);
    const original = await consolidated(SHIPPED);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original?.values);
    expect(unit?.subunits).toEqual(original?.subunits);
    for (const name of NO_POOR) {
      const values = unit?.subunits.find((s) => s.name === name)?.values ?? {};
      for (const id of B04_IDS) expect(values[id], `${name} ${id}`).toBe(0);
    }
    const said = unit?.findings.filter((f) => f.code === 'subunit-zero-by-other-forms') ?? [];
    expect(said.map((f) => [f.severity, f.sheet, f.cell, f.subunit])).toEqual(
      NO_POOR.map((name, k) => ['info', 'Biểu 04', c.cells[k], name]),
    );
    // validate says the same, once each (consolidate does not say them twice).
    const [checked] = await checkFiles([file], (await loadSetup({ period: '2026' })).run, {
      lang: 'vi',
      period: '2026',
    });
    expect(checked?.valid).toBe(true);
    expect(
      checked?.findings
        .filter((f) => f.code === 'subunit-zero-by-other-forms')
        .map((f) => [f.cell, f.subunit]),
    ).toEqual(NO_POOR.map((name, k) => [c.cells[k], name]));
    expect(said[0] && findingMessage(said[0], 'vi')).toBe(
      `Biểu 04 ${c.how} "Tổ dân phố 2". Theo Biểu 01, "Tổ dân phố 2" không có hộ nào thuộc nhóm ` +
        'của Biểu 04, nên mọi số liệu của dòng này ở Biểu 04 đều bằng 0; báo cáo tổng hợp ghi 0.',
    );
  });

  it('a blank row of a village with poor households is no zero: the forms disagree', async () => {
    // Tổ dân phố 1 has 2 poor households (Biểu 01); its Biểu 04 row blank, the total lowered to
    // still add up: nothing proves its deprivations, and Biểu 01's row has no partner.
    const unit = await consolidated(edited(blankRow('Biểu 04', 10, 16)));
    expect(unit?.findings.some((f) => f.code === 'subunit-zero-by-other-forms')).toBe(false);
    expect(unit?.status).toBe('rejected');
    expect(
      unit?.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.subunit]),
    ).toContainEqual(['subunit-not-in-form', 'Tổ dân phố 1']);
  });

  it('a blank row of Biểu 02 stays empty, said: no other form bounds how the poor households moved', async () => {
    // Tổ dân phố 2 made a village with no poor household all year (its Biểu 02 figures 0, its
    // move to the near-poor taken out of Biểu 03, the totals kept adding up), then its Biểu 02
    // row left blank: Biểu 01 proves its end 0, nothing proves its start or its moves.
    const unit = await consolidated(
      edited([
        ...blankRow('Biểu 02', 11, 11),
        'b3 = wb["Biểu 03"]',
        'b3.cell(11, 3).value += 1',
        'b3.cell(9, 3).value += 1',
        'b3.cell(11, 7).value -= 1',
        'b3.cell(9, 7).value -= 1',
      ]),
    );
    expect(unit?.status).toBe('accepted');
    const values = unit?.subunits.find((s) => s.name === 'Tổ dân phố 2')?.values ?? {};
    expect(values.poor_start).toBeNull();
    expect(values.poor_end).toBeNull();
    expect(unit?.findings.some((f) => f.code === 'subunit-zero-by-other-forms')).toBe(false);
    const blank = unit?.findings.filter((f) => f.code === 'subunit-row-blank') ?? [];
    expect(blank.map((f) => [f.severity, f.sheet, f.cell, f.subunit])).toEqual([
      ['warning', 'Biểu 02', 'B11', 'Tổ dân phố 2'],
    ]);
    expect(blank[0] && findingMessage(blank[0], 'vi')).toContain(
      'Biểu 02 để trống cả dòng "Tổ dân phố 2"',
    );
  });
});
