/**
 * Writing output files atomically: to a temporary name in the same folder, flushed, then renamed
 * over the real name, so a crash or a full disk never leaves a half-written file under the real
 * name. The temporary file is removed on failure and on Ctrl+C; one left by a run killed outright
 * is removed by the next write of the same file.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { onInterrupt } from './interrupt.js';
import { makeFolder } from './out-folder.js';

/** A temporary file of a killed run is stale after this long (ms); a live write takes far less. */
const STALE_TEMP_AGE = 10 * 60_000;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes the temporary files earlier, killed writes of `file` left (older than a few minutes). */
async function removeStaleTemps(file: string, now: number): Promise<void> {
  const dir = path.dirname(file);
  const own = new RegExp(`^\\.${escapeRegExp(path.basename(file))}\\.[0-9a-f]{12}\\.tmp$`);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!own.test(name)) continue;
    const full = path.join(dir, name);
    const st = await stat(full).catch(() => null);
    if (st && now - st.mtimeMs > STALE_TEMP_AGE) await rm(full, { force: true });
  }
}

/** Writes `data` to `file` atomically, creating the folder if needed. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await makeFolder(dir);
  await removeStaleTemps(file, Date.now());
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  // Synchronous: the process is about to exit.
  const forget = onInterrupt(() => {
    rmSync(tmp, { force: true });
  });
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    forget();
  }
}
