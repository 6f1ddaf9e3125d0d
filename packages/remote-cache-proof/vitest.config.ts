import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // four offline installs and three builds of the contracts-to-types chain in workspace copies
    testTimeout: 2 * 60_000,
    hookTimeout: 5 * 60_000,
  },
});
