/**
 * A commune's report sent as one CSV per form, its villages named by no registry: a village one
 * form names and another lacks ("Tổ dân phổ 2" in Biểu 04, "Tổ dân phố 2" in the others, one tone
 * mark apart) was accepted, the village's figures split between two names in the report.
 * Consolidation now says `subunit-not-in-form` at both rows, as validate says it of the forms of
 * one file. Found by an outside tester's single-cell mutations (theme Y). The files are the
 * shipped SYNTHETIC Mù Cang Chải CSVs (fixtures/lao-cai-2026), one name edited as text.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup } from '../../src/commands/pipeline.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const tmp = useTempFolder('povreport-csv-unpaired-');
const SOURCE = path.resolve('fixtures/lao-cai-2026');
const MCC = readdirSync(SOURCE).filter((f) => f.startsWith('MuCangChai_') && f.endsWith('.csv'));

/** The five CSVs, Biểu 04's "Tổ dân phố 2" written `name`. */
function copies(dir: string, name: string): string[] {
  mkdirSync(dir, { recursive: true });
  for (const f of MCC) copyFileSync(path.join(SOURCE, f), path.join(dir, f));
  const b04 = path.join(dir, 'MuCangChai_Bieu04_2026.csv');
  writeFileSync(b04, readFileSync(b04, 'utf8').replace('Tổ dân phố 2', name));
  return MCC.map((f) => path.join(dir, f));
}

async function unitOf(files: string[]) {
  const setup = await loadSetup({ period: '2026' });
  const report = await consolidateFiles(setup, files, {
    period: '2026',
    lang: 'en',
    now: new Date('2026-12-20T03:00:00Z'),
  });
  return {
    unit: report.units.find((u) => u.code === '04456'),
    findings: report.findings.filter((f) => f.unit === '04456' && f.severity === 'error'),
  };
}

describe('one CSV per form, a village named in one form only', () => {
  it('is refused at its row in both forms; as shipped, the unit is accepted', async () => {
    const shipped = await unitOf(copies(path.join(tmp.path, 'shipped'), 'Tổ dân phố 2'));
    expect(shipped.unit?.status).toBe('accepted');
    const edited = await unitOf(copies(path.join(tmp.path, 'edited'), 'Tổ dân phổ 2'));
    expect(edited.unit?.status).toBe('rejected');
    expect(edited.findings.map((f) => [f.code, path.basename(f.file), f.subunit]).sort()).toEqual([
      ['subunit-not-in-form', 'MuCangChai_Bieu01_2026.csv', 'Tổ dân phố 2'],
      ['subunit-not-in-form', 'MuCangChai_Bieu04_2026.csv', 'Tổ dân phổ 2'],
    ]);
  });
});
