import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The suite for mutation runs (stryker.config.json): the tests that exercise src/ in-process.
// Left out: codegen/operation-surface (type-checks and runs generated modules in a child tsc),
// the generated-code snapshot and editor completion (TypeScript's language service over the
// types), which read files and cannot notice a mutant in src/'s running code.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ['test/codegen/operation-surface.test.ts', 'test/generated-snapshot.test.ts', 'test/editor-completion.test.ts'],
      // each property reruns once per mutant it covers: 40 inputs instead of 200 (test/support/property-runs.ts)
      env: { FC_MUTATION_RUNS: '40' },
    },
  }),
);
