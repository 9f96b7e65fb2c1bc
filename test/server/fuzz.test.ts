/**
 * A property-based fuzzer (issue 9, "Proof"): fast-check drives random frame sequences from
 * several clients at once, well-formed frames of every type and feature mixed with malformed
 * ones, over real sockets to one real relay process of default settings, for a bounded time.
 * After each run (see `test/helpers/fuzz/run.ts`): the process lives and logged no error, every
 * request id got at most one answer per send (exactly one on a socket that stayed open, in the
 * order of the frames), no `internal` error and no message that echoes or leaks a stack, every
 * socket saw each channel's events in order without gap or repeat (and none after an `unsub`
 * or an `auth` that no longer grants the room), and a bystander kept its order and connection
 * and is still served.
 *
 * Reproduce or go longer with the environment:
 *   FUZZ_SEED=123 FUZZ_PATH=4 (as printed on failure) replays a failing run;
 *   FUZZ_MS=180000 runs for three minutes (default 25 s), FUZZ_RUNS=N stops after N runs;
 *   FUZZ_STEPS=200 makes each run longer (default 20 to 80 steps);
 *   FUZZ_SHRINK=1 shrinks a failure (slow: every try is a run against the relay);
 *   FUZZ_DUMP=/tmp/fuzz.txt writes what each socket of a failing run sent and received.
 */
import * as fc from 'fast-check';
import { describe, test } from 'node:test';
import { scenario } from '../helpers/fuzz/frames.js';
import { FuzzRun, FuzzStats } from '../helpers/fuzz/run.js';
import { withRelay } from '../helpers/fresh-relay.js';

const env = process.env;
const seed = env.FUZZ_SEED ? Number(env.FUZZ_SEED) : Date.now() ^ (Math.random() * 2 ** 31);
const numRuns = Number(env.FUZZ_RUNS ?? 100_000);
const budgetMs = Number(env.FUZZ_MS ?? 25_000);
const maxSteps = Number(env.FUZZ_STEPS ?? 80);

describe('fuzz: random frames from several clients', () => {
  // Default settings: the relay as shipped. The fuzzer stays within them: a few anonymous
  // keys shared by every run, a dozen sockets at most at once.
  const { relay } = withRelay();

  test('the relay lives, answers each request once, never fails inside, and keeps every order', async () => {
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
        numRuns,
        ...(env.FUZZ_PATH ? { path: env.FUZZ_PATH } : {}),
        endOnFailure: env.FUZZ_SHRINK !== '1',
        // The problems found go in the message: node's reporter does not print an error's cause.
        includeErrorInReport: true,
        plugins: [fc.interruptAfterTimeLimit(budgetMs), fc.timeout(120_000)],
      },
    );
    // The time limit leaves the run under way to finish on its own; it is checked all the same.
    await current.catch((error: unknown) => {
      throw new Error(
        `the last run, cut by the time limit, failed (replay: FUZZ_SEED=${seed} FUZZ_PATH=${run - 1})`,
        { cause: error },
      );
    });
    console.log(`fuzz (seed ${seed}): ${stats}`);
  });
});
