import { describe, expect, it } from 'vitest';

import { makeFinding, type Finding } from '../../src/core/finding.js';
import type { FindingCode } from '../../src/core/finding-codes.js';
import { appendAll, capFindings, countFindings } from '../../src/core/finding-budget.js';

const at = (code: FindingCode, row: number): Finding =>
  makeFinding(code, { file: 'x.xlsx', sheet: 'Biểu 01', row, cell: `E${row}` });

describe('capFindings', () => {
  // Found in this order: information first, then a warning, errors, warnings, errors.
  const found = [
    at('extra-sheet', 1),
    at('subunits-not-checked', 2),
    at('missing-value', 3),
    at('negative-value', 4),
    at('not-a-number', 5),
    at('missing-value', 6),
    at('extra-sheet', 7),
    at('negative-value', 8),
  ];

  it('keeps errors, then warnings, then information, in the order found, and counts the rest', () => {
    const kept = capFindings(found, 4);
    expect(kept.map((f) => f.row)).toEqual([3, 4, 5, 8, null]);
    expect(kept.slice(0, -1).map((f) => f.severity)).toEqual([
      'warning',
      'error',
      'error',
      'error',
    ]);
    expect(kept.at(-1)).toMatchObject({
      code: 'findings-truncated',
      params: { count: 4, limit: 4, errors: 0, warnings: 1, infos: 3 },
    });
    expect(
      capFindings(found, 2)
        .slice(0, -1)
        .every((f) => f.severity === 'error'),
    ).toBe(true);
  });

  it('leaves a list within the budget as it is, and counts every finding either way', () => {
    expect(capFindings(found, 8)).toBe(found);
    const all = countFindings(found);
    expect(all).toEqual({ errors: 3, warnings: 2, infos: 3 });
    expect(countFindings(capFindings(found, 3))).toEqual(all);
  });

  it('handles far more findings than a spread into a call can hold', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => at('negative-value', i + 1));
    const into: Finding[] = [];
    appendAll(into, many);
    expect(into).toHaveLength(300_000);
    const kept = capFindings([at('extra-sheet', 0), ...many], 1000);
    expect(kept).toHaveLength(1001);
    expect(kept.at(-1)?.params).toMatchObject({ count: 299_001, errors: 299_000, infos: 1 });
  });

  it('folds a reader’s own note of findings left out into the one note of the file', () => {
    const readerNote = makeFinding('findings-truncated', {
      file: 'x.xlsx',
      params: { count: 500, limit: 2, errors: 500, warnings: 0, infos: 0 },
    });
    const kept = capFindings([...found, readerNote], 4);
    const notes = kept.filter((f) => f.code === 'findings-truncated');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.params).toMatchObject({ count: 504, errors: 500, warnings: 1, infos: 3 });
    expect(countFindings(kept)).toEqual({ errors: 503, warnings: 2, infos: 3 });
    // Within the budget, the reader's note stays as it is.
    const few = [at('missing-value', 3), readerNote];
    expect(capFindings(few, 4)).toBe(few);
  });
});
