/**
 * Messy files must never crash the tool: damaged copies of the shipped fixtures (a slice cut out
 * or repeated), checked together in one run, each become findings for that file, never an
 * exception or an internal error. Seeded, so a failure is reproducible. Other damage (bytes
 * flipped, files cut short, each format's structure broken) is test/integration/fuzz.test.ts's.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { checkFiles } from '../../src/commands/check-files.js';
import { shippedRun } from '../helpers/build.js';
import { seeded } from '../helpers/random-unit.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const sources = [
  '2022-H1/Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx',
  '2022-H1/Nghĩa Lộ - báo cáo 6 tháng đầu năm 2022.xlsx',
  '2022-H1/VanChan_Bieu01_2022-H1.csv',
  '2022-H1/VanChan_Bieu03_2022-H1.csv',
  '2022/YenBinh_Bieu04_2022.csv',
];

/**
 * A slice of the file cut out of the middle, or repeated (lines doubled, zip records shifted):
 * the damage test/integration/fuzz.test.ts does not do (it flips bytes, cuts the end short and
 * breaks each format's own structure).
 */
function damage(bytes: Buffer, rnd: () => number, kind: number): Buffer {
  const a = Math.floor(rnd() * bytes.length);
  if (kind % 2 === 0)
    return Buffer.concat([
      bytes.subarray(0, a),
      bytes.subarray(Math.min(bytes.length, a + 1 + Math.floor(rnd() * 500))),
    ]);
  const slice = bytes.subarray(a, Math.min(bytes.length, a + 200));
  return Buffer.concat([bytes.subarray(0, a), slice, slice, bytes.subarray(a)]);
}

describe('damaged files', () => {
  it('become findings, never a crash', async () => {
    const run = await shippedRun();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'povreport hỏng '));
    onTestFinished(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    const rnd = seeded(20221215);
    const files: string[] = [];
    sources.forEach((src, s) => {
      const bytes = readFileSync(path.join(fixtures, src));
      for (let k = 0; k < 8; k++) {
        const f = path.join(dir, `${s}-${k}${path.extname(src)}`);
        writeFileSync(f, damage(bytes, rnd, k));
        files.push(f);
      }
    });
    const checked = await checkFiles(files, run, { lang: 'vi', period: '2022-H1' });
    expect(checked).toHaveLength(files.length);
    for (const f of checked) {
      const internal = f.findings.filter((x) =>
        String(x.params.reason ?? '').includes('lỗi nội bộ'),
      );
      expect(internal, f.file).toEqual([]);
      // Every damaged file says something (at the least that it is damaged or inconsistent).
      expect(f.findings.length + (f.valid ? 0 : 1), f.file).toBeGreaterThan(0);
    }
  }, 120_000);
});
