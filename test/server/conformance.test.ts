/**
 * Conformance (PROTOCOL.md read alone, as an outsider would): the details of "Decisions on
 * details" that sit between two rules and that the feature suites do not already hold. Above
 * all, a repeated `mid` is answered from the first outcome whatever happened since (a ban, slow
 * mode, a reveal, a close), and refusals leave the state as it was. Plain `ws` clients against a
 * real relay process on a SQLite store.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RawClient, newMid, sleep, type Frame } from '../helpers/raw-client.js';
import { freshRelays, withRelay } from '../helpers/fresh-relay.js';
import { assertAck, assertErr, isEv, outcome } from '../helpers/frames.js';

/** Longer than any throttle or coalescing interval of the relay's defaults (250 ms at most). */
const QUIET_MS = 700;

const isPresence = (ch: string) => (f: Frame) => f.t === 'presence' && f.ch === ch;

/** `n` code points of two UTF-16 units each (a symbol, no letter). */
const astral = (n: number) => '𝄞'.repeat(n);

/** `n` Deseret small letters: letters, one code point and two UTF-16 units each. */
const deseret = (n: number) => '𐐨𐐩𐐪𐐫'.repeat(n / 4 + 1).slice(0, n * 2);

/** A quiz question whose answer is option 0, open for a minute unless told otherwise. */
const quizQuestion = (fields: Record<string, unknown> = {}) => ({
  text: 'Q',
  options: ['a', 'b'],
  correct: 0,
  timeLimitMs: 60_000,
  ...fields,
});

/** Resolves once `time` (relay and test share the machine's clock) has passed. */
async function waitUntil(time: number): Promise<void> {
  while (Date.now() <= time) await sleep(Math.max(1, time - Date.now() + 1));
}

describe('conformance', () => {
  const { relay, clients, room: newRoom } = withRelay();
  const relayToken = (claims: { sub: string; name: string }) => relay.token(claims);

  describe('a repeated mid is answered from the first outcome, whatever happened since', () => {
    test('chat send retried after its author was banned: the same ack, no event', async () => {
      const { ch, join, member } = newRoom('c-ban', 'chat');
      const watcher = await member('watcher');
      const host = await join('host', 'host');
      const troll = await join('troll');
      const mid = newMid();
      const first = assertAck(await troll.op(ch, 'send', { text: 'hi' }, mid));
      assertAck(await host.op(ch, 'ban', { userId: troll.welcome.user.id }));
      await watcher.next(isEv(ch, 'banned'));
      const retry = await troll.op(ch, 'send', { text: 'hi' }, mid);
      assert.deepEqual(outcome(retry), outcome(first));
      assertErr(await troll.op(ch, 'send', { text: 'new' }), 'forbidden', 'a new send');
      assert.equal(watcher.events(ch, 'message').length, 1);
    });

    test('chat send retried within slow mode: the same ack, not rate_limited', async () => {
      const { ch, join } = newRoom('c-slow', 'chat');
      const host = await join('host', 'host');
      const ann = await join('ann');
      assertAck(await host.op(ch, 'settings', { slowModeSeconds: 60 }));
      const mid = newMid();
      const first = assertAck(await ann.op(ch, 'send', { text: 'one' }, mid));
      const retry = await ann.op(ch, 'send', { text: 'one' }, mid);
      assert.deepEqual(outcome(retry), outcome(first));
      const slowed = assertErr(await ann.op(ch, 'send', { text: 'two' }), 'rate_limited');
      assert.ok(slowed.retryAfterMs > 0 && slowed.retryAfterMs <= 60_000, JSON.stringify(slowed));
    });

    test('quiz answer retried after the reveal: the same ack, not too_late', async () => {
      const { ch, join, member } = newRoom('c-quiz', 'quiz');
      const watcher = await member('watcher');
      const host = await join('host', 'host');
      const ann = await join('ann');
      const questions = [{ text: 'Q', options: ['a', 'b'], correct: 1, timeLimitMs: 60_000 }];
      assertAck(await host.op(ch, 'load', { questions }));
      assertAck(await host.op(ch, 'next', {}));
      const mid = newMid();
      const first = assertAck(await ann.op(ch, 'answer', { index: 0, choice: 1 }, mid));
      assertAck(await host.op(ch, 'reveal', {}));
      await watcher.next(isEv(ch, 'leaderboard'));
      const retry = await ann.op(ch, 'answer', { index: 0, choice: 0 }, mid);
      assert.deepEqual(outcome(retry), outcome(first));
      assertErr(await ann.op(ch, 'answer', { index: 0, choice: 1 }), 'too_late', 'a new answer');
    });

    test('poll vote retried after the close: the same ack, the counts unchanged', async () => {
      const { ch, join, member } = newRoom('c-poll', 'poll');
      const watcher = await member('watcher');
      const host = await join('host', 'host');
      const ann = await join('ann');
      const create = { question: 'Q?', options: ['a', 'b'], kind: 'single' };
      const { pollId } = assertAck(await host.op(ch, 'create', create)).data;
      assertAck(await host.op(ch, 'open', { pollId }));
      const mid = newMid();
      const first = assertAck(await ann.op(ch, 'vote', { pollId, choice: 0 }, mid));
      assertAck(await host.op(ch, 'close', { pollId }));
      await watcher.next(isEv(ch, 'status'));
      const retry = await ann.op(ch, 'vote', { pollId, choice: 1 }, mid);
      assert.deepEqual(outcome(retry), outcome(first));
      assertErr(await ann.op(ch, 'vote', { pollId, choice: 1 }), 'closed', 'a new vote');
      const [poll] = (await (await join('late')).sub(ch)).snapshot.polls;
      assert.deepEqual([poll.counts, poll.total], [[1, 0], 1]);
    });
    test('already processed mids re-sent at ten times the op limit are all answered, none limited', async () => {
      const { ch, join } = newRoom('c-outbox', 'reactions');
      const tabs = [];
      const mids: string[] = [];
      // 12 connections of one user, 50 reactions each: each connection within its op limit.
      for (let c = 0; c < 12; c++) {
        const tab = await join('ann');
        const frames = Array.from({ length: 50 }, (_, i) => {
          const mid = newMid();
          mids.push(mid);
          return { t: 'op', id: `a${i}`, ch, mid, type: 'react', data: { emoji: '🔥' } };
        });
        tab.sendBurst(frames);
        const answers = await tab.collect((f) => f.t === 'ack' || f.t === 'err', 50);
        assert.ok(
          answers.every((f) => f.t === 'ack'),
          JSON.stringify(answers.find((f) => f.t !== 'ack')),
        );
        tabs.push(tab);
      }
      // After a reconnect, one connection re-sends all 600 in one write, as an outbox would.
      const again = await join('ann');
      again.sendBurst(
        mids.map((mid, i) => ({ t: 'op', id: `b${i}`, ch, mid, type: 'react', data: {} })),
      );
      const answers = await again.collect((f) => f.t === 'ack' || f.t === 'err', mids.length);
      assert.deepEqual(
        answers.filter((f) => f.t !== 'ack'),
        [],
      );
      assert.equal(again.open, true);
    });
  });

  describe('polls', () => {
    /** An open poll of `kind` on a fresh room, with a watcher subscribed to it. */
    async function openPoll(kind: string, options?: string[]) {
      const r = newRoom('c-polls', 'poll');
      const watcher = await r.member('watcher');
      const host = await r.join('host', 'host');
      const create = { question: 'Q?', kind, ...(options ? { options } : {}) };
      const { pollId } = assertAck(await host.op(r.ch, 'create', create), 'create').data;
      assertAck(await host.op(r.ch, 'open', { pollId }));
      const tallies = () => watcher.events(r.ch, 'tally').filter((f) => f.data.pollId === pollId);
      return { ...r, watcher, host, pollId, tallies };
    }

    test('a vote changed and changed back within one interval sends no tally: the counts did not change', async () => {
      const { ch, join, watcher, pollId, tallies } = await openPoll('single', ['a', 'b']);
      const ann = await join('ann');
      assertAck(await ann.op(ch, 'vote', { pollId, choice: 0 }));
      await watcher.next((f) => isEv(ch, 'tally')(f) && f.data.total === 1);
      await sleep(QUIET_MS);
      const before = tallies().length;
      ann.sendBurst([
        { t: 'op', id: 'b1', ch, mid: newMid(), type: 'vote', data: { pollId, choice: 1 } },
        { t: 'op', id: 'b2', ch, mid: newMid(), type: 'vote', data: { pollId, choice: 0 } },
      ]);
      await ann.next((f) => f.t === 'ack' && f.id === 'b2');
      await sleep(QUIET_MS);
      assert.deepEqual(
        tallies()
          .slice(before)
          .map((f) => f.data),
        [],
        'no tally with the counts already sent',
      );
    });

    test('a vote that says the same in other words sends no tally: choices reordered, words recased', async () => {
      const multi = await openPoll('multi', ['a', 'b', 'c']);
      const cloud = await openPoll('wordcloud');
      const ann = await multi.join('ann');
      const bo = await cloud.join('bo');
      assertAck(await ann.op(multi.ch, 'vote', { pollId: multi.pollId, choices: [0, 2] }));
      assertAck(await bo.op(cloud.ch, 'vote', { pollId: cloud.pollId, text: 'purple rain' }));
      await multi.watcher.next(isEv(multi.ch, 'tally'));
      await cloud.watcher.next(isEv(cloud.ch, 'tally'));
      await sleep(QUIET_MS);
      assertAck(await ann.op(multi.ch, 'vote', { pollId: multi.pollId, choices: [2, 0] }));
      assertAck(await bo.op(cloud.ch, 'vote', { pollId: cloud.pollId, text: 'Rain, PURPLE!' }));
      await sleep(QUIET_MS);
      assert.equal(multi.tallies().length, 1, JSON.stringify(multi.tallies()));
      assert.equal(cloud.tallies().length, 1, JSON.stringify(cloud.tallies()));
    });

    test('a multi vote of two options counts one user in total; a word cloud counts users too', async () => {
      const multi = await openPoll('multi', ['a', 'b', 'c']);
      const ann = await multi.join('ann');
      assertAck(await ann.op(multi.ch, 'vote', { pollId: multi.pollId, choices: [0, 2] }));
      const tally = await multi.watcher.next(isEv(multi.ch, 'tally'));
      assert.deepEqual([tally.data.counts, tally.data.total], [[1, 0, 1], 1]);

      const cloud = await openPoll('wordcloud');
      const bo = await cloud.join('bo');
      assertAck(await bo.op(cloud.ch, 'vote', { pollId: cloud.pollId, text: 'Purple Orange' }));
      const words = await cloud.watcher.next(isEv(cloud.ch, 'tally'));
      assert.deepEqual([words.data.counts, words.data.total], [{ orange: 1, purple: 1 }, 1]);
    });

    test('option and question lengths are counted in code points', async () => {
      const { ch, host } = await openPoll('single', ['a']);
      const accepted = { question: astral(200), options: [astral(100)], kind: 'single' };
      assertAck(await host.op(ch, 'create', accepted), '200 / 100 code points');
      const longOption = { question: 'Q?', options: [astral(101)], kind: 'single' };
      assertErr(await host.op(ch, 'create', longOption), 'invalid', '101 code points');
    });

    test('a word-cloud answer of 40 code points outside the BMP is accepted, 41 is invalid', async () => {
      const { ch, join, pollId } = await openPoll('wordcloud');
      const ann = await join('ann');
      assert.equal([...deseret(40)].length, 40);
      assertAck(await ann.op(ch, 'vote', { pollId, text: deseret(40) }), '40 code points');
      assertErr(await ann.op(ch, 'vote', { pollId, text: deseret(41) }), 'invalid', '41');
    });
  });

  describe('chat', () => {
    async function chatRoom() {
      const r = newRoom('c-chat', 'chat');
      const watcher = await r.member('watcher');
      const host = await r.join('host', 'host');
      const ann = await r.join('ann');
      return { ...r, watcher, host, ann };
    }

    test('slow mode: a send after retryAfterMs is accepted; refused sends do not restart the wait', async () => {
      const { ch, host, ann } = await chatRoom();
      assertAck(await host.op(ch, 'settings', { slowModeSeconds: 1 }));
      assertAck(await ann.op(ch, 'send', { text: 'one' }));
      const first = assertErr(await ann.op(ch, 'send', { text: 'two' }), 'rate_limited');
      const waitUntilMs = Date.now() + first.retryAfterMs;
      await sleep(first.retryAfterMs / 2);
      const second = assertErr(await ann.op(ch, 'send', { text: 'three' }), 'rate_limited');
      assert.ok(second.retryAfterMs <= first.retryAfterMs, JSON.stringify([first, second]));
      await waitUntil(waitUntilMs);
      assertAck(await ann.op(ch, 'send', { text: 'four' }), 'after the first retryAfterMs');
    });

    test('replyTo and pin of a deleted message get not_found', async () => {
      const { ch, host, ann } = await chatRoom();
      const { id } = assertAck(await ann.op(ch, 'send', { text: 'soon gone' })).data;
      assertAck(await ann.op(ch, 'delete', { id }));
      assertErr(await ann.op(ch, 'send', { text: 're', replyTo: id }), 'not_found', 'replyTo');
      assertErr(await host.op(ch, 'pin', { id }), 'not_found', 'pin');
    });

    test('unpin with nothing pinned is acked without seq and emits nothing', async () => {
      const { ch, host, watcher } = await chatRoom();
      const ack = assertAck(await host.op(ch, 'unpin', {}));
      assert.equal(ack.seq, undefined, JSON.stringify(ack));
      assertAck(await host.op(ch, 'send', { text: 'sync' }));
      await watcher.next(isEv(ch, 'message'));
      assert.deepEqual(
        watcher.events(ch).map((f) => f.type),
        ['message'],
      );
    });

    test('a banned user still reads: a sub answers with the snapshot and live events follow', async () => {
      const { ch, host, ann, join } = await chatRoom();
      assertAck(await host.op(ch, 'ban', { userId: ann.welcome.user.id }));
      const ok = await ann.sub(ch);
      assert.equal(ok.t, 'ok', JSON.stringify(ok));
      assert.ok(Array.isArray(ok.snapshot?.messages), JSON.stringify(ok));
      const bo = await join('bo');
      assertAck(await bo.op(ch, 'send', { text: 'still read' }));
      await ann.next((f) => isEv(ch, 'message')(f) && f.data.text === 'still read');
      const presence = await ann.presence(ch.replace('/chat', '/presence'), 'enter');
      assertErr(presence, 'forbidden', 'presence enter of a banned user');
    });
  });

  describe('quiz', () => {
    test('next while the last question is open reveals it, then ends: final leaderboard', async () => {
      const { ch, join, member } = newRoom('c-end', 'quiz');
      const watcher = await member('watcher');
      const host = await join('host', 'host');
      const ann = await join('ann');
      const questions = [{ text: 'Q', options: ['a', 'b'], correct: 0, timeLimitMs: 60_000 }];
      assertAck(await host.op(ch, 'load', { questions }));
      assertAck(await host.op(ch, 'next', {}));
      const ev = await watcher.next(isEv(ch, 'question'));
      await waitUntil(ev.data.startsAt);
      assertAck(await ann.op(ch, 'answer', { index: 0, choice: 0 }));
      const ended = assertAck(await host.op(ch, 'next', {}), 'next after the last');
      const final = await watcher.next((f) => isEv(ch, 'leaderboard')(f) && f.data.final);
      const types = watcher
        .events(ch)
        .filter((f) => f.seq >= ended.seq && f.seq <= final.seq)
        .map((f) => f.type);
      assert.equal(types[0], 'result', JSON.stringify(types));
      assert.equal(final.data.players, 1);
      assert.equal(final.data.top[0].userId, ann.welcome.user.id);
      assertErr(await ann.op(ch, 'answer', { index: 0, choice: 1 }), 'too_late');
    });
  });

  describe('presence', () => {
    test('leave from a connection that never entered keeps the member another one entered', async () => {
      const { ch, join, member } = newRoom('c-pres', 'presence');
      const watcher = await member('watcher');
      await watcher.next(isPresence(ch));
      const tab1 = await join('ann');
      const tab2 = await join('ann');
      assert.equal((await tab1.presence(ch, 'enter', { status: 'here' })).t, 'ok');
      await watcher.next((f) => isPresence(ch)(f) && (f.join ?? []).length > 0);
      const left = await tab2.presence(ch, 'leave');
      assert.equal(left.t, 'ok', JSON.stringify(left));
      await sleep(QUIET_MS);
      assert.ok(
        !watcher.frames.some((f) => isPresence(ch)(f) && (f.leave ?? []).length > 0),
        'no leave for a member whose entered connection is still there',
      );
      const late = await join('late');
      await late.sub(ch);
      const first = await late.next(isPresence(ch));
      assert.deepEqual(
        first.members.map((m: Frame) => m.id),
        [tab1.welcome.user.id],
      );
    });

    test('sub again on the presence channel: ok with count, members again, changes not doubled', async () => {
      const { ch, join, member } = newRoom('c-pres2', 'presence');
      const watcher = await member('watcher');
      await watcher.next(isPresence(ch));
      const again = await watcher.sub(ch);
      assert.equal(again.t, 'ok');
      assert.equal(again.count, 0);
      assert.equal(again.epoch, undefined);
      const list = await watcher.next(isPresence(ch));
      assert.deepEqual(list.members, []);
      const ann = await join('ann');
      await ann.presence(ch, 'enter');
      await watcher.next((f) => isPresence(ch)(f) && (f.join ?? []).length > 0);
      await sleep(QUIET_MS);
      const joins = watcher.frames.filter((f) => isPresence(ch)(f) && (f.join ?? []).length > 0);
      assert.equal(joins.length, 1, JSON.stringify(joins));
    });

    test('unsub of the presence channel stops its frames', async () => {
      const { ch, join, member } = newRoom('c-pres3', 'presence');
      const watcher = await member('watcher');
      await watcher.next(isPresence(ch));
      const ok = await watcher.request({ t: 'unsub', ch });
      assert.equal(ok.t, 'ok');
      const before = watcher.frames.filter(isPresence(ch)).length;
      const ann = await join('ann');
      await ann.presence(ch, 'enter');
      await sleep(QUIET_MS);
      assert.equal(watcher.frames.filter(isPresence(ch)).length, before);
    });
  });

  describe('names that are also Object.prototype keys are ordinary names', () => {
    const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

    test('rooms named after them are ordinary rooms, for every feature', async () => {
      const { join } = newRoom('c-proto-rooms', 'chat');
      const host = await join('host', 'host');
      for (const roomId of PROTO_NAMES) {
        for (const feature of ['chat', 'poll', 'quiz', 'qa', 'reactions']) {
          const ok = await host.sub(`${roomId}/${feature}`);
          assert.equal(ok.t, 'ok', `${roomId}/${feature}: ${JSON.stringify(ok)}`);
          assert.equal(ok.reset, true, `${roomId}/${feature}`);
          assert.equal(ok.seq, 0, `${roomId}/${feature} is new: ${JSON.stringify(ok)}`);
        }
        const presence = await host.sub(`${roomId}/presence`);
        assert.equal(presence.t, 'ok', `${roomId}/presence: ${JSON.stringify(presence)}`);
        assert.equal(presence.count, 0, `${roomId}/presence`);
      }
      const ack = assertAck(await host.op('constructor/chat', 'send', { text: 'hi' }));
      assert.equal(ack.seq, 1);
    });

    test('ids named after them are unknown ids: not_found', async () => {
      const { roomId, join } = newRoom('c-proto-ids', 'chat');
      const host = await join('host', 'host');
      const ann = await join('ann');
      const poll = `${roomId}/poll`;
      const qa = `${roomId}/qa`;
      const chat = `${roomId}/chat`;
      assertAck(await ann.op(chat, 'send', { text: 'something to reply to' }));
      for (const id of PROTO_NAMES) {
        assertErr(await host.op(poll, 'open', { pollId: id }), 'not_found', `open ${id}`);
        assertErr(await ann.op(poll, 'vote', { pollId: id, choice: 0 }), 'not_found', id);
        assertErr(await ann.op(chat, 'delete', { id }), 'not_found', `delete ${id}`);
        assertErr(await host.op(chat, 'pin', { id }), 'not_found', `pin ${id}`);
        const reply = await ann.op(chat, 'send', { text: 're', replyTo: id });
        assertErr(reply, 'not_found', `replyTo ${id}`);
        assertErr(await ann.op(qa, 'upvote', { id }), 'not_found', `upvote ${id}`);
        assertErr(await host.op(qa, 'answer', { id }), 'not_found', `answer ${id}`);
        const emoji = await ann.op(`${roomId}/reactions`, 'react', { emoji: id });
        assertErr(emoji, 'invalid', `react ${id}`);
      }
    });

    test('a word-cloud word named after one is counted like any word', async () => {
      const { ch, join, member } = newRoom('c-proto-words', 'poll');
      const watcher = await member('watcher');
      const host = await join('host', 'host');
      const create = { question: 'Q?', kind: 'wordcloud' };
      const { pollId } = assertAck(await host.op(ch, 'create', create)).data;
      assertAck(await host.op(ch, 'open', { pollId }));
      const ann = await join('ann');
      const bo = await join('bo');
      assertAck(await ann.op(ch, 'vote', { pollId, text: 'constructor' }));
      assertAck(await bo.op(ch, 'vote', { pollId, text: 'Constructor valueof tostring' }));
      await watcher.next((f) => isEv(ch, 'tally')(f) && f.data.total === 2);
      const [poll] = (await (await join('late')).sub(ch)).snapshot.polls;
      assert.deepEqual(poll.counts, { constructor: 2, tostring: 1, valueof: 1 });
    });

    test('users whose ids are such names vote, play and are present like anyone', async () => {
      const { roomId, join, member } = newRoom('c-proto-users', 'poll');
      const poll = `${roomId}/poll`;
      const quiz = `${roomId}/quiz`;
      const presence = `${roomId}/presence`;
      const watcher = await member('watcher');
      await watcher.sub(quiz);
      await watcher.sub(presence);
      const host = await join('host', 'host');
      const create = { question: 'Q?', options: ['a', 'b'], kind: 'single' };
      const { pollId } = assertAck(await host.op(poll, 'create', create)).data;
      assertAck(await host.op(poll, 'open', { pollId }));
      const questions = [{ text: 'Q', options: ['a', 'b'], correct: 0, timeLimitMs: 60_000 }];
      assertAck(await host.op(quiz, 'load', { questions }));
      assertAck(await host.op(quiz, 'next', {}));
      const question = await watcher.next(isEv(quiz, 'question'));
      await waitUntil(question.data.startsAt);
      const users = [];
      for (const sub of PROTO_NAMES) {
        const user = await clients.join({ token: relayToken({ sub, name: sub }) });
        assert.equal(user.welcome.user.id, sub);
        assertAck(await user.op(poll, 'vote', { pollId, choice: 1 }), `${sub} votes`);
        assertAck(await user.op(quiz, 'answer', { index: 0, choice: 0 }), `${sub} answers`);
        assert.equal((await user.presence(presence, 'enter', { status: sub })).t, 'ok', sub);
        users.push(user);
      }
      const tally = await watcher.next(
        (f) => isEv(poll, 'tally')(f) && f.data.total === PROTO_NAMES.length,
      );
      assert.deepEqual(tally.data.counts, [0, PROTO_NAMES.length]);
      assertAck(await host.op(quiz, 'reveal', {}));
      const board = await watcher.next(isEv(quiz, 'leaderboard'));
      assert.equal(board.data.players, PROTO_NAMES.length);
      assert.deepEqual(board.data.top.map((p: Frame) => p.userId).sort(), [...PROTO_NAMES].sort());
      const late = await join('late');
      await late.sub(presence);
      const list = await late.next(isPresence(presence));
      assert.equal(list.count, PROTO_NAMES.length);
      assert.deepEqual(list.members.map((m: Frame) => m.id).sort(), [...PROTO_NAMES].sort());
    });

    test('a frame whose t is such a name is bad_frame; the socket stays', async () => {
      const { ch, join } = newRoom('c-proto-t', 'chat');
      const ann = await join('ann');
      for (const t of [...PROTO_NAMES, 'ok', 'ack', 'welcome', 'ev', 'me']) {
        ann.send({ t, id: 'x', ch });
        const answer = await ann.next((f) => f.t === 'err');
        assert.equal(answer.code, 'bad_frame', `t ${t}: ${JSON.stringify(answer)}`);
      }
      assert.equal((await ann.sub(ch)).t, 'ok');
    });

    test('an own __proto__ key supplies no field: op data, frame fields and presence data', async () => {
      const { ch, join, member } = newRoom('c-proto-json', 'chat');
      const watcher = await member('watcher');
      const ann = await join('ann');
      ann.sendText(
        `{"t":"op","id":"p1","ch":"${ch}","mid":"${newMid()}","type":"send","data":{"__proto__":{"text":"polluted"}}}`,
      );
      assertErr(await ann.next((f) => f.id === 'p1'), 'invalid', 'data.__proto__.text');
      ann.sendText(
        `{"t":"op","id":"p2","ch":"${ch}","__proto__":{"mid":"m1"},"type":"send","data":{"text":"x"}}`,
      );
      assertErr(await ann.next((f) => f.id === 'p2'), 'invalid', 'frame __proto__.mid');
      const presence = ch.replace('/chat', '/presence');
      ann.sendText(
        `{"t":"presence","id":"p3","ch":"${presence}","action":"enter","data":{"status":"a","__proto__":{"status":"b","x":1}}}`,
      );
      assert.equal((await ann.next((f) => f.id === 'p3')).t, 'ok');
      const late = await join('late');
      await late.sub(presence);
      const list = await late.next(isPresence(presence));
      const data = list.members.find((m: Frame) => m.id === ann.welcome.user.id)?.data;
      assert.equal(data?.status, 'a', JSON.stringify(list.members));
      assert.equal(data?.x, undefined, JSON.stringify(data));
      assert.equal(watcher.events(ch).length, 0);
    });
  });

  describe('numbers and strings at the edges of their types', () => {
    test('from with a huge seq or a long epoch gets reset, never internal, and is not echoed', async () => {
      const { ch, join } = newRoom('c-from', 'chat');
      const ann = await join('ann');
      const { epoch } = await ann.sub(ch);
      assertAck(await ann.op(ch, 'send', { text: 'one' }));
      for (const from of [
        { epoch, seq: 1e300 },
        { epoch, seq: Number.MAX_SAFE_INTEGER + 2 },
        { epoch: 'e'.repeat(10_000), seq: 0 },
      ]) {
        const ok = await ann.sub(ch, from);
        const what = `${JSON.stringify(from).slice(0, 60)}: ${JSON.stringify(ok).slice(0, 300)}`;
        if (ok.t === 'err') {
          assert.equal(ok.code, 'invalid', what);
          assert.ok(JSON.stringify(ok).length < 1_000, what);
        } else {
          assert.equal(ok.reset, true, what);
          assert.equal(ok.seq, 1, what);
        }
      }
    });

    test('huge, negative and fractional numbers in op data get invalid, never internal', async () => {
      const { roomId, join, member } = newRoom('c-numbers', 'poll');
      const watcher = await member('watcher');
      const host = await join('host', 'host');
      const ann = await join('ann');
      const poll = `${roomId}/poll`;
      const quiz = `${roomId}/quiz`;
      const chat = `${roomId}/chat`;
      const create = { question: 'Q?', options: ['a', 'b'], kind: 'multi' };
      const { pollId } = assertAck(await host.op(poll, 'create', create)).data;
      assertAck(await host.op(poll, 'open', { pollId }));
      const q = { text: 'Q', options: ['a', 'b'], correct: 0, timeLimitMs: 60_000 };
      const cases: [RawClient, string, string, Record<string, unknown>][] = [
        [ann, poll, 'vote', { pollId, choices: [1e300] }],
        [ann, poll, 'vote', { pollId, choices: [0, 1e-300] }],
        [host, quiz, 'load', { questions: [{ ...q, timeLimitMs: 1e300 }] }],
        [host, quiz, 'load', { questions: [{ ...q, points: 1e300 }] }],
        [host, quiz, 'load', { questions: [{ ...q, correct: 1e300 }] }],
        [host, quiz, 'load', { questions: [{ ...q, points: -1 }] }],
        [host, chat, 'settings', { slowModeSeconds: 1e300 }],
        [host, chat, 'settings', { slowModeSeconds: 0.5 }],
        [host, chat, 'ban', { userId: ann.welcome.user.id, minutes: 1e300 }],
        [host, chat, 'ban', { userId: ann.welcome.user.id, minutes: 0 }],
        [host, chat, 'ban', { userId: ann.welcome.user.id, minutes: 2.5 }],
        [host, chat, 'ban', { userId: 'x'.repeat(10_000) }],
      ];
      for (const [client, ch, type, data] of cases) {
        const answer = await client.op(ch, type, data);
        const what = `${type} ${JSON.stringify(data).slice(0, 80)}: ${JSON.stringify(answer).slice(0, 300)}`;
        assertErr(answer, 'invalid', what);
        assert.ok(JSON.stringify(answer).length < 1_000, `not echoed: ${what}`);
      }
      assertAck(await host.op(quiz, 'load', { questions: [q] }));
      assertAck(await host.op(quiz, 'next', {}));
      for (const index of [1e300, -1, 0.5]) {
        assertErr(await ann.op(quiz, 'answer', { index, choice: 0 }), 'invalid', `index ${index}`);
      }
      for (const choice of [1e300, -1, 0.5]) {
        assertErr(
          await ann.op(quiz, 'answer', { index: 0, choice }),
          'invalid',
          `choice ${choice}`,
        );
      }
      await sleep(QUIET_MS);
      assert.deepEqual(
        watcher.events(poll, 'tally').map((f) => f.data),
        [],
        'no tally for refused votes',
      );
      assert.doesNotMatch(relay.output(), /\n\s+at /, 'no stack trace in the log');
    });

    test('quiz text and options are counted in code points', async () => {
      const { ch, join } = newRoom('c-quiz-len', 'quiz');
      const host = await join('host', 'host');
      const edges = quizQuestion({ text: astral(300), options: [astral(100), 'b'] });
      assertAck(await host.op(ch, 'load', { questions: [edges] }), 'edges');
      const longText = quizQuestion({ text: astral(301) });
      assertErr(await host.op(ch, 'load', { questions: [longText] }), 'invalid');
      const longOption = quizQuestion({ options: [astral(101), 'b'] });
      assertErr(await host.op(ch, 'load', { questions: [longOption] }), 'invalid');
    });
  });

  describe('no coercion in op data: a wrongly typed optional field is invalid, and nothing is done', () => {
    test('poll create flags that are not booleans: hideResults, signedInOnly, review', async () => {
      const { ch, join, member } = newRoom('c-flags', 'poll');
      const watcher = await member('watcher');
      const host = await join('host', 'host');
      const cloud = { question: 'Q?', kind: 'wordcloud' };
      for (const field of ['hideResults', 'signedInOnly', 'review']) {
        for (const value of ['true', 1, null, {}]) {
          const answer = await host.op(ch, 'create', { ...cloud, [field]: value });
          const what = `${field}: ${JSON.stringify(value)}`;
          assertErr(answer, 'invalid', what);
          assert.equal(answer.details?.field, field, `${what}: ${JSON.stringify(answer)}`);
        }
      }
      assertAck(await host.op(ch, 'create', { ...cloud, hideResults: false, review: true }));
      await watcher.next(isEv(ch, 'poll'));
      assert.equal(watcher.events(ch, 'poll').length, 1);
    });

    test('null for an optional field is wrongly typed, as in frames: ban {minutes: null} bans nobody', async () => {
      const { roomId, join, member } = newRoom('c-null', 'chat');
      const chat = `${roomId}/chat`;
      const quiz = `${roomId}/quiz`;
      const watcher = await member('watcher');
      const host = await join('host', 'host');
      const ann = await join('ann');
      const userId = ann.welcome.user.id;
      const { id } = assertAck(await watcher.op(chat, 'send', { text: 'hello' })).data;
      const cases: [RawClient, string, string, Record<string, unknown>, string][] = [
        [host, chat, 'ban', { userId, minutes: null }, 'minutes'],
        [host, chat, 'timeout', { userId, seconds: 60, reason: null }, 'reason'],
        [ann, chat, 'send', { text: 're', replyTo: null }, 'replyTo'],
        [host, chat, 'settings', { slowModeSeconds: null }, 'slowModeSeconds'],
        [ann, chat, 'report', { id, reason: 'spam', note: null }, 'note'],
        [host, quiz, 'load', { questions: [quizQuestion({ points: null })] }, 'points'],
      ];
      for (const [client, ch, type, data, field] of cases) {
        const answer = await client.op(ch, type, data);
        const what = `${type} ${JSON.stringify(data)}: ${JSON.stringify(answer)}`;
        assertErr(answer, 'invalid', what);
        assert.equal(answer.details?.field, field, what);
      }
      assertAck(await host.op(quiz, 'load', { questions: [quizQuestion()] }));
      const next = await host.op(quiz, 'next', { leadInMs: null });
      assertErr(next, 'invalid', 'next {leadInMs: null}');
      assert.equal(next.details?.field, 'leadInMs');
      assertAck(await ann.op(chat, 'send', { text: 'not banned' }), 'ann was banned by a null');
      await watcher.next((f) => isEv(chat, 'message')(f) && f.data.text === 'not banned');
      assert.deepEqual(
        watcher.events(chat).map((f) => f.type),
        ['message', 'message'],
      );
    });
  });

  describe('unsub', () => {
    test('of a malformed channel name gets invalid, as every frame naming a channel does', async () => {
      const { join } = newRoom('c-unsub', 'chat');
      const ann = await join('ann');
      for (const ch of ['a b/chat', 'nofeature', '/chat', 'room/', `${'r'.repeat(65)}/chat`]) {
        const answer = await ann.request({ t: 'unsub', ch });
        assertErr(answer, 'invalid', `unsub ${ch}`);
        assert.equal(answer.details?.field, 'ch', JSON.stringify(answer));
      }
    });

    test('of a well-formed channel not subscribed answers ok, whatever its feature or room', async () => {
      const { roomId } = newRoom('c-unsub2', 'chat');
      const limited = await clients.join({
        token: relay.token({ sub: 'limited', name: 'limited', rooms: [roomId] }),
      });
      for (const ch of [`${roomId}/chat`, `${roomId}/zzz`, 'elsewhere/chat']) {
        const answer = await limited.request({ t: 'unsub', ch });
        assert.equal(answer.t, 'ok', `unsub ${ch}: ${JSON.stringify(answer)}`);
        assert.equal(answer.ch, ch);
      }
    });
  });

  describe('tokens', () => {
    test('a token whose signature is not exactly the HS256 signature in base64url is refused', async () => {
      const { join } = newRoom('c-token', 'chat');
      const someone = await join('someone');
      const good = relay.token({ sub: 'signed', name: 'signed' });
      for (const token of [`${good}!!`, `${good}=`, `${good}~`, `${good.slice(0, -1)}${'_'}`]) {
        if (token === good) continue;
        const raw = await RawClient.connect(someone.ws.url);
        const answer = await raw.hello({ token });
        assertErr(answer, 'unauthorized', token.slice(-4));
        assert.equal((await raw.waitClose()).code, 4401);
      }
      assert.equal((await RawClient.join(someone.ws.url, { token: good })).welcome.t, 'welcome');
    });
  });

  describe('frames', () => {
    test('a frame over maxFrameBytes before hello closes with 1009', async () => {
      const { join } = newRoom('c-frames', 'chat');
      const someone = await join('someone');
      const limit = someone.welcome.limits.maxFrameBytes as number;
      const raw = await RawClient.connect(someone.ws.url);
      raw.sendText(JSON.stringify({ t: 'hello', v: 1, client: 'x'.repeat(limit) }));
      assert.equal((await raw.waitClose()).code, 1009);
    });

    test('a signal without data reaches the others with data null (protocol-notes: departures)', async () => {
      const { ch, join, member } = newRoom('c-signal', 'chat');
      const bo = await member('bo');
      const ann = await join('ann');
      ann.send({ t: 'signal', ch, type: 'typing' });
      const signal = await bo.next((f) => f.t === 'signal');
      assert.deepEqual(signal, {
        t: 'signal',
        ch,
        type: 'typing',
        data: null,
        from: ann.welcome.user,
      });
      ann.send({ t: 'signal', id: 'no-type', ch, data: {} });
      assertErr(await ann.next((f) => f.id === 'no-type'), 'invalid', 'a signal without type');
    });

    test('extra fields in a client frame are allowed', async () => {
      const { ch, join } = newRoom('c-extra', 'chat');
      const ann = await join('ann');
      const ok = await ann.request({ t: 'sub', ch, extra: { anything: [1, 2] } });
      assert.equal(ok.t, 'ok', JSON.stringify(ok));
      const ack = await ann.request({
        t: 'op',
        ch,
        mid: newMid(),
        type: 'send',
        data: { text: 'hi', note: 'extra' },
        trace: 'abc',
      });
      assertAck(ack);
    });

    test('a first frame that is a batch holding a hello gets bad_frame and close 4400', async () => {
      const { join } = newRoom('c-first', 'chat');
      const someone = await join('someone');
      const raw = await RawClient.connect(someone.ws.url);
      raw.sendText(JSON.stringify([{ t: 'hello', v: 1, anon: { key: 'k'.repeat(32) } }]));
      assertErr(await raw.next((f) => f.t === 'err'), 'bad_frame');
      assert.equal((await raw.waitClose()).code, 4400);
    });

    test('long ids and channels are refused without being echoed', async () => {
      const { ch, join } = newRoom('c-echo', 'chat');
      const ann = await join('ann');
      const long = 'z'.repeat(10_000);
      const before = ann.messages.length;
      ann.send({ t: 'op', id: long, ch, mid: newMid(), type: 'send', data: { text: 'x' } });
      ann.send({ t: 'sub', id: 's1', ch: `${long}/chat` });
      ann.send({ t: 'op', id: 's2', ch, mid: long, type: 'send', data: { text: 'x' } });
      ann.send({ t: 'signal', id: 's3', ch, type: 'typing', data: long.slice(0, 200) });
      assertErr(await ann.next((f) => f.id === 's1'), 'invalid', 'ch');
      assertErr(await ann.next((f) => f.id === 's2'), 'invalid', 'mid');
      assert.equal((await ann.sub(ch)).t, 'ok');
      const answers = ann.messages.slice(before);
      assert.ok(
        answers.every((text) => !text.includes('z'.repeat(200))),
        answers.map((text) => text.slice(0, 200)).join('\n'),
      );
    });
  });
});

describe('conformance: every feature’s state across a restart (sqlite)', () => {
  const start = freshRelays();

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    test(`after a ${signal} the snapshots of every feature are as before, and resumes replay nothing`, async () => {
      const { relay, join } = await start();
      const room = 'restart';
      const ch = (feature: string) => `${room}/${feature}`;
      const host = await join('host', 'host');
      const ann = await join('ann');
      const bo = await join('bo');

      const m1 = assertAck(await ann.op(ch('chat'), 'send', { text: 'first' })).data.id;
      assertAck(await bo.op(ch('chat'), 'send', { text: 'second', replyTo: m1 }));
      assertAck(await host.op(ch('chat'), 'pin', { id: m1 }));
      assertAck(await host.op(ch('chat'), 'settings', { slowModeSeconds: 30 }));
      assertAck(await host.op(ch('chat'), 'ban', { userId: bo.welcome.user.id }));

      const single = { question: 'Q?', options: ['a', 'b'], kind: 'single' };
      const p1 = assertAck(await host.op(ch('poll'), 'create', single)).data.pollId;
      const cloud = { question: 'Words?', kind: 'wordcloud' };
      const p2 = assertAck(await host.op(ch('poll'), 'create', cloud)).data.pollId;
      for (const pollId of [p1, p2]) assertAck(await host.op(ch('poll'), 'open', { pollId }));
      assertAck(await ann.op(ch('poll'), 'vote', { pollId: p1, choice: 1 }));
      assertAck(await ann.op(ch('poll'), 'vote', { pollId: p2, text: 'purple orange' }));
      assertAck(await host.op(ch('poll'), 'close', { pollId: p2 }));

      const q = { options: ['a', 'b'], correct: 0, timeLimitMs: 60_000 };
      const questions = [
        { text: 'one', ...q },
        { text: 'two', ...q },
      ];
      assertAck(await host.op(ch('quiz'), 'load', { questions }));
      assertAck(await host.op(ch('quiz'), 'next', {}));
      await sleep(5);
      assertAck(await ann.op(ch('quiz'), 'answer', { index: 0, choice: 0 }));
      assertAck(await host.op(ch('quiz'), 'reveal', {}));

      const asked = assertAck(await ann.op(ch('qa'), 'ask', { text: 'why?' })).data.id;
      assertAck(await ann.op(ch('qa'), 'upvote', { id: asked }));
      assertAck(await host.op(ch('qa'), 'pin', { id: asked }));

      assertAck(await host.op(ch('reactions'), 'settings', { emojis: ['🎉', '🙌'] }));
      assertAck(await ann.op(ch('reactions'), 'react', { emoji: '🎉' }));

      const features = ['chat', 'poll', 'quiz', 'qa', 'reactions'];
      /** Each feature's ok as a new subscriber sees it, without the request id. */
      const look = async () => {
        const viewer = await join('viewer');
        const oks: Record<string, Frame> = {};
        for (const feature of features) {
          const { id: _id, ...ok } = await viewer.sub(ch(feature));
          oks[feature] = ok;
        }
        viewer.terminate();
        return oks;
      };
      await sleep(QUIET_MS); // the throttled tally, votes and burst are out
      const before = await look();
      await relay.stop(signal);
      await relay.restart();
      const after = await look();
      for (const feature of features) {
        assert.deepEqual(after[feature], before[feature], `${feature} after ${signal}`);
      }
      const again = await join('ann');
      for (const feature of features) {
        const { epoch, seq } = before[feature];
        const resumed = await again.sub(ch(feature), { epoch, seq });
        assert.equal(resumed.replay, 0, `${feature}: ${JSON.stringify(resumed).slice(0, 300)}`);
      }
    });
  }
});

describe('conformance: quiz points are rounded with Math.round', () => {
  const { room: newRoom } = withRelay({ args: ['--quiz-grace-ms', '5000'] });

  test('an answer in the grace scores points / 2 rounded half up: 333 → 167, 1 → 1, 0 → 0', async () => {
    const { ch, join, member } = newRoom('c-round', 'quiz');
    const watcher = await member('watcher');
    const host = await join('host', 'host');
    const ann = await join('ann');
    await ann.sub(ch);
    const expected = [
      [333, 167],
      [1, 1],
      [0, 0],
    ];
    assertAck(
      await host.op(ch, 'load', {
        questions: expected.map(([points]) => quizQuestion({ timeLimitMs: 1_000, points })),
      }),
    );
    const scored: number[] = [];
    for (let i = 0; i < expected.length; i++) {
      assertAck(await host.op(ch, 'next', {}));
      const question = await watcher.next(isEv(ch, 'question'));
      await waitUntil(question.data.endsAt + 20);
      assertAck(await ann.op(ch, 'answer', { index: i, choice: 0 }), `answer ${i}`);
      assertAck(await host.op(ch, 'reveal', {}));
      const board = await ann.next(isEv(ch, 'leaderboard'));
      const me = await ann.next(
        (f) => f.t === 'me' && f.ch === ch && ann.frames.indexOf(f) > ann.frames.indexOf(board),
      );
      scored.push(me.data.lastPoints - (i > 0 ? 100 * Math.min(i, 5) : 0));
    }
    assert.deepEqual(
      scored,
      expected.map(([, points]) => points),
    );
  });
});
