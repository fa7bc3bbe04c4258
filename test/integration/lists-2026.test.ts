/**
 * A 2026 commune's household list beside its summary (the commune reports its villages; no
 * registry lists them). Found by an outside tester's blind probe: such a list was never compared
 * (the unit's figures waited for lists of "every commune", which a commune has none of), so a
 * summary one household off was accepted; and with no area column no household's classification
 * was checked (a ward's or commune's own kind says urban or rural), so a misclassified household
 * was counted. The files are SYNTHETIC, made by that tester with openpyxl (fixtures/lists-2026).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/commands/check-files.js';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';

const DIR = path.resolve('fixtures/lists-2026');
const now = new Date('2026-12-20T03:00:00Z');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2026' });
});
const filesOf = (sub: string) =>
  readdirSync(path.join(DIR, sub)).map((f) => path.join(DIR, sub, f));
const consolidate = (sub: string) =>
  consolidateFiles(setup, filesOf(sub), { period: '2026', lang: 'vi', now });

describe('a 2026 commune’s list beside its summary', () => {
  it('agreeing: the commune’s own figures compared, every one equal, the commune accepted', async () => {
    const report = await consolidate('agree');
    const unit = report.units.find((u) => u.code === '04465');
    expect(unit?.status).toBe('accepted');
    expect(unit?.households?.agrees).toBe(true);
    expect(unit?.households?.compared).toBeGreaterThan(20);
    expect(report.lists).toMatchObject({ checked: 1, agreeing: 1, partial: 0, differing: 0 });
  });

  it('one poor household off: an error at the summary’s cell, the commune rejected', async () => {
    const report = await consolidate('differ');
    const unit = report.units.find((u) => u.code === '04630');
    expect(unit?.status).toBe('rejected');
    const said = unit?.findings.filter((f) => f.code === 'list-summary-mismatch') ?? [];
    expect(said.map((f) => [f.cell, f.params.summary, f.params.list]).slice(0, 1)).toEqual([
      ['D8', 2, 1],
    ]);
    expect(report.lists).toMatchObject({ checked: 1, differing: 1 });
  });

  it('no area column: the commune’s kind says rural, and a household classified against its scores is an error', async () => {
    const file = path.join(DIR, 'Xa Tu Le - DS ho 2026 (phan loai sai, khong cot khu vuc).xlsx');
    const [f] = await checkFiles([file], setup.run, { lang: 'vi', period: '2026' });
    const codes = f?.findings.map((x) => x.code) ?? [];
    expect(codes.filter((c) => c === 'list-classification')).toHaveLength(2);
    expect(codes).not.toContain('list-classification-unknown');
    expect(f?.valid).toBe(false);
  });
});
