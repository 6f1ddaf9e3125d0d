// Mutation testing of src/ (`npm run mutation` at the root); not part of `npm test`.
// Every module is mutated, and vitest.mutation.config.ts runs the suites that reach it in-process.
// Left out: src/cli.ts, the bin's process entry (exit codes, signals, stdout), which only a child
// process can observe (mock-cli.test.ts, signals.test.ts); src/index.ts, re-exports only; and
// src/prism.ts and src/prism-start.ts, which spawn Prism. Mutated, a stop or retry that no longer
// works leaves Prism processes running inside the test worker, which Stryker keeps for the next
// mutants: a try on 2026-11-29 reached 328 Prism processes and a load of 384 in 14 minutes, so
// they are tested out of process (prism-ports, signals and start-mock suites) and not mutated.
// ignoreStatic: a mutant in code that runs at import or in a suite's beforeAll (module constants,
// the models' seed, the route tables) is covered by every test, so each would rerun the whole
// suite (~36 s; about 370 of them: hours on two shared cores); they are reported as Ignored.
import { strykerOptions } from '../../scripts/stryker-options.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default { ...strykerOptions, ignoreStatic: true, mutate: ['src/**/*.ts', '!src/cli.ts', '!src/index.ts', '!src/prism.ts', '!src/prism-start.ts'] };
