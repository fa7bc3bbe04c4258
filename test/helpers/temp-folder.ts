/**
 * The temporary folder of one test file: made before its tests, removed after them (also when a
 * test fails), so that no run leaves folders behind in the system's temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** Registers the folder's hooks; call it at the top of a test file, before hooks that use it. */
export function useTempFolder(prefix: string): { readonly path: string } {
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  });
  return {
    get path(): string {
      if (dir === undefined) throw new Error(`useTempFolder(${prefix}): used before its beforeAll`);
      return dir;
    },
  };
}
