import { describe, expect, it } from 'vitest';
import { consolidate, type SubmittedFile } from '../../src/core/consolidate.js';
import type { Plan } from '../../src/core/catalogue.js';
import {
  formGrid,
  lucYenRows,
  shippedRun,
  submitted,
  subunitValues,
  totalOf,
  type Values,
} from '../helpers/build.js';
import { loadPlan } from '../../src/commands/load-data.js';

const now = new Date('2022-06-20T03:00:00Z');

async function submission(
  o: {
    unitTitle?: string;
    fileName?: string;
    forms?: string[];
    rows?: { name: string; values: Values }[];
    date?: string;
    period?: string;
    change?: { form: string; values: Values };
  } = {},
): Promise<SubmittedFile> {
  const p = await shippedRun();
  const title = [
    o.unitTitle ?? 'UBND HUYỆN LỤC YÊN',
    o.period === '2021-H1' ? '6 tháng đầu năm 2021' : '6 tháng đầu năm 2022',
  ];
  const grids = (o.forms ?? ['01', '02', '03', '04', '05']).map((f) => {
    const rows = (o.rows ?? lucYenRows()).map((r) => ({ ...r, values: { ...r.values } }));
    if (o.change?.form === f && rows[0]) rows[0].values = { ...rows[0].values, ...o.change.values };
    return formGrid(p, f, rows, { title });
  });
  return submitted(grids, { fileName: o.fileName ?? 'x.xlsx', reportDate: o.date ?? '2022-06-10' });
}

async function run(files: SubmittedFile[], plan?: Plan) {
  const p = await shippedRun();
  return consolidate(files, {
    cat: p.cat,
    plan: plan ?? (await loadPlan(p.cat)),
    rules: p.rules,
    period: '2022-H1',
    lang: 'vi',
    now,
  });
}

describe('consolidate', () => {
  it('sums accepted units only, recomputes rates, and counts completeness', async () => {
    const lucYen = await submission();
    const vanYen = await submission({
      unitTitle: 'UBND HUYỆN VĂN YÊN',
      fileName: 'y.xlsx',
      change: { form: '01', values: { poor: 250 } },
    });
    const tramTau = await submission({
      unitTitle: 'UBND HUYỆN TRẤN YÊN',
      fileName: 'z.xlsx',
      rows: [{ name: 'Xã A', values: subunitValues(3) }],
    });
    const r = await run([lucYen, vanYen, tramTau]);
    const status = Object.fromEntries(r.units.map((u) => [u.code, u.status]));
    expect(status).toMatchObject({
      '135': 'accepted',
      '136': 'rejected',
      '138': 'accepted',
      '139': 'missing',
    });
    // Independent sum: Lục Yên (k=1, k=2) + Trấn Yên (k=3) = 6 × the base sub-unit.
    const base = subunitValues(1);
    for (const id of [
      'households',
      'poor',
      'near_poor',
      'poor_end',
      'poor_lack_water',
      'near_poor_deprivations',
    ])
      expect(r.total[id], id).toBe((base[id] as number) * 6);
    expect(r.total.poor_rate).toBe(20);
    expect(r.units.find((u) => u.code === '136')?.values).toEqual({});
    expect(r.units.find((u) => u.code === '136')?.errors).toBeGreaterThan(0);
    expect(r.completeness).toMatchObject({
      expected: 9,
      accepted: 2,
      rejected: 1,
      missing: 6,
      onTime: 2,
    });
    expect(r.completeness.reportingRate).toBe(22.2);
    const subunits = r.units.find((u) => u.code === '135')?.subunits ?? [];
    expect(
      subunits.map((s) => [s.name, s.values.poor, s.values.poor_end, s.values.poor_rate]),
    ).toEqual([
      ['Xã An Phú', 200, 200, 20],
      ['Xã Minh Xuân', 400, 400, 20],
    ]);
  });

  it('progress against the plan: baseline, current, points reduced, share of the target', async () => {
    const plan = await loadPlan((await shippedRun()).cat);
    const r = await run([await submission()], {
      ...plan,
      units: { ...plan.units, '135': { baselineRate: 24.1, targetReduction: 3.2 } },
    });
    const t = r.targets.find((x) => x.unit === '135');
    expect(t).toMatchObject({
      baselineRate: 24.1,
      currentRate: 20,
      reduction: 4.1,
      target: 3.2,
      achievedShare: 128.1,
      escapedPoverty: 150,
    });
    // The indicators the targets read are the forms file's roles, not names in the code.
    const p = await shippedRun();
    const roles = { ...p.cat.forms.roles, escapedPoverty: ['poor_exit_above'] };
    const other = consolidate([await submission()], {
      cat: { ...p.cat, forms: { ...p.cat.forms, roles } },
      plan,
      rules: p.rules,
      period: '2022-H1',
      lang: 'vi',
      now,
    });
    const values = other.units.find((u) => u.code === '135')?.values ?? {};
    expect(other.targets.find((x) => x.unit === '135')?.escapedPoverty).toBe(
      values.poor_exit_above,
    );
    expect(values.poor_exit_above).not.toBe(150);
    const prov = r.targets.find((x) => x.unit === 'province');
    // Eight units have not reported: the province's rate is not compared with its target.
    expect(prov).toMatchObject({
      baselineRate: 18.07,
      target: 4.04,
      currentRate: 20,
      reduction: null,
      achievedShare: null,
      partial: true,
    });
  });

  it('a form in a separate file joins the unit’s submission, and cross-form checks run across files', async () => {
    const a = await submission({ forms: ['01'], fileName: 'LucYen_Bieu01.csv' });
    const b = await submission({
      forms: ['02', '03', '04', '05'],
      fileName: 'LucYen_Bieu02-05.xlsx',
    });
    const ok = await run([a, b]);
    expect(ok.units.find((u) => u.code === '135')?.status).toBe('accepted');
    const bad = await submission({
      forms: ['02', '03', '04', '05'],
      fileName: 'LucYen_Bieu02-05.xlsx',
      change: { form: '04', values: { poor: 199 } },
    });
    const r = await run([a, bad]);
    const u = r.units.find((x) => x.code === '135');
    expect(u?.status).toBe('rejected');
    expect(u?.findings.find((f) => f.code === 'cross-form-mismatch')).toMatchObject({
      file: 'in/LucYen_Bieu02-05.xlsx',
      form: '04',
      indicator: 'poor',
    });
  });

  it('a resubmission replaces the older file; same date with other numbers is an error', async () => {
    const old = await submission({
      fileName: 'old.xlsx',
      date: '2022-06-05',
      change: { form: '01', values: { poor: 250 } },
    });
    const fixed = await submission({ fileName: 'new.xlsx', date: '2022-06-12' });
    const r = await run([old, fixed]);
    const u = r.units.find((x) => x.code === '135');
    expect(u?.status).toBe('accepted');
    expect(u?.files.find((f) => f.file === 'in/old.xlsx')?.used).toEqual([]);
    expect(u?.findings.filter((f) => f.code === 'superseded-submission')).toHaveLength(5);
    expect(u?.findings.find((f) => f.code === 'superseded-submission')?.severity).toBe('warning');

    const other = await submission({
      fileName: 'other.xlsx',
      date: '2022-06-12',
      change: { form: '02', values: { poor_new: 3, poor_end: 201 } },
    });
    const c = await run([fixed, other]);
    const cu = c.units.find((x) => x.code === '135');
    expect(cu?.status).toBe('rejected');
    expect(cu?.findings.some((f) => f.code === 'conflicting-submission' && f.form === '02')).toBe(
      true,
    );
  });

  it('the same figures in another layout the same day are no conflict; other figures are', async () => {
    // A group row over the communes, households and poor swapped in Biểu 01: where the rows and
    // columns sit is layout; what the unit and each commune report is the same.
    const p = await shippedRun();
    const laidOut = async (
      fileName: string,
      rows: { name: string; values: Values }[],
    ): Promise<SubmittedFile> => {
      const grids = ['01', '02', '03', '04', '05'].map((f) => {
        const g = formGrid(
          p,
          f,
          [{ name: 'I. Khu vực nông thôn', values: totalOf(rows.map((r) => r.values)) }, ...rows],
          {
            title: ['UBND HUYỆN LỤC YÊN', '6 tháng đầu năm 2022'],
            total: totalOf(rows.map((r) => r.values)),
          },
        );
        if (f === '01') for (const r of g.rows) [r[2], r[3]] = [r[3], r[2]];
        return g;
      });
      return submitted(grids, { fileName, reportDate: '2022-06-10' });
    };
    const plain = await submission({ fileName: 'a.xlsx' });
    const same = await laidOut('b.xlsx', lucYenRows());
    expect(same.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const r = await run([plain, same]);
    const u = r.units.find((x) => x.code === '135');
    expect(u?.findings.filter((f) => f.code === 'conflicting-submission')).toEqual([]);
    expect(u?.status).toBe('accepted');

    // The communes' figures swapped: the same total, other figures for each commune.
    const [first, second] = lucYenRows();
    if (!first || !second) throw new Error('rows');
    const swapped = await laidOut('c.xlsx', [
      { ...first, values: second.values },
      { ...second, values: first.values },
    ]);
    expect(swapped.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const c = await run([plain, swapped]);
    const cu = c.units.find((x) => x.code === '135');
    expect(cu?.status).toBe('rejected');
    expect(cu?.findings.filter((f) => f.code === 'conflicting-submission')).toHaveLength(5);
  });

  it('a form the plan requires and no file holds is an error for the unit', async () => {
    const r = await run([await submission({ forms: ['01', '02', '03', '04'] })]);
    const u = r.units.find((x) => x.code === '135');
    expect(u?.status).toBe('rejected');
    expect(u?.findings.find((f) => f.code === 'missing-form')).toMatchObject({
      form: '05',
      severity: 'error',
    });
  });

  it('a file of an earlier period is set aside: the unit is accepted by its right one, missing without it', async () => {
    const wrong = await submission({ fileName: 'cu.xlsx', period: '2021-H1' });
    expect(
      (await run([wrong, await submission()])).units.find((x) => x.code === '135')?.status,
    ).toBe('accepted');
    // Alone, it is last period's report left in the inbox: the unit has not sent this one.
    const alone = await run([wrong]);
    expect(alone.units.find((x) => x.code === '135')?.status).toBe('missing');
    expect(alone.otherPeriod.map((f) => f.split(/[\\/]/).pop())).toEqual(['cu.xlsx']);
    expect(alone.findings.map((f) => f.code)).toContain('period-mismatch');
  });

  it('on time means before the due-before date', async () => {
    const late = await run([await submission({ date: '2022-06-15' })]);
    expect(late.units.find((x) => x.code === '135')?.files[0]?.onTime).toBe(false);
    expect(late.completeness.onTime).toBe(0);
    const onTime = await run([await submission({ date: '2022-06-14' })]);
    expect(onTime.units.find((x) => x.code === '135')?.files[0]?.onTime).toBe(true);
  });
});

describe('guards against counting a unit twice or wrongly', () => {
  it('an identical file taken for two units is an error for both', async () => {
    const p = await shippedRun();
    const grids = ['01', '02', '03', '04', '05'].map((f) =>
      formGrid(p, f, lucYenRows(), { title: ['6 tháng đầu năm 2022'] }),
    );
    const a = await submitted(grids, { fileName: 'Luc Yen.xlsx', reportDate: '2022-06-10' });
    const b = await submitted(grids, { fileName: 'Van Yen.xlsx', reportDate: '2022-06-10' });
    const r = await run([a, b]);
    for (const code of ['135', '136']) {
      const u = r.units.find((x) => x.code === code);
      expect(u?.status, code).toBe('rejected');
      expect(u?.findings.some((f) => f.code === 'duplicate-submission')).toBe(true);
    }
    expect(r.total.poor).toBeNull();
  });

  it('without total rows, the unit is rejected: its figures cannot be confirmed', async () => {
    const p = await shippedRun();
    const grids = ['01', '02', '03', '04', '05'].map((f) =>
      formGrid(p, f, lucYenRows(), {
        title: ['UBND HUYỆN LỤC YÊN', '6 tháng đầu năm 2022'],
        noTotal: true,
      }),
    );
    const r = await run([await submitted(grids, { reportDate: '2022-06-10' })]);
    const u = r.units.find((x) => x.code === '135');
    expect(u?.status).toBe('rejected');
    expect(u?.values).toEqual({});
    expect(u?.findings.filter((f) => f.code === 'missing-total-row')).toHaveLength(5);
  });
});
