/**
 * The shipped fixtures through the real readers and checks: every valid submission reads exactly
 * as its generator says (unit, period, forms, heading rows, columns, rows) and gives no error or
 * warning; consolidating each period gives the generator's numbers (computed independently, in
 * scripts/fixtures/make-fixtures.mjs); every broken file gives exactly the findings it was built for.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidate } from '../../src/core/consolidate.js';
import { columnLetter } from '../../src/core/grid.js';
import { expandPaths } from '../../src/io/walk.js';
import { shippedRun } from '../helpers/build.js';
import { checkFiles } from '../../src/commands/check-files.js';
import { loadCatalogue, loadPlan, prepareRun } from '../../src/commands/load-data.js';

const root = path.resolve(import.meta.dirname, '../../fixtures');
const readJson = (f: string): unknown =>
  JSON.parse(readFileSync(path.join(root, 'expected', f), 'utf8'));

interface ValidSubmission {
  unit: string;
  period: string;
  files: string[];
  forms: Record<
    string,
    {
      file: string;
      sheet: string | null;
      headerRows: [number, number];
      totalRow: number | null;
      columns: Record<string, string>;
      rows: { name: string; written?: string; row: number }[];
    }
  >;
  expect: { code: string }[];
}
interface BrokenFile {
  file: string;
  unit: string | null;
  period: string | null;
  args: string[];
  expect: { code: string; severity: string; sheet: string | null; cell: string | null }[];
  allow?: string[];
}
type Model = {
  periods: Record<
    string,
    { province: Record<string, number>; units: Record<string, { total: Record<string, number> }> }
  >;
};

const valid = (readJson('valid.json') as { submissions: ValidSubmission[] }).submissions;
const broken = (readJson('broken.json') as { files: BrokenFile[] }).files;
const model = readJson('model.json') as Model;

describe('valid fixtures', () => {
  for (const s of valid) {
    it(`${s.period} ${s.unit}: ${s.files.map((f) => path.basename(f)).join(', ')}`, async () => {
      const run = await shippedRun();
      const checked = await checkFiles(
        s.files.map((f) => path.join(root, f)),
        run,
        { lang: 'vi' },
      );
      for (const f of checked) {
        expect([f.unit?.code, f.period], f.file).toEqual([s.unit, s.period]);
        const serious = f.findings.filter((x) => x.severity !== 'info');
        expect(
          serious.map((x) => `${x.code} ${x.sheet ?? ''}!${x.cell ?? ''}`),
          f.file,
        ).toEqual([]);
        for (const x of f.findings)
          expect(
            s.expect.map((e) => e.code),
            `${x.code} in ${f.file}`,
          ).toContain(x.code);
      }
      expect(checked.flatMap((f) => f.forms).sort()).toEqual(Object.keys(s.forms).sort());
      for (const [form, want] of Object.entries(s.forms)) {
        const file = checked.find((f) => f.file === path.join(root, want.file));
        const sheet = file?.sheets.find((x) => x.form === form);
        expect(sheet?.headerRows, `${form} heading rows`).toEqual(want.headerRows);
        const cols: Record<string, string> = {};
        for (const c of sheet?.columns ?? []) if (c.id) cols[c.id] = columnLetter(c.col);
        const { note, ...indicatorCols } = want.columns;
        expect(cols, `${form} columns`).toMatchObject(indicatorCols);
        if (note)
          expect(
            sheet?.columns.find((c) => columnLetter(c.col) === note)?.id,
            `${form} notes column`,
          ).toBeNull();
        const table = file?.tables.find((t) => t.form === form);
        const total = table?.rows.find((r) => r.role === 'total');
        expect(total ? total.row + 1 : null, `${form} total row`).toBe(want.totalRow);
        // Communes of the registry come back under their registry name, others as written.
        const detail = table?.rows.filter((r) => r.role !== 'total') ?? [];
        expect(
          detail.map((r) => ({ name: r.canonical ?? r.name.normalize('NFC'), row: r.row + 1 })),
          `${form} rows`,
        ).toEqual(
          want.rows.map(({ name, written, row }, i) => ({
            name: detail[i]?.canonical !== undefined ? name : (written ?? name).normalize('NFC'),
            row,
          })),
        );
      }
    });
  }
});

describe('consolidating the shipped periods', () => {
  for (const period of ['2022-H1', '2022']) {
    it(`${period}: every unit accepted, every value as the generator computed it`, async () => {
      const run = await shippedRun();
      const files = await expandPaths([path.join(root, period)]);
      const checked = await checkFiles(files, run, { lang: 'vi', period });
      const plan = await loadPlan(run.cat);
      const r = consolidate(checked, {
        cat: run.cat,
        plan,
        rules: run.rules,
        period,
        lang: 'vi',
        now: new Date('2022-12-20T00:00:00Z'),
      });
      const m = model.periods[period];
      if (!m) throw new Error(period);
      expect(r.units.map((u) => [u.code, u.status])).toEqual(
        Object.keys(m.units).map((c) => [c, 'accepted']),
      );
      for (const u of r.units)
        for (const [id, v] of Object.entries(m.units[u.code]?.total ?? {}))
          expect(u.values[id], `${u.code} ${id}`).toBe(v);
      for (const [id, v] of Object.entries(m.province))
        expect(r.total[id], `province ${id}`).toBe(v);
      // Every unit in: the province's progress against the plan is given.
      const prov = r.targets.find((t) => t.unit === 'province');
      const reduction = Math.round((18.07 - (m.province.poor_rate ?? 0)) * 100) / 100;
      expect(prov).toMatchObject({
        baselineRate: 18.07,
        currentRate: m.province.poor_rate,
        reduction,
        target: 4.04,
      });
      expect(prov?.achievedShare).toBe(Math.round((1000 * reduction) / 4.04) / 10);
    });
  }
});

describe('broken fixtures', () => {
  for (const b of broken) {
    it(`${b.file} gives ${b.expect.map((e) => e.code).join(', ') || 'nothing'}`, async () => {
      const registryArg = b.args.indexOf('--registry');
      const run =
        registryArg >= 0
          ? prepareRun(await loadCatalogue(path.resolve(root, '..', b.args[registryArg + 1] ?? '')))
          : await shippedRun();
      const periodArg = b.args.indexOf('--period');
      const period = periodArg >= 0 ? b.args[periodArg + 1] : undefined;
      const [f] = await checkFiles([path.join(root, b.file)], run, {
        lang: 'vi',
        ...(period ? { period } : {}),
      });
      if (!f) throw new Error(b.file);
      const got = f.findings
        .filter((x) => x.severity !== 'info' || b.expect.some((e) => e.code === x.code))
        .filter((x) => !(b.allow ?? []).includes(x.code) || b.expect.some((e) => e.code === x.code))
        .map((x) => ({
          code: x.code,
          severity: x.severity,
          sheet: x.sheet,
          cell: x.cell,
        }));
      const sort = (
        xs: { code: string; severity: string; sheet: string | null; cell: string | null }[],
      ) => [...xs].sort((a, c) => JSON.stringify(a).localeCompare(JSON.stringify(c)));
      expect(sort(got)).toEqual(sort(b.expect));
      if (b.unit !== null) expect(f.unit?.code).toBe(b.unit);
      if (b.period !== null) expect(f.period).toBe(b.period);
    });
  }
});
