/**
 * Writing output files atomically: to a temporary name in the same folder, then renamed over the
 * real name, so a crash or a full disk never leaves a half-written report under the real name.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes `data` to `file` atomically, creating the folder if needed. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Makes sure a folder exists and a file can be written in it (throws the system error if not). */
export async function ensureWritableDir(dir: string): Promise<void> {
  const probe = path.join(dir, `.povreport-probe-${randomBytes(6).toString('hex')}`);
  await writeFileAtomic(probe, '');
  await rm(probe, { force: true });
}
