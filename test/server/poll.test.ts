/**
 * poll (PROTOCOL.md: Features; Decisions on details: Polls; protocol-notes.md: Polls): hosts
 * create, open and close polls; a vote SETS the voter's answer; tallies are coalesced to at most
 * one per `tallyIntervalMs`; word-cloud answers are normalised; `hideResults` keeps tallies to
 * hosts until the close; a thousand voters over real sockets get exact tallies; tallies survive
 * a SIGKILL with the SQLite engine, and a tally still owed when the relay is killed or stopped
 * goes out after the restart; an idle relay keeps a poll channel that owes a tally.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newMid, sleep, type Frame, type RawClient } from '../helpers/raw-client.js';
import { eventually } from '../helpers/probes.js';
import { withRelay, type Joined } from '../helpers/fresh-relay.js';
import { IDLE_MS, THROTTLE_HOLD_MS, idleRelay, throttledRelays } from '../helpers/timed-relays.js';
import { assertAck, assertErr, isEv, outcome } from '../helpers/frames.js';
import { scenario } from '../helpers/scenario.js';

type Kind = 'single' | 'multi' | 'rating' | 'wordcloud';

const TALLY_INTERVAL_MS = 200;
/**
 * Coalescing bounds are "at most duration / interval + 1"; a relay's timers may fire a few ms
 * early (the event loop's cached clock), so the duration gets this much benefit of the doubt.
 */
const TIMER_SLACK_MS = 20;

const isTally = (ch: string, pollId: string) => (f: Frame) =>
  isEv(ch, 'tally')(f) && f.data.pollId === pollId;
const isMe = (ch: string, pollId: string) => (f: Frame) =>
  f.t === 'me' && f.ch === ch && f.data?.pollId === pollId;

const DEFINITIONS: Record<Kind, Record<string, unknown>> = {
  single: { question: 'Best season?', options: ['Spring', 'Summer', 'Autumn', 'Winter'] },
  multi: { question: 'Which do you use?', options: ['Vim', 'Emacs', 'VS Code'] },
  rating: { question: 'How was the talk?', options: ['1', '2', '3', '4', '5'] },
  wordcloud: { question: 'One word for today?' },
};

async function create(host: RawClient, ch: string, data: Record<string, unknown>) {
  const ack = await host.op(ch, 'create', data);
  assertAck(ack);
  return ack.data.pollId as string;
}

async function setStatus(host: RawClient, ch: string, pollId: string, op: 'open' | 'close') {
  const ack = await host.op(ch, op, { pollId });
  assertAck(ack);
  return ack;
}

async function vote(client: RawClient, ch: string, data: Record<string, unknown>, mid?: string) {
  const ack = await client.op(ch, 'vote', data, mid);
  assertAck(ack);
  return ack;
}

/** Three open polls on `ch`: single-choice, a word cloud, and a rating with hidden results. */
async function threePolls(host: RawClient, ch: string) {
  const single = await create(host, ch, { ...DEFINITIONS.single, kind: 'single' });
  const cloud = await create(host, ch, { ...DEFINITIONS.wordcloud, kind: 'wordcloud' });
  const hidden = await create(host, ch, {
    ...DEFINITIONS.rating,
    kind: 'rating',
    hideResults: true,
  });
  for (const pollId of [single, cloud, hidden]) await setStatus(host, ch, pollId, 'open');
  return { host, single, cloud, hidden };
}

describe('poll', () => {
  const { room: newRoom } = withRelay({ memory: true });

  /** A fresh room: a host and an audience watcher, both subscribed to its poll channel. */
  async function room() {
    const { ch, join, member } = newRoom('poll');
    const host = await member('host', 'host');
    const watcher = await member('watcher');
    /** A poll of `kind`, open (unless told otherwise), with its id. */
    const poll = async (kind: Kind, extra: Record<string, unknown> = {}, open = true) => {
      const pollId = await create(host, ch, { ...DEFINITIONS[kind], kind, ...extra });
      if (open) await setStatus(host, ch, pollId, 'open');
      return pollId;
    };
    /** The last tally the watcher got for a poll, once it equals `counts` and `total`. */
    const tallied = async (pollId: string, counts: unknown, total: number, who = watcher) => {
      const tallies = () => who.frames.filter(isTally(ch, pollId));
      await who.until(
        () => {
          const last = tallies().at(-1);
          return !!last && last.data.total === total && isDeepEqual(last.data.counts, counts);
        },
        5_000,
        () =>
          `tally ${JSON.stringify(counts)} / ${total}; last ${JSON.stringify(tallies().at(-1))}`,
      );
      return tallies().at(-1)!;
    };
    return { ch, join, host, watcher, poll, tallied };
  }

  describe('create, open, close', () => {
    const expectedCounts: Record<Kind, unknown> = {
      single: [0, 0, 0, 0],
      multi: [0, 0, 0],
      rating: [0, 0, 0, 0, 0],
      wordcloud: {},
    };
    for (const kind of ['single', 'multi', 'rating', 'wordcloud'] as const) {
      test(`a host creates a ${kind} poll: ack {pollId} and ev poll {poll} in draft`, async () => {
        const { ch, host, watcher } = await room();
        const ack = await host.op(ch, 'create', { ...DEFINITIONS[kind], kind });
        assertAck(ack);
        assert.match(ack.data.pollId, /^[A-Za-z0-9_-]{8}$/);
        const ev = await watcher.next(isEv(ch, 'poll'));
        assert.equal(ev.seq, ack.seq);
        const { poll } = ev.data;
        assert.deepEqual(
          {
            id: poll.id,
            question: poll.question,
            options: poll.options,
            kind: poll.kind,
            status: poll.status,
            counts: poll.counts,
            total: poll.total,
          },
          {
            id: ack.data.pollId,
            question: DEFINITIONS[kind].question,
            options: DEFINITIONS[kind].options ?? [],
            kind,
            status: 'draft',
            counts: expectedCounts[kind],
            total: 0,
          },
        );
      });
    }

    test('a word cloud may be created with options: []', async () => {
      const { ch, host } = await room();
      const ack = await host.op(ch, 'create', {
        question: 'Words?',
        kind: 'wordcloud',
        options: [],
      });
      assertAck(ack);
    });

    describe('open and close', () => {
      const played = scenario(async () => {
        const { ch, host, watcher, poll } = await room();
        const pollId = await poll('single', {}, false);
        const opened = await setStatus(host, ch, pollId, 'open');
        const openEv = await watcher.next(isEv(ch, 'status'));
        const again = await setStatus(host, ch, pollId, 'open');
        const closed = await setStatus(host, ch, pollId, 'close');
        const closeEv = await watcher.next(isEv(ch, 'status'));
        // A closed poll may be re-opened.
        await setStatus(host, ch, pollId, 'open');
        const reopenEv = await watcher.next(isEv(ch, 'status'));
        return { pollId, opened, openEv, again, closed, closeEv, reopenEv };
      });

      test('open and close emit ev status at the seq of their ack', () => {
        const { pollId, opened, openEv, closed, closeEv } = played();
        assert.deepEqual(openEv.data, { pollId, status: 'open' });
        assert.equal(openEv.seq, opened.seq);
        assert.deepEqual(closeEv.data, { pollId, status: 'closed' });
        assert.equal(closeEv.seq, closed.seq);
      });

      test('setting the status it has is acked without an event', () => {
        const { again, openEv, closeEv } = played();
        assert.equal(again.seq, undefined);
        assert.equal(closeEv.seq, openEv.seq + 1, 'no event for the repeated open');
      });

      test('a closed poll may be re-opened', () => {
        const { pollId, reopenEv } = played();
        assert.deepEqual(reopenEv.data, { pollId, status: 'open' });
      });
    });

    test('the snapshot gives each poll the seq of its last status event, a draft none', async () => {
      const { ch, host, join, poll } = await room();
      const first = await poll('single', {}, false);
      const second = await poll('single', {}, false);
      const draft = await poll('single', {}, false);
      await setStatus(host, ch, second, 'open');
      const secondClosed = await setStatus(host, ch, second, 'close');
      await setStatus(host, ch, first, 'open');
      const firstClosed = await setStatus(host, ch, first, 'close');
      const { snapshot } = await (await join('late')).sub(ch);
      assert.deepEqual(
        snapshot.polls.map((p: Frame) => [p.id, p.statusSeq]),
        [
          [first, firstClosed.seq],
          [second, secondClosed.seq],
          [draft, undefined],
        ],
      );
    });

    test('a moderator may create, open and close', async () => {
      const { ch, join } = await room();
      const moderator = await join('mod', 'moderator');
      const pollId = await create(moderator, ch, { ...DEFINITIONS.single, kind: 'single' });
      await setStatus(moderator, ch, pollId, 'open');
      await setStatus(moderator, ch, pollId, 'close');
    });

    test('audience create, open and close get forbidden and make no event', async () => {
      const { ch, join, watcher, poll } = await room();
      const pollId = await poll('single', {}, false);
      const ann = await join('ann');
      const headBefore = watcher.frames.filter((f) => f.t === 'ev' && f.ch === ch).length;
      for (const [type, data] of [
        ['create', { ...DEFINITIONS.single, kind: 'single' }],
        ['open', { pollId }],
        ['close', { pollId }],
      ] as const) {
        assertErr(await ann.op(ch, type, data), 'forbidden', type);
      }
      const late = await join('late');
      const { snapshot } = await late.sub(ch);
      assert.deepEqual(
        snapshot.polls.map((p: Frame) => [p.id, p.status]),
        [[pollId, 'draft']],
      );
      assert.equal(watcher.frames.filter((f) => f.t === 'ev' && f.ch === ch).length, headBefore);
    });

    for (const [what, data, field] of [
      ['an empty question', { question: ' ', options: ['a'], kind: 'single' }, 'question'],
      [
        'a question of 201 characters',
        { question: 'q'.repeat(201), options: ['a'], kind: 'single' },
        'question',
      ],
      ['no options', { question: 'Q?', options: [], kind: 'single' }, 'options'],
      [
        '11 options',
        { question: 'Q?', options: Array.from({ length: 11 }, (_, i) => `o${i}`), kind: 'multi' },
        'options',
      ],
      ['an empty option', { question: 'Q?', options: ['a', ''], kind: 'single' }, '1'],
      [
        'an option of 101 characters',
        { question: 'Q?', options: ['o'.repeat(101)], kind: 'rating' },
        '0',
      ],
      ['an unknown kind', { question: 'Q?', options: ['a'], kind: 'matrix' }, 'kind'],
      [
        'a word cloud with options',
        { question: 'Q?', options: ['a'], kind: 'wordcloud' },
        'options',
      ],
    ] as const) {
      test(`create with ${what} gets invalid`, async () => {
        const { ch, host } = await room();
        const answer = await host.op(ch, 'create', data);
        assertErr(answer, 'invalid');
        assert.equal(answer.details?.field, field, JSON.stringify(answer));
      });
    }

    test('open, close and vote on an unknown poll get not_found', async () => {
      const { ch, host } = await room();
      for (const type of ['open', 'close', 'vote'] as const) {
        const answer = await host.op(ch, type, { pollId: 'nosuchpl', choice: 0 });
        assertErr(answer, 'not_found', type);
      }
    });

    test('the snapshot holds every poll in order of creation, with status, counts and total', async () => {
      const { ch, join, host, poll } = await room();
      const first = await poll('single');
      const second = await poll('wordcloud', { blockedTerms: ['secret'] }, false);
      const ann = await join('ann');
      await vote(ann, ch, { pollId: first, choice: 2 });
      const late = await join('late');
      const { snapshot } = await late.sub(ch);
      assert.deepEqual(
        snapshot.polls.map((p: Frame) => [p.id, p.kind, p.status, p.counts, p.total]),
        [
          [first, 'single', 'open', [0, 0, 1, 0], 1],
          [second, 'wordcloud', 'draft', {}, 0],
        ],
      );
      assert.ok(!JSON.stringify(snapshot).includes('secret'), 'blockedTerms are not sent');
      assert.ok(!JSON.stringify((await host.sub(ch)).snapshot).includes('secret'));
    });
  });

  describe('vote', () => {
    test('on a draft poll gets closed', async () => {
      const { ch, join, poll } = await room();
      const pollId = await poll('single', {}, false);
      const answer = await (await join('ann')).op(ch, 'vote', { pollId, choice: 0 });
      assert.equal(answer.code, 'closed', JSON.stringify(answer));
    });

    test('on a closed poll gets closed, and the counts stay', async () => {
      const { ch, join, host, poll } = await room();
      const pollId = await poll('single');
      const ann = await join('ann');
      await vote(ann, ch, { pollId, choice: 1 });
      await setStatus(host, ch, pollId, 'close');
      const answer = await ann.op(ch, 'vote', { pollId, choice: 0 });
      assert.equal(answer.code, 'closed', JSON.stringify(answer));
      const late = await join('late');
      const [snap] = (await late.sub(ch)).snapshot.polls;
      assert.deepEqual([snap.counts, snap.total], [[0, 1, 0, 0], 1]);
    });

    const refused: [Kind, string, Record<string, unknown>, string][] = [
      ['single', 'a choice past the last option', { choice: 4 }, 'choice'],
      ['single', 'a negative choice', { choice: -1 }, 'choice'],
      ['single', 'a fractional choice', { choice: 1.5 }, 'choice'],
      ['single', 'a choice as a string', { choice: '1' }, 'choice'],
      ['single', 'no choice', {}, 'choice'],
      ['rating', 'a rating past the scale', { choice: 5 }, 'choice'],
      ['rating', 'choices instead of choice', { choices: [1] }, 'choice'],
      ['multi', 'no choices', { choices: [] }, 'choices'],
      ['multi', 'repeated choices', { choices: [0, 0] }, 'choices'],
      ['multi', 'a choice out of range', { choices: [0, 3] }, 'choices'],
      ['multi', 'a choice instead of choices', { choice: 0 }, 'choices'],
      ['multi', 'choices that are not numbers', { choices: ['0'] }, 'choices'],
      ['wordcloud', 'an empty text', { text: '   ' }, 'text'],
      ['wordcloud', 'a text of 41 characters', { text: 'word '.repeat(8) + 'x' }, 'text'],
      ['wordcloud', 'a text that is not a string', { text: 42 }, 'text'],
      ['wordcloud', 'only stop words and short words', { text: 'the of it is a to' }, 'text'],
    ];
    for (const [kind, what, data, field] of refused) {
      test(`${kind}: ${what} gets invalid and is not counted`, async () => {
        const { ch, join, poll } = await room();
        const pollId = await poll(kind);
        const ann = await join('ann');
        const answer = await ann.op(ch, 'vote', { pollId, ...data });
        assertErr(answer, 'invalid');
        assert.equal(answer.details?.field, field, JSON.stringify(answer));
        const late = await join('late');
        assert.equal((await late.sub(ch)).snapshot.polls[0].total, 0);
      });
    }

    test('the voter gets me {pollId, choice} right before the ack', async () => {
      const { ch, join, poll } = await room();
      const pollId = await poll('single');
      const ann = await join('ann');
      await ann.sub(ch);
      const ack = await vote(ann, ch, { pollId, choice: 3 });
      const me = await ann.next(isMe(ch, pollId));
      assert.deepEqual(me.data, { pollId, choice: 3 });
      assert.equal(
        ann.frames.indexOf(me),
        ann.frames.indexOf(ack) - 1,
        `me comes just before the ack (protocol-notes, Polls): ${JSON.stringify(ann.frames.slice(-2))}`,
      );
    });

    test('the ack of a vote has no data (protocol-notes, Polls)', async () => {
      const { ch, join, poll } = await room();
      const pollId = await poll('single');
      const ack = await vote(await join('ann'), ch, { pollId, choice: 0 });
      assert.equal(ack.data, undefined, JSON.stringify(ack));
    });

    test("me goes to every subscribed connection of the voter, and to nobody else's", async () => {
      const { ch, join, watcher, poll } = await room();
      const pollId = await poll('multi');
      const tab1 = await join('ann');
      const tab2 = await join('ann');
      await tab1.sub(ch);
      await tab2.sub(ch);
      await vote(tab1, ch, { pollId, choices: [2, 0] });
      assert.deepEqual((await tab1.next(isMe(ch, pollId))).data, { pollId, choices: [0, 2] });
      assert.deepEqual((await tab2.next(isMe(ch, pollId))).data, { pollId, choices: [0, 2] });
      await watcher.next(isTally(ch, pollId));
      assert.equal(watcher.frames.filter((f) => f.t === 'me').length, 0);
    });

    test('SETS the answer: voting again replaces it, and total counts users', async () => {
      const { ch, join, poll, tallied } = await room();
      const pollId = await poll('single');
      const ann = await join('ann');
      const bob = await join('bob');
      await vote(ann, ch, { pollId, choice: 0 });
      await tallied(pollId, [1, 0, 0, 0], 1);
      await vote(ann, ch, { pollId, choice: 2 });
      await tallied(pollId, [0, 0, 1, 0], 1);
      await vote(bob, ch, { pollId, choice: 2 });
      await vote(ann, ch, { pollId, choice: 3 });
      const last = await tallied(pollId, [0, 0, 1, 1], 2);
      assert.deepEqual(last.data, { pollId, counts: [0, 0, 1, 1], total: 2 });
    });

    test('multi and rating: a new vote replaces the old one', async () => {
      const { ch, join, poll, tallied } = await room();
      const multi = await poll('multi');
      const rating = await poll('rating');
      const ann = await join('ann');
      await vote(ann, ch, { pollId: multi, choices: [0, 1, 2] });
      await vote(ann, ch, { pollId: multi, choices: [1] });
      await vote(ann, ch, { pollId: rating, choice: 4 });
      await vote(ann, ch, { pollId: rating, choice: 1 });
      await tallied(multi, [0, 1, 0], 1);
      await tallied(rating, [0, 1, 0, 0, 0], 1);
    });

    test('an unchanged vote makes no tally event', async () => {
      const { ch, join, watcher, poll, tallied } = await room();
      const pollId = await poll('single');
      const ann = await join('ann');
      await vote(ann, ch, { pollId, choice: 1 });
      await tallied(pollId, [0, 1, 0, 0], 1);
      const talliesSoFar = watcher.frames.filter(isTally(ch, pollId)).length;
      await vote(ann, ch, { pollId, choice: 1 }); // a new mid, the same answer
      await sleep(2 * TALLY_INTERVAL_MS);
      assert.equal(watcher.frames.filter(isTally(ch, pollId)).length, talliesSoFar);
    });

    describe('me {pollId, …} for every poll voted in, right after ok on a (re)subscribe', () => {
      const played = scenario(async () => {
        const { ch, join, poll } = await room();
        const single = await poll('single');
        const multi = await poll('multi');
        const cloud = await poll('wordcloud');
        await poll('rating'); // not voted in: no me
        const ann = await join('ann');
        await vote(ann, ch, { pollId: single, choice: 1 });
        await vote(ann, ch, { pollId: multi, choices: [2, 1] });
        await vote(ann, ch, { pollId: cloud, text: '  Cats rule ' });
        const expected = [
          { pollId: single, choice: 1 },
          { pollId: multi, choices: [1, 2] },
          { pollId: cloud, text: 'Cats rule' },
        ];
        /** The frames right after `ok`, as many as there are votes. */
        const followingOk = async (client: RawClient, ok: Frame) => {
          const at = client.frames.indexOf(ok);
          await client.until(() => client.frames.length >= at + 1 + expected.length);
          return client.frames.slice(at + 1, at + 1 + expected.length);
        };

        const firstSub = await followingOk(ann, await ann.sub(ch));
        // Again on the same socket, and on another connection of the same user.
        const sameSocket = await followingOk(ann, await ann.sub(ch));
        const tab2 = await join('ann');
        const other = await tab2.sub(ch);
        const otherConnection = await followingOk(tab2, other);
        // A resume (sub with from) also ends with the user's votes.
        const resumed = await tab2.sub(ch, { epoch: other.epoch, seq: other.seq });
        const meAfterResume = await tab2.next(
          (f) => f.t === 'me' && tab2.frames.indexOf(f) > tab2.frames.indexOf(resumed),
        );
        // Someone who never voted gets no me.
        const bob = await join('bob');
        await bob.sub(ch);
        await sleep(50);
        const bobMes = bob.frames.filter((f) => f.t === 'me').length;
        return {
          ch,
          expected,
          firstSub,
          sameSocket,
          otherConnection,
          resumed,
          meAfterResume,
          bobMes,
        };
      });

      test('a sub gets one me per poll voted in, with the vote as stored', () => {
        const { ch, expected, firstSub: mes } = played();
        assert.deepEqual(
          mes.map((f) => [f.t, f.ch]),
          expected.map(() => ['me', ch]),
        );
        assert.deepEqual(
          mes.map((f) => f.data).sort((a, b) => (a.pollId < b.pollId ? -1 : 1)),
          [...expected].sort((a, b) => (a.pollId < b.pollId ? -1 : 1)),
        );
      });

      test('a second sub on the same socket gets them again', () => {
        const mes = played().sameSocket;
        assert.equal(mes.filter((f) => f.t === 'me').length, 3, JSON.stringify(mes));
      });

      test('another connection of the same user gets them too', () => {
        const mes = played().otherConnection;
        assert.equal(mes.filter((f) => f.t === 'me').length, 3, JSON.stringify(mes));
      });

      test('a resume (sub with from) also ends with the user’s votes', () => {
        const { ch, resumed, meAfterResume } = played();
        assert.equal(resumed.replay, 0);
        assert.equal(meAfterResume.ch, ch);
      });

      test('a user who never voted gets no me', () => {
        assert.equal(played().bobMes, 0);
      });
    });

    test('the first change of a tally goes out within tallyIntervalMs (throttled, not debounced)', async () => {
      const { ch, join, watcher, poll } = await room();
      const pollId = await poll('single');
      const voters = await Promise.all(['a', 'b', 'c'].map((u) => join(u)));
      await vote(voters[0], ch, { pollId, choice: 0 });
      await watcher.next(isTally(ch, pollId));
      // Keep voting every 50 ms for a second: a debounce would send nothing until the end.
      const startedAt = Date.now();
      let firstTallyAt = 0;
      void watcher.next(isTally(ch, pollId), 3_000).then(() => (firstTallyAt = Date.now()));
      for (let k = 0; k < 20; k++) {
        await vote(voters[k % 3], ch, { pollId, choice: k % 4 });
        await sleep(50);
      }
      assert.ok(firstTallyAt > 0, 'a tally arrived while votes kept coming');
      assert.ok(
        firstTallyAt - startedAt < 1_000,
        `first tally after ${firstTallyAt - startedAt} ms`,
      );
    });
  });

  describe('word cloud', () => {
    test('"The CATS!", "cats" and "Cats." are one word: cats 3', async () => {
      const { ch, join, poll, tallied } = await room();
      const pollId = await poll('wordcloud');
      for (const [user, text] of [
        ['ann', 'The CATS!'],
        ['bob', 'cats'],
        ['cid', 'Cats.'],
      ]) {
        await vote(await join(user), ch, { pollId, text });
      }
      await tallied(pollId, { cats: 3 }, 3);
    });

    test('stop words and words under 3 letters are dropped; each word counts once per voter', async () => {
      const { ch, join, poll, tallied } = await room();
      const pollId = await poll('wordcloud');
      await vote(await join('ann'), ch, { pollId, text: 'I am so into big dogs, dogs, DOGS' });
      await vote(await join('bob'), ch, { pollId, text: 'To the dog’s life, we say OK' });
      await tallied(pollId, { dogs: 1, big: 1, "dog's": 1, life: 1, say: 1 }, 2);
    });

    test('words containing a blocked term are filtered; a text of only those gets invalid', async () => {
      const { ch, join, poll, tallied } = await room();
      const pollId = await poll('wordcloud', { blockedTerms: ['Darn', 'heck'] });
      const ann = await join('ann');
      await vote(ann, ch, { pollId, text: 'darned good cats' });
      const refused = await (await join('bob')).op(ch, 'vote', { pollId, text: 'DARN heckling' });
      assert.equal(refused.code, 'invalid', JSON.stringify(refused));
      await tallied(pollId, { cats: 1, good: 1 }, 1);
    });

    test('a new answer replaces the old words; the counts list the most frequent first', async () => {
      const { ch, join, poll, tallied } = await room();
      const pollId = await poll('wordcloud');
      const ann = await join('ann');
      const bob = await join('bob');
      await vote(ann, ch, { pollId, text: 'zebra apple' });
      await vote(bob, ch, { pollId, text: 'apple' });
      const first = await tallied(pollId, { apple: 2, zebra: 1 }, 2);
      assert.deepEqual(Object.keys(first.data.counts), ['apple', 'zebra']);
      await vote(ann, ch, { pollId, text: 'mango' });
      const last = await tallied(pollId, { apple: 1, mango: 1 }, 2);
      assert.deepEqual(
        Object.keys(last.data.counts),
        ['apple', 'mango'],
        'ties in alphabetical order',
      );
    });

    test('counts hold the 50 most frequent words', async () => {
      const { ch, join, poll, watcher } = await room();
      const pollId = await poll('wordcloud');
      const voters = await Promise.all(Array.from({ length: 12 }, (_, i) => join(`v${i}`)));
      // "common" in every answer, and 12 × 5 words said once: 61 distinct words.
      const once = voters.map((_, i) =>
        ['aaa', 'bbb', 'ccc', 'ddd', 'eee'].map((w) => `${w}${String.fromCharCode(97 + i)}`),
      );
      await Promise.all(
        voters.map((v, i) => vote(v, ch, { pollId, text: `common ${once[i].join(' ')}` })),
      );
      await watcher.until(
        () => watcher.frames.filter(isTally(ch, pollId)).at(-1)?.data.total === 12,
      );
      const counts = watcher.frames.filter(isTally(ch, pollId)).at(-1)!.data.counts;
      // The most frequent first, then ties in alphabetical order.
      assert.deepEqual(Object.keys(counts), ['common', ...once.flat().sort().slice(0, 49)]);
      assert.equal(counts.common, 12);
    });
  });

  describe('hideResults', () => {
    const played = scenario(async () => {
      const { ch, join, host, watcher, poll } = await room();
      const moderator = await join('mod', 'moderator');
      await moderator.sub(ch);
      const pollId = await poll('single', { hideResults: true });
      const audienceSnap = (await (await join('late')).sub(ch)).snapshot.polls[0];
      const hostSnap = (await host.sub(ch)).snapshot.polls[0];

      const ann = await join('ann');
      await ann.sub(ch);
      const bob = await join('bob');
      await vote(ann, ch, { pollId, choice: 1 });
      await vote(bob, ch, { pollId, choice: 1 });
      await vote(bob, ch, { pollId, choice: 2 });
      const annMe = await ann.next(isMe(ch, pollId));
      /** How many ev tally each of the staff had got once its me showed both votes. */
      const staffTallies: number[] = [];
      for (const staff of [host, moderator]) {
        await staff.until(() =>
          staff.frames.some(
            (f) =>
              isMe(ch, pollId)(f) && f.data.total === 2 && isDeepEqual(f.data.counts, [0, 1, 1, 0]),
          ),
        );
        staffTallies.push(staff.frames.filter(isTally(ch, pollId)).length);
      }
      const hostMe = host.frames.filter(isMe(ch, pollId)).at(-1)!;
      await sleep(2 * TALLY_INTERVAL_MS);
      const audienceSaw = [watcher, ann].map((audience) => ({
        tallies: audience.frames.filter(isTally(ch, pollId)).length,
        counts: audience.frames.some((f) => isMe(ch, pollId)(f) && 'counts' in f.data),
      }));
      const stillHidden = (await (await join('late2')).sub(ch)).snapshot.polls[0];

      await setStatus(host, ch, pollId, 'close');
      const closing: Frame[] = [];
      for (const everybody of [watcher, ann, host, moderator]) {
        closing.push(await everybody.next(isTally(ch, pollId)));
      }
      const shown = (await (await join('late3')).sub(ch)).snapshot.polls[0];
      return {
        pollId,
        annMe,
        staff: { tallies: staffTallies, hostMe },
        audienceSaw,
        closing,
        snapshots: { audienceSnap, hostSnap, stillHidden, shown },
      };
    });

    test('an audience snapshot has counts and total null', () => {
      const { audienceSnap } = played().snapshots;
      assert.equal(audienceSnap.counts, null);
      assert.equal(audienceSnap.total, null);
    });

    test('a host’s snapshot has the counts and total', () => {
      const { hostSnap } = played().snapshots;
      assert.deepEqual([hostSnap.counts, hostSnap.total], [[0, 0, 0, 0], 0]);
    });

    test('the voter still gets me {pollId, choice}', () => {
      const { annMe, pollId } = played();
      assert.deepEqual(annMe.data, { pollId, choice: 1 });
    });

    test('hosts and moderators get me {pollId, counts, total}, not ev tally', () => {
      const { staff, pollId } = played();
      for (const tallies of staff.tallies) assert.equal(tallies, 0, 'hosts get me, not ev tally');
      assert.deepEqual(staff.hostMe.data, { pollId, counts: [0, 1, 1, 0], total: 2 });
    });

    test('until the close the audience gets no tally, and no counts in a me', () => {
      for (const { tallies, counts } of played().audienceSaw) {
        assert.equal(tallies, 0);
        assert.ok(!counts);
      }
    });

    test('until the close an audience snapshot taken after votes still has counts and total null', () => {
      const { stillHidden } = played().snapshots;
      assert.deepEqual([stillHidden.counts, stillHidden.total], [null, null]);
    });

    test('at the close everybody, audience and hosts, gets the tally', () => {
      const { closing, pollId } = played();
      for (const tally of closing) {
        assert.deepEqual(tally.data, { pollId, counts: [0, 1, 1, 0], total: 2 });
      }
    });

    test('after the close an audience snapshot has the counts and total', () => {
      const { shown } = played().snapshots;
      assert.deepEqual([shown.counts, shown.total], [[0, 1, 1, 0], 2]);
    });

    test('a host resuming with a replay gets the hidden tallies it missed as me', async () => {
      const { ch, join, host, poll } = await room();
      const pollId = await poll('single', { hideResults: true });
      const ok = await host.sub(ch);
      const from = { epoch: ok.epoch, seq: ok.seq };
      host.close();
      await vote(await join('ann'), ch, { pollId, choice: 2 });
      await vote(await join('bob'), ch, { pollId, choice: 2 });
      // The hidden tally went out while the host was away.
      await sleep(2 * TALLY_INTERVAL_MS);
      const back = await join('host', 'host');
      const resumed = await back.sub(ch, from);
      assert.equal(resumed.replay, 0, JSON.stringify(resumed));
      const me = await back.next((f) => isMe(ch, pollId)(f) && 'counts' in f.data);
      assert.deepEqual(me.data, { pollId, counts: [0, 0, 2, 0], total: 2 });
    });
  });
});

describe('poll close with a long tallyIntervalMs', () => {
  const { join } = withRelay({ memory: true, args: ['--tally-interval-ms', '3000'] });

  test('close sends the pending final tally at once, right after the status event', async () => {
    const ch = 'close-now/poll';
    const host = await join('host', 'host');
    const watcher = await join('watcher');
    await watcher.sub(ch);
    const pollId = await create(host, ch, { ...DEFINITIONS.single, kind: 'single' });
    await setStatus(host, ch, pollId, 'open');
    await vote(await join('ann'), ch, { pollId, choice: 0 });
    // The first change goes out at once; the next waits for the interval (3 s)...
    await watcher.next(isTally(ch, pollId));
    await vote(await join('bob'), ch, { pollId, choice: 1 });
    const closedAt = Date.now();
    const closed = await setStatus(host, ch, pollId, 'close');
    // ...unless the poll closes: then the final tally follows its status event.
    const final = await watcher.next(isTally(ch, pollId), 2_000);
    assert.ok(Date.now() - closedAt < 2_000);
    assert.equal(final.seq, closed.seq + 1);
    assert.deepEqual(final.data, { pollId, counts: [1, 1, 0, 0], total: 2 });
    await sleep(200);
    assert.equal(watcher.frames.filter(isTally(ch, pollId)).length, 2);
  });
});

describe('poll with a big audience', () => {
  const VOTERS = 1_000;
  const BATCH = 100;
  const { relay, clients } = withRelay({
    memory: true,
    // A thousand anonymous viewers, all from this machine's one address.
    args: ['--max-connections-per-ip', '0', '--anonymous-per-ip-per-minute', '0'],
  });

  test(
    '1,000 voters over real sockets: exact tallies, retries not counted twice, changes moved',
    { timeout: 60_000 },
    async () => {
      const startedAt = Date.now();
      const ch = 'big/poll';
      const host = await clients.join({ token: relay.token({ sub: 'host', role: 'host' }) });
      const pollId = await create(host, ch, { ...DEFINITIONS.single, kind: 'single' });
      await setStatus(host, ch, pollId, 'open');
      const watcher = await clients.join({ token: relay.token({ sub: 'watcher' }) });
      await watcher.sub(ch);

      const connect = (i: number) =>
        clients.join({ anon: { key: voterKey(i), name: `Voter ${i}` } });
      const voters: Joined[] = [];
      for (let from = 0; from < VOTERS; from += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, VOTERS - from) }, (_, k) =>
          connect(from + k),
        );
        voters.push(...(await Promise.all(batch)));
      }
      assert.equal(new Set(voters.map((v) => v.welcome.user.id)).size, VOTERS);
      const connectedAt = Date.now();

      const choice: number[] = Array.from({ length: VOTERS }, () => 0);
      const counts = (): number[] => {
        const c = [0, 0, 0, 0];
        for (const k of choice) c[k]++;
        return c;
      };
      const lastTally = () => watcher.frames.filter(isTally(ch, pollId)).at(-1);
      const tallyIs = (expected: number[]) =>
        watcher.until(
          () => isDeepEqual(lastTally()?.data, { pollId, counts: expected, total: VOTERS }),
          10_000,
          () => `tally ${JSON.stringify(expected)}; last ${JSON.stringify(lastTally()?.data)}`,
        );

      // 1. Everybody votes once: 40 % Spring, 30 % Summer, 20 % Autumn, 10 % Winter.
      const mids = voters.map(() => newMid());
      const firstVoteAt = Date.now();
      const acks = await Promise.all(
        voters.map((voter, i) => {
          choice[i] = [0, 0, 0, 0, 1, 1, 1, 2, 2, 3][i % 10];
          return voter.op(ch, 'vote', { pollId, choice: choice[i] }, mids[i]);
        }),
      );
      assert.equal(
        acks.filter((a) => a.t === 'ack').length,
        VOTERS,
        JSON.stringify(acks.find((a) => a.t !== 'ack')),
      );
      assert.deepEqual(counts(), [400, 300, 200, 100]);
      await tallyIs([400, 300, 200, 100]);
      const votedAt = Date.now();

      // 2. A hundred reconnect (new socket, same anonymous key) and retry with the same mid; the
      // last twenty even with another payload: the first outcome answers, nothing is counted again.
      const retried = await Promise.all(
        voters.slice(0, 100).map(async (old, i) => {
          old.terminate();
          const again = await connect(i);
          assert.equal(again.welcome.user.id, old.welcome.user.id);
          voters[i] = again;
          const data = { pollId, choice: i < 80 ? choice[i] : (choice[i] + 1) % 4 };
          return again.op(ch, 'vote', data, mids[i]);
        }),
      );
      retried.forEach((answer, i) => assert.deepEqual(outcome(answer), outcome(acks[i])));
      const talliesBeforeRetries = watcher.frames.filter(isTally(ch, pollId)).length;
      await sleep(2 * TALLY_INTERVAL_MS);
      assert.equal(watcher.frames.filter(isTally(ch, pollId)).length, talliesBeforeRetries);
      const check = await clients.join({ token: relay.token({ sub: 'check' }) });
      const [afterRetries] = (await check.sub(ch)).snapshot.polls;
      assert.deepEqual([afterRetries.counts, afterRetries.total], [[400, 300, 200, 100], VOTERS]);
      const retriedAt = Date.now();

      // 3. A hundred others change their vote (a new op, a new mid): the tally moves with them.
      const changes = await Promise.all(
        voters.slice(100, 200).map((voter, k) => {
          const i = 100 + k;
          choice[i] = (choice[i] + 1) % 4;
          return voter.op(ch, 'vote', { pollId, choice: choice[i] });
        }),
      );
      assert.ok(changes.every((a) => a.t === 'ack'));
      const final = counts();
      assert.notDeepEqual(final, [400, 300, 200, 100]);
      await tallyIs(final);
      const lastTallyAt = Date.now();

      const late = await clients.join({ token: relay.token({ sub: 'late' }) });
      const [snap] = (await late.sub(ch)).snapshot.polls;
      assert.deepEqual([snap.counts, snap.total], [final, VOTERS]);

      const tallies = watcher.frames.filter(isTally(ch, pollId));
      const duration = lastTallyAt - firstVoteAt;
      const bound = (duration + TIMER_SLACK_MS) / TALLY_INTERVAL_MS + 1;
      console.log(
        `# 1,000 voters: connected in ${connectedAt - startedAt} ms, votes tallied in ${votedAt - firstVoteAt} ms, ` +
          `retries in ${retriedAt - votedAt} ms, whole test ${Date.now() - startedAt} ms; ` +
          `watcher got ${tallies.length} tally events in ${duration} ms (bound ${bound.toFixed(1)}); final ${JSON.stringify(final)}`,
      );
      assert.ok(tallies.length <= bound, `${tallies.length} tallies in ${duration} ms`);
      // Tallies only move while votes arrive: every one differs from the one before.
      tallies.slice(1).forEach((t, i) => assert.notDeepEqual(t.data, tallies[i].data));
    },
  );
});

describe('poll across a restart (sqlite)', () => {
  const { relay, clients, join } = withRelay();

  test(
    'tallies survive a SIGKILL after the acks; votes after the restart still SET',
    { timeout: 30_000 },
    async () => {
      const ch = 'restart/poll';
      const { single, cloud, hidden } = await threePolls(await join('host', 'host'), ch);

      const voters = await Promise.all(Array.from({ length: 10 }, (_, i) => join(`v${i}`)));
      const mids = voters.map(() => newMid());
      const firstAcks = await Promise.all(
        voters.map((v, i) => vote(v, ch, { pollId: single, choice: i % 3 }, mids[i])),
      );
      await Promise.all(
        voters.map((v, i) => vote(v, ch, { pollId: cloud, text: i < 6 ? 'Cats!' : 'dogs' })),
      );
      await Promise.all(
        voters.slice(0, 4).map((v, i) => vote(v, ch, { pollId: hidden, choice: i })),
      );
      const observer = await join('observer', 'host');
      const beforeKill = (await observer.sub(ch)).snapshot.polls;
      assert.deepEqual(
        beforeKill.map((p: Frame) => [p.counts, p.total]),
        [
          [[4, 3, 3, 0], 10],
          [{ cats: 6, dogs: 4 }, 10],
          [[1, 1, 1, 1, 0], 4],
        ],
      );

      assert.equal(await relay.stop('SIGKILL'), null);
      clients.closeAll();
      await relay.restart();

      const afterRestart = (await (await join('observer', 'host')).sub(ch)).snapshot.polls;
      assert.deepEqual(byId(afterRestart), byId(beforeKill));
      const audienceView = (await (await join('someone')).sub(ch)).snapshot.polls as Frame[];
      const hiddenView = audienceView.find((p) => p.id === hidden)!;
      assert.deepEqual([hiddenView.counts, hiddenView.total], [null, null]);

      const watcher = await join('watcher');
      await watcher.sub(ch);
      const v0 = await join('v0');
      const ok = await v0.sub(ch);
      const mine = v0.frames.slice(v0.frames.indexOf(ok) + 1, v0.frames.indexOf(ok) + 4);
      assert.ok(
        mine.every((f) => f.t === 'me' && f.ch === ch),
        JSON.stringify(mine),
      );
      assert.deepEqual(
        mine.map((f) => f.data).sort((a, b) => (a.pollId < b.pollId ? -1 : 1)),
        [
          { pollId: single, choice: 0 },
          { pollId: cloud, text: 'Cats!' },
          { pollId: hidden, choice: 0 },
        ].sort((a, b) => (a.pollId < b.pollId ? -1 : 1)),
      );
      // A retry of a vote made before the kill is answered from the record, even with a new payload.
      const retry = await v0.op(ch, 'vote', { pollId: single, choice: 2 }, mids[0]);
      assert.deepEqual(outcome(retry), outcome(firstAcks[0]));
      // A new vote replaces the old one: 0 → 2, total unchanged.
      await vote(v0, ch, { pollId: single, choice: 2 });
      await vote(v0, ch, { pollId: cloud, text: 'dogs' });
      await vote(await join('v9'), ch, { pollId: single, choice: 1 }); // 0 → 1
      const tallyOf = async (pollId: string, counts: unknown, total: number) =>
        watcher.until(() => {
          const last = watcher.frames.filter(isTally(ch, pollId)).at(-1);
          return !!last && last.data.total === total && isDeepEqual(last.data.counts, counts);
        });
      await tallyOf(single, [2, 4, 4, 0], 10);
      await tallyOf(cloud, { cats: 5, dogs: 5 }, 10);
    },
  );

  test('the snapshot keeps the polls in order of creation across a restart', async () => {
    const ch = 'restart-order/poll';
    const host = await join('host', 'host');
    const created: string[] = [];
    for (let i = 1; i <= 8; i++) {
      created.push(
        await create(host, ch, { question: `Question ${i}?`, options: ['a'], kind: 'single' }),
      );
    }
    assert.deepEqual(
      (await host.sub(ch)).snapshot.polls.map((p: Frame) => p.id),
      created,
    );
    await relay.stop('SIGKILL');
    clients.closeAll();
    await relay.restart();
    const observer = await join('observer');
    assert.deepEqual(
      (await observer.sub(ch)).snapshot.polls.map((p: Frame) => p.id),
      created,
      'in order of creation (protocol-notes, Polls), not in order of poll id',
    );
  });
});

/**
 * An acked vote's tally reaches the history even when the relay stops before its throttled
 * `tally` event: a client resuming across the restart gets the counts, not stale ones.
 */
describe('poll tallies across a stop (sqlite)', () => {
  const ch = 'tally-stop/poll';
  const start = throttledRelays(ch);

  /**
   * One vote goes out as a tally; then votes on a single-choice poll, a word cloud and a
   * `hideResults` poll are acked, and the relay is stopped with `signal` at once.
   */
  async function voteThenStop(signal: NodeJS.Signals) {
    const { join, watcher, ok, stopThenResume } = await start();
    const { single, cloud, hidden } = await threePolls(await join('host', 'host'), ch);
    const [v0, v1, v2] = await Promise.all(['v0', 'v1', 'v2'].map((u) => join(u)));
    await vote(v0, ch, { pollId: single, choice: 0 });
    const first = await watcher.next(isTally(ch, single));
    assert.deepEqual(first.data, { pollId: single, counts: [1, 0, 0, 0], total: 1 });

    const acks = await Promise.all([
      v1.op(ch, 'vote', { pollId: single, choice: 1 }),
      v2.op(ch, 'vote', { pollId: single, choice: 1 }),
      v0.op(ch, 'vote', { pollId: cloud, text: 'Cats!' }),
      v1.op(ch, 'vote', { pollId: cloud, text: 'cats and dogs' }),
      v2.op(ch, 'vote', { pollId: cloud, text: 'dogs' }),
      v0.op(ch, 'vote', { pollId: hidden, choice: 4 }),
      v1.op(ch, 'vote', { pollId: hidden, choice: 2 }),
    ]);
    const { exitCode, eventsAtStop, reader, resumed } = await stopThenResume(
      signal,
      () => watcher.events(ch, 'tally').length,
      first,
    );
    for (const ack of acks) assertAck(ack);
    assert.equal(eventsAtStop, 1, 'the relay was stopped before the second tally');
    assert.equal(resumed.epoch, ok.epoch, 'same epoch');
    const from = { epoch: ok.epoch as string, seq: first.seq as number };
    const tallies = {
      single: await reader.next(isTally(ch, single)),
      cloud: await reader.next(isTally(ch, cloud)),
    };
    assert.deepEqual(tallies.single.data, { pollId: single, counts: [1, 2, 0, 0], total: 3 });
    assert.deepEqual(tallies.cloud.data, { pollId: cloud, counts: { cats: 2, dogs: 2 }, total: 3 });

    // The hidden poll owes only hosts a `me`: a host resuming gets the counts right after ok.
    const staff = await join('host', 'host');
    const staffOk = await staff.sub(ch, from);
    const hiddenMe = await staff.next((f) => isMe(ch, hidden)(f) && 'counts' in f.data);
    assert.ok(staff.frames.indexOf(hiddenMe) > staff.frames.indexOf(staffOk));
    assert.deepEqual(hiddenMe.data, { pollId: hidden, counts: [0, 0, 1, 0, 1], total: 2 });
    // A fresh subscriber's snapshot is exact too.
    const fresh = (await (await join('fresh')).sub(ch)).snapshot.polls as Frame[];
    assert.deepEqual(
      fresh.map((p) => [p.counts, p.total]),
      [
        [[1, 2, 0, 0], 3],
        [{ cats: 2, dogs: 2 }, 3],
        [null, null],
      ],
    );
    // Sent once: no second tally for the same counts, and none for the hidden poll.
    await sleep(THROTTLE_HOLD_MS + TIMER_SLACK_MS);
    assert.deepEqual(
      reader.events(ch).map((ev) => ev.type),
      ['tally', 'tally'],
    );
    return { exitCode, resumed, reader, tallies };
  }

  test('SIGKILL right after the acks: after the restart tally events carry the acked counts', async () => {
    await voteThenStop('SIGKILL');
  });

  test('SIGTERM right after the acks: the tallies are stored on the way down and replayed', async () => {
    const { exitCode, resumed, reader, tallies } = await voteThenStop('SIGTERM');
    assert.equal(exitCode, 0);
    assert.equal(resumed.replay, 2, 'emitted before the exit, so the resume replays them');
    // The replay: the two tallies right after the ok.
    const at = reader.frames.indexOf(resumed);
    assert.deepEqual(
      [reader.frames.indexOf(tallies.single), reader.frames.indexOf(tallies.cloud)].sort(
        (a, b) => a - b,
      ),
      [at + 1, at + 2],
    );
  });
});

/** An idle relay unloads channels nobody uses, but never one that still owes a tally. */
describe('poll channel with an owed tally on an idle relay (sqlite)', () => {
  const INTERVAL_MS = 3_000;
  const { join, loaded } = idleRelay(['--tally-interval-ms', String(INTERVAL_MS)]);

  test('stays loaded, with no subscriber, until the tally is sent by its timer; then leaves', async () => {
    const ch = 'idle-owed/poll';
    const host = await join('host', 'host');
    const watcher = await join('watcher');
    const ok = await watcher.sub(ch);
    const pollId = await create(host, ch, { ...DEFINITIONS.single, kind: 'single' });
    await setStatus(host, ch, pollId, 'open');
    await vote(await join('ann'), ch, { pollId, choice: 0 });
    const first = await watcher.next(isTally(ch, pollId));
    // Held for the interval (3 s), far longer than the channel may stay idle.
    await vote(await join('bob'), ch, { pollId, choice: 1 });
    watcher.close();
    await sleep(3 * IDLE_MS);
    // The room's chat (loaded to check bans on each op) is idle and goes; the poll stays.
    await eventually(async () => (await loaded()) <= 1, 'the idle chat channel unloaded');
    assert.equal(await loaded(), 1, 'the poll channel, which owes a tally, is still loaded');
    await eventually(async () => (await loaded()) === 0, 'the poll channel unloaded once sent');

    const reader = await join('reader');
    const resumed = await reader.sub(ch, { epoch: ok.epoch, seq: first.seq });
    assert.equal(resumed.replay, 1, JSON.stringify(resumed));
    const tally = await reader.next(isTally(ch, pollId));
    assert.deepEqual(tally.data, { pollId, counts: [1, 1, 0, 0], total: 2 });
    // Sent by the throttle one interval after the first, not at a later load.
    const gap = tally.ts - first.ts;
    assert.ok(gap >= INTERVAL_MS - TIMER_SLACK_MS && gap < INTERVAL_MS + 500, `${gap} ms`);
  });
});

/** The anonymous key of voter `i`: 16 to 256 characters, one per voter. */
const voterKey = (i: number) => `big-audience-voter-${String(i).padStart(4, '0')}`;
const byId = (polls: Frame[]) => [...polls].sort((a, b) => (a.id < b.id ? -1 : 1));

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}
