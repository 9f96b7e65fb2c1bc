/**
 * Order without gaps (PROTOCOL.md, Integrity guarantees 1): every `ev` of a channel carries the
 * previous seq + 1 from 1, and every subscriber sees the same events in the same order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ClientPool, newMid, type Frame } from '../helpers/raw-client.js';
import { assertAck } from '../helpers/frames.js';
import { withRelay } from '../helpers/fresh-relay.js';

const PUBLISHERS = 4;
const SUBSCRIBERS = 3;
const PER_PUBLISHER = 20;
const TOTAL = PUBLISHERS * PER_PUBLISHER;

describe('ordering', () => {
  const { relay, clients } = withRelay();

  const join = (sub: string) => clients.join({ token: relay.token({ sub }) });

  describe('several publishers, several subscribers', () => {
    const ch = 'ordering-1/chat';
    let subscribers: Awaited<ReturnType<typeof joinOwn>>[];
    let acks: Frame[][];
    let streams: Frame[][];
    let counts: number[];
    // Its own clients: the outer afterEach must not cut them between these tests.
    const own = new ClientPool(() => relay.url);
    const joinOwn = (sub: string) => own.join({ token: relay.token({ sub }) });

    before(async () => {
      subscribers = await Promise.all(
        Array.from({ length: SUBSCRIBERS }, (_, i) => joinOwn(`reader-${i}`)),
      );
      for (const subscriber of subscribers) assert.equal((await subscriber.sub(ch)).seq, 0);
      const publishers = await Promise.all(
        Array.from({ length: PUBLISHERS }, (_, i) => joinOwn(`writer-${i}`)),
      );
      // Every publisher sends all its ops at once, without waiting for acks.
      acks = await Promise.all(
        publishers.map((publisher, p) =>
          Promise.all(
            Array.from({ length: PER_PUBLISHER }, (_, i) =>
              publisher.op(ch, 'send', { text: `p${p} #${i}` }, newMid()),
            ),
          ),
        ),
      );
      streams = await Promise.all(
        subscribers.map((s) => s.collect((f) => f.t === 'ev' && f.ch === ch, TOTAL)),
      );
      // A later answer on each socket proves nothing else was on its way.
      for (const subscriber of subscribers) await subscriber.sub('ordering-sync/chat');
      counts = subscribers.map((subscriber) => subscriber.events(ch).length);
    });
    after(() => own.closeAll());

    test('every op is acked with its own seq', () => {
      const seqs = acks.flat().map((ack) => {
        assertAck(ack);
        return ack.seq;
      });
      assert.deepEqual(
        [...seqs].sort((a, b) => a - b),
        Array.from({ length: TOTAL }, (_, i) => i + 1),
      );
    });

    test('every subscriber sees seq 1..N without gaps', () => {
      for (const stream of streams) {
        assert.deepEqual(
          stream.map((ev) => ev.seq),
          Array.from({ length: TOTAL }, (_, i) => i + 1),
        );
      }
    });

    test('every subscriber sees the same events in the same order', () => {
      const [first, ...others] = streams.map((stream) => stream.map((ev) => ev.data.id));
      for (const other of others) assert.deepEqual(other, first);
      const [json, ...otherJson] = streams.map((stream) => JSON.stringify(stream));
      for (const other of otherJson) assert.equal(other, json);
    });

    test("each ack's seq names the event its op produced", () => {
      const bySeq = new Map(streams[0].map((ev) => [ev.seq, ev]));
      for (const ack of acks.flat()) assert.equal(bySeq.get(ack.seq)!.data.id, ack.data.id);
    });

    test("one connection's ops are applied in the order sent", () => {
      for (let p = 0; p < PUBLISHERS; p++) {
        const mine = streams[0].filter((ev) => ev.data.text.startsWith(`p${p} `));
        assert.deepEqual(
          mine.map((ev) => ev.data.text),
          Array.from({ length: PER_PUBLISHER }, (_, i) => `p${p} #${i}`),
        );
      }
    });

    test('no event arrives twice or after the last one', () => {
      assert.deepEqual(counts, Array(SUBSCRIBERS).fill(TOTAL));
    });
  });

  test('each channel has its own sequence', async () => {
    const writer = await join('two-channels');
    const a = await writer.op('ordering-2a/chat', 'send', { text: 'a1' });
    const b = await writer.op('ordering-2b/chat', 'send', { text: 'b1' });
    const a2 = await writer.op('ordering-2a/chat', 'send', { text: 'a2' });
    assert.deepEqual([a.seq, b.seq, a2.seq], [1, 1, 2]);
  });
});
