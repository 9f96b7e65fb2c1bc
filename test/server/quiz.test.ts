/**
 * quiz (PROTOCOL.md: Features; Decisions on details: Quiz; protocol-notes.md: Quiz): hosts load
 * and run questions; a question never carries its answer; the relay keeps the deadline on its
 * own clock (plus `quizGraceMs`) and reveals by itself; answers score by speed plus a streak
 * bonus; leaderboards share ranks for ties; each player gets `me` alone; accessible mode doubles
 * the time and drops the speed factor; a game survives a SIGKILL with the SQLite engine, and an
 * `answered` count still owed when the relay is killed or stopped goes out after the restart; an
 * idle relay keeps a quiz with an open question and reveals it on time; 500 players over real
 * sockets get exact counts, scores and ranks.
 *
 * The relay runs on this machine, so its `Date.now()` is ours: an answer sent at `sentAt` and
 * acknowledged at `answeredAt` was timed by the relay within [sentAt, answeredAt]. Scores are
 * checked against that window, and exactly where the protocol makes them exact (an answer
 * within the grace after `endsAt` has its elapsed time capped: `points / 2`; accessible mode:
 * full points).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { ClientPool, newMid, sleep, type Frame, type RawClient } from '../helpers/raw-client.js';
import { eventually, health } from '../helpers/probes.js';
import { blockRelay, freshRelays } from '../helpers/fresh-relay.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';

type Role = 'audience' | 'host' | 'moderator';
type Joined = RawClient & { welcome: Frame };

/**
 * The grace of the main and the SQLite relays: wide enough to answer inside it on purpose (50 ms
 * after `endsAt`) even on a loaded machine.
 */
const GRACE_MS = 1_000;
/** A relay's timers may fire a few ms early against `Date.now()`. */
const TIMER_SLACK_MS = 20;
/** The fields of ev `question` (protocol-notes, Quiz): nothing else, never `correct`. */
const QUESTION_FIELDS = [
  'count',
  'endsAt',
  'index',
  'options',
  'points',
  'startsAt',
  'text',
  'timeLimitMs',
];
const OPTIONS = ['Red', 'Green', 'Blue', 'Yellow'];

/** An answer without its request id: what must be the same on every try. */
const outcome = ({ id: _id, ...rest }: Frame) => rest;
const isEv = (ch: string, type: string) => (f: Frame) =>
  f.t === 'ev' && f.ch === ch && f.type === type;
const isMe = (ch: string) => (f: Frame) => f.t === 'me' && f.ch === ch;

interface Question {
  text: string;
  options: string[];
  correct: number;
  timeLimitMs: number;
  points?: number;
}

/** Question `i` of a game: four options, the answer `i % 4`. */
function question(i: number, extra: Record<string, unknown> = {}): Question {
  return {
    text: `Question ${i + 1}?`,
    options: OPTIONS,
    correct: i % 4,
    timeLimitMs: 10_000,
    ...extra,
  };
}

function assertAck(frame: Frame, what = ''): Frame {
  assert.equal(frame.t, 'ack', `${what} ${JSON.stringify(frame)}`);
  return frame;
}

function assertErr(frame: Frame, code: string, what = ''): Frame {
  assert.equal(frame.t, 'err', `${what} ${JSON.stringify(frame)}`);
  assert.equal(frame.code, code, `${what} ${JSON.stringify(frame)}`);
  return frame;
}

interface Timed {
  answer: Frame;
  sentAt: number;
  answeredAt: number;
}

async function answer(
  client: RawClient,
  ch: string,
  index: number,
  choice: number,
  mid?: string,
): Promise<Timed> {
  const sentAt = Date.now();
  const frame = await client.op(ch, 'answer', { index, choice }, mid);
  return { answer: frame, sentAt, answeredAt: Date.now() };
}

/**
 * The points a correct answer can have earned, bonus aside: the relay timed it somewhere in
 * [sentAt, answeredAt], elapsed counts from `startsAt` and is capped at the time limit.
 */
function pointsRange(points: number, limitMs: number, startsAt: number, timed: Timed) {
  const elapsed = (at: number) => Math.min(Math.max(at - startsAt, 0), limitMs);
  const score = (at: number) => Math.round(points * (1 - elapsed(at) / limitMs / 2));
  return { min: score(timed.answeredAt), max: score(timed.sentAt) };
}

function assertInRange(actual: number, range: { min: number; max: number }, what: string) {
  assert.ok(
    actual >= range.min && actual <= range.max,
    `${what}: ${actual} not in [${range.min}, ${range.max}]`,
  );
}

/** Resolves once `Date.now()` (the relay's clock too) has reached `time`. */
async function waitUntil(time: number): Promise<void> {
  while (Date.now() < time) await sleep(Math.max(1, time - Date.now()));
}

/** The first `me` of `ch` that `client` received after `frame`. */
async function meAfter(client: RawClient, ch: string, frame: Frame): Promise<Frame> {
  const from = client.frames.indexOf(frame);
  const found = () => client.frames.find((f, i) => i > from && isMe(ch)(f));
  await client.until(
    () => !!found(),
    5_000,
    () => `me after ${JSON.stringify(frame)}`,
  );
  return found()!;
}

/** Every key used anywhere in a JSON value. */
function keysDeep(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) keysDeep(item, keys);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      keys.add(key);
      keysDeep(item, keys);
    }
  }
  return keys;
}

/** Ranks as the protocol defines them: 1 + the number of players with a higher score. */
function expectedRank(score: number, scores: number[]): number {
  return 1 + scores.filter((s) => s > score).length;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The relay's throttle for `answered` events in the main suite. */
const TALLY_MS = 200;

describe('quiz', () => {
  let relay: RelayProcess;
  let clients: ClientPool;
  let n = 0;

  before(async () => {
    relay = await startRelay({
      memory: true,
      args: ['--quiz-grace-ms', String(GRACE_MS), '--tally-interval-ms', String(TALLY_MS)],
    });
    clients = new ClientPool(() => relay.url);
  });
  afterEach(() => clients.closeAll());
  after(() => relay.dispose());

  /** A fresh room: a host and an audience watcher, both subscribed to its quiz channel. */
  async function room() {
    const roomId = ++n;
    const ch = `quiz-${roomId}/quiz`;
    const join = (user: string, role: Role = 'audience'): Promise<Joined> =>
      clients.join({ token: relay.token({ sub: `${user}-${roomId}`, name: user, role }) });
    const host = await join('host', 'host');
    await host.sub(ch);
    const watcher = await join('watcher');
    await watcher.sub(ch);
    /** Audience members subscribed to the channel, in the order named. */
    const players = async (...names: string[]) => {
      const joined: Joined[] = [];
      for (const name of names) {
        const player = await join(name);
        assert.equal((await player.sub(ch)).t, 'ok');
        joined.push(player);
      }
      return joined;
    };
    const load = async (questions: unknown[], extra: Record<string, unknown> = {}) => {
      const ack = assertAck(await host.op(ch, 'load', { questions, ...extra }), 'load');
      await watcher.next(isEv(ch, 'loaded'));
      return ack;
    };
    /** Sends `next` and resolves with the question event as the watcher got it. */
    const next = async (data: Record<string, unknown> = {}) => {
      const ack = assertAck(await host.op(ch, 'next', data), 'next');
      const ev = await watcher.next(isEv(ch, 'question'));
      // ack.seq names the first event the op made: the question, or the result it revealed first.
      const first = watcher.events(ch).find((f) => f.seq === ack.seq);
      assert.ok(
        ev.seq === ack.seq || first?.type === 'result',
        `ack.seq ${ack.seq}: ${JSON.stringify(first)}`,
      );
      assert.deepEqual(ack.data, { index: ev.data.index });
      return ev;
    };
    const reveal = async () => {
      const ack = assertAck(await host.op(ch, 'reveal', {}), 'reveal');
      const result = await watcher.next((f) => isEv(ch, 'result')(f) && f.seq === ack.seq);
      const leaderboard = await watcher.next(
        (f) => isEv(ch, 'leaderboard')(f) && f.seq === ack.seq + 1,
      );
      return { result, leaderboard };
    };
    /** The next leaderboard event `player` gets, and the `me` that follows it. */
    const standing = async (player: RawClient) => {
      const leaderboard = await player.next(isEv(ch, 'leaderboard'));
      return { leaderboard, me: (await meAfter(player, ch, leaderboard)).data };
    };
    return { ch, join, host, watcher, players, load, next, reveal, standing };
  }

  describe('host ops', () => {
    test('load, next, reveal, end and settings: the audience gets forbidden and nothing happens; a moderator may', async () => {
      const { ch, join, watcher } = await room();
      const ann = await join('ann');
      const hostOps = [
        ['load', { questions: [question(0)] }],
        ['next', {}],
        ['reveal', {}],
        ['end', {}],
        ['settings', { accessible: true }],
      ] as const;
      for (const [type, data] of hostOps) {
        assertErr(await ann.op(ch, type, data), 'forbidden', type);
      }

      const moderator = await join('mod', 'moderator');
      assertAck(await moderator.op(ch, 'load', { questions: [question(0), question(1)] }), 'load');
      assertAck(await moderator.op(ch, 'next', {}), 'next');
      // While a question is open, too: nothing the audience sends moves the game.
      for (const [type, data] of hostOps) {
        assertErr(await ann.op(ch, type, data), 'forbidden', type);
      }
      const late = await join('late');
      const { snapshot } = await late.sub(ch);
      assert.deepEqual(
        [snapshot.phase, snapshot.index, snapshot.accessible],
        ['question', 0, false],
      );

      assertAck(await moderator.op(ch, 'reveal', {}), 'reveal');
      assertAck(await moderator.op(ch, 'settings', { accessible: true }), 'settings');
      assertAck(await moderator.op(ch, 'end', {}), 'end');
      await watcher.until(() => watcher.events(ch).some((f) => f.data?.final === true));
      assert.deepEqual(
        watcher.events(ch).map((f) => [f.seq, f.type]),
        [
          [1, 'loaded'],
          [2, 'question'],
          [3, 'result'],
          [4, 'leaderboard'],
          [5, 'settings'],
          [6, 'leaderboard'],
        ],
      );
    });

    test('next before any load, and reveal with no open question, get conflict; load while a question is open gets conflict', async () => {
      const { ch, host, load, next } = await room();
      assertErr(await host.op(ch, 'next', {}), 'conflict', 'next before load');
      assertErr(await host.op(ch, 'reveal', {}), 'conflict', 'reveal before load');
      await load([question(0), question(1)]);
      assertErr(await host.op(ch, 'reveal', {}), 'conflict', 'reveal before next');
      await next();
      assertErr(await host.op(ch, 'load', { questions: [question(0)] }), 'conflict', 'load');
      assertAck(await host.op(ch, 'reveal', {}));
      assertErr(await host.op(ch, 'reveal', {}), 'conflict', 'a second reveal');
    });
  });

  describe('load', () => {
    const valid = question(0);
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['no questions field', {}, /questions/],
      ['questions that are not an array', { questions: { 0: valid } }, /questions/],
      ['no questions', { questions: [] }, /questions/],
      ['101 questions', { questions: Array.from({ length: 101 }, () => valid) }, /questions/],
      ['a question that is not an object', { questions: [valid, 'Q?'] }, /questions\[1\]/],
      ['an empty text', { questions: [valid, { ...valid, text: '   ' }] }, /text/],
      ['a text of 301 characters', { questions: [{ ...valid, text: 'q'.repeat(301) }] }, /text/],
      ['a text that is not a string', { questions: [{ ...valid, text: 7 }] }, /text/],
      ['one option', { questions: [{ ...valid, options: ['a'], correct: 0 }] }, /options/],
      [
        '11 options',
        { questions: [{ ...valid, options: Array.from({ length: 11 }, (_, i) => `o${i}`) }] },
        /options/,
      ],
      ['an empty option', { questions: [{ ...valid, options: ['a', ' '] }] }, /"1"|options/],
      [
        'an option of 101 characters',
        { questions: [{ ...valid, options: ['a', 'o'.repeat(101)] }] },
        /"1"|options/,
      ],
      ['correct past the last option', { questions: [{ ...valid, correct: 4 }] }, /correct/],
      ['a negative correct', { questions: [{ ...valid, correct: -1 }] }, /correct/],
      ['correct as a string', { questions: [{ ...valid, correct: '0' }] }, /correct/],
      ['no correct', { questions: [{ ...valid, correct: undefined }] }, /correct/],
      ['timeLimitMs under 1 000', { questions: [{ ...valid, timeLimitMs: 999 }] }, /timeLimitMs/],
      [
        'timeLimitMs over 600 000',
        { questions: [{ ...valid, timeLimitMs: 600_001 }] },
        /timeLimitMs/,
      ],
      ['no timeLimitMs', { questions: [{ ...valid, timeLimitMs: undefined }] }, /timeLimitMs/],
      ['negative points', { questions: [{ ...valid, points: -1 }] }, /points/],
      ['points over 10 000', { questions: [{ ...valid, points: 10_001 }] }, /points/],
      ['fractional points', { questions: [{ ...valid, points: 1.5 }] }, /points/],
      ['accessible that is not a boolean', { questions: [valid], accessible: 'yes' }, /accessible/],
    ];
    test('refuses a bad game with invalid and details naming the field; nothing is emitted', async () => {
      const { ch, host, watcher, load } = await room();
      for (const [what, data, field] of cases) {
        const refused = assertErr(await host.op(ch, 'load', data), 'invalid', what);
        assert.ok(refused.details, `${what}: invalid carries details: ${JSON.stringify(refused)}`);
        assert.match(JSON.stringify(refused.details), field, what);
      }
      // The edges are accepted, and the first event of the channel is this load's.
      const ack = await load([
        { text: 'q'.repeat(300), options: ['a', 'b'], correct: 1, timeLimitMs: 1_000, points: 0 },
        {
          text: 'Q?',
          options: Array.from({ length: 10 }, (_, i) => 'o'.repeat(100 - i)),
          correct: 9,
          timeLimitMs: 600_000,
          points: 10_000,
        },
      ]);
      assert.equal(ack.seq, 1, 'no refused load made an event');
      assert.deepEqual(
        watcher.events(ch).map((f) => f.type),
        ['loaded'],
      );
    });
  });

  describe('question', () => {
    test('loaded tells only the count; question carries index, count, text, options, timeLimitMs, points, startsAt, endsAt and never the answer, to every subscriber', async () => {
      const { ch, host, watcher, players, load, next } = await room();
      const audience = await players('ann', 'bob', 'cid', 'dan', 'eve');
      const questions = [
        question(2, { points: 2_000, timeLimitMs: 5_000 }),
        question(1, { text: '  Padded?  ' }),
      ];
      await load(questions);
      for (const client of [host, watcher, ...audience]) {
        await client.until(() => client.events(ch, 'loaded').length === 1);
        assert.deepEqual(client.events(ch, 'loaded')[0].data, { count: 2, accessible: false });
      }
      const everyone = [host, watcher, ...audience];
      for (const [i, q] of questions.entries()) {
        const ev = await next();
        const { startsAt, endsAt } = ev.data;
        assert.deepEqual(ev.data, {
          index: i,
          count: 2,
          text: q.text.trim(),
          options: OPTIONS,
          timeLimitMs: q.timeLimitMs,
          points: q.points ?? 1_000,
          startsAt,
          endsAt,
        });
        assert.deepEqual(Object.keys(ev.data).sort(), QUESTION_FIELDS);
        assert.equal(startsAt, ev.ts, 'without leadInMs answers open at once');
        assert.equal(endsAt - startsAt, q.timeLimitMs);
        for (const client of everyone) {
          await client.until(() => client.events(ch, 'question').length > i);
          const theirs = client.events(ch, 'question')[i];
          assert.equal(theirs.seq, ev.seq);
          assert.deepEqual(theirs.data, ev.data);
          assert.ok(!keysDeep(theirs).has('correct'), JSON.stringify(theirs));
        }
      }
      // Not even hidden in the raw text: before a reveal, no frame an audience member got says it.
      for (const client of [watcher, ...audience]) {
        const firstResult = client.messages.findIndex((m) => m.includes('"type":"result"'));
        assert.ok(firstResult > 0, 'the second next revealed the first question');
        const beforeReveal = client.messages.slice(0, firstResult);
        assert.ok(!beforeReveal.some((m) => m.includes('"correct"')), 'no "correct" in any frame');
      }
    });
  });

  describe('deadline', () => {
    test('kept on the relay clock: within the grace accepted (elapsed capped: points / 2), after it too_late; at endsAt + grace the relay reveals by itself', async () => {
      const { ch, host, watcher, players, load, next } = await room();
      const [early, inGrace, late] = await players('early', 'in-grace', 'late');
      assert.equal(early.welcome.limits.quizGraceMs, GRACE_MS);
      await load([question(2, { timeLimitMs: 1_000 })]);
      const ev = await next();
      const { startsAt, endsAt } = ev.data;

      const fast = await answer(early, ch, 0, 2);
      assertAck(fast.answer, 'early');
      await waitUntil(endsAt + 100);
      assertAck((await answer(inGrace, ch, 0, 2)).answer, 'within the grace');
      await waitUntil(endsAt + GRACE_MS + 50);
      assertErr((await answer(late, ch, 0, 2)).answer, 'too_late', 'after endsAt + grace');

      // Nobody sent reveal: the relay did, on its own clock.
      const result = await watcher.next(isEv(ch, 'result'), 5_000);
      assert.ok(
        result.ts >= endsAt + GRACE_MS - TIMER_SLACK_MS,
        `revealed at endsAt + ${result.ts - endsAt} ms, before the grace of ${GRACE_MS} ms ran out`,
      );
      assert.deepEqual(result.data, { index: 0, correct: 2, counts: [0, 0, 2, 0] });
      const leaderboard = await watcher.next(isEv(ch, 'leaderboard'));
      assert.equal(leaderboard.seq, result.seq + 1);
      const fastPoints = pointsRange(1_000, 1_000, startsAt, fast);
      const [first, second] = leaderboard.data.top;
      assert.equal(leaderboard.data.players, 2, 'a too_late answer makes no player');
      assert.equal(leaderboard.data.final, undefined);
      assert.deepEqual([first.userId, first.name, first.rank], [early.welcome.user.id, 'early', 1]);
      assertInRange(first.score, fastPoints, 'the early answer');
      assert.deepEqual(second, {
        userId: inGrace.welcome.user.id,
        name: 'in-grace',
        score: 500,
        rank: 2,
      });

      const mine = await meAfter(inGrace, ch, await inGrace.next(isEv(ch, 'leaderboard')));
      assert.deepEqual(mine.data, {
        score: 500,
        rank: 2,
        lastCorrect: true,
        lastPoints: 500,
        answered: { index: 0, choice: 2 },
      });
      const earlyMe = await meAfter(early, ch, await early.next(isEv(ch, 'leaderboard')));
      assert.equal(earlyMe.data.score, first.score);
      assert.equal(earlyMe.data.lastPoints, first.score);
      assert.equal(earlyMe.data.rank, 1);
      await late.until(() => late.events(ch, 'leaderboard').length === 1);
      assert.equal(late.frames.filter(isMe(ch)).length, 0, 'no me for a user who is not a player');
      assert.equal(watcher.frames.filter(isMe(ch)).length, 0);
      assertErr(await host.op(ch, 'reveal', {}), 'conflict', 'reveal after the auto-reveal');
    });
  });

  describe('answer', () => {
    test('ack {index, choice} right after me {answered}; a retry gets the same ack, a second answer conflict; other indices too_late or invalid; after the reveal too_late', async () => {
      const { ch, players, load, next, reveal } = await room();
      const [ann, bob] = await players('ann', 'bob');
      await load([question(0), question(1), question(2)]);
      assertErr((await answer(bob, ch, 0, 0)).answer, 'invalid', 'before the first next');
      await next();
      await next(); // reveals question 0 first
      const mid = newMid();
      const first = assertAck((await answer(ann, ch, 1, 2, mid)).answer);
      assert.deepEqual(first.data, { index: 1, choice: 2 });
      const me = ann.frames[ann.frames.indexOf(first) - 1];
      assert.ok(
        isMe(ch)(me),
        `me comes just before the ack: ${JSON.stringify(ann.frames.slice(-3))}`,
      );
      assert.deepEqual(me.data.answered, { index: 1, choice: 2 });
      assert.deepEqual(outcome((await answer(ann, ch, 1, 0, mid)).answer), outcome(first));
      assertErr((await answer(ann, ch, 1, 2)).answer, 'conflict', 'a second answer');
      assertErr((await answer(ann, ch, 1, 0)).answer, 'conflict', 'a second, other answer');

      assertErr((await answer(bob, ch, 0, 0)).answer, 'too_late', 'an earlier question');
      assertErr((await answer(bob, ch, 2, 0)).answer, 'invalid', 'a later question');
      assertErr((await answer(bob, ch, 7, 0)).answer, 'invalid', 'a question past the last');
      for (const [what, data] of [
        ['a choice past the last option', { index: 1, choice: 4 }],
        ['a negative choice', { index: 1, choice: -1 }],
        ['a fractional choice', { index: 1, choice: 0.5 }],
        ['no choice', { index: 1 }],
        ['an index as a string', { index: '1', choice: 0 }],
      ] as const) {
        const refused = assertErr(await bob.op(ch, 'answer', data), 'invalid', what);
        assert.ok(refused.details, what);
      }
      const { result } = await reveal();
      assert.deepEqual(result.data, { index: 1, correct: 1, counts: [0, 0, 1, 0] });
      assertErr((await answer(bob, ch, 1, 1)).answer, 'too_late', 'after the reveal');
    });

    test('next {leadInMs}: the question shows at once, answers before startsAt get invalid, elapsed counts from startsAt', async () => {
      const { ch, host, players, load, next, reveal } = await room();
      const [ann] = await players('ann');
      await load([question(0, { timeLimitMs: 2_000 })]);
      for (const leadInMs of [5_001, -1, 1.5, '100']) {
        assertErr(await host.op(ch, 'next', { leadInMs }), 'invalid', `leadInMs ${leadInMs}`);
      }
      const ev = await next({ leadInMs: 800 });
      const { startsAt, endsAt } = ev.data;
      assert.equal(startsAt, ev.ts + 800, 'the question shows at once, answers open 800 ms later');
      assert.equal(endsAt, startsAt + 2_000);
      assertErr((await answer(ann, ch, 0, 0)).answer, 'invalid', 'before startsAt');
      assert.ok(Date.now() < startsAt, 'the early answer was sent (and refused) before startsAt');
      await waitUntil(startsAt);
      const timed = await answer(ann, ch, 0, 0);
      assertAck(timed.answer, 'after startsAt');
      const { leaderboard } = await reveal();
      const [top] = leaderboard.data.top;
      assertInRange(top.score, pointsRange(1_000, 2_000, startsAt, timed), 'points from startsAt');
    });
  });

  describe('answered count', () => {
    test('answered {index, count} events follow the answers, throttled, never one per answer', async () => {
      const { ch, watcher, players, load, next } = await room();
      await load([{ text: 'Q', options: ['a', 'b'], correct: 0, timeLimitMs: 30_000 }]);
      const asked = await next();
      const crowd = await players('p1', 'p2', 'p3', 'p4', 'p5', 'p6');
      const start = Date.now();
      await Promise.all(
        crowd.map((p, i) => p.op(ch, 'answer', { index: asked.data.index, choice: i % 2 })),
      );
      const last = await watcher.next(
        (f) => isEv(ch, 'answered')(f) && f.data.count === crowd.length,
      );
      assert.equal(last.data.index, asked.data.index);
      const events = watcher.events(ch).filter((f) => f.type === 'answered');
      const duration = Date.now() - start;
      assert.ok(
        events.length <= duration / TALLY_MS + 1,
        `${events.length} answered events in ${duration} ms`,
      );
      assert.ok(events.length < crowd.length, 'coalesced, not one per answer');
    });
  });

  describe('scoring', () => {
    test(
      'points × (1 − elapsed / timeLimit / 2), rounded, plus +100 per correct answer in a row after the first (at most +500); a wrong or missing answer resets the streak',
      { timeout: 30_000 },
      async () => {
        const { ch, host, watcher, players, load, next, standing } = await room();
        // steady: always right, always inside the grace: 500 + the bonus, exactly.
        // broken: right, right, wrong, right, right, no answer, right.
        // quick: always right at once: the speed factor, within the window the relay timed.
        const [steady, broken, quick] = await players('steady', 'broken', 'quick');
        const QUESTIONS = 7;
        await load(
          Array.from({ length: QUESTIONS }, (_, i) => question(i, { timeLimitMs: 1_000 })),
        );
        const brokenPlan = ['right', 'right', 'wrong', 'right', 'right', 'none', 'right'];
        const steadyPoints = [500, 600, 700, 800, 900, 1_000, 1_000];
        const brokenPoints = [500, 600, 0, 500, 600, 0, 500];
        const totals = { steady: 0, broken: 0, quick: 0 };
        let quickStreak = 0;

        for (let i = 0; i < QUESTIONS; i++) {
          // `next` reveals the open question first; the first one is opened here.
          const ev = i === 0 ? await next() : await watcher.next(isEv(ch, 'question'));
          const { startsAt, endsAt } = ev.data;
          const correct = i % 4;
          const fast = await answer(quick, ch, i, correct);
          assertAck(fast.answer, `quick ${i}`);
          await waitUntil(endsAt + 50);
          assertAck((await answer(steady, ch, i, correct)).answer, `steady ${i}`);
          await sleep(2); // steady reaches a shared score first
          if (brokenPlan[i] !== 'none') {
            const choice = brokenPlan[i] === 'right' ? correct : (correct + 1) % 4;
            assertAck((await answer(broken, ch, i, choice)).answer, `broken ${i}`);
          }
          // Reveals this question (unless the deadline already did) and opens the next one.
          assertAck(await host.op(ch, 'next', {}), `next after ${i}`);

          const s = await standing(steady);
          const b = await standing(broken);
          const q = await standing(quick);
          totals.steady += steadyPoints[i];
          totals.broken += brokenPoints[i];
          quickStreak++;
          const bonus = Math.min(100 * (quickStreak - 1), 500);
          assertInRange(
            q.me.lastPoints - bonus,
            pointsRange(1_000, 1_000, startsAt, fast),
            `quick's points for question ${i}`,
          );
          totals.quick += q.me.lastPoints;
          assert.deepEqual(
            { score: s.me.score, lastCorrect: s.me.lastCorrect, lastPoints: s.me.lastPoints },
            { score: totals.steady, lastCorrect: true, lastPoints: steadyPoints[i] },
            `steady after question ${i}`,
          );
          assert.deepEqual(
            { score: b.me.score, lastCorrect: b.me.lastCorrect, lastPoints: b.me.lastPoints },
            {
              score: totals.broken,
              lastCorrect: brokenPlan[i] === 'right',
              lastPoints: brokenPoints[i],
            },
            `broken after question ${i}`,
          );
          assert.equal(q.me.score, totals.quick);
          // No answered field for a question not answered.
          if (brokenPlan[i] === 'none') assert.equal(b.me.answered, undefined);
          else assert.equal(b.me.answered?.index, i);
          const scores = Object.values(totals);
          for (const [me, score] of [
            [s.me, totals.steady],
            [b.me, totals.broken],
            [q.me, totals.quick],
          ] as const) {
            assert.equal(me.rank, expectedRank(score, scores), `rank after question ${i}`);
          }
          const top = s.leaderboard.data.top;
          assert.deepEqual(
            top.map((e: Frame) => [e.name, e.score, e.rank]),
            [
              ['quick', totals.quick, 1],
              // On equal scores (after questions 1 and 2), steady got there first.
              ['steady', totals.steady, 2],
              ['broken', totals.broken, totals.broken === totals.steady ? 2 : 3],
            ],
            `leaderboard after question ${i}`,
          );
          assert.equal(s.leaderboard.data.players, 3);
        }
        assert.deepEqual(
          [totals.steady, totals.broken],
          [500 + 600 + 700 + 800 + 900 + 1_000 + 1_000, 2_700],
        );
        // The `next` after the last question ended the game.
        const final = await watcher.next((f) => isEv(ch, 'leaderboard')(f) && f.data.final);
        assert.deepEqual(
          final.data.top.map((e: Frame) => [e.name, e.score]),
          [
            ['quick', totals.quick],
            ['steady', 5_500],
            ['broken', 2_700],
          ],
        );
        assert.equal(watcher.frames.filter(isMe(ch)).length, 0, 'me goes to players only');
      },
    );
  });

  describe('leaderboard', () => {
    test('the top ten; equal scores share a rank (1, 1, 3), the one that reached the score first listed first; players counts users who answered at least once; me to each player alone', async () => {
      const { ch, join, watcher, players, load, next, reveal } = await room();
      const names = Array.from({ length: 12 }, (_, i) => `p${i}`);
      const ps = await players(...names);
      const idOf = (i: number) => ps[i].welcome.user.id;
      // Accessible mode: a correct answer earns its full points, so every score is exact.
      await load([question(0), question(1)], { accessible: true });
      const outsider = await join('outsider');
      await outsider.sub(ch);

      await next();
      for (let i = 0; i < 12; i++) {
        assertAck((await answer(ps[i], ch, 0, [2, 5].includes(i) ? 0 : 3)).answer, `p${i}`);
        await sleep(2);
      }
      let { leaderboard } = await reveal();
      // p2 and p5 1 000; everyone else 0, listed in the order they first answered.
      const order1 = [2, 5, 0, 1, 3, 4, 6, 7, 8, 9];
      assert.deepEqual(leaderboard.data, {
        top: order1.map((i) => ({
          userId: idOf(i),
          name: `p${i}`,
          score: [2, 5].includes(i) ? 1_000 : 0,
          rank: [2, 5].includes(i) ? 1 : 3,
        })),
        players: 12,
      });

      await next();
      // p5 answers before p2 this time: both reach 2 100 (1 000 + a streak of two), p5 first.
      const q2 = [5, 2, 7, 0, 1, 3, 4, 6, 8, 9, 10]; // p11 does not answer
      for (const i of q2) {
        assertAck((await answer(ps[i], ch, 1, [5, 2, 7].includes(i) ? 1 : 0)).answer, `p${i}`);
        await sleep(2);
      }
      assertErr(
        (await answer(outsider, ch, 0, 0)).answer,
        'too_late',
        'an answer to the old question',
      );
      ({ leaderboard } = await reveal());
      const scores2: Record<number, number> = { 5: 2_100, 2: 2_100, 7: 1_000 };
      const ranks2: Record<number, number> = { 5: 1, 2: 1, 7: 3 };
      const score2 = (i: number) => scores2[i] ?? 0;
      const rank2 = (i: number) => ranks2[i] ?? 4;
      const order2 = [5, 2, 7, 0, 1, 3, 4, 6, 8, 9];
      assert.deepEqual(leaderboard.data, {
        top: order2.map((i) => ({
          userId: idOf(i),
          name: `p${i}`,
          score: score2(i),
          rank: rank2(i),
        })),
        players: 12,
      });

      // Each player gets one me after each leaderboard, with their own standing.
      for (const [i, player] of ps.entries()) {
        await player.until(() => player.events(ch, 'leaderboard').length === 2);
        const boards = player.events(ch, 'leaderboard');
        const me = await meAfter(player, ch, boards[1]);
        const answered = q2.includes(i)
          ? { index: 1, choice: [5, 2, 7].includes(i) ? 1 : 0 }
          : undefined;
        assert.deepEqual(me.data, {
          score: score2(i),
          rank: rank2(i),
          lastCorrect: [5, 2, 7].includes(i),
          lastPoints: { 5: 1_100, 2: 1_100, 7: 1_000 }[i] ?? 0,
          ...(answered ? { answered } : {}),
        });
        const mes = player.frames.filter(isMe(ch));
        // me {answered} before the ack of each answer, and one after each of the two reveals.
        assert.equal(mes.length, (q2.includes(i) ? 2 : 1) + 2, `p${i}: ${JSON.stringify(mes)}`);
        assert.ok(mes.every((f) => f.data.score !== undefined && !('userId' in f.data)));
      }
      assert.equal(watcher.frames.filter(isMe(ch)).length, 0);
      assert.equal(outsider.frames.filter(isMe(ch)).length, 0);
    });

    test('end emits leaderboard {final: true} and the players’ me again; next after the last question acts as end; load starts a new game', async () => {
      const { ch, join, host, watcher, players, load, next, reveal, standing } = await room();
      const [ann, bob] = await players('ann', 'bob');
      await load([question(0), question(1)], { accessible: true });
      await next();
      assertAck((await answer(ann, ch, 0, 0)).answer);
      assertAck((await answer(bob, ch, 0, 1)).answer);
      // end with a question open: it is revealed first.
      const endAck = assertAck(await host.op(ch, 'end', {}), 'end');
      assert.deepEqual(endAck.data, { ended: true });
      const result = await watcher.next(isEv(ch, 'result'));
      const revealed = await watcher.next(isEv(ch, 'leaderboard'));
      const final = await watcher.next(isEv(ch, 'leaderboard'));
      assert.deepEqual([revealed.seq, final.seq], [result.seq + 1, result.seq + 2]);
      assert.equal(revealed.data.final, undefined);
      assert.deepEqual(final.data, {
        top: [
          { userId: ann.welcome.user.id, name: 'ann', score: 1_000, rank: 1 },
          { userId: bob.welcome.user.id, name: 'bob', score: 0, rank: 2 },
        ],
        players: 2,
        final: true,
      });
      await standing(ann);
      const afterFinal = await standing(ann);
      assert.equal(afterFinal.leaderboard.data.final, true);
      assert.deepEqual(
        [afterFinal.me.score, afterFinal.me.rank, afterFinal.me.lastPoints],
        [1_000, 1, 1_000],
      );
      const { snapshot } = await (await join('late')).sub(ch);
      assert.equal(snapshot.phase, 'ended');
      assert.deepEqual(snapshot.leaderboard, final.data);

      // A new game: the scores start again.
      await load([question(0)], { accessible: true });
      const fresh = (await (await join('late2')).sub(ch)).snapshot;
      assert.deepEqual([fresh.phase, fresh.leaderboard], ['idle', null]);
      await next();
      assertAck((await answer(bob, ch, 0, 0)).answer);
      await reveal();
      // next after the last (revealed) question: only the final leaderboard.
      const headBefore = watcher.events(ch).at(-1)!.seq;
      assertAck(await host.op(ch, 'next', {}), 'next after the last question');
      const ended = await watcher.next((f) => isEv(ch, 'leaderboard')(f) && f.data.final);
      assert.equal(ended.seq, headBefore + 1);
      assert.deepEqual(ended.data.top, [
        { userId: bob.welcome.user.id, name: 'bob', score: 1_000, rank: 1 },
      ]);
      assert.equal(ended.data.players, 1, 'ann played the earlier game only');
    });
  });

  describe('accessible mode', () => {
    test('doubles every time limit in the question event and gives a correct answer its full points; settings switches it between questions', async () => {
      const { ch, host, watcher, players, load, next, reveal, standing } = await room();
      const [ann] = await players('ann');
      await load(
        [
          question(0, { timeLimitMs: 1_000 }),
          question(1, { timeLimitMs: 1_500, points: 800 }),
          question(2, { timeLimitMs: 4_000 }),
        ],
        { accessible: true },
      );
      assert.deepEqual(watcher.events(ch, 'loaded').at(-1)!.data, { count: 3, accessible: true });

      let ev = await next();
      assert.equal(ev.data.timeLimitMs, 2_000);
      assert.equal(ev.data.endsAt - ev.data.startsAt, 2_000);
      assertAck((await answer(ann, ch, 0, 0)).answer);
      await reveal();
      assert.deepEqual((await standing(ann)).me.lastPoints, 1_000, 'full points, however fast');

      ev = await next();
      assert.equal(ev.data.timeLimitMs, 3_000);
      assert.equal(ev.data.endsAt - ev.data.startsAt, 3_000);
      await sleep(300); // slower: still the full points
      assertAck((await answer(ann, ch, 1, 1)).answer);
      await reveal();
      let me = (await standing(ann)).me;
      assert.deepEqual([me.lastPoints, me.score], [800 + 100, 1_900], 'the streak bonus stays');

      assertErr(await host.op(ch, 'settings', { accessible: 'no' }), 'invalid', 'settings');
      assertAck(await host.op(ch, 'settings', { accessible: false }), 'settings');
      const settings = await watcher.next(isEv(ch, 'settings'));
      assert.deepEqual(settings.data, { accessible: false });
      ev = await next();
      assert.equal(ev.data.timeLimitMs, 4_000);
      assert.equal(ev.data.endsAt - ev.data.startsAt, 4_000);
      await sleep(200);
      const timed = await answer(ann, ch, 2, 2);
      assertAck(timed.answer);
      await reveal();
      me = (await standing(ann)).me;
      assertInRange(
        me.lastPoints - 200,
        pointsRange(1_000, 4_000, ev.data.startsAt, timed),
        'speed scoring is back',
      );
      assert.ok(me.lastPoints - 200 < 1_000);
    });
  });

  describe('snapshot', () => {
    test('a late joiner mid-question gets the open question without its answer; hosts also get the questions; a player coming back gets me', async () => {
      const { ch, join, host, players, load, next } = await room();
      const [ann] = await players('ann');
      const questions = [question(1, { timeLimitMs: 30_000 }), question(2)];
      await load(questions);
      const ev = await next();
      assertAck((await answer(ann, ch, 0, 3)).answer);

      const late = await join('late');
      const ok = await late.sub(ch);
      const { snapshot } = ok;
      assert.equal(ok.reset, true);
      const { startsAt, endsAt, ...shown } = ev.data;
      assert.deepEqual(
        {
          phase: snapshot.phase,
          index: snapshot.index,
          count: snapshot.count,
          accessible: snapshot.accessible,
          question: snapshot.question,
          startsAt: snapshot.startsAt,
          endsAt: snapshot.endsAt,
          result: snapshot.result,
          answered: snapshot.answered,
        },
        {
          phase: 'question',
          index: 0,
          count: 2,
          accessible: false,
          question: shown,
          startsAt,
          endsAt,
          result: null,
          answered: 1,
        },
      );
      assert.ok(!keysDeep(snapshot).has('correct'), `no answer: ${JSON.stringify(snapshot)}`);
      assert.equal(snapshot.questions, undefined);
      assert.ok(!late.messages.some((m) => m.includes('"correct"')));
      assert.equal(late.frames.filter(isMe(ch)).length, 0, 'no me for someone who has not played');

      const hostView = (await host.sub(ch)).snapshot;
      assert.deepEqual(
        hostView.questions,
        questions.map((q) => ({ points: 1_000, ...q })),
      );
      assert.equal(hostView.phase, 'question');

      // ann on a new connection: her answer is in her me, right after ok.
      const again = await join('ann');
      const back = await again.sub(ch);
      const me = await again.next(isMe(ch));
      assert.equal(again.frames.indexOf(me), again.frames.indexOf(back) + 1);
      assert.deepEqual(
        [me.data.score, me.data.lastPoints, me.data.answered],
        [0, 0, { index: 0, choice: 3 }],
      );

      // Nothing revealed yet: no leaderboard (protocol-notes, Quiz: the one sent at the last reveal).
      assert.equal(snapshot.leaderboard, null);
    });

    test('after a reveal the snapshot carries the result and the leaderboard', async () => {
      const { ch, join, players, load, next, reveal } = await room();
      const [ann] = await players('ann');
      await load([question(1), question(2)], { accessible: true });
      await next();
      assertAck((await answer(ann, ch, 0, 1)).answer);
      const { result, leaderboard } = await reveal();
      const { snapshot } = await (await join('late')).sub(ch);
      assert.equal(snapshot.phase, 'revealed');
      assert.equal(snapshot.index, 0);
      assert.deepEqual(snapshot.result, result.data);
      assert.deepEqual(snapshot.leaderboard, leaderboard.data);
      assert.equal(snapshot.question.index, 0);
    });
  });
});

describe('quiz across a restart (sqlite)', () => {
  let relay: RelayProcess;
  let clients: ClientPool;

  before(async () => {
    relay = await startRelay({ args: ['--quiz-grace-ms', String(GRACE_MS)] });
    clients = new ClientPool(() => relay.url);
  });
  after(async () => {
    clients.closeAll();
    await relay.dispose();
  });
  const join = (user: string, role: Role = 'audience') =>
    clients.join({ token: relay.token({ sub: user, name: user, role }) });
  const joinSubbed = async (ch: string, user: string, role: Role = 'audience') => {
    const client = await join(user, role);
    const ok = await client.sub(ch);
    return Object.assign(client, { ok });
  };

  test(
    'a SIGKILL mid-question after the acks: phase, question, answers, scores, players and de-duplication come back',
    { timeout: 30_000 },
    async () => {
      const ch = 'restart/quiz';
      const host = await joinSubbed(ch, 'host', 'host');
      // Accessible: exact scores (full points), and a long time limit that outlives the restart.
      const questions = [0, 1, 2].map((i) => question(i, { timeLimitMs: 30_000 }));
      assertAck(await host.op(ch, 'load', { questions, accessible: true }));
      const ann = await joinSubbed(ch, 'ann');
      const bob = await joinSubbed(ch, 'bob');
      const cid = await joinSubbed(ch, 'cid');
      const dan = await joinSubbed(ch, 'dan');

      assertAck(await host.op(ch, 'next', {}));
      for (const [player, choice] of [
        [ann, 0],
        [bob, 2],
        [cid, 0],
      ] as const) {
        assertAck((await answer(player, ch, 0, choice)).answer);
        await sleep(2);
      }
      assertAck(await host.op(ch, 'reveal', {}));
      assertAck(await host.op(ch, 'next', {}));
      const ev = await ann.next((f) => isEv(ch, 'question')(f) && f.data.index === 1);
      const annMid = newMid();
      const annAck = assertAck((await answer(ann, ch, 1, 1, annMid)).answer);
      await sleep(2);
      assertAck((await answer(bob, ch, 1, 1)).answer);
      await sleep(2);
      // dan's first answer ever: acked, so dan is a player from now on.
      assertAck((await answer(dan, ch, 1, 1)).answer);
      const beforeKill = await joinSubbed(ch, 'observer');

      assert.equal(await relay.stop('SIGKILL'), null);
      clients.closeAll();
      await relay.restart();

      const observer = await joinSubbed(ch, 'observer');
      assert.equal(observer.ok.epoch, beforeKill.ok.epoch);
      assert.equal(observer.ok.seq, beforeKill.ok.seq);
      assert.deepEqual(observer.ok.snapshot, beforeKill.ok.snapshot);
      const { snapshot } = observer.ok;
      assert.deepEqual(
        [snapshot.phase, snapshot.index, snapshot.count, snapshot.accessible, snapshot.answered],
        ['question', 1, 3, true, 3],
      );
      assert.deepEqual([snapshot.startsAt, snapshot.endsAt], [ev.data.startsAt, ev.data.endsAt]);
      // The leaderboard of the last reveal (question 0).
      assert.deepEqual(snapshot.leaderboard, {
        top: [
          { userId: 'ann', name: 'ann', score: 1_000, rank: 1 },
          { userId: 'cid', name: 'cid', score: 1_000, rank: 1 },
          { userId: 'bob', name: 'bob', score: 0, rank: 3 },
        ],
        players: 3,
      });

      const ann2 = await joinSubbed(ch, 'ann');
      const me = await ann2.next(isMe(ch));
      assert.deepEqual(me.data, {
        score: 1_000,
        rank: 1,
        lastCorrect: true,
        lastPoints: 1_000,
        answered: { index: 1, choice: 1 },
      });
      // The answer's record survived: a retry is answered from it, a new answer is a conflict.
      assert.deepEqual(outcome((await answer(ann2, ch, 1, 3, annMid)).answer), outcome(annAck));
      assertErr((await answer(ann2, ch, 1, 3)).answer, 'conflict', 'a second answer');
      const cid2 = await joinSubbed(ch, 'cid');
      assertAck((await answer(cid2, ch, 1, 1)).answer, 'the question is still open');

      const host2 = await joinSubbed(ch, 'host', 'host');
      assertAck(await host2.op(ch, 'reveal', {}));
      const result = await observer.next(isEv(ch, 'result'));
      assert.deepEqual(result.data, { index: 1, correct: 1, counts: [0, 4, 0, 0] });
      const leaderboard = await observer.next(isEv(ch, 'leaderboard'));
      assert.deepEqual(
        leaderboard.data,
        {
          top: [
            // ann reached 2 100 before the kill, cid after the restart; bob reached 1 000 before dan.
            { userId: 'ann', name: 'ann', score: 2_100, rank: 1 },
            { userId: 'cid', name: 'cid', score: 2_100, rank: 1 },
            { userId: 'bob', name: 'bob', score: 1_000, rank: 3 },
            { userId: 'dan', name: 'dan', score: 1_000, rank: 3 },
          ],
          players: 4,
        },
        'dan, whose first answer was acked before the kill, is still a player and is scored',
      );
    },
  );

  test(
    'a deadline that passed while the relay was down is kept: the question is revealed after the restart',
    { timeout: 30_000 },
    async () => {
      const ch = 'restart-deadline/quiz';
      const host = await joinSubbed(ch, 'host', 'host');
      const questions = [question(0), question(1, { timeLimitMs: 1_000 })];
      assertAck(await host.op(ch, 'load', { questions }));
      const ann = await joinSubbed(ch, 'ann');
      assertAck(await host.op(ch, 'next', {}));
      assertAck((await answer(ann, ch, 0, 3)).answer, 'a wrong answer: ann plays, scoring 0');
      assertAck(await host.op(ch, 'next', {}));
      const { endsAt } = (await ann.next((f) => isEv(ch, 'question')(f) && f.data.index === 1))
        .data;
      await waitUntil(endsAt + 50);
      assertAck((await answer(ann, ch, 1, 1)).answer, 'within the grace');

      assert.equal(await relay.stop('SIGKILL'), null);
      clients.closeAll();
      await waitUntil(endsAt + GRACE_MS + 50);
      await relay.restart();

      // Revealed when the channel is loaded again: in the snapshot, or as events right after.
      const observer = await joinSubbed(ch, 'observer');
      const { snapshot } = observer.ok;
      const revealed = snapshot.phase === 'revealed';
      const result = revealed ? snapshot.result : (await observer.next(isEv(ch, 'result'))).data;
      const leaderboard = revealed
        ? snapshot.leaderboard
        : (await observer.next(isEv(ch, 'leaderboard'))).data;
      assert.deepEqual(result, { index: 1, correct: 1, counts: [0, 1, 0, 0] });
      assert.deepEqual(leaderboard, {
        top: [{ userId: 'ann', name: 'ann', score: 500, rank: 1 }],
        players: 1,
      });
      const ann2 = await joinSubbed(ch, 'ann');
      assert.deepEqual((await ann2.next(isMe(ch))).data, {
        score: 500,
        rank: 1,
        lastCorrect: true,
        lastPoints: 500,
        answered: { index: 1, choice: 1 },
      });
      assertErr((await answer(await joinSubbed(ch, 'bob'), ch, 1, 1)).answer, 'too_late');
    },
  );
});

/**
 * An acked answer's `answered` count reaches the history even when the relay stops before its
 * throttled event: a host resuming across the restart sees how many answered, not a stale count.
 */
describe('quiz answered count across a stop (sqlite)', () => {
  /** Long, so the answers after the first `answered` event wait well past the stop. */
  const INTERVAL_MS = 1_000;
  const ch = 'answered-stop/quiz';
  const start = freshRelays();

  /** One answer goes out as `answered`, three more are acked, and the relay is stopped at once. */
  async function answerThenStop(signal: NodeJS.Signals) {
    const { relay: r, join } = await start({ args: ['--tally-interval-ms', String(INTERVAL_MS)] });
    const host = await join('host', 'host');
    const watcher = await join('watcher');
    const ok = await watcher.sub(ch);
    // A time limit that outlives the restart: the question is still open after it.
    assertAck(await host.op(ch, 'load', { questions: [question(0, { timeLimitMs: 60_000 })] }));
    assertAck(await host.op(ch, 'next', {}));
    const players = await Promise.all(['p0', 'p1', 'p2', 'p3'].map((u) => join(u)));
    assertAck((await answer(players[0], ch, 0, 0)).answer);
    const first = await watcher.next(isEv(ch, 'answered'));
    assert.deepEqual(first.data, { index: 0, count: 1 });
    const acks = await Promise.all(players.slice(1).map((p, i) => answer(p, ch, 0, i + 1)));
    const stopped = r.stop(signal);
    const eventsBeforeStop = watcher.events(ch, 'answered').length;
    const exitCode = await stopped;
    for (const { answer: ack } of acks) assertAck(ack, 'answer');
    assert.equal(eventsBeforeStop, 1, 'the relay was stopped before the second answered event');
    await r.restart();

    const reader = await join('reader');
    const resumed = await reader.sub(ch, { epoch: ok.epoch, seq: first.seq });
    assert.equal(resumed.epoch, ok.epoch, 'same epoch');
    const answered = await reader.next(isEv(ch, 'answered'));
    assert.deepEqual(answered.data, { index: 0, count: 4 });
    // A fresh subscriber's snapshot is exact too, and the question is still open.
    const { snapshot } = await (await join('fresh')).sub(ch);
    assert.deepEqual([snapshot.phase, snapshot.answered], ['question', 4]);
    await sleep(INTERVAL_MS + TIMER_SLACK_MS);
    assert.equal(reader.events(ch).length, 1, 'sent once');
    return { exitCode, resumed, reader, answered };
  }

  test('SIGKILL right after the acks: after the restart an answered event carries the count', async () => {
    await answerThenStop('SIGKILL');
  });

  test('SIGTERM right after the acks: the answered event is stored on the way down and replayed', async () => {
    const { exitCode, resumed, reader, answered } = await answerThenStop('SIGTERM');
    assert.equal(exitCode, 0);
    assert.equal(resumed.replay, 1);
    assert.equal(reader.frames.indexOf(answered), reader.frames.indexOf(resumed) + 1);
  });
});

/** An idle relay unloads channels nobody uses, but never a quiz whose question is open. */
describe('quiz with an open question on an idle relay (sqlite)', () => {
  const IDLE_MS = 300;
  const QUIZ_GRACE_MS = 100;
  const block = blockRelay({
    args: ['--channel-idle-ms', String(IDLE_MS), '--quiz-grace-ms', String(QUIZ_GRACE_MS)],
  });
  const join = block.join;
  const loaded = async () => (await health(block.relay)).channels;

  test('stays loaded with no subscriber and reveals at the deadline; then leaves', async () => {
    const ch = 'idle-open/quiz';
    const host = await join('host', 'host');
    const watcher = await join('watcher');
    const ok = await watcher.sub(ch);
    const questions = [question(0, { timeLimitMs: 3_000 }), question(1)];
    assertAck(await host.op(ch, 'load', { questions }));
    assertAck(await host.op(ch, 'next', {}));
    const asked = await watcher.next(isEv(ch, 'question'));
    const { endsAt } = asked.data;
    watcher.close();
    await sleep(3 * IDLE_MS);
    assert.ok(Date.now() < endsAt - 500, 'checked well before the deadline');
    // The room's chat (loaded to check bans on each op) is idle and goes; the quiz stays.
    await eventually(async () => (await loaded()) <= 1, 'the idle chat channel unloaded');
    assert.equal(await loaded(), 1, 'the quiz channel, with a question open, is still loaded');
    await waitUntil(endsAt + QUIZ_GRACE_MS);
    await eventually(async () => (await loaded()) === 0, 'the quiz channel unloaded once revealed');

    const reader = await join('reader');
    const resumed = await reader.sub(ch, { epoch: ok.epoch, seq: asked.seq });
    assert.equal(resumed.replay, 2, JSON.stringify(resumed));
    const result = await reader.next(isEv(ch, 'result'));
    assert.deepEqual(result.data, { index: 0, correct: 0, counts: [0, 0, 0, 0] });
    // Revealed by the deadline timer, not when a subscriber loaded the channel again.
    const late = result.ts - (endsAt + QUIZ_GRACE_MS);
    assert.ok(late >= -TIMER_SLACK_MS && late < 500, `revealed ${late} ms after the deadline`);
  });
});

/**
 * What player `i` does: `burst` answers the moment the question arrives (the first 50 send a
 * second answer right behind the first), `spread` answers at a set time before the deadline
 * (the first 25 answer again after the ack), `late` after the deadline and the grace,
 * `silent` never.
 */
const plan = (i: number) =>
  i < 250 ? 'burst' : i < 350 ? 'spread' : i < 450 ? 'late' : ('silent' as const);
const answersTwice = (i: number) => i < 50 || (i >= 250 && i < 275);

describe('quiz with a big audience', () => {
  const PLAYERS = 500;
  const BATCH = 100;
  const BIG_GRACE_MS = 100;
  const LIMIT_MS = 2_000;
  const CORRECT = 1;
  const choiceOf = (i: number) => (i % 4 === 0 ? [0, 2, 3][(i / 4) % 3] : CORRECT);
  let relay: RelayProcess;
  let clients: ClientPool;

  before(async () => {
    relay = await startRelay({
      memory: true,
      // Five hundred players, all from this machine's one address.
      args: ['--quiz-grace-ms', String(BIG_GRACE_MS), '--max-connections-per-ip', '0'],
    });
    clients = new ClientPool(() => relay.url);
  });
  after(async () => {
    clients.closeAll();
    await relay.dispose();
  });

  interface Played {
    first?: Timed;
    second?: Frame;
    late?: Frame;
  }

  test(
    '500 players over real sockets: conflicts and too_late refused, exact counts, players, scores and ranks',
    { timeout: 60_000 },
    async () => {
      const startedAt = Date.now();
      const ch = 'big/quiz';
      const host = await clients.join({ token: relay.token({ sub: 'host', role: 'host' }) });
      assertAck(
        await host.op(ch, 'load', {
          questions: [
            {
              text: 'Which is prime?',
              options: ['4', '7', '9', '15'],
              correct: CORRECT,
              timeLimitMs: LIMIT_MS,
            },
          ],
        }),
      );
      const watcher = await clients.join({ token: relay.token({ sub: 'watcher' }) });
      await watcher.sub(ch);

      const connect = async (i: number) => {
        const player = await clients.join({
          token: relay.token({ sub: `player-${i}`, name: `Player ${i}` }),
        });
        assert.equal((await player.sub(ch)).t, 'ok');
        return player;
      };
      const players: Joined[] = [];
      for (let from = 0; from < PLAYERS; from += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, PLAYERS - from) }, (_, k) =>
          connect(from + k),
        );
        players.push(...(await Promise.all(batch)));
      }
      const connectedAt = Date.now();

      const play = async (player: Joined, i: number, ev: Frame): Promise<Played> => {
        const { startsAt, endsAt } = ev.data;
        const choice = choiceOf(i);
        const again = { index: 0, choice: (choice + 1) % 4 };
        switch (plan(i)) {
          case 'burst': {
            // After the poll phase: the other sockets' questions are read (and timed) first.
            await new Promise(setImmediate);
            const sentAt = Date.now();
            const first = player.op(ch, 'answer', { index: 0, choice });
            const second = answersTwice(i) ? player.op(ch, 'answer', again) : undefined;
            const frame = await first;
            return {
              first: { answer: frame, sentAt, answeredAt: Date.now() },
              second: await second,
            };
          }
          case 'spread': {
            await waitUntil(startsAt + 100 + (i - 250) * 14);
            const first = await answer(player, ch, 0, choice);
            return {
              first,
              second: answersTwice(i) ? await player.op(ch, 'answer', again) : undefined,
            };
          }
          case 'late':
            await waitUntil(endsAt + BIG_GRACE_MS + 100);
            return { late: await player.op(ch, 'answer', { index: 0, choice }) };
          default:
            return {};
        }
      };

      // Each player waits for the question before `next` goes out, so its arrival is timed.
      const receivedAt: number[] = [];
      let nextSentAt = 0;
      const played = players.map(async (player, i) => {
        const ev = await player.next(isEv(ch, 'question'), 10_000);
        receivedAt[i] = Date.now();
        return { ev, ...(await play(player, i, ev)) };
      });
      nextSentAt = Date.now();
      const nextAck = assertAck(await host.op(ch, 'next', {}));
      const outcomes = await Promise.all(played);
      const ev = outcomes[0].ev;
      assert.ok(
        outcomes.every((o) => o.ev.seq === nextAck.seq && o.ev.data.endsAt === ev.data.endsAt),
      );
      const { startsAt } = ev.data;

      // Refusals: every second answer is a conflict, every late one too_late.
      const accepted: number[] = [];
      outcomes.forEach((o, i) => {
        if (o.first) {
          assertAck(o.first.answer, `player ${i}`);
          assert.deepEqual(o.first.answer.data, { index: 0, choice: choiceOf(i) });
          accepted.push(i);
        }
        if (answersTwice(i)) assertErr(o.second!, 'conflict', `player ${i}'s second answer`);
        if (plan(i) === 'late') assertErr(o.late!, 'too_late', `late player ${i}`);
      });
      assert.equal(accepted.length, 350);

      // Nobody revealed: the relay did at endsAt + grace.
      const result = await watcher.next(isEv(ch, 'result'), 10_000);
      const counts = [0, 0, 0, 0];
      for (const i of accepted) counts[choiceOf(i)]++;
      assert.deepEqual(result.data, { index: 0, correct: CORRECT, counts });
      const board = await watcher.next(isEv(ch, 'leaderboard'));
      assert.equal(board.data.players, 350, 'players: users with an accepted answer');

      // Every player's me: correctness exact, points within the window the relay timed them in.
      const mine = new Map<number, Frame>();
      await Promise.all(
        accepted.map(async (i) => {
          const player = players[i];
          const leaderboard = await player.next(isEv(ch, 'leaderboard'), 10_000);
          mine.set(i, (await meAfter(player, ch, leaderboard)).data);
        }),
      );
      const scores = accepted.map((i) => mine.get(i)!.score as number);
      for (const i of accepted) {
        const me = mine.get(i)!;
        const correct = choiceOf(i) === CORRECT;
        assert.equal(me.lastCorrect, correct, `player ${i}`);
        assert.deepEqual(me.answered, { index: 0, choice: choiceOf(i) });
        if (correct) {
          assertInRange(
            me.lastPoints,
            pointsRange(1_000, LIMIT_MS, startsAt, outcomes[i].first!),
            `player ${i}'s points`,
          );
        } else {
          assert.equal(me.lastPoints, 0, `player ${i}`);
        }
        assert.equal(me.score, me.lastPoints, `player ${i}`);
        assert.equal(me.rank, expectedRank(me.score, scores), `player ${i}'s rank`);
      }
      const byUser = new Map(accepted.map((i) => [players[i].welcome.user.id, i]));
      const top = board.data.top as Frame[];
      const highest = [...scores].sort((a, b) => b - a).slice(0, 10);
      assert.deepEqual(
        top.map((e) => e.score),
        highest,
      );
      top.forEach((entry, k) => {
        const i = byUser.get(entry.userId)!;
        assert.deepEqual(entry, {
          userId: players[i].welcome.user.id,
          name: `Player ${i}`,
          score: mine.get(i)!.score,
          rank: mine.get(i)!.rank,
        });
        // Equal scores: the earlier to reach it first; where the answer windows tell them apart.
        const previous = top[k - 1];
        if (previous?.score === entry.score) {
          const earlier = outcomes[byUser.get(previous.userId)!].first!;
          assert.ok(
            !(outcomes[i].first!.answeredAt < earlier.sentAt),
            `${entry.name} answered before ${previous.name} but is listed after`,
          );
        }
      });
      // Late and silent users are not players: no me for them.
      for (const [i, player] of players.entries()) {
        if (plan(i) !== 'late' && plan(i) !== 'silent') continue;
        assert.equal(player.events(ch, 'result').length, 1, `player ${i} saw the result`);
        assert.equal(player.frames.filter(isMe(ch)).length, 0, `player ${i} got a me`);
      }

      const fanOut = receivedAt.map((at) => at - nextSentAt).sort((a, b) => a - b);
      // The same, from the relay's clock reading when it applied `next` (the event's ts).
      const delivery = receivedAt.map((at) => at - ev.ts).sort((a, b) => a - b);
      const burst = accepted.filter((i) => plan(i) === 'burst').map((i) => outcomes[i].first!);
      const burstMs =
        Math.max(...burst.map((t) => t.answeredAt)) - Math.min(...burst.map((t) => t.sentAt));
      const ties = scores.length - new Set(scores).size;
      console.log(
        `# 500 players: connected in ${connectedAt - startedAt} ms; question fan-out from next ` +
          `min ${fanOut[0]} ms, p50 ${percentile(fanOut, 50)} ms, p99 ${percentile(fanOut, 99)} ms, ` +
          `max ${fanOut.at(-1)} ms (from the relay's event ts: p50 ${percentile(delivery, 50)} ms, ` +
          `max ${delivery.at(-1)} ms); ` +
          `${burst.length} burst answers (+50 conflicts) acked in ${burstMs} ms ` +
          `(${Math.round((burst.length / Math.max(1, burstMs)) * 1_000)} answers/s); ` +
          `result at endsAt + ${result.ts - ev.data.endsAt} ms; ${ties} players share a score; ` +
          `whole test ${Date.now() - startedAt} ms`,
      );
      assert.equal(fanOut.length, PLAYERS);
    },
  );
});
