import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // an offline install and a full build of a workspace copy on 2 cores: minutes, not seconds
    testTimeout: 2 * 60_000,
    hookTimeout: 15 * 60_000,
  },
});
