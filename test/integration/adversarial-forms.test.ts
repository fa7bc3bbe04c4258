/**
 * Submissions made by an independent generator (openpyxl; SYNTHETIC: the shipped Trạm Tấu
 * 2022-H1 submission's figures, laid out otherwise — fixtures/adversarial). Each is compared with
 * the shipped submission it was made from, read by the tool: the same figures when it is
 * accepted; an error, never a guess, when two readings fit.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { findingMessage } from '../../src/core/finding.js';
import { checkFiles } from '../../src/commands/check-files.js';
import { withCellsEdited } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-adversarial-');

const ROOT = path.resolve('fixtures');
const now = new Date('2022-12-20T03:00:00Z');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({});
});

/** The shipped submission the generator's files were made from. */
const ORIGINAL = path.join(ROOT, '2022-H1', 'Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx');

/** A file of fixtures/adversarial by its name. */
const adversarial = (name: string): string => path.join(ROOT, 'adversarial', name);

async function unitOf(...files: string[]) {
  const report = await consolidateFiles(setup, files, { period: '2022-H1', lang: 'en', now });
  const unit = report.units.find((u) => u.code === '139');
  return { unit, report };
}

describe('submissions laid out by other software', () => {
  it('a "Ghi chú:" note row between two communes is a note, not the end of the table', async () => {
    const original = await unitOf(ORIGINAL);
    const noted = await unitOf(
      adversarial('Tram Tau - ghi chu giua bang (openpyxl, synthetic).xlsx'),
    );
    expect(original.unit?.status).toBe('accepted');
    expect(noted.unit?.status).toBe('accepted');
    expect(noted.unit?.values).toEqual(original.unit?.values);
    expect(noted.unit?.subunits.map((s) => s.name)).toEqual(
      original.unit?.subunits.map((s) => s.name),
    );
  });

  it("a group label row right under the column-number row is the table's first row, not a heading", async () => {
    const original = await unitOf(ORIGINAL);
    const grouped = await unitOf(
      adversarial('Tram Tau - nhom xa so La Ma duoi dong so cot (openpyxl, synthetic).xlsx'),
    );
    expect(grouped.unit?.status).toBe('accepted');
    expect(grouped.unit?.values).toEqual(original.unit?.values);
    const byName = (u: typeof original.unit) =>
      Object.fromEntries((u?.subunits ?? []).map((s) => [s.name, s.values]));
    expect(byName(grouped.unit)).toEqual(byName(original.unit));
  });

  it('"Thoát nghèo lên cận nghèo" is the column of poor households that became near-poor', async () => {
    const original = await unitOf(ORIGINAL);
    const worded = await unitOf(
      adversarial('Tram Tau - Thoat ngheo len can ngheo (openpyxl, synthetic).xlsx'),
    );
    expect(worded.unit?.status).toBe('accepted');
    expect(worded.unit?.values).toEqual(original.unit?.values);
  });

  it('Biểu 04 and 05 with the indicators numbered out of order (3, 1, 2 …) under their group', async () => {
    const original = await unitOf(ORIGINAL);
    // Above a column-number row (1, 2, … 14), and without one.
    for (const name of [
      'Tram Tau - chi so danh so khong theo thu tu (openpyxl, synthetic).xlsx',
      'Tram Tau - chi so danh so khong theo thu tu, khong dong so cot (openpyxl, synthetic).xlsx',
    ]) {
      const { unit } = await unitOf(adversarial(name));
      expect(unit?.status, name).toBe('accepted');
      expect(unit?.values, name).toEqual(original.unit?.values);
      expect(
        unit?.subunits.map((s) => s.values),
        name,
      ).toEqual(original.unit?.subunits.map((s) => s.values));
    }
  });

  it('groups of columns swapped with their column numbers: the numbers out of order are still no figures', async () => {
    const original = await unitOf(ORIGINAL);
    const { unit } = await unitOf(
      adversarial(
        'Tram Tau - nhom cot doi cho, so cot khong theo thu tu (openpyxl, synthetic).xlsx',
      ),
    );
    expect(unit?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original.unit?.values);
    expect(unit?.subunits.map((s) => s.values)).toEqual(
      original.unit?.subunits.map((s) => s.values),
    );
  });

  it.each([
    [
      'by its place and the balance',
      'Tram Tau - tieu de cot khong co trong mau (openpyxl, synthetic).xlsx',
      'D4',
      'stands where "Thoát nghèo: trở thành hộ cận nghèo" stands',
    ],
    [
      'with the groups "Tăng" before "Giảm", by its group heading and the balance',
      'Tram Tau - nhom Tang truoc nhom Giam, tieu de la (openpyxl, synthetic).xlsx',
      'H6',
      'under "Giảm trong kỳ"',
    ],
  ])(
    'a column headed in words the form does not know is read %s',
    async (_, file, cell, placed) => {
      const original = await unitOf(ORIGINAL);
      const { unit } = await unitOf(adversarial(file));
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original.unit?.values);
      expect(unit?.subunits.map((s) => s.values)).toEqual(
        original.unit?.subunits.map((s) => s.values),
      );
      const found = unit?.findings.find((f) => f.code === 'column-by-arithmetic');
      expect(found).toMatchObject({ sheet: 'Biểu 02', cell, indicator: 'poor_exit_to_near_poor' });
      expect(found && findingMessage(found, 'en')).toContain(placed);
    },
  );

  it('the same column under "Tăng": the heading goes against the balance, so it is not read', async () => {
    const { unit } = await unitOf(
      adversarial(
        'Tram Tau - nhom Tang truoc nhom Giam, tieu de la duoi Tang (openpyxl, synthetic).xlsx',
      ),
    );
    expect(unit?.status).toBe('rejected');
    expect(unit?.findings.find((f) => f.code === 'missing-column')).toMatchObject({
      sheet: 'Biểu 02',
    });
    expect(unit?.findings.some((f) => f.code === 'column-by-arithmetic')).toBe(false);
  });

  it('a total row of SUM formulas never calculated is an error at each of its cells, not a missing total', async () => {
    const { unit } = await unitOf(
      adversarial('Tram Tau - dong tong SUM chua tinh (openpyxl, synthetic).xlsx'),
    );
    expect(unit?.status).toBe('rejected');
    const codes = new Set(unit?.findings.map((f) => f.code));
    expect([...codes]).toEqual(['formula-no-result']);
    // Biểu 02's total row (row 6), C to K: each cell named.
    const cells = unit?.findings.filter((f) => f.sheet === 'Biểu 02').map((f) => f.cell);
    expect(cells).toEqual(['C6', 'D6', 'E6', 'F6', 'G6', 'H6', 'I6', 'J6', 'K6']);
  });

  it('a commune row equal to the sum of the others, with no total row, is not taken as the total', async () => {
    const { unit } = await unitOf(
      adversarial('Tram Tau - xa bang tong cac xa, khong dong tong (openpyxl, synthetic).xlsx'),
    );
    expect(unit?.status).toBe('rejected');
    expect(unit?.findings.map((f) => f.code)).toContain('missing-total-row');
  });

  it("an indicator's number and name that disagree in its heading are an error, never a guess", async () => {
    // "9. Nhà tiêu hợp vệ sinh": 9 is the water source, the words say the latrine; the form's
    // sums hold either way, so neither reading is taken.
    const { unit } = await unitOf(
      adversarial('Tram Tau - so chi so va ten chi so khong khop (openpyxl, synthetic).xlsx'),
    );
    expect(unit?.status).toBe('rejected');
    const conflicts = unit?.findings.filter((f) => f.code === 'heading-number-conflict');
    expect(conflicts?.map((f) => `${f.sheet ?? ''}!${f.cell ?? ''}`)).toEqual([
      'Biểu 04!M7',
      'Biểu 04!N7',
    ]);
    const first = conflicts?.[0];
    expect(first && findingMessage(first, 'en')).toContain(
      'number 9 is the indicator "Nguồn nước sinh hoạt" but the words name the indicator "Nhà tiêu hợp vệ sinh"',
    );
    // The two columns are not read, and not reported missing besides.
    expect(unit?.findings.filter((f) => f.code === 'missing-column')).toEqual([]);
  });

  it('indicator headings numbered by their column numbers (3. Việc làm … 14.) are read by their names', async () => {
    const original = await unitOf(ORIGINAL);
    const { unit } = await unitOf(
      adversarial('Tram Tau - tieu de chi so mang so cot (openpyxl, synthetic).xlsx'),
    );
    expect(unit?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original.unit?.values);
    expect(unit?.subunits.map((s) => s.values)).toEqual(
      original.unit?.subunits.map((s) => s.values),
    );
  });
});

describe('subtotal rows labelled just "Cộng" (fixtures/adversarial, make-subtotal-blocks.py)', () => {
  const blocks = adversarial('Tram Tau - dong Cong sau moi nhom xa (openpyxl, synthetic).xlsx');

  it('a "Cộng" closing each block of communes is that block\'s subtotal, "Tổng cộng" the total', async () => {
    // Each "Cộng" is the sum of the communes above it, not of all of them: the sums, not the
    // word, make it a subtotal (the same file with "Cộng khu vực I" was read so already).
    const original = await unitOf(ORIGINAL);
    const { unit } = await unitOf(blocks);
    expect(unit?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original.unit?.values);
    expect(unit?.subunits).toEqual(original.unit?.subunits);
  });

  it('a "Cộng" off by a few households is a subtotal-mismatch at its cell, not a second total', async () => {
    const { unit } = await unitOf(
      adversarial('Tram Tau - dong Cong lech mot so (openpyxl, synthetic).xlsx'),
    );
    expect(unit?.status).toBe('rejected');
    const errors = unit?.findings.filter((f) => f.severity === 'error');
    expect(errors?.map((f) => [f.code, f.sheet, f.cell, f.params.left, f.params.right])).toEqual([
      ['subtotal-mismatch', 'Biểu 01', 'D14', 1417, 1414],
    ]);
  });

  it('a "Cộng" with the total\'s own figures above "Tổng cộng" is a second total, in every form', async () => {
    const { unit } = await unitOf(
      adversarial('Tram Tau - dong Cong bang tong, them Tong cong (openpyxl, synthetic).xlsx'),
    );
    expect(unit?.status).toBe('rejected');
    const errors = unit?.findings.filter((f) => f.severity === 'error');
    // Only the third "Cộng" (row 23; row 24 in Biểu 02, whose header is a row deeper).
    expect(errors?.map((f) => `${f.code} ${f.sheet ?? ''}!${f.cell ?? ''}`)).toEqual([
      'duplicate-total-row Biểu 01!B23',
      'duplicate-total-row Biểu 02!B24',
      'duplicate-total-row Biểu 03!B23',
      'duplicate-total-row Biểu 04!B23',
      'duplicate-total-row Biểu 05!B23',
    ]);
  });

  // Found by an independent prober: a total that also adds up its own subtotals (a SUM over the
  // whole block) counted the district twice, and was accepted with each subtotal read as a commune.
  for (const [name, totalRow] of [
    ['Tong cong tinh ca dong Cong', 23],
    ['nhom Vung tinh hai lan trong tong', 9],
  ] as const)
    it(`a total that counts its subtotals as well as their communes is off by them, never accepted (${name})`, async () => {
      const original = await unitOf(ORIGINAL);
      const { unit } = await unitOf(adversarial(`Tram Tau - ${name} (openpyxl, synthetic).xlsx`));
      expect(unit?.status).toBe('rejected');
      const b01 = unit?.findings.filter((f) => f.severity === 'error' && f.sheet === 'Biểu 01');
      // Each count of the total row is twice the communes' sum, which the message gives.
      const households = b01?.find((f) => f.cell === `C${totalRow}`);
      expect(households?.code).toBe('total-mismatch');
      const truth = original.unit?.values.households;
      expect([households?.params.left, households?.params.right]).toEqual([
        2 * Number(truth),
        truth,
      ]);
      // No subtotal is taken for a commune, in any form.
      expect(unit?.findings.some((f) => f.code === 'subunit-unknown')).toBe(false);
    });

  it('the same report in other layouts on the same day is one submission, not a conflict', async () => {
    // The shipped file, the blocks with their "Cộng" rows, and Biểu 01 with its groups of columns
    // swapped: all dated 10/6/2022, all with the same figures.
    const original = await unitOf(ORIGINAL);
    const swapped = adversarial(
      'Tram Tau - nhom cot doi cho, so cot khong theo thu tu (openpyxl, synthetic).xlsx',
    );
    const { unit } = await unitOf(ORIGINAL, blocks, swapped);
    expect(unit?.files.map((f) => f.reportDate)).toEqual([
      '2022-06-10',
      '2022-06-10',
      '2022-06-10',
    ]);
    expect(unit?.findings.filter((f) => f.code === 'conflicting-submission')).toEqual([]);
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original.unit?.values);
    expect(unit?.subunits).toEqual(original.unit?.subunits);
  });

  it("a row of another district's commune makes the report another unit's: rejected at that row", async () => {
    const original = await unitOf(ORIGINAL);
    const { unit } = await unitOf(
      adversarial('Tram Tau - them dong xa cua huyen khac (openpyxl, synthetic).xlsx'),
    );
    expect(unit?.status).toBe('rejected');
    const found = unit?.findings.filter((f) => f.code === 'subunit-of-other-unit') ?? [];
    // Said once, at the first form: Xã Khao Mang is Mù Cang Chải's.
    expect(found.map((f) => [f.severity, f.sheet, f.cell])).toEqual([['error', 'Biểu 01', 'B20']]);
    expect(found[0]?.params.whatEn).toBe('Xã Khao Mang of Huyện Mù Cang Chải');
    expect(original.unit?.status).toBe('accepted');
  });

  it('a row of a commune merged away before the period is said at every form, and counted', async () => {
    const file = adversarial('TP Yen Bai - them dong xa da sap nhap (openpyxl, synthetic).xlsx');
    const report = await consolidateFiles(setup, [file], { period: '2022-H1', lang: 'en', now });
    const unit = report.units.find((u) => u.code === '132');
    const gone = unit?.findings.filter((f) => f.code === 'subunit-not-in-force') ?? [];
    expect(gone.map((f) => [f.severity, f.sheet, f.subunit])).toEqual(
      ['Biểu 01', 'Biểu 02', 'Biểu 03', 'Biểu 04', 'Biểu 05'].map((s) => [
        'warning',
        s,
        'Xã Phúc Lộc',
      ]),
    );
    const [first] = gone;
    if (!first) throw new Error('no subunit-not-in-force');
    expect(findingMessage(first, 'en')).toContain('no longer exists from 01/02/2020');
    // The district's own total holds the row: the figures are the district's, with the warning.
    expect(unit?.status).toBe('accepted');
    expect(unit?.subunits.map((s) => s.name)).toContain('Xã Phúc Lộc');
  });

  it('the total row labelled with the unit\'s own name ("TX. Nghĩa Lộ") is the total, not its Xã Nghĩa Lộ', async () => {
    const shipped = path.join(ROOT, '2022-H1', 'Nghĩa Lộ - báo cáo 6 tháng đầu năm 2022.xlsx');
    const nghiaLo = async (file: string) => {
      const report = await consolidateFiles(setup, [file], { period: '2022-H1', lang: 'en', now });
      return report.units.find((u) => u.code === '133');
    };
    const original = await nghiaLo(shipped);
    for (const name of [
      'Nghia Lo - dong tong ghi TX. Nghia Lo o dau (openpyxl, synthetic).xlsx',
      'Nghia Lo - dong tong ghi Thi xa Nghia Lo o cuoi (openpyxl, synthetic).xlsx',
    ]) {
      const unit = await nghiaLo(adversarial(name));
      expect(unit?.status, name).toBe('accepted');
      expect(unit?.values, name).toEqual(original?.values);
      expect(unit?.subunits.map((s) => s.name).sort(), name).toEqual(
        original?.subunits.map((s) => s.name).sort(),
      );
    }
  });

  it("a plan's \"Số hộ nghèo\" beside the period's: the identities say which is the form's", async () => {
    const original = await unitOf(ORIGINAL);
    const { unit } = await unitOf(
      adversarial('Tram Tau - cot ke hoach canh cot thuc hien (openpyxl, synthetic).xlsx'),
    );
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original.unit?.values);
    const chosen = unit?.findings.filter((f) => f.code === 'duplicate-column-by-arithmetic');
    expect(chosen?.map((f) => [f.severity, f.cell, f.params.other])).toEqual([
      ['warning', 'D6', 'F'],
    ]);
  });

  it.each([
    ['nhom cot Nam 2021 canh 6 thang dau nam 2022', 'C6', 'C, D, E, F, G, H, I', '2021'],
    ['moi chi tieu chia Cuoi nam 2021, 6 thang 2022', 'C6', 'C, E, G, I, K, M, O', 'Cuối năm 2021'],
  ])(
    "Biểu 01 beside the year before (%s): the columns of 2021 are set aside, the period's read",
    async (name, cell, cells, period) => {
      const original = await unitOf(ORIGINAL);
      const { unit } = await unitOf(adversarial(`Tram Tau - ${name} (openpyxl, synthetic).xlsx`));
      expect(unit?.status).toBe('accepted');
      expect(unit?.values).toEqual(original.unit?.values);
      expect(unit?.subunits.map((s) => [s.name, s.values])).toEqual(
        original.unit?.subunits.map((s) => [s.name, s.values]),
      );
      const aside = unit?.findings.filter((f) => f.code === 'other-period-column');
      expect(
        aside?.map((f) => [f.severity, f.sheet, f.cell, f.params.cells, f.params.period]),
      ).toEqual([['info', 'Biểu 01', cell, cells, period]]);
    },
  );

  it("Biểu 01 beside the year before, its title naming no period: the run's period decides, or nothing does", async () => {
    const file = await withCellsEdited(
      adversarial(
        'Tram Tau - nhom cot Nam 2021 canh 6 thang dau nam 2022 (openpyxl, synthetic).xlsx',
      ),
      path.join(tmp.path, 'khong ghi ky', 'Tram Tau.xlsx'),
      [
        {
          sheet: 'Biểu 01',
          row: 4,
          col: 1,
          value: 'BIỂU 01: KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO',
        },
      ],
    );
    const asked = await checkFiles([file], setup.run, { lang: 'en', period: '2022-H1' });
    expect(asked[0]?.valid).toBe(true);
    expect(asked[0]?.findings.map((f) => f.code)).toContain('other-period-column');
    // No period to go by: the two groups both fit the form, and neither is guessed.
    const unasked = await checkFiles([file], setup.run, { lang: 'en' });
    expect(unasked[0]?.valid).toBe(false);
    const codes = unasked[0]?.findings.filter((f) => f.sheet === 'Biểu 01').map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['duplicate-column', 'columns-ambiguous']));
    expect(codes).not.toContain('other-period-column');
  });

  it("a titled annex table under a form (its own heading, communes and total) is not the form's rows", async () => {
    const original = await unitOf(ORIGINAL);
    const { unit } = await unitOf(
      adversarial('Tram Tau - bang phu duoi bieu (openpyxl, synthetic).xlsx'),
    );
    expect(unit?.status).toBe('accepted');
    expect(unit?.values).toEqual(original.unit?.values);
    expect(unit?.subunits.map((s) => [s.name, s.values])).toEqual(
      original.unit?.subunits.map((s) => [s.name, s.values]),
    );
    expect(unit?.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    // The date line under the annexes still dates the report.
    expect(unit?.files.map((f) => [f.reportDate, f.dateSource])).toEqual([
      ['2022-06-10', 'date-line'],
    ]);
  });

  it('two "Trong đó: DTTS" columns with different figures that both fit: an error, not a guess', async () => {
    const { unit } = await unitOf(
      adversarial('Tram Tau - hai cot DTTS khac so lieu (openpyxl, synthetic).xlsx'),
    );
    expect(unit?.status).toBe('rejected');
    const found = unit?.findings.filter((f) => f.code === 'columns-ambiguous');
    expect(found?.map((f) => [f.sheet, f.params.cells])).toEqual([['Biểu 01', 'F, J']]);
  });
});
