/**
 * Resume (PROTOCOL.md, Integrity guarantees 2): `sub` with `from` replays exactly the missed
 * events, in order, before any live one; beyond `replayLimit` or the history TTL it resets.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sleep, type Frame, type RawClient } from '../helpers/raw-client.js';
import { assertAck } from '../helpers/frames.js';
import { withRelay } from '../helpers/fresh-relay.js';

const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** The `ev`s of `ch` received after `frame`. */
function eventsAfter(client: RawClient, frame: Frame, ch: string): Frame[] {
  return client.frames
    .slice(client.frames.indexOf(frame) + 1)
    .filter((f) => f.t === 'ev' && f.ch === ch);
}

/** A relay, a writer and a reader that subscribes, sees `seen` events, then drops. */
function resumeScenario(relayArgs: string[]) {
  const { relay, clients } = withRelay({ args: relayArgs });
  let n = 0;

  const scenario = {
    relay,
    clients,
    async setUp(seen: number) {
      n++;
      const ch = `resume-${n}/chat`;
      const writer = await clients.join({
        token: relay.token({ sub: `writer-${n}`, role: 'host' }),
      });
      const token = relay.token({ sub: `reader-${n}` });
      const reader = await clients.join({ token });
      const ok = await reader.sub(ch);
      await scenario.publish(writer, ch, seen);
      await reader.collect((f) => f.t === 'ev' && f.ch === ch, seen);
      reader.terminate();
      await reader.closed;
      const position = { epoch: ok.epoch as string, seq: seen };
      const rejoin = () => clients.join({ token });
      return { ch, writer, position, rejoin };
    },
    async publish(writer: RawClient, ch: string, count: number, label = 'm'): Promise<Frame[]> {
      const acks = await Promise.all(
        range(1, count).map((i) => writer.op(ch, 'send', { text: `${label}${i}` })),
      );
      for (const ack of acks) assertAck(ack);
      return acks;
    },
  };
  return scenario;
}

describe('resume', () => {
  const s = resumeScenario([]);

  test('replays exactly the k missed events in order, then live events', async () => {
    const { ch, writer, position, rejoin } = await s.setUp(3);
    const missed = await s.publish(writer, ch, 4, 'missed ');
    const reader = await rejoin();
    const ok = await reader.sub(ch, position);
    assert.equal(ok.t, 'ok');
    assert.equal(ok.replay, 4);
    assert.equal(ok.seq, 7);
    assert.equal(ok.epoch, position.epoch);
    assert.equal(ok.reset, undefined);
    assert.equal(ok.snapshot, undefined);
    await reader.collect((f) => f.t === 'ev' && f.ch === ch, 4);
    const replayed = eventsAfter(reader, ok, ch);
    assert.deepEqual(
      replayed.map((ev) => ev.seq),
      [4, 5, 6, 7],
    );
    assert.deepEqual(
      replayed.map((ev) => ev.data.id),
      missed.map((ack) => ack.data.id),
    );
    assert.equal(
      reader.frames.indexOf(replayed[0]),
      reader.frames.indexOf(ok) + 1,
      'right after ok',
    );
    await s.publish(writer, ch, 2, 'live ');
    await reader.collect((f) => f.t === 'ev' && f.ch === ch, 6);
    assert.deepEqual(
      eventsAfter(reader, ok, ch).map((ev) => [ev.seq, ev.data.text]),
      [
        [4, 'missed 1'],
        [5, 'missed 2'],
        [6, 'missed 3'],
        [7, 'missed 4'],
        [8, 'live 1'],
        [9, 'live 2'],
      ],
    );
  });

  test('replayed events are the events as first sent', async () => {
    const { ch, writer, position, rejoin } = await s.setUp(1);
    const witness = await rejoin();
    await witness.sub(ch);
    await s.publish(writer, ch, 2);
    const live = await witness.collect((f) => f.t === 'ev' && f.ch === ch, 2);
    const reader = await rejoin();
    const ok = await reader.sub(ch, position);
    assert.equal(ok.replay, 2);
    const replayed = await reader.collect((f) => f.t === 'ev' && f.ch === ch, 2);
    assert.deepEqual(replayed, live);
  });

  test('replays nothing twice and loses nothing while events keep coming', async () => {
    const { ch, writer, position, rejoin } = await s.setUp(2);
    await s.publish(writer, ch, 5);
    const reader = await rejoin();
    const traffic = s.publish(writer, ch, 20, 'during ');
    const ok = await reader.sub(ch, position);
    await traffic;
    assert.equal(ok.seq - ok.replay, 2);
    await reader.collect((f) => f.t === 'ev' && f.ch === ch && f.seq === 27, 1);
    assert.deepEqual(
      eventsAfter(reader, ok, ch).map((ev) => ev.seq),
      range(3, 27),
    );
  });

  test('from the head replays nothing', async () => {
    const { ch, position, rejoin } = await s.setUp(2);
    const reader = await rejoin();
    const ok = await reader.sub(ch, position);
    assert.equal(ok.replay, 0);
    assert.equal(ok.seq, 2);
  });
});

describe('resume beyond replayLimit', () => {
  const s = resumeScenario(['--replay-limit', '5']);

  test('welcome.limits carries the replayLimit', async () => {
    const client = await s.clients.join({ token: s.relay.token({ sub: 'limits' }) });
    assert.equal(client.welcome.limits.replayLimit, 5);
  });

  test('exactly replayLimit missed events are replayed', async () => {
    const { ch, writer, position, rejoin } = await s.setUp(1);
    await s.publish(writer, ch, 5);
    const reader = await rejoin();
    const ok = await reader.sub(ch, position);
    assert.equal(ok.replay, 5);
    const replayed = await reader.collect((f) => f.t === 'ev' && f.ch === ch, 5);
    assert.deepEqual(
      replayed.map((ev) => ev.seq),
      [2, 3, 4, 5, 6],
    );
  });

  test('one more gets reset with a snapshot, then live events from ok.seq + 1', async () => {
    const { ch, writer, position, rejoin } = await s.setUp(1);
    await s.publish(writer, ch, 6);
    const reader = await rejoin();
    const ok = await reader.sub(ch, position);
    assert.equal(ok.reset, true);
    assert.equal(ok.seq, 7);
    assert.equal(ok.replay, undefined);
    assert.deepEqual(
      ok.snapshot.messages.map((m: Frame) => m.seq),
      range(1, 7),
    );
    await s.publish(writer, ch, 1, 'live ');
    const live = await reader.next((f) => f.t === 'ev' && f.ch === ch);
    assert.equal(live.seq, 8);
    assert.equal(live.data.text, 'live 1');
    assert.equal(reader.events(ch).length, 1, 'nothing replayed');
  });
});

describe('resume after the history TTL', () => {
  const TTL_MS = 500;
  const s = resumeScenario(['--history-ttl-ms', String(TTL_MS)]);

  test('welcome.limits carries the historyTtlMs', async () => {
    const client = await s.clients.join({ token: s.relay.token({ sub: 'limits' }) });
    assert.equal(client.welcome.limits.historyTtlMs, TTL_MS);
  });

  test('events older than the TTL are not replayed: reset with a snapshot', async () => {
    const { ch, writer, position, rejoin } = await s.setUp(1);
    await s.publish(writer, ch, 2);
    await sleep(TTL_MS + 300);
    const reader = await rejoin();
    const ok = await reader.sub(ch, position);
    assert.equal(ok.reset, true);
    assert.equal(ok.seq, 3);
    assert.ok(ok.snapshot, 'snapshot given');
    await s.publish(writer, ch, 1, 'live ');
    const live = await reader.next((f) => f.t === 'ev' && f.ch === ch);
    assert.equal(live.seq, 4);
  });
});
