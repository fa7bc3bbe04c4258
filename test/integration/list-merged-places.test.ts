/**
 * A province-wide household list whose district is written once over its households: the cell
 * merged down over them, or the column filled only where the district changes. Every household
 * is its district's, read whole or streamed (a streamed sheet's merged ranges come after its
 * rows, so the cell above decides). Before, only a district's first household had a district:
 * the others were counted for no unit and the list was accepted. A commune under a blank district
 * cell that is not the district above's is an error at its cell, never moved silently.
 * Every list is SYNTHETIC (invented households; Trạm Tấu's and Mù Cang Chải's registered
 * communes), written by openpyxl (and exceljs).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckedFile } from '../../src/commands/check-files.js';
import { lastSheetScan } from '../../src/io/read-xlsx-large.js';
import { checkOne } from '../helpers/build.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import {
  hasOpenpyxl,
  listHousehold,
  listRow,
  listSheet,
  writeListExcelJs,
  writeListOpenpyxl,
  type ListCell,
  type ListSheetSpec,
} from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-list-merged-places-');
const HEAD = { name: 'Sùng Thị Giả Danh', birthYear: 1935 };
const TITLE = 'DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO TỈNH YÊN BÁI NĂM 2022';
const withOpenpyxl = hasOpenpyxl() ? it : it.skip;
if (!hasOpenpyxl())
  console.warn('list-merged-places: openpyxl (python3-openpyxl) not found, skipped');

/** Per district (its code and cell text), its communes with their poor and near-poor households. */
const PLACES = [
  {
    code: '139',
    district: 'Huyện Trạm Tấu',
    communes: [
      { name: 'Xã Túc Đán', poor: 70, near: 20 },
      { name: 'Xã Pá Lau', poor: 30, near: 10 },
    ],
  },
  {
    code: '137',
    district: 'Huyện Mù Cang Chải',
    communes: [
      { name: 'Xã Hồ Bốn', poor: 40, near: 15 },
      { name: 'Xã Nậm Có', poor: 50, near: 5 },
    ],
  },
];

/**
 * The list: the district (G) and commune (H) columns inserted after "Dân tộc", the district
 * written on its first household's row only (merged down over the others when `merge`), more
 * rows than the streamed reader reads to recognise a sheet. `moved` writes the households of a
 * Mù Cang Chải commune with a blank district cell under Trạm Tấu's.
 */
function provinceList(merge: boolean, moved = false, copyHeading = false): ListSheetSpec {
  const sheet = listSheet('Danh sách', TITLE, []);
  const [heading, numbers] = [sheet.rows[2] ?? [], sheet.rows[3] ?? []];
  heading.splice(6, 0, 'Huyện', 'Xã');
  numbers.splice(6, 0, null, null);
  sheet.merges = ['L3:W3'];
  let n = 0;
  const places = moved
    ? [
        {
          ...PLACES[0],
          communes: [...(PLACES[0]?.communes ?? []), { name: 'Xã Hồ Bốn', poor: 1, near: 0 }],
        },
      ]
    : PLACES;
  for (const p of places) {
    const top = sheet.rows.length + 1;
    for (const c of p.communes)
      for (let i = 0; i < c.poor + c.near; i++) {
        const h = listHousehold(
          `${p.code}-${++n}`,
          HEAD,
          i < c.poor ? {} : { scoreB: 10, flags: 1, classification: 'Hộ cận nghèo' },
        );
        const row: ListCell[] = listRow(h, n);
        row.splice(6, 0, sheet.rows.length + 1 === top ? (p.district ?? null) : null, c.name);
        sheet.rows.push(row);
        // A page's heading kept as a row inside the district's merged cell (its "Huyện" under
        // the merge, so blank).
        if (copyHeading && n === 50) sheet.rows.push(heading.map((t, k) => (k === 6 ? null : t)));
      }
    if (merge) sheet.merges.push(`G${top}:G${sheet.rows.length}`);
  }
  return sheet;
}

/** Households, poor and near-poor per unit and commune, as the list gives them. */
function figures(f: CheckedFile): Record<string, [number, unknown, unknown]> {
  const out: Record<string, [number, unknown, unknown]> = {};
  for (const t of f.list?.tallies ?? [])
    out[`${t.unit ?? '?'} ${t.subunit ?? '?'}`] = [
      t.householdRows,
      t.values.poor,
      t.values.near_poor,
    ];
  return out;
}

const TRUTH = Object.fromEntries(
  PLACES.flatMap((p) =>
    p.communes.map((c) => [`${p.code} ${c.name}`, [c.poor + c.near, c.poor, c.near]]),
  ),
);

describe('a district written once over its households', () => {
  withOpenpyxl(
    'merged down: each household is its district’s, read whole or streamed',
    async () => {
      const file = path.join(tmp.path, 'Yen Bai - danh sach ho 2022.xlsx');
      writeListOpenpyxl(file, [provinceList(true)]);
      const whole = await checkOne(file);
      expect(whole.findings.filter((x) => x.severity === 'error')).toEqual([]);
      expect(figures(whole)).toEqual(TRUTH);
      const streamed = await checkOne(file, { maxCells: 200 });
      expect(lastSheetScan()).not.toBeNull();
      expect(figures(streamed)).toEqual(TRUTH);
      expect(streamed.findings).toEqual(whole.findings);
    },
  );

  withOpenpyxl('a heading copied inside the merged cell is no household', async () => {
    const file = path.join(tmp.path, 'Yen Bai - danh sach ho 2022 (tieu de lap).xlsx');
    writeListOpenpyxl(file, [provinceList(true, false, true)]);
    const f = await checkOne(file);
    expect(f.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(figures(f)).toEqual(TRUTH);
    // 4 heading rows and 50 households above it.
    const repeated = f.findings.filter((x) => x.code === 'list-heading-repeated');
    expect(repeated.map((x) => x.row)).toEqual([55]);
  });

  it('filled only where it changes: the same', async () => {
    const file = path.join(tmp.path, 'Yen Bai - danh sach ho 2022 (khong gop o).xlsx');
    await writeListExcelJs(file, [provinceList(false)]);
    const f = await checkOne(file);
    expect(f.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(figures(f)).toEqual(TRUTH);
  });

  withOpenpyxl(
    'a commune of another district under a blank district cell is an error at it',
    async () => {
      const file = path.join(tmp.path, 'Yen Bai - danh sach ho 2022 (lech).xlsx');
      writeListOpenpyxl(file, [provinceList(true, true)]);
      const f = await checkOne(file);
      expect(f.valid).toBe(false);
      const unknown = f.findings.filter((x) => x.code === 'list-commune-unknown');
      // The Hồ Bốn household is the last of Trạm Tấu's rows: 4 heading rows, 130 households before.
      expect(unknown.map((x) => [x.cell, x.unit])).toEqual([['H135', '139']]);
    },
  );
});
