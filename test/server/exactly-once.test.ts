/**
 * Exactly-once processing (PROTOCOL.md, Integrity guarantees 4; Decisions on details: Ops): one
 * (user, mid) is processed at most once; every retry gets the first answer and makes no event.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newMid, type Frame, type RawClient } from '../helpers/raw-client.js';
import { assertAck } from '../helpers/frames.js';
import { withRelay } from '../helpers/fresh-relay.js';

/** An answer without its request id: what must be the same on every try. */
const outcome = ({ id: _id, ...rest }: Frame) => rest;

describe('exactly-once', () => {
  const { relay, clients } = withRelay();
  let n = 0;

  /** A fresh channel, one user's token, and a watcher subscribed to the channel. */
  async function setUp() {
    n++;
    const ch = `once-${n}/chat`;
    const token = relay.token({ sub: `user-${n}` });
    const watcher = await clients.join({ token: relay.token({ sub: `watcher-${n}` }) });
    await watcher.sub(ch);
    return { ch, token, watcher };
  }

  /** Two tries of one op sent at once: the first acked, the second answered the same, one event. */
  async function assertOneOutcome(watcher: RawClient, ch: string, tries: Promise<Frame>[]) {
    const [first, second] = await Promise.all(tries);
    assert.equal(first.t, 'ack');
    assert.deepEqual(outcome(second), outcome(first));
    assert.equal((await eventsSettled(watcher, ch)).length, 1);
  }

  /** `setUp`, and the user connected with an op's `mid` ready. */
  async function setUpWriter() {
    const channel = await setUp();
    return { ...channel, client: await clients.join({ token: channel.token }), mid: newMid() };
  }

  /** The channel's events, once a later op on it has been seen (nothing else is on its way). */
  async function eventsSettled(watcher: RawClient, ch: string): Promise<Frame[]> {
    const probe = await clients.join({ token: relay.token({ sub: `probe-${n}` }) });
    const ack = await probe.op(ch, 'send', { text: 'probe' });
    await watcher.next((f) => f.t === 'ev' && f.ch === ch && f.seq === ack.seq);
    return watcher.events(ch).filter((ev) => ev.seq < ack.seq);
  }

  test('the same mid twice gets the same ack and makes one event', async () => {
    const { ch, watcher, client, mid } = await setUpWriter();
    const first = await client.op(ch, 'send', { text: 'once' }, mid);
    const second = await client.op(ch, 'send', { text: 'once' }, mid);
    assert.equal(first.t, 'ack');
    assert.equal(first.mid, mid);
    assert.equal(second.id !== first.id, true);
    assert.deepEqual(outcome(second), outcome(first));
    const events = await eventsSettled(watcher, ch);
    assert.deepEqual(
      events.map((ev) => ev.data.text),
      ['once'],
    );
  });

  test('the same mid sent twice before any answer gets two equal acks and one event', async () => {
    const { ch, watcher, client, mid } = await setUpWriter();
    await assertOneOutcome(watcher, ch, [
      client.op(ch, 'send', { text: 'pipelined' }, mid),
      client.op(ch, 'send', { text: 'pipelined' }, mid),
    ]);
  });

  test('the same mid with another payload gets the first outcome', async () => {
    const { ch, watcher, client, mid } = await setUpWriter();
    const first = await client.op(ch, 'send', { text: 'first' }, mid);
    const second = await client.op(ch, 'send', { text: 'second' }, mid);
    assert.deepEqual(outcome(second), outcome(first));
    assert.deepEqual(
      (await eventsSettled(watcher, ch)).map((ev) => ev.data.text),
      ['first'],
    );
  });

  test('the same mid after a refusal gets the same refusal, even with a valid payload', async () => {
    const { ch, watcher, client, mid } = await setUpWriter();
    const first = await client.op(ch, 'send', { text: '   ' }, mid);
    assert.equal(first.t, 'err');
    assert.equal(first.code, 'invalid');
    const second = await client.op(ch, 'send', { text: 'now valid' }, mid);
    assert.deepEqual(outcome(second), outcome(first));
    assert.equal((await eventsSettled(watcher, ch)).length, 0);
  });

  test('the same mid on another channel gets the first outcome and makes no event there', async () => {
    const { ch, token, watcher } = await setUp();
    const other = `once-${n}-other/chat`;
    const otherWatcher = await clients.join({ token: relay.token({ sub: `other-watcher-${n}` }) });
    await otherWatcher.sub(other);
    const client = await clients.join({ token });
    const mid = newMid();
    const first = await client.op(ch, 'send', { text: 'here' }, mid);
    const second = await client.op(other, 'send', { text: 'there' }, mid);
    assert.deepEqual(outcome(second), outcome(first));
    assert.equal((await eventsSettled(watcher, ch)).length, 1);
    assert.equal((await eventsSettled(otherWatcher, other)).length, 0);
  });

  test('two users may use the same mid: two events', async () => {
    const { ch, watcher } = await setUp();
    const mid = newMid();
    const ann = await clients.join({ token: relay.token({ sub: `ann-${n}` }) });
    const bob = await clients.join({ token: relay.token({ sub: `bob-${n}` }) });
    const a = await ann.op(ch, 'send', { text: 'ann' }, mid);
    const b = await bob.op(ch, 'send', { text: 'bob' }, mid);
    assert.notEqual(a.seq, b.seq);
    assert.deepEqual(
      (await eventsSettled(watcher, ch)).map((ev) => ev.data.text),
      ['ann', 'bob'],
    );
  });

  test('a retry after reconnecting, once the ack was seen, gets the same ack and no event', async () => {
    const { ch, token, watcher } = await setUp();
    const mid = newMid();
    const dropped = await clients.join({ token });
    const first = await dropped.op(ch, 'send', { text: 'before the drop' }, mid);
    dropped.terminate();
    const reconnected = await clients.join({ token });
    const retry = await reconnected.op(ch, 'send', { text: 'before the drop' }, mid);
    assert.deepEqual(outcome(retry), outcome(first));
    assert.equal((await eventsSettled(watcher, ch)).length, 1);
  });

  test('a retry after the socket dropped before the ack makes exactly one event', async () => {
    const { ch, token, watcher } = await setUp();
    const mid = newMid();
    const dropped = await clients.join({ token });
    // The op leaves and the socket is cut at once: the relay may or may not have processed it.
    dropped.send({ t: 'op', id: 'lost', ch, mid, type: 'send', data: { text: 'in doubt' } });
    dropped.terminate();
    await dropped.closed;
    const reconnected = await clients.join({ token });
    const retry = await reconnected.op(ch, 'send', { text: 'in doubt' }, mid);
    assert.equal(retry.t, 'ack');
    const events = await eventsSettled(watcher, ch);
    assert.deepEqual(
      events.map((ev) => [ev.seq, ev.data.text]),
      [[retry.seq, 'in doubt']],
    );
    assert.equal(events[0].data.id, retry.data.id);
  });

  test('two connections of one user sending the same mid at once make one event', async () => {
    const { ch, token, watcher } = await setUp();
    const mid = newMid();
    const [one, two] = await Promise.all([clients.join({ token }), clients.join({ token })]);
    await assertOneOutcome(watcher, ch, [
      one.op(ch, 'send', { text: 'twice?' }, mid),
      two.op(ch, 'send', { text: 'twice?' }, mid),
    ]);
  });

  test('a retry that waits for the first try on another connection is answered in its place', async () => {
    // Found by the fuzzer: the retry's answer went out with the first try's, ahead of the
    // answers to frames its own connection had sent before it.
    const { ch, token } = await setUp();
    const [one, two] = await Promise.all([clients.join({ token }), clients.join({ token })]);
    for (let i = 0; i < 20; i++) {
      const mid = newMid();
      one.sendBurst([{ t: 'op', id: `first-${i}`, ch, mid, type: 'send', data: { text: 'x' } }]);
      two.sendBurst([
        { t: 'sub', id: `before-${i}` }, // answered invalid at once
        { t: 'op', id: `retry-${i}`, ch, mid, type: 'send', data: { text: 'x' } },
      ]);
      await two.next((f) => f.id === `retry-${i}`);
      await two.next((f) => f.id === `before-${i}`);
      const answered = two.frames.filter((f) => f.id === `before-${i}` || f.id === `retry-${i}`);
      assert.deepEqual(
        answered.map((f) => f.id),
        [`before-${i}`, `retry-${i}`],
        `try ${i}`,
      );
    }
  });

  test('many connections of one user racing many mids make one event per mid', async () => {
    const { ch, token, watcher } = await setUp();
    const mids = Array.from({ length: 8 }, () => newMid());
    const connections = await Promise.all(Array.from({ length: 4 }, () => clients.join({ token })));
    const answers = await Promise.all(
      connections.flatMap((c) => mids.map((mid, i) => c.op(ch, 'send', { text: `m${i}` }, mid))),
    );
    for (const answer of answers) assertAck(answer);
    const byMid = new Map<string, Frame>();
    for (const answer of answers) {
      const seen = byMid.get(answer.mid);
      if (seen) assert.deepEqual(outcome(answer), outcome(seen));
      else byMid.set(answer.mid, answer);
    }
    const events = await eventsSettled(watcher, ch);
    assert.equal(events.length, mids.length);
  });

  describe('rate limits', () => {
    test('a repeated mid does not count against the chat send limit', async () => {
      const { ch, token } = await setUp();
      const client = await clients.join({ token });
      const acks = [];
      for (let i = 0; i < 20; i++) acks.push(await client.op(ch, 'send', { text: `${i}` }));
      for (const ack of acks) assert.equal(ack.t, 'ack');
      for (let i = 0; i < 10; i++) {
        const retry = await client.op(ch, 'send', { text: '0' }, acks[0].mid);
        assert.deepEqual(outcome(retry), outcome(acks[0]));
      }
      const over = await client.op(ch, 'send', { text: 'one too many' });
      assert.equal(over.code, 'rate_limited', 'the limit itself still holds');
    });

    test('a repeated mid does not count against the per-connection op limit', async () => {
      const { ch, token } = await setUp();
      const client = await clients.join({ token });
      const first = await client.op(ch, 'send', { text: 'retried' });
      // 60 retries in one burst: far above 50 ops per second, yet every one is a retry.
      const retries = await Promise.all(
        Array.from({ length: 60 }, () => client.op(ch, 'send', { text: 'retried' }, first.mid)),
      );
      for (const retry of retries) assert.deepEqual(outcome(retry), outcome(first));
    });
  });
});

describe('exactly-once across a restart (sqlite)', () => {
  const { relay, clients } = withRelay();

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    test(`a retry after a ${signal} restart gets the same ack and makes no event`, async () => {
      const ch = `restart-${signal}/chat`;
      const token = relay.token({ sub: `survivor-${signal}` });
      const client = await clients.join({ token });
      const mid = newMid();
      const first = await client.op(ch, 'send', { text: 'durable' }, mid);
      assert.equal(first.t, 'ack');
      await relay.stop(signal);
      await client.closed;
      await relay.restart();
      const again = await clients.join({ token });
      const retry = await again.op(ch, 'send', { text: 'durable' }, mid);
      assert.deepEqual(outcome(retry), outcome(first));
      const ok = await again.sub(ch);
      assert.equal(ok.seq, first.seq, 'no new event');
      assert.deepEqual(
        ok.snapshot.messages.map((m: Frame) => m.text),
        ['durable'],
      );
    });
  }
});
