// How many cases each fuzz property runs, and from which seed. `npm test` runs a short
// pass from a fixed seed, so a CI run is reproducible and a red build is a code change,
// not a lucky draw; `npm run fuzz` sets KYSO_FUZZ_RUNS for a long pass from a fresh seed.
// The seed in a failure report reproduces it: KYSO_FUZZ_SEED=<seed> npm run fuzz — and the
// case found belongs in a unit test beside the fix.
const DEFAULT_RUNS_IN_CI = 200;
const FIXED_SEED_IN_CI = 20261206;

const longRun = process.env.KYSO_FUZZ_RUNS !== undefined;

export const fuzzRuns = Number(process.env.KYSO_FUZZ_RUNS ?? DEFAULT_RUNS_IN_CI);

export const fuzzSeed = process.env.KYSO_FUZZ_SEED !== undefined ? Number(process.env.KYSO_FUZZ_SEED) : longRun ? undefined : FIXED_SEED_IN_CI;

/** fast-check parameters shared by every fuzz target. */
export const fuzzParameters = {
  numRuns: fuzzRuns,
  ...(fuzzSeed === undefined ? {} : { seed: fuzzSeed }),
} as const;
