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
//
// No mutant is silenced in src/: the score is a report, not a target. The known survivors and
// why no test kills them, so a reader of the report need not rediscover them:
// - equivalent mutants: `exclusive: true` in ports.ts (only a cluster worker reads it); the
//   `if (header)` guard in front/violations.ts (JSON.parse of nothing throws into the same
//   catch); `'utf8'` in credentials.ts (JSON.parse reads the bytes alike); `<` versus `<=` in
//   the Huawei model's compare (equal values returned earlier); `typeof value !== 'number'`
//   in start-mock.ts's checkPort (Number.isInteger refuses every non-number as well)
// - races no test can start: the OS handing out a port another API asked for, and another
//   process taking an "any port" between its pick and the front's listen (start-mock.ts)
// - code for a registry this repo does not have: an API without a verifier (credentials.ts)
// - the `exit` handler that kills Prism as the test process itself ends (start-mock.ts)
import { strykerOptions } from '../../scripts/stryker-options.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...strykerOptions,
  ignoreStatic: true,
  mutate: ['src/**/*.ts', 'src/**/*.js', '!src/cli.ts', '!src/index.ts', '!src/prism.ts', '!src/prism-start.ts'],
};
