/**
 * Writing output files atomically: to a temporary name in the same folder, then renamed over the
 * real name, so a crash or a full disk never leaves a half-written report under the real name.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
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

/**
 * Throws the system error a write into `dir` would meet (no permission, a file in the way),
 * without creating anything: the folder, or its nearest existing parent, must be a writable folder.
 */
export async function checkWritableDir(dir: string): Promise<void> {
  let p = path.resolve(dir);
  for (;;) {
    try {
      const st = await stat(p);
      if (!st.isDirectory())
        throw Object.assign(new Error(`${p} is not a folder`), { code: 'ENOTDIR', path: p });
      await access(p, constants.W_OK);
      return;
    } catch (e) {
      const parent = path.dirname(p);
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || parent === p) throw e;
      p = parent;
    }
  }
}
