/**
 * The stores' side of polls under review (issue 14, items 3 and 9) between real connections on
 * a real relay: open-text answers and word-cloud entries wait in the poll channel's one review
 * queue, which staff read and decide through the review store, beside chat and Q&A; the author
 * sees "pending" in the poll store, and a rejected answer or entry leaves their view.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { Connection } from '../../src/connection/connection.js';
import { createPollStore } from '../../src/features/poll.js';
import { createReviewStore } from '../../src/features/review.js';
import type { Role } from '../../src/protocol/index.js';
import { storeRelay } from './store-relay.js';
import { until } from './wait.js';

const { relay, cleanup } = storeRelay({ memory: true });
let roomCount = 0;

function open(sub: string, name: string, role: Role = 'audience'): Connection {
  const connection = new Connection({
    url: relay.url,
    token: relay.token({ sub: `${sub}${roomCount}`, name, role }),
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  cleanup(() => connection.close());
  return connection;
}

async function room() {
  const name = `pollrev${++roomCount}`;
  const hostConnection = open('host', 'Hana', 'host');
  const polls = createPollStore(hostConnection, name);
  const review = createReviewStore(hostConnection, name, { poll: polls });
  const viewer = createPollStore(open('vic', 'Vic'), name);
  cleanup(
    () => review.destroy(),
    () => polls.destroy(),
    () => viewer.destroy(),
  );
  for (const store of [review, polls, viewer]) await until(store.$loaded, Boolean);
  return { polls, review, viewer };
}

describe('poll store: review through the one queue', () => {
  it('lists open-text answers in the review store with the question; approve shows, reject removes', async () => {
    const { polls, review, viewer } = await room();
    const pollId = await polls.create({ question: 'Ideas?', kind: 'opentext', review: true });
    await polls.open(pollId);
    await until(viewer.$active, (poll) => poll?.status === 'open');
    await viewer.answer(pollId, 'Keep this');
    await viewer.answer(pollId, 'Drop this');
    await until(
      viewer.$myAnswers,
      (mine) => mine[pollId]?.length === 2 && mine[pollId].every((a) => a.status === 'pending'),
    );
    const items = await until(review.$items, (list) => list.length === 2);
    assert.deepEqual(
      items.map((item) => [item.feature, item.text, item.user.name, item.context?.question]),
      [
        ['poll', 'Keep this', 'Vic', 'Ideas?'],
        ['poll', 'Drop this', 'Vic', 'Ideas?'],
      ],
    );
    assert.deepEqual(polls.$review.get(), items);
    assert.deepEqual(viewer.$review.get(), [], 'the audience never gets the queue');

    await review.decide(items[0], 'approve');
    await review.decide(items[1], 'reject');
    await until(review.$items, (list) => list.length === 0);
    const mine = await until(viewer.$myAnswers, (all) => all[pollId]?.length === 1);
    assert.deepEqual(
      mine[pollId].map((a) => [a.text, a.status]),
      [['Keep this', 'shown']],
    );
    await until(viewer.$active, (poll) => poll?.answers?.[0]?.text === 'Keep this');
  });

  it('a rejected word-cloud entry leaves the voter’s vote', async () => {
    const { polls, review, viewer } = await room();
    const pollId = await polls.create({ question: 'One word?', kind: 'wordcloud', review: true });
    await polls.open(pollId);
    await until(viewer.$active, (poll) => poll?.status === 'open');
    await viewer.vote(pollId, { text: 'sunshine' });
    await until(viewer.$myVotes, (votes) => pollId in votes);
    const [item] = await until(review.$items, (list) => list.length === 1);
    assert.equal(item.context?.kind, 'wordcloud');
    await review.decide(item, 'reject');
    await until(viewer.$myVotes, (votes) => !(pollId in votes));
  });
});
