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
