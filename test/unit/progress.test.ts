/**
 * The progress line of long reads: nothing for a short read, a line after two seconds, redrawn
 * a few times a second at most, wiped at the end; the line says the file, the rows and the rate.
 */
import { describe, expect, it } from 'vitest';
import { terminalProgress } from '../../src/io/progress.js';
import { progressLine } from '../../src/render/progress-line.js';

function recorder() {
  const writes: string[] = [];
  let t = 0;
  const progress = terminalProgress({
    stream: { write: (s: string) => writes.push(s) },
    line: (file: string, rows: number, seconds: number) => progressLine(file, rows, seconds, 'vi'),
    clock: () => t,
  });
  return { writes, progress, at: (ms: number) => (t = ms) };
}

describe('progress on a terminal', () => {
  it('says nothing for a read of under two seconds', () => {
    const r = recorder();
    for (let ms = 0; ms <= 1900; ms += 100) {
      r.at(ms);
      r.progress.rows('a.xlsx', ms * 100);
    }
    r.progress.end();
    expect(r.writes).toEqual([]);
  });

  it('shows rows and rate after two seconds, at most four times a second, and wipes the line', () => {
    const r = recorder();
    for (let ms = 0; ms <= 3000; ms += 50) {
      r.at(ms);
      r.progress.rows('Lục Yên.xlsx', ms * 100);
    }
    // From 2000 ms to 3000 ms every 250 ms: 2000, 2250, 2500, 2750, 3000.
    expect(r.writes).toHaveLength(5);
    expect(r.writes[0]).toBe('\rĐang đọc Lục Yên.xlsx: 200.000 dòng, 100.000 dòng/giây');
    r.progress.end();
    const last = r.writes.at(-1) ?? '';
    expect(last).toMatch(/^\r +\r$/);
    expect(last.length - 2).toBe((r.writes.at(-2) ?? '').length - 1);
  });

  it('starts the clock again for each file', () => {
    const r = recorder();
    r.at(0);
    r.progress.rows('a.xlsx', 1);
    r.at(2500);
    r.progress.rows('b.xlsx', 1);
    expect(r.writes).toEqual([]);
  });
});

describe('the progress line', () => {
  it('names the file without its folder, in the language asked', () => {
    expect(progressLine('C:\\Hộp thư\\Trạm Tấu.xlsx', 1234567, 2, 'en')).toBe(
      'Reading Trạm Tấu.xlsx: 1,234,567 rows, 617,284 rows/s',
    );
    expect(progressLine('/x/a.csv', 10, 0, 'vi')).toBe('Đang đọc a.csv: 10 dòng');
  });

  it('keeps the end of a long name and no control character of it', () => {
    const line = progressLine(`${'x'.repeat(60)}\u001b[31mBiểu.xlsx`, 1, 1, 'vi');
    expect(line).toContain('Biểu.xlsx');
    expect(line).not.toContain('\u001b');
    expect(line.length).toBeLessThan(80);
  });
});
