import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = fileURLToPath(new URL('./src/', import.meta.url));

// The suite for mutation runs (stryker.config.mjs). The regular suites test the built dist/ and
// mostly reach the mock over HTTP or through the CLI child process, where Stryker cannot see which
// test covers a mutant; here the option checks, which run in-process before any Prism starts, import
// src/ instead. (The in-process suites that start Prism take about 30 s per test: too slow to rerun
// for every mutant.)
export default defineConfig({
  resolve: { alias: [{ find: /^(?:\.\.\/)+dist\/(.+)\.js$/, replacement: `${src}$1.ts` }] },
  test: {
    include: ['test/start-options.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
