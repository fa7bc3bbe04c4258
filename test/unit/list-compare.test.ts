/**
 * The unit's figures from several lists (issue 11): a figure only some of them give (the moves of
 * a list with a "Diễn biến" column beside one without) is not the unit's, so it is not set
 * against the summary; the figures every list gives add up and agree.
 */
import { describe, expect, it } from 'vitest';
import type { SubmittedFile, UnitResult, Values } from '../../src/core/consolidate.js';
import { compareLists } from '../../src/core/list-compare.js';

function listFile(file: string, subunit: string, values: Values): SubmittedFile {
  return {
    file,
    period: '2022',
    sha256: file,
    findings: [],
    list: {
      sheets: [],
      tallies: [{ unit: '139', subunit, values, householdRows: 1, memberRows: 0 }],
      hasEthnicity: true,
      hasStatus: 'poor_new' in values,
    },
  } as unknown as SubmittedFile;
}

describe('a unit’s lists with and without a status column', () => {
  it('agrees when each commune agrees: moves given by one list only are not the unit’s', () => {
    const unit: UnitResult = {
      code: '139',
      name: 'Huyện Trạm Tấu',
      status: 'accepted',
      files: [],
      values: { poor: 3, poor_new: 2 },
      subunits: [
        { name: 'Xã A', values: { poor: 1, poor_new: 1 } },
        { name: 'Xã B', values: { poor: 2, poor_new: 1 } },
      ],
      findings: [],
      errors: 0,
    };
    const files = [
      listFile('a.xlsx', 'Xã A', { poor: 1, poor_new: 1 }),
      listFile('b.csv', 'Xã B', { poor: 2 }),
    ];
    const res = compareLists([unit], files, '2022');
    const u = res.units[0];
    expect(u?.status).toBe('accepted');
    expect(u?.households).toMatchObject({ agrees: true, values: { poor: 3, poor_new: null } });
    expect(u?.subunits.map((s) => s.households?.agrees)).toEqual([true, true]);
    expect(res.findings).toEqual([]);
  });
});

/** Trạm Tấu with two communes, its summary giving poor and near-poor for each and in total. */
function twoCommunes(): UnitResult {
  return {
    code: '139',
    name: 'Huyện Trạm Tấu',
    status: 'accepted',
    files: [],
    values: { poor: 3, near_poor: 2 },
    subunits: [
      { name: 'Xã A', values: { poor: 1, near_poor: 1 } },
      { name: 'Xã B', values: { poor: 2, near_poor: 1 } },
    ],
    findings: [],
    errors: 0,
  };
}

describe('what counts as compared, agreeing, partial', () => {
  it('lists whose figures are all unknown are not compared, never agreeing', () => {
    // A blank commune cell (list-commune-blank) leaves every figure of the sheet's communes null.
    const files = [
      listFile('a.xlsx', 'Xã A', { poor: null, near_poor: null }),
      listFile('b.xlsx', 'Xã B', { poor: null, near_poor: null }),
    ];
    const res = compareLists([twoCommunes()], files, '2022');
    const u = res.units[0];
    expect(u?.status).toBe('accepted');
    expect(u?.subunits.map((s) => [s.households?.compared, s.households?.agrees])).toEqual([
      [0, null],
      [0, null],
    ]);
    expect(u?.households).toMatchObject({ compared: 0, agrees: null });
    expect(res).toMatchObject({
      checked: 1,
      agreeing: 0,
      uncompared: 1,
      differing: 0,
      partial: 0,
    });
  });

  it('a figure only the list gives, or only the summary, is not compared', () => {
    const unit = twoCommunes();
    const files = [
      listFile('a.xlsx', 'Xã A', { poor: 1, near_poor: null, poor_new: 1 }),
      listFile('b.xlsx', 'Xã B', { poor: 2, near_poor: 1 }),
    ];
    const res = compareLists([unit], files, '2022');
    const u = res.units[0];
    expect(u?.subunits.map((s) => [s.households?.compared, s.households?.agrees])).toEqual([
      [1, true],
      [2, true],
    ]);
    // The unit's near-poor is not given by both lists, its moves by the summary: poor only.
    expect(u?.households).toMatchObject({ compared: 1, agrees: true });
    expect(res).toMatchObject({ checked: 1, agreeing: 1, uncompared: 0, partial: 0 });
  });

  it('a list that leaves a commune out is partial, whether or not it also differs', () => {
    const agreeing = compareLists(
      [twoCommunes()],
      [listFile('a.xlsx', 'Xã A', { poor: 1, near_poor: 1 })],
      '2022',
    );
    expect(agreeing).toMatchObject({ checked: 1, agreeing: 0, partial: 1, differing: 0 });
    expect(agreeing.units[0]?.households).toMatchObject({ compared: null, agrees: null });
    const differing = compareLists(
      [twoCommunes()],
      [listFile('a.xlsx', 'Xã A', { poor: 2, near_poor: 1 })],
      '2022',
    );
    expect(differing.units[0]?.status).toBe('rejected');
    expect(differing).toMatchObject({ checked: 1, agreeing: 0, partial: 1, differing: 1 });
  });
});
