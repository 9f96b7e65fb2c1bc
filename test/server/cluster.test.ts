/**
 * Scale-out (issue 10): several relay processes on one real `redis-server` are one service.
 * Every guarantee of PROTOCOL.md holds whichever relay a client reaches: one order per channel,
 * resume on another relay, exactly-once across relays, and every feature across relays.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newMid, type Frame, type RawClient } from '../helpers/raw-client.js';
import { withCluster } from '../helpers/cluster.js';

/** The value of a metric without labels in Prometheus text. */
const value = (text: string, metric: string) =>
  Number(new RegExp(`^${metric} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
const evs = (client: RawClient, ch: string) => client.events(ch).map((f) => f.seq as number);
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('cluster: order and resume', () => {
  const { ctx, join, room } = withCluster(3);

  test('writers on three relays: every subscriber sees one order, the same on each relay', async () => {
    const ch = `${room()}/chat`;
    const readers = await Promise.all([0, 1, 2].map((i) => join(i, `reader${i}`)));
    for (const reader of readers) await reader.sub(ch);
    const writers = await Promise.all([0, 1, 2].map((i) => join(i, `writer${i}`, 'host')));
    const acks = await Promise.all(
      writers.flatMap((writer, w) =>
        range(1, 20).map((k) => writer.op(ch, 'send', { text: `w${w}-${k}` })),
      ),
    );
    assert.ok(acks.every((a) => a.t === 'ack'));
    for (const reader of readers) await reader.collect((f) => f.t === 'ev' && f.ch === ch, 60);
    const orders = readers.map((reader) => reader.events(ch).map((f) => `${f.seq}:${f.data.text}`));
    assert.deepEqual(evs(readers[0], ch), range(1, 60));
    assert.deepEqual(orders[1], orders[0]);
    assert.deepEqual(orders[2], orders[0]);
    // Every ack names the seq its event has for everyone.
    const bySeq = new Map(readers[0].events(ch).map((f) => [f.seq, f.data.id]));
    for (const ack of acks) assert.equal(bySeq.get(ack.seq), ack.data.id);
  });

  test('resume on another relay: exactly the missed events, in order, none twice', async () => {
    const ch = `${room()}/chat`;
    const writer = await join(0, 'w', 'host');
    const first = await join(1, 'mover');
    const ok = await first.sub(ch);
    for (let k = 1; k <= 5; k++) await writer.op(ch, 'send', { text: `before ${k}` });
    await first.collect((f) => f.t === 'ev' && f.ch === ch, 5);
    first.terminate();
    for (let k = 1; k <= 7; k++) await writer.op(ch, 'send', { text: `while away ${k}` });
    const again = await join(2, 'mover');
    const resumed = await again.sub(ch, { epoch: ok.epoch, seq: 5 });
    assert.equal(resumed.epoch, ok.epoch);
    assert.equal(resumed.replay, 7);
    await writer.op(ch, 'send', { text: 'live' });
    await again.collect((f) => f.t === 'ev' && f.ch === ch, 8);
    assert.deepEqual(evs(again, ch), range(6, 13));
  });

  test('a session resumes on another relay: the same session, its presence kept', async () => {
    const ch = `${room()}/presence`;
    const watcher = await join(0, 'session-watcher');
    await watcher.sub(ch);
    const first = await join(1, 'wanderer');
    await first.presence(ch, 'enter', { status: 'here' });
    await watcher.next(
      (f) => f.t === 'presence' && (f.join ?? []).some((m: Frame) => m.id === 'wanderer'),
    );
    first.terminate();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const relay = ctx.relays[2];
    const again = await ctx.pool.join(
      { token: relay.token({ sub: 'wanderer', name: 'wanderer' }), session: first.welcome.session },
      { url: relay.url },
    );
    assert.equal(again.welcome.session, first.welcome.session);
    await again.presence(ch, 'update', { status: 'moved' });
    await watcher.next(
      (f) => f.t === 'presence' && (f.update ?? []).some((m: Frame) => m.data.status === 'moved'),
    );
    assert.ok(
      !watcher.frames.some((f) => f.t === 'presence' && (f.leave ?? []).includes('wanderer')),
    );
  });

  test('a first join on any relay gets the same snapshot', async () => {
    const ch = `${room()}/chat`;
    const writer = await join(0, 'snap-writer', 'host');
    for (let k = 1; k <= 3; k++) await writer.op(ch, 'send', { text: `m${k}` });
    const snapshots = await Promise.all(
      [0, 1, 2].map(async (i) => (await (await join(i, `snap${i}`)).sub(ch)).snapshot.messages),
    );
    assert.deepEqual(snapshots[1], snapshots[0]);
    assert.deepEqual(snapshots[2], snapshots[0]);
    assert.deepEqual(
      snapshots[0].map((m: Frame) => m.text),
      ['m1', 'm2', 'm3'],
    );
  });

  test('a snapshot of over 1 KiB reaches a first join on another relay whole, twice', async () => {
    // The owner names large pieces of its sub answers for the other relays (pieces.ts); such an
    // answer must still arrive as one JSON frame, for the first viewer and the ones after.
    const ch = `${room()}/chat`;
    const writer = await join(0, 'big-writer', 'host');
    const texts = range(1, 20).map((k) => `message ${k} `.repeat(6).trim());
    for (const text of texts) assert.equal((await writer.op(ch, 'send', { text })).t, 'ack');
    for (const [n, i] of [1, 1, 2].entries()) {
      const viewer = await join(i, `big-viewer${n}`);
      const ok = await viewer.sub(ch);
      assert.equal(
        ok.t,
        'ok',
        `viewer ${n} on relay ${i}: ${viewer.messages.at(-1)?.slice(0, 200)}`,
      );
      assert.deepEqual(
        ok.snapshot.messages.map((m: Frame) => m.text),
        texts,
      );
      assert.ok(JSON.stringify(ok.snapshot).length > 1_024);
    }
  });
});

describe('cluster: answers in the order of the frames', () => {
  const { join, room } = withCluster(2);

  test('on a relay that does not own the room, a refusal made there and the owner’s answers keep their frames’ order', async () => {
    const ch = `${room()}/chat`;
    const owner = await join(0, 'order-owner', 'host');
    assert.equal((await owner.sub(ch)).t, 'ok');
    const client = await join(1, 'order-remote');
    assert.equal((await client.sub(ch)).t, 'ok');
    // Pings take the connection's op tokens (50 a second) and are answered at once; then a
    // refusal decided here (a malformed channel) and ops the owner's room would decide, the
    // last of them past the limit, all in one write.
    const frames: object[] = range(1, 60).map((k) => ({ t: 'ping', id: `p${k}` }));
    frames.push({ t: 'op', id: 'bad', ch: 'no room/chat', mid: newMid(), type: 'send', data: {} });
    for (let k = 1; k <= 3; k++) {
      frames.push({ t: 'op', id: `o${k}`, ch, mid: newMid(), type: 'send', data: { text: 'x' } });
    }
    frames.push({ t: 'sub', id: 'again', ch: `${room()}/poll` });
    for (const f of frames) client.ws.send(JSON.stringify(f));
    const ids = ['bad', 'o1', 'o2', 'o3', 'again'];
    await client.until(() => ids.every((id) => client.frames.some((f) => f.id === id)));
    const order = client.frames.filter((f) => ids.includes(f.id)).map((f) => f.id);
    assert.deepEqual(order, ids);
  });
});

describe('cluster: exactly once across relays', () => {
  const { join, room } = withCluster(2);

  test('one (user, mid) sent to two relays is processed once, and both get the same ack', async () => {
    const ch = `${room()}/chat`;
    const reader = await join(0, 'eo-reader');
    await reader.sub(ch);
    const viaA = await join(0, 'twice');
    const viaB = await join(1, 'twice');
    const mid = newMid();
    const [a, b] = await Promise.all([
      viaA.op(ch, 'send', { text: 'once' }, mid),
      viaB.op(ch, 'send', { text: 'once' }, mid),
    ]);
    assert.equal(a.t, 'ack');
    assert.deepEqual({ ...b, id: a.id }, a);
    const retry = await viaB.op(ch, 'send', { text: 'once, again' }, mid);
    assert.deepEqual({ ...retry, id: a.id }, a);
    await viaA.op(ch, 'send', { text: 'after' });
    await reader.next((f) => f.t === 'ev' && f.data?.text === 'after');
    assert.equal(reader.events(ch).filter((f) => f.data.text === 'once').length, 1);
  });

  test('one (user, mid) sent at once to two rooms owned by two relays is processed once', async () => {
    // PROTOCOL.md: a mid is unique per user across all channels, and a (user, mid) is processed
    // once across all relays. Each room is decided by its owner: room A's by relay 0, room B's
    // by relay 1 (the first to use a room owns it), so without a claim shared in Redis both
    // owners would process the op.
    const chA = `${room()}/chat`;
    const chB = `${room()}/chat`;
    const readerA = await join(0, 'two-rooms-reader');
    await readerA.sub(chA);
    const readerB = await join(1, 'two-rooms-reader');
    await readerB.sub(chB);
    const viaA = await join(0, 'two-rooms');
    const viaB = await join(1, 'two-rooms');
    const mids = range(1, 10).map(() => newMid());
    const answers = await Promise.all(
      mids.flatMap((mid) => [
        viaA.op(chA, 'send', { text: `A ${mid}` }, mid),
        viaB.op(chB, 'send', { text: `B ${mid}` }, mid),
      ]),
    );
    for (const [i, mid] of mids.entries()) {
      const [a, b] = [answers[2 * i], answers[2 * i + 1]];
      assert.equal(a.t, 'ack', JSON.stringify(a));
      assert.deepEqual({ ...b, id: a.id }, a, `both tries of ${mid} get the first outcome`);
    }
    const last = newMid();
    await viaA.op(chA, 'send', { text: 'after' }, last);
    await viaB.op(chB, 'send', { text: 'after' });
    await readerA.next((f) => f.t === 'ev' && f.ch === chA && f.data?.text === 'after');
    await readerB.next((f) => f.t === 'ev' && f.ch === chB && f.data?.text === 'after');
    const texts = [...readerA.events(chA), ...readerB.events(chB)]
      .map((f) => String(f.data.text))
      .filter((text) => text !== 'after');
    assert.equal(texts.length, mids.length, `one message per mid in all: ${texts.join(', ')}`);
  });

  test('an op refused before its turn does not hold its mid: sent to a room of another relay, it is processed', async () => {
    // This op is refused before its turn (no such feature) by the owner of room A. A claim taken
    // as its frame arrived (a version of the relay did) would hold the mid until it expired: the
    // same mid sent to room B, owned by another relay, must be processed at once.
    const roomA = room();
    const chB = `${room()}/chat`;
    const readerA = await join(0, 'refused-first-reader');
    await readerA.sub(`${roomA}/chat`);
    const readerB = await join(1, 'refused-first-reader');
    await readerB.sub(chB);
    const viaA = await join(0, 'refused-first');
    const viaB = await join(1, 'refused-first');
    const mid = newMid();
    const refused = await viaA.op(`${roomA}/nosuch`, 'send', { text: 'nowhere' }, mid);
    assert.equal(refused.code, 'not_found', JSON.stringify(refused));
    const answer = await viaB.op(chB, 'send', { text: 'here' }, mid);
    assert.equal(answer.t, 'ack', JSON.stringify(answer));
    await readerB.next((f) => f.t === 'ev' && f.ch === chB && f.data?.text === 'here');
  });

  test('per-user limits hold across relays: chat sends from two relays share one allowance', async () => {
    const ch = `${room()}/chat`;
    const a = await join(0, 'chatty');
    const b = await join(1, 'chatty');
    const answers = await Promise.all(
      range(1, 30).map((k) => (k % 2 ? a : b).op(ch, 'send', { text: `k${k}` })),
    );
    assert.equal(answers.filter((f) => f.t === 'ack').length, 20);
    assert.equal(answers.filter((f) => f.code === 'rate_limited').length, 10);
  });

  test('a ban made on one relay is enforced on another', async () => {
    const ch = `${room()}/chat`;
    const host = await join(0, 'ban-host', 'host');
    const troll = await join(1, 'troll');
    assert.equal((await troll.op(ch, 'send', { text: 'hi' })).t, 'ack');
    await host.op(ch, 'ban', { userId: 'troll', minutes: 5 });
    assert.equal((await troll.op(ch, 'send', { text: 'again' })).code, 'forbidden');
    const elsewhere = await join(0, 'troll');
    assert.equal((await elsewhere.op(ch, 'send', { text: 'via a' })).code, 'forbidden');
  });
});

describe('cluster: features across relays', () => {
  const { join, room } = withCluster(2);

  test('poll: voters split over two relays give an exact tally', async () => {
    const ch = `${room()}/poll`;
    const host = await join(0, 'poll-host', 'host');
    const { data } = await host.op(ch, 'create', {
      question: 'Which?',
      options: ['a', 'b', 'c'],
      kind: 'single',
    });
    await host.op(ch, 'open', { pollId: data.pollId });
    const watcher = await join(1, 'poll-watcher');
    await watcher.sub(ch);
    const voters = await Promise.all(range(1, 60).map((k) => join(k % 2, `voter${k}`)));
    await Promise.all(
      voters.map((voter, k) => voter.op(ch, 'vote', { pollId: data.pollId, choice: k % 3 })),
    );
    // A second vote replaces the first, whichever relay it comes through.
    const moved = await join(1, 'voter1');
    await moved.op(ch, 'vote', { pollId: data.pollId, choice: 2 });
    await watcher.until(() =>
      watcher.events(ch, 'tally').some((f) => f.data.total === 60 && f.data.counts[2] === 21),
    );
    const tally = watcher.events(ch, 'tally').at(-1)!.data;
    assert.deepEqual(tally.counts, [19, 20, 21]);
  });

  test('presence: one member list and count across relays; a member on two relays counts once', async () => {
    const ch = `${room()}/presence`;
    const watcherA = await join(0, 'pw-a');
    const watcherB = await join(1, 'pw-b');
    await watcherA.sub(ch);
    await watcherB.sub(ch);
    const ana = await join(0, 'ana');
    const ben = await join(1, 'ben');
    const anaAgain = await join(1, 'ana');
    await ana.presence(ch, 'enter');
    await ben.presence(ch, 'enter');
    await anaAgain.presence(ch, 'enter');
    for (const watcher of [watcherA, watcherB]) {
      await watcher.until(() =>
        watcher.frames.some((f) => f.t === 'presence' && f.ch === ch && f.count === 2),
      );
    }
    const late = await join(1, 'late');
    await late.sub(ch);
    const list = await late.next((f) => f.t === 'presence' && f.ch === ch && f.members);
    assert.equal(list.count, 2);
    assert.deepEqual(list.members.map((m: Frame) => m.id).sort(), ['ana', 'ben']);
    // Ana leaves on one relay: still present through the other.
    await ana.presence(ch, 'leave');
    await anaAgain.presence(ch, 'leave');
    await watcherA.until(() =>
      watcherA.frames.some((f) => f.t === 'presence' && (f.leave ?? []).includes('ana')),
    );
  });

  test('quiz: one clock and deadline, answers via two relays, no double answer, one leaderboard', async () => {
    const ch = `${room()}/quiz`;
    const host = await join(0, 'quiz-host', 'host');
    await host.op(ch, 'load', {
      questions: [{ text: 'Two?', options: ['1', '2'], correct: 1, timeLimitMs: 20_000 }],
    });
    const players = await Promise.all(range(1, 6).map((k) => join(k % 2, `player${k}`)));
    for (const player of players) await player.sub(ch);
    const next = await host.op(ch, 'next', {});
    assert.equal(next.t, 'ack');
    const questions = await Promise.all(
      players.map((p) => p.next((f) => f.t === 'ev' && f.type === 'question')),
    );
    assert.equal(new Set(questions.map((q) => q.data.endsAt)).size, 1, 'one deadline');
    const answers = await Promise.all(
      players.map((p, k) => p.op(ch, 'answer', { index: 0, choice: k % 2 })),
    );
    assert.ok(answers.every((a) => a.t === 'ack'));
    // The same player through the other relay: one answer per question.
    const twice = await join(0, 'player1');
    assert.equal((await twice.op(ch, 'answer', { index: 0, choice: 1 })).code, 'conflict');
    await host.op(ch, 'reveal', {});
    const boards = await Promise.all(
      players.map((p) => p.next((f) => f.t === 'ev' && f.type === 'leaderboard')),
    );
    assert.ok(boards.every((b) => JSON.stringify(b.data) === JSON.stringify(boards[0].data)));
    assert.equal(boards[0].data.players, 6);
  });

  test('reactions: bursts sum the reactions of every relay', async () => {
    const ch = `${room()}/reactions`;
    const watcher = await join(0, 'rx-watcher');
    await watcher.sub(ch);
    const fans = await Promise.all(range(1, 10).map((k) => join(k % 2, `fan${k}`)));
    await Promise.all(
      fans.flatMap((fan) => range(1, 5).map(() => fan.op(ch, 'react', { emoji: '🔥' }))),
    );
    await watcher.until(
      () => watcher.events(ch, 'burst').reduce((n, f) => n + (f.data.counts['🔥'] ?? 0), 0) === 50,
      10_000,
    );
  });

  test('Q&A: one vote per user across relays', async () => {
    const ch = `${room()}/qa`;
    const asker = await join(0, 'asker');
    const { data } = await asker.op(ch, 'ask', { text: 'Why?' });
    const watcher = await join(0, 'qa-watcher');
    await watcher.sub(ch);
    const a = await join(0, 'double');
    const b = await join(1, 'double');
    await a.op(ch, 'upvote', { id: data.id });
    await b.op(ch, 'upvote', { id: data.id });
    const other = await join(1, 'single');
    await other.op(ch, 'upvote', { id: data.id });
    await watcher.until(() => watcher.events(ch, 'votes').some((f) => f.data.votes === 2));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(watcher.events(ch, 'votes').at(-1)!.data.votes, 2);
  });

  test('signals reach the subscribers of every relay but the sender', async () => {
    const ch = `${room()}/chat`;
    const typist = await join(0, 'typist');
    const far = await join(1, 'far');
    const near = await join(0, 'near');
    await far.sub(ch);
    await near.sub(ch);
    await typist.sub(ch);
    typist.send({ t: 'signal', ch, type: 'typing', data: { on: true } });
    await far.next((f) => f.t === 'signal' && f.from.id === 'typist');
    await near.next((f) => f.t === 'signal' && f.from.id === 'typist');
  });
});

describe('cluster: load you can see', () => {
  const { ctx, join, room } = withCluster(2, ['--max-connections', '50']);

  test('GET /metrics: Prometheus text with connections, deliveries, ops by feature and outcome, commits and load', async () => {
    const ch = `${room()}/chat`;
    const reader = await join(1, 'metrics-reader');
    await reader.sub(ch);
    const writer = await join(0, 'metrics-writer');
    await writer.op(ch, 'send', { text: 'counted' });
    await reader.next((f) => f.t === 'ev' && f.ch === ch);
    const texts = await Promise.all(
      ctx.relays.map(async (relay) => {
        const response = await fetch(`${relay.httpUrl}/metrics`);
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /text\/plain/);
        return response.text();
      }),
    );
    for (const text of texts) {
      assert.ok(value(text, 'hubbub_connections') >= 1);
      assert.ok(value(text, 'hubbub_deliveries_total') >= 1);
      assert.match(text, /^hubbub_load\{of="connections"\} \S+$/m);
      assert.match(text, /^hubbub_load\{of="cpu"\} \S+$/m);
      assert.match(text, /^hubbub_process_nodejs_eventloop_lag_seconds \S+$/m);
      assert.match(text, /^hubbub_channels_loaded\{role="replica"\} \S+$/m);
    }
    // The op was decided by the room's owner, whichever relay it came through.
    const acks = texts.map((t) =>
      Number(/^hubbub_ops_total\{feature="chat",outcome="ack"\} (\S+)$/m.exec(t)?.[1] ?? 0),
    );
    assert.equal(acks[0] + acks[1], 1);
    assert.match(texts.join('\n'), /^hubbub_commit_seconds_count \S+$/m);
  });

  test('hubbub-relay status prints every relay of the cluster, its load, and the totals', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', 'status', '--redis', ctx.redis.url],
      { cwd: new URL('../..', import.meta.url).pathname },
    );
    for (const relay of ctx.relays) assert.ok(stdout.includes(relay.url), stdout);
    assert.match(stdout, /^total\s+2 relays/m);
    assert.match(stdout, /sockets/);
  });

  test('a relay over --max-connections closes new sockets with 1013, so clients go elsewhere', async () => {
    const sockets = [];
    for (let i = 0; i < 55; i++) sockets.push(await ctx.pool.connect({ url: ctx.relays[1].url }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const refused = sockets.filter((client) => client.closeInfo !== null);
    assert.ok(refused.length >= 5, `${refused.length} refused`);
    assert.ok(refused.every((client) => client.closeInfo!.code === 1013));
    // The other relay still takes sockets.
    const elsewhere = await ctx.pool.connect({ url: ctx.relays[0].url });
    assert.ok(elsewhere.open);
    for (const client of sockets) client.terminate();
  });
});
