/**
 * Registries have dates: a unit is valid from and until given days (the registry's own dates by
 * default), and a code is unique only among units valid on the same days, because the 2025 reform
 * reused codes (a new commune keeps the code of one of the communes merged into it). A run for a
 * period takes the units in force on the period's last day. Registries are the shipped ones, or
 * SYNTHETIC edits of them written in the test's temporary folder.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDataFile } from '../../src/core/schemas.js';
import { registryForPeriod } from '../../src/core/subunits.js';
import { completeRegistry } from '../../src/core/kind-words.js';
import type { Registry } from '../../src/core/catalogue.js';
import { root, runCli } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-validity-');
const shipped = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(root, 'templates', name), 'utf8')) as Record<string, unknown>;
const vocabulary = parseDataFile('vocabulary', shipped('vocabulary/vi.json'), 'vi.json');

function registry(value: Record<string, unknown>): Registry {
  const r = parseDataFile('registry', value, 'test.json');
  if (!r.ok || !vocabulary.ok) throw new Error(JSON.stringify(r.ok ? 'vocabulary' : r.issues));
  return completeRegistry(r.data, vocabulary.data);
}

type Unit = Record<string, unknown>;
const laoCai = shipped('registries/lao-cai-2025.json');
const units = laoCai.units as Unit[];

describe('the Lào Cai registry of July 2025', () => {
  it('holds the 99 communes and wards, all valid from 2025-07-01', () => {
    const r = registry(laoCai);
    expect(r.units).toHaveLength(99);
    expect(r.units.filter((u) => u.name.startsWith('Phường '))).toHaveLength(10);
    expect(r.units.every((u) => u.from === '2025-07-01')).toBe(true);
    expect(r.issuer.department).toBe('SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG');
  });

  it('has no unit for a period before the reform, and all of them after', () => {
    const r = registry(laoCai);
    expect(registryForPeriod(r, '2025-H1').units).toHaveLength(0);
    expect(registryForPeriod(r, '2025').units).toHaveLength(99);
    expect(registryForPeriod(r, '2026-H1').units).toHaveLength(99);
  });
});

describe('a code is unique among the units valid on the same days', () => {
  // Xã Khao Mang (04465) was a commune of Mù Cang Chải before the reform and is a unit after it.
  const khaoMang = units.find((u) => u.code === '04465') as Unit;
  const before: Unit = {
    code: '04465',
    name: 'Xã Khao Mang',
    variants: [],
    from: '2008-01-01',
    until: '2025-07-01',
  };

  it('accepts a reused code when the dates do not meet', () => {
    const r = parseDataFile('registry', { ...laoCai, units: [before, ...units] }, 'x.json');
    expect(r.ok).toBe(true);
  });

  it('refuses the same code on days both units are valid, naming both', () => {
    const overlapping = { ...before, until: '2025-08-01' };
    const r = parseDataFile('registry', { ...laoCai, units: [overlapping, ...units] }, 'x.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const said = r.issues.map((i) => `${i.path.join('.')}: ${i.message.en}`);
    expect(said.some((s) => /^units\.\d+\.code: unit code 04465 appears twice/.test(s))).toBe(true);
    expect(said.join('\n')).toContain(String(khaoMang.name));
  });

  it('takes the unit in force for each period when a code was reused', () => {
    const older: Unit = { ...before, name: 'Xã Khao Mang (cũ)', short: 'Khao Mang cũ' };
    const r = registry({ ...laoCai, units: [older, ...units] });
    const at = (period: string) =>
      registryForPeriod(r, period)
        .units.filter((u) => u.code === '04465')
        .map((u) => u.name);
    expect(at('2024')).toEqual(['Xã Khao Mang (cũ)']);
    expect(at('2026')).toEqual(['Xã Khao Mang']);
  });

  it('refuses a unit whose dates end before they begin', () => {
    const bad = { ...units[0], from: '2025-07-01', until: '2025-01-01' };
    const r = parseDataFile('registry', { ...laoCai, units: [bad, ...units.slice(1)] }, 'x.json');
    expect(r.ok).toBe(false);
  });
});

describe('a run for a period the registry does not cover', () => {
  it('stops with exit 2 and says which registry to use', () => {
    const plan = {
      ...shipped('plans/lao-cai-2026.json'),
      $schema: undefined,
      id: 'lao-cai-2025-h1-test',
      year: 2025,
      periods: [
        {
          id: '2025-H1',
          title: { vi: '6 tháng đầu năm 2025', en: 'first half of 2025' },
          dueBefore: '2025-06-15',
          forms: ['01', '02', '03', '04', '05'],
        },
      ],
    };
    const file = path.join(tmp.path, 'kế hoạch thử.json');
    writeFileSync(file, JSON.stringify(plan));
    const args = ['--registry', 'lao-cai-2025', '--plan', file, '--period', '2025-H1'];
    const r = runCli(['status', path.join(tmp.path, 'không có'), ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('lao-cai-2025');
    expect(r.err).toContain('2025-07-01');
    expect(r.err).toContain('yen-bai-2022');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('expects every one of the 99 communes in a 2026 period', () => {
    const out = path.join(tmp.path, 'ra 2026');
    const empty = path.join(tmp.path, 'trống');
    mkdirSync(empty);
    const args = ['--registry', 'lao-cai-2025', '--plan', 'lao-cai-2026', '--period', '2026'];
    const r = runCli(['consolidate', empty, ...args, '--out', out, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { completeness: { expected: number; missing: number } };
    expect(report.completeness).toMatchObject({ expected: 99, missing: 99 });
  });
});
