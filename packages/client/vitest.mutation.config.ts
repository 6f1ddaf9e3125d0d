import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The suite for mutation runs (stryker.config.json): the tests that exercise src/ in-process.
// Left out: codegen/operation-surface (type-checks and runs generated modules in a child tsc)
// and the generated-code snapshot, which read files and cannot notice a mutant in src/.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ['test/codegen/operation-surface.test.ts', 'test/generated-snapshot.test.ts'],
    },
  }),
);
