import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// `npm run test:unit`: the pure tests only, without building dist/ first (the end-to-end tests,
// which run the built binary, need the global setup of vitest.config.ts).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // The cache of checked data files: the tests' own, never the user's.
    env: { POVREPORT_CACHE_DIR: path.join(os.tmpdir(), 'povreport-test-cache') },
  },
});
