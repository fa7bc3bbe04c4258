/**
 * The rows of a household list that are no household, decided by structure and arithmetic (found
 * by an independent generator of lists, openpyxl): a total row (checked against the households'
 * sums), a signature block under the list, a village numbered in the row-number column; and a
 * birth-year heading "NS chủ hộ" whose abbreviation also spells an indicator. Every list here is
 * SYNTHETIC (Trạm Tấu's registered communes, invented households); written by openpyxl when it is
 * installed (another writer than ours), else by exceljs.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ValidateJson } from '../../src/commands/validate.js';
import { Chalk } from 'chalk';
import { validate } from '../../src/commands/validate.js';
import { validateJson } from '../helpers/validate-json.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import {
  hasOpenpyxl,
  listHousehold,
  listRow,
  listSheet,
  writeListExcelJs,
  writeListOpenpyxl,
  type ListCell,
  type ListHousehold,
  type ListSheetSpec,
  TRAM_TAU_LIST_TITLE,
} from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-list-rows-');
/** Files written so far: each list its own name (a random one may hold a birth year's digits). */
let listFiles = 0;
const TITLE = TRAM_TAU_LIST_TITLE;

function hh(code: string | null, over: Partial<ListHousehold> = {}): ListHousehold {
  return listHousehold(code, { name: 'Giàng Thị Giả', birthYear: 1931 }, over);
}

/** Five households: three poor (3 flags, 4 members), two near-poor (1 flag, 3 members). */
function households(): ListHousehold[] {
  const near = { scoreB: 10, flags: 1, members: 3, classification: 'Hộ cận nghèo' };
  return [hh('T01'), hh('T02'), hh('T03'), hh('T04', near), hh('T05', near)];
}

/** A total row: the label in the name column (D), the members (G) and the twelve flag counts. */
function totalRow(members: number, label = 'Tổng cộng', more?: [number, ListCell]): ListCell[] {
  const flags = [5, 3, 3, ...Array<number>(9).fill(0)];
  const row: ListCell[] = [
    null,
    null,
    null,
    label,
    null,
    null,
    members,
    null,
    null,
    ...flags,
    '3 hộ nghèo',
  ];
  if (more) row[more[0]] = more[1];
  return row;
}

async function read(sheet: ListSheetSpec, lang: 'vi' | 'en' = 'vi'): Promise<ValidateJson> {
  const file = path.join(tmp.path, `Tram Tau - danh sach ho 2022 (${++listFiles}).xlsx`);
  if (hasOpenpyxl()) writeListOpenpyxl(file, [sheet]);
  else await writeListExcelJs(file, [sheet]);
  return validateJson([file], lang);
}

interface Commune {
  subunit: string | null;
  household_rows: number;
  member_rows: number;
  values: Record<string, number>;
}

function commune(doc: ValidateJson): Commune | undefined {
  return communes(doc)[0];
}

function communes(doc: ValidateJson): Commune[] {
  const f = doc.files[0] as unknown as { households?: { communes: Commune[] } };
  return f.households?.communes ?? [];
}

/** Households and poor households by commune ("-" for none named). */
function byCommune(doc: ValidateJson): Record<string, [number, number]> {
  return Object.fromEntries(
    communes(doc).map((c) => [c.subunit ?? '-', [c.household_rows, c.values.poor ?? 0]]),
  );
}

/** A row with `text` in column `col` (0: A) and nothing else. */
function labelRow(col: number, text: string, ...more: [number, ListCell][]): ListCell[] {
  const row: ListCell[] = Array<ListCell>(col + 1).fill(null);
  row[col] = text;
  for (const [c, v] of more) row[c] = v;
  return row;
}

const errors = (doc: ValidateJson): string[] =>
  doc.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.cell ?? ''}`);

describe('rows of a list that are no household', () => {
  it('a total row under the list, or above it, is the sum of the households, not a household', async () => {
    for (const where of ['bottom', 'top'] as const) {
      const sheet = listSheet('Xã Túc Đán', TITLE, households());
      if (where === 'bottom') sheet.rows.push(totalRow(18));
      else sheet.rows.splice(4, 0, totalRow(18, 'Cộng'));
      const doc = await read(sheet);
      expect(errors(doc), where).toEqual([]);
      const c = commune(doc);
      expect(c?.household_rows, where).toBe(5);
      expect(c?.values.poor, where).toBe(3);
      expect(c?.values.near_poor, where).toBe(2);
    }
  });

  it('a total row with no label is told by its figures: indicator cells counting households', async () => {
    const sheet = listSheet('Xã Túc Đán', TITLE, households());
    sheet.rows.push(totalRow(18, ''));
    const doc = await read(sheet);
    expect(errors(doc)).toEqual([]);
    expect(commune(doc)?.household_rows).toBe(5);
    expect(commune(doc)?.values.poor).toBe(3);
  });

  it('a total row that does not add up is an error at its cell, and still no household', async () => {
    const sheet = listSheet('Xã Túc Đán', TITLE, households());
    sheet.rows.push(totalRow(19));
    const doc = await read(sheet);
    // Row 10 (households on rows 5–9), column G: the members.
    expect(errors(doc)).toEqual(['list-total-row G10']);
    expect(commune(doc)?.household_rows).toBe(5);
  });

  it('a total row labelled where the codes go is a total, not a household "Tổng cộng"', async () => {
    // Found on a list written by another program: "Tổng cộng" in the code column (C).
    const inCodeColumn = (members: number): ListCell[] => totalRow(members, '', [2, 'Tổng cộng']);
    const good = listSheet('Xã Túc Đán', TITLE, households());
    good.rows.push(inCodeColumn(18));
    const doc = await read(good);
    expect(errors(doc)).toEqual([]);
    expect(commune(doc)?.household_rows).toBe(5);
    expect(commune(doc)?.values.poor).toBe(3);
    // Its figures are checked like any total's.
    const bad = listSheet('Xã Túc Đán', TITLE, households());
    bad.rows.push(inCodeColumn(19));
    const wrong = await read(bad);
    expect(errors(wrong)).toEqual(['list-total-row G10']);
    expect(commune(wrong)?.household_rows).toBe(5);
  });

  it('a score A in words or below 0 is an error at its cell; the text is not repeated', async () => {
    const sheet = listSheet('Xã Túc Đán', TITLE, [...households(), hh('T06', { scoreA: -5 })]);
    const row = sheet.rows[5];
    // Shifted into the score's cell, a head's name must not reach a message.
    if (row) row[7] = 'Giàng Thị Giả';
    const doc = await read(sheet);
    expect(errors(doc)).toEqual(['list-score-income H6', 'list-score-income H10']);
    expect(JSON.stringify(doc)).not.toContain('Giàng');
  });

  it('a household with no code stays a household, whatever its head is called', async () => {
    // "Tống" folds to the letters of "Tổng": the row has a score A, it is a household.
    const sheet = listSheet('Xã Túc Đán', TITLE, [
      ...households(),
      hh(null, { name: 'Tống Văn Giả' }),
    ]);
    const doc = await read(sheet);
    expect(errors(doc)).toEqual(['list-code-missing C10']);
    expect(commune(doc)?.household_rows).toBe(6);
    expect(commune(doc)?.values.poor).toBe(4);
  });

  it('a signature block under the list is neither households nor members', async () => {
    const sheet = listSheet('Xã Túc Đán', TITLE, households());
    const line = (d: string | null, p: string | null): ListCell[] => [
      null,
      null,
      null,
      d,
      ...Array<ListCell>(11).fill(null),
      p,
    ];
    sheet.rows.push(
      [],
      line(null, 'Túc Đán, ngày 15 tháng 12 năm 2022'),
      line('Người lập biểu', 'TM. ỦY BAN NHÂN DÂN'),
      line('(Ký, ghi rõ họ tên)', '(Ký tên, đóng dấu)'),
    );
    const doc = await read(sheet);
    expect(errors(doc)).toEqual([]);
    expect(commune(doc)?.household_rows).toBe(5);
    expect(commune(doc)?.member_rows).toBe(0);
  });

  it('a village numbered "I" in the row-number column is a village, not a household', async () => {
    const sheet = listSheet('Xã Túc Đán', TITLE, households());
    sheet.rows.splice(4, 0, ['I', null, null, 'Thôn Tà Xùa']);
    sheet.rows.splice(8, 0, ['II', null, null, 'Bản Páo Giả']);
    const doc = await read(sheet);
    expect(errors(doc)).toEqual([]);
    expect(commune(doc)?.household_rows).toBe(5);
  });
});

// Shapes met on lists written by other programs (found by an independent openpyxl generator).
describe('group rows, members and signature lines in other places', () => {
  const list = (): ListSheetSpec => listSheet('DS hộ', TITLE, []);
  const add = (sheet: ListSheetSpec, ...hs: ListHousehold[]): void => {
    for (const h of hs) sheet.rows.push(listRow(h, null));
  };

  it('communes numbered or annotated in their label ("II. Xã Pá Lau", "Xã Túc Đán (tiếp)") take their own households', async () => {
    for (const [first, second] of [
      ['Xã Túc Đán', 'II. Xã Pá Lau'],
      ['I. Xã Túc Đán', 'II. Xã Pá Lau'],
      ['Xã Túc Đán (tiếp)', 'II. Xã Pá Lau - 2 hộ'],
    ] as const) {
      const sheet = list();
      sheet.rows.push(labelRow(3, first));
      add(sheet, hh('T01'));
      sheet.rows.push(labelRow(3, second));
      add(sheet, hh('P01'), hh('P02'));
      const doc = await read(sheet);
      expect(errors(doc), first).toEqual([]);
      expect(byCommune(doc), first).toEqual({ 'Xã Túc Đán': [1, 1], 'Xã Pá Lau': [2, 2] });
    }
  });

  it('a commune numbered in the row-number column right under the headings ("I | Xã Bản Công") is a group row, not a heading', async () => {
    // Found by an independent tester: the group row was read as a third heading row, its
    // commune name making the head's name column the commune (and village) column; every
    // household was then "an unreadable commune", its name cell pointed at.
    for (const first of ['Xã Bản Công', 'Xã Hát Lìu']) {
      const second = first === 'Xã Bản Công' ? 'Xã Hát Lìu' : 'Xã Bản Công';
      const sheet = list();
      sheet.rows.push(labelRow(0, 'I', [3, first]));
      add(sheet, hh('B01'), hh('B02'));
      sheet.rows.push(labelRow(0, 'II', [3, second]));
      add(sheet, hh('H01', { scoreB: 10, flags: 1, classification: 'Hộ cận nghèo' }));
      const doc = await read(sheet);
      expect(errors(doc), first).toEqual([]);
      expect(
        doc.findings.filter((f) => f.code.startsWith('list-commune')),
        first,
      ).toEqual([]);
      const [one, two] = [first, second].map((n) => n.replace('Lìu', 'Lừu'));
      expect(byCommune(doc), first).toEqual({
        [one ?? '']: [2, 2],
        [two ?? '']: [1, 0],
      });
    }
  });

  it('a commune the registry does not hold is an error at its label; its households are no other commune’s', async () => {
    const sheet = list();
    sheet.rows.push(labelRow(3, 'Xã Túc Đán'));
    add(sheet, hh('T01'));
    sheet.rows.push(labelRow(3, '2. Xã Nậm Giả'));
    add(sheet, hh('X01'), hh('X02'));
    const doc = await read(sheet);
    // Row 7: the label (households on rows 6, 8, 9).
    expect(errors(doc)).toEqual(['list-commune-unknown D7']);
    expect(byCommune(doc)['Xã Túc Đán']).toEqual([1, 1]);
  });

  // Prober L2: "Bản Công" under "I. Xã Bản Mù" is a village of Bản Mù named like Xã Bản Công; it
  // moved every household under it to Xã Bản Công, without a word.
  it.each([
    [
      'communes in the number column, villages in the name column',
      0,
      'I. Xã Bản Mù',
      'Thôn Mù Cao',
    ],
    ['communes and villages in one column, communes with "Xã"', 3, 'Xã Bản Mù', 'Bản Mù Cao'],
  ] as const)(
    'a village named like another commune is a village: %s',
    async (_, at, commune, village) => {
      const sheet = list();
      sheet.rows.push(labelRow(at, commune), labelRow(3, village));
      add(sheet, hh('M01'));
      sheet.rows.push(labelRow(3, 'Bản Công'));
      add(sheet, hh('M02'), hh('M03'));
      sheet.rows.push(labelRow(at, commune.replace('Bản Mù', 'Pá Lau')), labelRow(3, 'Làng Nhì'));
      add(sheet, hh('P01'));
      const doc = await read(sheet);
      expect(errors(doc)).toEqual([]);
      expect(byCommune(doc)).toEqual({ 'Xã Bản Mù': [3, 3], 'Xã Pá Lau': [1, 1] });
    },
  );

  it('a label that reads as both, the sheet telling neither, is an error; neither commune’s figures are given', async () => {
    const sheet = list();
    sheet.rows.push(labelRow(3, 'Túc Đán'));
    add(sheet, hh('T01'));
    sheet.rows.push(labelRow(3, 'Bản Công'));
    add(sheet, hh('B01'), hh('B02'));
    const doc = await read(sheet);
    expect(errors(doc)).toEqual(['list-label-ambiguous D7']);
    const said = doc.findings.find((f) => f.code === 'list-label-ambiguous');
    expect(said?.message).toContain('Xã Bản Công');
    expect(said?.message).toContain('Xã Túc Đán');
    const values = Object.fromEntries(
      communes(doc).map((c): [string, number | null] => [c.subunit ?? '-', c.values.poor ?? null]),
    );
    expect(values).toEqual({ 'Xã Túc Đán': null, 'Xã Bản Công': null });
    // A note beside the label may name a person: the finding points to the cell, never repeats it.
    const noted = sheet.rows.find((row) => row[3] === 'Bản Công');
    if (noted) noted[3] = 'Bản Công (ông Thửnghiệm 1950)';
    const quiet = await read(sheet);
    expect(errors(quiet)).toEqual(['list-label-ambiguous D7']);
    expect(JSON.stringify(quiet)).not.toContain('Thửnghiệm');
  });

  it('a commune or village label, or a signature line, where the codes go is no household', async () => {
    const sheet = list();
    sheet.rows.push(labelRow(2, 'Xã Túc Đán'), labelRow(2, 'Thôn Khấu Ly'));
    add(sheet, hh('T01'));
    sheet.rows.push(labelRow(0, 'II', [2, 'Xã Pá Lau']));
    add(sheet, hh('P01', { scoreB: 10, flags: 1, classification: 'Hộ cận nghèo' }));
    sheet.rows.push(
      [],
      labelRow(2, 'Người lập biểu', [10, 'TM. ỦY BAN NHÂN DÂN']),
      labelRow(2, '(Ký, ghi rõ họ tên)', [10, 'CHỦ TỊCH']),
    );
    const doc = await read(sheet);
    expect(errors(doc)).toEqual([]);
    expect(byCommune(doc)).toEqual({ 'Xã Túc Đán': [1, 1], 'Xã Pá Lau': [1, 0] });
  });

  it('the signers’ names under the signature block are no household, wherever they stand', async () => {
    const sheet = listSheet('Xã Túc Đán', TITLE, households());
    sheet.rows.push(
      [],
      labelRow(3, 'Người lập biểu', [10, 'TM. ỦY BAN NHÂN DÂN']),
      labelRow(3, 'Lò Văn Giả', [10, 'Giàng A Giả']),
    );
    const doc = await read(sheet);
    expect(errors(doc)).toEqual([]);
    expect(commune(doc)?.household_rows).toBe(5);
    expect(JSON.stringify(doc)).not.toContain('Giả');
  });

  it('a member that repeats its household’s code, or is numbered "1.1", is a member', async () => {
    const sheet = listSheet('Xã Túc Đán', TITLE, households());
    // Under T01 (row 5): a member with the household's code and its own number; under T02, two
    // members numbered 2.1 and 2.2 in the household's number column.
    sheet.rows.splice(5, 0, [null, 1, 'T01', 'Giàng Thị Giả', 1990]);
    sheet.rows.splice(
      7,
      0,
      ['2.1', null, null, 'Giàng A Giả', 1995],
      ['2.2', null, null, 'Giả', 1998],
    );
    const doc = await read(sheet);
    expect(errors(doc)).toEqual([]);
    expect(commune(doc)?.household_rows).toBe(5);
    expect(commune(doc)?.member_rows).toBe(3);
    expect(commune(doc)?.values.poor).toBe(3);
  });

  it('a member numbered "2.1" that also repeats its household’s code is a member (prober L)', async () => {
    const sheet = listSheet('Xã Túc Đán', TITLE, households());
    // Under T02 (row 6): two members numbered 2.1 and 2.2, each with T02 in the code column.
    sheet.rows.splice(
      6,
      0,
      ['2.1', null, 'T02', 'Giàng A Giả', 1995],
      ['2.2', null, 'T02', 'Giả', 1998],
    );
    const doc = await read(sheet);
    expect(errors(doc)).toEqual([]);
    expect(commune(doc)).toMatchObject({ household_rows: 5, member_rows: 2 });
    expect(commune(doc)?.values.poor).toBe(3);
  });

  it('a classification cell naming no class is a warning at its cell, the household counted by its scores, the text never printed', async () => {
    const sheet = listSheet('Xã Túc Đán', TITLE, [
      hh('T01'),
      hh('T02', { classification: 'Chưa phân loại' }),
      hh('T03', { classification: 'Giàng Thị Giả 1931' }),
      hh('T04', { scoreB: 10, flags: 1, members: 3, classification: '-' }),
      hh('T05', { scoreB: 10, flags: 1, members: 3, classification: 'Hộ cận nghèo' }),
    ]);
    const doc = await read(sheet);
    expect(errors(doc)).toEqual([]);
    const warned = doc.findings.filter((f) => f.code === 'list-classification-unreadable');
    // Rows 6 and 7 (T02, T03); "-" says nothing, as a blank does.
    expect(warned.map((f) => f.cell?.replace(/\D/g, ''))).toEqual(['6', '7']);
    expect(commune(doc)?.values).toMatchObject({ poor: 3, near_poor: 2 });
    expect(JSON.stringify(doc)).not.toContain('Chưa phân loại');
    // A birth year as a word of its own (not digits inside a file's SHA-256).
    expect(JSON.stringify(doc)).not.toMatch(/(?<![0-9a-f])1931(?![0-9a-f])/);
  });

  it('a member row with "-" or "–" in the household’s STT column is a member, not a household', async () => {
    for (const dash of ['-', '–', ' - ']) {
      // Under T01: two members with their own number; under T02 one with none (no number column
      // of its own either way but a name and a birth year), and one repeating the code.
      const sheet = listSheet('Xã Túc Đán', TITLE, households());
      sheet.rows.splice(
        5,
        0,
        [dash, 1, null, 'Giàng Thị Giả', 1990],
        [dash, 2, null, 'Giàng A Giả', 1992],
      );
      sheet.rows.splice(8, 0, [dash, null, null, 'Giả', 1998], [dash, 2, 'T02', 'Giả', 1999]);
      const doc = await read(sheet);
      expect(errors(doc), dash).toEqual([]);
      expect(commune(doc), dash).toMatchObject({ household_rows: 5, member_rows: 4 });
      expect(commune(doc)?.values, dash).toMatchObject({ poor: 3, near_poor: 2 });
    }
  });

  it('a "-" row with a household code of its own is a household (checked as one)', async () => {
    const sheet = listSheet('Xã Túc Đán', TITLE, households());
    sheet.rows.push(listRow(hh('T06'), '-'));
    // No score A: a household whose class cannot be checked (said at its cell), not a member.
    sheet.rows.push(listRow(hh('T07'), '–').map((c, i) => (i === 7 ? null : c)));
    const doc = await read(sheet);
    expect(commune(doc)).toMatchObject({ household_rows: 7, member_rows: 0 });
    expect(commune(doc)?.values.poor).toBe(5);
    expect(errors(doc)).toEqual([]);
    const said = doc.findings.filter((f) => f.code !== 'list-recognised');
    expect(said.map((f) => `${f.code} ${f.cell ?? ''}`)).toEqual([
      'list-classification-unknown V11',
    ]);
  });

  it.each([
    ['in the name column, its count beside it', 3, 6],
    ['in the number column, its count where the codes go (prober L s13c)', 0, 2],
    ['in the number column, its count where the members go (prober L s13)', 0, 6],
  ])('a commune row %s is a label', async (_, nameAt, countAt) => {
    const sheet = list();
    sheet.rows.push(labelRow(nameAt, 'Xã Túc Đán', [countAt, '1 hộ']));
    add(sheet, hh('T01'));
    sheet.rows.push(labelRow(nameAt, 'Xã Pá Lau', [countAt, '2 hộ']));
    add(sheet, hh('P01'), hh('P02'));
    const doc = await read(sheet);
    expect(errors(doc)).toEqual([]);
    expect(byCommune(doc)).toEqual({ 'Xã Túc Đán': [1, 1], 'Xã Pá Lau': [2, 2] });
  });

  it('a total row that sums score A too is a total, checked by its sums', async () => {
    // Score A: 5 × 120; the indicators' counts make it a total, not a household.
    const summing = (members: number): ListCell[] => totalRow(members, 'Tổng cộng', [7, 600]);
    const sheet = listSheet('Xã Túc Đán', TITLE, households());
    sheet.rows.push(summing(18));
    const doc = await read(sheet);
    expect(errors(doc)).toEqual([]);
    expect(commune(doc)?.household_rows).toBe(5);
    const bad = listSheet('Xã Túc Đán', TITLE, households());
    bad.rows.push(summing(17));
    expect(errors(await read(bad))).toEqual(['list-total-row G10']);
  });
});

// A person's name where the list's free text goes: it must never be printed (found by an
// independent prober; every name here is invented).
describe('names in cells a finding could echo', () => {
  it('the signers under a signature block that starts in the code column are no household', async () => {
    for (const flagCol of [false, true]) {
      const sheet = listSheet('Xã Túc Đán', TITLE, households());
      const beside = (t: string): [number, ListCell][] => (flagCol ? [[15, t]] : []);
      sheet.rows.push(
        [],
        labelRow(2, 'Người lập biểu', ...beside('TM. UBND XÃ')),
        [],
        labelRow(2, 'Hà Thị Giấutên', ...beside('Vàng A Giấutên')),
      );
      const doc = await read(sheet);
      expect(errors(doc), String(flagCol)).toEqual([]);
      expect(commune(doc)?.household_rows, String(flagCol)).toBe(5);
      expect(JSON.stringify(doc), String(flagCol)).not.toContain('Giấutên');
    }
  });

  it('a person’s name in the commune column is an error at its cell that does not repeat it', async () => {
    const sheet = listSheet('DS hộ', TITLE, households());
    const head = sheet.rows[2];
    if (head) head[22] = 'Xã, phường, thị trấn';
    sheet.rows.slice(4).forEach((row, i) => {
      row[22] = i === 1 ? 'Nguyễn Văn Thửnghiệm' : 'Xã Túc Đán';
    });
    for (const lang of ['vi', 'en'] as const) {
      const doc = await read(sheet, lang);
      // Row 6: T02, whose household then counts for no commune; it may be Túc Đán's, so Túc
      // Đán's figures are not the list's (prober L2 f14: they were given one household short).
      expect(errors(doc), lang).toEqual(['list-commune-unreadable W6']);
      expect(JSON.stringify(doc), lang).not.toContain('Thửnghiệm');
      const tucDan = communes(doc).find((c) => c.subunit === 'Xã Túc Đán');
      expect(tucDan?.household_rows, lang).toBe(4);
      expect(tucDan?.values.poor, lang).toBeNull();
    }
    // A commune written as a place is still told by its name.
    const place = sheet.rows[5];
    if (place) place[22] = 'Xã Nậm Giả';
    const doc = await read(sheet);
    expect(errors(doc)).toEqual(['list-commune-unknown W6']);
    expect(JSON.stringify(doc)).toContain('Xã Nậm Giả');
    // Not so a kind word before a person's name or a name and a year (found by an independent
    // prober): "Xã" and more than a word or two, a number, a bracket or a dash are not repeated.
    for (const written of [
      'Xã Nậm Giả (ông Thửnghiệm 1950)',
      'Xã Thửnghiệm Văn Nam',
      'Xã Bản Công - cán bộ: Thửnghiệm',
    ]) {
      if (place) place[22] = written;
      const hidden = await read(sheet);
      expect(errors(hidden), written).toEqual(['list-commune-unreadable W6']);
      expect(JSON.stringify(hidden), written).not.toContain('Thửnghiệm');
    }
    // A registered commune with a note in brackets is that commune, its cell not repeated either.
    if (place) place[22] = 'Xã Pá Lau (ông Thửnghiệm 1950)';
    const noted = await read(sheet);
    expect(errors(noted)).toEqual([]);
    expect(byCommune(noted)['Xã Pá Lau']).toEqual([1, 1]);
    expect(JSON.stringify(noted)).not.toContain('Thửnghiệm');
  });

  it('a commune written so that two communes fit ("Trạm Tấu": town and commune) is said so, neither given', async () => {
    // Prober L2 e21: it was "not in the registry", which it is, twice.
    const sheet = listSheet('DS hộ', TITLE, households());
    const head = sheet.rows[2];
    if (head) head[22] = 'Xã, phường, thị trấn';
    sheet.rows.slice(4).forEach((row, i) => {
      row[22] = i < 2 ? 'Xã Túc Đán' : 'Trạm Tấu';
    });
    const doc = await read(sheet);
    expect(errors(doc)).toEqual(['list-commune-name-ambiguous W7']);
    const said = doc.findings.find((f) => f.code === 'list-commune-name-ambiguous');
    expect(said?.message).toContain('Thị trấn Trạm Tấu');
    expect(said?.message).toContain('Xã Trạm Tấu');
    const given = Object.fromEntries(
      communes(doc).map((c): [string, number | null] => [c.subunit ?? '-', c.values.poor ?? null]),
    );
    expect(given['Xã Túc Đán']).toBe(2);
    expect([given['Xã Trạm Tấu'], given['Thị trấn Trạm Tấu']]).toEqual([null, null]);
  });

  it('a code cell holding words with no digit (a name) is pointed to by its cell, not repeated', async () => {
    // The head's name typed into the code column, and no members: list-members names the row,
    // and list-code-not-code the code cell, neither by its text.
    const sheet = listSheet('Xã Túc Đán', TITLE, [
      ...households(),
      hh('Lò Văn Thửnghiệm', { members: null }),
    ]);
    const doc = await read(sheet);
    expect(errors(doc)).toEqual(['list-code-not-code C10', 'list-members G10']);
    expect(JSON.stringify(doc)).not.toContain('Thửnghiệm');
    expect(doc.findings.find((f) => f.code === 'list-members')?.message).toContain('ô C10');
  });
});

describe('a commune column with blank cells', () => {
  /** The five households with a commune column (W) holding `communes` row by row. */
  const inCommunes = (communes: (string | null)[], merges: string[] = []): ListSheetSpec => {
    const sheet = listSheet('DS hộ', TITLE, households());
    const head = sheet.rows[2];
    if (head) head[22] = 'Xã, phường, thị trấn';
    sheet.rows.slice(4).forEach((row, i) => {
      row[22] = communes[i] ?? null;
    });
    sheet.merges.push(...merges);
    return sheet;
  };
  const TD = 'Xã Túc Đán';
  const PL = 'Xã Pá Lau';

  it('headed "Xã, thị trấn" or "Xã, phường" (a district without wards, or without towns) as well', async () => {
    // The column was not read: every household of no commune, nothing derived, derive writing
    // an empty form (independent prober, lists).
    for (const heading of ['Xã, thị trấn', 'Xã, phường']) {
      const sheet = inCommunes([TD, TD, TD, PL, PL]);
      const head = sheet.rows[2];
      if (head) head[22] = heading;
      const doc = await read(sheet);
      expect(errors(doc), heading).toEqual([]);
      expect(byCommune(doc), heading).toEqual({ [TD]: [3, 3], [PL]: [2, 0] });
    }
  });

  it('a commune written only where it changes is the commune of the blank rows under it', async () => {
    const doc = await read(inCommunes([TD, null, null, PL, null]));
    expect(errors(doc)).toEqual([]);
    expect(byCommune(doc)).toEqual({ [TD]: [3, 3], [PL]: [2, 0] });
  });

  it('a commune cell merged down over its rows is theirs, in a column written on every other row', async () => {
    // Rows 5–7 written one by one; W8:W9 merged (rows 8–9, the near-poor households).
    const doc = await read(inCommunes([TD, TD, TD, PL, null], ['W8:W9']));
    expect(errors(doc)).toEqual([]);
    expect(byCommune(doc)).toEqual({ [TD]: [3, 3], [PL]: [2, 0] });
  });

  it('one blank cell in a column written on every row is an error; no commune gets the household', async () => {
    const doc = await read(inCommunes([TD, null, TD, PL, PL]));
    expect(errors(doc)).toEqual(['list-commune-blank W6']);
    // The household counts for the unit but no commune; the communes' figures are not given
    // (one of them is short, which one the list does not say) rather than short.
    expect(byCommune(doc)['-']).toEqual([1, 1]);
    const td = communes(doc).find((c) => c.subunit === TD);
    expect(td?.household_rows).toBe(2);
    expect(td?.values.poor).toBeNull();
    expect(communes(doc).find((c) => c.subunit === PL)?.values.near_poor).toBeNull();
  });
});

describe('the ethnicity column', () => {
  it('"Kinh" however written is no ethnic minority; any other people is one', async () => {
    const kinh = ['Kinh (Việt)', 'Dân tộc Kinh', 'Việt', 'kinh '];
    const sheet = listSheet('Xã Túc Đán', TITLE, [
      ...kinh.map((e, i) => hh(`K0${i}`, { ethnicity: e })),
      hh('M01', { ethnicity: 'Mông' }),
      hh('H01', { ethnicity: 'Hoa' }),
    ]);
    const doc = await read(sheet);
    expect(errors(doc)).toEqual([]);
    expect(commune(doc)?.values.poor).toBe(6);
    expect(commune(doc)?.values.poor_ethnic_minority).toBe(2);
  });

  it("a poor household whose ethnicity is blank leaves the commune's minority count unknown, said at its cell", async () => {
    const rows = households();
    rows[1] = hh('T02', { ethnicity: '' });
    rows[3] = hh('T04', {
      ethnicity: '-',
      scoreB: 10,
      flags: 1,
      members: 3,
      classification: 'Hộ cận nghèo',
    });
    const doc = await read(listSheet('Xã Túc Đán', TITLE, rows));
    expect(errors(doc)).toEqual([]);
    const warned = doc.findings
      .filter((f) => f.code === 'list-ethnicity-unknown')
      .map((f) => `${f.cell ?? ''} ${f.message}`);
    expect(warned).toHaveLength(2);
    expect(warned[0]).toMatch(/^F6 Hộ mã T02 \(Xã Túc Đán\)/);
    expect(warned[1]).toMatch(/^F8 Hộ mã T04/);
    // Neither 2 (the known minorities) nor 3: the list cannot say, so it is not compared.
    expect(commune(doc)?.values.poor_ethnic_minority).toBeNull();
    expect(commune(doc)?.values.near_poor_ethnic_minority).toBeNull();
    expect(commune(doc)?.values.poor).toBe(3);
    // A household that is neither poor nor near-poor counts in no minority figure: not asked.
    const other = [
      ...households(),
      hh('T06', {
        ethnicity: '',
        scoreA: 3000,
        scoreB: 0,
        flags: 0,
        classification: 'Hộ không nghèo',
      }),
    ];
    const doc2 = await read(listSheet('Xã Túc Đán', TITLE, other));
    expect(doc2.findings.filter((f) => f.code === 'list-ethnicity-unknown')).toEqual([]);
    expect(commune(doc2)?.values.poor_ethnic_minority).toBe(3);
  });

  it('"Không rõ", "chưa xác định" say it is not known: no minority, said at the cell', async () => {
    // They were counted as a minority (any word without "Kinh"), the commune's figure derived
    // and written by derive without a word.
    const rows = households();
    rows[1] = hh('T02', { ethnicity: 'Không rõ' });
    rows[2] = hh('T03', { ethnicity: 'chưa xác định' });
    const doc = await read(listSheet('Xã Túc Đán', TITLE, rows));
    const warned = doc.findings.filter((f) => f.code === 'list-ethnicity-unknown');
    expect(warned.map((f) => f.cell)).toEqual(['F6', 'F7']);
    expect(commune(doc)?.values.poor_ethnic_minority).toBeNull();
  });
});

describe('the status column', () => {
  it('a status that disagrees with the class is an error at its cell; matching ones are counted', async () => {
    const sheet = listSheet('Xã Túc Đán', TITLE, households());
    const head = sheet.rows[2];
    if (head) head[22] = 'Diễn biến';
    // Rows 5–7 poor, 8–9 near-poor (W: the status column).
    const status = ['Nghèo mới', 'Tái nghèo', 'Nghèo cũ', 'Hộ nghèo mới', 'Cận nghèo mới'];
    status.forEach((t, i) => {
      const row = sheet.rows[4 + i];
      if (row) row[22] = t;
    });
    const doc = await read(sheet);
    // "Hộ nghèo mới" on a near-poor household (W8).
    expect(errors(doc)).toEqual(['list-status W8']);
    const c = commune(doc);
    expect(c?.values.poor_new).toBe(1);
    expect(c?.values.poor_relapsed).toBe(1);
    expect(c?.values.near_poor_new).toBe(1);
  });
});

describe('status words', () => {
  /** The five households with a status column (W) holding `status` row by row. */
  const withStatus = (status: string[]): ListSheetSpec => {
    const sheet = listSheet('Xã Túc Đán', TITLE, households());
    const head = sheet.rows[2];
    if (head) head[22] = 'Diễn biến';
    status.forEach((t, i) => {
      const row = sheet.rows[4 + i];
      if (row) row[22] = t;
    });
    return sheet;
  };

  it('other wordings of a status are read: "hộ", "trở thành", "lên", "xuống", "PS", "Mới" by the class', async () => {
    // Rows 5–7 poor, 8–9 near-poor.
    const doc = await read(
      withStatus([
        'Phát sinh mới',
        'Từ hộ cận nghèo thành hộ nghèo',
        'Nghèo tái',
        'Hộ nghèo trở thành hộ cận nghèo',
        'Mới',
      ]),
    );
    expect(errors(doc)).toEqual([]);
    expect(doc.findings.filter((f) => f.severity === 'warning')).toEqual([]);
    const v = commune(doc)?.values;
    expect([v?.poor_new, v?.near_poor_to_poor, v?.poor_relapsed]).toEqual([1, 1, 1]);
    expect([v?.poor_to_near_poor, v?.near_poor_new]).toEqual([1, 1]);
    const more = await read(
      withStatus([
        'Nghèo PS mới',
        'Cận nghèo trở thành nghèo',
        'Từ cận nghèo lên nghèo',
        'Từ nghèo xuống cận nghèo',
        'Hộ cận nghèo trở thành hộ nghèo',
      ]),
    );
    // The last: a move into poverty written on a near-poor household (row 9).
    expect(errors(more)).toEqual(['list-status W9']);
    const m = commune(more)?.values;
    expect([m?.poor_new, m?.near_poor_to_poor, m?.poor_to_near_poor]).toEqual([1, 2, 1]);
  });

  it('a status the vocabulary does not know is a warning at its cell; the status figures are not given', async () => {
    const doc = await read(withStatus(['Nghèo mới', 'Chuyển đến', '', 'Cận nghèo mới', '']));
    expect(errors(doc)).toEqual([]);
    const warned = doc.findings.filter((f) => f.code === 'list-status-unreadable');
    expect(warned.map((f) => f.cell)).toEqual(['W6']);
    // Not 1 (the one read): the list cannot say, so it is not compared.
    expect(commune(doc)?.values.poor_new).toBeNull();
    expect(commune(doc)?.values.near_poor_new).toBeNull();
    expect(commune(doc)?.values.poor).toBe(3);
  });
});

describe('list headings', () => {
  it('"NK" is the members, "Điểm TN" the income score; a list without members is not asked for them', async () => {
    const sheet = listSheet('Xã Túc Đán', TITLE, [...households(), hh('T06', { scoreA: 300 })]);
    const head = sheet.rows[2];
    if (head) {
      head[6] = 'NK';
      head[7] = 'Điểm TN';
    }
    // Classified poor with a score A of 300 (row 10): the income score was read.
    expect(errors(await read(sheet))).toEqual(['list-classification V10']);
    // No members column at all: the members are not checked, households still counted.
    const bare = listSheet('Xã Túc Đán', TITLE, households());
    const h = bare.rows[2];
    if (h) h[6] = null;
    for (const row of bare.rows.slice(4)) row[6] = null;
    const doc = await read(bare);
    expect(errors(doc)).toEqual([]);
    expect(commune(doc)?.household_rows).toBe(5);
  });

  it('"NS chủ hộ" is the birth year, not the water indicator the numbered block has', async () => {
    const sheet = listSheet('Xã Túc Đán', TITLE, households());
    const head = sheet.rows[2];
    if (head) head[4] = 'NS chủ hộ';
    const doc = await read(sheet);
    expect(errors(doc)).toEqual([]);
    const c = commune(doc);
    expect(c?.values.poor).toBe(3);
    // 3 poor households × 3 indicators.
    expect(c?.values.poor_deprivations).toBe(9);
  });
});

describe('flag marks', () => {
  it('a list ticked with "√" (or "✔", "☑") is read: no flag error, the indicators counted', async () => {
    // Found by an independent tester: "√" (U+221A) is what Word's and Excel's symbol box offer
    // as a tick; each such cell was an unreadable flag, the whole list rejected cell by cell.
    for (const mark of ['√', '✔', '☑']) {
      const ticked = households().map((h) => ({ ...h, oddFlag: mark }));
      const sheet = listSheet('Xã Túc Đán', TITLE, ticked);
      // Every set flag ticked, not only the first.
      for (const row of sheet.rows.slice(4))
        for (let c = 9; c < 21; c++) if (row[c] === 'x') row[c] = mark;
      const doc = await read(sheet);
      expect(errors(doc), mark).toEqual([]);
      const c = commune(doc);
      expect(c?.values.poor, mark).toBe(3);
      expect(c?.values.near_poor, mark).toBe(2);
      // 3 poor × 3 ticks; the near-poor's one tick each.
      expect(c?.values.poor_deprivations, mark).toBe(9);
      expect(c?.values.near_poor_deprivations, mark).toBe(2);
    }
  });

  it('flags written as their points ("10") are set when score B is their sum; else unreadable', async () => {
    // Prober L2 f06: every "10" was an unreadable flag, the commune's deprivations not given.
    for (const points of [10, '10'] as const) {
      const sheet = listSheet('Xã Túc Đán', TITLE, households());
      for (const row of sheet.rows.slice(4))
        for (let c = 9; c < 21; c++) if (row[c] === 'x') row[c] = points;
      const doc = await read(sheet);
      expect(errors(doc), String(points)).toEqual([]);
      const v = commune(doc)?.values;
      expect([v?.poor, v?.poor_deprivations, v?.near_poor_deprivations]).toEqual([3, 9, 2]);
      // T01's score B written 20 against three "10"s: the arithmetic does not hold, no guess.
      const t01 = sheet.rows[4];
      if (t01) t01[8] = 20;
      const off = await read(sheet);
      expect(errors(off), String(points)).toEqual(
        ['J5', 'K5', 'L5'].map((c) => `list-flag-unreadable ${c}`),
      );
      expect(commune(off)?.values.poor_deprivations).toBeNull();
    }
  });

  it('a cross ("✗") says lacking or not: an error at each cell, not a guess', async () => {
    const crossed = households().map((h) => ({ ...h, oddFlag: '✗' }));
    const doc = await read(listSheet('Xã Túc Đán', TITLE, crossed));
    expect(errors(doc)).toEqual(
      ['J5', 'J6', 'J7', 'J8', 'J9'].map((c) => `list-flag-unreadable ${c}`),
    );
    // The households may lack the first indicator or not: its counts and the deprivations are
    // not the list's (prober L2 f06: they were given as if none lacked it); the others are.
    const v = commune(doc)?.values;
    expect([v?.poor_lack_employment, v?.poor_deprivations, v?.near_poor_deprivations]).toEqual([
      null,
      null,
      null,
    ]);
    expect([v?.poor, v?.near_poor, v?.poor_lack_information]).toEqual([3, 2, 0]);
  });
});

describe('a list sheet named after a person', () => {
  /** The sheets written to one file, by openpyxl when installed. */
  async function readSheets(sheets: ListSheetSpec[], lang: 'vi' | 'en'): Promise<ValidateJson> {
    const file = path.join(tmp.path, `Tram Tau - danh sach ho 2022 (${++listFiles}).xlsx`);
    if (hasOpenpyxl()) writeListOpenpyxl(file, sheets);
    else await writeListExcelJs(file, sheets);
    return validateJson([file], lang);
  }

  it('is said by its position ("#2"), never by its tab, in every finding and in the JSON', async () => {
    // Found by an independent tester: a tab "Nguyễn Văn An 1962" was printed in every finding of
    // its rows. The names here are invented.
    const placed = listSheet('Xã Túc Đán', TITLE, households());
    const person = listSheet('Nguyễn Văn Giấutên 1962', TITLE, [hh('P01'), hh('P01')]);
    const head = listSheet('Hộ ông Lò Văn Giấutên', TITLE, [hh('T01')]);
    const hidden = { ...listSheet('Giấutên Thị Ẩn 1970', TITLE, [hh('H01')]), hidden: true };
    const words = listSheet('DS hộ nghèo 2022', TITLE, [hh('W01')]);
    // A sheet beside the lists, no list, named after the head it is about.
    const note = {
      name: 'Giấutên Văn Khác 1965',
      rows: [['Ghi chú'], ['Hộ chuyển đi']],
      merges: [],
    };
    for (const lang of ['vi', 'en'] as const) {
      const sheets = [placed, person, head, hidden, words, note];
      const doc = await readSheets(sheets, lang);
      const file = doc.files[0]?.file ?? '';
      let terminal = '';
      await validate({
        paths: [file],
        json: false,
        lang,
        verbose: true,
        chalk: new Chalk({ level: 0 }),
        write: (t) => (terminal += t),
      });
      expect(terminal, lang).toContain('#2');
      for (const text of [JSON.stringify(doc), terminal]) {
        expect(text, lang).not.toContain('Giấutên');
        // A year as a word of its own: not the same digits inside a file's SHA-256 or size (a new
        // digest at each run, as the writer stamps the file's time: the test failed once so).
        for (const year of ['1962', '1965', '1970'])
          expect(text, lang).not.toMatch(new RegExp(`(?<![0-9a-f])${year}(?![0-9a-f])`));
      }
      expect(doc.findings.find((f) => f.code === 'extra-sheet')?.sheet, lang).toBe('#6');
      // The repeated code within sheet 2, and T01 of sheet 3 repeating sheet 1's: each points
      // to the first by the sheet's position.
      const repeated = doc.findings.filter((f) => f.code.startsWith('list-code-'));
      const repeats = repeated.map((f) => [f.sheet, f.cell]);
      expect(repeats, lang).toEqual([
        ['#2', 'C6'],
        ['#3', 'C5'],
      ]);
      expect(repeated[0]?.message, lang).toContain('#2!C5');
      expect(repeated[1]?.message, lang).toContain('Xã Túc Đán!C5');
      // The hidden draft set aside, by its position too.
      const skipped = doc.findings.find((f) => f.code === 'list-hidden-sheet-skipped');
      expect(skipped?.sheet, lang).toBe('#4');
      // A tab that reads as a place, or as the list's own words, is still named.
      const f = doc.files[0] as unknown as { households: { sheets: { sheet: string }[] } };
      expect(f.households.sheets.map((s) => s.sheet).sort(), lang).toEqual([
        '#2',
        '#3',
        'DS hộ nghèo 2022',
        'Xã Túc Đán',
      ]);
    }
  });
});
