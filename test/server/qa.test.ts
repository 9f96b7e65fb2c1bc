/**
 * qa (PROTOCOL.md: Features; Decisions on details: Text, Rate limits; protocol-notes.md: Q&A):
 * the audience asks, optionally anonymously, and upvotes (one vote per user, counts coalesced);
 * hosts answer, hide and pin; with moderation on, questions wait for approval and only the asker
 * and the hosts see them; snapshots leave hidden and pending questions out for the audience; the
 * order of questions and their votes survive a SIGKILL with the SQLite engine.
 */
import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { join as joinPath } from 'node:path';
import { describe, test } from 'node:test';
import { newMid, sleep, type Frame, type RawClient } from '../helpers/raw-client.js';
import { withRelay } from '../helpers/fresh-relay.js';
import { THROTTLE_HOLD_MS, throttledRelays } from '../helpers/timed-relays.js';
import { assertAck, assertErr, isEv, isMe } from '../helpers/frames.js';
import { scenario } from '../helpers/scenario.js';
import type { Role } from '../../src/protocol/index.js';

const TALLY_INTERVAL_MS = 300;
/**
 * Coalescing bounds are "at most duration / interval + 1"; a relay's timers may fire a few ms
 * early (the event loop's cached clock), so the duration gets this much benefit of the doubt.
 */
const TIMER_SLACK_MS = 20;

const isVotes = (ch: string, id: string) => (f: Frame) => isEv(ch, 'votes')(f) && f.data.id === id;

async function ask(client: RawClient, ch: string, text: string, extra: object = {}) {
  const ack = assertAck(await client.op(ch, 'ask', { text, ...extra }), `ask ${text}`);
  return ack.data.id as string;
}

const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Sends every ask at once (in order) and resolves with the answers, in order. */
async function askAll(client: RawClient, ch: string, texts: string[]): Promise<Frame[]> {
  const prefix = `ask-${Math.random().toString(36).slice(2)}-`;
  texts.forEach((text, i) =>
    client.send({ t: 'op', id: `${prefix}${i}`, ch, mid: newMid(), type: 'ask', data: { text } }),
  );
  const isAnswer = (f: Frame) => typeof f.id === 'string' && f.id.startsWith(prefix);
  const answers = await client.collect(isAnswer, texts.length, 30_000);
  return texts.map((_, i) => answers.find((f) => f.id === `${prefix}${i}`)!);
}

const idsOf = (answers: Frame[]) => answers.map((a) => assertAck(a).data.id as string);

/** The ids of a snapshot's questions, in order. */
const idsIn = (snapshot: Frame): string[] => snapshot.questions.map((q: Frame) => q.id);

/** The `me` that `client` got right before `frame` (the ack it answers). */
function meBefore(client: RawClient, frame: Frame): Frame | undefined {
  const previous = client.frames[client.frames.indexOf(frame) - 1];
  return previous?.t === 'me' ? previous : undefined;
}

describe('qa', () => {
  const { room: newRoom } = withRelay({
    memory: true,
    args: ['--tally-interval-ms', String(TALLY_INTERVAL_MS)],
  });

  /** A fresh room: a host and an audience watcher, both subscribed to its qa channel. */
  async function room() {
    const { ch, join, member: subscribed } = newRoom('qa');
    const host = await subscribed('host', 'host');
    const watcher = await subscribed('watcher');
    /** A user subscribed to the channel, with the `ok` of its `sub`. */
    const member = async (user: string, role: Role = 'audience') => {
      const client = await subscribed(user, role);
      assert.equal(client.ok.t, 'ok', JSON.stringify(client.ok));
      return client;
    };
    /** The questions a new connection of `user` sees in its snapshot. */
    const snapshotOf = async (user: string, role: Role = 'audience') =>
      (await member(user, role)).ok.snapshot;
    /** The last votes event the watcher got for a question, once it shows `votes`. */
    const votesAre = async (id: string, votes: number) => {
      const last = () => watcher.frames.filter(isVotes(ch, id)).at(-1);
      await watcher.until(
        () => last()?.data.votes === votes,
        5_000,
        () => `votes ${votes} for ${id}; last ${JSON.stringify(last())}`,
      );
      return last()!;
    };
    return { ch, join, host, watcher, member, snapshotOf, votesAre };
  }

  describe('ask', () => {
    test('ack {id, status}; ev question {id, text trimmed, status visible, ts, anonymous false, user, votes 0} to every subscriber', async () => {
      const { ch, host, watcher, member, snapshotOf } = await room();
      const ann = await member('ann');
      const ack = assertAck(await ann.op(ch, 'ask', { text: '  How does it scale?\n ' }));
      assert.deepEqual(Object.keys(ack.data).sort(), ['id', 'status']);
      assert.equal(ack.data.status, 'visible');
      const ev = await watcher.next(isEv(ch, 'question'));
      assert.equal(ev.seq, ack.seq);
      assert.deepEqual(ev.data, {
        id: ack.data.id,
        text: 'How does it scale?',
        status: 'visible',
        ts: ev.ts,
        anonymous: false,
        user: ann.welcome.user,
        votes: 0,
      });
      for (const client of [host, ann]) {
        assert.deepEqual((await client.next(isEv(ch, 'question'))).data, ev.data);
      }
      assert.deepEqual((await snapshotOf('late')).questions, [ev.data]);
    });

    test('anonymous: no user in the event nor in anyone else’s snapshot (hosts’ too); the asker’s own snapshot shows it', async () => {
      const { ch, host, watcher, member, snapshotOf } = await room();
      const ann = await member('ann');
      const annId = ann.welcome.user.id;
      const id = await ask(ann, ch, 'Who decides?', { anonymous: true });
      const ev = await watcher.next(isEv(ch, 'question'));
      assert.deepEqual(ev.data, {
        id,
        text: 'Who decides?',
        status: 'visible',
        ts: ev.ts,
        anonymous: true,
        votes: 0,
      });
      await host.next(isEv(ch, 'question'));
      const others = [await snapshotOf('late'), await snapshotOf('mod', 'moderator')];
      for (const snapshot of others) {
        assert.deepEqual(snapshot.questions, [ev.data]);
      }
      for (const seen of [watcher.messages, host.messages, others.map((s) => JSON.stringify(s))]) {
        assert.ok(!seen.some((m) => m.includes(annId)), `the asker's id leaked: ${seen}`);
      }
      const own = await snapshotOf('ann');
      assert.deepEqual(own.questions, [{ ...ev.data, user: ann.welcome.user }]);
      assertErr(
        await ann.op(ch, 'ask', { text: 'Q?', anonymous: 'yes' }),
        'invalid',
        'anonymous: yes',
      );
    });

    test('text of 0 or 301 code points gets invalid; 300 astral code points are accepted', async () => {
      const { ch, watcher, member } = await room();
      const ann = await member('ann');
      for (const [what, text] of [
        ['no text', ''],
        ['only spaces', ' \n\t '],
        ['301 characters', 'q'.repeat(301)],
        ['301 emoji', '😀'.repeat(301)],
        ['a number', 42],
      ] as const) {
        const refused = assertErr(await ann.op(ch, 'ask', { text }), 'invalid', what);
        assert.equal(refused.details?.field, 'text', `${what}: ${JSON.stringify(refused)}`);
      }
      assertErr(await ann.op(ch, 'ask', {}), 'invalid', 'no text field');
      // 300 emoji are 600 UTF-16 units: lengths are code points, after trimming.
      const ack = assertAck(await ann.op(ch, 'ask', { text: ` ${'😀'.repeat(300)} ` }));
      assert.equal(ack.seq, 1, 'no refused ask made an event');
      assert.equal((await watcher.next(isEv(ch, 'question'))).data.text, '😀'.repeat(300));
    });

    test('20 questions per 30 s per user; the 21st gets rate_limited with retryAfterMs; hosts get five times as many', async () => {
      const { ch, join, host } = await room();
      const ann = await join('ann');
      for (let i = 1; i <= 20; i++) await ask(ann, ch, `Question ${i}?`);
      const refused = assertErr(await ann.op(ch, 'ask', { text: 'One more?' }), 'rate_limited');
      assert.ok(refused.retryAfterMs > 0, JSON.stringify(refused));
      // Per user: someone else may still ask, and so may a host past 20.
      await ask(await join('bob'), ch, 'My turn?');
      for (let i = 1; i <= 25; i++) await ask(host, ch, `Host question ${i}?`);
    });
  });

  describe('votes', () => {
    test('upvote and unvote SET one vote per user: repeating changes nothing; the voter gets me {vote} before the ack', async () => {
      const { ch, member, snapshotOf, votesAre } = await room();
      const ann = await member('ann');
      const bob = await member('bob');
      const id = await ask(ann, ch, 'Tabs or spaces?');

      const up = assertAck(await ann.op(ch, 'upvote', { id }), 'upvote');
      assert.deepEqual(meBefore(ann, up)?.data, { vote: { id, voted: true } });
      assertAck(await ann.op(ch, 'upvote', { id }), 'a repeated upvote');
      assertAck(await bob.op(ch, 'upvote', { id }), 'bob');
      await votesAre(id, 2);
      assert.equal((await snapshotOf('late')).questions[0].votes, 2);

      const down = assertAck(await ann.op(ch, 'unvote', { id }), 'unvote');
      assert.deepEqual(meBefore(ann, down)?.data, { vote: { id, voted: false } });
      assertAck(await ann.op(ch, 'unvote', { id }), 'a repeated unvote');
      await votesAre(id, 1);
      await sleep(2 * TALLY_INTERVAL_MS);
      assert.equal((await snapshotOf('late2')).questions[0].votes, 1);

      assertErr(await ann.op(ch, 'upvote', { id: 'nosuchqq' }), 'not_found', 'an unknown id');
      assertErr(await ann.op(ch, 'unvote', { id: 'nosuchqq' }), 'not_found', 'an unknown id');
      assertErr(await ann.op(ch, 'upvote', {}), 'invalid', 'no id');
    });

    test('me {voted: [ids]} right after ok lists the user’s votes; nothing for a user without votes', async () => {
      const { ch, join, member } = await room();
      const ann = await join('ann');
      const ids = [
        await ask(ann, ch, 'One?'),
        await ask(ann, ch, 'Two?'),
        await ask(ann, ch, 'Three?'),
      ];
      assertAck(await ann.op(ch, 'upvote', { id: ids[2] }));
      assertAck(await ann.op(ch, 'upvote', { id: ids[0] }));
      assertAck(await ann.op(ch, 'upvote', { id: ids[1] }));
      assertAck(await ann.op(ch, 'unvote', { id: ids[1] }));

      const again = await member('ann');
      await again.until(() => again.frames.length > again.frames.indexOf(again.ok) + 1);
      const me = again.frames[again.frames.indexOf(again.ok) + 1];
      assert.ok(isMe(ch)(me), `me right after ok: ${JSON.stringify(me)}`);
      assert.deepEqual([...me.data.voted].sort(), [ids[0], ids[2]].sort());

      const bob = await member('bob');
      await sleep(50);
      assert.equal(bob.frames.filter(isMe(ch)).length, 0);
    });

    test('coalesced: the votes of a burst within one interval are one event with the final count; a vote undone within the interval makes none', async () => {
      const { ch, join, watcher } = await room();
      const host = await join('asker', 'host');
      const id = await ask(host, ch, 'Coffee?');
      const voters = await Promise.all(Array.from({ length: 12 }, (_, i) => join(`v${i}`)));
      assertAck(await voters[0].op(ch, 'upvote', { id }));
      // The first change goes out at once (throttled, not debounced)...
      const first = await watcher.next(isVotes(ch, id));
      assert.deepEqual(first.data, { id, votes: 1 });
      // ...the eleven that follow within the interval, together.
      const acks = await Promise.all(voters.slice(1).map((v) => v.op(ch, 'upvote', { id })));
      acks.forEach((a) => assertAck(a));
      const burstMs = Date.now() - first.ts;
      assert.ok(burstMs < TALLY_INTERVAL_MS, `the burst took ${burstMs} ms, over one interval`);
      const second = await watcher.next(isVotes(ch, id));
      assert.deepEqual(second.data, { id, votes: 12 });
      assert.equal(second.seq, first.seq + 1);
      assert.ok(second.ts - first.ts >= TALLY_INTERVAL_MS - TIMER_SLACK_MS);

      // A vote taken back within one interval leaves the count as it was sent: no event.
      assertAck(await voters[0].op(ch, 'unvote', { id }));
      assertAck(await voters[0].op(ch, 'upvote', { id }));
      assert.ok(Date.now() - second.ts < TALLY_INTERVAL_MS, 'the undo fit in one interval');
      await sleep(2 * TALLY_INTERVAL_MS);
      assert.equal(watcher.frames.filter(isVotes(ch, id)).length, 2);
    });

    test('a watcher gets at most duration / tallyIntervalMs + 1 votes events per question, each a change', async () => {
      const { ch, join, watcher } = await room();
      const host = await join('asker', 'host');
      const ids = [await ask(host, ch, 'Left?'), await ask(host, ch, 'Right?')];
      const voters = await Promise.all(Array.from({ length: 6 }, (_, i) => join(`v${i}`)));
      const voted = ids.map(() => new Set<number>());
      const startedAt = Date.now();
      for (let k = 0; k < 40; k++) {
        const q = k % 2;
        const v = (k * 5) % voters.length;
        const up = !voted[q].has(v);
        assertAck(await voters[v].op(ch, up ? 'upvote' : 'unvote', { id: ids[q] }));
        if (up) voted[q].add(v);
        else voted[q].delete(v);
        await sleep(30);
      }
      for (const [q, id] of ids.entries()) {
        await watcher.until(
          () => watcher.frames.filter(isVotes(ch, id)).at(-1)?.data.votes === voted[q].size,
        );
      }
      const duration = Date.now() - startedAt;
      const bound = (duration + TIMER_SLACK_MS) / TALLY_INTERVAL_MS + 1;
      for (const id of ids) {
        const events = watcher.frames.filter(isVotes(ch, id));
        assert.ok(events.length <= bound, `${events.length} votes events in ${duration} ms`);
        events.slice(1).forEach((e, i) => assert.notEqual(e.data.votes, events[i].data.votes));
      }
      // One flush sends both questions' counts (their ts may straddle a millisecond).
      let flushes = 0;
      let flushAt = -Infinity;
      for (const { ts } of watcher.frames.filter(isEv(ch, 'votes'))) {
        if (ts - flushAt > TALLY_INTERVAL_MS / 2) [flushes, flushAt] = [flushes + 1, ts];
      }
      assert.ok(flushes <= bound, `${flushes} flushes in ${duration} ms`);
    });
  });

  describe('statuses', () => {
    const played = scenario(async () => {
      const { ch, host, watcher, member, snapshotOf } = await room();
      const ann = await member('ann');
      const [a, b, c] = [
        await ask(ann, ch, 'A?'),
        await ask(ann, ch, 'B?'),
        await ask(ann, ch, 'C?'),
      ];
      const statusEvents = () => watcher.events(ch, 'status');

      const pinned = await host.op(ch, 'pin', { id: a });
      const pinEv = await watcher.next(isEv(ch, 'status'));
      const staffOps: [string, Frame][] = [
        ['host pin', await host.op(ch, 'pin', { id: b })],
        ['host answer', await host.op(ch, 'answer', { id: b })],
      ];
      const moderator = await member('mod', 'moderator');
      staffOps.push(['moderator hide', await moderator.op(ch, 'hide', { id: c })]);
      staffOps.push(['moderator pin', await moderator.op(ch, 'pin', { id: a })]);
      await watcher.until(() => statusEvents().length >= 6);
      await sleep(50);
      const events = statusEvents();

      const anon = await ask(ann, ch, 'Anon?', { anonymous: true });
      const anonAnswered = await host.op(ch, 'answer', { id: anon });
      const anonEv = await watcher.next((f) => isEv(ch, 'status')(f) && f.data.id === anon);

      const hostView = await snapshotOf('host', 'host');
      const audienceView = await snapshotOf('late');
      const hiddenVotes: [string, Frame][] = [];
      for (const type of ['upvote', 'unvote']) {
        hiddenVotes.push([type, await ann.op(ch, type, { id: c })]);
      }
      const unknown = await host.op(ch, 'answer', { id: 'nosuchqq' });
      return {
        ann,
        a,
        b,
        c,
        pinned,
        pinEv,
        staffOps,
        events,
        anonAnswered,
        anonEv,
        hostView,
        audienceView,
        hiddenVotes,
        unknown,
      };
    });

    test('host pin emits status at the ack’s seq, with the question in full', () => {
      const { ann, a, pinned, pinEv } = played();
      assertAck(pinned);
      assert.equal(pinEv.seq, pinned.seq);
      assert.deepEqual(pinEv.data, {
        id: a,
        status: 'pinned',
        // The question in full, so a client that never saw it can show it (protocol-notes, Q&A).
        question: {
          id: a,
          text: 'A?',
          status: 'pinned',
          ts: pinEv.data.question.ts,
          anonymous: false,
          user: ann.welcome.user,
          votes: 0,
        },
      });
    });

    test('a host may pin and answer, a moderator hide and pin', () => {
      const { staffOps, anonAnswered } = played();
      for (const [what, reply] of staffOps) assertAck(reply, what);
      assertAck(anonAnswered, 'host answer');
    });

    test('answer, hide and pin emit status; pinning another returns the one pinned before to visible', () => {
      const { a, b, c, events } = played();
      assert.deepEqual(
        events.map((f) => [f.data.id, f.data.status]),
        [
          [a, 'pinned'],
          // Pinning b returns a to the list first.
          [a, 'visible'],
          [b, 'pinned'],
          [b, 'answered'],
          [c, 'hidden'],
          // b is answered, no longer pinned: pinning a again changes nothing else.
          [a, 'pinned'],
        ],
      );
    });

    test('every status event carries its question, with the same id and status', () => {
      for (const ev of played().events) {
        assert.deepEqual(
          [ev.data.question.id, ev.data.question.status],
          [ev.data.id, ev.data.status],
        );
      }
    });

    test('the status event of an anonymous question does not name its asker either', () => {
      const { ann, anonEv } = played();
      assert.equal(anonEv.data.question.anonymous, true);
      assert.equal(anonEv.data.question.user, undefined);
      assert.ok(!JSON.stringify(anonEv).includes(ann.welcome.user.id));
    });

    test('snapshots show the statuses; hidden questions are left out of audience snapshots', () => {
      const { a, b, c, hostView, audienceView } = played();
      assert.deepEqual(hostView.questions.map((q: Frame) => [q.id, q.status]).slice(0, 3), [
        [a, 'pinned'],
        [b, 'answered'],
        [c, 'hidden'],
      ]);
      assert.deepEqual(
        audienceView.questions.map((q: Frame) => [q.id, q.status]).slice(0, 2),
        [
          [a, 'pinned'],
          [b, 'answered'],
        ],
        'hidden questions are left out of audience snapshots',
      );
    });

    test('upvote and unvote of a hidden question get not_found', () => {
      for (const [type, reply] of played().hiddenVotes) {
        assertErr(reply, 'not_found', `${type} on a hidden question`);
      }
    });

    test('answer of an unknown id gets not_found', () => {
      assertErr(played().unknown, 'not_found', 'unknown id');
    });

    test('audience answer, hide, pin, approve and settings get forbidden and emit nothing', async () => {
      const { ch, watcher, member, snapshotOf } = await room();
      const ann = await member('ann');
      const id = await ask(ann, ch, 'Mine?');
      for (const [type, data] of [
        ['answer', { id }],
        ['hide', { id }],
        ['pin', { id }],
        ['approve', { id }],
        ['settings', { moderation: true }],
      ] as const) {
        assertErr(await ann.op(ch, type, data), 'forbidden', type);
      }
      const { questions, settings } = await snapshotOf('late');
      assert.deepEqual(
        questions.map((q: Frame) => q.status),
        ['visible'],
      );
      assert.deepEqual(settings, { moderation: false });
      assert.deepEqual(
        watcher.events(ch).map((f) => f.type),
        ['question'],
      );
    });
  });

  describe('moderation', () => {
    const played = scenario(async () => {
      const { ch, host, watcher, member, snapshotOf } = await room();
      const moderator = await member('mod', 'moderator');
      const malformed = await host.op(ch, 'settings', { moderation: 'on' });
      const turnedOn = await host.op(ch, 'settings', { moderation: true });
      const settingsEv = await watcher.next(isEv(ch, 'settings'));

      const ann = await member('ann');
      const bob = await member('bob');
      const asked = assertAck(await ann.op(ch, 'ask', { text: ' Held back? ' }));
      const id = asked.data.id as string;
      const pending = await ann.next(isMe(ch));
      const question = pending.data.pending as Frame;
      const queues: Frame[] = [];
      for (const staff of [host, moderator]) {
        queues.push(await staff.next((f) => isMe(ch)(f) && 'queue' in f.data));
      }
      // A host's own question is not held; it also serves as a barrier for the watcher.
      const hostQuestion = await ask(host, ch, 'From the stage?');
      const visible = await watcher.next(isEv(ch, 'question'));
      const others: { mes: number; showsId: boolean }[] = [];
      for (const audience of [watcher, bob]) {
        await audience.until(() => audience.events(ch, 'question').length === 1);
        others.push({
          mes: audience.frames.filter(isMe(ch)).length,
          showsId: audience.messages.some((m) => m.includes(id)),
        });
      }

      const lateView = await snapshotOf('late');
      const own = await snapshotOf('ann');
      const hostView = await snapshotOf('host', 'host');

      const upvotes = [await bob.op(ch, 'upvote', { id }), await ann.op(ch, 'upvote', { id })];
      const beforeApprove: [string, Frame][] = [];
      for (const type of ['answer', 'pin']) {
        beforeApprove.push([type, await host.op(ch, type, { id })]);
      }

      // An anonymous question waits too, and the queue does not name its asker.
      const secret = assertAck(await bob.op(ch, 'ask', { text: 'Anon?', anonymous: true }));
      const queued = await host.next((f) => isMe(ch)(f) && f.data.queue?.count === 2);

      const approved = await moderator.op(ch, 'approve', { id });
      const published = await watcher.next(isEv(ch, 'question'));
      await bob.next((f) => isEv(ch, 'question')(f) && f.data.id === id);
      const queueAfter = await host.next((f) => isMe(ch)(f) && f.data.queue?.count === 1);
      const approvedView = await snapshotOf('late2');
      const upvoteApproved = await bob.op(ch, 'upvote', { id });

      // Turning one down (hide): no event; its asker hears of it, the hosts get the new queue.
      const refused = await host.op(ch, 'hide', { id: secret.data.id });
      const turnedDown = await bob.next((f) => isMe(ch)(f) && f.data.pending?.status === 'hidden');
      await host.next((f) => isMe(ch)(f) && f.data.queue?.count === 0);
      await moderator.next((f) => isMe(ch)(f) && f.data.queue?.count === 0);
      const refusedView = await snapshotOf('late3');

      const turnedOff = await host.op(ch, 'settings', { moderation: false });
      const open = assertAck(await bob.op(ch, 'ask', { text: 'Straight through?' }));
      await watcher.next((f) => isEv(ch, 'question')(f) && f.data.id === open.data.id);
      return {
        ann,
        bob,
        asked,
        id,
        pending,
        question,
        queues,
        hostQuestion,
        visible,
        others,
        lateView,
        own,
        hostView,
        upvotes,
        beforeApprove,
        secret,
        queued,
        approved,
        published,
        queueAfter,
        approvedView,
        upvoteApproved,
        refused,
        turnedDown,
        refusedView,
        open,
        settings: { malformed, turnedOn, settingsEv, turnedOff },
      };
    });

    test('settings {moderation} takes a boolean alone; true emits ev settings', () => {
      const { malformed, turnedOn, settingsEv } = played().settings;
      assertErr(malformed, 'invalid', 'settings');
      assertAck(turnedOn);
      assert.deepEqual(settingsEv.data, { moderation: true });
    });

    test('an audience ask is acked with status pending and no seq: a pending question is not an event', () => {
      const { asked } = played();
      assert.equal(asked.data.status, 'pending');
      assert.equal(asked.seq, undefined, 'a pending question is not an event');
    });

    test('the asker gets me {pending} with the question, its text trimmed', () => {
      const { ann, id, pending, question } = played();
      assert.deepEqual(Object.keys(pending.data), ['pending']);
      assert.deepEqual(question, {
        id,
        text: 'Held back?',
        status: 'pending',
        ts: question.ts,
        anonymous: false,
        user: ann.welcome.user,
        votes: 0,
      });
    });

    test('hosts and moderators get me {queue} with the pending question', () => {
      const { queues, question } = played();
      for (const queue of queues) {
        assert.deepEqual(queue.data, { queue: { count: 1, questions: [question] } });
      }
    });

    test('a host’s own question is not held', () => {
      const { visible, hostQuestion } = played();
      assert.equal(visible.data.id, hostQuestion);
    });

    test('the rest of the audience gets no me, and the pending id never shows', () => {
      for (const { mes, showsId } of played().others) {
        assert.equal(mes, 0, 'no me for the others');
        assert.ok(!showsId, 'the pending id never shows');
      }
    });

    test('snapshots: the audience sees a pending question only if it is their own; hosts see the queue', () => {
      const { id, question, hostQuestion, lateView, own, hostView } = played();
      assert.deepEqual(idsIn(lateView), [hostQuestion]);
      assert.deepEqual(own.questions[0], question);
      assert.deepEqual(idsIn(own), [id, hostQuestion]);
      assert.deepEqual(hostView.queue, { count: 1, questions: [question] });
    });

    test('a pending question takes no votes, not even its asker’s', () => {
      const [bobs, anns] = played().upvotes;
      assertErr(bobs, 'not_found', 'upvote of a pending question');
      assertErr(anns, 'not_found', 'upvote of one’s own pending');
    });

    test('answer and pin before approve get conflict', () => {
      for (const [type, reply] of played().beforeApprove) {
        assertErr(reply, 'conflict', `${type} before approve`);
      }
    });

    test('an anonymous question waits too, and the queue does not name its asker', () => {
      const { queued, secret } = played();
      assert.equal(queued.data.queue.questions[1].id, secret.data.id);
      assert.equal(queued.data.queue.questions[1].user, undefined);
    });

    test('approve publishes the question, visible, and takes it off the queue', () => {
      const { approved, published, question, queueAfter, secret } = played();
      const { id, hostQuestion, approvedView } = played();
      assertAck(approved, 'approve');
      assert.equal(published.seq, approved.seq);
      assert.deepEqual(published.data, { ...question, status: 'visible' });
      assert.equal(queueAfter.data.queue.questions[0].id, secret.data.id);
      assert.deepEqual(idsIn(approvedView), [id, hostQuestion]);
    });

    test('an approved question takes votes', () => {
      assertAck(played().upvoteApproved, 'an approved question takes votes');
    });

    test('turning one down (hide) makes no event; its asker gets me {pending} hidden', () => {
      const { refused, turnedDown, secret, bob, id, hostQuestion, refusedView } = played();
      assertAck(refused, 'turn down');
      assert.equal(refused.seq, undefined, JSON.stringify(refused));
      assert.deepEqual(turnedDown.data.pending, {
        id: secret.data.id,
        text: 'Anon?',
        status: 'hidden',
        ts: turnedDown.data.pending.ts,
        anonymous: true,
        user: bob.welcome.user,
        votes: 0,
      });
      assert.deepEqual(idsIn(refusedView), [id, hostQuestion]);
    });

    test('with moderation off again, an audience question goes out at once', () => {
      const { settings, open } = played();
      assertAck(settings.turnedOff);
      assert.equal(open.data.status, 'visible');
    });
  });
});

describe('qa across a restart (sqlite)', () => {
  const { relay, clients, join } = withRelay({
    args: ['--tally-interval-ms', String(TALLY_INTERVAL_MS)],
  });

  test(
    'questions keep the order they were asked in and their vote counts across a SIGKILL; votes still SET afterwards',
    { timeout: 30_000 },
    async () => {
      const ch = 'restart/qa';
      const ann = await join('ann');
      const bob = await join('bob');
      // ann's five go out back to back, so several share a millisecond; then bob's five.
      const pipelined = await Promise.all(
        [1, 2, 3, 4, 5].map((i) => ann.op(ch, 'ask', { text: `Ann ${i}?` })),
      );
      const order = pipelined.map((a) => assertAck(a).data.id as string);
      for (const i of [1, 2, 3, 4, 5]) order.push(await ask(bob, ch, `Bob ${i}?`));
      const voters = await Promise.all(['v0', 'v1', 'v2', 'v3'].map((u) => join(u)));
      // Question k gets (k % 4) votes; v0 also votes and takes it back on question 8.
      for (const [k, id] of order.entries()) {
        for (const voter of voters.slice(0, k % 4)) assertAck(await voter.op(ch, 'upvote', { id }));
      }
      assertAck(await voters[0].op(ch, 'upvote', { id: order[8] }));
      assertAck(await voters[0].op(ch, 'unvote', { id: order[8] }));
      const expected = order.map((id, k) => [id, k % 4]);

      const view = async () => {
        const observer = await join('observer');
        const { snapshot } = await observer.sub(ch);
        return snapshot.questions.map((q: Frame) => [q.id, q.votes]);
      };
      assert.deepEqual(await view(), expected, 'in the order asked, before the restart');

      assert.equal(await relay.stop('SIGKILL'), null);
      clients.closeAll();
      await relay.restart();

      assert.deepEqual(await view(), expected, 'in the order asked, after the restart');
      const v1 = await join('v1');
      const ok = await v1.sub(ch);
      const me = await v1.next(isMe(ch));
      assert.equal(v1.frames.indexOf(me), v1.frames.indexOf(ok) + 1);
      assert.deepEqual([...me.data.voted].sort(), order.filter((_, k) => k % 4 >= 2).sort());
      // Votes still SET: a repeated upvote changes nothing, a new one counts once.
      const watcher = await join('watcher');
      await watcher.sub(ch);
      assertAck(await v1.op(ch, 'upvote', { id: order[3] }));
      assertAck(await v1.op(ch, 'upvote', { id: order[1] }));
      const votes = await watcher.next(isVotes(ch, order[1]));
      assert.deepEqual(votes.data, { id: order[1], votes: 2 });
      await sleep(2 * TALLY_INTERVAL_MS);
      assert.equal(watcher.frames.filter(isVotes(ch, order[3])).length, 0);
      const later = await ask(await join('ann'), ch, 'After the restart?');
      assert.deepEqual((await view()).at(-1), [later, 0]);
    },
  );
});

/**
 * Bounds (protocol-notes.md: Q&A): a room keeps at most 1,000 questions, dropping the oldest
 * answered or hidden first, then the oldest visible, never the pinned one nor a pending one; at
 * most 200 wait for approval. A forgotten question's records (its votes too) leave the store.
 */
describe('qa limits (sqlite)', () => {
  const QUESTIONS_MAX = 1_000;
  const PENDING_MAX = 200;
  const { relay, join } = withRelay({ args: ['--rate-limits', 'off'] });

  /** A host's snapshot from a fresh connection: every question, pending and hidden included. */
  async function hostView(ch: string) {
    const viewer = await join(`viewer-${Math.random().toString(36).slice(2)}`, 'host');
    const ok = await viewer.sub(ch);
    viewer.terminate();
    return ok.snapshot as Frame;
  }

  test(
    'at most 1,000 questions: the oldest answered or hidden go first, then the oldest visible; the pinned and pending stay; records go too (restart)',
    { timeout: 120_000 },
    async () => {
      const ch = 'bounded/qa';
      const host = await join('asker', 'host');
      const q = idsOf(
        await askAll(
          host,
          ch,
          range(0, 999).map((i) => `Question ${i}?`),
        ),
      );
      assertAck(await host.op(ch, 'pin', { id: q[5] }));
      const answered = range(10, 19).map((i) => q[i]);
      const hidden = range(30, 34).map((i) => q[i]);
      for (const id of answered) assertAck(await host.op(ch, 'answer', { id }));
      for (const id of hidden) assertAck(await host.op(ch, 'hide', { id }));
      const voters = [await join('voter-0'), await join('voter-1')];
      for (const voter of voters) {
        for (const id of [q[0], q[1], q[10], q[999]]) {
          assertAck(await voter.op(ch, 'upvote', { id }));
        }
      }
      // Three held for approval: pending questions are never dropped to make room.
      assertAck(await host.op(ch, 'settings', { moderation: true }));
      const audience = await join('audience');
      const pending = idsOf(await askAll(audience, ch, ['Held 0?', 'Held 1?', 'Held 2?']));

      // 1,015 asked: the 15 answered and hidden ones go, oldest first, and nothing else.
      const h = idsOf(
        await askAll(
          host,
          ch,
          range(0, 11).map((i) => `Later ${i}?`),
        ),
      );
      const settled = new Set([...answered, ...hidden]);
      // A host's snapshot lists pending questions in `queue`, the others in `questions`.
      let expected = [...q.filter((id) => !settled.has(id)), ...h];
      assert.equal(expected.length + pending.length, QUESTIONS_MAX);
      let view = await hostView(ch);
      assert.deepEqual(idsIn(view), expected, 'after 1,015 asked');
      assert.deepEqual(
        view.queue.questions.map((x: Frame) => x.id),
        pending,
      );

      // 13 more: the 13 oldest visible go, the pinned one (5th) stays.
      h.push(
        ...idsOf(
          await askAll(
            host,
            ch,
            range(12, 24).map((i) => `Later ${i}?`),
          ),
        ),
      );
      const oldestVisible = [0, 1, 2, 3, 4, 6, 7, 8, 9, 20, 21, 22, 23].map((i) => q[i]);
      const dropped = new Set([...settled, ...oldestVisible]);
      expected = [...q.filter((id) => !dropped.has(id)), ...h];
      assert.equal(expected.length + pending.length, QUESTIONS_MAX);
      view = await hostView(ch);
      assert.deepEqual(idsIn(view), expected, 'after 1,028 asked');
      assert.equal(view.questions.find((x: Frame) => x.id === q[5]).status, 'pinned');
      assert.deepEqual(
        view.queue.questions.map((x: Frame) => x.id),
        pending,
      );
      assertErr(await voters[0].op(ch, 'upvote', { id: q[0] }), 'not_found', 'a dropped question');

      // The store holds exactly what the room kept, votes of dropped questions deleted.
      assert.equal(await relay.stop('SIGTERM'), 0);
      const db = new Database(joinPath(relay.dataDir!, 'hubbub.sqlite'), { readonly: true });
      try {
        const keys = db.prepare('SELECT key FROM records WHERE ch = ?').pluck().all(ch) as string[];
        const stored = keys.filter((k) => k.startsWith('q:')).map((k) => k.slice(2));
        assert.deepEqual(new Set(stored), new Set([...expected, ...pending]));
        const votes = keys.filter((k) => k.startsWith('vote:')).sort();
        assert.deepEqual(votes, [`vote:${q[999]}:voter-0`, `vote:${q[999]}:voter-1`]);
      } finally {
        db.close();
      }
      await relay.restart();
      const restarted = await hostView(ch);
      assert.deepEqual(idsIn(restarted), expected, 'after the restart');
      assert.deepEqual(
        restarted.queue.questions.map((x: Frame) => x.id),
        pending,
      );
      assert.equal(restarted.questions.find((x: Frame) => x.id === q[999]).votes, 2);
      const voter = await join('voter-0');
      await voter.sub(ch);
      assert.deepEqual((await voter.next(isMe(ch))).data, { voted: [q[999]] });
    },
  );

  test('at most 200 wait for approval: a further audience ask gets conflict; hosts still ask; a decision makes room', async () => {
    const ch = 'queue-cap/qa';
    const host = await join('queue-host', 'host');
    await host.sub(ch);
    assertAck(await host.op(ch, 'settings', { moderation: true }));
    const ann = await join('queue-ann');
    const held = idsOf(
      await askAll(
        ann,
        ch,
        range(1, PENDING_MAX).map((i) => `Waiting ${i}?`),
      ),
    );
    const full = assertErr(await ann.op(ch, 'ask', { text: 'One too many?' }), 'conflict');
    assert.match(full.message, /queue/);
    const bob = await join('queue-bob');
    assertErr(await bob.op(ch, 'ask', { text: 'Me neither?' }), 'conflict', 'another user');
    const fromStage = assertAck(await host.op(ch, 'ask', { text: 'From the stage?' }));
    assert.equal(fromStage.data.status, 'visible');
    let view = await hostView(ch);
    assert.equal(view.queue.count, PENDING_MAX);
    assert.deepEqual(
      view.queue.questions.map((x: Frame) => x.id),
      held.slice(0, 50),
      'the oldest held questions stay listed',
    );
    // The asker's own snapshot lists every one of theirs still waiting.
    const annView = await ann.sub(ch);
    assert.deepEqual(
      annView.snapshot.questions
        .filter((x: Frame) => x.status === 'pending')
        .map((x: Frame) => x.id),
      held,
      'every held question stays',
    );

    assertAck(await host.op(ch, 'approve', { id: held[0] }));
    assertAck(await host.op(ch, 'hide', { id: held[1] }));
    const again = assertAck(await bob.op(ch, 'ask', { text: 'Now?' }));
    assert.equal(again.data.status, 'pending');
    assert.equal(assertAck(await ann.op(ch, 'ask', { text: 'And me?' })).data.status, 'pending');
    assertErr(await ann.op(ch, 'ask', { text: 'Full again?' }), 'conflict');
    view = await hostView(ch);
    assert.equal(view.queue.count, PENDING_MAX);
    await host.until(() => host.frames.filter(isMe(ch)).at(-1)?.data.queue?.count === PENDING_MAX);
  });
});

/**
 * An acked vote's count reaches the history even when the relay stops before its coalesced
 * `votes` event: a client resuming across the restart gets the count, not a stale one.
 */
describe('qa vote counts across a stop (sqlite)', () => {
  const ch = 'votes-stop/qa';
  const start = throttledRelays(ch);

  /** One vote goes out as an event, three more are acked, and the relay is stopped at once. */
  async function voteThenStop(signal: NodeJS.Signals) {
    const { join, watcher, ok, stopThenResume } = await start();
    const id = await ask(await join('host', 'host'), ch, 'Counted?');
    const voters = await Promise.all(['v0', 'v1', 'v2', 'v3'].map((u) => join(u)));
    assertAck(await voters[0].op(ch, 'upvote', { id }));
    const first = await watcher.next(isVotes(ch, id));
    assert.equal(first.data.votes, 1);
    const acks = await Promise.all(voters.slice(1).map((v) => v.op(ch, 'upvote', { id })));
    const { exitCode, eventsAtStop, reader, resumed } = await stopThenResume(
      signal,
      () => watcher.frames.filter(isVotes(ch, id)).length,
      first,
    );
    for (const ack of acks) assertAck(ack, 'upvote');
    assert.equal(eventsAtStop, 1, 'the relay was stopped before the second votes event');
    assert.equal(resumed.epoch, ok.epoch, 'same epoch');
    const votes = await reader.next(isVotes(ch, id));
    return { id, exitCode, resumed, votes, reader };
  }

  test('SIGKILL right after the acks: after the restart a votes event carries the acked count', async () => {
    const { id, votes } = await voteThenStop('SIGKILL');
    assert.deepEqual(votes.data, { id, votes: 4 });
  });

  test('SIGTERM right after the acks: the votes event is stored on the way down and replayed', async () => {
    const { id, exitCode, resumed, votes, reader } = await voteThenStop('SIGTERM');
    assert.equal(exitCode, 0);
    assert.deepEqual(votes.data, { id, votes: 4 });
    assert.equal(resumed.replay, 1);
    assert.equal(reader.frames.indexOf(votes), reader.frames.indexOf(resumed) + 1);
    await sleep(THROTTLE_HOLD_MS + TIMER_SLACK_MS);
    assert.equal(reader.events(ch).length, 1, 'sent once');
  });
});
