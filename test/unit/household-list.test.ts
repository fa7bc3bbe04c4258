/**
 * A household list is recognised on a sheet's grid by its headings and structure (full,
 * abbreviated and numbered headings, multi-row merged headers, a title block), its rows read one
 * at a time (households, member rows, village and commune group rows), and every household
 * checked at its row. The lists here are synthetic: made-up codes, names and scores on the
 * shipped Yên Bái registry's communes.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/commands/load-data.js';
import type { Catalogue, UnitSpec } from '../../src/core/catalogue.js';
import type { CellRange, SheetCell, SheetGrid } from '../../src/core/grid.js';
import { scoringOf } from '../../src/core/household.js';
import {
  prepareListVocabulary,
  readFlag,
  recogniseList,
  type PreparedListVocabulary,
} from '../../src/core/household-list.js';
import { newCodeIndex, type CodeIndex } from '../../src/core/code-index.js';
import { createListReader } from '../../src/core/household-rows.js';

let cat: Catalogue;
let lv: PreparedListVocabulary;
let tramTau: UnitSpec;

beforeAll(async () => {
  cat = await loadCatalogue();
  const p = prepareListVocabulary(cat.vocabulary);
  if (!p) throw new Error('the shipped vocabulary has no household list words');
  lv = p;
  const u = cat.registry.units.find((x) => x.code === '139');
  if (!u) throw new Error('no Trạm Tấu in the registry');
  tramTau = u;
});

type Raw = string | number | null;

function grid(rows: Raw[][], merges: CellRange[] = [], name: string | null = 'DS'): SheetGrid {
  return {
    name,
    hidden: false,
    merges,
    rows: rows.map((r) =>
      r.map((v): SheetCell | undefined => (v === null || v === '' ? undefined : { value: v })),
    ),
  };
}

const FLAGS12 = Array.from({ length: 12 }, (_, i) => i + 1);
const NO_FLAGS = Array<Raw>(12).fill(null);

/** A flags row with the first `n` set as "x". */
function flags(n: number, mark: Raw = 'x'): Raw[] {
  return Array.from({ length: 12 }, (_, i) => (i < n ? mark : null));
}

/** A numbered list: title, two header rows (group heading over 1–12), households. */
function numberedList(body: Raw[][]): SheetGrid {
  const head1: Raw[] = [
    'STT',
    'Mã hộ',
    'Họ và tên chủ hộ',
    'Năm sinh',
    'Dân tộc',
    'Số nhân khẩu',
    'Điểm A',
    'Điểm B',
    'Các chỉ số thiếu hụt',
    ...Array<Raw>(11).fill(null),
    'Phân loại hộ',
  ];
  const head2: Raw[] = [null, null, null, null, null, null, null, null, ...FLAGS12, null];
  return grid(
    [['DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO XÃ TÚC ĐÁN NĂM 2022'], [], head1, head2, ...body],
    [
      { top: 2, left: 8, bottom: 2, right: 19 },
      ...[0, 1, 2, 3, 4, 5, 6, 7, 20].map((c) => ({ top: 2, left: c, bottom: 3, right: c })),
    ],
  );
}

describe('recognising a household list', () => {
  it('reads a numbered flags block under a group heading, in the standard order', () => {
    const g = numberedList([
      [1, 'H001', 'Nguyễn Văn Giả', 1970, 'Mông', 4, 120, 30, ...flags(3), 'Hộ nghèo'],
    ]);
    const { layout, problems } = recogniseList(g, cat.standard, lv);
    expect(problems).toEqual([]);
    expect(layout?.flags).toEqual(Array.from({ length: 12 }, (_, i) => 8 + i));
    expect(layout?.columns).toMatchObject({
      stt: 0,
      household_code: 1,
      head_name: 2,
      head_birth_year: 3,
      ethnicity: 4,
      members: 5,
      score_income: 6,
      score_deprivation: 7,
      classification: 20,
    });
    expect(layout?.dataStart).toBe(4);
  });

  it('reads abbreviated headings, B1/B2 scores and flags named by their words', () => {
    const names = cat.standard.indicators.map((i) => `Thiếu hụt ${i.name.vi}`);
    const g = grid([
      ['Mã HGĐ', 'Họ tên chủ hộ', 'Hộ DTTS', 'Số khẩu', 'B1', 'B2', ...names, 'Phân loại'],
      ['A1', 'Lò Thị Giả', 'x', 3, 150, 0, ...NO_FLAGS, 'Không nghèo'],
    ]);
    const { layout, problems } = recogniseList(g, cat.standard, lv);
    expect(problems).toEqual([]);
    expect(layout?.columns).toMatchObject({
      household_code: 0,
      head_name: 1,
      ethnic_minority: 2,
      members: 3,
      score_income: 4,
      score_deprivation: 5,
      classification: 18,
    });
    expect(layout?.flags).toHaveLength(12);
  });

  it('finds the code column however its heading is cut or run together', () => {
    const names = cat.standard.indicators.map((i) => `Thiếu hụt ${i.name.vi}`);
    // No head's name: the code alone says that the rows are households.
    const body: Raw[] = ['A1', 3, 150, 0, ...NO_FLAGS, 'Không nghèo'];
    const rest = ['Số khẩu', 'B1', 'B2', ...names, 'Phân loại'];
    // Numbered flags under their group heading: the band is two rows deep.
    const top: Raw[] = [
      'Số khẩu',
      'B1',
      'B2',
      'Các chỉ số thiếu hụt',
      ...NO_FLAGS.slice(1),
      'Phân loại',
    ];
    const numbers: Raw[] = [null, null, null, ...FLAGS12, null];
    const deep: CellRange[] = [
      { top: 0, left: 4, bottom: 0, right: 15 },
      ...[1, 2, 3, 16].map((c) => ({ top: 0, left: c, bottom: 1, right: c })),
    ];
    const shapes: [string, Raw[][], CellRange[]][] = [
      ['run together', [['MÃHỘ', ...rest], body], []],
      ['with a line break', [['Mã số\nhộ gia đình', ...rest], body], []],
      // Neither cell alone is a code heading, nor are their letters; the two read together are.
      ['over two rows', [['Mã (số) hộ gia', ...top], ['đình', ...numbers], body], deep],
    ];
    for (const [label, rows, merges] of shapes) {
      const { layout } = recogniseList(grid(rows, merges), cat.standard, lv);
      expect(layout?.columns.household_code, label).toBe(0);
      expect(layout?.columns.members, label).toBe(1);
    }
  });

  it('does not take a summary form or a note for a list', () => {
    const form = grid([
      ['STT', 'Tên xã', 'Tổng số hộ', 'Số hộ nghèo', 'Tỷ lệ hộ nghèo'],
      [1, 'Xã Túc Đán', 500, 120, 24],
    ]);
    expect(recogniseList(form, cat.standard, lv).layout).toBeNull();
    expect(
      recogniseList(grid([['Ghi chú'], ['Nộp trước ngày 10']]), cat.standard, lv).layout,
    ).toBeNull();
  });

  it('says so when the flags block is incomplete, and when two columns could be score B', () => {
    const g = grid([
      ['Mã hộ', 'Chủ hộ', 'Điểm B', 'Điểm B', '1', '2'],
      ['H1', 'X', 20, 10, 'x', null],
    ]);
    const { layout, problems } = recogniseList(g, cat.standard, lv);
    expect(layout).not.toBeNull();
    expect(problems.map((p) => p.kind).sort()).toEqual(['ambiguous-column', 'no-flags']);
  });

  it('decides between two score B columns by arithmetic: the one equal to 10 × flags', () => {
    const g = numberedList([
      [1, 'H1', 'A', 1980, 'Kinh', 2, 100, 30, ...flags(3), 'Hộ nghèo'],
      [2, 'H2', 'B', 1981, 'Kinh', 2, 100, 10, ...flags(1), 'Hộ cận nghèo'],
    ]);
    // Column G headed "Điểm B" too: two readings by the words, one by the rows.
    const head = g.rows[2];
    if (head) head[6] = { value: 'Điểm B' };
    const { layout, problems } = recogniseList(g, cat.standard, lv);
    expect(problems).toEqual([]);
    expect(layout?.columns.score_deprivation).toBe(7);
  });

  it('reads every flag spelling the reference lists', () => {
    for (const s of ['x', 'X', '1', 'có', 'Có', '✓', 1, true]) expect(readFlag(s, lv)).toBe(true);
    for (const s of [null, '', '0', 'không', '-', 0, false]) expect(readFlag(s, lv)).toBe(false);
    expect(readFlag('?', lv)).toBeNull();
    expect(readFlag(2, lv)).toBeNull();
  });

  it('reads the check marks a list is ticked with as set, a cross as neither', () => {
    // "√" (U+221A, the square root Word and Excel offer as a tick), "✔" and "☑" tick a box;
    // a cross ("✗", "✘", "☒") may say "lacking" (as "x" does) or "no": two readings, no guess.
    for (const s of ['√', ' √ ', '✔', '☑', '✓']) expect(readFlag(s, lv), s).toBe(true);
    for (const s of ['✗', '✘', '☒']) expect(readFlag(s, lv), s).toBeNull();
  });

  it('reads a tick box’s TRUE and FALSE written out as words (a CSV of it), in English or Vietnamese', () => {
    for (const s of ['TRUE', 'true', 'ĐÚNG', 'Đúng']) expect(readFlag(s, lv), s).toBe(true);
    for (const s of ['FALSE', 'false', 'SAI', 'Sai']) expect(readFlag(s, lv), s).toBe(false);
  });
});

function readAll(
  g: SheetGrid,
  unit: UnitSpec | null,
  commune: string | null = null,
  maxFindings?: number,
  lent = false,
) {
  const { layout } = recogniseList(g, cat.standard, lv);
  if (!layout) throw new Error('not recognised');
  const lines = scoringOf(cat.standard);
  const reader = createListReader({
    file: 'ds.xlsx',
    sheet: g.name,
    layout,
    lv,
    standard: cat.standard,
    forms: cat.forms,
    lines,
    registry: cat.registry,
    unit,
    period: '2022',
    sheetCommune: unit?.subunits?.find((s) => s.name === commune) ?? null,
    codes: newCodeIndex(),
    ...(maxFindings !== undefined ? { maxFindings } : {}),
  });
  if (!lent)
    g.rows.forEach((r, i) => {
      reader.row(i, r);
    });
  else {
    // As the CSV streaming reader hands rows over: one array per width, filled again for every
    // row, and each text one cell shared by every row that holds it.
    const arrays = new Map<number, (SheetCell | undefined)[]>();
    const shared = new Map<Raw, SheetCell>();
    g.rows.forEach((r, i) => {
      const cells = arrays.get(r.length) ?? new Array<SheetCell | undefined>(r.length);
      arrays.set(r.length, cells);
      for (let c = 0; c < r.length; c++) {
        const v = r[c]?.value as Raw | undefined;
        if (v === undefined) cells[c] = undefined;
        else {
          const cell = shared.get(v) ?? { value: v };
          shared.set(v, cell);
          cells[c] = cell;
        }
      }
      reader.row(i, cells);
    });
  }
  return reader.finish();
}

describe('reading the rows of a list', () => {
  it('counts households per commune group row, member rows apart, villages ignored', () => {
    const head: Raw[] = [
      'STT',
      'STT thành viên',
      'Mã hộ',
      'Họ và tên',
      'Dân tộc',
      'Nhân khẩu',
      'Điểm A',
      'Điểm B',
      'Chỉ số thiếu hụt',
      ...Array<Raw>(11).fill(null),
      'Phân loại hộ',
    ];
    const nums: Raw[] = [null, null, null, null, null, null, null, null, ...FLAGS12, null];
    const g = grid(
      [
        head,
        nums,
        ['Xã Túc Đán'],
        ['Thôn 1'],
        [1, null, 'T1', 'Giàng A Giả', 'Mông', 3, 120, 30, ...flags(3), 'Hộ nghèo'],
        [null, 1, null, 'Giàng Thị Giả', null, null, null, null, ...NO_FLAGS, null],
        [null, 2, null, 'Giàng A Con', null, null, null, null, ...NO_FLAGS, null],
        ['Bản Pá Hu'],
        [2, null, 'T2', 'Sùng A Giả', 'Kinh', 2, 130, 10, ...flags(1), 'Hộ cận nghèo'],
        ['Xã Pá Lau'],
        [3, null, 'P1', 'Hờ A Giả', 'Mông', 5, 100, 40, ...flags(4, 1), 'Hộ nghèo'],
      ],
      [{ top: 0, left: 8, bottom: 0, right: 19 }],
    );
    const res = readAll(g, tramTau);
    expect(res.findings).toEqual([]);
    const tuc = res.tallies.get('139|Xã Túc Đán');
    expect(tuc).toMatchObject({ householdRows: 2, memberRows: 2 });
    expect(tuc?.values).toMatchObject({
      poor: 1,
      near_poor: 1,
      poor_ethnic_minority: 1,
      near_poor_ethnic_minority: 0,
      poor_deprivations: 3,
      poor_lack_employment: 1,
      near_poor_lack_employment: 1,
    });
    expect(res.tallies.get('139|Xã Pá Lau')?.values).toMatchObject({
      poor: 1,
      poor_deprivations: 4,
    });
  });

  it('splits a province-wide list into units and communes by its district and commune columns', () => {
    const head: Raw[] = [
      'Huyện',
      'Xã',
      'Mã hộ',
      'Chủ hộ',
      'Số nhân khẩu',
      'Điểm A',
      'Điểm B',
      'Các chỉ số thiếu hụt',
      ...Array<Raw>(11).fill(null),
      'Phân loại hộ',
    ];
    const nums: Raw[] = [null, null, null, null, null, null, null, ...FLAGS12, null];
    const g = grid(
      [
        head,
        nums,
        ['Trạm Tấu', 'Xã Xà Hồ', 'X1', 'A', 2, 100, 30, ...flags(3), 'Hộ nghèo'],
        ['Huyện Lục Yên', 'Thị trấn Yên Thế', 'Y1', 'B', 2, 170, 0, ...NO_FLAGS, 'Hộ cận nghèo'],
        ['Huyện Lục Yên', 'Xã Không Có', 'Y2', 'C', 2, 100, 0, ...NO_FLAGS, 'Hộ cận nghèo'],
      ],
      [{ top: 0, left: 7, bottom: 0, right: 18 }],
    );
    const res = readAll(g, null);
    expect(res.tallies.get('139|Xã Xà Hồ')?.values.poor).toBe(1);
    // Urban (thị trấn): A 170 is under the urban line of 175, near-poor stands.
    expect(res.tallies.get('135|Thị trấn Yên Thế')?.values.near_poor).toBe(1);
    expect(res.findings.map((f) => [f.code, f.cell, f.subunit])).toEqual([
      ['list-commune-unknown', 'B5', 'Xã Không Có'],
      ['list-classification-unknown', 'T5', null],
    ]);
  });

  it('finds each planted defect at its row and cell, by household code only', () => {
    const g = numberedList([
      [1, 'D1', 'Tên Giả Một', 1960, 'Mông', 3, 120, 20, ...flags(3), 'Hộ nghèo'], // B ≠ 10×3
      [2, 'D2', 'Tên Giả Hai', 1961, 'Mông', 3, 200, 30, ...flags(3), 'Hộ nghèo'], // above the line
      [3, 'D3', 'Tên Giả Ba', 1962, 'Mông', 0, 120, 30, ...flags(3), 'Hộ nghèo'], // members 0
      [4, null, 'Tên Giả Bốn', 1963, 'Mông', 2, 120, 30, ...flags(3), 'Hộ nghèo'], // no code
      [5, 'D1', 'Tên Giả Năm', 1964, 'Mông', 2, 120, 30, ...flags(3), 'Hộ nghèo'], // repeated
      [
        6,
        'D6',
        'Tên Giả Sáu',
        1965,
        'Mông',
        2,
        120,
        30,
        'x',
        'x',
        '?',
        ...Array<Raw>(9).fill(null),
        'Hộ nghèo',
      ], // flag "?"
      [7, 'D7', 'Tên Giả Bảy', 1966, 'Mông', 2, 120, 20, ...flags(2), 'Hộ nghèo'], // poor with 2 flags
    ]);
    const res = readAll(g, tramTau, 'Xã Túc Đán');
    const got = res.findings.map((f) => [f.code, f.cell, f.params.code]);
    expect(got).toEqual([
      ['list-score-deprivation', 'H5', 'D1'],
      ['list-classification', 'U6', 'D2'],
      ['list-members', 'F7', 'D3'],
      ['list-code-missing', 'B8', '?'],
      ['list-code-repeated', 'B9', 'D1'],
      ['list-flag-unreadable', 'K10', 'D6'],
      ['list-classification', 'U11', 'D7'],
    ]);
    const text = JSON.stringify(res);
    for (const n of ['Giả', '1960', '1966']) expect(text).not.toContain(n);
  });

  it('puts each repeated code after the other findings of its row, and keeps the same findings under a limit', () => {
    // Households with codes drawn from a few (repeats), some with too few members or a class
    // their scores contradict: the repeats are looked up when the reading ends, yet they are
    // told where their rows are, and the limit keeps the first findings of each severity.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('K1', 'k1', 'K2', 'K3'), fc.nat(3)), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 6 }),
        (households, limit) => {
          const body = households.map(([code, defect], i): Raw[] => [
            i + 1,
            `${code}${defect === 3 ? '' : i % 5}`,
            'Tên Giả',
            1960,
            'Mông',
            defect === 1 ? 0 : 3,
            120,
            30,
            ...flags(3),
            defect === 2 ? 'Hộ cận nghèo' : 'Hộ nghèo',
          ]);
          const g = numberedList(body);
          const all = readAll(g, tramTau, 'Xã Túc Đán', 1_000_000).findings;
          const rowsOf = all.map((f) => f.row ?? 0);
          expect(rowsOf).toEqual([...rowsOf].sort((a, b) => a - b));
          for (let i = 1; i < all.length; i++)
            if (all[i]?.row === all[i - 1]?.row && all[i - 1]?.code.startsWith('list-code-r'))
              expect(all[i]?.code.startsWith('list-code-r')).toBe(true);
          const kept: Record<string, number> = {};
          const expected = all.filter(
            (f) => (kept[f.severity] = (kept[f.severity] ?? 0) + 1) <= limit,
          );
          const limited = readAll(g, tramTau, 'Xã Túc Đán', limit).findings;
          const note = limited.find((f) => f.code === 'findings-truncated');
          expect(limited.filter((f) => f !== note)).toEqual(expected);
          expect(note?.params.count ?? 0).toBe(all.length - expected.length);
        },
      ),
    );
  });

  it('reads the same when its rows are lent: one array filled again, a text one shared cell', () => {
    // The streaming reader lends each row's array for the call and gives a repeated word as the
    // same cell row after row: the reader must keep no row and no text of a cell it saw before.
    const communes = (tramTau.subunits ?? []).slice(0, 4).map((s) => s.name);
    const classes = ['Hộ nghèo', 'Hộ cận nghèo', 'Không nghèo', 'nghèo?'];
    const household = fc.record({
      code: fc.constantFrom('A1', 'a1', 'B2', 'C3', ''),
      members: fc.constantFrom<Raw>(0, 1, 4, null, 'năm'),
      a: fc.constantFrom<Raw>(0, 80, 120, 1500, null, 'x'),
      set: fc.nat(12),
      mark: fc.constantFrom<Raw>('x', 'X', 1, 'có', 'không rõ'),
      cls: fc.constantFrom(...classes),
      ethnic: fc.constantFrom('Mông', 'Kinh', 'Dao'),
      label: fc.option(fc.constantFrom(...communes, 'Thôn 1', 'Cộng'), { freq: 6 }),
    });
    fc.assert(
      fc.property(fc.array(household, { minLength: 1, maxLength: 40 }), (households) => {
        const body = households.map((h, i): Raw[] =>
          h.label !== null
            ? [h.label]
            : [
                i + 1,
                h.code === '' ? null : `${h.code}${i % 3}`,
                'Tên Giả',
                1960,
                h.ethnic,
                h.members,
                h.a,
                10 * h.set,
                ...flags(h.set, h.mark),
                h.cls,
              ],
        );
        const g = numberedList(body);
        const fresh = readAll(g, tramTau, 'Xã Túc Đán');
        const lent = readAll(g, tramTau, 'Xã Túc Đán', undefined, true);
        expect(lent.findings).toEqual(fresh.findings);
        expect([...lent.tallies]).toEqual([...fresh.tallies]);
      }),
    );
  });

  it('finds a code repeated in another commune’s list', () => {
    const codes: CodeIndex = newCodeIndex();
    const a = numberedList([[1, 'Z9', 'A', 1970, 'Mông', 2, 120, 30, ...flags(3), 'Hộ nghèo']]);
    const sub = (name: string) => tramTau.subunits?.find((s) => s.name === name) ?? null;
    const read = (g: SheetGrid, commune: string) => {
      const { layout } = recogniseList(g, cat.standard, lv);
      if (!layout) throw new Error('not recognised');
      const r = createListReader({
        file: 'ds.xlsx',
        sheet: commune,
        layout,
        lv,
        standard: cat.standard,
        forms: cat.forms,
        lines: scoringOf(cat.standard),
        registry: cat.registry,
        unit: tramTau,
        period: '2022',
        sheetCommune: sub(commune),
        codes,
      });
      g.rows.forEach((row, i) => {
        r.row(i, row);
      });
      return r.finish();
    };
    expect(read(a, 'Xã Túc Đán').findings).toEqual([]);
    const second = read(a, 'Xã Pá Lau').findings;
    expect(second.map((f) => [f.code, f.params.other])).toEqual([
      ['list-code-other-commune', 'Xã Túc Đán'],
    ]);
  });
});

/** A grid with column `c` taken out (and the merges over it narrowed). */
function withoutColumn(g: SheetGrid, c: number): SheetGrid {
  return {
    ...g,
    rows: g.rows.map((r) => r.filter((_, i) => i !== c)),
    merges: g.merges
      .filter((m) => !(m.left === c && m.right === c))
      .map((m) => ({
        ...m,
        left: m.left > c ? m.left - 1 : m.left,
        right: m.right >= c ? m.right - 1 : m.right,
      })),
  };
}

describe('a list whose code column or flags were not read', () => {
  const body: Raw[][] = [
    [1, 'N1', 'Tên Giả Một', 1960, 'Mông', 3, 120, 30, ...flags(3), 'Hộ nghèo'],
    [2, 'N2', 'Tên Giả Hai', 1961, 'Mông', 3, 120, 10, ...flags(1), 'Hộ cận nghèo'],
    [3, 'N3', 'Tên Giả Ba', 1962, 'Kinh', 3, 200, 40, ...flags(4), 'Hộ nghèo'], // above the line
  ];

  it('no code column: the sheet says so once, no household is "without a code"', () => {
    const g = withoutColumn(numberedList(body), 1);
    const { problems } = recogniseList(g, cat.standard, lv);
    expect(problems.map((p) => p.kind)).toEqual(['no-code-column']);
    const res = readAll(g, tramTau, 'Xã Túc Đán');
    expect(res.findings.map((f) => f.code)).toEqual(['list-classification']);
  });

  it('flags block incomplete: score B and poor against near-poor are not checked, the income line is', () => {
    const g = withoutColumn(numberedList(body), 19); // indicator 12
    const { problems } = recogniseList(g, cat.standard, lv);
    expect(problems.map((p) => p.kind)).toEqual(['no-flags']);
    const res = readAll(g, tramTau, 'Xã Túc Đán');
    expect(res.findings.map((f) => [f.code, f.params.code, f.params.expected])).toEqual([
      ['list-classification', 'N3', 'không nghèo, không cận nghèo'],
    ]);
  });
});
