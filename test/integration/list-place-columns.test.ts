/**
 * A household list's commune column found by what its cells hold when no heading says "xã"
 * (structure decides, spelling is a hint): a column naming the unit's communes on every
 * household row is the commune column, whatever its heading ("Địa bàn", "Đơn vị", none); two
 * such columns that disagree are an error, never a guess; a column naming a commune on some rows
 * only is not read as one. And a hidden list sheet beside a visible one (a draft, last year's) is
 * not counted. Every list here is SYNTHETIC (Trạm Tấu's registered communes,
 * invented households), written by openpyxl when it is installed and by exceljs.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ValidateJson } from '../../src/commands/validate.js';
import { validateJson } from '../helpers/validate-json.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import {
  hasOpenpyxl,
  listHousehold,
  listSheet,
  writeListExcelJs,
  writeListOpenpyxl,
  type ListCell,
  type ListHousehold,
  type ListSheetSpec,
  TRAM_TAU_LIST_TITLE,
} from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-list-commune-column-');
/** Files written so far: each list its own name (a random one may hold a birth year's digits). */
let listFiles = 0;

const WRITERS = [
  ['exceljs', writeListExcelJs],
  ...(hasOpenpyxl() ? [['openpyxl', writeListOpenpyxl] as const] : []),
] as const;

/** Another writer than ours when there is one (openpyxl), else exceljs. */
const OTHER = (WRITERS.at(-1) ?? WRITERS[0])[1];

function hh(code: string, over: Partial<ListHousehold> = {}): ListHousehold {
  return listHousehold(code, { name: 'Giàng Thị Giả', birthYear: 1931 }, over);
}

const NEAR = { scoreB: 10, flags: 1, members: 3, classification: 'Hộ cận nghèo' };

/**
 * Five households (Túc Đán: two poor, one near-poor; Pá Lau: one poor, one near-poor) on a sheet
 * named after no commune, with extra columns inserted after "Dân tộc" (column G on): each a
 * heading and one cell per household.
 */
function sheetWith(...extra: { heading: ListCell; cells: ListCell[] }[]): ListSheetSpec {
  const list = [hh('T01'), hh('T02'), hh('T03', NEAR), hh('P01'), hh('P02', NEAR)];
  const sheet = listSheet('Danh sách hộ', TRAM_TAU_LIST_TITLE, list);
  // Rows: title, blank, heading, flag numbers, then the households.
  sheet.rows.forEach((row, r) => {
    const added = extra.map((x) =>
      r === 2 ? x.heading : r >= 4 ? (x.cells[r - 4] ?? null) : null,
    );
    if (r >= 2) row.splice(6, 0, ...added);
  });
  sheet.merges = [];
  return sheet;
}

const COMMUNES = ['Xã Túc Đán', 'Xã Túc Đán', 'Xã Túc Đán', 'Xã Pá Lau', 'Xã Pá Lau'];

async function read(
  sheets: ListSheetSpec | ListSheetSpec[],
  write: (file: string, sheets: ListSheetSpec[]) => unknown,
): Promise<ValidateJson> {
  const file = path.join(tmp.path, `Tram Tau - danh sach ho 2022 (${++listFiles}).xlsx`);
  await write(file, Array.isArray(sheets) ? sheets : [sheets]);
  return validateJson([file]);
}

interface Commune {
  subunit: string | null;
  household_rows: number;
  values: Record<string, number>;
}

/**
 * A province-wide list (no one unit in its title): four communes of three districts, three
 * households each, the district and commune columns under `headings` (G, H).
 */
function provinceSheet(headings: [ListCell, ListCell]): ListSheetSpec {
  const places = [
    ['Huyện Trạm Tấu', 'Xã Túc Đán'],
    ['Huyện Trạm Tấu', 'Xã Pá Lau'],
    ['Huyện Lục Yên', 'Xã An Phú'],
    ['Thị xã Nghĩa Lộ', 'Xã Nghĩa Lợi'],
  ];
  const list = places.flatMap((_, p) => [0, 1, 2].map((k) => hh(`H${p}${k}`, k === 2 ? NEAR : {})));
  const sheet = listSheet('Danh sách hộ', 'DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2022', list);
  sheet.rows.forEach((row, r) => {
    const place = places[Math.floor((r - 4) / 3)] ?? [null, null];
    if (r === 2) row.splice(6, 0, ...headings);
    else if (r >= 4) row.splice(6, 0, ...place);
    else if (r === 3) row.splice(6, 0, null, null);
  });
  sheet.merges = [];
  return sheet;
}

/** Households, poor and near-poor households by commune ("-" for none named). */
function byCommune(doc: ValidateJson): Record<string, [number, number, number]> {
  const f = doc.files[0] as unknown as { households?: { communes: Commune[] } };
  return Object.fromEntries(
    (f.households?.communes ?? []).map((c) => [
      c.subunit ?? '-',
      [c.household_rows, c.values.poor ?? 0, c.values.near_poor ?? 0],
    ]),
  );
}

const coded = (doc: ValidateJson, severity: string): string[] =>
  doc.findings.filter((f) => f.severity === severity).map((f) => `${f.code} ${f.cell ?? ''}`);

/** Households by district code and commune. */
function byPlace(doc: ValidateJson): Record<string, number> {
  const f = doc.files[0] as unknown as {
    households?: { communes: (Commune & { unit: string | null })[] };
  };
  return Object.fromEntries(
    (f.households?.communes ?? []).map((c) => [
      `${c.unit ?? '-'} ${c.subunit ?? '-'}`,
      c.household_rows,
    ]),
  );
}

const SPLIT = { 'Xã Túc Đán': [3, 2, 1], 'Xã Pá Lau': [2, 1, 1] };

describe('a list’s commune column found by its cells', () => {
  for (const [writer, write] of WRITERS)
    it(`a column naming the unit’s communes is the commune column, headed or not (${writer})`, async () => {
      for (const heading of [null, 'Địa bàn', 'Đơn vị']) {
        const doc = await read(sheetWith({ heading, cells: COMMUNES }), write);
        const said = `${writer} ${String(heading)}`;
        expect(coded(doc, 'error'), said).toEqual([]);
        expect(coded(doc, 'warning'), said).toEqual([]);
        expect(byCommune(doc), said).toEqual(SPLIT);
        // Told at the column's heading cell (row 3), so that a clerk can see which was read.
        expect(coded(doc, 'info'), said).toContain('list-place-column-by-content G3');
        const told = doc.findings.find((f) => f.code === 'list-place-column-by-content');
        expect(told?.message, said).toContain(heading === null ? 'không có tiêu đề' : heading);
      }
    });

  it('a commune written once over its households (blank below) is read as filled down', async () => {
    const cells = ['Túc Đán', null, null, 'Pá Lau', null];
    const doc = await read(sheetWith({ heading: null, cells }), OTHER);
    expect(coded(doc, 'error')).toEqual([]);
    expect(byCommune(doc)).toEqual(SPLIT);
  });

  it('two columns naming communes that disagree on a row are an error at that row, not a guess', async () => {
    const other = [...COMMUNES];
    other[4] = 'Xã Túc Đán';
    const doc = await read(
      sheetWith({ heading: null, cells: COMMUNES }, { heading: 'Ghi chú', cells: other }),
      OTHER,
    );
    // Household rows 5–9: the fifth, row 9, differs; the second column is H.
    expect(coded(doc, 'error')).toEqual(['list-place-columns-disagree H9']);
    expect(Object.keys(byCommune(doc))).toEqual(['-']);
    // Two columns that agree row by row give one reading.
    const same = await read(
      sheetWith({ heading: null, cells: COMMUNES }, { heading: 'Ghi chú', cells: COMMUNES }),
      OTHER,
    );
    expect(coded(same, 'error')).toEqual([]);
    expect(byCommune(same)).toEqual(SPLIT);
  });

  it('a column naming a commune on some rows only, or villages, is not the commune column', async () => {
    for (const cells of [
      ['Xã Túc Đán', 'chuyển đến', null, null, null],
      [null, 'Xã Túc Đán', null, null, null],
      ['Bản Túc Đán', 'Bản Túc Đán', 'Bản Túc Đán', 'Bản Pá Lau', 'Bản Pá Lau'],
    ]) {
      const doc = await read(sheetWith({ heading: 'Ghi chú', cells }), OTHER);
      expect(coded(doc, 'info'), String(cells)).not.toContain('list-place-column-by-content G3');
      expect(Object.keys(byCommune(doc)), String(cells)).toEqual(['-']);
    }
  });

  it('a province-wide list’s district and commune columns, headed otherwise or not at all, are read by their cells', async () => {
    const truth = {
      '139 Xã Túc Đán': 3,
      '139 Xã Pá Lau': 3,
      '135 Xã An Phú': 3,
      '133 Xã Nghĩa Lợi': 3,
    };
    for (const headings of [
      ['Huyện', 'Xã'],
      ['Đơn vị', 'Xã'],
      [null, null],
      ['Huyện', 'Địa bàn'],
    ] as [ListCell, ListCell][]) {
      const said = headings.join(' | ');
      const doc = await read(provinceSheet(headings), OTHER);
      expect(coded(doc, 'error'), said).toEqual([]);
      expect(byPlace(doc), said).toEqual(truth);
      const told = coded(doc, 'info').filter((c) => c.startsWith('list-place-column'));
      expect(told, said).toEqual([
        ...(headings[0] === 'Huyện' ? [] : ['list-place-column-by-content G3']),
        ...(headings[1] === 'Xã' ? [] : ['list-place-column-by-content H3']),
      ]);
    }
  });
});

describe('a hidden list sheet beside a visible one', () => {
  for (const [writer, write] of WRITERS)
    it(`is not counted, neither its households nor its title's year, and is said (${writer})`, async () => {
      // Found by an independent prober: a hidden draft of the same commune's list was added in.
      const visible = listSheet('Túc Đán', TRAM_TAU_LIST_TITLE, [hh('T01'), hh('T02', NEAR)]);
      const draft = listSheet(
        'Túc Đán (cũ)',
        'DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO HUYỆN TRẠM TẤU NĂM 2021',
        [hh('T01'), hh('T02'), hh('T03')],
      );
      const doc = await read([visible, { ...draft, hidden: true }], write);
      expect(doc.files[0]?.period, writer).toBe('2022');
      expect(coded(doc, 'error'), writer).toEqual([]);
      expect(coded(doc, 'warning'), writer).toEqual(['list-hidden-sheet-skipped ']);
      expect(byCommune(doc), writer).toEqual({ 'Xã Túc Đán': [2, 1, 1] });
    });
});
