import { describe, expect, it } from 'vitest';
import { findingMessage } from '../../src/core/finding.js';
import {
  check,
  codes,
  fiveForms,
  formGrid,
  lucYenRows,
  shippedRun,
  subunitValues,
  type Values,
  LACK,
} from '../helpers/build.js';

/** The five forms of Lục Yên with one sub-unit's values changed in one form. */
async function withChange(form: string, change: Values, o: { total?: Values } = {}) {
  const p = await shippedRun();
  return ['01', '02', '03', '04', '05'].map((f) => {
    const rows = lucYenRows();
    if (f === form && rows[0]) rows[0].values = { ...rows[0].values, ...change };
    return formGrid(p, f, rows, f === form && o.total ? { total: o.total } : {});
  });
}

describe('a consistent submission', () => {
  it('has no error or warning, and is identified', async () => {
    const r = await check(await fiveForms());
    expect(codes(r)).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.unit?.code).toBe('135');
    expect(r.period).toBe('2022-H1');
    expect(r.forms).toEqual(['01', '02', '03', '04', '05']);
    // Lục Yên has no commune list in the registry: said once, as info.
    expect(r.findings.map((f) => f.code)).toEqual(['subunits-not-checked']);
    // named by the registry's sub-unit level (villages, for a post-2025 commune)
    const [note] = r.findings;
    expect(note && findingMessage(note, 'vi')).toBe(
      'Danh mục chưa có danh sách xã, phường, thị trấn của Huyện Lục Yên; tên xã, phường, thị trấn được lấy như đã ghi.',
    );
    expect(note && findingMessage(note, 'en')).toBe(
      'The registry has no commune list for Huyện Lục Yên; commune names are taken as written.',
    );
  });
});

// Every rule of templates/rules/vn-2022-2025.json: a change that breaks it, and where it must be reported.
const cases: {
  rule: string;
  form: string;
  change: Values;
  code: string;
  indicator: string;
  sheet?: string;
  severity?: string;
}[] = [
  {
    rule: 'b01-poor-near-poor-within-households',
    form: '01',
    change: { households: 250, poor_rate: 80, near_poor_rate: 40 },
    code: 'exceeds-group',
    indicator: 'poor',
  },
  {
    rule: 'b01-poor-ethnic-within-poor',
    form: '01',
    change: { poor_ethnic_minority: 201 },
    code: 'exceeds-group',
    indicator: 'poor_ethnic_minority',
  },
  {
    rule: 'b01-near-poor-ethnic-within-near-poor',
    form: '01',
    change: { near_poor_ethnic_minority: 101 },
    code: 'exceeds-group',
    indicator: 'near_poor_ethnic_minority',
  },
  {
    rule: 'b01-poor-rate (error)',
    form: '01',
    change: { poor_rate: 20.3 },
    code: 'rate-mismatch',
    indicator: 'poor_rate',
    severity: 'error',
  },
  {
    rule: 'b01-poor-rate (warning)',
    form: '01',
    change: { poor_rate: 20.01 },
    code: 'rate-mismatch',
    indicator: 'poor_rate',
    severity: 'warning',
  },
  {
    rule: 'b01-near-poor-rate',
    form: '01',
    change: { near_poor_rate: 11 },
    code: 'rate-mismatch',
    indicator: 'near_poor_rate',
    severity: 'error',
  },
  {
    rule: 'b02-balance',
    form: '02',
    change: { poor_new: 3 },
    code: 'balance-mismatch',
    indicator: 'poor_end',
  },
  {
    rule: 'b03-balance',
    form: '03',
    change: { near_poor_other_decrease: 4 },
    code: 'balance-mismatch',
    indicator: 'near_poor_end',
  },
  {
    rule: 'b04-lack-within-poor',
    form: '04',
    change: { poor_lack_health_insurance: 201, poor_deprivations: 851 },
    code: 'exceeds-group',
    indicator: 'poor_lack_health_insurance',
  },
  {
    rule: 'b04-deprivations-sum',
    form: '04',
    change: { poor_deprivations: 771 },
    code: 'deprivation-sum-mismatch',
    indicator: 'poor_deprivations',
  },
  {
    rule: 'b05-lack-within-near-poor',
    form: '05',
    change: { near_poor_lack_water: 101, near_poor_deprivations: 231 },
    code: 'exceeds-group',
    indicator: 'near_poor_lack_water',
  },
  {
    rule: 'b05-deprivations-sum',
    form: '05',
    change: { near_poor_deprivations: 139 },
    code: 'deprivation-sum-mismatch',
    indicator: 'near_poor_deprivations',
  },
  {
    rule: 'x-poor-01-02',
    form: '02',
    change: { poor_start: 251, poor_end: 201 },
    code: 'cross-form-mismatch',
    indicator: 'poor_end',
  },
  {
    rule: 'x-poor-01-04',
    form: '04',
    change: { poor: 199 },
    code: 'cross-form-mismatch',
    indicator: 'poor',
  },
  {
    rule: 'x-near-poor-01-03',
    form: '03',
    change: { near_poor_start: 111, near_poor_end: 101 },
    code: 'cross-form-mismatch',
    indicator: 'near_poor_end',
  },
  {
    rule: 'x-near-poor-01-05',
    form: '05',
    change: { near_poor: 99 },
    code: 'cross-form-mismatch',
    indicator: 'near_poor',
  },
  {
    rule: 'x-poor-to-near-poor-02-03',
    form: '03',
    change: { poor_to_near_poor: 31, near_poor_exit_above: 36 },
    code: 'cross-form-mismatch',
    indicator: 'poor_to_near_poor',
  },
  {
    rule: 'x-near-poor-to-poor-02-03',
    form: '03',
    change: { near_poor_exit_to_poor: 3, near_poor_exit_above: 34 },
    code: 'cross-form-mismatch',
    indicator: 'near_poor_exit_to_poor',
  },
];

describe('every rule of the plan', () => {
  for (const c of cases) {
    it(`${c.rule} is reported on the changed cell`, async () => {
      const r = await check(await withChange(c.form, c.change));
      const hit = r.findings.find(
        (f) => f.code === c.code && f.indicator === c.indicator && f.subunit === 'Xã An Phú',
      );
      expect(
        hit,
        JSON.stringify(r.findings.map((f) => [f.code, f.indicator, f.cell])),
      ).toBeDefined();
      expect(hit?.sheet).toBe(`Biểu ${c.form}`);
      expect(hit?.row).toBe(5); // two title rows, a blank row, the heading, then the first commune
      expect(hit?.cell).toMatch(/^[C-Z]5$/);
      if (c.severity) expect(hit?.severity).toBe(c.severity);
      expect(r.valid).toBe(c.severity === 'warning');
    });
  }

  it('a rate within half a hundredth of a point is accepted', async () => {
    const r = await check(await withChange('01', { poor_rate: 20.004 }));
    expect(codes(r)).toEqual([]);
  });

  it('poor households lacking fewer than 3 indicators on average is an error', async () => {
    const lack = Object.fromEntries(LACK.map((k) => [`poor_lack_${k}`, 40]));
    const r = await check(await withChange('04', { ...lack, poor_deprivations: 480 }));
    const f = r.findings.filter((x) => x.severity === 'error');
    expect(f.map((x) => x.code)).toContain('deprivation-too-few');
    expect(f.find((x) => x.code === 'deprivation-too-few')?.cell).toBe('D5');
  });

  it('near-poor households lacking more than 2 indicators on average is an error', async () => {
    const lack = Object.fromEntries(LACK.map((k) => [`near_poor_lack_${k}`, 20]));
    const r = await check(await withChange('05', { ...lack, near_poor_deprivations: 240 }));
    expect(r.findings.filter((x) => x.severity === 'error').map((x) => x.code)).toContain(
      'deprivation-too-many',
    );
  });
});

describe('the total row', () => {
  it('must equal the sum of the rows, column by column', async () => {
    const p = await shippedRun();
    const rows = lucYenRows();
    const grids = (await fiveForms()).map((g) => g);
    grids[0] = formGrid(p, '01', rows, {
      total: { households: 3010, poor_rate: 19.93, near_poor_rate: 9.97 },
    });
    const r = await check(grids);
    const t = r.findings.filter((f) => f.code === 'total-mismatch');
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({
      sheet: 'Biểu 01',
      cell: 'C7',
      indicator: 'households',
      severity: 'error',
    });
    expect(t[0]?.params).toMatchObject({ left: 3010, right: 3000 });
  });

  it('is found first or last, under any of its usual labels', async () => {
    for (const [totalFirst, totalLabel] of [
      [true, 'Toàn huyện'],
      [false, 'Cộng'],
      [true, 'TỔNG CỘNG'],
      [false, 'Tong so'],
    ] as const) {
      const r = await check(await fiveForms(lucYenRows(), { totalFirst, totalLabel }));
      expect(codes(r), totalLabel).toEqual([]);
      expect(r.tables[0]?.rows.filter((x) => x.role === 'total')).toHaveLength(1);
    }
  });

  it('rates of the total row are checked against its own counts, never averaged', async () => {
    const p = await shippedRun();
    // Two communes with very different sizes: the average of rates differs from the rate of the sums.
    const rows = [
      {
        name: 'Xã A',
        values: { ...subunitValues(1), poor: 500, poor_rate: 50, poor_ethnic_minority: 100 },
      },
      { name: 'Xã B', values: { ...subunitValues(9) } },
    ];
    const grid = formGrid(p, '01', rows, { total: { poor_rate: 35 } });
    const r = await check([grid]);
    const f = r.findings.find((x) => x.code === 'rate-mismatch');
    expect(f?.subunit).toBe('Tổng cộng');
    expect(f?.params.right).toBe(23);
  });

  it('missing or doubled total rows are reported', async () => {
    const p = await shippedRun();
    const none = await check([formGrid(p, '01', lucYenRows(), { noTotal: true })]);
    expect(codes(none)).toEqual(['missing-total-row']);
    const grid = formGrid(p, '01', lucYenRows());
    grid.rows.push([
      undefined,
      { value: 'Tổng cộng' },
      ...(grid.rows[grid.rows.length - 1] ?? []).slice(2),
    ]);
    const two = await check([grid]);
    expect(codes(two)).toContain('duplicate-total-row');
  });
});
