import { defineConfig } from 'vitest/config';

// `npm run test:unit`: the pure tests only, without building dist/ first (the end-to-end tests,
// which run the built binary, need the global setup of vitest.config.ts).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
