/**
 * Figures typed as text under the template's SUM formulas (pasted from a web page, or typed with
 * a leading apostrophe): Excel and LibreOffice leave a text out of SUM, so the total the file
 * shows (and prints, and is signed) is short by them, or 0 when every figure is text. We read the
 * texts as the numbers they say, so the rows add up to more than the total: that was told as a
 * formula saved without recalculating (`stale-formula`) or a wrong total, and the clerk who
 * recalculated found nothing changed (an outside tester's report). It is `sum-skips-text` now,
 * naming the first text cell and how many there are. The files are the shipped SYNTHETIC Trạm
 * Tấu report of 2026 (its total row made of SUM formulas) with figures turned into text by
 * openpyxl, then recalculated by LibreOffice (openpyxl saves no results).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { convertWithLibreOffice, libreOfficeSkipReason } from '../helpers/libreoffice.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-sum-text-');
const TRAM_TAU = path.resolve('fixtures/lao-cai-2026/BC GN nam 2026 - Tram Tau.xlsx');
const now = new Date('2026-12-20T03:00:00Z');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2026' });
});

/** Biểu 01's cells `cells` (column C, rows) as text, saved by openpyxl, recalculated by LibreOffice. */
async function withText(name: string, rows: number[]): Promise<string> {
  const edited = editedByOpenpyxl(
    TRAM_TAU,
    path.join(tmp.path, 'openpyxl', `${name}.xlsx`),
    [
      "ws = wb['Biểu số 01']",
      'for r in json.loads(sys.argv[3]): ws.cell(r, 3).value = str(ws.cell(r, 3).value)',
    ],
    { args: [JSON.stringify(rows)] },
  );
  const out = path.join(tmp.path, 'lo');
  mkdirSync(out, { recursive: true });
  await convertWithLibreOffice([edited], out, { recalc: true });
  return path.join(out, `${name}.xlsx`);
}

const unitOf = async (file: string) =>
  (await consolidateFiles(setup, [file], { period: '2026', lang: 'vi', now })).units.find(
    (u) => u.code === '04606',
  );

describe('figures written as text under a SUM', () => {
  it.skipIf(!hasOpenpyxl() || libreOfficeSkipReason() !== null)(
    'are said as such at the total, naming the first text cell, never as an unrecalculated formula',
    async () => {
      const original = await unitOf(TRAM_TAU);
      const households = (original?.values.households as number) ?? 0;
      // One village's households as text (C9), then every village's (C8:C13).
      for (const [name, rows, first, count] of [
        ['Tram Tau mot o chu', [9], 'C9', 1],
        ['Tram Tau ca cot chu', [8, 9, 10, 11, 12, 13], 'C8', 6],
      ] as const) {
        const unit = await unitOf(await withText(name, [...rows]));
        expect(unit?.status, name).toBe('rejected');
        const atTotal = unit?.findings.filter((f) => f.sheet === 'Biểu số 01' && f.cell === 'C14');
        expect(
          atTotal?.map((f) => f.code),
          name,
        ).toEqual(['sum-skips-text']);
        const f = atTotal?.[0];
        expect(f?.params.first).toBe(first);
        expect(f?.params.count).toBe(count);
        expect(f?.params.right).toBe(households);
        expect(f?.params.left).toBeLessThan(households);
        expect(unit?.findings.map((x) => x.code)).not.toContain('stale-formula');
      }
    },
  );
});
