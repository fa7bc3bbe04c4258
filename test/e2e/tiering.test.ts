/**
 * The CLI's V8 tiering (src/io/optimizer.ts): a short run optimizes far fewer functions than V8's
 * default would, computes exactly the same, and a flag the user gives node is obeyed. Timings are
 * measured in `npm run bench`, never here: these tests count what V8 says it compiled.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_TIERING_FROM_BYTES,
  beforeReading,
  defaultTiering,
  tuneForShortRuns,
  tunedForShortRuns,
} from '../../src/io/optimizer.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/povreport.js');
const ARGS = ['validate', 'fixtures/2022-H1', '--period', '2022-H1', '--json'];

function run(nodeFlags: string[]): { stdout: string; optimized: number; status: number | null } {
  const r = spawnSync(process.execPath, [...nodeFlags, BIN, ...ARGS], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // --trace-opt writes its lines to stdout, before and among the JSON's.
  const lines = r.stdout.split('\n');
  const optimized = lines.filter((l) => l.startsWith('[completed compiling')).length;
  const json = lines.filter((l) => !l.startsWith('[')).join('\n');
  return { stdout: json, optimized, status: r.status };
}

describe('the CLI tunes V8 for a short run', () => {
  it('optimizes under half the functions on the nine districts, with the same output', () => {
    const tuned = run(['--trace-opt']);
    // The user's own budget (V8's default) turns the tuning off.
    const plain = run(['--trace-opt', '--interrupt-budget=67584']);
    expect(tuned.status).toBe(plain.status);
    expect(plain.optimized).toBeGreaterThan(40);
    expect(tuned.optimized).toBeLessThan(plain.optimized / 2);
    // What it computes does not change: the JSON is the same, byte for byte.
    expect((JSON.parse(tuned.stdout) as { files: unknown[] }).files.length).toBe(13);
    expect(tuned.stdout).toBe(plain.stdout);
  });
});

describe('tuneForShortRuns', () => {
  afterEach(() => {
    defaultTiering();
  });

  it("leaves V8's tiering alone when the user chose it on node's command line", () => {
    expect(tuneForShortRuns(['--interrupt-budget=1000'])).toBe(false);
    expect(tuneForShortRuns(['--no-turbofan'])).toBe(false);
    expect(tuneForShortRuns(['--no-sparkplug'])).toBe(false);
    expect(tunedForShortRuns()).toBe(false);
  });

  it('is undone by a large file and not by a small one', () => {
    expect(tuneForShortRuns([])).toBe(true);
    expect(tuneForShortRuns([])).toBe(false);
    beforeReading(DEFAULT_TIERING_FROM_BYTES - 1);
    expect(tunedForShortRuns()).toBe(true);
    beforeReading(DEFAULT_TIERING_FROM_BYTES);
    expect(tunedForShortRuns()).toBe(false);
  });
});
