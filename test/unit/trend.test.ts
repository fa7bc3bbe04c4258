/**
 * The trend table (core/trend.ts, render/trend-table.ts) from small synthetic reports: the order
 * of periods, a unit rejected in one period shown as "—" with a note and never as zero, a partial
 * province total shown but not used for the reduction, the reduction per year between annual
 * reports, and the plan's target.
 */
import { describe, expect, it } from 'vitest';
import type { Values } from '../../src/core/consolidate.js';
import type { Plan } from '../../src/core/catalogue.js';
import { buildTrend, comparePeriods, type TrendReport } from '../../src/core/trend.js';
import { trendGrid } from '../../src/render/trend-table.js';

const ids = {
  poorRate: 'poor_rate',
  nearPoorRate: 'near_poor_rate',
  poor: 'poor',
  poorStart: 'poor_start',
};
const rated = (households: number, poor: number, nearPoor: number, start: number): Values => ({
  households,
  poor,
  near_poor: nearPoor,
  poor_start: start,
  poor_rate: Math.round((10000 * poor) / households) / 100,
  near_poor_rate: Math.round((10000 * nearPoor) / households) / 100,
});

function report(
  period: string,
  units: { code: string; status: 'accepted' | 'rejected' | 'missing'; values: Values }[],
  total: Values,
  partial = false,
): TrendReport {
  return {
    file: `tong-hop-${period}.json`,
    period,
    registry: 'r',
    plan: period.startsWith('2023') ? 'p2023' : 'p2022',
    province: { code: '99', name: 'Tỉnh Thử' },
    units: units.map((u) => ({ ...u, name: `Huyện ${u.code}`, subunits: [] })),
    total,
    partial,
    ids,
    counts: ['households', 'poor', 'near_poor', 'poor_start'],
    withRates: (v) => v,
  };
}

const plan = (id: string, year: number, asOf: string, target: number): Plan => ({
  id,
  year,
  registry: 'r',
  source: 'synthetic',
  periods: [],
  baselineAsOf: asOf,
  province: { baselineRate: 20, targetReduction: target, published: true },
  units: Object.assign(Object.create(null) as Plan['units'], {
    A: { baselineRate: 30, targetReduction: target, published: false },
  }),
});

const plans = new Map([
  ['p2022', plan('p2022', 2022, '2021-12-31', 3)],
  ['p2023', plan('p2023', 2023, '2022-12-31', 2)],
]);
const units = [
  { code: 'A', name: 'Huyện A' },
  { code: 'B', name: 'Huyện B' },
];

describe('the trend table', () => {
  it('orders periods in time: a half year before its year', () => {
    expect(['2023', '2022', '2022-H1'].sort(comparePeriods)).toEqual(['2022-H1', '2022', '2023']);
  });

  it('a unit rejected in a period is "—" with a note, never a zero; the partial province is not used', () => {
    const table = buildTrend(
      [
        report(
          '2022-H1',
          [
            { code: 'A', status: 'rejected', values: {} },
            { code: 'B', status: 'accepted', values: rated(1000, 150, 80, 160) },
          ],
          rated(1000, 150, 80, 160),
          true,
        ),
        report(
          '2022',
          [
            { code: 'A', status: 'accepted', values: rated(1000, 260, 90, 300) },
            { code: 'B', status: 'accepted', values: rated(1000, 120, 70, 160) },
          ],
          rated(2000, 380, 160, 460),
        ),
        report(
          '2023',
          [
            { code: 'A', status: 'accepted', values: rated(1000, 230, 90, 260) },
            { code: 'B', status: 'missing', values: {} },
          ],
          rated(1000, 230, 90, 260),
          true,
        ),
      ],
      { plans, units, province: { code: '99', name: 'Tỉnh Thử' } },
    );
    const grid = trendGrid(table, 'vi');
    const col = (h: string) => grid.headings.indexOf(h);
    const [a, b, province] = grid.rows;
    expect(a?.[col('Tỷ lệ hộ nghèo 2022-H1 (%)')]).toBe('—');
    expect(a?.[col('Tỷ lệ hộ nghèo 2022 (%)')]).toBe(26);
    expect(String(a?.[grid.headings.length - 1])).toContain('2022-H1: đơn vị bị loại trong kỳ');
    expect(b?.[col('Tỷ lệ hộ nghèo 2023 (%)')]).toBe('—');
    expect(String(b?.[grid.headings.length - 1])).toContain('2023: đơn vị chưa nộp');

    // A: 30% at the end of 2021 (plan p2022), 26% in 2022, 23% in 2023: 3.5 points a year.
    const rowA = table.rows[0];
    expect(rowA?.overall).toEqual({
      from: '2021-12-31',
      to: '2023',
      years: 2,
      points: 7,
      perYear: 3.5,
    });
    expect(rowA?.annual.map((s) => s?.points ?? null)).toEqual([4, 3]);
    // The target per year is the last report's plan's (p2023: 2), and A meets it.
    expect(rowA?.target).toBe(2);
    expect(rowA?.met).toBe(true);
    // B sent nothing in 2023, the last period: its earlier figures judge nothing of it then (an
    // outside tester's trend judged a unit rejected in 2026 "Đạt" from its 2025 figures).
    // Nor its average reduction "to the last period" (an outside tester's trend showed 16.2
    // points a year, to 2025, beside the 2026 target).
    const rowB = table.rows[1];
    expect(rowB?.overall).toBeNull();
    expect(rowB?.met).toBeNull();
    expect(rowB?.poorChange).toBeNull();

    // The province: 19% in 2022 given; 2022-H1 and 2023 are partial, shown and noted, not used.
    expect(province?.[col('Tỷ lệ hộ nghèo 2022-H1 (%)')]).toBe(15);
    expect(String(province?.[grid.headings.length - 1])).toContain(
      '2022-H1: số toàn tỉnh chỉ gồm các đơn vị đã tiếp nhận',
    );
    expect(table.province.overall).toEqual({
      from: '2021-12-31',
      to: '2022',
      years: 1,
      points: 1,
      perYear: 1,
    });
  });
});
