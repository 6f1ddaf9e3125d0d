import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // each respect run is a Node process that loads Redocly CLI (a few seconds on 2 cores), and
    // the mock's start waits for two Prism processes
    testTimeout: 2 * 60_000,
    hookTimeout: 2 * 60_000,
  },
});
