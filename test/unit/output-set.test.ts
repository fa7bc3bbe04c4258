/**
 * The writers of output files, in process: a single file written atomically (a write cut short
 * leaves the old file, a temporary file of a killed write goes at the next write), folders made
 * without hanging, and the output folder's lock and repair.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/atomic-write.js';
import { makeFolder } from '../../src/io/out-folder.js';
import { LOCK_NAME, openOutputFolder } from '../../src/io/output-set.js';
import { root } from '../helpers/cli.js';
import { ConfigError } from '../../src/core/errors.js';
import { useTempFolder } from '../helpers/temp-folder.js';

let dir: string;
const temp = useTempFolder('povreport ghi tệp ');

beforeAll(() => {
  dir = temp.path;
});

function findPython(): string | null {
  if (process.platform === 'win32') return null;
  for (const p of ['python3', '/usr/bin/python3'])
    if (spawnSync(p, ['-c', 'import resource'], { encoding: 'utf8' }).status === 0) return p;
  return null;
}

describe('writeFileAtomic', () => {
  it('a write cut short by the system leaves the old file whole and no temporary file', (ctx) => {
    const python = findPython();
    if (!python) ctx.skip('needs python3 to set a file size limit (POSIX only)');
    const file = path.join(dir, 'kế hoạch.json');
    writeFileSync(file, '{"old":true}\n');
    // The built writer, in a process that may not write files over 64 KiB: writing 1 MiB fails
    // half way. Written straight to the real name, the old file would be cut to 64 KiB of zeros.
    const script = `import(${JSON.stringify(pathToFileURL(path.join(root, 'dist/io/atomic-write.js')).href)}).then((m) => m.writeFileAtomic(process.argv[1], Buffer.alloc(1 << 20, 48))).then(() => process.exit(0), (e) => { console.error(e.code); process.exit(9); })`;
    const r = spawnSync(
      python ?? 'python3',
      [
        '-c',
        'import os, resource, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536)); os.execv(sys.argv[1], sys.argv[1:])',
        process.execPath,
        '--input-type=module',
        '-e',
        script,
        file,
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(r.status, r.stderr).toBe(9);
    expect(r.stderr).toContain('EFBIG');
    expect(readFileSync(file, 'utf8')).toBe('{"old":true}\n');
    expect(readdirSync(dir).filter((n) => n.includes('kế hoạch'))).toEqual(['kế hoạch.json']);
  });

  it('removes the temporary file a killed write left, at the next write of that file', async () => {
    const file = path.join(dir, 'trạng thái.json');
    const stale = path.join(dir, '.trạng thái.json.0123456789ab.tmp');
    const live = path.join(dir, '.trạng thái.json.ba9876543210.tmp');
    writeFileSync(stale, 'half');
    writeFileSync(live, 'being written by a run going on now');
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(stale, hourAgo, hourAgo);
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(existsSync(stale)).toBe(false);
    // A fresh one may be another run's write in progress: left alone.
    expect(existsSync(live)).toBe(true);
  });

  it('does not hang on a folder under /proc', async (ctx) => {
    if (process.platform !== 'linux') ctx.skip('/proc is a Linux folder');
    // Node's own recursive mkdir loops for ever there.
    await expect(makeFolder('/proc/povreport/x')).rejects.toThrow();
    await expect(writeFileAtomic('/proc/povreport/x/a.json', '{}')).rejects.toThrow();
  });
});

describe('output folder', () => {
  const lockInfo = (o: { pid?: number; host?: string }): string =>
    JSON.stringify({
      pid: o.pid ?? process.pid,
      host: o.host ?? os.hostname(),
      startedAt: '2022-06-14T08:00:00.000Z',
      command: 'consolidate 2022-H1',
    });

  it('is made when missing, locked while open, and removed again when left empty', async () => {
    const out = path.join(dir, 'mới', 'tổng hợp');
    const f = await openOutputFolder(out, { lang: 'vi', command: 'consolidate 2022-H1' });
    const held = JSON.parse(readFileSync(path.join(out, LOCK_NAME), 'utf8')) as { pid: number };
    expect(held.pid).toBe(process.pid);
    f.close();
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a folder a live run holds, on this host or another', async () => {
    for (const [name, lock] of [
      ['cha', lockInfo({ pid: process.ppid })],
      ['máy khác', lockInfo({ host: `${os.hostname()}-kia` })],
    ] as const) {
      const out = path.join(dir, `khóa ${name}`);
      mkdirSync(out);
      writeFileSync(path.join(out, LOCK_NAME), lock);
      await expect(openOutputFolder(out, { lang: 'en', command: 'x' })).rejects.toThrow(
        ConfigError,
      );
      await expect(openOutputFolder(out, { lang: 'en', command: 'x' })).rejects.toThrow(
        /Another povreport run \(consolidate 2022-H1, process \d+ on /,
      );
      expect(readFileSync(path.join(out, LOCK_NAME), 'utf8')).toBe(lock);
    }
  });

  it('takes over the lock of a dead run, or one of its own pid (a restarted container)', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    for (const pid of [dead, process.pid]) {
      const out = path.join(dir, `khóa cũ ${pid}`);
      mkdirSync(out);
      writeFileSync(path.join(out, LOCK_NAME), lockInfo({ pid }));
      const f = await openOutputFolder(out, { lang: 'vi', command: 'x' });
      expect(f.notes).toEqual([{ kind: 'stale-lock', pid, startedAt: '2022-06-14T08:00:00.000Z' }]);
      f.close();
      expect(readdirSync(out)).toEqual([]);
    }
  });

  it('waits out a lock being written right now, takes over an old unreadable one', async () => {
    const out = path.join(dir, 'khóa dở');
    mkdirSync(out);
    const lock = path.join(out, LOCK_NAME);
    writeFileSync(lock, '');
    await expect(openOutputFolder(out, { lang: 'vi', command: 'x' })).rejects.toThrow(
      /Một lần chạy povreport khác đang ghi vào thư mục/,
    );
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, minuteAgo, minuteAgo);
    const f = await openOutputFolder(out, { lang: 'vi', command: 'x' });
    f.close();
    expect(readdirSync(out)).toEqual([]);
  });

  it('writes a set whole, replacing and removing files of the older set', async () => {
    const out = path.join(dir, 'bộ');
    mkdirSync(out);
    writeFileSync(path.join(out, 'a.json'), 'old a');
    writeFileSync(path.join(out, 'b.csv'), 'old b');
    writeFileSync(path.join(out, 'khác.txt'), 'not ours');
    // What older versions and killed runs leave.
    writeFileSync(path.join(out, '.tong-hop-2022-H1.csv.0123456789ab.tmp'), 'half');
    mkdirSync(path.join(out, '.povreport-staging-1-abc'));
    const f = await openOutputFolder(out, { lang: 'vi', command: 'x' });
    expect(f.notes).toEqual([{ kind: 'removed-unfinished' }]);
    const removed = f.writeSet([{ name: 'a.json', data: 'new a' }], ['a.json', 'b.csv', 'c.xlsx']);
    f.close();
    expect(removed).toEqual(['b.csv']);
    expect(readdirSync(out).sort()).toEqual(['a.json', 'khác.txt']);
    expect(readFileSync(path.join(out, 'a.json'), 'utf8')).toBe('new a');
  });

  it('a damaged set list left by an earlier run: exit 2 naming it, nothing moved', async () => {
    const out = path.join(dir, 'hỏng');
    const commit = path.join(out, '.povreport-commit-1-abc');
    mkdirSync(path.join(commit, 'new'), { recursive: true });
    writeFileSync(path.join(out, 'a.json'), 'old a');
    writeFileSync(
      path.join(commit, 'set.json'),
      JSON.stringify({ put: ['../a.json'], remove: [] }),
    );
    await expect(openOutputFolder(out, { lang: 'en', command: 'x' })).rejects.toThrow(
      `The folder "${commit}", left by an earlier, interrupted run, is damaged`,
    );
    expect(readdirSync(out).sort()).toEqual(['.povreport-commit-1-abc', 'a.json']);
  });
});
