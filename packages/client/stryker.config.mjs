// Mutation testing of src/ (`npm run mutation` at the root); not part of `npm test`.
import { strykerOptions } from '../../scripts/stryker-options.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default { ...strykerOptions, mutate: ['src/**/*.ts', '!src/generated/**'] };
