/**
 * The report's files are one set: whatever happens to a `consolidate` run — killed at any step of
 * writing, a write failing half way, Ctrl+C, a second run into the same folder — the folder never
 * holds old and new files together, and after the next run it holds one whole set and no file of
 * ours besides. The old set is Mù Cang Chải's report, the new one Trạm Tấu's (shipped fixtures);
 * each file is told old or new by its content against complete reference runs.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, fingerprint, fixtures, runCli, startCli, type CliRun } from '../helpers/cli.js';
import { useTempFolder } from '../helpers/temp-folder.js';

const OLD_INPUT = path.join(fixtures, '2022-H1', 'MuCangChai_2022-H1.xlsx');
const NEW_INPUT = path.join(fixtures, '2022-H1', 'Báo cáo giảm nghèo Trạm Tấu 6 tháng 2022.xlsx');
const NAMES = ['xlsx', 'json', 'csv', 'html'].map((f) => `tong-hop-2022-H1.${f}`);

type Kind = 'old' | 'new';

/** A report file reduced to what a reader sees: the run's clock (generatedAt, the date line) left out. */
async function canonical(file: string): Promise<string> {
  if (file.endsWith('.csv')) return readFileSync(file, 'utf8');
  if (file.endsWith('.html'))
    return readFileSync(file, 'utf8').replace(/ngày \d+ tháng \d+ năm \d+/g, '');
  if (file.endsWith('.json')) {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete doc.generatedAt;
    return JSON.stringify(doc);
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const cells: string[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow((row, r) => {
      row.eachCell((c, col) => {
        const v = JSON.stringify(c.value);
        if (!/ngày \d+ tháng \d+ năm \d+/.test(v)) cells.push(`${ws.name}!${r}:${col}=${v}`);
      });
    });
  });
  return cells.join('\n');
}

let dir: string;
let empty: string;
// The inputs, as they were before any run: every command leaves them byte-identical.
const inputsBefore = [OLD_INPUT, NEW_INPUT].map(fingerprint);
afterAll(() => {
  expect([OLD_INPUT, NEW_INPUT].map(fingerprint)).toEqual(inputsBefore);
});
const ref: Record<Kind, Map<string, string>> = { old: new Map(), new: new Map() };
let fullRunMs = 0;

function consolidateArgs(input: string, out: string, ...more: string[]): string[] {
  return ['consolidate', input, '--period', '2022-H1', '--out', out, ...more];
}

const temp = useTempFolder('povreport bộ báo cáo ');

beforeAll(async () => {
  dir = temp.path;
  empty = path.join(dir, 'hộp thư trống');
  mkdirSync(empty);
  for (const [kind, input] of [
    ['old', OLD_INPUT],
    ['new', NEW_INPUT],
  ] as const) {
    const out = path.join(dir, `mẫu ${kind}`);
    const t0 = Date.now();
    const r = runCli(consolidateArgs(input, out));
    fullRunMs = Math.max(fullRunMs, Date.now() - t0);
    expect(r.code, r.err).toBe(1);
    for (const n of NAMES) ref[kind].set(n, await canonical(path.join(out, n)));
  }
  for (const n of NAMES) expect(ref.old.get(n)).not.toBe(ref.new.get(n));
}, 120_000);

/** A folder holding the old set, as a previous run left it. */
function folderWithOldSet(name: string): string {
  const out = path.join(dir, name);
  mkdirSync(out);
  for (const n of NAMES) copyFileSync(path.join(dir, 'mẫu old', n), path.join(out, n));
  return out;
}

/** Which set each report file in `out` belongs to (a file of neither fails), and what else is there. */
async function contents(out: string): Promise<{ kinds: Record<string, Kind>; others: string[] }> {
  const kinds: Record<string, Kind> = {};
  const others: string[] = [];
  for (const name of readdirSync(out)) {
    if (!NAMES.includes(name)) {
      others.push(name);
      continue;
    }
    const c = await canonical(path.join(out, name));
    const kind = c === ref.old.get(name) ? 'old' : c === ref.new.get(name) ? 'new' : null;
    expect(kind, `${name} is a whole file of the old or the new set`).not.toBeNull();
    if (kind) kinds[name] = kind;
  }
  return { kinds, others };
}

/** Never old and new together, whatever else is in the folder. */
async function expectNoMix(out: string, when: string): Promise<void> {
  const { kinds } = await contents(out);
  expect(new Set(Object.values(kinds)).size, `${when}: ${JSON.stringify(kinds)}`).toBeLessThan(2);
}

/** Exactly one whole set and nothing else; returns which. */
async function expectWholeSet(out: string, when: string): Promise<Kind> {
  const { kinds, others } = await contents(out);
  expect(others, `${when}: nothing of ours left over`).toEqual([]);
  expect(Object.keys(kinds).sort(), when).toEqual([...NAMES].sort());
  const set = new Set(Object.values(kinds));
  expect(set.size, `${when}: ${JSON.stringify(kinds)}`).toBe(1);
  return [...set][0] as Kind;
}

/** The next run into the folder, writing nothing itself (--strict on an empty inbox). */
function nextRun(out: string): CliRun {
  const r = runCli(consolidateArgs(empty, out, '--strict', '--lang', 'en'));
  expect(r.code, r.err).toBe(1);
  return r;
}

async function killedAt(point: string, expected: Kind): Promise<void> {
  const out = folderWithOldSet(`giết ở ${point}`);
  const r = await startCli(consolidateArgs(NEW_INPUT, out), {
    env: { POVREPORT_TEST_KILL_AT: point },
  }).done;
  expect(r.signal, `${point}: the run was killed there`).toBe('SIGKILL');
  await expectNoMix(out, `right after a kill at ${point}`);
  const next = await startCli(consolidateArgs(empty, out, '--strict', '--lang', 'en')).done;
  expect(next.code, next.err).toBe(1);
  expect(next.out).toContain('An earlier run (process');
  expect(await expectWholeSet(out, `after the next run (killed at ${point})`)).toBe(expected);
}

describe('a consolidate run killed while writing its set', () => {
  it('killed before the commit, the old set stays; once committed, the new one wins', async () => {
    // Half way through the last file; all written but not committed; committed.
    await Promise.all([
      killedAt('write:2', 'old'),
      killedAt('staged', 'old'),
      killedAt('committed', 'new'),
    ]);
  }, 60_000);

  it('while swapping: never a mix, and the next run finishes the swap', async () => {
    // One old file moved aside; one and two new files in place.
    await Promise.all(['aside:1', 'placed:1', 'placed:2'].map((p) => killedAt(p, 'new')));
  }, 60_000);

  it('killed at random moments: one whole set after the next run', async () => {
    // Seeded, so a failure can be replayed.
    let seed = 20260101;
    const rnd = (): number => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    for (let i = 0; i < 2; i++) {
      const out = folderWithOldSet(`giết ngẫu nhiên ${i}`);
      const delay = Math.round(fullRunMs * (0.4 + 0.7 * rnd()));
      const run = startCli(consolidateArgs(NEW_INPUT, out));
      await new Promise((r) => setTimeout(r, delay));
      run.kill('SIGKILL');
      await run.done;
      await expectNoMix(out, `killed after ${delay} ms`);
      nextRun(out);
      await expectWholeSet(out, `after the next run (killed after ${delay} ms)`);
    }
  }, 90_000);

  it('a write failing half way (file size limit): the old set is kept whole', async (ctx) => {
    const python = process.platform === 'win32' ? null : findPython();
    if (!python) ctx.skip('needs python3 to set a file size limit (POSIX only)');
    const out = folderWithOldSet('giới hạn cỡ tệp');
    // Between the new set's smaller files and its csv: the csv is cut short on the disk.
    const sizes = NAMES.map((n) => readFileSync(path.join(dir, 'mẫu new', n)).length);
    const limit = Math.floor((Math.max(sizes[0] ?? 0, sizes[1] ?? 0) + (sizes[2] ?? 0)) / 2);
    expect(limit).toBeLessThan(sizes[2] ?? 0);
    const r = spawnSync(
      python ?? 'python3',
      [
        '-c',
        'import os, resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]),) * 2); os.execv(sys.argv[2], sys.argv[2:])',
        String(limit),
        process.execPath,
        bin,
        ...consolidateArgs(NEW_INPUT, out),
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status === 0 || r.status === 1, 'the run cannot have succeeded').toBe(false);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    await expectNoMix(out, 'after the failed write');
    nextRun(out);
    expect(await expectWholeSet(out, 'after the next run')).toBe('old');
  }, 60_000);
});

function findPython(): string | null {
  for (const p of ['python3', '/usr/bin/python3'])
    if (spawnSync(p, ['-c', 'import resource'], { encoding: 'utf8' }).status === 0) return p;
  return null;
}

describe('one run at a time per folder', () => {
  const lockOf = (out: string): string => path.join(out, '.povreport.lock');

  it('a live run’s lock: exit 2 with who holds it; a dead run’s lock is taken over', async () => {
    const out = folderWithOldSet('khóa');
    const live = JSON.stringify({
      pid: process.pid,
      host: os.hostname(),
      startedAt: '2022-06-14T08:00:00.000Z',
      command: 'consolidate 2022-H1',
    });
    writeFileSync(lockOf(out), live);
    const busy = runCli(consolidateArgs(NEW_INPUT, out));
    expect(busy.code).toBe(2);
    expect(busy.err).toContain(
      `Một lần chạy povreport khác (consolidate 2022-H1, tiến trình ${process.pid}`,
    );
    expect(busy.err).toContain(`xóa tệp "${lockOf(out)}"`);
    const en = runCli(consolidateArgs(NEW_INPUT, out, '--lang', 'en'));
    expect(en.code).toBe(2);
    expect(en.err).toContain(`Another povreport run (consolidate 2022-H1, process ${process.pid}`);
    expect(readFileSync(lockOf(out), 'utf8')).toBe(live);
    expect((await contents(out)).kinds).toEqual(Object.fromEntries(NAMES.map((n) => [n, 'old'])));

    // The same lock of a process that has ended (a run killed outright).
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(lockOf(out), live.replace(String(process.pid), String(dead)));
    const r = runCli(consolidateArgs(NEW_INPUT, out));
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `Lần chạy trước (tiến trình ${dead}, bắt đầu lúc 2022-06-14T08:00:00.000Z) đã dừng giữa chừng`,
    );
    expect(await expectWholeSet(out, 'after taking over')).toBe('new');
  }, 60_000);

  it('two runs started together: one waits its turn or is refused, never a mixed set', async () => {
    for (let round = 0; round < 2; round++) {
      const out = folderWithOldSet(`cùng lúc ${round}`);
      const a = startCli(consolidateArgs(NEW_INPUT, out));
      const b = startCli(consolidateArgs(OLD_INPUT, out));
      const [ra, rb] = await Promise.all([a.done, b.done]);
      for (const r of [ra, rb]) {
        expect([1, 2]).toContain(r.code);
        if (r.code === 2) expect(r.err).toContain('Một lần chạy povreport khác');
      }
      expect([ra.code, rb.code]).toContain(1);
      const kind = await expectWholeSet(out, `round ${round}`);
      // Only a run that wrote can have its set there.
      if (rb.code === 2) expect(kind).toBe('new');
      if (ra.code === 2) expect(kind).toBe('old');
    }
  }, 90_000);

  it('Ctrl+C or SIGTERM: the lock and any unfinished file go, the old set stays whole', async (ctx) => {
    if (process.platform === 'win32') ctx.skip('no SIGTERM to a child process on Windows');
    const out = folderWithOldSet('dừng');
    // The nine districts, not one file: a run of one file may end before the signal arrives.
    const run = startCli(consolidateArgs(path.join(fixtures, '2022-H1'), out));
    // Once it holds the folder (its lock is there).
    const t0 = Date.now();
    while (!existsSync(lockOf(out)) && Date.now() - t0 < 20_000)
      await new Promise((r) => setTimeout(r, 10));
    expect(existsSync(lockOf(out)), 'the run locks the folder while it works').toBe(true);
    run.kill('SIGTERM');
    const r = await run.done;
    if (r.code === 1) ctx.skip('the run finished before the signal arrived');
    expect(r.code).toBe(143);
    expect(r.err).toContain('đã dừng theo yêu cầu (SIGTERM)');
    expect(await expectWholeSet(out, 'after SIGTERM')).toBe('old');
  }, 60_000);
});

describe('a run writing fewer formats', () => {
  it('removes the older set’s other files, so that no old file sits beside a new one', async () => {
    const out = folderWithOldSet('chỉ json');
    const r = runCli(consolidateArgs(NEW_INPUT, out, '--format', 'json', '--lang', 'en'));
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'Removed tong-hop-2022-H1.xlsx, tong-hop-2022-H1.csv, tong-hop-2022-H1.html of an earlier run: not written this time',
    );
    const { kinds, others } = await contents(out);
    expect(others).toEqual([]);
    expect(kinds).toEqual({ 'tong-hop-2022-H1.json': 'new' });
  }, 30_000);
});
