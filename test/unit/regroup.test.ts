/**
 * Regrouping pre-2025 commune figures into the 99 units of tỉnh Lào Cai (core/regroup.ts) with
 * the shipped reform (templates/reforms/lao-cai-2025.json). The reports are synthetic, built
 * here from the old-to-new table; the expected sums are computed from the source CSV
 * (scripts/data/sources/lao-cai-2025-old-to-new.csv), not from the reform file the code reads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withRates, type Values } from '../../src/core/consolidate.js';
import { checkReformReferences } from '../../src/core/reform.js';
import { regroup, type RegroupSource, type RegroupedUnit } from '../../src/core/regroup.js';
import { parseDataFile, type Reform } from '../../src/core/schemas.js';
import { loadCatalogue } from '../../src/commands/load-data.js';
import { TEMPLATES_DIR } from '../../src/io/templates.js';

const root = path.resolve(import.meta.dirname, '../..');
const json = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8')) as unknown;

function parsed<K extends 'reform' | 'forms' | 'registry'>(kind: K, file: string) {
  const r = parseDataFile(kind, json(path.join(TEMPLATES_DIR, file)), file);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.data;
}
const reform = parsed('reform', 'reforms/lao-cai-2025.json');
const forms = parsed('forms', 'forms/vn-2022-2025.json');
const newUnits = parsed('registry', 'registries/lao-cai-2025.json').units;

/** The source table: old province, old district, old code and name, new code. */
const table = readFileSync(
  path.join(root, 'scripts/data/sources/lao-cai-2025-old-to-new.csv'),
  'utf8',
)
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((l) => {
    const [province, district, districtName, code, name, into] = [
      ...l.split(',').slice(0, 2),
      ...l.split(',').slice(2, 6),
    ] as string[];
    return { province, district, districtName, code, name, into } as Record<string, string>;
  });
const yenBai = table.filter((r) => r.province === 'Yên Bái');
const districts = [...new Set(yenBai.map((r) => r.district))] as string[];

const COUNTS = ['households', 'poor', 'near_poor', 'poor_start', 'near_poor_start'] as const;
const counts = [...COUNTS];
const input = {
  reform,
  newUnits,
  counts,
  withRates: (v: Values) => withRates(v, forms),
};

/** Synthetic counts of an old commune, different for every commune. */
function countsOf(i: number): Values {
  const households = 500 + ((i * 37) % 900);
  return {
    households,
    poor: 10 + ((i * 13) % 300),
    near_poor: 5 + ((i * 7) % 200),
    poor_start: 20 + ((i * 11) % 350),
    near_poor_start: 8 + ((i * 5) % 220),
  };
}

/**
 * A synthetic 2022 report of Yên Bái (registry yen-bai-2022): every district accepted with every
 * old commune of the table as a row, its counts from `values` (default {@link countsOf}).
 */
function report(
  o: {
    values?: (code: string, i: number) => Values;
    drop?: (code: string) => boolean;
    status?: Record<string, 'accepted' | 'rejected' | 'missing'>;
    extra?: Record<string, { name: string; code?: string; values: Values }[]>;
  } = {},
): RegroupSource {
  return {
    registry: 'yen-bai-2022',
    units: districts.map((d) => ({
      code: d,
      name: yenBai.find((r) => r.district === d)?.districtName ?? d,
      status: o.status?.[d] ?? 'accepted',
      subunits: [
        ...yenBai
          .map((r, i) => ({ r, i }))
          .filter(({ r }) => r.district === d && !(o.drop?.(r.code ?? '') ?? false))
          .map(({ r, i }) => ({
            name: r.name ?? '',
            code: r.code,
            values: (o.values ?? ((_c: string, k: number) => countsOf(k)))(r.code ?? '', i),
          })),
        ...(o.extra?.[d] ?? []),
      ],
    })),
  };
}

const unitNamed = (units: RegroupedUnit[], name: string): RegroupedUnit => {
  const u = units.find((x) => x.name === name);
  if (!u) throw new Error(`no unit ${name}`);
  return u;
};

/** The sums expected of a new unit, from the source table. */
function expectedSums(into: string, values = (i: number) => countsOf(i)): Values {
  const out: Values = {};
  for (const id of COUNTS) out[id] = 0;
  yenBai.forEach((r, i) => {
    if (r.into !== into) return;
    for (const id of COUNTS) out[id] = (out[id] ?? 0) + (values(i)[id] ?? 0);
  });
  return out;
}

describe('regrouping a 2022 report into the units of 1 July 2025', () => {
  it('gives each of the 51 former Yên Bái units the sum of its old communes, rates recomputed', () => {
    const g = regroup(report(), input);
    const given = g.units.filter((u) => u.status === 'given');
    expect(given).toHaveLength(51);
    for (const u of given) {
      const sums = expectedSums(u.code);
      for (const id of COUNTS) expect(u.values[id], `${u.name} ${id}`).toBe(sums[id]);
      const households = sums.households ?? 0;
      expect(u.values.poor_rate).toBe(Math.round((10000 * (sums.poor ?? 0)) / households) / 100);
      expect(u.values.near_poor_rate).toBe(
        Math.round((10000 * (sums.near_poor ?? 0)) / households) / 100,
      );
    }
    expect(g.used).toBe(168);
  });

  it('the 48 units of the old Lào Cai province are not covered, never zero', () => {
    const g = regroup(report(), input);
    const notCovered = g.units.filter((u) => u.status === 'not-covered');
    expect(notCovered).toHaveLength(48);
    for (const u of notCovered) {
      expect(u.values).toEqual({});
      expect(u.reasons).toEqual([{ kind: 'not-covered', provinces: ['Tỉnh Lào Cai'] }]);
    }
  });

  it('the seven units straddling two old districts sum across both (domain-2026.md §2.3)', () => {
    const g = regroup(report(), input);
    const straddling: [string, string[]][] = [
      ['Xã Tú Lệ', ['Huyện Mù Căng Chải', 'Huyện Văn Chấn']],
      ['Phường Nghĩa Lộ', ['Thị xã Nghĩa Lộ', 'Huyện Văn Chấn']],
      ['Xã Liên Sơn', ['Thị xã Nghĩa Lộ', 'Huyện Văn Chấn']],
      ['Xã Mỏ Vàng', ['Huyện Văn Yên', 'Huyện Văn Chấn']],
      ['Phường Văn Phú', ['Thành phố Yên Bái', 'Huyện Yên Bình']],
      ['Phường Nam Cường', ['Thành phố Yên Bái', 'Huyện Trấn Yên']],
      ['Phường Âu Lâu', ['Thành phố Yên Bái', 'Huyện Trấn Yên']],
    ];
    for (const [name, olds] of straddling) {
      const u = unitNamed(g.units, name);
      expect(new Set(u.from.map((f) => f.districtName)), name).toEqual(new Set(olds));
      expect(u.status).toBe('given');
      expect(u.values.poor, name).toBe(expectedSums(u.code).poor);
    }
    // Tú Lệ: Cao Phạ of Mù Cang Chải and Tú Lệ of Văn Chấn.
    const tuLe = unitNamed(g.units, 'Xã Tú Lệ');
    expect(tuLe.from.map((f) => f.name).sort()).toEqual(['Xã Cao Phạ', 'Xã Tú Lệ']);
  });

  it('a new unit with one old commune missing is not given, and says which; its neighbours are', () => {
    // Xã Cao Phạ (Mù Cang Chải) went into Tú Lệ; its row is missing from the district's report.
    const g = regroup(report({ drop: (c) => c === '04480' }), input);
    const tuLe = unitNamed(g.units, 'Xã Tú Lệ');
    expect(tuLe.status).toBe('not-given');
    expect(tuLe.values).toEqual({});
    expect(tuLe.reasons).toEqual([
      {
        kind: 'district-only',
        district: '137',
        districtName: 'Huyện Mù Căng Chải',
        communes: ['Xã Cao Phạ'],
      },
    ]);
    expect(unitNamed(g.units, 'Xã Mù Cang Chải').status).toBe('given');
    expect(g.units.filter((u) => u.status === 'given')).toHaveLength(50);
  });

  it('a district known only by its total: its units are not given, the total is not split', () => {
    const g = regroup(
      report({ drop: (c) => yenBai.find((r) => r.code === c)?.district === '139' }),
      input,
    );
    const tramTau = g.units.filter((u) => u.from.some((f) => f.district === '139'));
    expect(tramTau.length).toBeGreaterThan(0);
    for (const u of tramTau) {
      expect(u.status).toBe('not-given');
      expect(u.values).toEqual({});
      expect(u.reasons[0]).toMatchObject({ kind: 'district-only', districtName: 'Huyện Trạm Tấu' });
    }
  });

  it('a rejected or missing old district: the units it touches are not given, said with its status', () => {
    const g = regroup(report({ status: { '137': 'rejected', '140': 'missing' } }), input);
    const tuLe = unitNamed(g.units, 'Xã Tú Lệ');
    expect(tuLe.status).toBe('not-given');
    expect(tuLe.reasons).toEqual([
      {
        kind: 'district-not-accepted',
        district: '137',
        districtName: 'Huyện Mù Căng Chải',
        status: 'rejected',
      },
      {
        kind: 'district-not-accepted',
        district: '140',
        districtName: 'Huyện Văn Chấn',
        status: 'missing',
      },
    ]);
  });

  it('communes merged in 2024 go where the reform says; one whose new unit is unknown blocks its district', () => {
    // Đào Thịnh (04507) went into Thành Thịnh (04510) in 2024; Nga Quán's partner is not known.
    const extra = {
      '138': [
        { name: 'Xã Đào Thịnh', code: '04507', values: countsOf(1000) },
        { name: 'Xã Nga Quán', code: '04528', values: countsOf(1001) },
      ],
    };
    const withDao = regroup(report({ extra: { '138': [extra['138'][0] as never] } }), input);
    const into = yenBai.find((r) => r.code === '04510')?.into ?? '';
    const unit = withDao.units.find((u) => u.code === into);
    expect(unit?.status).toBe('given');
    expect(unit?.values.poor).toBe((expectedSums(into).poor ?? 0) + (countsOf(1000).poor ?? 0));

    const withNga = regroup(report({ extra }), input);
    const blocked = withNga.units.filter((u) => u.from.some((f) => f.district === '138'));
    for (const u of blocked) {
      expect(u.status).toBe('not-given');
      expect(u.reasons).toContainEqual({
        kind: 'unplaced',
        district: '138',
        districtName: 'Huyện Trấn Yên',
        communes: ['Xã Nga Quán'],
      });
    }
  });

  it('property: the covered units add up to the covered old communes, none counted twice', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(2000), { minLength: yenBai.length, maxLength: yenBai.length }),
        fc.uniqueArray(fc.constantFrom(...yenBai.map((r) => r.code ?? '')), { maxLength: 12 }),
        fc.uniqueArray(fc.constantFrom(...districts), { maxLength: 3 }),
        (draws, dropped, rejected) => {
          const values = (i: number): Values => {
            const d = draws[i] ?? 0;
            return {
              households: 1000 + d,
              poor: d,
              near_poor: (d * 7) % 1000,
              poor_start: d + 3,
              near_poor_start: (d * 3) % 900,
            };
          };
          const status = Object.fromEntries(rejected.map((d) => [d, 'rejected' as const]));
          const g = regroup(
            report({ values: (_c, i) => values(i), drop: (c) => dropped.includes(c), status }),
            input,
          );
          const given = new Set(g.units.filter((u) => u.status === 'given').map((u) => u.code));
          for (const id of COUNTS) {
            const regrouped = g.units
              .filter((u) => given.has(u.code))
              .reduce((s, u) => s + (u.values[id] ?? 0), 0);
            const old = yenBai.reduce(
              (s, r, i) => s + (given.has(r.into ?? '') ? (values(i)[id] ?? 0) : 0),
              0,
            );
            expect(regrouped).toBe(old);
          }
          // A unit is given exactly when every one of its old communes has its own figure.
          for (const u of g.units.filter((x) => x.status !== 'not-covered')) {
            const complete = yenBai
              .filter((r) => r.into === u.code)
              .every(
                (r) => !dropped.includes(r.code ?? '') && !rejected.includes(r.district ?? ''),
              );
            expect(u.status === 'given', u.name).toBe(complete);
            if (!complete) expect(u.reasons.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the reform file', () => {
  it('maps every old commune of the table to exactly one new unit of lao-cai-2025', async () => {
    expect(reform.communes).toHaveLength(table.length);
    expect(new Set(reform.communes.map((c) => `${c.province}|${c.code}`)).size).toBe(table.length);
    const after = (await loadCatalogue('lao-cai-2025')).registry;
    const before = new Map([['yen-bai-2022', (await loadCatalogue('yen-bai-2022')).registry]]);
    expect(checkReformReferences(reform, 'reforms/lao-cai-2025.json', after, before)).toEqual([]);
  });

  it('refuses an old commune listed twice, and a new code that is not a unit after the reform', async () => {
    const doc = json(path.join(TEMPLATES_DIR, 'reforms/lao-cai-2025.json')) as Reform;
    const twice = { ...doc, communes: [...doc.communes, { ...doc.communes[0], into: '04252' }] };
    const r = parseDataFile('reform', twice, 'reforms/x.json');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]?.message.en).toContain('each old commune goes into exactly one new unit');

    const wrong: Reform = {
      ...reform,
      communes: reform.communes.map((c, i) => (i === 0 ? { ...c, into: '99999' } : c)),
    };
    const after = (await loadCatalogue('lao-cai-2025')).registry;
    const issues = checkReformReferences(wrong, 'reforms/x.json', after, new Map());
    expect(issues[0]).toMatchObject({ path: ['communes', 0, 'into'] });
    expect(issues[0]?.message.en).toContain('"99999" is not a unit of the registry lao-cai-2025');
  });
});
