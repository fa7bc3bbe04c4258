/**
 * Which plan and which poverty standard a run uses when the command line does not name them: the
 * plan whose periods include `--period`, and the standard whose years take in the plan's year (or
 * the one the plan names). The data folders here are synthetic copies of the shipped one, with
 * small test plans and standards added.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadData } from '../../src/commands/load-data.js';
import {
  chooseStandard,
  choosePlanByDate,
  choosePlanByPeriod,
} from '../../src/core/data-choice.js';
import { ConfigError } from '../../src/core/errors.js';
import { TEMPLATES_DIR } from '../../src/io/templates.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const S22 = { file: 'standards/a.json', id: 'a', validFromYear: 2022, validToYear: 2026 };
const S27 = { file: 'standards/b.json', id: 'b', validFromYear: 2027, validToYear: 2030 };
const basis = { vi: 'năm của kế hoạch p', en: 'the year of the plan p' };

describe('chooseStandard', () => {
  it('takes the one whose years take in the year, at both ends', () => {
    for (const [year, id] of [
      [2022, 'a'],
      [2026, 'a'],
      [2027, 'b'],
      [2030, 'b'],
    ] as const) {
      const c = chooseStandard([S22, S27], year, basis);
      expect(c.ok && c.value.id, String(year)).toBe(id);
    }
  });

  it('none fits: says the year, every standard with its years, and what to do', () => {
    const c = chooseStandard([S22, S27], 2031, basis);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.message.vi).toContain('năm 2031 (năm của kế hoạch p)');
    expect(c.message.vi).toContain('standards/a.json (2022–2026), standards/b.json (2027–2030)');
    expect(c.message.en).toContain('validFromYear..validToYear takes in 2031');
  });

  it('two fit: names both and says to name one in the plan', () => {
    const c = chooseStandard([S22, { ...S27, validFromYear: 2026 }], 2026, basis);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.message.vi).toContain('standards/a.json (2022–2026), standards/b.json (2026–2030)');
    expect(c.message.vi).toContain('"standard"');
    expect(c.message.en).toContain('Name one as "standard": "<id>" in the plan');
  });
});

describe('choosePlanByPeriod', () => {
  const P1 = { file: 'plans/x.json', id: 'x', registry: 'r1', periods: ['2026-H1', '2026'] };
  const P2 = { file: 'plans/y.json', id: 'y', registry: 'r2', periods: ['2026'] };
  it('the one plan holding the period; none is no error (the default applies)', () => {
    const one = choosePlanByPeriod([P1, P2], '2026-H1');
    expect(one.ok && one.value?.id).toBe('x');
    const none = choosePlanByPeriod([P1, P2], '2027');
    expect(none).toEqual({ ok: true, value: undefined });
  });
  it('two hold it: both named, unless the registry tells them apart', () => {
    const two = choosePlanByPeriod([P1, P2], '2026');
    expect(two.ok).toBe(false);
    if (!two.ok) expect(two.message.vi).toContain('plans/x.json, plans/y.json');
    const mine = choosePlanByPeriod([P1, P2], '2026', 'r2');
    expect(mine.ok && mine.value?.id).toBe('y');
  });
});

const temp = useTempFolder('povreport chọn chuẩn ');
let data: string;
let n = 0;

/** A fresh copy of the shipped data folder (synthetic test copy). */
beforeEach(() => {
  data = path.join(temp.path, `dữ liệu ${++n}`);
  cpSync(TEMPLATES_DIR, data, { recursive: true });
});

function writePlan(id: string, fields: Record<string, unknown>): void {
  const base = JSON.parse(
    readFileSync(path.join(TEMPLATES_DIR, 'plans', 'lao-cai-2026.json'), 'utf8'),
  ) as Record<string, unknown>;
  writeFileSync(
    path.join(data, 'plans', `${id}.json`),
    JSON.stringify({ ...base, id, ...fields }, null, 2),
  );
}

const period = (id: string) => ({
  id,
  title: { vi: `năm ${id}`, en: `year ${id}` },
  dueBefore: `${id}-12-15`,
  forms: ['01', '02', '03', '04', '05'],
});

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(ConfigError);
  return (e as ConfigError).text.vi + '\n' + (e as ConfigError).text.en;
}

describe('loadData: the plan and the standard of a run', () => {
  it('shipped, with nothing named: Yên Bái 2022, its plan, the 2022-2025 standard', async () => {
    const { cat, plan } = await loadData({ dataDir: data });
    expect([cat.registry.id, plan?.id, cat.standard.id]).toEqual([
      'yen-bai-2022',
      'yen-bai-2022',
      'vn-2022-2025',
    ]);
  });

  it('--period 2026 alone: the plan holding it (Lào Cai 2026) and its registry', async () => {
    const { cat, plan } = await loadData({ dataDir: data, period: '2026' });
    expect([cat.registry.id, plan?.id, cat.standard.id]).toEqual([
      'lao-cai-2025',
      'lao-cai-2026',
      'vn-2022-2025',
    ]);
  });

  it('--plan alone: the plan’s registry', async () => {
    const { cat } = await loadData({ dataDir: data, plan: 'lao-cai-2026' });
    expect(cat.registry.id).toBe('lao-cai-2025');
  });

  it('a period no plan holds: the default registry, as before', async () => {
    const { cat, plan } = await loadData({ dataDir: data, period: '2019' });
    expect([cat.registry.id, plan?.id]).toEqual(['yen-bai-2022', 'yen-bai-2022']);
  });

  it('a 2027 plan takes the 2027 standard, its forms and rules', async () => {
    writePlan('test-2027', { year: 2027, periods: [period('2027')] });
    const { cat } = await loadData({ dataDir: data, period: '2027' });
    expect(cat.standard.id).toBe('vn-2027-2030');
    const b04 = cat.forms.forms.find((f) => f.id === '04')?.columns.map((c) => c.id) ?? [];
    expect(b04).toContain('poor_lack_waste');
    expect(b04).not.toContain('poor_lack_information');
    expect(cat.rules.standard).toBe('vn-2027-2030');
  });

  it('a plan naming its standard wins over its year', async () => {
    writePlan('test-2027', {
      year: 2027,
      standard: 'vn-2022-2025',
      periods: [period('2027')],
    });
    const { cat } = await loadData({ dataDir: data, plan: 'test-2027' });
    expect(cat.standard.id).toBe('vn-2022-2025');
  });

  it('two plans holding the period: a configuration error naming both', async () => {
    writePlan('lao-cai-2026-bis', {});
    const m = await refusal(loadData({ dataDir: data, period: '2026' }));
    expect(m).toContain('plans/lao-cai-2026-bis.json, plans/lao-cai-2026.json');
    expect(m).toContain('--plan');
    // --registry does not tell them apart (both are Lào Cai's); --plan does.
    await refusal(loadData({ dataDir: data, period: '2026', registry: 'lao-cai-2025' }));
    const { plan } = await loadData({ dataDir: data, period: '2026', plan: 'lao-cai-2026-bis' });
    expect(plan?.id).toBe('lao-cai-2026-bis');
  });

  it('two standards for one year: a configuration error naming both, until the plan names one', async () => {
    const std = JSON.parse(
      readFileSync(path.join(TEMPLATES_DIR, 'standards', 'vn-2027-2030.json'), 'utf8'),
    ) as Record<string, unknown>;
    writeFileSync(
      path.join(data, 'standards', 'vn-2026-thu.json'),
      JSON.stringify({ ...std, id: 'vn-2026-thu', validFromYear: 2026 }),
    );
    const m = await refusal(loadData({ dataDir: data, period: '2026' }));
    expect(m).toContain('2 chuẩn nghèo cùng áp dụng cho năm 2026');
    expect(m).toContain('standards/vn-2022-2025.json (2022–2026)');
    expect(m).toContain('standards/vn-2026-thu.json (2026–2030)');
    writePlan('lao-cai-2026', { standard: 'vn-2022-2025' });
    const { cat } = await loadData({ dataDir: data, period: '2026' });
    expect(cat.standard.id).toBe('vn-2022-2025');
  });

  it('no standard for the plan’s year: a configuration error', async () => {
    writePlan('test-2031', { year: 2031, periods: [period('2031')] });
    const m = await refusal(loadData({ dataDir: data, period: '2031' }));
    expect(m).toContain('Không có chuẩn nghèo nào áp dụng cho năm 2031');
    expect(m).toContain('plans/test-2031.json');
  });
});

describe('choosePlanByDate (remind with neither --plan nor --registry)', () => {
  const plan = (id: string, registry: string, due: string[]) => ({
    file: `plans/${id}.json`,
    id,
    registry,
    periods: due.map((d) => d.slice(0, 4)),
    due,
  });
  const all = [
    plan('yen-bai-2022', 'yen-bai-2022', ['2022-06-15', '2022-12-15']),
    plan('lao-cai-2025', 'lao-cai-2025', ['2025-12-15']),
    plan('lao-cai-2026', 'lao-cai-2026', ['2026-06-15', '2026-12-15']),
  ];
  const id = (asOf: string, registry?: string) => {
    const c = choosePlanByDate(all, asOf, registry);
    return c.ok ? c.value?.id : c.message.en;
  };

  it('takes the plan whose deadline is nearest the day, before or after it', () => {
    // An outside tester's cron run in December 2026 reminded the 2022 districts.
    expect(id('2026-12-14')).toBe('lao-cai-2026');
    expect(id('2026-12-20')).toBe('lao-cai-2026');
    // In January the year just ended is chased; from spring the year's own.
    expect(id('2026-01-05')).toBe('lao-cai-2025');
    expect(id('2026-05-01')).toBe('lao-cai-2026');
    expect(id('2022-06-08')).toBe('yen-bai-2022');
    // Among the plans of a registry named.
    expect(id('2026-12-14', 'yen-bai-2022')).toBe('yen-bai-2022');
  });

  it('none with a deadline: none chosen; two as near: an error naming both', () => {
    expect(choosePlanByDate([plan('x', 'r', [])], '2026-01-01')).toEqual({
      ok: true,
      value: undefined,
    });
    const twin = [plan('a', 'r', ['2026-06-15']), plan('b', 'r', ['2026-06-15'])];
    const c = choosePlanByDate(twin, '2026-06-01');
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.message.en).toContain('plans/a.json, plans/b.json');
  });
});
