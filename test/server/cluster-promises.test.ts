/**
 * An outsider's audit of the cluster (2026-12-07): what PROTOCOL.md promises, held by three real
 * relay processes on one real `redis-server`, where cluster.test.ts and failover.test.ts left it
 * unsaid. The first relay to use a room owns it, so each test says which relay that is.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withCluster } from '../helpers/cluster.js';
import { sleep, type Frame, type RawClient } from '../helpers/raw-client.js';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const joined = (client: RawClient, ch: string, id: string) =>
  client.frames.filter(
    (f) => f.t === 'presence' && f.ch === ch && (f.join ?? []).some((m: Frame) => m.id === id),
  ).length;
const left = (client: RawClient, ch: string, id: string) =>
  client.frames.filter((f) => f.t === 'presence' && f.ch === ch && (f.leave ?? []).includes(id))
    .length;

describe('cluster audit: presence across relays', () => {
  const { ctx, join, room } = withCluster(3, ['--presence-grace-ms', '1500']);

  test('a user on two relays is one member; leave on one relay keeps them, leave on both ends them', async () => {
    const ch = `${room()}/presence`;
    const watcher = await join(0, 'two-watcher');
    await watcher.sub(ch);
    const onA = await join(1, 'twice-here');
    const onB = await join(2, 'twice-here');
    assert.equal((await onA.presence(ch, 'enter')).count, 1);
    assert.equal((await onB.presence(ch, 'enter')).count, 1);
    await watcher.until(() => joined(watcher, ch, 'twice-here') >= 1);
    assert.equal((await onA.presence(ch, 'leave')).count, 1);
    // A later join is the marker: every frame before it has been seen.
    const marker = await join(0, 'two-marker');
    await marker.presence(ch, 'enter');
    await watcher.until(() => joined(watcher, ch, 'two-marker') === 1);
    assert.equal(left(watcher, ch, 'twice-here'), 0, 'still present through the other relay');
    assert.equal(watcher.frames.filter((f) => f.t === 'presence').at(-1)!.count, 2);
    await onB.presence(ch, 'leave');
    await watcher.until(() => left(watcher, ch, 'twice-here') === 1);
    assert.equal(joined(watcher, ch, 'twice-here'), 1);
  });

  test('grace across relays: dropped on one relay, back on another within the grace: no leave, no join', async () => {
    const ch = `${room()}/presence`;
    const watcher = await join(0, 'grace-watcher');
    await watcher.sub(ch);
    const first = await join(1, 'grace-mover');
    await first.presence(ch, 'enter', { status: 'a' });
    await watcher.until(() => joined(watcher, ch, 'grace-mover') === 1);
    first.terminate();
    await sleep(300);
    const again = await join(2, 'grace-mover');
    await again.presence(ch, 'enter', { status: 'a' });
    const marker = await join(0, 'grace-marker');
    await marker.presence(ch, 'enter');
    await watcher.until(() => joined(watcher, ch, 'grace-marker') === 1);
    // Past the grace of the dropped socket: the member stays.
    await sleep(2_000);
    const late = await join(0, 'grace-late');
    await late.presence(ch, 'enter');
    await watcher.until(() => joined(watcher, ch, 'grace-late') === 1);
    assert.equal(left(watcher, ch, 'grace-mover'), 0);
    assert.equal(joined(watcher, ch, 'grace-mover'), 1);
  });

  test('a member dropped on a relay that does not own the room leaves once the grace is over', async () => {
    const ch = `${room()}/presence`;
    const watcher = await join(0, 'gone-watcher');
    await watcher.sub(ch);
    const gone = await join(2, 'gone-member');
    await gone.presence(ch, 'enter');
    await watcher.until(() => joined(watcher, ch, 'gone-member') === 1);
    gone.terminate();
    await watcher.until(() => left(watcher, ch, 'gone-member') === 1, 10_000);
  });

  test('a user on two relays whose socket on one drops stays past the grace through the other', async () => {
    const ch = `${room()}/presence`;
    const watcher = await join(0, 'half-watcher');
    await watcher.sub(ch);
    const stays = await join(1, 'half-member');
    const drops = await join(2, 'half-member');
    await stays.presence(ch, 'enter');
    await drops.presence(ch, 'enter');
    await watcher.until(() => joined(watcher, ch, 'half-member') === 1);
    drops.terminate();
    await sleep(2_500);
    const marker = await join(0, 'half-marker');
    await marker.presence(ch, 'enter');
    await watcher.until(() => joined(watcher, ch, 'half-marker') === 1);
    assert.equal(left(watcher, ch, 'half-member'), 0);
    // Its last socket gone too, the member leaves after the grace.
    stays.terminate();
    await watcher.until(() => left(watcher, ch, 'half-member') === 1, 10_000);
  });

  test('a session resumed on another relay keeps presence: no leave and no second join', async () => {
    const ch = `${room()}/presence`;
    const watcher = await join(0, 'resume-watcher');
    await watcher.sub(ch);
    const first = await join(1, 'resumer');
    await first.presence(ch, 'enter', { status: 'here' });
    await watcher.until(() => joined(watcher, ch, 'resumer') === 1);
    first.terminate();
    await sleep(300);
    const relay = ctx.relays[2];
    const again = await ctx.pool.join(
      { token: relay.token({ sub: 'resumer', name: 'resumer' }), session: first.welcome.session },
      { url: relay.url },
    );
    assert.equal(again.welcome.session, first.welcome.session);
    await sleep(2_000);
    const marker = await join(0, 'resume-marker');
    await marker.presence(ch, 'enter');
    await watcher.until(() => joined(watcher, ch, 'resume-marker') === 1);
    assert.equal(left(watcher, ch, 'resumer'), 0, 'no leave');
    assert.equal(joined(watcher, ch, 'resumer'), 1, 'no second join');
  });
});

describe('cluster audit: features across relays', () => {
  const { ctx, join, room } = withCluster(3);

  test('quiz: every player, on every relay, gets the question and their own me after reveal', async () => {
    const ch = `${room()}/quiz`;
    const host = await join(0, 'qz-host', 'host');
    await host.op(ch, 'load', {
      questions: [{ text: 'One?', options: ['0', '1'], correct: 1, timeLimitMs: 20_000 }],
    });
    const players = await Promise.all(range(0, 5).map((k) => join(k % 3, `qz-player${k}`)));
    for (const player of players) await player.sub(ch);
    await host.op(ch, 'next', {});
    const questions = await Promise.all(
      players.map((p) => p.next((f) => f.t === 'ev' && f.ch === ch && f.type === 'question')),
    );
    for (const q of questions) assert.equal(q.data.correct, undefined, 'no answer in question');
    for (const [k, player] of players.entries()) {
      assert.equal((await player.op(ch, 'answer', { index: 0, choice: k % 2 })).t, 'ack');
    }
    await host.op(ch, 'reveal', {});
    for (const [k, player] of players.entries()) {
      // The me after reveal is the one with a rank (the one after an answer has none yet).
      const me = await player.next((f) => f.t === 'me' && f.ch === ch && f.data.rank != null);
      assert.equal(me.data.lastCorrect, k % 2 === 1, `player ${k}`);
      assert.equal(me.data.score > 0, k % 2 === 1);
    }
    await sleep(300);
    for (const player of players) {
      const mes = player.frames.filter((f) => f.t === 'me' && f.ch === ch && f.data.rank != null);
      assert.equal(mes.length, 1, 'one me per player, not one per relay');
    }
  });

  test('poll: a voter on a relay that does not own the room gets me after ok', async () => {
    const ch = `${room()}/poll`;
    const host = await join(0, 'pm-host', 'host');
    const { data } = await host.op(ch, 'create', {
      question: 'Which?',
      options: ['a', 'b'],
      kind: 'single',
    });
    await host.op(ch, 'open', { pollId: data.pollId });
    const voter = await join(1, 'pm-voter');
    assert.equal((await voter.op(ch, 'vote', { pollId: data.pollId, choice: 1 })).t, 'ack');
    const again = await join(2, 'pm-voter');
    const ok = await again.sub(ch);
    assert.equal(ok.t, 'ok');
    const me = await again.next((f) => f.t === 'me' && f.ch === ch);
    assert.deepEqual(me.data, { pollId: data.pollId, choice: 1 });
    assert.ok(again.frames.indexOf(ok) < again.frames.indexOf(me), 'me after ok');
  });

  test('chat: a user banned while on a relay that does not own the room is refused there, and told', async () => {
    const ch = `${room()}/chat`;
    const host = await join(0, 'cb-host', 'host');
    await host.sub(ch);
    const troll = await join(2, 'cb-troll');
    await troll.sub(ch);
    assert.equal((await host.op(ch, 'ban', { userId: 'cb-troll' })).t, 'ack');
    const refused = await troll.op(ch, 'send', { text: 'hi' });
    assert.equal(refused.code, 'forbidden');
    const vote = await troll.op(`${ch.split('/')[0]}/reactions`, 'react', { emoji: '🔥' });
    assert.equal(vote.code, 'forbidden', 'every op of theirs in the room');
    const elsewhere = await join(1, 'cb-troll');
    await elsewhere.sub(ch);
    const me = await elsewhere.next((f) => f.t === 'me' && f.ch === ch);
    assert.equal(me.data.banned, true);
  });

  test('chat: a ban ends the presence of a member on another relay, who may not enter again', async () => {
    const roomName = room();
    const host = await join(0, 'bp-host', 'host');
    const watcher = await join(1, 'bp-watcher');
    await watcher.sub(`${roomName}/presence`);
    const member = await join(2, 'bp-member');
    await member.presence(`${roomName}/presence`, 'enter');
    await watcher.until(() => joined(watcher, `${roomName}/presence`, 'bp-member') === 1);
    assert.equal((await host.op(`${roomName}/chat`, 'ban', { userId: 'bp-member' })).t, 'ack');
    await watcher.until(() => left(watcher, `${roomName}/presence`, 'bp-member') === 1);
    const again = await member.presence(`${roomName}/presence`, 'enter');
    assert.equal(again.code, 'forbidden');
  });

  test('chat: signed-in only drops an anonymous subscriber of another relay and refuses its sub', async () => {
    const ch = `${room()}/chat`;
    const host = await join(0, 'so-host', 'host');
    await host.sub(ch);
    const relay = ctx.relays[2];
    const guest = await ctx.pool.join(
      { anon: { key: 'cluster-audit-signed-in-only', name: 'guest' } },
      { url: relay.url },
    );
    assert.equal((await guest.sub(ch)).t, 'ok');
    assert.equal((await host.op(ch, 'settings', { signedInOnly: true })).t, 'ack');
    const dropped = await guest.next((f) => f.t === 'err' && f.ch === ch && f.id === undefined);
    assert.equal(dropped.code, 'forbidden');
    assert.equal((await guest.sub(ch)).code, 'forbidden');
    assert.equal((await guest.op(ch, 'send', { text: 'hi' })).code, 'forbidden');
  });

  test('quiz: a player who comes back on another relay gets their own me after ok', async () => {
    const ch = `${room()}/quiz`;
    const host = await join(0, 'qm-host', 'host');
    await host.op(ch, 'load', {
      questions: [{ text: 'One?', options: ['0', '1'], correct: 1, timeLimitMs: 20_000 }],
    });
    await host.op(ch, 'next', {});
    const player = await join(1, 'qm-player');
    assert.equal((await player.op(ch, 'answer', { index: 0, choice: 1 })).t, 'ack');
    await host.op(ch, 'reveal', {});
    const again = await join(2, 'qm-player');
    const ok = await again.sub(ch);
    const me = await again.next((f) => f.t === 'me' && f.ch === ch);
    assert.ok(again.frames.indexOf(ok) < again.frames.indexOf(me), 'me after ok');
    assert.equal(me.data.score > 0, true, JSON.stringify(me.data));
    assert.equal(me.data.rank, 1);
  });

  test('reactions: one burst per window, counted once, the same seqs on every relay', async () => {
    const ch = `${room()}/reactions`;
    const watchers = await Promise.all([0, 1, 2].map((i) => join(i, `rc-watcher${i}`)));
    for (const watcher of watchers) await watcher.sub(ch);
    const fans = await Promise.all(range(0, 8).map((k) => join(k % 3, `rc-fan${k}`)));
    await Promise.all(fans.map((fan) => fan.op(ch, 'react', { emoji: '👏' })));
    const sum = (w: RawClient) =>
      w.events(ch, 'burst').reduce((n, f) => n + (f.data.counts['👏'] ?? 0), 0);
    for (const watcher of watchers) await watcher.until(() => sum(watcher) >= 9);
    await sleep(800);
    for (const watcher of watchers) {
      assert.equal(sum(watcher), 9, 'each reaction counted once');
      const seqs = watcher.events(ch, 'burst').map((f) => f.seq);
      assert.equal(new Set(seqs).size, seqs.length, 'no burst twice');
    }
    const bursts = watchers.map((w) => JSON.stringify(w.events(ch, 'burst')));
    assert.equal(bursts[1], bursts[0]);
    assert.equal(bursts[2], bursts[0]);
  });

  test('poll tallies: coalesced once, every watcher on every relay sees the same tallies', async () => {
    const ch = `${room()}/poll`;
    const host = await join(0, 'tl-host', 'host');
    const { data } = await host.op(ch, 'create', {
      question: 'Which?',
      options: ['a', 'b'],
      kind: 'single',
    });
    await host.op(ch, 'open', { pollId: data.pollId });
    const watchers = await Promise.all([0, 1, 2].map((i) => join(i, `tl-watcher${i}`)));
    for (const watcher of watchers) await watcher.sub(ch);
    const voters = await Promise.all(range(0, 11).map((k) => join(k % 3, `tl-voter${k}`)));
    await Promise.all(
      voters.map((v, k) => v.op(ch, 'vote', { pollId: data.pollId, choice: k % 2 })),
    );
    for (const watcher of watchers) {
      await watcher.until(() => watcher.events(ch, 'tally').some((f) => f.data.total === 12));
    }
    await sleep(600);
    const tallies = watchers.map((w) => w.events(ch, 'tally'));
    for (const list of tallies) {
      assert.equal(new Set(list.map((f) => f.seq)).size, list.length, 'no tally twice');
      assert.deepEqual(list.at(-1)!.data.counts, [6, 6]);
    }
    assert.deepEqual(tallies[1], tallies[0]);
    assert.deepEqual(tallies[2], tallies[0]);
  });

  test('signals: never echoed to the sender’s own connections on other relays', async () => {
    const ch = `${room()}/chat`;
    const typist = await join(0, 'sg-typist');
    const typistElsewhere = await join(1, 'sg-typist');
    const far = await join(2, 'sg-far');
    await typist.sub(ch);
    await typistElsewhere.sub(ch);
    await far.sub(ch);
    typist.send({ t: 'signal', ch, type: 'typing', data: { on: true } });
    await far.next((f) => f.t === 'signal' && f.from.id === 'sg-typist');
    // The other direction too: the far user's signal is the marker that the relay is done.
    far.send({ t: 'signal', ch, type: 'typing', data: { on: true } });
    await typistElsewhere.next((f) => f.t === 'signal' && f.from.id === 'sg-far');
    await typist.next((f) => f.t === 'signal' && f.from.id === 'sg-far');
    for (const client of [typist, typistElsewhere]) {
      assert.ok(!client.frames.some((f) => f.t === 'signal' && f.from.id === 'sg-typist'));
    }
  });

  test('signals: a hidden user’s typing reaches staff on other relays, never the audience', async () => {
    const ch = `${room()}/chat`;
    const host = await join(0, 'hs-host', 'host');
    await host.sub(ch);
    const hidden = await join(1, 'hs-hidden');
    await hidden.sub(ch);
    const mod = await join(2, 'hs-mod', 'moderator');
    const viewer = await join(2, 'hs-viewer');
    await mod.sub(ch);
    await viewer.sub(ch);
    assert.equal((await host.op(ch, 'hide', { userId: 'hs-hidden' })).t, 'ack');
    hidden.send({ t: 'signal', ch, type: 'typing', data: { on: true } });
    await mod.next((f) => f.t === 'signal' && f.from.id === 'hs-hidden');
    await host.next((f) => f.t === 'signal' && f.from.id === 'hs-hidden');
    // The host's own signal, sent after, is the marker that the viewer's relay is done.
    host.send({ t: 'signal', ch, type: 'typing', data: { on: true } });
    await viewer.next((f) => f.t === 'signal' && f.from.id === 'hs-host');
    assert.ok(!viewer.frames.some((f) => f.t === 'signal' && f.from.id === 'hs-hidden'));
  });
});

describe('cluster audit: SIGTERM of one relay', () => {
  const { ctx, join, room } = withCluster(3);

  test('closes its sockets with 1012; its clients resume on another relay with nothing lost or doubled', async () => {
    const ch = `${room()}/chat`;
    // Relay 1 owns the room and is the one stopped.
    const writer = await join(1, 'st-writer', 'host');
    const reader = await join(1, 'st-reader');
    const ok = await reader.sub(ch);
    for (let k = 1; k <= 5; k++) await writer.op(ch, 'send', { text: `before ${k}` });
    await reader.collect((f) => f.t === 'ev' && f.ch === ch, 5);
    const stopping = ctx.relays[1].stop('SIGTERM');
    assert.equal((await reader.waitClose()).code, 1012);
    assert.equal((await writer.waitClose()).code, 1012);
    assert.equal(await stopping, 0);
    const writerAgain = await join(0, 'st-writer', 'host');
    let sent = 0;
    for (let k = 1; k <= 5;) {
      const answer = await writerAgain.op(ch, 'send', { text: `after ${k}` });
      if (answer.t === 'ack') {
        k++;
        sent++;
      } else {
        assert.equal(answer.code, 'internal', JSON.stringify(answer));
        await sleep(answer.retryAfterMs ?? 250);
      }
    }
    const readerAgain = await join(2, 'st-reader');
    const resumed = await readerAgain.sub(ch, { epoch: ok.epoch, seq: 5 });
    assert.equal(resumed.epoch, ok.epoch);
    assert.equal(resumed.replay, sent);
    await readerAgain.collect((f) => f.t === 'ev' && f.ch === ch, sent);
    assert.deepEqual(
      readerAgain.events(ch).map((f) => f.seq),
      range(6, 10),
    );
    await ctx.relays[1].restart();
  });

  test('a member on the stopped relay resumes its session on another: no leave, no second join', async () => {
    const ch = `${room()}/presence`;
    const watcher = await join(0, 'st-watcher');
    await watcher.sub(ch);
    const member = await join(2, 'st-member');
    await member.presence(ch, 'enter', { status: 'here' });
    await watcher.until(() => joined(watcher, ch, 'st-member') === 1);
    const stopping = ctx.relays[2].stop('SIGTERM');
    assert.equal((await member.waitClose()).code, 1012);
    assert.equal(await stopping, 0);
    const relay = ctx.relays[1];
    const again = await ctx.pool.join(
      { token: relay.token({ sub: 'st-member' }), session: member.welcome.session },
      { url: relay.url },
    );
    assert.equal(again.welcome.session, member.welcome.session);
    await again.presence(ch, 'update', { status: 'moved' });
    await watcher.next(
      (f) => f.t === 'presence' && (f.update ?? []).some((m: Frame) => m.data.status === 'moved'),
    );
    assert.equal(left(watcher, ch, 'st-member'), 0, 'no leave');
    assert.equal(joined(watcher, ch, 'st-member'), 1, 'no second join');
    await ctx.relays[2].restart();
  });
});

describe('cluster audit: moderation ranks across relays', () => {
  const { join, room } = withCluster(2);

  test('a moderator cannot ban a host connected only to another relay', async () => {
    const ch = `${room()}/chat`;
    const mod = await join(0, 'rk-mod', 'moderator');
    await mod.sub(ch);
    const host = await join(1, 'rk-host', 'host');
    await host.sub(`${ch.split('/')[0]}/presence`);
    const answer = await mod.op(ch, 'ban', { userId: 'rk-host' });
    assert.equal(answer.code, 'forbidden', JSON.stringify(answer));
    assert.equal(answer.details?.reason, 'outranked');
    assert.equal(answer.details?.role, 'host');
  });

  test('a moderator cannot time out another moderator connected only to another relay', async () => {
    const ch = `${room()}/chat`;
    const mod = await join(0, 'rk-mod2', 'moderator');
    await mod.sub(ch);
    const other = await join(1, 'rk-other-mod', 'moderator');
    await other.presence(`${ch.split('/')[0]}/presence`, 'enter');
    const answer = await mod.op(ch, 'timeout', { userId: 'rk-other-mod', seconds: 60 });
    assert.equal(answer.code, 'forbidden', JSON.stringify(answer));
    assert.equal(answer.details?.role, 'moderator');
  });

  test('a moderator still bans an audience member connected only to another relay', async () => {
    const ch = `${room()}/chat`;
    const mod = await join(0, 'rk-mod3', 'moderator');
    await mod.sub(ch);
    const viewer = await join(1, 'rk-viewer');
    await viewer.sub(ch);
    assert.equal((await mod.op(ch, 'ban', { userId: 'rk-viewer' })).t, 'ack');
  });
});

const anon = (key: string) => ({ anon: { key: `cluster-audit-key-${key}`, name: key } });

describe('cluster audit: new anonymous identities per address, over the cluster', () => {
  const { ctx } = withCluster(2, [
    '--max-connections-per-ip',
    '0',
    '--anonymous-per-ip-per-minute',
    '3',
  ]);
  const hello = async (i: number, fields: Record<string, unknown>) => {
    const client = await ctx.pool.connect({ url: ctx.relays[i].url });
    return { client, answer: await client.hello(fields) };
  };

  test('new anonymous identities from one address: one allowance for the cluster, not one per relay', async () => {
    const first = await Promise.all([
      hello(0, anon('a1')),
      hello(1, anon('a2')),
      hello(0, anon('a3')),
    ]);
    for (const { answer } of first) assert.equal(answer.t, 'welcome', JSON.stringify(answer));
    for (const { client } of first) client.close();
    const fourth = await hello(1, anon('a4'));
    assert.equal(fourth.answer.code, 'rate_limited', JSON.stringify(fourth.answer));
    assert.ok(fourth.answer.retryAfterMs > 0);
    assert.equal((await fourth.client.waitClose()).code, 4429);
    // One the address brought before is not new, on whichever relay it comes back.
    const back = await hello(1, anon('a1'));
    assert.equal(back.answer.t, 'welcome', JSON.stringify(back.answer));
    back.client.close();
    await back.client.closed;
  });
});

describe('cluster audit: connections per address, over the cluster', () => {
  const { ctx } = withCluster(2, ['--max-connections-per-ip', '3']);
  const hello = async (i: number, fields: Record<string, unknown>) => {
    const client = await ctx.pool.connect({ url: ctx.relays[i].url });
    return { client, answer: await client.hello(fields) };
  };

  test('connections from one address: counted over every relay', async () => {
    const open = [];
    for (const i of [0, 1, 0]) {
      const { client, answer } = await hello(i, {
        token: ctx.relays[i].token({ sub: `conn${open.length}` }),
      });
      assert.equal(answer.t, 'welcome', JSON.stringify(answer));
      open.push(client);
    }
    const over = await hello(1, { token: ctx.relays[1].token({ sub: 'conn-over' }) });
    assert.equal(over.answer.code, 'forbidden', JSON.stringify(over.answer));
    assert.equal((await over.client.waitClose()).code, 1008);
    assert.ok(
      open.every((client) => client.open),
      'the first three stay',
    );
    // Once one closes, the address may connect again, through either relay.
    open[0].close();
    await open[0].closed;
    for (let attempt = 0; ; attempt++) {
      const again = await hello(1, { token: ctx.relays[1].token({ sub: 'conn-again' }) });
      if (again.answer.t === 'welcome') break;
      assert.ok(attempt < 50, 'a slot frees up');
      await sleep(50);
    }
  });

  test('the sockets of a relay that died stop counting once it is seen dead', async () => {
    ctx.pool.closeAll();
    /** Says hello on relay `i` until a slot is free (closes are counted as the relay sees them). */
    const admitted = async (i: number, sub: string) => {
      for (let attempt = 0; ; attempt++) {
        const { client, answer } = await hello(i, { token: ctx.relays[i].token({ sub }) });
        if (answer.t === 'welcome') return client;
        assert.ok(attempt < 100, `${sub} admitted: ${JSON.stringify(answer)}`);
        await sleep(50);
      }
    };
    for (const k of [1, 2, 3]) await admitted(1, `doomed${k}`);
    ctx.relays[1].process.kill('SIGKILL');
    for (const k of [1, 2, 3]) await admitted(0, `survivor${k}`);
  });
});
