/**
 * reactions (PROTOCOL.md: Features; Decisions on details: Reactions; protocol-notes.md:
 * Reactions): `react {emoji}` from the room's set is acked at once and counted into `burst`
 * events coalesced to at most one per 250 ms; hosts change the set with `settings {emojis}`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClientPool, newMid, sleep, type Frame } from '../helpers/raw-client.js';
import { freshRelays, withRelay } from '../helpers/fresh-relay.js';
import type { RelayProcess } from '../helpers/relay.js';
import { assertAck, assertErr } from '../helpers/frames.js';

const DEFAULT_EMOJIS = ['❤️', '👏', '😂', '😮', '🔥', '👍'];
const BURST_INTERVAL_MS = 250;
/**
 * Coalescing bounds are "at most duration / interval + 1"; a relay's timers may fire a few ms
 * early (the event loop's cached clock), so the duration gets this much benefit of the doubt.
 */
const TIMER_SLACK_MS = 20;

/** The sum of every burst's counts, per emoji. */
function summed(bursts: Frame[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const burst of bursts) {
    for (const [emoji, n] of Object.entries(burst.data.counts as Record<string, number>)) {
      total[emoji] = (total[emoji] ?? 0) + n;
    }
  }
  return total;
}
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('reactions', () => {
  const { room: newRoom } = withRelay({ memory: true });

  /** A fresh room per test, with a watcher subscribed to its reactions channel. */
  async function room() {
    const { ch, join, member } = newRoom('reactions');
    const watcher = await member('watcher');
    return { ch, join, watcher, ok: watcher.ok };
  }

  test('the snapshot carries the default emoji set', async () => {
    const { ok } = await room();
    assert.equal(ok.t, 'ok');
    assert.equal(ok.reset, true);
    assert.deepEqual(ok.snapshot, { emojis: DEFAULT_EMOJIS });
  });

  test('react with an emoji of the set is acked at once (no seq) and counted in a burst', async () => {
    const { ch, join, watcher } = await room();
    const ann = await join('ann');
    const ack = await ann.op(ch, 'react', { emoji: '🔥' });
    assertAck(ack);
    assert.equal(ack.seq, undefined);
    const burst = await watcher.next((f) => f.t === 'ev' && f.ch === ch);
    assert.equal(burst.type, 'burst');
    assert.deepEqual(burst.data, { counts: { '🔥': 1 } });
    assert.equal(burst.seq, 1);
  });

  for (const [what, emoji] of [
    ['an emoji not in the set', '🍕'],
    ['text', 'heart'],
    ['a number', 1],
    ['a missing emoji', undefined],
  ] as const) {
    test(`${what} gets invalid and is not counted`, async () => {
      const { ch, join, watcher } = await room();
      const ann = await join('ann');
      const answer = await ann.op(ch, 'react', emoji === undefined ? {} : { emoji });
      assertErr(answer, 'invalid');
      assert.equal(answer.details?.field, 'emoji');
      assert.equal((await ann.op(ch, 'react', { emoji: '👍' })).t, 'ack');
      const burst = await watcher.next((f) => f.t === 'ev' && f.type === 'burst');
      assert.deepEqual(burst.data.counts, { '👍': 1 });
    });
  }

  test('bursts are at least 250 ms apart by their own ts, however busy the relay', async () => {
    const { ch, join, watcher } = await room();
    const reactors = await Promise.all(Array.from({ length: 10 }, (_, i) => join(`busy${i}`)));
    const until = Date.now() + 4_000;
    let sent = 0;
    while (Date.now() < until) {
      for (const reactor of reactors) {
        reactor.send({
          t: 'op',
          id: sent,
          ch,
          mid: newMid(),
          type: 'react',
          data: { emoji: '🔥' },
        });
        sent++;
      }
      await sleep(40);
    }
    const bursts = () => watcher.events(ch, 'burst');
    await watcher.until(
      () => sum(summed(bursts())) >= sent,
      10_000,
      () => `${sent} reactions in bursts (have ${sum(summed(bursts()))})`,
    );
    const gaps = bursts()
      .slice(1)
      .map((burst, i) => burst.ts - bursts()[i].ts);
    assert.ok(gaps.length >= 10, `${gaps.length + 1} bursts`);
    assert.ok(
      gaps.every((gap) => gap >= BURST_INTERVAL_MS),
      `gaps between bursts: ${gaps.join(', ')} ms`,
    );
  });

  test('300 reactions from 30 clients within about a second: a handful of bursts summing to 300', async () => {
    const { ch, join, watcher } = await room();
    const reactors = await Promise.all(Array.from({ length: 30 }, (_, i) => join(`r${i}`)));
    const expected: Record<string, number> = {};
    const answers: Promise<Frame>[] = [];
    const startedAt = Date.now();
    for (let round = 0; round < 10; round++) {
      reactors.forEach((reactor, i) => {
        const emoji = DEFAULT_EMOJIS[(i + round) % DEFAULT_EMOJIS.length];
        expected[emoji] = (expected[emoji] ?? 0) + 1;
        answers.push(reactor.op(ch, 'react', { emoji }));
      });
      await sleep(100);
    }
    const acks = await Promise.all(answers);
    assert.equal(
      acks.filter((a) => a.t === 'ack').length,
      300,
      JSON.stringify(acks.find((a) => a.t !== 'ack')),
    );
    const bursts = () => watcher.events(ch, 'burst');
    await watcher.until(
      () => sum(summed(bursts())) >= 300,
      5_000,
      () => `300 reactions in bursts (have ${sum(summed(bursts()))})`,
    );
    const duration = Date.now() - startedAt;
    const count = bursts().length;
    // Nothing more comes: the counts sum to exactly 300.
    await sleep(2 * BURST_INTERVAL_MS);
    assert.equal(bursts().length, count);
    assert.deepEqual(summed(bursts()), expected);
    const bound = (duration + TIMER_SLACK_MS) / BURST_INTERVAL_MS + 1;
    console.log(
      `# reactions: 300 reactions in ${duration} ms -> ${count} bursts (bound ${bound.toFixed(1)})`,
    );
    assert.ok(count <= bound, `${count} bursts in ${duration} ms`);
    // Every event of the channel is a burst, in order without gaps.
    assert.deepEqual(
      watcher.events(ch).map((ev) => ev.seq),
      Array.from({ length: count }, (_, i) => i + 1),
    );
  });

  describe('settings {emojis}', () => {
    test('a host changes the set: ev settings, the snapshot shows it, an old emoji is now invalid', async () => {
      const { ch, join, watcher } = await room();
      const host = await join('host', 'host');
      const emojis = ['🎉', '🇫🇷', '👍🏽', '👨‍👩‍👧'];
      const ack = await host.op(ch, 'settings', { emojis });
      assertAck(ack);
      assert.equal(typeof ack.seq, 'number');
      const ev = await watcher.next((f) => f.t === 'ev' && f.ch === ch);
      assert.equal(ev.type, 'settings');
      assert.deepEqual(ev.data, { emojis });
      assert.equal(ev.seq, ack.seq);

      const late = await join('late');
      assert.deepEqual((await late.sub(ch)).snapshot, { emojis });
      const old = await late.op(ch, 'react', { emoji: '❤️' });
      assertErr(old, 'invalid');
      for (const emoji of emojis) assert.equal((await late.op(ch, 'react', { emoji })).t, 'ack');
      await watcher.until(() => sum(summed(watcher.events(ch, 'burst'))) === emojis.length);
      assert.deepEqual(
        summed(watcher.events(ch, 'burst')),
        Object.fromEntries(emojis.map((e) => [e, 1])),
      );
    });

    test('a moderator may change the set too', async () => {
      const { ch, join } = await room();
      const moderator = await join('mod', 'moderator');
      assert.equal((await moderator.op(ch, 'settings', { emojis: ['🙂'] })).t, 'ack');
    });

    test('an audience member gets forbidden and the set stays', async () => {
      const { ch, join, watcher } = await room();
      const ann = await join('ann');
      const answer = await ann.op(ch, 'settings', { emojis: ['🍕'] });
      assertErr(answer, 'forbidden');
      const late = await join('late');
      assert.deepEqual((await late.sub(ch)).snapshot, { emojis: DEFAULT_EMOJIS });
      assert.equal((await ann.op(ch, 'react', { emoji: '🍕' })).code, 'invalid');
      await sleep(50);
      assert.deepEqual(watcher.events(ch, 'settings'), []);
    });

    for (const [what, emojis] of [
      ['an empty set', []],
      ['13 emojis', Array.from({ length: 13 }, (_, i) => String.fromCodePoint(0x1f600 + i))],
      ['duplicates', ['🔥', '🔥']],
      ['an empty string', ['']],
      ['a string of 11 code points', ['a'.repeat(11)]],
      ['not strings', [1, 2]],
      ['not an array', '🔥'],
      ['a bidi override', ['\u202E🔥']],
      ['a control character', ['\u0007']],
      ['nothing visible', ['\u200B']],
      ['a lone surrogate', ['\uD83D']],
    ] as const) {
      test(`${what} gets invalid`, async () => {
        const { ch, join } = await room();
        const host = await join('host', 'host');
        const answer = await host.op(ch, 'settings', { emojis });
        assertErr(answer, 'invalid');
        assert.equal(answer.details?.field, 'emojis');
      });
    }
  });
});

/**
 * Nothing acknowledged may be lost: each acked reaction is stored in the commit that carries its
 * ack, so a relay killed or stopped before the burst still counts it once it is back.
 */
describe('reactions across a restart (sqlite)', () => {
  const ch = 'durable/reactions';
  const N = 30;
  const start = freshRelays();

  /**
   * A watcher sees one burst (so the relay's throttle holds the next reactions for a full
   * interval), then N reactions are acked and the relay is stopped with `signal` at once.
   */
  async function reactThenStop(signal: NodeJS.Signals) {
    const { relay: r, clients } = await start();
    const watcher = await clients.join({ token: r.token({ sub: 'watcher' }) });
    const ok = await watcher.sub(ch);
    const reactor = await clients.join({ token: r.token({ sub: 'reactor' }) });
    assert.equal((await reactor.op(ch, 'react', { emoji: '👏' })).t, 'ack');
    const first = await watcher.next((f) => f.t === 'ev' && f.type === 'burst');
    const position = { epoch: ok.epoch as string, seq: first.seq as number };

    const expected: Record<string, number> = {};
    const sent: { id: string; mid: string; emoji: string }[] = [];
    for (let i = 0; i < N; i++) {
      const emoji = DEFAULT_EMOJIS[i % DEFAULT_EMOJIS.length];
      expected[emoji] = (expected[emoji] ?? 0) + 1;
      const frame = { id: `react-${i}`, mid: newMid(), emoji };
      sent.push(frame);
      reactor.send({ t: 'op', id: frame.id, ch, mid: frame.mid, type: 'react', data: { emoji } });
    }
    const acks = await reactor.collect((f) => String(f.id).startsWith('react-'), N);
    const stopped = r.stop(signal);
    const burstsBeforeStop = watcher.events(ch, 'burst').length;
    const exitCode = await stopped;
    assert.deepEqual(
      acks.map((a) => a.t),
      Array<string>(N).fill('ack'),
      JSON.stringify(acks.find((a) => a.t !== 'ack')),
    );
    assert.equal(burstsBeforeStop, 1, 'the relay was stopped before the burst of the N reactions');
    await r.restart();
    return { r, clients, position, expected, sent, exitCode };
  }

  /** Subscribes from `position` and waits until the bursts after it stop coming. */
  async function burstsAfter(
    { r, clients }: { r: RelayProcess; clients: ClientPool },
    position: { epoch: string; seq: number },
  ) {
    const reader = await clients.join({ token: r.token({ sub: 'reader' }) });
    const ok = await reader.sub(ch, position);
    assert.equal(ok.epoch, position.epoch, 'same epoch');
    const bursts = () => reader.events(ch, 'burst');
    await reader.until(
      () => sum(summed(bursts())) >= N,
      5_000,
      () => `${N} reactions in bursts after the restart (have ${sum(summed(bursts()))})`,
    );
    await sleep(2 * BURST_INTERVAL_MS + TIMER_SLACK_MS);
    // In order without gaps from the position read before the stop.
    assert.deepEqual(
      reader.events(ch).map((ev) => ev.seq),
      Array.from({ length: reader.events(ch).length }, (_, i) => position.seq + 1 + i),
    );
    return { reader, bursts, ok };
  }

  test('SIGKILL right after the acks: after a restart the bursts sum to exactly the acked reactions', async () => {
    const stopped = await reactThenStop('SIGKILL');
    const { position, expected } = stopped;
    const { bursts } = await burstsAfter(stopped, position);
    assert.deepEqual(summed(bursts()), expected);
  });

  test('SIGTERM right after the acks: the pending burst is stored on the way down, once', async () => {
    const stopped = await reactThenStop('SIGTERM');
    const { position, expected, exitCode } = stopped;
    assert.equal(exitCode, 0);
    const { bursts, ok } = await burstsAfter(stopped, position);
    assert.deepEqual(summed(bursts()), expected);
    // Emitted before the exit, not when the channel was next loaded: the resume replays it.
    assert.deepEqual(summed(bursts().slice(0, ok.replay)), expected);
  });

  test('retrying the acked mids after the restart gets the same acks and counts nothing twice', async () => {
    const stopped = await reactThenStop('SIGKILL');
    const { r, clients, position, expected, sent } = stopped;
    const { reader, bursts } = await burstsAfter(stopped, position);
    const reactor = await clients.join({ token: r.token({ sub: 'reactor' }) });
    for (const { mid, emoji } of sent) {
      const ack = await reactor.op(ch, 'react', { emoji }, mid);
      assertAck(ack);
      assert.equal(ack.mid, mid);
    }
    const count = reader.events(ch).length;
    await sleep(2 * BURST_INTERVAL_MS + TIMER_SLACK_MS);
    assert.equal(reader.events(ch).length, count, 'no burst for the retries');
    assert.deepEqual(summed(bursts()), expected);
  });
});
