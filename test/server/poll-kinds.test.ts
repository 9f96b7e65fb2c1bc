/**
 * Open-text and ranking polls (issue 14 item 9; protocol-notes.md: Polls: open text, ranking)
 * against a real relay: validation, tallies, per-viewer limits, duplicates through `mid`, the
 * review through the poll channel's one review queue (`approve/reject {id}`, `me {review}`),
 * hiding, `me` after every `sub`, resume, and a SIGKILL with the SQLite engine.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { newMid, type Frame, type RawClient } from '../helpers/raw-client.js';
import { withRelay } from '../helpers/fresh-relay.js';
import { assertAck, assertErr, isEv, outcome } from '../helpers/frames.js';

const isTally = (ch: string, pollId: string) => (f: Frame) =>
  isEv(ch, 'tally')(f) && f.data.pollId === pollId;
const isMe = (ch: string, pollId: string, key: string) => (f: Frame) =>
  f.t === 'me' && f.ch === ch && f.data?.pollId === pollId && key in f.data;
/** A review queue item (`me {review}`) of `pollId`, optionally with `text`. */
const isHeld = (ch: string, pollId: string, text?: string) => (f: Frame) =>
  f.t === 'me' &&
  f.ch === ch &&
  f.data?.review?.context?.pollId === pollId &&
  (text === undefined || f.data.review.text === text);
const isReviewed = (ch: string, id: string) => (f: Frame) =>
  f.t === 'me' && f.ch === ch && f.data?.reviewed?.id === id;

async function create(host: RawClient, ch: string, data: Record<string, unknown>, open = true) {
  const ack = assertAck(await host.op(ch, 'create', data), 'create');
  const pollId = ack.data.pollId as string;
  if (open) assertAck(await host.op(ch, 'open', { pollId }), 'open');
  return pollId;
}

const openText = (extra: Record<string, unknown> = {}) => ({
  question: 'One thing you learned?',
  kind: 'opentext',
  ...extra,
});
const ranking = { question: 'Rank the talks', kind: 'ranking', options: ['A', 'B', 'C'] };

/** Waits for the last tally of `pollId` that `who` got to satisfy `check`. */
async function tallied(who: RawClient, ch: string, pollId: string, check: (t: Frame) => boolean) {
  const last = () => who.frames.filter(isTally(ch, pollId)).at(-1);
  await who.until(
    () => !!last() && check(last()!.data),
    5_000,
    () => `last tally ${JSON.stringify(last())}`,
  );
  return last()!.data;
}

/** The latest `me` of my answers to `pollId`, once it satisfies `check`. */
async function myAnswers(
  who: RawClient,
  ch: string,
  pollId: string,
  check: (a: Frame[]) => boolean,
) {
  const last = () => who.frames.filter(isMe(ch, pollId, 'answers')).at(-1);
  await who.until(
    () => !!last() && check(last()!.data.answers),
    5_000,
    () => `last me ${JSON.stringify(last())}`,
  );
  return last()!.data.answers as Frame[];
}

describe('open-text polls', () => {
  const { room: newRoom } = withRelay({ memory: true });

  async function room() {
    const { ch, join, member } = newRoom('opentext', 'poll');
    const host = await member('host', 'host');
    const watcher = await member('watcher');
    return { ch, join, member, host, watcher };
  }

  test('create: no options, maxAnswers 1 to 10 (default 3), review only on open text and word clouds', async () => {
    const { ch, host, watcher } = await room();
    const pollId = await create(host, ch, openText(), false);
    const { poll } = (await watcher.next(isEv(ch, 'poll'))).data;
    assert.deepEqual(
      [poll.id, poll.kind, poll.options, poll.maxAnswers, poll.review, poll.answers, poll.counts],
      [pollId, 'opentext', [], 3, false, [], {}],
    );
    for (const bad of [
      openText({ options: ['a'] }),
      openText({ maxAnswers: 0 }),
      openText({ maxAnswers: 11 }),
      openText({ maxAnswers: '2' }),
      { question: 'Q', kind: 'single', options: ['a'], review: true },
      { question: 'Q', kind: 'single', options: ['a'], maxAnswers: 2 },
    ]) {
      assertErr(await host.op(ch, 'create', bad), 'invalid', JSON.stringify(bad));
    }
    assertAck(await host.op(ch, 'create', { question: 'W', kind: 'wordcloud', review: true }));
  });

  test('answers are grouped after normalisation, newest first, with the top ones and the voters', async () => {
    const { ch, member, host, watcher } = await room();
    const pollId = await create(host, ch, openText());
    const [ann, bob, cy] = await Promise.all(['ann', 'bob', 'cy'].map((u) => member(u)));
    const ack = assertAck(await ann.op(ch, 'answer', { pollId, text: '  Cats! ' }));
    assert.equal(ack.data.status, 'shown');
    assert.match(ack.data.answerId, /^[A-Za-z0-9_-]{8}$/);
    assertAck(await bob.op(ch, 'answer', { pollId, text: 'cats' }));
    assertAck(await bob.op(ch, 'answer', { pollId, text: 'Dogs' }));
    assertAck(await cy.op(ch, 'answer', { pollId, text: 'CATS.' }));
    const tally = await tallied(watcher, ch, pollId, (t) => t.total === 3);
    assert.deepEqual(tally.answers, [
      // The group of cats got its newest answer last: it comes first.
      { id: ack.data.answerId, text: 'Cats!', count: 3 },
      { id: tally.answers[1].id, text: 'Dogs', count: 1 },
    ]);
    assert.deepEqual(tally.counts, { 'Cats!': 3, Dogs: 1 });
    const mine = await myAnswers(bob, ch, pollId, (a) => a.length === 2);
    assert.deepEqual(
      mine.map((a) => [a.text, a.status]),
      [
        ['cats', 'shown'],
        ['Dogs', 'shown'],
      ],
    );
  });

  test('per viewer: at most maxAnswers, no answer twice, 1 to 140 characters, open polls only', async () => {
    const { ch, join, host } = await room();
    const pollId = await create(host, ch, openText({ maxAnswers: 2 }));
    const ann = await join('ann');
    assertAck(await ann.op(ch, 'answer', { pollId, text: 'one' }));
    const twice = assertErr(await ann.op(ch, 'answer', { pollId, text: 'ONE!' }), 'conflict');
    assert.match(twice.message, /already/);
    assertAck(await ann.op(ch, 'answer', { pollId, text: 'two' }));
    const third = assertErr(await ann.op(ch, 'answer', { pollId, text: 'three' }), 'conflict');
    assert.match(third.message, /at most 2 answers/);
    const bob = await join('bob');
    assertErr(await bob.op(ch, 'answer', { pollId, text: 'x'.repeat(141) }), 'invalid');
    assertErr(await bob.op(ch, 'answer', { pollId, text: '   ' }), 'invalid');
    assertErr(await bob.op(ch, 'answer', { pollId, text: 7 }), 'invalid');
    assertAck(await bob.op(ch, 'answer', { pollId, text: '🙂'.repeat(140) }));
    assertErr(await bob.op(ch, 'vote', { pollId, text: 'as a vote' }), 'invalid');
    const single = await create(host, ch, { question: 'Q', kind: 'single', options: ['a'] });
    assertErr(await bob.op(ch, 'answer', { pollId: single, text: 'no' }), 'invalid');
    assertAck(await host.op(ch, 'close', { pollId }));
    assertErr(await bob.op(ch, 'answer', { pollId, text: 'late' }), 'closed');
  });

  test('answers are rate limited per user like chat messages', async () => {
    const { ch, join, host } = await room();
    const polls = [];
    for (let i = 0; i < 3; i++) polls.push(await create(host, ch, openText({ maxAnswers: 10 })));
    const ann = await join('ann');
    const answers: Frame[] = [];
    for (let i = 0; i < 21; i++) {
      answers.push(await ann.op(ch, 'answer', { pollId: polls[i % 3], text: `answer ${i}` }));
    }
    assert.equal(answers.slice(0, 20).filter((f) => f.t === 'ack').length, 20);
    const limited = assertErr(answers[20], 'rate_limited');
    assert.ok(limited.retryAfterMs > 0);
  });

  test('a retried answer (same mid) is processed once and gets the same ack', async () => {
    const { ch, join, host, watcher } = await room();
    const pollId = await create(host, ch, openText());
    const ann = await join('ann');
    const mid = newMid();
    const first = await ann.op(ch, 'answer', { pollId, text: 'once' }, mid);
    const again = await ann.op(ch, 'answer', { pollId, text: 'once' }, mid);
    assert.deepEqual(outcome(again), outcome(first));
    assertAck(await ann.op(ch, 'answer', { pollId, text: 'twice' }));
    const tally = await tallied(watcher, ch, pollId, (t) => t.answers.length === 2);
    assert.deepEqual(
      tally.answers.map((a: Frame) => [a.text, a.count]),
      [
        ['twice', 1],
        ['once', 1],
      ],
    );
  });

  test('a host hides an answer: its group leaves the results, its authors see it hidden', async () => {
    const { ch, member, host, watcher } = await room();
    const pollId = await create(host, ch, openText());
    const [ann, bob] = await Promise.all(['ann', 'bob'].map((u) => member(u)));
    const { data } = assertAck(await ann.op(ch, 'answer', { pollId, text: 'Spam link' }));
    assertAck(await bob.op(ch, 'answer', { pollId, text: 'good point' }));
    await tallied(watcher, ch, pollId, (t) => t.answers.length === 2);
    assertErr(await bob.op(ch, 'hide', { pollId, answerId: data.answerId }), 'forbidden');
    assertAck(await host.op(ch, 'hide', { pollId, answerId: data.answerId }));
    const tally = await tallied(watcher, ch, pollId, (t) => t.answers.length === 1);
    assert.deepEqual(tally.answers[0].text, 'good point');
    assert.equal(tally.total, 1);
    await myAnswers(ann, ch, pollId, (a) => a[0].status === 'hidden');
    // The same answer from someone else later is hidden too.
    assertAck(await bob.op(ch, 'answer', { pollId, text: 'spam LINK' }));
    await myAnswers(bob, ch, pollId, (a) => a[1]?.status === 'hidden');
    assertErr(await host.op(ch, 'hide', { pollId, answerId: 'nope' }), 'not_found');
  });

  test('review: answers wait in the poll review queue, seen by staff and their author, until approved', async () => {
    const { ch, member, host, watcher } = await room();
    const pollId = await create(host, ch, openText({ review: true }));
    const ann = await member('ann');
    const first = assertAck(await ann.op(ch, 'answer', { pollId, text: 'First!' }));
    const second = assertAck(await ann.op(ch, 'answer', { pollId, text: 'Second' }));
    assert.equal(first.data.status, 'pending');
    await myAnswers(
      ann,
      ch,
      pollId,
      (a) => a.length === 2 && a.every((x) => x.status === 'pending'),
    );
    const held = await host.next(isHeld(ch, pollId, 'Second'));
    assert.deepEqual(held.data.review.context, {
      pollId,
      question: 'One thing you learned?',
      kind: 'opentext',
      answerId: second.data.answerId,
    });
    const { review } = (await host.sub(ch)).snapshot;
    assert.deepEqual(
      review.map((item: Frame) => [item.id, item.feature, item.held, item.text, item.user.name]),
      [
        [first.data.answerId, 'poll', 'review', 'First!', 'ann'],
        [second.data.answerId, 'poll', 'review', 'Second', 'ann'],
      ],
    );
    assert.ok(!watcher.frames.some((f) => f.t === 'me' && 'review' in (f.data ?? {})));
    assert.equal('review' in (await watcher.sub(ch)).snapshot, false);
    // The old per-poll ops and queue are gone: decisions name the queue item.
    assertErr(await host.op(ch, 'approve', { pollId, answerId: first.data.answerId }), 'invalid');
    assert.ok(!host.frames.some((f) => f.t === 'me' && 'pending' in (f.data ?? {})));
    assertErr(await ann.op(ch, 'approve', { id: first.data.answerId }), 'forbidden');

    assertAck(await host.op(ch, 'approve', { id: first.data.answerId }));
    assertAck(await host.op(ch, 'reject', { id: second.data.answerId }));
    await host.next(isReviewed(ch, second.data.answerId));
    // Decided items have left the queue: a second decision is told so.
    assertErr(await host.op(ch, 'reject', { id: first.data.answerId }), 'not_found');
    assertErr(await host.op(ch, 'dismiss', { id: first.data.answerId }), 'not_found');
    const tally = await tallied(watcher, ch, pollId, (t) => t.total === 1);
    assert.deepEqual(tally.answers, [{ id: first.data.answerId, text: 'First!', count: 1 }]);
    assert.ok(!JSON.stringify(watcher.frames.filter(isTally(ch, pollId))).includes('Second'));
    // Rejected, the answer leaves its author's list, as a rejected chat message disappears.
    await myAnswers(ann, ch, pollId, (a) =>
      isDeepStrictEqual(
        a.map((x) => [x.text, x.status]),
        [['First!', 'shown']],
      ),
    );
    assert.deepEqual((await host.sub(ch)).snapshot.review, []);
    // Staff answers skip the queue.
    const own = assertAck(await host.op(ch, 'answer', { pollId, text: 'from the host' }));
    assert.equal(own.data.status, 'shown');
    // The rejected answer gave its slot back: ann may try again (and waits for review again).
    const again = assertAck(await ann.op(ch, 'answer', { pollId, text: 'second' }));
    assert.equal(again.data.status, 'pending');
    await host.next(isHeld(ch, pollId, 'second'));
  });

  test("review: an author has at most 5 answers waiting (the queue's bound), then rate_limited", async () => {
    const { ch, host, member } = await room();
    const pollId = await create(host, ch, openText({ review: true, maxAnswers: 10 }));
    const ann = await member('ann');
    for (let i = 0; i < 5; i++) {
      assertAck(await ann.op(ch, 'answer', { pollId, text: `answer ${i}` }));
    }
    assertErr(await ann.op(ch, 'answer', { pollId, text: 'answer 5' }), 'rate_limited');
    const mine = await myAnswers(ann, ch, pollId, (a) => a.length === 5);
    assert.equal(mine.length, 5, 'the refused answer took no slot');
  });

  test('me after every sub: my answers, and the review queue in the staff snapshot; resume replays tallies', async () => {
    const { ch, join, host } = await room();
    const pollId = await create(host, ch, openText({ review: true }));
    const plain = await create(host, ch, openText());
    const ann = await join('ann');
    const annOk = await ann.sub(ch);
    const { data } = assertAck(await ann.op(ch, 'answer', { pollId, text: 'held' }));
    assertAck(await ann.op(ch, 'answer', { pollId: plain, text: 'seen' }));
    await ann.next(isTally(ch, plain));
    ann.close();

    // While ann is away, someone else answers.
    assertAck(await (await join('bob')).op(ch, 'answer', { pollId: plain, text: 'also seen' }));
    const back = await join('ann');
    const resumed = await back.sub(ch, { epoch: annOk.epoch, seq: annOk.seq });
    assert.ok(resumed.replay >= 1, JSON.stringify(resumed));
    const replayed = await back.next((f) => isTally(ch, plain)(f) && f.data.answers.length === 2);
    assert.deepEqual(
      replayed.data.answers.map((a: Frame) => a.text),
      ['also seen', 'seen'],
    );
    const mine = await back.next(isMe(ch, pollId, 'answers'));
    assert.deepEqual(mine.data.answers, [{ id: data.answerId, text: 'held', status: 'pending' }]);
    await back.next(isMe(ch, plain, 'answers'));
    assert.ok(
      !back.frames.some((f) => f.t === 'me' && 'review' in (f.data ?? {})),
      'the audience gets no queue',
    );

    const host2 = await join('host', 'host');
    const ok = await host2.sub(ch);
    assert.deepEqual(
      ok.snapshot.review.map((item: Frame) => [item.id, item.text]),
      [[data.answerId, 'held']],
    );
  });
});

describe('ranking polls', () => {
  const { room: newRoom } = withRelay({ memory: true });

  async function room() {
    const { ch, join, member } = newRoom('ranking', 'poll');
    const host = await member('host', 'host');
    const watcher = await member('watcher');
    return { ch, join, host, watcher };
  }

  test('create: 2 to 10 options', async () => {
    const { ch, host, watcher } = await room();
    assertErr(await host.op(ch, 'create', { ...ranking, options: ['only one'] }), 'invalid');
    const pollId = await create(host, ch, ranking, false);
    const { poll } = (await watcher.next(isEv(ch, 'poll'))).data;
    assert.deepEqual(
      [poll.id, poll.kind, poll.counts, poll.total],
      [pollId, 'ranking', [0, 0, 0], 0],
    );
  });

  test('a vote orders every option once; anything else is invalid', async () => {
    const { ch, join, host } = await room();
    const pollId = await create(host, ch, ranking);
    const ann = await join('ann');
    for (const bad of [[0, 1], [0, 1, 1], [0, 1, 3], [0, 1, 2, 0], [0, 1, 1.5], 'abc', undefined]) {
      const err = assertErr(await ann.op(ch, 'vote', { pollId, ranking: bad }), 'invalid');
      assert.equal(err.details.field, 'ranking');
    }
    assertErr(await ann.op(ch, 'vote', { pollId, choice: 0 }), 'invalid');
    assertAck(await ann.op(ch, 'vote', { pollId, ranking: [2, 0, 1] }));
  });

  test('tallies are Borda points (n − 1 for a first place), a new ranking replaces the old', async () => {
    const { ch, join, host, watcher } = await room();
    const pollId = await create(host, ch, ranking);
    const [ann, bob, cy] = await Promise.all(['ann', 'bob', 'cy'].map((u) => join(u)));
    assertAck(await ann.op(ch, 'vote', { pollId, ranking: [0, 1, 2] }));
    assertAck(await bob.op(ch, 'vote', { pollId, ranking: [0, 2, 1] }));
    assertAck(await cy.op(ch, 'vote', { pollId, ranking: [1, 0, 2] }));
    // A: 2+2+1, B: 1+0+2, C: 0+1+0
    await tallied(watcher, ch, pollId, (t) =>
      isDeepStrictEqual([t.counts, t.total], [[5, 3, 1], 3]),
    );
    const mid = newMid();
    const first = await cy.op(ch, 'vote', { pollId, ranking: [2, 1, 0] }, mid);
    const retry = await cy.op(ch, 'vote', { pollId, ranking: [0, 1, 2] }, mid);
    assert.deepEqual(outcome(retry), outcome(first));
    // cy: [1,0,2] → [2,1,0]: A 4, B 2, C 3; once, not twice.
    await tallied(watcher, ch, pollId, (t) =>
      isDeepStrictEqual([t.counts, t.total], [[4, 2, 3], 3]),
    );
  });

  test('me {pollId, ranking} right after ok on a (re)subscribe', async () => {
    const { ch, join, host } = await room();
    const pollId = await create(host, ch, ranking);
    const ann = await join('ann');
    assertAck(await ann.op(ch, 'vote', { pollId, ranking: [1, 2, 0] }));
    const tab = await join('ann');
    const ok = await tab.sub(ch);
    const me = await tab.next(isMe(ch, pollId, 'ranking'));
    assert.equal(tab.frames.indexOf(me), tab.frames.indexOf(ok) + 1);
    assert.deepEqual(me.data, { pollId, ranking: [1, 2, 0] });
  });
});

describe('open-text and ranking polls across a SIGKILL (sqlite)', () => {
  const { relay, clients, join } = withRelay();

  test('answers, their review states, hidden groups and rankings survive; me gives them back', async () => {
    const ch = 'kinds-restart/poll';
    const host = await join('host', 'host');
    const text = await create(host, ch, openText({ review: true }));
    const rank = await create(host, ch, ranking);
    const ann = await join('ann');
    const bob = await join('bob');
    const a1 = assertAck(await ann.op(ch, 'answer', { pollId: text, text: 'keep me' }));
    const a2 = assertAck(await ann.op(ch, 'answer', { pollId: text, text: 'hide me' }));
    assertAck(await bob.op(ch, 'answer', { pollId: text, text: 'still pending' }));
    assertAck(await host.op(ch, 'approve', { id: a1.data.answerId }));
    assertAck(await host.op(ch, 'approve', { id: a2.data.answerId }));
    assertAck(await host.op(ch, 'hide', { pollId: text, answerId: a2.data.answerId }));
    assertAck(await ann.op(ch, 'vote', { pollId: rank, ranking: [2, 1, 0] }));
    const before = (await (await join('observer')).sub(ch)).snapshot.polls;

    assert.equal(await relay.stop('SIGKILL'), null);
    clients.closeAll();
    await relay.restart();

    const after = (await (await join('observer')).sub(ch)).snapshot.polls;
    assert.deepEqual(after, before);
    const textPoll = after.find((p: Frame) => p.id === text);
    assert.deepEqual(
      textPoll.answers.map((a: Frame) => a.text),
      ['keep me'],
    );
    assert.deepEqual(after.find((p: Frame) => p.id === rank).counts, [0, 1, 2]);
    const back = await join('ann');
    await back.sub(ch);
    const mine = await back.next(isMe(ch, text, 'answers'));
    assert.deepEqual(
      mine.data.answers.map((a: Frame) => [a.text, a.status]),
      [
        ['keep me', 'shown'],
        ['hide me', 'hidden'],
      ],
    );
    assert.deepEqual((await back.next(isMe(ch, rank, 'ranking'))).data.ranking, [2, 1, 0]);
    const staff = await join('host', 'host');
    const { review } = (await staff.sub(ch)).snapshot;
    assert.deepEqual(
      review.map((item: Frame) => item.text),
      ['still pending'],
    );
    // The queue and the answers came back together: approving it after the restart shows it.
    assertAck(await staff.op(ch, 'approve', { id: review[0].id }));
    await tallied(staff, ch, text, (t) => t.answers.some((a: Frame) => a.text === 'still pending'));
  });
});
