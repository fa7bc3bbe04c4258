/**
 * Finding and reading the previous period's report for `consolidate`: a file given with
 * `--previous` that cannot be used stops the run with a message (a ConfigError: exit 2); one found
 * in `--out` that cannot be used is left aside and said in the summary. Synthetic report files.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/catalogue.js';
import { ConfigError } from '../../src/core/errors.js';
import { choosePrevious } from '../../src/commands/previous.js';
import { renderConsolidateSummary } from '../../src/render/consolidate-summary.js';
import { sampleReport } from '../helpers/report-model.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const temp = useTempFolder('povreport kỳ trước ');

const plan = {
  id: 'lao-cai-2026',
  periods: [{ id: '2026-H1' }, { id: '2026' }],
} as unknown as Plan;

const report = (period: string) =>
  JSON.stringify({
    period,
    registry: 'lao-cai-2025',
    units: [{ code: '04246', name: 'Xã Khao Mang', status: 'accepted', values: {}, subunits: [] }],
  });

/** A folder of its own, with the files given. */
function folder(name: string, files: Record<string, string> = {}): string {
  const dir = path.join(temp.path, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
  return dir;
}

const choose = (dir: string, previous?: string, period = '2026') =>
  choosePrevious({
    ...(previous !== undefined ? { previous } : {}),
    period,
    plan,
    autoFile: (p) => path.join(dir, `tong-hop-${p}.json`),
  });

async function configError(p: Promise<unknown>): Promise<ConfigError> {
  const e: unknown = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof ConfigError)) throw new Error(`expected a ConfigError, got ${String(e)}`);
  return e;
}

describe('the previous report in --out', () => {
  it('is last year’s annual report, used when it is there', async () => {
    const dir = folder('có', { 'tong-hop-2025.json': report('2025') });
    const c = await choose(dir, undefined, '2026-H1');
    expect(c.report?.period).toBe('2025');
    expect(c.report?.file).toBe(path.join(dir, 'tong-hop-2025.json'));
    expect(c.note).toEqual({ kind: 'found', file: path.join(dir, 'tong-hop-2025.json') });
  });

  it('is said to be missing, or left aside when it is of another period or no report', async () => {
    const none = await choose(folder('trống'));
    expect(none.report).toBeUndefined();
    expect(none.note).toMatchObject({ kind: 'none-found', expected: '2025' });

    const renamed = await choose(folder('đổi tên', { 'tong-hop-2025.json': report('2024') }));
    expect(renamed.report).toBeUndefined();
    expect(renamed.note).toMatchObject({ kind: 'wrong-period', period: '2024', expected: '2025' });

    const broken = await choose(folder('hỏng', { 'tong-hop-2025.json': '{"period": "2025", ' }));
    expect(broken.report).toBeUndefined();
    expect(broken.note?.kind).toBe('unreadable');
  });

  it.skipIf(process.platform === 'win32')('never hangs on a pipe in its place', async () => {
    const dir = folder('ống');
    expect(spawnSync('mkfifo', [path.join(dir, 'tong-hop-2025.json')]).status).toBe(0);
    const c = await choose(dir);
    expect(c.report).toBeUndefined();
    expect(c.note?.kind).toBe('unreadable');
  });

  it('is said in the summary, in both languages', async () => {
    const { report: r, cat } = await sampleReport();
    const outcome = { written: [], strict: false, notes: [], removed: [] };
    const say = (
      previous: Parameters<typeof renderConsolidateSummary>[1]['previous'],
      lang: 'vi' | 'en',
    ) =>
      renderConsolidateSummary(
        r,
        { ...outcome, ...(previous ? { previous } : {}) },
        cat.forms.roles,
        lang,
        new Chalk({ level: 0 }),
      );
    const none = { kind: 'none-found', file: 'out/tong-hop-2021.json', expected: '2021' } as const;
    expect(say(none, 'vi')).toContain(
      'Không có báo cáo kỳ trước (không thấy out/tong-hop-2021.json): số đầu kỳ chưa được đối chiếu',
    );
    expect(say(none, 'en')).toContain('No previous report (out/tong-hop-2021.json not found)');
    const wrong = {
      kind: 'wrong-period',
      file: 'x.json',
      period: '2020',
      expected: '2021',
    } as const;
    expect(say(wrong, 'vi')).toContain(
      'Không dùng x.json: đó là báo cáo kỳ 2020, không phải kỳ 2021',
    );
    const withPrevious = {
      ...r,
      previous: {
        file: 'cu.json',
        period: '2021',
        registry: 'lao-cai-2025',
        comparable: false,
        compared: [],
        mismatches: 0,
      },
    };
    const other = renderConsolidateSummary(
      withPrevious,
      outcome,
      cat.forms.roles,
      'vi',
      new Chalk({ level: 0 }),
    );
    expect(other).toContain('là của danh mục lao-cai-2025, khác danh mục yen-bai-2022 của kỳ này');
    const nothing = { ...withPrevious.previous, registry: 'yen-bai-2022', comparable: true };
    expect(
      renderConsolidateSummary(
        { ...r, previous: nothing },
        outcome,
        cat.forms.roles,
        'vi',
        new Chalk({ level: 0 }),
      ),
    ).toContain('(cu.json): không đơn vị nào có số liệu ở cả hai kỳ');
  });
});

describe('a report given with --previous', () => {
  it('must be of the period before, by the plan', async () => {
    const dir = folder('chỉ định', { 'cu.json': report('2026-H1') });
    const e = await configError(choose(dir, path.join(dir, 'cu.json')));
    expect(e.text.vi).toContain('đây là báo cáo kỳ 2026-H1');
    expect(e.text.en).toContain(
      '2026 opens with the closing figures of 2025 (by the plan lao-cai-2026)',
    );
    // …unless the plan says the annual report follows on from the 6-month one.
    const h1 = {
      ...plan,
      periods: [{ id: '2026-H1' }, { id: '2026', previous: '2026-H1' }],
    } as unknown as Plan;
    const c = await choosePrevious({
      previous: path.join(dir, 'cu.json'),
      period: '2026',
      plan: h1,
      autoFile: () => 'none',
    });
    expect(c.report?.period).toBe('2026-H1');
  });

  it('must be a consolidated report: another JSON, a text, a folder or nothing is refused', async () => {
    const dir = folder('lạ', {
      'povreport-map.json': '{ "version": 1, "units": {} }',
      'ghi chú.txt': 'Báo cáo năm 2025',
    });
    const cases: [string, string][] = [
      ['povreport-map.json', 'is not the JSON of a consolidated report'],
      ['ghi chú.txt', 'not valid JSON'],
      ['không có.json', 'file not found'],
      ['.', 'not a regular file'],
    ];
    for (const [name, said] of cases) {
      const e = await configError(choose(dir, path.join(dir, name)));
      expect(e.text.en, name).toContain(said);
      expect(e.text.vi, name).toContain(path.join(dir, name));
    }
  });
});
