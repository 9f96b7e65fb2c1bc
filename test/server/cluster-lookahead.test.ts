/**
 * A relay on Redis starts each op's outcome lookup as the frame arrives (`prefetchOutcome`), so a
 * socket's queued ops do not each wait a Redis round trip: the relay then commits and broadcasts
 * them together. Nothing else may change: ops sent back to back are applied once each, in the
 * order sent, a repeated mid among them gets the first answer, and every relay shows one order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ClientPool, newMid, type Frame } from '../helpers/raw-client.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';

describe('cluster: ops sent back to back (outcome lookups started ahead)', () => {
  let redis: RedisServer;
  let relays: RelayProcess[];
  let pool: ClientPool;

  before(async () => {
    redis = await startRedis();
    relays = [];
    for (let i = 0; i < 2; i++) relays.push(await startRelay({ args: ['--redis', redis.url] }));
    pool = new ClientPool(() => relays[0].url);
  });
  after(async () => {
    pool.closeAll();
    for (const relay of relays) await relay.dispose();
    await redis.dispose();
  });

  const join = (i: number, sub: string, role: 'host' | 'audience' = 'audience') =>
    pool.join({ token: relays[i].token({ sub, name: sub, role }) }, { url: relays[i].url });

  for (const [where, writerRelay] of [
    ['on the room owner', 0],
    ['on another relay', 1],
  ] as const) {
    test(`${where}: applied once each, in order; a repeated mid gets the first answer`, async () => {
      const ch = `ahead-${writerRelay}-${Date.now().toString(36)}/chat`;
      // The first to use the room is on relay 0: it owns the room.
      const watchers = [await join(0, 'watcher0'), await join(1, 'watcher1')];
      for (const watcher of watchers) await watcher.sub(ch);
      const writer = await join(writerRelay, 'writer', 'host');
      const mids = Array.from({ length: 20 }, () => newMid());
      // Twenty ops and three repeats, in one TCP write.
      const order = [...mids.slice(0, 10), mids[2], mids[6], ...mids.slice(10), mids[0]];
      const frames = order.map((mid, i) => ({
        t: 'op',
        id: `b${i}`,
        ch,
        mid,
        type: 'send',
        data: { text: `text of ${mid}` },
      }));
      writer.sendBurst(frames);
      const answers = await writer.collect(
        (f) => (f.t === 'ack' || f.t === 'err') && String(f.id).startsWith('b'),
        frames.length,
      );
      assert.ok(
        answers.every((a) => a.t === 'ack'),
        JSON.stringify(answers.find((a) => a.t !== 'ack')),
      );
      // Answered in the order sent.
      assert.deepEqual(
        answers.map((a) => a.id),
        frames.map((f) => f.id),
      );
      const seqOf = new Map<string, number>();
      for (const answer of answers) {
        const first = seqOf.get(answer.mid);
        if (first === undefined) seqOf.set(answer.mid, answer.seq);
        else assert.equal(answer.seq, first, `the repeat of ${answer.mid} gets the first seq`);
      }
      for (const watcher of watchers) {
        const events: Frame[] = await watcher.collect((f) => f.t === 'ev' && f.ch === ch, 20);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const all = watcher.events(ch);
        assert.equal(all.length, 20, 'one event per mid, none twice');
        assert.deepEqual(
          events.map((e) => e.data.text),
          mids.map((mid) => `text of ${mid}`),
          'in the order sent',
        );
        assert.deepEqual(
          events.map((e) => e.seq),
          mids.map((mid) => seqOf.get(mid)),
        );
      }
    });
  }
});
