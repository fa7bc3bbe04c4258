/**
 * A file identified by its name alone, the name giving the unit's name another kind: "TT Mu Cang
 * Chai" is the town merged away in 2025, not Xã Mù Cang Chải. An outside tester's files (no
 * title block) were accepted as the commune of that name, and put beside that commune's own
 * report, made it a conflicting submission. Now the file is no unit's, said by
 * `unit-name-not-in-registry`, and the commune's own report goes through. The files are the
 * shipped SYNTHETIC Lào Cai 2026 submissions (Nậm Có's workbook saved under the town's name).
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, runCli } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-name-kind-');
const SRC = path.join(fixtures, 'lao-cai-2026');
const vArgs = ['--registry', 'lao-cai-2025', '--period', '2026'];
const args = [...vArgs, '--plan', 'lao-cai-2026'];

interface Json {
  files: { file: string; unit: { code: string } | null; valid: boolean }[];
  findings: { code: string; file: string; message: string }[];
}

describe('a file name giving a commune’s name another kind', () => {
  it('validate: the file is no unit’s, said in words naming the name and the commune', () => {
    const dir = path.join(tmp.path, 'validate');
    mkdirSync(dir);
    const file = path.join(dir, 'TT Mu Cang Chai - BC ho ngheo nam 2026.xlsx');
    copyFileSync(path.join(SRC, 'NamCo_2026.xlsx'), file);
    const r = runCli(['validate', file, ...vArgs, '--json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as Json;
    expect(json.files[0]).toMatchObject({ unit: null, valid: false });
    const said = json.findings.filter((f) => f.code === 'unit-name-not-in-registry');
    expect(said).toHaveLength(1);
    expect(said[0]?.message).toContain('TT (thị trấn) Mù Cang Chải');
    expect(said[0]?.message).toContain('Xã Mù Cang Chải');
    expect(json.findings.map((f) => f.code)).not.toContain('unit-unknown');
    // A commune merged away, named alone: said with the unit it went into (never taken for it:
    // the file may hold only that commune's part).
    const old = path.join(dir, 'Xa Ho Bon - BC ho ngheo nam 2026.xlsx');
    copyFileSync(path.join(SRC, 'NamCo_2026.xlsx'), old);
    const gone = JSON.parse(runCli(['validate', old, ...vArgs, '--json']).out) as Json;
    expect(gone.files[0]).toMatchObject({ unit: null, valid: false });
    const told = gone.findings.find((f) => f.code === 'unit-name-not-in-registry');
    expect(told?.message).toContain('Xã Hồ Bốn cũ, nay là một phần của Xã Khao Mang, mã 04465');
    // Its own kind, or no kind word: the commune's.
    const own = path.join(dir, 'Xa Nam Co - BC 2026.xlsx');
    copyFileSync(path.join(SRC, 'NamCo_2026.xlsx'), own);
    const ok = JSON.parse(runCli(['validate', own, ...vArgs, '--json']).out) as Json;
    expect(ok.files[0]).toMatchObject({ unit: { code: '04462' }, valid: true });
  });

  it('consolidate: beside the commune’s own report, the commune is accepted with its figures', () => {
    const inbox = path.join(tmp.path, 'hộp thư');
    mkdirSync(inbox);
    for (const f of ['MuCangChai_Bieu01_2026.csv', 'MuCangChai_Bieu02_2026.csv'].concat(
      ['03', '04', '05'].map((n) => `MuCangChai_Bieu${n}_2026.csv`),
    ))
      copyFileSync(path.join(SRC, f), path.join(inbox, f));
    copyFileSync(
      path.join(SRC, 'NamCo_2026.xlsx'),
      path.join(inbox, 'TT Mu Cang Chai - BC ho ngheo nam 2026.xlsx'),
    );
    const out = path.join(tmp.path, 'out');
    runCli(['consolidate', inbox, ...args, '--out', out, '--format', 'json'], { timeout: 60_000 });
    const report = JSON.parse(readFileSync(path.join(out, 'tong-hop-2026.json'), 'utf8')) as {
      units: { code: string; status: string; errors: number }[];
      unassignedFiles: string[];
      findings: { code: string; unit: string | null }[];
    };
    const mcc = report.units.find((u) => u.code === '04456');
    expect(report.unassignedFiles.map((f) => path.basename(f))).toEqual([
      'TT Mu Cang Chai - BC ho ngheo nam 2026.xlsx',
    ]);
    expect(mcc?.status).toBe('accepted');
    expect(mcc?.errors).toBe(0);
    const mine = report.findings.filter((f) => f.unit === '04456').map((f) => f.code);
    expect(mine).not.toContain('conflicting-submission');
    expect(report.findings.map((f) => f.code)).toContain('unit-name-not-in-registry');
  });
});
