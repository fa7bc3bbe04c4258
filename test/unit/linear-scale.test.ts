/**
 * The charts' linear scale (src/render/linear-scale.ts) is d3-scale's, number for number: the
 * nice domain, the ticks and the mapped positions are compared with d3-scale itself (kept as a
 * development dependency for this test) on generated domains of every size and sign (fast-check; not subnormal numbers, where d3 itself
 * fails to make an array of ticks).
 */
import { scaleLinear } from 'd3-scale';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearScale, ticks } from '../../src/render/linear-scale.js';

const value = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ min: -1e7, max: 1e7, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-12),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 1e6),
  fc.constantFrom(0, 1, 16.07, 35356, 0.1, 0.3, 1e-9),
);

describe('linearScale', () => {
  it('makes the nice domain, ticks and positions d3-scale makes', () => {
    fc.assert(
      fc.property(
        value,
        value,
        fc.integer({ min: 1, max: 12 }),
        fc.array(value, { maxLength: 5 }),
        (lo, hi, count, xs) => {
          const ours = linearScale([lo, hi], [140, 620], count);
          const d3 = scaleLinear().domain([lo, hi]).nice(count).range([140, 620]);
          expect(ours.domain()).toEqual(d3.domain());
          expect(ours.ticks(count)).toEqual(d3.ticks(count));
          for (const x of [...xs, lo, hi, ...d3.ticks(count)]) expect(ours(x)).toBe(d3(x));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('keeps a domain as given when not asked to make it nice', () => {
    const s = linearScale([3, 97], [0, 100]);
    expect(s.domain()).toEqual([3, 97]);
    expect(s(50)).toBe(scaleLinear().domain([3, 97]).range([0, 100])(50));
  });

  it('ticks a domain of one value, an empty count and a reversed domain as d3 does', () => {
    expect(ticks(5, 5, 5)).toEqual([5]);
    expect(ticks(0, 10, 0)).toEqual([]);
    expect(linearScale([10, 0], [0, 100], 5).ticks(5)).toEqual(
      scaleLinear().domain([10, 0]).nice(5).ticks(5),
    );
  });
});
