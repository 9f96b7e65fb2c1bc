/**
 * The Q&A store against a real relay: asking (also anonymously), votes shown at once and undone
 * when refused, moderation (my pending questions, the hosts' queue, approval), and the host's
 * pin, answer and hide. Plus the pure `sortQuestions` helper.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Connection } from '../../src/connection/connection.js';
import {
  createQaStore,
  sortQuestions,
  type QaQuestion,
  type QaStore,
} from '../../src/features/qa.js';
import type { Role } from '../../src/protocol/index.js';
import { storeRelay } from './store-relay.js';
import { record, until, waitFor } from './wait.js';
import { WebSocket } from 'ws';

const { relay, cleanup, loaded } = storeRelay({
  memory: true,
  args: ['--tally-interval-ms', '50', '--quiz-grace-ms', '100'],
});
let roomCount = 0;

async function store(sub: string, role: Role = 'audience'): Promise<QaStore> {
  const connection = new Connection({
    url: relay.url,
    token: relay.token({ sub: `${sub}${roomCount}`, name: sub, role }),
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  cleanup(() => connection.close());
  return loaded(createQaStore(connection, `qa${roomCount}`));
}

/** A fresh room with a host and two viewers, all loaded. */
async function room() {
  roomCount += 1;
  return { host: await store('host', 'host'), ann: await store('ann'), ben: await store('ben') };
}

const texts = (questions: QaQuestion[]) => questions.map((question) => question.text);

describe('qa store', () => {
  it('asks, and counts votes that are shown at once', async () => {
    const { host, ann, ben } = await room();
    assert.equal(ann.channel, `qa${roomCount}/qa`);
    const { id, status } = await ann.ask('  Why is the sky blue? ');
    assert.equal(status, 'visible');
    const [question] = await until(ben.$questions, (list) => list.length === 1);
    assert.deepEqual(
      { ...question, ts: 0 },
      {
        id,
        text: 'Why is the sky blue?',
        status: 'visible',
        ts: 0,
        anonymous: false,
        votes: 0,
        user: question.user,
      },
    );
    assert.equal(question.user!.name, 'ann');

    const voting = ben.upvote(id);
    assert.deepEqual(ben.$myVotes.get(), new Set([id]), 'shown at once');
    await voting;
    await ann.upvote(id);
    await ben.upvote(id); // one vote per user
    await until(host.$questions, (list) => list[0]?.votes === 2);
    assert.deepEqual(ben.$myVotes.get(), new Set([id]));

    await ben.unvote(id);
    assert.deepEqual(ben.$myVotes.get(), new Set());
    await until(ann.$questions, (list) => list[0]?.votes === 1);

    const second = await ben.ask('And why are sunsets red?');
    await until(host.$questions, (list) => list.length === 2);
    assert.deepEqual(texts(host.$questions.get()), [
      'Why is the sky blue?',
      'And why are sunsets red?',
    ]);
    assert.equal(second.status, 'visible');
  });

  it('rolls back a vote the relay refuses', async () => {
    const { host, ann, ben } = await room();
    const seen = record(ben.$myVotes);
    await assert.rejects(ben.upvote('nope'), { code: 'not_found' });
    assert.deepEqual(seen, [new Set(), new Set(['nope']), new Set()], 'shown, then undone');

    const { id } = await ann.ask('Is this thing on?');
    await until(ben.$questions, (list) => list.length === 1);
    await ben.upvote(id);
    await host.hide(id);
    await until(ben.$questions, (list) => list.length === 0);
    await assert.rejects(ben.unvote(id), { code: 'not_found' });
    assert.deepEqual(ben.$myVotes.get(), new Set([id]), 'my vote is back');
  });

  it('gets my votes back from `me` when joining again', async () => {
    const { ann, ben } = await room();
    const { id } = await ann.ask('Will the slides be shared?');
    await until(ben.$questions, (list) => list.length === 1);
    await ben.upvote(id);
    const again = await store('ben');
    await until(again.$myVotes, (votes) => votes.has(id));
  });

  it('keeps an anonymous asker from everyone but the asker', async () => {
    const { host, ann } = await room();
    const { id } = await ann.ask('Can I ask anonymously?', { anonymous: true });
    const [seen] = await until(host.$questions, (list) => list.length === 1);
    assert.equal(seen.anonymous, true);
    assert.equal(seen.user, undefined);
    const [own] = await until(ann.$questions, (list) => list.length === 1);
    assert.equal(own.user, undefined, 'the event names nobody');
    const again = await store('ann');
    const [mine] = again.$questions.get();
    assert.equal(mine.id, id);
    assert.equal(mine.user!.name, 'ann', "the asker's snapshot names the asker");
  });

  it('holds audience questions for approval when moderated', async () => {
    const { host, ann, ben } = await room();
    await host.setModeration(true);
    await until(ann.$settings, (settings) => settings.moderation);

    const { id, status } = await ann.ask('Held for review?');
    assert.equal(status, 'pending');
    const [pending] = await until(ann.$mine, (mine) => mine.length === 1);
    assert.deepEqual([pending.id, pending.status], [id, 'pending']);
    assert.deepEqual(ann.$questions.get(), []);
    const queue = await until(host.$queue, (q) => q?.count === 1);
    assert.deepEqual(texts(queue!.questions), ['Held for review?']);
    assert.equal(ben.$queue.get(), null, 'the queue is for hosts');
    await assert.rejects(ben.upvote(id), { code: 'not_found' });
    await assert.rejects(host.pin(id), { code: 'conflict' });

    // Joining again: the asker still sees it, a host sees the queue.
    assert.deepEqual(texts((await store('ann')).$mine.get()), ['Held for review?']);
    assert.equal((await store('cohost', 'host')).$queue.get()!.count, 1);
    const hostAsks = await host.ask('Hosts skip the queue');
    assert.equal(hostAsks.status, 'visible');

    await host.approve(id);
    await until(ben.$questions, (list) => list.length === 2);
    assert.deepEqual(
      texts(ben.$questions.get()),
      ['Held for review?', 'Hosts skip the queue'],
      'time order',
    );
    await until(ann.$mine, (mine) => mine.length === 0);
    await until(host.$queue, (q) => q?.count === 0);
    await assert.rejects(ann.approve(id), { code: 'forbidden' });
  });

  it('pins one question at a time, answers and hides', async () => {
    const { host, ann } = await room();
    const first = await ann.ask('First?');
    const second = await ann.ask('Second?');
    await until(host.$questions, (list) => list.length === 2);

    await host.pin(first.id);
    await until(ann.$pinned, (pinned) => pinned?.id === first.id);
    await host.pin(second.id);
    await until(ann.$pinned, (pinned) => pinned?.id === second.id);
    assert.equal(ann.$questions.get()[0].status, 'visible', 'the one pinned before is back');

    await host.answer(second.id);
    await until(ann.$pinned, (pinned) => pinned === null);
    assert.deepEqual(texts(ann.$answered.get()), ['Second?']);

    await host.hide(first.id);
    await until(ann.$questions, (list) => list.length === 1);
    await waitFor(() => host.$questions.get()[0].status === 'hidden');
    assert.deepEqual(
      host.$questions.get().map((q) => q.status),
      ['hidden', 'answered'],
      'hosts still see hidden ones',
    );
    assert.deepEqual(texts((await store('late')).$questions.get()), ['Second?']);
    await assert.rejects(ann.hide(second.id), { code: 'forbidden' });
    await assert.rejects(ann.setModeration(true), { code: 'forbidden' });
  });
});

/** A question for the sort helper: only `votes` and `ts` matter. */
const makeQuestion = (id: string, votes: number, ts: number): QaQuestion => ({
  id,
  text: id,
  status: 'visible',
  ts,
  anonymous: false,
  votes,
});

describe('sortQuestions', () => {
  const list = [
    makeQuestion('a', 1, 10),
    makeQuestion('b', 3, 20),
    makeQuestion('c', 3, 15),
    makeQuestion('d', 0, 30),
    makeQuestion('e', 1, 10),
  ];

  it('puts the most voted first, the oldest first among equals', () => {
    assert.deepEqual(
      sortQuestions(list, 'votes').map((question) => question.id),
      ['c', 'b', 'a', 'e', 'd'],
    );
  });

  it('puts the newest first by time', () => {
    assert.deepEqual(
      sortQuestions(list, 'time').map((question) => question.id),
      ['d', 'b', 'c', 'e', 'a'],
    );
  });

  it('leaves the given list alone', () => {
    const copy = [...list];
    sortQuestions(list, 'votes');
    assert.deepEqual(list, copy);
  });
});
