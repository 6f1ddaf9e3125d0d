import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // four offline installs and three builds of the contracts-to-types chain in workspace copies:
    // under a minute on a quiet machine, many times that beside the rest of `npm test` on 2 cores
    testTimeout: 10 * 60_000,
    hookTimeout: 15 * 60_000,
  },
});
