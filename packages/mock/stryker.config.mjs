// Mutation testing of src/ (`npm run mutation` at the root); not part of `npm test`.
// Limited to startMock's option checks (vitest.mutation.config.ts): the front, the state layer,
// Prism's start and the CLI run behind Prism or in a child process in every other suite, where
// Stryker cannot tell which test covers a mutant.
import { strykerOptions } from '../../scripts/stryker-options.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default { ...strykerOptions, mutate: ['src/start-mock.ts', 'src/contracts.ts', 'src/start-error.ts', 'src/credentials.ts'] };
