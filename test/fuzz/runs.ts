// How many cases each fuzz property runs. CI runs a short pass inside `npm test`;
// `npm run fuzz` sets KYSO_FUZZ_RUNS for a long one. A seed from a failure report
// reproduces it: KYSO_FUZZ_SEED=<seed> npm run fuzz.
const DEFAULT_RUNS_IN_CI = 200;

export const fuzzRuns = Number(process.env.KYSO_FUZZ_RUNS ?? DEFAULT_RUNS_IN_CI);

export const fuzzSeed = process.env.KYSO_FUZZ_SEED === undefined ? undefined : Number(process.env.KYSO_FUZZ_SEED);

/** fast-check parameters shared by every fuzz target. */
export const fuzzParameters = {
  numRuns: fuzzRuns,
  ...(fuzzSeed === undefined ? {} : { seed: fuzzSeed }),
} as const;
