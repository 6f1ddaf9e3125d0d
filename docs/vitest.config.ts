import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // one plain contract mock for the run (the samples and the guide's code call it)
    globalSetup: ['test/support/global-setup.ts'],
    // note: Redoc's 2.3 MB script takes a few seconds to hydrate a reference page on a small CI machine
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
