// How many inputs each fast-check property tries: at least 200 in every test run (FC_NUM_RUNS
// raises it). The mutation run (vitest.mutation.config.ts) reruns the properties once per mutant
// and sets FC_MUTATION_RUNS lower: a mutant a property kills is then still killed, so its score
// can only be an underestimate of this suite's.
const mutationRuns = Number(process.env.FC_MUTATION_RUNS ?? '');

export const numRuns = mutationRuns > 0 ? mutationRuns : Math.max(200, Number(process.env.FC_NUM_RUNS ?? '') || 0);
