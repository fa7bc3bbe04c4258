import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The cache of checked data files: the tests' own, never the user's.
    env: { POVREPORT_CACHE_DIR: path.join(os.tmpdir(), 'povreport-test-cache') },
  },
});
