// The Stryker options the client's and the mock's mutation runs share (their stryker.config.mjs
// add what they mutate); paths are relative to the package, where Stryker runs.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export const strykerOptions = {
  testRunner: 'vitest',
  // note: pnpm keeps the runner out of core's reach, so Stryker's plugin glob cannot find it
  plugins: ['./node_modules/@stryker-mutator/vitest-runner/dist/src/index.js'],
  // the suite for mutation runs: only the tests that reach src/ in-process
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  // a rerun tests only the mutants whose code or covering tests changed
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  // two cores: one runner each
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 80, low: 70, break: null },
  tempDirName: '.stryker-tmp',
};
