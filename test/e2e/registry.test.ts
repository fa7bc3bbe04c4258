/**
 * A province after the 2025 reorganisation: reporting units are communes and their rows are
 * villages, loaded with --registry and --plan. The same readers and checks apply.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fiveForms, subunitValues } from '../helpers/build.js';
import { writeXlsx } from '../helpers/write.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin', 'povreport.js');
const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

let dir: string;
let registry: string;
let plan: string;

const temp = useTempFolder('povreport xã ');

beforeAll(async () => {
  dir = temp.path;
  registry = path.join(dir, 'lao-cai-2026.json');
  plan = path.join(dir, 'ke-hoach-2026.json');
  writeFileSync(
    registry,
    JSON.stringify({
      id: 'lao-cai-2026',
      version: 1,
      standard: 'vn-2022-2025',
      plan: 'ke-hoach-2026',
      province: { code: '10', name: 'Tỉnh Lào Cai (thử nghiệm)', place: 'Lào Cai' },
      issuer: {
        authority: 'UBND TỈNH LÀO CAI',
        department: 'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG',
        departmentName: 'Sở Nông nghiệp và Môi trường tỉnh Lào Cai',
      },
      unitLevel: { vi: 'xã, phường', en: 'commune' },
      subunitLevel: { vi: 'thôn, bản, tổ dân phố', en: 'village' },
      units: [
        {
          code: 'X01',
          name: 'Xã Trạm Tấu',
          variants: [],
          subunits: [{ name: 'Thôn Tà Xùa' }, { name: 'Bản Pá Hu' }],
        },
        { code: 'X02', name: 'Xã Mù Cang Chải', variants: ['Xã Mù Căng Chải'] },
      ],
    }),
  );
  writeFileSync(
    plan,
    JSON.stringify({
      id: 'ke-hoach-2026',
      year: 2026,
      registry: 'lao-cai-2026',
      source: 'test',
      periods: [
        {
          id: '2026-H1',
          title: { vi: '6 tháng đầu năm 2026', en: 'first half of 2026' },
          dueBefore: '2026-06-15',
          forms: ['01', '02', '03', '04', '05'],
        },
      ],
      baselineAsOf: '2025-12-31',
      province: { baselineRate: 20, targetReduction: 3 },
      units: { X01: { baselineRate: 25, targetReduction: 4 } },
    }),
  );
  const inbox = path.join(dir, 'inbox');
  mkdirSync(inbox);
  const rows = [
    { name: 'Thôn Tà Xùa', values: subunitValues(1) },
    { name: 'Bản Pá Hu', values: subunitValues(2) },
  ];
  await writeXlsx(
    await fiveForms(rows, { title: ['UBND XÃ TRẠM TẤU', 'BÁO CÁO 6 THÁNG ĐẦU NĂM 2026'] }),
    path.join(inbox, 'bao-cao.xlsx'),
  );
});

describe('a registry whose reporting units are communes', () => {
  it('validate identifies the commune and checks its villages against the registry', () => {
    const r = run([
      'validate',
      path.join(dir, 'inbox'),
      '--registry',
      registry,
      '--period',
      '2026-H1',
      '--json',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      files: { unit: { code: string } | null; period: string }[];
      findings: { code: string }[];
    };
    expect(doc.files[0]?.unit?.code).toBe('X01');
    expect(doc.findings).toEqual([]);
  });

  it('consolidate sums the communes with the plan given', () => {
    const out = path.join(dir, 'out');
    const r = run([
      'consolidate',
      path.join(dir, 'inbox'),
      '--registry',
      registry,
      '--plan',
      plan,
      '--period',
      '2026-H1',
      '--out',
      out,
    ]);
    expect(r.code).toBe(1); // Xã Mù Cang Chải has not reported
    const doc = JSON.parse(readFileSync(path.join(out, 'tong-hop-2026-H1.json'), 'utf8')) as {
      province: { code: string };
      units: { code: string; status: string; subunits: { name: string }[] }[];
      total: Record<string, number>;
    };
    expect(doc.province.code).toBe('10');
    expect(doc.units.map((u) => [u.code, u.status])).toEqual([
      ['X01', 'accepted'],
      ['X02', 'missing'],
    ]);
    expect(doc.units[0]?.subunits.map((s) => s.name)).toEqual(['Thôn Tà Xùa', 'Bản Pá Hu']);
    expect(doc.total.poor).toBe(600);
  });
});

describe('a shipped registry named by its id', () => {
  it('is the shipped one even where a folder of that name is in the current folder', () => {
    // Staff keep the communes' reports in a folder named as the registry (an outside tester's
    // run): "--registry lao-cai-2025" read that folder as the file and stopped (EISDIR).
    const here = path.join(temp.path, 'làm việc');
    mkdirSync(path.join(here, 'lao-cai-2025'), { recursive: true });
    const r = spawnSync(
      process.execPath,
      [
        bin,
        'validate',
        path.join(root, 'fixtures', 'lao-cai-2026', 'NamCo_2026.xlsx'),
        '--period',
        '2026',
        '--registry',
        'lao-cai-2025',
      ],
      { cwd: here, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Xã Nậm Có (04462)');
  });
});

describe('a registry of another time than --period', () => {
  // README: a registry with no unit in force in the period stops every command with exit 2 and
  // names the registry to use. `template` wrote the 99 communes' forms for 2024 (they exist from
  // 1/7/2025), `validate` ran, and `consolidate` spoke of the plan instead (an outside reader of
  // the README).
  const fixture = path.join(root, 'fixtures', 'lao-cai-2026', 'NamCo_2026.xlsx');
  for (const [name, args] of [
    ['template', (out: string) => ['template', '--out', out]],
    ['validate', () => ['validate', fixture]],
    ['consolidate', (out: string) => ['consolidate', fixture, '--out', out]],
  ] as const)
    it(`${name}: exit 2, naming the registry to use, nothing written`, () => {
      const out = path.join(temp.path, `${name} 2024`);
      const r = run([...args(out), '--registry', 'lao-cai-2025', '--period', '2024']);
      expect(existsSync(out)).toBe(false);
      expect(r.code).toBe(2);
      expect(r.err).toContain('không có đơn vị nào còn hiệu lực trong kỳ 2024');
      expect(r.err).toContain('yen-bai-2022');
      expect(r.out).toBe('');
    });
});
