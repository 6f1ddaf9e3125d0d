import { defineConfig } from 'vitest/config';

// The suite for mutation runs (stryker.config.mjs): the suites whose code under test runs in the
// vitest worker, where Stryker switches mutants and sees which test covers which. The fronts,
// the state layer and the models run in-process in front of the global setup's real Prism
// (test/support/fronts.ts), started once per run, not per mutant; the CLI's command line is
// read in-process; startMock runs from src/ (a few real Prism starts and its option checks).
// Left out: the suites that reach the mock only through the CLI child process or the global
// setup's mock (their code runs outside the worker), and the fuzz and property runs (minutes
// per mutant).
export default defineConfig({
  test: {
    include: [
      'test/start-options.test.ts',
      'test/args.test.ts',
      'test/ports.test.ts',
      'test/start-mock.test.ts',
      'test/front.test.ts',
      'test/state-layer.test.ts',
      'test/router.test.ts',
      'test/stateful.test.ts',
      'test/verify-signatures.test.ts',
      'test/contract-and-credential-files.test.ts',
      'test/huawei-model.test.ts',
      'test/front-pieces.test.ts',
    ],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
