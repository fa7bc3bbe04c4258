/**
 * Messy files must never crash the tool: damaged copies of the shipped fixtures (truncated, bytes
 * overwritten, CSV text scrambled) each become findings for that file, never an exception or an
 * internal error. Seeded, so a failure is reproducible.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedRun } from '../helpers/build.js';
import { checkFiles } from '../../src/commands/check-files.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const sources = [
  '2022-H1/Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx',
  '2022-H1/Nghĩa Lộ - báo cáo 6 tháng đầu năm 2022.xlsx',
  '2022-H1/VanChan_Bieu01_2022-H1.csv',
  '2022-H1/VanChan_Bieu03_2022-H1.csv',
  '2022/YenBinh_Bieu04_2022.csv',
];

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function damage(bytes: Buffer, rnd: () => number, kind: number): Buffer {
  const b = Buffer.from(bytes);
  switch (kind % 4) {
    case 0:
      return b.subarray(0, Math.floor(rnd() * b.length));
    case 1:
      for (let i = 0; i < 20; i++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
      return b;
    case 2: {
      // Cut a slice out of the middle.
      const a = Math.floor(rnd() * b.length);
      return Buffer.concat([
        b.subarray(0, a),
        b.subarray(Math.min(b.length, a + 1 + Math.floor(rnd() * 500))),
      ]);
    }
    default: {
      // Duplicate a slice (lines repeated, zip records shifted).
      const a = Math.floor(rnd() * b.length);
      const slice = b.subarray(a, Math.min(b.length, a + 200));
      return Buffer.concat([b.subarray(0, a), slice, slice, b.subarray(a)]);
    }
  }
}

describe('damaged files', () => {
  it('become findings, never a crash', async () => {
    const run = await shippedRun();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'povreport hỏng '));
    const rnd = prng(20221215);
    const files: string[] = [];
    sources.forEach((src, s) => {
      const bytes = readFileSync(path.join(fixtures, src));
      for (let k = 0; k < 12; k++) {
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
