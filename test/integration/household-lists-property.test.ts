/**
 * The figures a household list gives equal the generator's truth (issue 11), for any list
 * fast-check makes: households of every class (poor, near-poor, above the line) with random
 * scores, flags, ethnicity and member rows (their household's STT cell blank, "-" or "–"), the
 * flags headed by number ("5" under the group heading, "CS5", "Chỉ số 5" with or without it), a
 * district column or none ("Huyện Trạm Tấu", "Trạm Tấu", "H. Trạm Tấu"),
 * written by exceljs as an xlsx and as a CSV, read and tallied by povreport. The truth is counted
 * here from the generated households, by the standard's rule (A ≤ 140 in a rural commune; poor
 * with three flags or more), not by povreport.
 * Every list is SYNTHETIC (Trạm Tấu's Xã Túc Đán, invented households).
 */
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, prepareRun } from '../../src/commands/load-data.js';
import type { Values } from '../../src/core/consolidate.js';
import type { PreparedRun } from '../../src/core/validate-book.js';
import { validateBook } from '../../src/core/validate-book.js';
import { readSubmissionFile } from '../../src/io/read-file.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import {
  listRow,
  listSheet,
  writeListCsv,
  writeListExcelJs,
  type ListCell,
  type ListHousehold,
  type ListSheetOptions,
  type ListSheetSpec,
  TRAM_TAU_LIST_TITLE,
} from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-lists-prop-');
const TITLE = TRAM_TAU_LIST_TITLE;
const RURAL_LINE = 140;

let run: PreparedRun;
let indicators: string[];

beforeAll(async () => {
  const cat = await loadCatalogue();
  run = prepareRun(cat);
  indicators = cat.standard.indicators.map((i) => i.id);
});

/** One generated household and the class its scores give. */
interface Gen {
  scoreA: number;
  flags: boolean[];
  minority: boolean;
  members: number;
  memberRows: number;
  flagWord: string;
  set: number;
  cls: 'poor' | 'nearPoor' | 'other';
}

/** One generated household: its class follows from its scores, as a correct list writes it. */
const household: fc.Arbitrary<Gen> = fc
  .record({
    scoreA: fc.integer({ min: 0, max: 300 }),
    flags: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    minority: fc.boolean(),
    members: fc.integer({ min: 1, max: 9 }),
    memberRows: fc.integer({ min: 0, max: 2 }),
    flagWord: fc.constantFrom('x', 'X', '1', 'có', '✓'),
  })
  .map((h) => {
    const set = h.flags.filter(Boolean).length;
    const cls: Gen['cls'] = h.scoreA > RURAL_LINE ? 'other' : set >= 3 ? 'poor' : 'nearPoor';
    return { ...h, set, cls };
  });

function toRows(list: Gen[], prefix = 'TD'): ListHousehold[] {
  return list.map((h, i) => ({
    code: `${prefix}${String(i + 1).padStart(5, '0')}`,
    name: 'Hộ Giả Định',
    birthYear: 1950,
    ethnicity: h.minority ? 'Mông' : 'Kinh',
    members: h.members,
    scoreA: h.scoreA,
    scoreB: 10 * h.set,
    flags: 0,
    flagCells: h.flags.map((f) => (f ? h.flagWord : null)),
    classification:
      h.cls === 'poor'
        ? 'Hộ nghèo'
        : h.cls === 'nearPoor'
          ? 'Hộ cận nghèo'
          : 'Hộ có mức sống trung bình',
    memberNames: Array.from({ length: h.memberRows }, () => 'Người Giả Định'),
  }));
}

/** The figures counted from the generated households themselves. */
function truth(list: Gen[]): Values {
  const v: Values = {};
  for (const [cls, id] of [
    ['poor', 'poor'],
    ['nearPoor', 'near_poor'],
  ] as const) {
    const group = list.filter((h) => h.cls === cls);
    v[id] = group.length;
    v[`${id}_ethnic_minority`] = group.filter((h) => h.minority).length;
    let total = 0;
    indicators.forEach((ind, k) => {
      const n = group.filter((h) => h.flags[k]).length;
      v[`${id}_lack_${ind}`] = n;
      total += n;
    });
    v[`${id}_deprivations`] = total;
  }
  return v;
}

async function tallied(file: string) {
  const read = await readSubmissionFile(file, { displayPath: file });
  const report = validateBook(
    {
      file,
      fileName: path.basename(file),
      folderName: 'danh-sach',
      sheets: read.sheets,
      read: read.info,
      readFindings: read.findings,
    },
    run,
    { lang: 'vi' },
  );
  return report;
}

/**
 * How a list heads its twelve flags (numbered under a group heading, "CS5", "Chỉ số 5", with or
 * without the group heading) and what its member rows write in the household's STT column.
 */
const layout = fc.record({
  flagHeading: fc.constantFrom<(k: number) => ListCell>(
    (k) => k,
    (k) => `CS${k}`,
    (k) => `CS ${k}`,
    (k) => `Chỉ số ${k}`,
  ),
  flagGroup: fc.constantFrom<string | null>('Các chỉ số thiếu hụt', null),
  memberStt: fc.constantFrom<ListCell>(null, '-', '–'),
  /** A district column after the others, as a province-wide list has (null: none). */
  district: fc.constantFrom<string | null>(
    null,
    'Huyện Trạm Tấu',
    'Trạm Tấu',
    'H. Trạm Tấu',
    'H.Trạm Tấu',
  ),
});

/** The sheet with a district column added last, written on each household's row. */
function withDistrict(sheet: ListSheetSpec, district: string | null): ListSheetSpec {
  if (district === null) return sheet;
  const rows = sheet.rows.map((r, i): ListCell[] =>
    i === 2 ? [...r, 'Huyện'] : i > 3 && typeof r[0] === 'number' ? [...r, district] : r,
  );
  return { ...sheet, rows, merges: [...sheet.merges, 'W3:W4'] };
}

/** A bare number heads an indicator only under the group heading: the other layouts. */
const readable = (l: ListSheetOptions): boolean => l.flagGroup !== null || l.flagHeading?.(1) !== 1;

let n = 0;

describe('a generated list, written and read back, gives the generator’s figures', () => {
  for (const format of ['xlsx', 'csv'] as const)
    it(`as ${format}`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(household, { minLength: 1, maxLength: 40 }),
          layout.filter(readable),
          async (list, opts) => {
            const file = path.join(tmp.path, `Xã Túc Đán ${++n}.${format}`);
            const sheet = withDistrict(
              listSheet('Xã Túc Đán', `${TITLE} - XÃ TÚC ĐÁN`, toRows(list), opts),
              opts.district,
            );
            if (format === 'xlsx') await writeListExcelJs(file, [sheet]);
            else writeListCsv(file, sheet);
            const report = await tallied(file);
            expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
            const tallies = report.list?.tallies ?? [];
            expect(tallies.map((t) => [t.unit, t.subunit])).toEqual([['139', 'Xã Túc Đán']]);
            const t = tallies[0];
            expect(t?.householdRows).toBe(list.length);
            expect(t?.memberRows).toBe(list.reduce((s, h) => s + h.memberRows, 0));
            expect(t?.values).toMatchObject(truth(list));
          },
        ),
        { numRuns: 25 },
      );
    }, 120_000);
});

/** Trạm Tấu's communes a pasted list's blocks are drawn from. */
// Rural ones: the generator classes households by the rural line.
const COMMUNES = ['Xã Túc Đán', 'Xã Pá Lau', 'Xã Xà Hồ', 'Xã Phình Hồ', 'Xã Tà Si Láng'];

/**
 * One block of a district's list pasted from its communes' lists: its households, how its line
 * names the commune (a title in capitals or a sentence), and whether the heading rows were copied
 * under it (and the column numbers under them).
 */
const block = fc.record({
  households: fc.array(household, { minLength: 1, maxLength: 12 }),
  title: fc.constantFrom<(c: string) => string>(
    (c) => `DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO ${c.toUpperCase()} NĂM 2022`,
    (c) => `Danh sách hộ nghèo, hộ cận nghèo ${c}`,
    (c) => c,
  ),
  heading: fc.boolean(),
  numbers: fc.boolean(),
});

describe('a generated district list pasted from its communes’ lists, read back', () => {
  it('gives each commune the generator’s figures (xlsx)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .shuffledSubarray(COMMUNES, { minLength: 1 })
          .chain((cs) => fc.tuple(...cs.map((c) => block.map((b) => ({ commune: c, ...b }))))),
        async (pasted) => {
          const file = path.join(tmp.path, `Tram Tau - danh sach ho nam 2022 (${++n}).xlsx`);
          const [first, ...rest] = pasted;
          if (!first) return;
          const sheet = listSheet('Danh sách', first.title(first.commune), []);
          const heading = sheet.rows.slice(2, 4);
          const numbers: ListCell[] = Array.from({ length: 22 }, (_, i) => i + 1);
          const put = (b: typeof first, k: number): void => {
            toRows(b.households, `K${k}-`).forEach((h, i) => {
              sheet.rows.push(listRow(h, i + 1));
              for (const m of h.memberNames ?? []) sheet.rows.push([null, null, null, m, 1990]);
            });
          };
          if (first.numbers) sheet.rows.push(numbers);
          put(first, 0);
          rest.forEach((b, k) => {
            sheet.rows.push([], [b.title(b.commune)]);
            if (b.heading) {
              sheet.rows.push(...heading.map((r) => [...r]));
              if (b.numbers) sheet.rows.push(numbers);
            }
            put(b, k + 1);
          });
          await writeListExcelJs(file, [sheet]);
          const report = await tallied(file);
          expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
          const got: Record<string, unknown> = Object.fromEntries(
            (report.list?.tallies ?? []).map((t): [string, unknown] => [
              t.subunit ?? '',
              [t.householdRows, t.values],
            ]),
          );
          const want: Record<string, unknown> = Object.fromEntries(
            pasted.map((b) => [
              b.commune,
              [
                b.households.length,
                expect.objectContaining(truth(b.households)) as unknown,
              ] as const,
            ]),
          );
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
