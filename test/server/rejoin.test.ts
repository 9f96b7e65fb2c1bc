/**
 * Rejoining keeps your place (issue 12, item 7), as the relay sees it: a user's own state (poll
 * votes, quiz score, streak and answer, Q&A questions awaiting approval or turned down, Q&A
 * votes) comes back as `me` right after the `ok` of every `sub` (first join, resume with a
 * replay, reset), before any replayed event; from the SQLite store after a restart, and from a
 * relay of a cluster that does not own the room.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { QaMe } from '../../src/protocol/index.js';
import { withCluster } from '../helpers/cluster.js';
import { assertAck } from '../helpers/frames.js';
import { ClientPool, type Frame, type RawClient } from '../helpers/raw-client.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';

type Join = (who: 'host' | 'player') => Promise<RawClient & { welcome: Frame }>;

/** What one `sub` brought: its `ok`, then every frame up to the answer of a request after it. */
async function subscribe(client: RawClient, ch: string, from?: { epoch: string; seq: number }) {
  const start = client.frames.length;
  const ok = await client.sub(ch, from);
  assert.equal(ok.t, 'ok', JSON.stringify(ok));
  // Frames of one socket are answered in order: the `ok` of this unsub comes after all of them.
  const fence = await client.request({ t: 'unsub', ch: 'fence/chat' });
  const after = client.frames.slice(start);
  const frames = after.slice(after.indexOf(ok) + 1, after.indexOf(fence));
  return { ok, frames, me: frames.filter((f) => f.t === 'me' && f.ch === ch).map((f) => f.data) };
}

/** A quiz question whose answer is `correct`, open long enough for any test. */
const question = (correct: number) => ({
  text: 'Which?',
  options: ['a', 'b', 'c', 'd'],
  correct,
  timeLimitMs: 60_000,
});

/**
 * Plays a room as `player`: votes in four polls, scores twice in a row in a quiz and answers its
 * open third question, asks two questions while moderation is on (one turned down) and upvotes
 * one. Returns the channels.
 */
async function play(join: Join, room: string) {
  const host = await join('host');
  const player = await join('player');
  const poll = `${room}/poll`;
  const votes = [
    [{ question: 'One?', options: ['a', 'b', 'c'], kind: 'single' }, { choice: 1 }],
    [{ question: 'Any?', options: ['a', 'b', 'c'], kind: 'multi' }, { choices: [0, 2] }],
    [{ question: 'Rate?', options: ['1', '2', '3', '4', '5'], kind: 'rating' }, { choice: 3 }],
    [{ question: 'Word?', options: [], kind: 'wordcloud' }, { text: 'sunshine' }],
  ] as const;
  for (const [input, vote] of votes) {
    const { pollId } = assertAck(await host.op(poll, 'create', input)).data;
    assertAck(await host.op(poll, 'open', { pollId }));
    assertAck(await player.op(poll, 'vote', { pollId, ...vote }));
  }

  const quiz = `${room}/quiz`;
  const load = { questions: [question(1), question(0), question(1)] };
  assertAck(await host.op(quiz, 'load', load));
  for (const [index, choice] of [
    [0, 1],
    [1, 0],
    [2, 2],
  ]) {
    assertAck(await host.op(quiz, 'next', {}));
    assertAck(await player.op(quiz, 'answer', { index, choice }));
    if (index < 2) assertAck(await host.op(quiz, 'reveal', {}));
  }

  const qa = `${room}/qa`;
  const { id: shown } = assertAck(await host.op(qa, 'ask', { text: 'From the stage' })).data;
  assertAck(await player.op(qa, 'upvote', { id: shown }));
  assertAck(await host.op(qa, 'settings', { moderation: true }));
  assertAck(await player.op(qa, 'ask', { text: 'Waiting for approval?' }));
  const { id: refused } = assertAck(await player.op(qa, 'ask', { text: 'Turned down?' })).data;
  assertAck(await host.op(qa, 'hide', { id: refused }));
  return { poll, quiz, qa, host, player };
}

/** The `me` of each channel a fresh connection of `who` gets at its first `sub`. */
async function mesOf(client: RawClient, channels: string[]) {
  const mes: Record<string, unknown[]> = {};
  for (const ch of channels) mes[ch] = (await subscribe(client, ch)).me;
  return mes;
}

/** What `play` leaves for the player, as the `me` frames after `ok` must say it. */
function expectPlayed(mes: Record<string, unknown[]>, room: string): void {
  const poll = mes[`${room}/poll`] as { pollId: string }[];
  assert.deepEqual(
    poll.map(({ pollId: _, ...vote }) => vote),
    [{ choice: 1 }, { choices: [0, 2] }, { choice: 3 }, { text: 'sunshine' }],
  );
  const [quiz, ...moreQuiz] = mes[`${room}/quiz`] as Record<string, unknown>[];
  assert.deepEqual(moreQuiz, []);
  assert.equal(quiz.rank, 1);
  assert.equal(quiz.streak, 2);
  assert.equal(quiz.lastCorrect, true);
  assert.ok((quiz.score as number) > 1_000, `score ${quiz.score}`);
  assert.deepEqual(quiz.answered, { index: 2, choice: 2 });
  const [voted, ...own] = mes[`${room}/qa`] as QaMe[];
  assert.equal(voted.voted?.length, 1);
  assert.deepEqual(
    own.map((me) => [me.pending?.text, me.pending?.status]),
    [
      ['Waiting for approval?', 'pending'],
      ['Turned down?', 'hidden'],
    ],
  );
}

describe('rejoin: me after every sub', () => {
  let relay: RelayProcess | undefined;
  let clients: ClientPool;
  afterEach(async () => {
    clients?.closeAll();
    await relay?.dispose();
    relay = undefined;
  });

  async function start(): Promise<Join> {
    const started = await startRelay();
    relay = started;
    clients = new ClientPool(() => started.url);
    return (who) =>
      clients.join({
        token: started.token({ sub: who, name: who, role: who === 'host' ? 'host' : 'audience' }),
      });
  }

  test('first join, a resume with a replay and a reset all get the same me, right after ok', async () => {
    const join = await start();
    const room = 'rejoin-subs';
    const { poll, quiz, qa } = await play(join, room);
    const channels = [poll, quiz, qa];
    const again = await join('player');
    const first = await mesOf(again, channels);
    expectPlayed(first, room);

    for (const ch of channels) {
      const { ok } = await subscribe(await join('player'), ch);
      // From one event back: the resume replays it, after the me frames.
      const from = { epoch: ok.epoch as string, seq: (ok.seq as number) - 1 };
      const replayed = await subscribe(await join('player'), ch, from);
      assert.equal(replayed.ok.replay, 1, `${ch}: a replay`);
      assert.deepEqual(replayed.me, first[ch], `${ch}: the same me after a replay`);
      const kinds = replayed.frames.map((f) => f.t);
      assert.deepEqual(kinds, [...first[ch].map(() => 'me'), 'ev'], `${ch}: me, then the replay`);
      const reset = await subscribe(await join('player'), ch, { epoch: 'another', seq: 1 });
      assert.equal(reset.ok.reset, true, `${ch}: a reset`);
      assert.deepEqual(reset.me, first[ch], `${ch}: the same me after a reset`);
    }
  });

  test('anonymous: the same key rejoins as the same user and gets its me', async () => {
    const started = await startRelay();
    relay = started;
    clients = new ClientPool(() => started.url);
    const anon = { key: 'rejoin-anonymous-key-0123456789ab', name: 'Guest' };
    const join: Join = (who) =>
      who === 'host'
        ? clients.join({ token: started.token({ sub: 'host', name: 'host', role: 'host' }) })
        : clients.join({ anon });
    const room = 'rejoin-anon';
    const { poll, quiz, qa } = await play(join, room);
    expectPlayed(await mesOf(await join('player'), [poll, quiz, qa]), room);
  });

  test('after a restart on the same SQLite file, the same me', async () => {
    const join = await start();
    const room = 'rejoin-restart';
    const { poll, quiz, qa } = await play(join, room);
    const channels = [poll, quiz, qa];
    const before = await mesOf(await join('player'), channels);
    clients.closeAll();
    assert.equal(await relay!.stop('SIGTERM'), 0);
    await relay!.restart();
    const after = await mesOf(await join('player'), channels);
    assert.deepEqual(after, before);
    expectPlayed(after, room);
  });

  test('after a restart, a player not yet revealed has no rank, and the ranks are those of the last reveal', async () => {
    const join = await start();
    const quiz = 'rejoin-rank/quiz';
    const host = await join('host');
    const early = await join('player');
    assertAck(await host.op(quiz, 'load', { questions: [question(1), question(0)] }));
    assertAck(await host.op(quiz, 'next', {}));
    assertAck(await early.op(quiz, 'answer', { index: 0, choice: 1 }));
    assertAck(await host.op(quiz, 'reveal', {}));
    assertAck(await host.op(quiz, 'next', {}));
    // A second player whose first answer is not revealed yet: no rank, as before the restart.
    const late = await clients.join({ token: relay!.token({ sub: 'late', name: 'late' }) });
    assertAck(await late.op(quiz, 'answer', { index: 1, choice: 0 }));
    const standings = async () => {
      const rejoined = await join('player');
      const lateAgain = await clients.join({ token: relay!.token({ sub: 'late', name: 'late' }) });
      return [(await subscribe(rejoined, quiz)).me, (await subscribe(lateAgain, quiz)).me];
    };
    const before = await standings();
    assert.deepEqual(
      before.map(([me]) => (me as { rank: number | null }).rank),
      [1, null],
    );
    clients.closeAll();
    assert.equal(await relay!.stop('SIGTERM'), 0);
    await relay!.restart();
    assert.deepEqual(await standings(), before);
  });
});

describe('rejoin: me after sub in a cluster', () => {
  const cluster = withCluster(2);

  test('a relay that does not own the room sends the same me as its owner', async () => {
    const room = cluster.room();
    // Everything happens on relay 0, which so owns the room.
    const { poll, quiz, qa } = await play(
      (who) => cluster.join(0, who, who === 'host' ? 'host' : 'audience'),
      room,
    );
    const channels = [poll, quiz, qa];
    const owner = await mesOf(await cluster.join(0, 'player'), channels);
    const other = await mesOf(await cluster.join(1, 'player'), channels);
    assert.deepEqual(other, owner);
    expectPlayed(other, room);
  });
});
