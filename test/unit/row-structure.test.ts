/**
 * What each row of a table is, decided by its sums: synthetic rows of two or three figures each,
 * labelled only where a test says so.
 */
import { describe, expect, it } from 'vitest';
import {
  analyseRows,
  type LabelHint,
  type RowStructure,
  type StructureRow,
} from '../../src/core/row-structure.js';

type Spec = [
  number[],
  LabelHint?,
  {
    known?: boolean;
    named?: boolean;
    follows?: boolean;
    sum?: boolean;
    inBreakdown?: boolean;
    key?: string;
  }?,
];

const rows = (specs: Spec[]): StructureRow[] =>
  specs.map(([values, hint, o]) => ({
    values,
    hint: hint ?? 'none',
    known: o?.known ?? false,
    ...(o?.named ? { named: true } : {}),
    ...(o?.follows ? { follows: true } : {}),
    sumFormulas: o?.sum ?? false,
    inBreakdown: o?.inBreakdown ?? false,
    ...(o?.key ? { key: o.key } : {}),
  }));

const add = (...vs: number[][]): number[] =>
  (vs[0] ?? []).map((_, k) => vs.reduce((s, v) => s + (v[k] ?? 0), 0));

const read = (s: RowStructure): { total: number; roles: string[]; parent: (number | null)[] } => {
  if (s.kind !== 'read') throw new Error(`expected a reading, got ${s.kind}`);
  return { total: s.reading.total, roles: s.reading.roles, parent: s.reading.parent };
};

const a = [120, 31, 7];
const b = [80, 12, 5];
const c = [45, 20, 1];

describe('the total row', () => {
  it('is the row that sums the others, first, last or in the middle, whatever its label', () => {
    const t = add(a, b, c);
    expect(read(analyseRows(rows([[t], [a], [b], [c]]))).total).toBe(0);
    expect(read(analyseRows(rows([[a], [b], [c], [t]]))).total).toBe(3);
    expect(read(analyseRows(rows([[a], [t], [b], [c]]))).total).toBe(1);
  });

  it('is found by its sums even when labelled like a commune (the district named like one)', () => {
    const t = add(a, b, c);
    const s = read(analyseRows(rows([[t, 'subunit', { known: true }], [a], [b], [c]])));
    expect(s.total).toBe(0);
    expect(s.roles).toEqual(['total', 'subunit', 'subunit', 'subunit']);
  });

  it('is never a row that names a registered commune with its kind word, however it adds up', () => {
    // "Xã Hát Lừu" equal to the sum of the other communes, no total row: the commune, or the
    // total mislabelled? Two readings: no total is taken (the form then says its total is missing).
    const t = add(a, b, c);
    const named = analyseRows(rows([[t, 'subunit', { known: true, named: true }], [a], [b], [c]]));
    expect(named.kind).toBe('no-total');
    const last = analyseRows(rows([[a], [b], [c], [t, 'subunit', { known: true, named: true }]]));
    expect(last.kind).toBe('no-total');
  });

  it('is never a row numbered as the next of the rows above it, unless labelled as a total', () => {
    // "3 | Bản Tàng" after "1 | Bản Khao", "2 | Bản Chống", equal to their sum and no total row
    // (an outside tester's commune report): the third village, or the total numbered as one? Two
    // readings: no total is taken. Before, Bản Tàng was read as the total and the report accepted
    // with two villages.
    const t = add(a, b);
    const village = analyseRows(
      rows([
        [a, 'child'],
        [b, 'child'],
        [t, 'child', { follows: true }],
      ]),
    );
    expect(village.kind).toBe('no-total');
    const bare = analyseRows(rows([[a], [b], [t, 'none', { follows: true }]]));
    expect(bare.kind).toBe('no-total');
    // A total row numbered on with the list ("3 | Tổng cộng") is still the total.
    const labelled = analyseRows(rows([[a], [b], [t, 'total', { follows: true }]]));
    expect(read(labelled).total).toBe(2);
  });

  it('that does not add up is never taken as a commune: the slip is named at its cell', () => {
    const t = add(a, b, c);
    const slip = [t[0] ?? 0, (t[1] ?? 0) + 9, t[2] ?? 0];
    const s = analyseRows(rows([[a], [b], [c], [slip]]));
    expect(s.kind).toBe('unreconciled');
    if (s.kind !== 'unreconciled') return;
    expect(s.reading.total).toBe(3);
    expect(s.mismatches).toEqual([{ row: 3, col: 1, stated: slip[1], sum: t[1], of: [0, 1, 2] }]);
  });

  it('labelled as the total, under villages only, stays the total when it does not add up', () => {
    // A commune's report, its rows villages ("Bản Đán", a child's label) with no commune row
    // above them (found by an independent tester): one slip in "Cộng" made the first village the
    // parent of the others, with a mismatch at every figure of that village.
    const t = add(a, b, c);
    for (const stated of [
      [t[0] ?? 0, (t[1] ?? 0) + 1, t[2] ?? 0],
      [0, 0, 0],
    ]) {
      const s = analyseRows(
        rows([
          [a, 'child'],
          [b, 'child'],
          [c, 'child'],
          [stated, 'total'],
        ]),
      );
      expect(s.kind).toBe('unreconciled');
      if (s.kind !== 'unreconciled') return;
      expect(s.reading.roles).toEqual(['subunit', 'subunit', 'subunit', 'total']);
      // The slip alone; a total never recalculated (0 in every column): each of its figures.
      expect(s.mismatches.map((m) => [m.row, m.col, m.sum])).toEqual(
        stated[0] === 0 ? t.map((x, k) => [3, k, x]) : [[3, 1, t[1]]],
      );
    }
  });

  it('missing altogether is said, never replaced by the sum of the rows', () => {
    const s = analyseRows(rows([[a], [b], [c]]));
    expect(s.kind).toBe('no-total');
  });

  it('twice (two rows labelled as the total) leaves the second as a second total', () => {
    const t = add(a, b);
    const s = read(analyseRows(rows([[a], [b], [t, 'total'], [t, 'total']])));
    expect(s.roles.filter((r) => r === 'total')).toHaveLength(1);
    expect(s.roles.filter((r) => r === 'other-total')).toHaveLength(1);
  });
});

describe('subtotals', () => {
  it('villages under their commune row are children of it, never counted twice', () => {
    const v1 = [10, 2, 0];
    const v2 = [15, 3, 1];
    const v3 = [30, 4, 2];
    const xa1 = add(v1, v2);
    const xa2 = v3;
    const t = add(xa1, xa2);
    const s = read(
      analyseRows(
        rows([
          [t, 'total'],
          [xa1, 'subunit'],
          [v1, 'child'],
          [v2, 'child'],
          [xa2, 'subunit'],
          [v3, 'child'],
        ]),
      ),
    );
    expect(s.roles).toEqual(['total', 'subunit', 'child', 'child', 'subunit', 'child']);
    expect(s.parent).toEqual([null, null, 1, 1, null, 4]);
  });

  it('a commune row after its villages ("Cộng xã …") is their subtotal too', () => {
    const v1 = [10, 2, 0];
    const v2 = [15, 3, 1];
    const v3 = [30, 4, 2];
    const v4 = [7, 1, 1];
    const t = add(v1, v2, v3, v4);
    const s = read(
      analyseRows(
        rows([
          [v1, 'child'],
          [v2, 'child'],
          [add(v1, v2), 'subunit'],
          [v3, 'child'],
          [v4, 'child'],
          [add(v3, v4), 'subunit'],
          [t, 'total'],
        ]),
      ),
    );
    expect(s.roles).toEqual(['child', 'child', 'subunit', 'child', 'child', 'subunit', 'total']);
    expect(s.parent).toEqual([2, 2, null, 5, 5, null, null]);
  });

  it('group rows (I. Khu vực thành thị) hold their communes; the communes are the sub-units', () => {
    const t = add(a, b, c);
    const s = read(
      analyseRows(
        rows([
          [t, 'total'],
          [a, 'group'],
          [a, 'subunit'],
          [add(b, c), 'group'],
          [b, 'subunit'],
          [c, 'subunit'],
        ]),
      ),
    );
    expect(s.roles).toEqual(['total', 'group', 'subunit', 'group', 'subunit', 'subunit']);
  });

  it('a group row nearly equal to its communes is a subtotal with a slip, not a breakdown', () => {
    const t = add(a, b, c);
    const slip = add(b, c).map((x, k) => (k === 2 ? x - 1 : x));
    const s = analyseRows(
      rows([
        [t, 'total'],
        [a, 'group'],
        [a, 'subunit'],
        [slip, 'group'],
        [b, 'subunit'],
        [c, 'subunit'],
      ]),
    );
    expect(s.kind).toBe('unreconciled');
    if (s.kind === 'unreconciled')
      expect(s.mismatches.map((m) => [m.row, m.col])).toEqual([[3, 2]]);
  });

  const d = [60, 9, 3];
  const t = add(a, b, c, d);
  /** Two blocks of sub-units labelled `hint`, each closed by "Cộng", the total under them. */
  const closedBlocks = (hint: 'subunit' | 'child', ...more: Parameters<typeof rows>[0]) =>
    rows([
      [a, hint],
      [b, hint],
      [add(a, b), 'total'],
      [c, hint],
      [d, hint],
      [add(c, d), 'total'],
      [t, 'total'],
      ...more,
    ]);
  const blockRoles = ['subunit', 'subunit', 'group', 'subunit', 'subunit', 'group', 'total'];

  it('a row labelled as the total ("Cộng") that sums only the block above it is its subtotal', () => {
    const s = read(analyseRows(closedBlocks('subunit')));
    expect(s.total).toBe(6);
    expect(s.roles).toEqual(blockRoles);
    expect(s.parent).toEqual([2, 2, null, 5, 5, null, null]);
    // Without "Xã" in the communes' names the labels say nothing of them: still the subtotals.
    const bare = read(
      analyseRows(
        rows([[a], [b], [add(a, b), 'total'], [c], [d], [add(c, d), 'total'], [t, 'total']]),
      ),
    );
    expect(bare.roles).toEqual(blockRoles);
  });

  it('villages ("Bản Đán", a child\'s label) closed by "Cộng" blocks are the sub-units under them', () => {
    // A 2026 commune's report: its villages are its sub-units, whatever their kind word says.
    const s = read(analyseRows(closedBlocks('child')));
    expect(s.roles).toEqual(blockRoles);
    expect(s.parent).toEqual([2, 2, null, 5, 5, null, null]);
  });

  it('a village split into two hamlets, all labelled as villages: the village with its hamlets', () => {
    // A 2026 commune's report: "Bản Đán" with "Xóm Trên" and "Xóm Dưới" under it, then its other
    // villages. The more numerous level was the less like sub-units for having more rows: the
    // hamlets were read as villages and Bản Đán as a group.
    const [x, y] = [
      [70, 18, 3],
      [55, 16, 4],
    ];
    const dan = add(x, y);
    const s = read(
      analyseRows(
        rows([
          [dan, 'child'],
          [x, 'child'],
          [y, 'child'],
          [a, 'child'],
          [b, 'child'],
          [c, 'child'],
          [add(dan, a, b, c), 'total'],
        ]),
      ),
    );
    expect(s.roles).toEqual([
      'subunit',
      'child',
      'child',
      'subunit',
      'subunit',
      'subunit',
      'total',
    ]);
    expect(s.parent).toEqual([null, 0, 0, null, null, null, null]);
  });

  it('in a report of villages, a row over villages is their subtotal, whatever its words', () => {
    // A merged commune's report (found by an independent tester): "Cụm 1", "Cụm 2" over their
    // villages, none of them with a kind word, were read as the commune's villages and the
    // villages as rows under them.
    const [x, y] = [
      [70, 18, 3],
      [55, 16, 4],
    ];
    const cum1 = add(a, b);
    const cum2 = add(c, x);
    const spec: Spec[] = [[cum1], [a], [b], [cum2], [c], [x], [y], [add(cum1, cum2, y), 'total']];
    const s = read(analyseRows(rows(spec), { villages: true }));
    expect(s.roles).toEqual([
      'group',
      'subunit',
      'subunit',
      'group',
      'subunit',
      'subunit',
      'subunit',
      'total',
    ]);
    expect(s.parent).toEqual([null, 0, 0, null, 3, 3, null, null]);
    // In a district's report the same rows are communes with their villages.
    const district = read(analyseRows(rows(spec)));
    expect(district.roles).toEqual([
      'subunit',
      'child',
      'child',
      'subunit',
      'child',
      'child',
      'subunit',
      'total',
    ]);
  });

  it('in a report of villages, a village over its hamlets is still the village', () => {
    const [x, y] = [
      [70, 18, 3],
      [55, 16, 4],
    ];
    const dan = add(x, y);
    const s = read(
      analyseRows(
        rows([
          [dan, 'subunit'],
          [x, 'subunit'],
          [y, 'subunit'],
          [a, 'subunit'],
          [add(dan, a), 'total'],
        ]),
        { villages: true },
      ),
    );
    expect(s.roles).toEqual(['subunit', 'child', 'child', 'subunit', 'total']);
  });

  it('of rows labelled as the total, one summing every commune besides the total is a second total', () => {
    const s = read(analyseRows(closedBlocks('subunit', [t, 'total'])));
    expect(s.roles.filter((r) => r === 'other-total')).toHaveLength(1);
    expect(s.roles.filter((r) => r === 'group')).toHaveLength(2);
  });

  it('a "Cộng" off by a few is a subtotal with a slip, never set aside as a second total', () => {
    const d = [60, 9, 3];
    const t = add(a, b, c, d);
    const slip = add(a, b).map((x, k) => (k === 1 ? x + 3 : x));
    const s = analyseRows(
      rows([
        [a, 'subunit'],
        [b, 'subunit'],
        [slip, 'total'],
        [c, 'subunit'],
        [d, 'subunit'],
        [add(c, d), 'total'],
        [t, 'total'],
      ]),
    );
    expect(s.kind).toBe('unreconciled');
    if (s.kind !== 'unreconciled') return;
    expect(s.reading.total).toBe(6);
    expect(s.reading.roles.filter((r) => r === 'other-total')).toEqual([]);
    expect(s.mismatches).toEqual([
      { row: 2, col: 1, stated: slip[1], sum: add(a, b)[1], of: [0, 1] },
    ]);
  });

  it('breakdown rows ("Trong đó: thành thị") are set aside, not summed', () => {
    const t = add(a, b, c);
    const s = read(
      analyseRows(
        rows([
          [t, 'total'],
          [add(a, b), 'breakdown'],
          [c, 'breakdown'],
          [a, 'subunit'],
          [b, 'subunit'],
          [c, 'subunit'],
        ]),
      ),
    );
    expect(s.roles).toEqual(['total', 'breakdown', 'breakdown', 'subunit', 'subunit', 'subunit']);
  });
});

describe('a row written twice', () => {
  it('is no subtotal of itself: the doubled figures do not add up and are said', () => {
    const t = add(a, b);
    const s = analyseRows(
      rows([
        [t, 'total'],
        [a, 'subunit', { key: 'xa an lac' }],
        [b, 'subunit', { key: 'xa nghia lo' }],
        [b, 'subunit', { key: 'xa nghia lo' }],
      ]),
    );
    expect(s.kind).not.toBe('read');
  });
});

describe('two readings', () => {
  it('that differ in what a row with figures is are ambiguous, and the rows are named', () => {
    // A unit of one commune and an unlabelled total: which row is the total?
    const s = analyseRows(rows([[a], [a]]));
    expect(s.kind).toBe('ambiguous');
    if (s.kind === 'ambiguous') expect(s.rows).toEqual([0, 1]);
  });

  it('are settled by labels when only the labels differ', () => {
    const s = read(
      analyseRows(
        rows([
          [a, 'total'],
          [a, 'subunit'],
        ]),
      ),
    );
    expect(s.total).toBe(0);
  });

  it('without a total row, a row that may be the subtotal of the rows after it is said', () => {
    const s = analyseRows(rows([[add(b, c)], [b], [c], [a]]));
    expect(s.kind).toBe('no-total');
    if (s.kind === 'no-total') expect(s.ambiguous).toBe(true);
  });

  it('that differ only in rows of zeros are one reading', () => {
    const z = [0, 0, 0];
    const t = add(a, b);
    expect(analyseRows(rows([[t, 'total'], [a], [z], [b], [z]])).kind).toBe('read');
    expect(analyseRows(rows([[z, 'total'], [z], [z]])).kind).toBe('read');
  });
});

describe('a long table', () => {
  it('is read by its labels and accepted only when its sums hold, without exhausting the stack', () => {
    const commune = (i: number): number[] => [100 + (i % 37), 10 + (i % 11), i % 5];
    const list: Spec[] = Array.from({ length: 5000 }, (_, i) => [commune(i), 'subunit']);
    const t = add(...list.map((r) => r[0]));
    const s = analyseRows(rows([[t, 'total'], ...list]));
    expect(read(s).roles.filter((r) => r === 'subunit')).toHaveLength(5000);
    const wrong = analyseRows(rows([[add(t, [1, 0, 0]), 'total'], ...list]));
    expect(wrong.kind).toBe('unreconciled');
  });

  it('with blocks closed by "Cộng" and the total under them, reads each "Cộng" as its block\'s', () => {
    const commune = (i: number): number[] => [100 + (i % 37), 10 + (i % 11), i % 5];
    const block = (from: number): Spec[] =>
      Array.from({ length: 2000 }, (_, i) => [commune(from + i), 'subunit']);
    const one = block(0);
    const two = block(2000);
    const sum = (list: Spec[]): number[] => add(...list.map((r) => r[0]));
    const t = add(sum(one), sum(two));
    const s = read(
      analyseRows(rows([...one, [sum(one), 'total'], ...two, [sum(two), 'total'], [t, 'total']])),
    );
    expect(s.total).toBe(4002);
    expect(s.roles.filter((r) => r === 'group')).toHaveLength(2);
    expect(s.roles.filter((r) => r === 'subunit')).toHaveLength(4000);
  });
});

describe('a subtotal counted in the total as well as its rows (found by an independent prober)', () => {
  const d = [60, 9, 3];
  const e = [33, 7, 2];
  const known = { known: true };
  /** The total's mismatches, column by column: [stated, sum]. */
  const totalOff = (s: RowStructure): [number, number][] => {
    if (s.kind !== 'unreconciled') throw new Error(`expected unreconciled, got ${s.kind}`);
    return s.mismatches.filter((m) => m.row === s.reading.total).map((m) => [m.stated, m.sum]);
  };

  it('a group row that is the sum of the communes after it, added into the total again, is a total off by the groups', () => {
    const g1 = add(a, b);
    const g2 = add(c, d, e);
    const doubled = add(g1, a, b, g2, c, d, e);
    const communes = add(a, b, c, d, e);
    for (const hint of ['group', 'none'] as const) {
      const s = analyseRows(
        rows([
          [doubled, 'total'],
          [g1, hint],
          [a, 'subunit', known],
          [b, 'subunit', known],
          [g2, hint],
          [c, 'subunit', known],
          [d, 'subunit', known],
          [e, 'subunit', known],
        ]),
      );
      expect(totalOff(s), hint).toEqual(doubled.map((x, k) => [x, communes[k]]));
      if (s.kind === 'unreconciled') expect(s.reading.parent.slice(2, 4), hint).toEqual([1, 1]);
    }
  });

  it('a subtotal after its communes ("Cộng vùng"), counted again, is found the same way', () => {
    const g1 = add(a, b);
    const doubled = add(a, b, g1, c);
    const s = analyseRows(
      rows([
        [a, 'subunit', known],
        [b, 'subunit', known],
        [g1, 'none'],
        [c, 'subunit', known],
        [doubled, 'total'],
      ]),
    );
    expect(totalOff(s)).toEqual(doubled.map((x, k) => [x, add(a, b, c)[k]]));
  });

  it('villages counted beside their registered commune are its villages, and the total is off', () => {
    const v1 = [20, 3, 1];
    const v2 = [25, 4, 0];
    const xa = add(v1, v2);
    const doubled = add(xa, v1, v2, c);
    const s = analyseRows(
      rows([
        [doubled, 'total'],
        [xa, 'subunit', known],
        [v1, 'child'],
        [v2, 'child'],
        [c, 'subunit', known],
      ]),
    );
    expect(totalOff(s)).toEqual(doubled.map((x, k) => [x, add(xa, c)[k]]));
  });

  it('a "Trong đó" row counted as a commune, part of no block, is set aside: the total is off', () => {
    const part = add(a, c);
    const doubled = add(a, b, c, part);
    const s = analyseRows(
      rows([
        [doubled, 'total'],
        [a, 'subunit', known],
        [b, 'subunit', known],
        [c, 'subunit', known],
        [part, 'breakdown'],
      ]),
    );
    expect(totalOff(s)).toEqual(doubled.map((x, k) => [x, add(a, b, c)[k]]));
  });

  it('registered communes one of which happens to be the sum of the next two stay communes', () => {
    const t = add(add(a, b), a, b, c);
    const s = read(
      analyseRows(
        rows([
          [t, 'total'],
          [add(a, b), 'subunit', known],
          [a, 'subunit', known],
          [b, 'subunit', known],
          [c, 'subunit', known],
        ]),
      ),
    );
    expect(s.roles).toEqual(['total', 'subunit', 'subunit', 'subunit', 'subunit']);
  });
});
