/**
 * The poll store against a real relay: a poll's life, votes that replace each other, my votes
 * from `me` after a reconnect, hidden results for the audience and live tallies for hosts, and
 * optimistic votes rolled back when refused. Plus the pure `percentages` helper.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Connection } from '../../src/connection/connection.js';
import {
  createPollStore,
  percentages,
  type PollInput,
  type PollStore,
} from '../../src/features/poll.js';
import { storeRelay } from './store-relay.js';
import { record, until, waitFor } from './wait.js';

const fixture = storeRelay({ memory: true, args: ['--tally-interval-ms', '50'] });
const { relay } = fixture;
let roomCount = 0;

/** A connection through recording sockets; `storage` shared makes two tabs of one viewer. */
const open = (token?: string, storage?: Map<string, string>) => fixture.open({ token, storage });

const store = (connection: Connection): Promise<PollStore> =>
  fixture.loaded(createPollStore(connection, `room${roomCount}`));

const hostToken = () => relay.token({ sub: `host${roomCount}`, role: 'host' });

/** A fresh room with a host and a viewer, both loaded. */
async function room() {
  roomCount += 1;
  const viewerStorage = new Map<string, string>();
  const viewerSide = open(undefined, viewerStorage);
  const host = await store(open(hostToken()).connection);
  const viewer = await store(viewerSide.connection);
  return { host, viewer, viewerSide, viewerStorage };
}

const colours: PollInput = {
  question: 'Best colour?',
  options: ['red', 'green', 'blue'],
  kind: 'single',
};

const pollOf = (polls: PollStore, id: string) => polls.$polls.get().find((poll) => poll.id === id);

describe('poll store', () => {
  it('creates, opens, takes votes that replace each other, and closes a poll', async () => {
    const { host, viewer } = await room();
    assert.equal(viewer.channel, `room${roomCount}/poll`);
    const pollId = await host.create(colours);
    const [draft] = await until(viewer.$polls, (polls) => polls.length === 1);
    assert.deepEqual(draft, {
      id: pollId,
      question: 'Best colour?',
      options: ['red', 'green', 'blue'],
      kind: 'single',
      status: 'draft',
      hideResults: false,
      counts: [0, 0, 0],
      total: 0,
    });
    assert.equal(viewer.$active.get(), null, 'a draft is not shown');

    await host.open(pollId);
    await until(viewer.$active, (poll) => poll?.status === 'open');

    const voting = viewer.vote(pollId, { choice: 1 });
    assert.deepEqual(viewer.$myVotes.get(), { [pollId]: { choice: 1 } }, 'shown at once');
    await voting;
    await until(host.$active, (poll) => poll?.total === 1);
    assert.deepEqual(host.$active.get()!.counts, [0, 1, 0]);

    await viewer.vote(pollId, { choice: 2 });
    await until(host.$active, (poll) => (poll?.counts as number[] | undefined)?.[2] === 1);
    assert.deepEqual(host.$active.get()!.counts, [0, 0, 1]);
    assert.equal(host.$active.get()!.total, 1, 'a vote replaces, never adds');
    assert.deepEqual(viewer.$myVotes.get(), { [pollId]: { choice: 2 } });

    await host.close(pollId);
    const closed = await until(viewer.$active, (poll) => poll?.status === 'closed');
    assert.deepEqual(closed!.counts, [0, 0, 1]);
  });

  it('shows the newest open poll, else the newest closed one', async () => {
    const { host, viewer } = await room();
    const first = await host.create(colours);
    const second = await host.create({ ...colours, question: 'Second?' });
    await host.open(first);
    await host.close(first);
    await until(viewer.$active, (poll) => poll?.id === first && poll.status === 'closed');
    await host.open(second);
    await until(viewer.$active, (poll) => poll?.id === second);
    await host.open(first); // re-opened: both open, the newest wins
    await until(viewer.$polls, (polls) => polls.every((poll) => poll.status === 'open'));
    assert.equal(viewer.$active.get()!.id, second);
    await host.close(second);
    await until(viewer.$active, (poll) => poll?.id === first);
    assert.deepEqual(
      viewer.$polls.get().map((poll) => poll.id),
      [first, second],
      'in order of creation',
    );
  });

  it('takes multi-choice, rating and word cloud votes', async () => {
    const { host, viewer } = await room();
    const multi = await host.create({
      question: 'Which?',
      options: ['a', 'b', 'c'],
      kind: 'multi',
    });
    const rating = await host.create({
      question: 'Rate',
      options: ['1', '2', '3'],
      kind: 'rating',
    });
    const cloud = await host.create({
      question: 'One word?',
      kind: 'wordcloud',
      blockedTerms: ['boring'],
    });
    for (const id of [multi, rating, cloud]) await host.open(id);
    await until(
      viewer.$polls,
      (polls) => polls.filter((poll) => poll.status === 'open').length === 3,
    );

    await viewer.vote(multi, { choices: [2, 0] });
    await viewer.vote(rating, { choice: 2 });
    await viewer.vote(cloud, { text: 'Amazing streams' });
    await assert.rejects(viewer.vote(cloud, { text: 'so boring' }), { code: 'invalid' });
    await until(viewer.$myVotes, (votes) => Object.keys(votes).length === 3);
    assert.deepEqual(viewer.$myVotes.get(), {
      [multi]: { choices: [0, 2] },
      [rating]: { choice: 2 },
      [cloud]: { text: 'Amazing streams' },
    });
    await until(host.$polls, (polls) => polls.every((poll) => poll.total === 1));
    assert.deepEqual(pollOf(host, multi)!.counts, [1, 0, 1]);
    assert.deepEqual(pollOf(host, rating)!.counts, [0, 0, 1]);
    assert.deepEqual(pollOf(host, cloud)!.counts, { amazing: 1, streams: 1 });
  });

  it('gets my votes back from `me` after a reconnect and in another tab', async () => {
    const { host, viewer, viewerSide, viewerStorage } = await room();
    const pollId = await host.create(colours);
    await host.open(pollId);
    await until(viewer.$active, (poll) => poll?.status === 'open');
    await viewer.vote(pollId, { choice: 0 });

    const mesBefore = viewerSide.sockets.framesReceived('me').length;
    const statuses = record(viewerSide.connection.$status);
    viewerSide.sockets.sockets.at(-1)!.terminate();
    await waitFor(() => statuses.includes('reconnecting') && statuses.at(-1) === 'open');
    await until(viewer.$loaded, Boolean);
    await waitFor(() => viewerSide.sockets.framesReceived('me').length > mesBefore);
    assert.deepEqual(viewer.$myVotes.get(), { [pollId]: { choice: 0 } });

    const tab = await store(open(undefined, viewerStorage).connection);
    await until(tab.$myVotes, (votes) => pollId in votes);
    assert.deepEqual(tab.$myVotes.get(), { [pollId]: { choice: 0 } });
    // A vote in one tab shows in the other.
    await tab.vote(pollId, { choice: 1 });
    await until(viewer.$myVotes, (votes) => (votes[pollId] as { choice: number }).choice === 1);
  });

  it('hides results from the audience until closed; hosts see live tallies', async () => {
    const { host, viewer } = await room();
    const pollId = await host.create({ ...colours, hideResults: true });
    await host.open(pollId);
    await until(viewer.$active, (poll) => poll?.status === 'open');
    assert.equal(viewer.$active.get()!.counts, null);
    assert.equal(viewer.$active.get()!.total, null);

    await viewer.vote(pollId, { choice: 1 });
    await host.vote(pollId, { choice: 1 });
    const tallies = await until(host.$hostTallies, (all) => all[pollId]?.total === 2);
    assert.deepEqual(tallies[pollId], { counts: [0, 2, 0], total: 2 });
    assert.deepEqual(host.$myVotes.get(), { [pollId]: { choice: 1 } }, 'votes and tallies apart');
    assert.equal(host.$active.get()!.counts, null, '$polls holds what everyone sees');

    // A host who joins later starts from the snapshot's tally.
    const other = await store(open(relay.token({ sub: 'mod', role: 'moderator' })).connection);
    assert.deepEqual(other.$hostTallies.get()[pollId], { counts: [0, 2, 0], total: 2 });

    assert.deepEqual(viewer.$hostTallies.get(), {});
    assert.equal(viewer.$active.get()!.counts, null);

    await host.close(pollId);
    const closed = await until(viewer.$active, (poll) => poll?.counts !== null);
    assert.deepEqual(closed, { ...closed!, status: 'closed', counts: [0, 2, 0], total: 2 });
    assert.deepEqual(viewer.$hostTallies.get(), {});

    // Re-opened, its results are hidden again.
    await host.open(pollId);
    await until(viewer.$active, (poll) => poll?.status === 'open');
    assert.equal(viewer.$active.get()!.counts, null);
  });

  it('rolls back an optimistic vote the relay refuses', async () => {
    const { host, viewer } = await room();
    const pollId = await host.create(colours);
    await until(viewer.$polls, (polls) => polls.length === 1);
    const seen = record(viewer.$myVotes);
    await assert.rejects(viewer.vote(pollId, { choice: 0 }), { code: 'closed' });
    assert.deepEqual(seen, [{}, { [pollId]: { choice: 0 } }, {}], 'shown, then undone');

    await host.open(pollId);
    await until(viewer.$active, (poll) => poll?.status === 'open');
    await viewer.vote(pollId, { choice: 1 });
    await host.close(pollId);
    await until(viewer.$active, (poll) => poll?.status === 'closed');
    await assert.rejects(viewer.vote(pollId, { choice: 2 }), { code: 'closed' });
    assert.deepEqual(
      viewer.$myVotes.get(),
      { [pollId]: { choice: 1 } },
      'the earlier vote is back',
    );
    await assert.rejects(viewer.vote('nope0000', { choice: 0 }), { code: 'not_found' });
    assert.deepEqual(viewer.$myVotes.get(), { [pollId]: { choice: 1 } });
  });

  it('lets only hosts create, open and close', async () => {
    const { host, viewer } = await room();
    await assert.rejects(viewer.create(colours), { code: 'forbidden' });
    const pollId = await host.create(colours);
    await assert.rejects(viewer.open(pollId), { code: 'forbidden' });
    await assert.rejects(viewer.close(pollId), { code: 'forbidden' });
    await assert.rejects(host.create({ ...colours, options: [] }), { code: 'invalid' });
  });
});

describe('percentages', () => {
  it('adds up to 100 when each voter has one answer', () => {
    assert.deepEqual(percentages([1, 1, 1], 3), [34, 33, 33]);
    assert.deepEqual(percentages([2, 1], 3), [67, 33]);
    assert.deepEqual(percentages([1, 2, 3, 4], 10), [10, 20, 30, 40]);
    assert.deepEqual(percentages([1, 1, 1, 1, 1, 1, 1], 7), [15, 15, 14, 14, 14, 14, 14]);
    assert.deepEqual(percentages([0, 5], 5), [0, 100]);
  });

  it('gives each option’s share of voters when a voter may pick several', () => {
    assert.deepEqual(percentages([3, 2, 1], 3), [100, 67, 33]);
  });

  it('is all zeros without votes', () => {
    assert.deepEqual(percentages([0, 0], 0), [0, 0]);
    assert.deepEqual(percentages([], 0), []);
  });
});
