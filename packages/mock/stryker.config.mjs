// Mutation testing of src/ (`npm run mutation` at the root); not part of `npm test`.
// Every module is mutated, and vitest.mutation.config.ts runs the suites that reach it in-process.
// Left out: src/cli.ts, the bin's process entry (exit codes, signals, stdout), which only a child
// process can observe (mock-cli.test.ts, signals.test.ts); and src/index.ts, re-exports only.
// src/prism.ts and src/prism-start.ts spawn Prism: a mutant that retries without end runs until
// Stryker's timeout ends the test worker, and each Prism exits with its parent (prism.ts).
// ignoreStatic: a mutant in code that runs at import or in a suite's beforeAll (module constants,
// the models' seed, the route tables) is covered by every test, so each would rerun the whole
// suite (~36 s; about 370 of them: hours on two shared cores); they are reported as Ignored.
import { strykerOptions } from '../../scripts/stryker-options.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default { ...strykerOptions, ignoreStatic: true, mutate: ['src/**/*.ts', '!src/cli.ts', '!src/index.ts'] };
