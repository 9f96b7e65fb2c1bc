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
import { describe, test } from 'node:test';
import { withRelay } from '../helpers/fresh-relay.js';
import { fuzzRelay } from '../helpers/fuzz/property.js';

describe('fuzz: random frames from several clients', () => {
  // Default settings: the relay as shipped. The fuzzer stays within them: a few anonymous
  // keys shared by every run, a dozen sockets at most at once.
  const { relay } = withRelay();

  test('the relay lives, answers each request once, never fails inside, and keeps every order', async () => {
    const { seed, stats } = await fuzzRelay(relay, 25_000);
    console.log(`fuzz (seed ${seed}): ${stats}`);
  });
});
