// Mutation testing of src/ (`npm run mutation` at the root); not part of `npm test`.
// Limited to startMock's option checks (vitest.mutation.config.ts): the front, the state layer,
// Prism's start and the CLI run behind Prism or in a child process in every other suite, where
// Stryker cannot tell which test covers a mutant.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // note: pnpm keeps the runner out of core's reach, so Stryker's plugin glob cannot find it
  plugins: ['./node_modules/@stryker-mutator/vitest-runner/dist/src/index.js'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['src/start-mock.ts', 'src/contracts.ts', 'src/start-error.ts', 'src/credentials.ts'],
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
  thresholds: { high: 85, low: 75, break: null },
  tempDirName: '.stryker-tmp',
};
