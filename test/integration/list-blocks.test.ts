/**
 * A district's household list made of its communes' lists pasted one under another in one sheet,
 * with no commune column: each block opens with a line naming its commune ("DANH SÁCH HỘ NGHÈO,
 * HỘ CẬN NGHÈO XÃ PÁ LAU NĂM 2022"), often with the heading rows copied too. Each block's
 * households are that commune's, the copied headings are no households, and both are said
 * (`list-block-commune`, `list-heading-repeated`). Before, every household was counted for the
 * first commune and the list accepted, and a copied heading was read as a household.
 * The lists are SYNTHETIC (made-up names and birth years), written by openpyxl (and the same
 * sheet as CSV); the communes are Trạm Tấu's.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckedFile } from '../../src/commands/check-files.js';
import { findingMessage } from '../../src/core/finding.js';
import { lastSheetScan } from '../../src/io/read-xlsx-large.js';
import { checkOne } from '../helpers/build.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import {
  hasOpenpyxl,
  listHousehold,
  listRow,
  listSheet,
  writeListCsv,
  writeListOpenpyxl,
  type ListCell,
  type ListHousehold,
  type ListSheetSpec,
} from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-list-blocks-');
const HEAD = { name: 'Vàng Thị Giả Danh', birthYear: 1931 };
const withOpenpyxl = hasOpenpyxl() ? it : it.skip;
if (!hasOpenpyxl()) console.warn('list-blocks: openpyxl (python3-openpyxl) not found, skipped');

/** A commune's households: `poor` poor ones and `near` near-poor ones, codes starting `prefix`. */
function households(prefix: string, poor: number, near: number): ListHousehold[] {
  return [
    ...Array.from({ length: poor }, (_, i) => listHousehold(`${prefix}${i + 1}`, HEAD)),
    ...Array.from({ length: near }, (_, i) =>
      listHousehold(`${prefix}${poor + i + 1}`, HEAD, {
        scoreB: 10,
        flags: 1,
        classification: 'Hộ cận nghèo',
      }),
    ),
  ];
}

// More rows than the streamed reader reads to recognise a sheet (HEAD_ROWS), so that the blocks
// after the first come through the streamed path too.
const BLOCKS: { commune: string; poor: number; near: number; heading: boolean }[] = [
  { commune: 'Xã Túc Đán', poor: 60, near: 20, heading: true },
  { commune: 'Xã Pá Lau', poor: 50, near: 30, heading: true },
  // Its title line only, no heading copied.
  { commune: 'Xã Xà Hồ', poor: 40, near: 25, heading: false },
];

/** The pasted list, and the 1-based rows of each block's title and of the copied headings. */
function pastedList(): { sheet: ListSheetSpec; titles: number[]; headings: number[] } {
  const [first, ...rest] = BLOCKS;
  if (!first) throw new Error('no block');
  const title = (c: string): string =>
    `DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO ${c.toUpperCase()} NĂM 2022`;
  const sheet = listSheet(
    'Danh sách',
    title(first.commune),
    households('TD', first.poor, first.near),
  );
  const heading = sheet.rows.slice(2, 4);
  const titles: number[] = [];
  const headings: number[] = [];
  let code = 0;
  let above = first;
  for (const b of rest) {
    // The block above ends with its count on one line, naming its commune.
    sheet.rows.push([`Cộng ${above.commune}: ${above.poor + above.near} hộ`]);
    above = b;
    sheet.rows.push([]);
    sheet.rows.push([
      b.heading ? title(b.commune) : `Danh sách hộ nghèo, hộ cận nghèo ${b.commune}`,
    ]);
    titles.push(sheet.rows.length);
    if (b.heading) {
      sheet.rows.push([]);
      sheet.rows.push(...heading.map((r) => [...r]));
      headings.push(sheet.rows.length - 1);
      const top = sheet.rows.length - 1;
      sheet.merges.push(`J${top}:U${top}`);
    }
    code++;
    households(`B${code}-`, b.poor, b.near).forEach((h, i) => {
      sheet.rows.push(listRow(h, i + 1));
    });
  }
  return { sheet, titles, headings };
}

const TRUTH = Object.fromEntries(BLOCKS.map((b) => [b.commune, [b.poor + b.near, b.poor, b.near]]));

/** The households, poor and near-poor each commune's figures give (null: not derived). */
function derived(f: CheckedFile): Record<string, [number, unknown, unknown]> {
  const out: Record<string, [number, unknown, unknown]> = {};
  for (const t of f.list?.tallies ?? [])
    if (t.subunit !== null) out[t.subunit] = [t.householdRows, t.values.poor, t.values.near_poor];
  return out;
}

describe('communes’ lists pasted one under another', () => {
  withOpenpyxl(
    'each block is its commune’s, the copied headings no households (openpyxl)',
    async () => {
      const { sheet, titles, headings } = pastedList();
      const file = path.join(tmp.path, 'Tram Tau - danh sach ho 2022.xlsx');
      writeListOpenpyxl(file, [sheet]);
      const f = await checkOne(file);
      expect(f.unit?.code).toBe('139');
      expect(f.findings.filter((x) => x.severity === 'error')).toEqual([]);
      expect(f.valid).toBe(true);
      expect(derived(f)).toEqual(TRUTH);
      const blocks = f.findings.filter((x) => x.code === 'list-block-commune');
      expect(blocks.map((x) => [x.row, x.subunit])).toEqual([
        [titles[0], 'Xã Pá Lau'],
        [titles[1], 'Xã Xà Hồ'],
      ]);
      expect(blocks[0]?.cell).toBe(`A${titles[0]}`);
      const [, second] = blocks;
      if (!second) throw new Error('no second block');
      expect(findingMessage(second, 'vi')).toContain(`Dòng ${titles[1]} ghi tên Xã Xà Hồ`);
      // The first copied heading row is said, the others counted in its message.
      const repeated = f.findings.filter((x) => x.code === 'list-heading-repeated');
      const [once, ...more] = repeated;
      expect(more).toEqual([]);
      expect(once?.row).toBe(headings[0]);
      if (once)
        expect(findingMessage(once, 'en')).toContain(`Row ${headings[0]} (and 1 other rows)`);
    },
  );

  it('read the same from a CSV of the sheet', async () => {
    const { sheet } = pastedList();
    const file = path.join(tmp.path, 'Tram Tau - danh sach ho 2022.csv');
    writeListCsv(file, sheet);
    const f = await checkOne(file);
    expect(f.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(derived(f)).toEqual(TRUTH);
  });

  withOpenpyxl('read the same when the file is too large to hold and is streamed', async () => {
    const { sheet } = pastedList();
    const file = path.join(tmp.path, 'Tram Tau - danh sach ho 2022 (lon).xlsx');
    writeListOpenpyxl(file, [sheet]);
    const whole = await checkOne(file);
    const streamed = await checkOne(file, { maxCells: 200 });
    expect(lastSheetScan()).not.toBeNull();
    expect(derived(streamed)).toEqual(TRUTH);
    expect(streamed.findings).toEqual(whole.findings);
  });

  withOpenpyxl(
    'a heading copied inside one commune’s list, with its column numbers, is no household',
    async () => {
      const hs = households('TD', 5, 2);
      const sheet = listSheet(
        'Túc Đán',
        'DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO XÃ TÚC ĐÁN NĂM 2022',
        [],
      );
      const numbers: ListCell[] = Array.from({ length: 22 }, (_, i) => i + 1);
      sheet.rows.push(numbers);
      const heading = sheet.rows.slice(2, 5);
      hs.forEach((h, i) => {
        sheet.rows.push(listRow(h, i + 1));
        // A page's heading kept as rows, after the fourth household.
        if (i === 3) sheet.rows.push(...heading.map((r) => [...r]));
      });
      const file = path.join(tmp.path, 'Tuc Dan - danh sach ho 2022.xlsx');
      writeListOpenpyxl(file, [sheet]);
      const f = await checkOne(file);
      expect(f.findings.filter((x) => x.severity === 'error')).toEqual([]);
      expect(derived(f)).toEqual({ 'Xã Túc Đán': [7, 5, 2] });
      const repeated = f.findings.filter((x) => x.code === 'list-heading-repeated');
      expect(repeated.map((x) => x.row)).toEqual([10]);
      expect(f.findings.some((x) => x.code === 'list-block-commune')).toBe(false);
    },
  );

  withOpenpyxl(
    'a line naming two communes over a block is an error; a note naming two is not',
    async () => {
      const sheet = listSheet(
        'Danh sách',
        'DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO XÃ TÚC ĐÁN NĂM 2022',
        households('TD', 3, 1),
      );
      sheet.rows.push([], ['Danh sách hộ nghèo xã Pá Lau và xã Xà Hồ']);
      const line = sheet.rows.length;
      households('PX', 2, 2).forEach((h, i) => sheet.rows.push(listRow(h, i + 1)));
      const file = path.join(tmp.path, 'Tram Tau - danh sach ho 2022 (hai xa).xlsx');
      writeListOpenpyxl(file, [sheet]);
      const f = await checkOne(file);
      const errors = f.findings.filter((x) => x.severity === 'error');
      expect(errors.map((x) => [x.code, x.cell])).toEqual([['list-block-ambiguous', `A${line}`]]);
      const [said] = errors;
      if (said)
        expect(findingMessage(said, 'vi')).toContain(
          'ghi tên nhiều xã (Xã Pá Lau, Xã Xà Hồ): không biết các hộ dưới dòng này thuộc xã nào',
        );
      // No commune's figures from the list: any might hold the block's households.
      expect(derived(f)).toEqual({
        'Xã Túc Đán': [8, null, null],
        'Xã Pá Lau': [0, null, null],
        'Xã Xà Hồ': [0, null, null],
      });

      const noted = listSheet(
        'Danh sách',
        'DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO XÃ TÚC ĐÁN NĂM 2022',
        households('TD', 3, 1),
      );
      noted.rows.push([], ['Ghi chú: 2 hộ chuyển đến từ xã Pá Lau và xã Xà Hồ trong năm']);
      const noteFile = path.join(tmp.path, 'Tram Tau - danh sach ho 2022 (ghi chu).xlsx');
      writeListOpenpyxl(noteFile, [noted]);
      const n = await checkOne(noteFile);
      expect(n.findings.filter((x) => x.severity === 'error')).toEqual([]);
      expect(derived(n)).toEqual({ 'Xã Túc Đán': [4, 3, 1] });
    },
  );
});
