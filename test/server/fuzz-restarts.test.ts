/**
 * The restart fuzzer (`test/helpers/fuzz/restarts.ts`): random valid traffic from a few users
 * who reconnect and resume as the browser kit does, while relays are stopped with SIGTERM or
 * SIGKILL and started again: one relay on a real SQLite file, and one relay of two on a real
 * Redis. After each run: order without gaps and no reset on resume, a retried op gets its first
 * ack and no second event, nothing acked is lost (messages, votes, upvotes, the last tally),
 * sessions and presence membership survive, a ban holds, no relay dies unless killed on
 * purpose and none logs an error.
 *
 * FUZZ_MS (default 20 s each), FUZZ_SEED and FUZZ_PATH (replay), FUZZ_RUNS, FUZZ_STEPS.
 */
import { describe, test } from 'node:test';
import { withCluster } from '../helpers/cluster.js';
import { fuzzRestarts } from '../helpers/fuzz/restarts.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';

describe('fuzz: relays restarted under traffic', () => {
  test('one relay on a SQLite file, stopped with SIGTERM and SIGKILL', async () => {
    const relay: RelayProcess = await startRelay();
    try {
      const { seed, runs } = await fuzzRestarts({ all: () => [relay] }, 20_000);
      console.log(`restarts on SQLite (seed ${seed}): ${runs} runs`);
    } finally {
      await relay.dispose();
    }
  });

  describe('two relays on Redis', () => {
    const { ctx } = withCluster(2);

    test('one relay killed or stopped at a time, its users moving to the other', async () => {
      const { seed, runs } = await fuzzRestarts({ all: () => ctx.relays }, 20_000);
      console.log(`restarts over two relays (seed ${seed}): ${runs} runs`);
    });
  });
});
