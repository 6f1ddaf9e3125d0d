import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // an npm install, three Node lines with two Prism processes each, and tsc runs on 2 cores:
    // minutes, not seconds, and never worth a flaky timeout
    testTimeout: 5 * 60_000,
    hookTimeout: 10 * 60_000,
  },
});
