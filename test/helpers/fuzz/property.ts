/**
 * The fuzzer as a fast-check property over real sockets to `relay`, for the time and runs the
 * environment asks (see test/server/fuzz.test.ts): FUZZ_SEED and FUZZ_PATH replay a failing
 * run, FUZZ_MS bounds the time, FUZZ_RUNS the runs, FUZZ_STEPS each run's length, FUZZ_SHRINK=1
 * shrinks a failure. Throws with the replay's seed and path when a run fails.
 */
import * as fc from 'fast-check';
import type { RelayProcess } from '../relay.js';
import { scenario } from './frames.js';
import { FuzzRun, FuzzStats } from './run.js';

export async function fuzzRelay(
  relay: RelayProcess,
  defaultMs: number,
): Promise<{ seed: number; stats: FuzzStats }> {
  const env = process.env;
  const seed = env.FUZZ_SEED ? Number(env.FUZZ_SEED) : Date.now() ^ (Math.random() * 2 ** 31);
  const budgetMs = Number(env.FUZZ_MS ?? defaultMs);
  const maxSteps = Number(env.FUZZ_STEPS ?? 80);
  const stats = new FuzzStats();
  let run = 0;
  let current: Promise<void> = Promise.resolve();
  await fc.assert(
    fc.asyncProperty(scenario(maxSteps), async (s) => {
      current = new FuzzRun(relay, run++, stats).play(s);
      await current;
    }),
    {
      seed,
      numRuns: Number(env.FUZZ_RUNS ?? 100_000),
      ...(env.FUZZ_PATH ? { path: env.FUZZ_PATH } : {}),
      endOnFailure: env.FUZZ_SHRINK !== '1',
      // The problems found go in the message: node's reporter does not print an error's cause.
      includeErrorInReport: true,
      plugins: [fc.interruptAfterTimeLimit(budgetMs), fc.timeout(120_000)],
    },
  );
  // The time limit leaves the run under way to finish on its own; it is checked all the same.
  await current.catch((error: unknown) => {
    // In the message, as above: node's reporter does not print the cause.
    throw new Error(
      `the last run, cut by the time limit, failed (replay: FUZZ_SEED=${seed} FUZZ_PATH=${run - 1}): ${String(error)}`,
      { cause: error },
    );
  });
  return { seed, stats };
}
