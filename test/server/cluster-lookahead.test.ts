/**
 * A socket's frames sent together, on relays sharing Redis:
 * - ops sent back to back (each claimed in Redis by the room's owner at its turn) are applied
 *   once each, in the order sent, a repeated mid among them gets the first answer, and every
 *   relay shows one order.
 * - each sub's question to the room's owner (`RemotePort.ahead`): a page's widgets joining on a
 *   relay that does not own the room are answered together, in order, and as the socket's user is
 *   at the frame's turn; a flood of subs asks the owner no more than the sub limit allows.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newMid, sleep, type Frame } from '../helpers/raw-client.js';
import { withCluster } from '../helpers/cluster.js';

describe('cluster: ops sent back to back (outcome lookups started ahead)', () => {
  const { join } = withCluster(2);

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

describe('cluster: subs sent together to a relay that does not own the room', () => {
  const { ctx, join } = withCluster(2);

  /** A room owned by relay 0, its channels loaded on relay 1 by a first viewer there. */
  async function room(name: string): Promise<string[]> {
    const channels = ['chat', 'presence', 'poll'].map((feature) => `${name}/${feature}`);
    const host = await join(0, `${name}-host`, 'host');
    for (const ch of channels) await host.sub(ch);
    const first = await join(1, `${name}-first`);
    for (const ch of channels) await first.sub(ch);
    return channels;
  }

  test('are answered in order, in one message, as a first sub each', async () => {
    const channels = await room(`joined-${Date.now().toString(36)}`);
    const viewer = await join(1, 'viewer');
    viewer.sendBurst(channels.map((ch, i) => ({ t: 'sub', id: `s${i}`, ch })));
    const answers = await viewer.collect((f) => f.t === 'ok' || f.t === 'err', channels.length);
    assert.deepEqual(
      answers.map((a) => [a.t, a.id]),
      channels.map((_, i) => ['ok', `s${i}`]),
    );
    for (const [i, ch] of channels.entries()) {
      assert.equal(answers[i].ch, ch);
      // Presence answers with its count; the others with a snapshot (a first sub each).
      if (ch.endsWith('/presence')) assert.equal(typeof answers[i].count, 'number');
      else assert.ok(answers[i].reset && answers[i].snapshot, `a snapshot of ${ch}`);
    }
    // The owner was asked about all three at once: their answers left in one batch.
    const batch = viewer.messages.find((m) => m.includes('"s0"'));
    assert.ok(batch, 'the first answer arrived');
    for (let i = 0; i < channels.length; i++) assert.ok(batch.includes(`"s${i}"`), `s${i} with s0`);
  });

  test('a token refreshed between a sub and its turn: the sub is answered for the new role', async () => {
    const [chat, presence] = await room(`promoted-${Date.now().toString(36)}`);
    const host = await join(0, 'a-host', 'host');
    const banned = await host.request({
      t: 'op',
      ch: chat,
      mid: newMid(),
      type: 'ban',
      data: { userId: 'troll' },
    });
    assert.equal(banned.t, 'ack', JSON.stringify(banned));
    const viewer = await join(1, 'promoted');
    // A sub held up behind another one (its owner's answer under way), then the refresh, then
    // the sub whose owner was asked as it arrived: it must not keep the audience's answer.
    viewer.sendBurst([
      { t: 'sub', id: 'first', ch: presence },
      {
        t: 'auth',
        id: 'up',
        token: ctx.relays[1].token({ sub: 'promoted', name: 'promoted', role: 'host' }),
      },
      { t: 'sub', id: 'second', ch: chat },
    ]);
    const answers = await viewer.collect((f) => f.t === 'ok' || f.t === 'err', 3);
    assert.deepEqual(
      answers.map((a) => [a.t, a.id]),
      [
        ['ok', 'first'],
        ['ok', 'up'],
        ['ok', 'second'],
      ],
    );
    const snapshot = JSON.stringify(answers[2].snapshot);
    assert.ok(snapshot.includes('troll'), `a host's snapshot shows the ban: ${snapshot}`);
  });

  test('a flood of subs asks the owner no more than the sub limit allows', async () => {
    const [chat] = await room(`flood-${Date.now().toString(36)}`);
    const asks = async () => {
      const text = await (await fetch(`${ctx.relays[1].httpUrl}/metrics`)).text();
      return Number(/^hubbub_cluster_ask_seconds_count (\d+)/m.exec(text)?.[1] ?? NaN);
    };
    const flooder = await join(1, 'flooder');
    const askedBefore = await asks();
    // 100 sub tokens per 10 s: the rest are refused at their turn, and must not be asked ahead.
    for (let burst = 0; burst < 6; burst++) {
      flooder.sendBurst(
        Array.from({ length: 50 }, (_, i) => ({ t: 'sub', id: `f${burst}-${i}`, ch: chat })),
      );
      await sleep(50);
    }
    const answers = await flooder.collect((f) => f.t === 'ok' || f.t === 'err', 300);
    // 100 tokens, and the few that refill while the bursts arrive.
    const allowed = answers.filter((a) => a.t === 'ok').length;
    assert.ok(allowed >= 100 && allowed < 110, `${allowed} allowed`);
    assert.ok(
      answers.filter((a) => a.t === 'err').every((a) => a.code === 'rate_limited'),
      'the others are rate limited',
    );
    const asked = (await asks()) - askedBefore;
    assert.ok(asked <= allowed + 8, `the owner was asked ${asked} times for ${allowed} subs`);
  });
});
