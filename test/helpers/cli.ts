/**
 * Running the built binary as a user would, with a time limit (a hang is a failure, not a stuck
 * suite), and fingerprinting a folder tree without opening anything that is not a regular file (a
 * pipe would hang the test as it would hang the tool).
 */
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');
export const bin = path.join(root, 'bin', 'povreport.js');
export const fixtures = path.join(root, 'fixtures');

/** What a run of the binary did; `code` is null when it was killed (by the time limit). */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
  /** True when the time limit killed it: a hang. */
  hung: boolean;
}

/** Runs `povreport …` and waits (at most `timeout` ms, default 30 s). */
export function runCli(
  args: string[],
  o: { cwd?: string; env?: Record<string, string>; timeout?: number } & Pick<
    SpawnSyncOptions,
    'uid' | 'gid'
  > = {},
): CliRun {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: o.cwd ?? root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...o.env },
    timeout: o.timeout ?? 30_000,
    killSignal: 'SIGKILL',
    ...(o.uid !== undefined ? { uid: o.uid } : {}),
    ...(o.gid !== undefined ? { gid: o.gid } : {}),
  });
  const hung = r.error !== undefined && 'code' in r.error && r.error.code === 'ETIMEDOUT';
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr, hung };
}

/** Starts `povreport …` without waiting; resolves with the run when it ends. */
export function startCli(
  args: string[],
  o: { cwd?: string; env?: Record<string, string> } = {},
): { pid: number; done: Promise<CliRun>; kill: (s: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: o.cwd ?? root,
    env: { ...process.env, NO_COLOR: '1', ...o.env },
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const done = new Promise<CliRun>((resolve) =>
    child.on('close', (code, signal) => {
      resolve({ code, signal, out, err, hung: false });
    }),
  );
  return { pid: child.pid ?? -1, done, kill: (s) => child.kill(s) };
}

/**
 * Every entry under `dir` with what it is: a regular file's SHA-256, a link's target, the kind of
 * anything else. Links are not followed and nothing but regular files is opened.
 */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (p: string, rel: string): void => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) out[rel] = `link → ${readlinkSync(p)}`;
    else if (st.isDirectory()) {
      out[rel] = `folder ${(st.mode & 0o777).toString(8)}`;
      let names: string[] = [];
      try {
        names = readdirSync(p);
      } catch {
        return;
      }
      for (const n of names.sort()) visit(path.join(p, n), rel ? `${rel}/${n}` : n);
    } else if (st.isFile()) {
      let hash = 'unreadable';
      try {
        hash = createHash('sha256').update(readFileSync(p)).digest('hex');
      } catch {
        // A file made unreadable on purpose: its mode and size stand for it.
      }
      out[rel] = `${hash} ${st.size} ${(st.mode & 0o777).toString(8)}`;
    } else out[rel] = st.isFIFO() ? 'fifo' : 'special';
  };
  visit(dir, '');
  return out;
}
