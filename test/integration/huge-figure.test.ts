/**
 * A figure far past any count ("1E+308" typed, or pasted from a formula gone wrong) in a commune's
 * cell: the clerk read "Số hộ nghèo là Infinity" (prober class 4) and, at 1E+20, false digits
 * ("99.999.999.999.999.980.000"). It is an error at its cell written as a power of ten, and the
 * report is rejected. The file is the shipped SYNTHETIC Lục Yên report edited by openpyxl (skipped
 * without it).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { consolidateFiles, loadSetup, type Setup } from '../../src/commands/pipeline.js';
import { findingMessage } from '../../src/core/finding.js';
import { editedByOpenpyxl } from '../helpers/edit-cells.js';
import { useTempFolder } from '../helpers/temp-folder.js';
import { hasOpenpyxl } from '../helpers/write-list.js';

const tmp = useTempFolder('povreport-huge-figure-');
const SHIPPED = path.resolve('fixtures/2022-H1/BC 6T2022 - Luc Yen.xlsx');
let setup: Setup;
beforeAll(async () => {
  setup = await loadSetup({ period: '2022-H1' });
});

describe.skipIf(!hasOpenpyxl())('a figure of 1E+308 in a commune’s cell', () => {
  it.each([
    ['1e308', '1 × 10^308'],
    ['1e20', '1 × 10^20'],
  ])('%s: errors at its cell, the figure written %s, never "Infinity"', async (typed, shown) => {
    const dest = editedByOpenpyxl(
      SHIPPED,
      path.join(tmp.path, typed, path.basename(SHIPPED)),
      ["wb['Biểu 01']['D14'] = float(sys.argv[3])"],
      { args: [typed] },
    );
    const report = await consolidateFiles(setup, [dest], {
      period: '2022-H1',
      lang: 'vi',
      now: new Date('2022-07-20T03:00:00Z'),
    });
    const unit = report.units.find((u) => u.code === '135');
    expect(unit?.status).toBe('rejected');
    const messages = unit?.findings.map((f) => findingMessage(f, 'vi')) ?? [];
    expect(messages.join('\n')).not.toMatch(/Infinity|99\.999/);
    const atCell = unit?.findings.filter((f) => f.sheet === 'Biểu 01' && f.cell === 'D14');
    expect(atCell?.map((f) => f.code)).toContain('exceeds-group');
    expect(atCell?.some((f) => findingMessage(f, 'vi').includes(shown))).toBe(true);
  });
});
