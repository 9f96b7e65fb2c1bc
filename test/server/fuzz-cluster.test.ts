/**
 * The fuzzer of `fuzz.test.ts` against a cluster: two relay processes on one real
 * `redis-server`, the fuzz sockets spread over both (each new socket goes to the other relay),
 * so a room's frames reach a relay that owns it and one that forwards them. The same invariants
 * hold: the relays live and log no error, every request is answered once and in the order of
 * its frames, no `internal`, and every socket sees each channel's events in order. It found
 * answers of a room's owner overtaking a refusal the socket's own relay had made.
 *
 * Same environment as `fuzz.test.ts` (FUZZ_SEED, FUZZ_PATH, FUZZ_MS, default 15 s here, ...).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withCluster } from '../helpers/cluster.js';
import { fuzzRelay } from '../helpers/fuzz/property.js';
import type { RelayProcess } from '../helpers/relay.js';

describe('fuzz: random frames from several clients, over two relays', () => {
  const { ctx } = withCluster(2);

  test('the relays live, answer each request once and in order, and keep every order', async () => {
    let next = 0;
    // The fuzzer's one relay: each socket it opens goes to the next relay of the cluster, and
    // the logs it checks are both relays'.
    const relay = new Proxy({} as RelayProcess, {
      get(_, key) {
        const relays = ctx.relays;
        if (key === 'url') return relays[next++ % relays.length].url;
        if (key === 'output') return () => relays.map((r) => r.output()).join('\n');
        if (key === 'process') {
          return (relays.find((r) => r.process.exitCode !== null) ?? relays[0]).process;
        }
        return Reflect.get(relays[0], key) as unknown;
      },
    });
    const { seed, stats } = await fuzzRelay(relay, 15_000);
    // Each run looks at the logs as one text; each relay's own is checked whole here.
    for (const [i, r] of ctx.relays.entries()) {
      assert.doesNotMatch(r.output(), /"level":(50|60)/, `relay ${i} logged an error`);
    }
    console.log(`fuzz over two relays (seed ${seed}): ${stats}`);
  });
});
