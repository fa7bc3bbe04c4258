/**
 * The report's files (xlsx, json, csv) written as one set: after any run, killed or not, the
 * folder holds the whole old set or the whole new one, and no temporary file of ours survives the
 * next run.
 *
 * How:
 * 1. A lock file (`.povreport.lock`, made with `wx`: it exists or it does not) holding the pid, the
 *    host and the start time: a second run into the same folder is refused; the lock of a run that
 *    died is taken over.
 * 2. Under the lock, what an earlier run left is put right: a staging folder (killed while writing)
 *    is deleted, the old set being untouched; a commit folder (killed while swapping) is finished.
 * 3. Every new file is written and flushed into a fresh hidden staging folder, with the list of
 *    the set (`set.json`).
 * 4. The staging folder is renamed to a commit folder: one atomic rename, the moment the new set
 *    wins. Then the old files of the set are moved into it, the new ones moved out into place, and
 *    the commit folder deleted. A kill in between leaves the commit folder, which step 2 of the
 *    next run finishes before anything else.
 *
 * A file of the set that cannot be moved aside (open in Excel on Windows) stops the swap before
 * any new file is in place: the old files already moved are put back and the run ends with a
 * message. Every step is synchronous: a Ctrl+C is handled between steps, never inside one.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Lang } from '../core/lang.js';
import { killPoint, onInterrupt } from './interrupt.js';
import { makeFolder } from './out-folder.js';
import { ConfigError, errnoCode } from '../core/errors.js';

/** The lock file's name in the output folder. */
export const LOCK_NAME = '.povreport.lock';
const STAGING_PREFIX = '.povreport-staging-';
const COMMIT_PREFIX = '.povreport-commit-';
const SET_FILE = 'set.json';
/** Temporary files of older versions, which wrote each report file on its own. */
const OLD_TEMP = /^\.tong-hop-.*\.[0-9a-f]{12}\.tmp$/;

/** One file of a set. */
export interface OutputFile {
  /** File name inside the output folder (no folder part). */
  name: string;
  data: string | Uint8Array;
}

/** The lock's content. */
interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

/** What opening the folder found and put right, for the summary. */
export type OutputNote =
  | { kind: 'stale-lock'; pid: number; startedAt: string }
  | { kind: 'finished-swap'; files: string[] }
  | { kind: 'removed-unfinished' };

/** The list of a set, written into its staging folder. */
interface SetList {
  /** Files of the new set. */
  put: string[];
  /** Files of an older set that the new one replaces without a file of the same name. */
  remove: string[];
}

const T = {
  vi: {
    busy: (dir: string, l: LockInfo | null) =>
      `Một lần chạy povreport khác${l ? ` (${l.command}, tiến trình ${l.pid} trên máy ${l.host}, bắt đầu lúc ${l.startedAt})` : ''} đang ghi vào thư mục "${dir}". Chờ lần chạy đó xong rồi chạy lại; nếu chắc chắn không còn lần chạy nào, xóa tệp "${path.join(dir, LOCK_NAME)}".`,
    fileBusy: (file: string) =>
      `Không thay được tệp "${file}" (đang mở trong Excel hay chương trình khác?). Báo cáo cũ được giữ nguyên, không tệp nào bị thay. Đóng tệp đó rồi chạy lại.`,
    damaged: (dir: string) =>
      `Thư mục "${dir}" do một lần chạy trước bị ngắt để lại đã bị hỏng, không hoàn tất được. Xóa thư mục đó rồi chạy lại (các tệp báo cáo hiện có được giữ nguyên).`,
    repairBusy: (file: string) =>
      `Lần chạy trước bị ngắt khi đang thay bộ báo cáo, và chưa hoàn tất được vì không thay được tệp "${file}" (đang mở trong Excel hay chương trình khác?). Đóng tệp đó rồi chạy lại.`,
  },
  en: {
    busy: (dir: string, l: LockInfo | null) =>
      `Another povreport run${l ? ` (${l.command}, process ${l.pid} on ${l.host}, started ${l.startedAt})` : ''} is writing to "${dir}". Wait for it to finish and run again; if you are sure no run is going on, delete "${path.join(dir, LOCK_NAME)}".`,
    fileBusy: (file: string) =>
      `Cannot replace "${file}" (open in Excel or another program?). The old report is kept whole; no file was replaced. Close it and run again.`,
    damaged: (dir: string) =>
      `The folder "${dir}", left by an earlier, interrupted run, is damaged and cannot be finished. Delete it and run again (the report files there are kept).`,
    repairBusy: (file: string) =>
      `An earlier run was stopped while replacing the report, and it cannot be finished because "${file}" cannot be replaced (open in Excel or another program?). Close it and run again.`,
  },
} as const;

/**
 * Creates the lock file with its content in one step: written under another name (which a later
 * run's `repair` removes if this one is killed meanwhile), then linked to the lock's name, which
 * fails with EEXIST when a lock is there. A run killed part way thus never leaves an empty lock
 * that the next run would have to wait out. Where the file system has no hard links (a FAT
 * drive), the lock is created empty and then written, as before.
 */
function createWhole(file: string, text: string): void {
  const temp = `${file}.stale-new-${randomBytes(6).toString('hex')}`;
  const fd = openSync(temp, 'wx');
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  let linked = false;
  try {
    linkSync(temp, file);
    linked = true;
  } catch (e) {
    const code = errnoCode(e);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EINVAL') throw e;
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // Gone already (removed by another run's repair): nothing left behind.
    }
  }
  if (linked) return;
  const lock = openSync(file, 'wx');
  try {
    writeSync(lock, text);
  } finally {
    closeSync(lock);
  }
}

/** Whether the process of a lock may still be running (a lock from another host: assume so). */
function isAlive(l: LockInfo): boolean {
  if (l.host !== os.hostname()) return true;
  // A container restarts with the same pid: our own pid in a lock is a run before us.
  if (l.pid === process.pid) return false;
  try {
    process.kill(l.pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM';
  }
}

function parseLock(text: string): LockInfo | null {
  try {
    const v = JSON.parse(text) as Partial<LockInfo> | null;
    if (
      v &&
      typeof v.pid === 'number' &&
      typeof v.host === 'string' &&
      typeof v.startedAt === 'string'
    )
      return {
        pid: v.pid,
        host: v.host,
        startedAt: v.startedAt,
        command: typeof v.command === 'string' ? v.command : 'povreport',
      };
  } catch {
    // Not ours, or being written this very moment: judged below by its age.
  }
  return null;
}

/** A lock file that cannot be read as one is stale once it is this old (ms). */
const UNREADABLE_LOCK_GRACE = 10_000;

/** Writes a whole file and flushes it to the disk; `point` names the test kill point halfway. */
function writeWhole(file: string, data: string | Uint8Array, point?: string): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fd = openSync(file, 'wx');
  try {
    const half = Math.floor(bytes.length / 2);
    let off = 0;
    while (off < half) off += writeSync(fd, bytes, off, half - off);
    if (point) killPoint(point);
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A set's list, checked: plain file names only, so a damaged list can move nothing elsewhere. */
function readSetList(commit: string, lang: Lang): SetList {
  const isName = (n: unknown): n is string =>
    typeof n === 'string' && n !== '' && n !== '.' && n !== '..' && !/[/\\]/.test(n);
  try {
    const v = JSON.parse(readFileSync(path.join(commit, SET_FILE), 'utf8')) as Partial<SetList>;
    if (Array.isArray(v.put) && Array.isArray(v.remove) && [...v.put, ...v.remove].every(isName))
      return { put: v.put, remove: v.remove };
  } catch {
    // Said below.
  }
  throw new ConfigError(T[lang].damaged(commit));
}

/**
 * An output folder held by this run: opened with {@link openOutputFolder}, written with
 * {@link OutputFolder.writeSet}, released with {@link OutputFolder.close}.
 */
export class OutputFolder {
  /** What was found and put right when the folder was opened. */
  readonly notes: OutputNote[] = [];
  private lockText = '';
  private removeCleanup: () => void = () => undefined;

  /** @internal Use {@link openOutputFolder}. */
  constructor(
    /** The folder, as given. */
    readonly dir: string,
    private readonly created: boolean,
    private readonly lang: Lang,
  ) {}

  /** Takes the lock, or throws a ConfigError when a live run holds it. */
  lock(command: string): void {
    const file = path.join(this.dir, LOCK_NAME);
    const info: LockInfo = {
      pid: process.pid,
      host: os.hostname(),
      startedAt: new Date().toISOString(),
      command,
    };
    const text = `${JSON.stringify(info)}\n`;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        createWhole(file, text);
        this.lockText = text;
        this.removeCleanup = onInterrupt(() => {
          this.close();
        });
        return;
      } catch (e) {
        if (errnoCode(e) !== 'EEXIST') throw e;
      }
      let held: string;
      let age: number;
      try {
        held = readFileSync(file, 'utf8');
        age = Date.now() - statSync(file).mtimeMs;
      } catch (e) {
        if (errnoCode(e) === 'ENOENT') continue;
        throw e;
      }
      const other = parseLock(held);
      if (other ? isAlive(other) : age < UNREADABLE_LOCK_GRACE)
        throw new ConfigError(T[this.lang].busy(this.dir, other));
      // Stale: moved away in one step, then checked to be the lock judged stale (another run may
      // have replaced it in between; then it goes back and that run wins).
      const aside = `${file}.stale-${randomBytes(6).toString('hex')}`;
      try {
        renameSync(file, aside);
      } catch (e) {
        if (errnoCode(e) === 'ENOENT') continue;
        throw e;
      }
      const moved = readFileSync(aside, 'utf8');
      if (moved !== held) {
        try {
          linkSync(aside, file);
        } catch {
          // Someone holds it again already.
        }
        unlinkSync(aside);
        throw new ConfigError(T[this.lang].busy(this.dir, parseLock(moved)));
      }
      unlinkSync(aside);
      if (other)
        this.notes.push({ kind: 'stale-lock', pid: other.pid, startedAt: other.startedAt });
    }
    throw new ConfigError(T[this.lang].busy(this.dir, null));
  }

  /** Puts right what an earlier run left (see the module comment). Needs the lock. */
  repair(): void {
    const names = readdirSync(this.dir).sort();
    for (const name of names) {
      const full = path.join(this.dir, name);
      if (name.startsWith(COMMIT_PREFIX)) {
        const { put } = this.applyCommit(full, false);
        this.notes.push({ kind: 'finished-swap', files: put });
      } else if (name.startsWith(STAGING_PREFIX) || OLD_TEMP.test(name)) {
        rmSync(full, { recursive: true, force: true });
        if (!this.notes.some((n) => n.kind === 'removed-unfinished'))
          this.notes.push({ kind: 'removed-unfinished' });
      } else if (name.startsWith(`${LOCK_NAME}.stale-`)) {
        rmSync(full, { force: true });
      }
    }
  }

  /**
   * Writes `files` as the folder's new set, replacing the files of the same names and removing
   * `remove` (files of an older set this one has no counterpart for). All or nothing. Returns
   * the files of `remove` that were there and are now gone.
   */
  writeSet(files: OutputFile[], remove: string[] = []): string[] {
    const id = `${process.pid}-${randomBytes(6).toString('hex')}`;
    const staging = path.join(this.dir, `${STAGING_PREFIX}${id}`);
    const list: SetList = {
      put: files.map((f) => f.name),
      remove: remove.filter((r) => !files.some((f) => f.name === r)),
    };
    try {
      mkdirSync(staging);
      mkdirSync(path.join(staging, 'new'));
      files.forEach((f, i) => {
        writeWhole(path.join(staging, 'new', f.name), f.data, `write:${i}`);
      });
      writeWhole(path.join(staging, SET_FILE), `${JSON.stringify(list)}\n`);
    } catch (e) {
      rmSync(staging, { recursive: true, force: true });
      throw e;
    }
    killPoint('staged');
    const commit = path.join(this.dir, `${COMMIT_PREFIX}${id}`);
    renameSync(staging, commit);
    killPoint('committed');
    return this.applyCommit(commit, true).removed;
  }

  /**
   * Finishes a commit folder: the old files of the set moved into it, the new ones out of it into
   * place. With `rollBack`, a file that cannot be moved aside puts back what was moved and
   * abandons the new set; without (repairing a killed run), it is an error to fix by hand.
   * Returns the files put in place and the files removed.
   */
  private applyCommit(commit: string, rollBack: boolean): { put: string[]; removed: string[] } {
    const list = readSetList(commit, this.lang);
    const fresh = path.join(commit, 'new');
    const old = path.join(commit, 'old');
    mkdirSync(old, { recursive: true });
    const moved: string[] = [];
    // 1. The old set out of the way: files the new set replaces (while their new file still
    //    waits, so a repeated repair never moves a new file aside) and files it removes.
    for (const name of [...list.put, ...list.remove]) {
      const target = path.join(this.dir, name);
      const waiting = list.put.includes(name) ? existsSync(path.join(fresh, name)) : true;
      if (!waiting || !existsSync(target)) continue;
      try {
        renameSync(target, path.join(old, name));
      } catch (e) {
        if (!rollBack) throw new ConfigError(T[this.lang].repairBusy(target));
        for (const m of moved.reverse()) renameSync(path.join(old, m), path.join(this.dir, m));
        rmSync(commit, { recursive: true, force: true });
        throw Object.assign(new ConfigError(T[this.lang].fileBusy(target)), { cause: e });
      }
      moved.push(name);
      killPoint(`aside:${moved.length}`);
    }
    // 2. The new set in place.
    let placed = 0;
    for (const name of list.put) {
      const from = path.join(fresh, name);
      if (!existsSync(from)) continue;
      renameSync(from, path.join(this.dir, name));
      killPoint(`placed:${++placed}`);
    }
    rmSync(commit, { recursive: true, force: true });
    return { put: list.put, removed: moved.filter((m) => list.remove.includes(m)) };
  }

  /** Releases the lock, and removes the folder when this run made it and left it empty. */
  close(): void {
    this.removeCleanup();
    const file = path.join(this.dir, LOCK_NAME);
    if (this.lockText !== '') {
      try {
        if (readFileSync(file, 'utf8') === this.lockText) unlinkSync(file);
      } catch {
        // Gone already.
      }
      this.lockText = '';
    }
    if (this.created)
      try {
        rmdirSync(this.dir);
      } catch {
        // Not empty: the report is in it.
      }
  }
}

/**
 * Opens an output folder for a run: makes it when missing, takes its lock (a ConfigError when
 * another run holds it) and repairs what an earlier, killed run left. Close it when done.
 *
 * @param command - Named in the lock, for the message another run shows (`consolidate 2022-H1`).
 */
export async function openOutputFolder(
  dir: string,
  o: { lang: Lang; command: string },
): Promise<OutputFolder> {
  const created = await makeFolder(dir);
  const folder = new OutputFolder(dir, created, o.lang);
  try {
    folder.lock(o.command);
    folder.repair();
  } catch (e) {
    folder.close();
    throw e;
  }
  return folder;
}
