/**
 * Channels (PROTOCOL.md: Names; Integrity guarantees 3; Decisions on details: Channels): names,
 * first `sub`, re-`sub`, `unsub`, and `from` positions the relay cannot replay from.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Frame, type RawClient } from '../helpers/raw-client.js';
import { assertAck } from '../helpers/frames.js';
import { withRelay } from '../helpers/fresh-relay.js';
import type { Role } from '../../src/protocol/index.js';

/** The seqs of the `ev`s of `ch` received after `frame`. */
function seqsAfter(client: RawClient, frame: Frame, ch: string): number[] {
  return client.frames
    .slice(client.frames.indexOf(frame) + 1)
    .filter((f) => f.t === 'ev' && f.ch === ch)
    .map((f) => f.seq);
}

const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Sends `count` messages one after another; each must be acked. */
async function publish(client: RawClient, ch: string, count: number): Promise<Frame[]> {
  const acks = [];
  for (let i = 1; i <= count; i++) {
    const ack = await client.op(ch, 'send', { text: `message ${i}` });
    assertAck(ack);
    acks.push(ack);
  }
  return acks;
}

describe('channels', () => {
  const { relay, clients } = withRelay();
  let n = 0;
  const channel = () => `channels-${++n}/chat`;

  /** Each test's users are new: per-user limits never carry over between tests. */
  const join = (name: string, role: Role = 'audience') =>
    clients.join({ token: relay.token({ sub: `${name}-${n}`, name, role }) });

  describe('names', () => {
    for (const ch of [
      'lobby',
      'lobby/',
      '/chat',
      'lob by/chat',
      'lobby.1/chat',
      `${'r'.repeat(65)}/chat`,
      'lobby/chat/extra',
      '',
    ]) {
      test(`a malformed channel (${JSON.stringify(ch.length > 20 ? ch.slice(0, 8) + '…' : ch)}) gets invalid`, async () => {
        const client = await join('namer');
        const sub = await client.sub(ch);
        assert.equal(sub.t, 'err');
        assert.equal(sub.code, 'invalid');
        assert.ok(sub.details, 'details given');
        const op = await client.op(ch, 'send', { text: 'x' });
        assert.equal(op.code, 'invalid');
      });
    }

    test('a 64-character room is well formed', async () => {
      const client = await join('namer');
      const ok = await client.sub(`${'r'.repeat(64)}/chat`);
      assert.equal(ok.t, 'ok');
    });

    test('a well-formed channel with an unknown feature gets not_found', async () => {
      const client = await join('namer');
      const sub = await client.sub('lobby/karaoke');
      assert.equal(sub.t, 'err');
      assert.equal(sub.code, 'not_found');
      const op = await client.op('lobby/karaoke', 'sing', {});
      assert.equal(op.code, 'not_found');
    });
  });

  describe('first sub', () => {
    test('on a new channel answers ok with reset, an empty snapshot and seq 0', async () => {
      const client = await join('first');
      const ch = channel();
      const ok = await client.sub(ch);
      assert.equal(ok.t, 'ok');
      assert.equal(ok.ch, ch);
      assert.equal(typeof ok.epoch, 'string');
      assert.ok(ok.epoch.length > 0);
      assert.equal(ok.seq, 0);
      assert.equal(ok.reset, true);
      assert.deepEqual(ok.snapshot, {
        messages: [],
        pinned: { id: null },
        settings: { slowModeSeconds: 0 },
      });
    });

    test('on a channel with events answers reset with the head and the current state', async () => {
      const writer = await join('writer');
      const ch = channel();
      await publish(writer, ch, 3);
      const reader = await join('reader');
      const ok = await reader.sub(ch);
      assert.equal(ok.reset, true);
      assert.equal(ok.seq, 3);
      assert.deepEqual(
        ok.snapshot.messages.map((m: Frame) => [m.seq, m.text]),
        [
          [1, 'message 1'],
          [2, 'message 2'],
          [3, 'message 3'],
        ],
      );
    });

    test('live events continue from ok.seq + 1, also while others publish', async () => {
      const ch = channel();
      const writers = await Promise.all([join('w1'), join('w2')]);
      await publish(writers[0], ch, 2);
      const reader = await join('reader');
      // The sub lands while both writers are sending: wherever it lands, the snapshot is the
      // state as of ok.seq and the events after it follow without a gap.
      const traffic = Promise.all(
        writers.map(async (w) => {
          for (let i = 1; i <= 10; i++) {
            assert.equal(
              (await w.op(ch, 'send', { text: `${w.welcome.user.name} ${i}` })).t,
              'ack',
            );
          }
        }),
      );
      await writers[0].until(() => writers[0].frames.filter((f) => f.t === 'ack').length >= 5);
      const ok = await reader.sub(ch);
      await traffic;
      const head = 22;
      await reader.until(
        () => ok.seq === head || reader.events(ch).some((f) => f.seq === head),
        undefined,
        () => `event ${head}`,
      );
      const snapshotSeqs = ok.snapshot.messages.map((m: Frame) => m.seq);
      assert.deepEqual(snapshotSeqs, range(1, ok.seq), 'snapshot is the state as of ok.seq');
      assert.deepEqual(seqsAfter(reader, ok, ch), range(ok.seq + 1, head));
    });
  });

  describe('sub on a subscribed channel', () => {
    test('re-positions with from: replays after it, then live events, none doubled', async () => {
      const ch = channel();
      const writer = await join('writer');
      const reader = await join('reader');
      const first = await reader.sub(ch);
      await publish(writer, ch, 2);
      await reader.collect((f) => f.t === 'ev' && f.ch === ch, 2);
      const again = await reader.sub(ch, { epoch: first.epoch, seq: 1 });
      assert.equal(again.replay, 1);
      assert.equal(again.seq, 2);
      await publish(writer, ch, 2);
      await reader.collect((f) => f.t === 'ev' && f.ch === ch && f.seq === 4, 1);
      assert.deepEqual(seqsAfter(reader, again, ch), [2, 3, 4]);
    });

    test('re-positions without from: reset, then live events, none doubled', async () => {
      const ch = channel();
      const writer = await join('writer');
      const reader = await join('reader');
      await reader.sub(ch);
      await publish(writer, ch, 2);
      const again = await reader.sub(ch);
      assert.equal(again.reset, true);
      assert.equal(again.seq, 2);
      assert.equal(again.snapshot.messages.length, 2);
      await publish(writer, ch, 2);
      await reader.collect((f) => f.t === 'ev' && f.ch === ch && f.seq === 4, 1);
      assert.deepEqual(seqsAfter(reader, again, ch), [3, 4]);
      assert.deepEqual(
        reader.events(ch).map((f) => f.seq),
        [1, 2, 3, 4],
      );
    });

    test('re-positions while events are being published: no gap and no event twice', async () => {
      const ch = channel();
      const writer = await join('writer', 'host');
      const reader = await join('reader');
      const first = await reader.sub(ch);
      const sent = range(1, 30).map((i) => writer.op(ch, 'send', { text: `m${i}` }));
      const again = await reader.sub(ch, { epoch: first.epoch, seq: 0 });
      await Promise.all(sent);
      await reader.collect((f) => f.t === 'ev' && f.ch === ch && f.seq === 30, 1);
      assert.equal(again.seq - again.replay, 0);
      assert.deepEqual(seqsAfter(reader, again, ch), range(1, 30));
    });
  });

  describe('unsub', () => {
    test('answers ok and stops live events', async () => {
      const ch = channel();
      const writer = await join('writer');
      const reader = await join('reader');
      await reader.sub(ch);
      const ok = await reader.request({ t: 'unsub', ch });
      assert.equal(ok.t, 'ok');
      await publish(writer, ch, 1);
      // A later answer on the same socket proves the event would have arrived by now.
      await reader.sub(channel());
      assert.equal(reader.events(ch).length, 0);
    });

    test('sent right behind the sub, before its answer: ok, and no live event after it', async () => {
      // Found by the fuzzer: the sub's subscription used to be made once its commit was done,
      // after the unsub had found nothing to drop, so the channel stayed subscribed.
      const ch = channel();
      const writer = await join('writer');
      const reader = await join('reader');
      reader.sendBurst([
        { t: 'sub', id: 'sub-1', ch },
        { t: 'unsub', id: 'unsub-1', ch },
      ]);
      await reader.next((f) => f.id === 'unsub-1');
      await publish(writer, ch, 1);
      await reader.sub(channel());
      assert.equal(reader.events(ch).length, 0);
    });

    test('of a channel not subscribed answers ok', async () => {
      const client = await join('reader');
      const ok = await client.request({ t: 'unsub', ch: channel() });
      assert.equal(ok.t, 'ok');
    });
  });

  describe('from', () => {
    test('malformed gets invalid with details', async () => {
      const client = await join('reader');
      for (const from of [
        { epoch: 'e' },
        { seq: 1 },
        { epoch: 1, seq: 1 },
        { epoch: 'e', seq: 1.5 },
        'e:1',
      ]) {
        const answer = await client.request({ t: 'sub', ch: channel(), from });
        assert.equal(answer.t, 'err', JSON.stringify(from));
        assert.equal(answer.code, 'invalid', JSON.stringify(from));
        assert.ok(answer.details, 'details given');
      }
    });

    test('with another epoch gets reset with a snapshot', async () => {
      const ch = channel();
      const writer = await join('writer');
      await publish(writer, ch, 2);
      const reader = await join('reader');
      const ok = await reader.sub(ch, { epoch: 'some-other-epoch', seq: 1 });
      assert.equal(ok.reset, true);
      assert.equal(ok.seq, 2);
      assert.equal(ok.snapshot.messages.length, 2);
      assert.equal(reader.events(ch).length, 0, 'nothing replayed');
    });

    test('with a seq above the head gets reset with a snapshot', async () => {
      const ch = channel();
      const writer = await join('writer');
      await publish(writer, ch, 2);
      const reader = await join('reader');
      const { epoch } = await (await join('prober')).sub(ch);
      const ok = await reader.sub(ch, { epoch, seq: 5 });
      assert.equal(ok.reset, true);
      assert.equal(ok.seq, 2);
      assert.equal(ok.snapshot.messages.length, 2);
    });

    test('at the head answers replay 0', async () => {
      const ch = channel();
      const writer = await join('writer');
      await publish(writer, ch, 2);
      const reader = await join('reader');
      const { epoch } = await reader.sub(ch);
      const other = await join('reader-2');
      const ok = await other.sub(ch, { epoch, seq: 2 });
      assert.equal(ok.replay, 0);
      assert.equal(ok.seq, 2);
      assert.equal(ok.reset, undefined);
    });
  });

  test('an op needs no prior sub', async () => {
    const ch = channel();
    const writer = await join('writer');
    const ack = await writer.op(ch, 'send', { text: 'unsubscribed' });
    assert.equal(ack.t, 'ack');
    assert.equal(ack.seq, 1);
  });
});
