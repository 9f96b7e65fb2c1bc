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
import { describe, test } from 'node:test';
import type { Role } from '../../src/protocol/index.js';
import { assertAck, assertErr, isEv, isMe, outcome } from '../helpers/frames.js';
import { withRelay, type Joined } from '../helpers/fresh-relay.js';
import { IDLE_MS, THROTTLE_HOLD_MS, idleRelay, throttledRelays } from '../helpers/timed-relays.js';
import { eventually } from '../helpers/probes.js';
import { newMid, sleep, type Frame, type RawClient } from '../helpers/raw-client.js';
import { scenario } from '../helpers/scenario.js';

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

/** A player's `me` right after a first correct answer (`answered`) earned `lastPoints`. */
const correctMe = (score: number, rank: number, lastPoints: number, answered: object) => ({
  score,
  rank,
  lastCorrect: true,
  lastPoints,
  streak: 1,
  answered,
});

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
  const { room: newRoom } = withRelay({
    memory: true,
    args: ['--quiz-grace-ms', String(GRACE_MS), '--tally-interval-ms', String(TALLY_MS)],
  });

  /** A fresh room: a host and an audience watcher, both subscribed to its quiz channel. */
  async function room() {
    const { ch, join, member } = newRoom('quiz');
    const host = await member('host', 'host');
    const watcher = await member('watcher');
    /** Audience members subscribed to the channel, in the order named. */
    const players = async (...names: string[]) => {
      const joined: Joined[] = [];
      for (const name of names) {
        const player = await member(name);
        assert.equal(player.ok.t, 'ok');
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
    const hostOps = [
      ['load', { questions: [question(0)] }],
      ['next', {}],
      ['reveal', {}],
      ['end', {}],
      ['settings', { accessible: true }],
    ] as const;
    const played = scenario(async () => {
      const { ch, join, watcher } = await room();
      const ann = await join('ann');
      const audienceOps = async () => {
        const answers: [string, Frame][] = [];
        for (const [type, data] of hostOps) answers.push([type, await ann.op(ch, type, data)]);
        return answers;
      };
      const beforeGame = await audienceOps();
      const moderator = await join('mod', 'moderator');
      const moderatorOps: [string, Frame][] = [
        ['load', await moderator.op(ch, 'load', { questions: [question(0), question(1)] })],
        ['next', await moderator.op(ch, 'next', {})],
      ];
      // While a question is open, too: nothing the audience sends moves the game.
      const duringQuestion = await audienceOps();
      const { snapshot } = await (await join('late')).sub(ch);
      for (const [type, data] of [
        ['reveal', {}],
        ['settings', { accessible: true }],
        ['end', {}],
      ] as const) {
        moderatorOps.push([type, await moderator.op(ch, type, data)]);
      }
      await watcher.until(() => watcher.events(ch).some((f) => f.data?.final === true));
      return { beforeGame, duringQuestion, moderatorOps, snapshot, events: watcher.events(ch) };
    });

    test('load, next, reveal, end and settings from the audience get forbidden, before and during a question', () => {
      const { beforeGame, duringQuestion } = played();
      for (const [type, reply] of [...beforeGame, ...duringQuestion]) {
        assertErr(reply, 'forbidden', type);
      }
    });

    test('the audience’s refused ops change nothing: the open question stays, accessible stays off', () => {
      const { snapshot } = played();
      assert.deepEqual(
        [snapshot.phase, snapshot.index, snapshot.accessible],
        ['question', 0, false],
      );
    });

    test('a moderator may load, next, reveal, set and end; the channel holds those events alone', () => {
      const { moderatorOps, events } = played();
      for (const [type, reply] of moderatorOps) assertAck(reply, type);
      assert.deepEqual(
        events.map((f) => [f.seq, f.type]),
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

    test('next and reveal before any load get conflict', async () => {
      const { ch, host } = await room();
      assertErr(await host.op(ch, 'next', {}), 'conflict', 'next before load');
      assertErr(await host.op(ch, 'reveal', {}), 'conflict', 'reveal before load');
    });

    test('reveal before the first next gets conflict', async () => {
      const { ch, host, load } = await room();
      await load([question(0), question(1)]);
      assertErr(await host.op(ch, 'reveal', {}), 'conflict', 'reveal before next');
    });

    test('load while a question is open gets conflict', async () => {
      const { ch, host, load, next } = await room();
      await load([question(0), question(1)]);
      await next();
      assertErr(await host.op(ch, 'load', { questions: [question(0)] }), 'conflict', 'load');
    });

    test('a second reveal of one question gets conflict', async () => {
      const { ch, host, load, next } = await room();
      await load([question(0), question(1)]);
      await next();
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
    /** The edges of every field: all accepted. */
    const edges = [
      { text: 'q'.repeat(300), options: ['a', 'b'], correct: 1, timeLimitMs: 1_000, points: 0 },
      {
        text: 'Q?',
        options: Array.from({ length: 10 }, (_, i) => 'o'.repeat(100 - i)),
        correct: 9,
        timeLimitMs: 600_000,
        points: 10_000,
      },
    ];
    const played = scenario(async () => {
      const { ch, host, watcher, load } = await room();
      const refused: [string, Frame, RegExp][] = [];
      for (const [what, data, field] of cases) {
        refused.push([what, await host.op(ch, 'load', data), field]);
      }
      const ack = await load(edges);
      return { refused, ack, events: watcher.events(ch) };
    });

    for (const [i, [what]] of cases.entries()) {
      test(`refuses ${what} with invalid and details naming the field`, () => {
        const [, reply, field] = played().refused[i];
        const refused = assertErr(reply, 'invalid', what);
        assert.ok(refused.details, `${what}: invalid carries details: ${JSON.stringify(refused)}`);
        assert.match(JSON.stringify(refused.details), field, what);
      });
    }

    test('accepts the edges: 300 characters, 2 or 10 options of up to 100, 1 s to 10 min, 0 to 10 000 points', () => {
      assertAck(played().ack, 'load');
    });

    test('a refused load emits nothing: the first event of the channel is the accepted load’s', () => {
      const { ack, events } = played();
      assert.equal(ack.seq, 1, 'no refused load made an event');
      assert.deepEqual(
        events.map((f) => f.type),
        ['loaded'],
      );
    });
  });

  describe('question', () => {
    const questions = [
      question(2, { points: 2_000, timeLimitMs: 5_000 }),
      question(1, { text: '  Padded?  ' }),
    ];
    const played = scenario(async () => {
      const { ch, host, watcher, players, load, next } = await room();
      const audience = await players('ann', 'bob', 'cid', 'dan', 'eve');
      const everyone = [host, watcher, ...audience];
      await load(questions);
      for (const client of everyone) {
        await client.until(() => client.events(ch, 'loaded').length === 1);
      }
      const asked = [await next(), await next()];
      for (const client of everyone) {
        await client.until(() => client.events(ch, 'question').length === 2);
      }
      return { ch, everyone, audience: [watcher, ...audience], asked };
    });

    test('loaded tells every subscriber only the count', () => {
      const { ch, everyone } = played();
      for (const client of everyone) {
        assert.deepEqual(client.events(ch, 'loaded')[0].data, { count: 2, accessible: false });
      }
    });

    test('question carries index, count, text, options, timeLimitMs, points, startsAt and endsAt, nothing else', () => {
      for (const [i, ev] of played().asked.entries()) {
        const q = questions[i];
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
      }
    });

    test('without leadInMs answers open at once and close timeLimitMs later', () => {
      for (const [i, ev] of played().asked.entries()) {
        const { startsAt, endsAt } = ev.data;
        assert.equal(startsAt, ev.ts, 'without leadInMs answers open at once');
        assert.equal(endsAt - startsAt, questions[i].timeLimitMs);
      }
    });

    test('every subscriber gets the same question event, with no answer in it', () => {
      const { ch, everyone, asked } = played();
      for (const [i, ev] of asked.entries()) {
        for (const client of everyone) {
          const theirs = client.events(ch, 'question')[i];
          assert.equal(theirs.seq, ev.seq);
          assert.deepEqual(theirs.data, ev.data);
          assert.ok(!keysDeep(theirs).has('correct'), JSON.stringify(theirs));
        }
      }
    });

    test('before a reveal no frame an audience member got says the answer, not even in the raw text', () => {
      for (const client of played().audience) {
        const firstResult = client.messages.findIndex((m) => m.includes('"type":"result"'));
        assert.ok(firstResult > 0, 'the second next revealed the first question');
        const beforeReveal = client.messages.slice(0, firstResult);
        assert.ok(!beforeReveal.some((m) => m.includes('"correct"')), 'no "correct" in any frame');
      }
    });
  });

  describe('deadline', () => {
    const played = scenario(async () => {
      const { ch, host, watcher, players, load, next } = await room();
      const [early, inGrace, late] = await players('early', 'in-grace', 'late');
      await load([question(2, { timeLimitMs: 1_000 })]);
      const ev = await next();
      const { endsAt } = ev.data;

      const fast = await answer(early, ch, 0, 2);
      await waitUntil(endsAt + 100);
      const graced = await answer(inGrace, ch, 0, 2);
      await waitUntil(endsAt + GRACE_MS + 50);
      const tooLate = await answer(late, ch, 0, 2);

      // Nobody sent reveal: the relay did, on its own clock.
      const result = await watcher.next(isEv(ch, 'result'), 5_000);
      const leaderboard = await watcher.next(isEv(ch, 'leaderboard'));
      const inGraceMe = await meAfter(inGrace, ch, await inGrace.next(isEv(ch, 'leaderboard')));
      const earlyMe = await meAfter(early, ch, await early.next(isEv(ch, 'leaderboard')));
      await late.until(() => late.events(ch, 'leaderboard').length === 1);
      const revealAgain = await host.op(ch, 'reveal', {});
      return {
        ch,
        early,
        inGrace,
        late,
        watcher,
        ev,
        fast,
        graced,
        tooLate,
        result,
        leaderboard,
        inGraceMe,
        earlyMe,
        revealAgain,
      };
    });

    test('the grace is told in welcome.limits.quizGraceMs', () => {
      assert.equal(played().early.welcome.limits.quizGraceMs, GRACE_MS);
    });

    test('an answer within the grace after endsAt is accepted, its elapsed time capped: points / 2', () => {
      const { graced, leaderboard, inGrace, inGraceMe } = played();
      assertAck(graced.answer, 'within the grace');
      assert.deepEqual(leaderboard.data.top[1], {
        userId: inGrace.welcome.user.id,
        name: 'in-grace',
        score: 500,
        rank: 2,
      });
      assert.deepEqual(inGraceMe.data, correctMe(500, 2, 500, { index: 0, choice: 2 }));
    });

    test('an answer after endsAt + grace gets too_late and makes no player', () => {
      const { tooLate, leaderboard, ch, late } = played();
      assertErr(tooLate.answer, 'too_late', 'after endsAt + grace');
      assert.equal(leaderboard.data.players, 2, 'a too_late answer makes no player');
      assert.equal(late.frames.filter(isMe(ch)).length, 0, 'no me for a user who is not a player');
    });

    test('at endsAt + grace the relay reveals by itself: result, then leaderboard', () => {
      const { ev, result, leaderboard, revealAgain } = played();
      const { endsAt } = ev.data;
      assert.ok(
        result.ts >= endsAt + GRACE_MS - TIMER_SLACK_MS,
        `revealed at endsAt + ${result.ts - endsAt} ms, before the grace of ${GRACE_MS} ms ran out`,
      );
      assert.deepEqual(result.data, { index: 0, correct: 2, counts: [0, 0, 2, 0] });
      assert.equal(leaderboard.seq, result.seq + 1);
      assert.equal(leaderboard.data.final, undefined);
      assertErr(revealAgain, 'conflict', 'reveal after the auto-reveal');
    });

    test('an early answer scores by its speed and leads', () => {
      const { ev, fast, leaderboard, early, earlyMe } = played();
      assertAck(fast.answer, 'early');
      const [first] = leaderboard.data.top;
      assert.deepEqual([first.userId, first.name, first.rank], [early.welcome.user.id, 'early', 1]);
      assertInRange(first.score, pointsRange(1_000, 1_000, ev.data.startsAt, fast), 'early');
      assert.equal(earlyMe.data.score, first.score);
      assert.equal(earlyMe.data.lastPoints, first.score);
      assert.equal(earlyMe.data.rank, 1);
    });

    test('me goes to the players alone, not to a watcher', () => {
      const { ch, watcher } = played();
      assert.equal(watcher.frames.filter(isMe(ch)).length, 0);
    });
  });

  describe('answer', () => {
    const badChoices = [
      ['a choice past the last option', { index: 1, choice: 4 }],
      ['a negative choice', { index: 1, choice: -1 }],
      ['a fractional choice', { index: 1, choice: 0.5 }],
      ['no choice', { index: 1 }],
      ['an index as a string', { index: '1', choice: 0 }],
    ] as const;
    const played = scenario(async () => {
      const { ch, players, load, next, reveal } = await room();
      const [ann, bob] = await players('ann', 'bob');
      await load([question(0), question(1), question(2)]);
      const beforeNext = (await answer(bob, ch, 0, 0)).answer;
      await next();
      await next(); // reveals question 0 first
      const mid = newMid();
      const first = (await answer(ann, ch, 1, 2, mid)).answer;
      const meBefore = ann.frames[ann.frames.indexOf(first) - 1];
      const framesAround = ann.frames.slice(-3);
      const retry = (await answer(ann, ch, 1, 0, mid)).answer;
      const second = (await answer(ann, ch, 1, 2)).answer;
      const secondOther = (await answer(ann, ch, 1, 0)).answer;
      const earlier = (await answer(bob, ch, 0, 0)).answer;
      const later = (await answer(bob, ch, 2, 0)).answer;
      const pastLast = (await answer(bob, ch, 7, 0)).answer;
      const bad: Frame[] = [];
      for (const [, data] of badChoices) bad.push(await bob.op(ch, 'answer', data));
      const { result } = await reveal();
      const afterReveal = (await answer(bob, ch, 1, 1)).answer;
      return {
        ch,
        beforeNext,
        first,
        meBefore,
        framesAround,
        retry,
        second,
        secondOther,
        earlier,
        later,
        pastLast,
        bad,
        result,
        afterReveal,
      };
    });

    test('before the first next gets invalid', () => {
      assertErr(played().beforeNext, 'invalid', 'before the first next');
    });

    test('is acked with {index, choice}, right after me {answered}', () => {
      const { ch, first, meBefore, framesAround } = played();
      assert.deepEqual(assertAck(first).data, { index: 1, choice: 2 });
      assert.ok(
        isMe(ch)(meBefore),
        `me comes just before the ack: ${JSON.stringify(framesAround)}`,
      );
      assert.deepEqual(meBefore.data.answered, { index: 1, choice: 2 });
    });

    test('a retry with the same mid gets the same ack, whatever its choice', () => {
      const { first, retry } = played();
      assert.deepEqual(outcome(retry), outcome(first));
    });

    test('a second answer to one question gets conflict, same choice or other', () => {
      const { second, secondOther } = played();
      assertErr(second, 'conflict', 'a second answer');
      assertErr(secondOther, 'conflict', 'a second, other answer');
    });

    test('an earlier question gets too_late; a later one, or one past the last, invalid', () => {
      const { earlier, later, pastLast } = played();
      assertErr(earlier, 'too_late', 'an earlier question');
      assertErr(later, 'invalid', 'a later question');
      assertErr(pastLast, 'invalid', 'a question past the last');
    });

    test('a choice that is not an option, or an index that is not a number, gets invalid with details', () => {
      for (const [i, [what]] of badChoices.entries()) {
        const refused = assertErr(played().bad[i], 'invalid', what);
        assert.ok(refused.details, what);
      }
    });

    test('the result counts each player’s accepted answer once', () => {
      assert.deepEqual(played().result.data, { index: 1, correct: 1, counts: [0, 0, 1, 0] });
    });

    test('after the reveal gets too_late', () => {
      assertErr(played().afterReveal, 'too_late', 'after the reveal');
    });
  });

  describe('next {leadInMs}', () => {
    const badLeadIns = [5_001, -1, 1.5, '100'];
    const played = scenario(async () => {
      const { ch, host, players, load, next, reveal } = await room();
      const [ann] = await players('ann');
      await load([question(0, { timeLimitMs: 2_000 })]);
      const refused: Frame[] = [];
      for (const leadInMs of badLeadIns) refused.push(await host.op(ch, 'next', { leadInMs }));
      const ev = await next({ leadInMs: 800 });
      const { startsAt } = ev.data;
      const early = (await answer(ann, ch, 0, 0)).answer;
      const earlySentBeforeStart = Date.now() < startsAt;
      await waitUntil(startsAt);
      const timed = await answer(ann, ch, 0, 0);
      const { leaderboard } = await reveal();
      return { refused, ev, early, earlySentBeforeStart, timed, leaderboard };
    });

    test('over 5 000, negative, fractional or not a number gets invalid', () => {
      for (const [i, leadInMs] of badLeadIns.entries()) {
        assertErr(played().refused[i], 'invalid', `leadInMs ${leadInMs}`);
      }
    });

    test('the question shows at once; answers open leadInMs later', () => {
      const { ev } = played();
      const { startsAt, endsAt } = ev.data;
      assert.equal(startsAt, ev.ts + 800, 'the question shows at once, answers open 800 ms later');
      assert.equal(endsAt, startsAt + 2_000);
    });

    test('an answer before startsAt gets invalid', () => {
      const { early, earlySentBeforeStart } = played();
      assertErr(early, 'invalid', 'before startsAt');
      assert.ok(earlySentBeforeStart, 'the early answer was sent (and refused) before startsAt');
    });

    test('elapsed counts from startsAt', () => {
      const { ev, timed, leaderboard } = played();
      assertAck(timed.answer, 'after startsAt');
      const [top] = leaderboard.data.top;
      const range = pointsRange(1_000, 2_000, ev.data.startsAt, timed);
      assertInRange(top.score, range, 'points from startsAt');
    });
  });

  describe('answered count', () => {
    const played = scenario(async () => {
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
      const events = watcher.events(ch).filter((f) => f.type === 'answered');
      return { asked, crowd, last, events, duration: Date.now() - start };
    });

    test('answered {index, count} events follow the answers', () => {
      const { asked, last } = played();
      assert.equal(last.data.index, asked.data.index);
    });

    test('they are throttled, never one per answer', () => {
      const { crowd, events, duration } = played();
      assert.ok(
        events.length <= duration / TALLY_MS + 1,
        `${events.length} answered events in ${duration} ms`,
      );
      assert.ok(events.length < crowd.length, 'coalesced, not one per answer');
    });
  });

  describe('scoring', () => {
    // steady: always right, always inside the grace: 500 + the bonus, exactly.
    // broken: right, right, wrong, right, right, no answer, right.
    // quick: always right at once: the speed factor, within the window the relay timed.
    const QUESTIONS = 7;
    const brokenPlan = ['right', 'right', 'wrong', 'right', 'right', 'none', 'right'];
    const steadyPoints = [500, 600, 700, 800, 900, 1_000, 1_000];
    const brokenPoints = [500, 600, 0, 500, 600, 0, 500];
    type Standing = Awaited<ReturnType<Awaited<ReturnType<typeof room>>['standing']>>;
    interface Round {
      startsAt: number;
      fast: Timed;
      acks: [string, Frame][];
      s: Standing;
      b: Standing;
      q: Standing;
    }

    const played = scenario(async () => {
      const { ch, host, watcher, players, load, next, standing } = await room();
      const [steady, broken, quick] = await players('steady', 'broken', 'quick');
      await load(Array.from({ length: QUESTIONS }, (_, i) => question(i, { timeLimitMs: 1_000 })));
      const rounds: Round[] = [];
      for (let i = 0; i < QUESTIONS; i++) {
        // `next` reveals the open question first; the first one is opened here.
        const ev = i === 0 ? await next() : await watcher.next(isEv(ch, 'question'));
        const { startsAt, endsAt } = ev.data;
        const correct = i % 4;
        const fast = await answer(quick, ch, i, correct);
        const acks: [string, Frame][] = [[`quick ${i}`, fast.answer]];
        await waitUntil(endsAt + 50);
        acks.push([`steady ${i}`, (await answer(steady, ch, i, correct)).answer]);
        await sleep(2); // steady reaches a shared score first
        if (brokenPlan[i] !== 'none') {
          const choice = brokenPlan[i] === 'right' ? correct : (correct + 1) % 4;
          acks.push([`broken ${i}`, (await answer(broken, ch, i, choice)).answer]);
        }
        // Reveals this question (unless the deadline already did) and opens the next one.
        acks.push([`next after ${i}`, await host.op(ch, 'next', {})]);
        const [s, b, q] = [await standing(steady), await standing(broken), await standing(quick)];
        rounds.push({ startsAt, fast, acks, s, b, q });
      }
      // The `next` after the last question ended the game.
      const final = await watcher.next((f) => isEv(ch, 'leaderboard')(f) && f.data.final);
      const totals = { steady: 0, broken: 0, quick: 0 };
      const after = rounds.map(({ q }, i) => {
        totals.steady += steadyPoints[i];
        totals.broken += brokenPoints[i];
        totals.quick += q.me.lastPoints;
        return { ...totals };
      });
      return { ch, watcher, rounds, final, after };
    });

    test('every answer, and every next, is acked', () => {
      for (const { acks } of played().rounds) {
        for (const [what, ack] of acks) assertAck(ack, what);
      }
    });

    test('a correct answer scores points × (1 − elapsed / timeLimit / 2), rounded, plus the streak bonus', () => {
      const { rounds, after } = played();
      for (const [i, { startsAt, fast, q }] of rounds.entries()) {
        const bonus = Math.min(100 * i, 500);
        assertInRange(
          q.me.lastPoints - bonus,
          pointsRange(1_000, 1_000, startsAt, fast),
          `quick's points for question ${i}`,
        );
        assert.equal(q.me.score, after[i].quick);
      }
    });

    test('each correct answer in a row after the first adds 100, at most 500', () => {
      const { rounds, after } = played();
      for (const [i, { s }] of rounds.entries()) {
        assert.deepEqual(
          { score: s.me.score, lastCorrect: s.me.lastCorrect, lastPoints: s.me.lastPoints },
          { score: after[i].steady, lastCorrect: true, lastPoints: steadyPoints[i] },
          `steady after question ${i}`,
        );
      }
      assert.equal(after.at(-1)!.steady, 500 + 600 + 700 + 800 + 900 + 1_000 + 1_000);
    });

    test('a wrong or missing answer scores 0 and resets the streak', () => {
      const { rounds, after } = played();
      for (const [i, { b }] of rounds.entries()) {
        assert.deepEqual(
          { score: b.me.score, lastCorrect: b.me.lastCorrect, lastPoints: b.me.lastPoints },
          {
            score: after[i].broken,
            lastCorrect: brokenPlan[i] === 'right',
            lastPoints: brokenPoints[i],
          },
          `broken after question ${i}`,
        );
        // No answered field for a question not answered.
        if (brokenPlan[i] === 'none') assert.equal(b.me.answered, undefined);
        else assert.equal(b.me.answered?.index, i);
      }
      assert.equal(after.at(-1)!.broken, 2_700);
    });

    test('each player’s rank is 1 + the number of players with a higher score', () => {
      const { rounds, after } = played();
      for (const [i, { s, b, q }] of rounds.entries()) {
        const totals = after[i];
        const scores = Object.values(totals);
        for (const [me, score] of [
          [s.me, totals.steady],
          [b.me, totals.broken],
          [q.me, totals.quick],
        ] as const) {
          assert.equal(me.rank, expectedRank(score, scores), `rank after question ${i}`);
        }
      }
    });

    test('the leaderboard after each question: equal scores share a rank, the one there first listed first', () => {
      const { rounds, after } = played();
      for (const [i, { s }] of rounds.entries()) {
        const totals = after[i];
        assert.deepEqual(
          s.leaderboard.data.top.map((e: Frame) => [e.name, e.score, e.rank]),
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
    });

    test('next after the last question ends the game with the final leaderboard', () => {
      const { final, after } = played();
      assert.deepEqual(
        final.data.top.map((e: Frame) => [e.name, e.score]),
        [
          ['quick', after.at(-1)!.quick],
          ['steady', 5_500],
          ['broken', 2_700],
        ],
      );
    });

    test('me goes to the players only', () => {
      const { ch, watcher } = played();
      assert.equal(watcher.frames.filter(isMe(ch)).length, 0, 'me goes to players only');
    });
  });

  describe('leaderboard', () => {
    // p2 and p5 answer question 0 right; p5, p2 (in that order) and p7 question 1; p11 skips it.
    const q2 = [5, 2, 7, 0, 1, 3, 4, 6, 8, 9, 10];
    const scores2: Record<number, number> = { 5: 2_100, 2: 2_100, 7: 1_000 };
    const ranks2: Record<number, number> = { 5: 1, 2: 1, 7: 3 };
    const score2 = (i: number) => scores2[i] ?? 0;
    const rank2 = (i: number) => ranks2[i] ?? 4;

    const played = scenario(async () => {
      const { ch, join, watcher, players, load, next, reveal } = await room();
      const names = Array.from({ length: 12 }, (_, i) => `p${i}`);
      const ps = await players(...names);
      // Accessible mode: a correct answer earns its full points, so every score is exact.
      await load([question(0), question(1)], { accessible: true });
      const outsider = await join('outsider');
      await outsider.sub(ch);

      await next();
      for (let i = 0; i < 12; i++) {
        assertAck((await answer(ps[i], ch, 0, [2, 5].includes(i) ? 0 : 3)).answer, `p${i}`);
        await sleep(2);
      }
      const first = (await reveal()).leaderboard;
      await next();
      // p5 answers before p2 this time: both reach 2 100 (1 000 + a streak of two), p5 first.
      for (const i of q2) {
        assertAck((await answer(ps[i], ch, 1, [5, 2, 7].includes(i) ? 1 : 0)).answer, `p${i}`);
        await sleep(2);
      }
      const oldQuestion = (await answer(outsider, ch, 0, 0)).answer;
      const second = (await reveal()).leaderboard;
      const mine: Frame[] = [];
      for (const player of ps) {
        await player.until(() => player.events(ch, 'leaderboard').length === 2);
        mine.push(await meAfter(player, ch, player.events(ch, 'leaderboard')[1]));
      }
      return { ch, ps, watcher, outsider, first, oldQuestion, second, mine };
    });
    const idOf = (i: number) => played().ps[i].welcome.user.id;

    test('the top ten; equal scores share a rank (1, 1, 3), the one that reached the score first listed first', () => {
      const { first, second } = played();
      // p2 and p5 1 000; everyone else 0, listed in the order they first answered.
      const order1 = [2, 5, 0, 1, 3, 4, 6, 7, 8, 9];
      assert.deepEqual(first.data, {
        top: order1.map((i) => ({
          userId: idOf(i),
          name: `p${i}`,
          score: [2, 5].includes(i) ? 1_000 : 0,
          rank: [2, 5].includes(i) ? 1 : 3,
        })),
        players: 12,
      });
      const order2 = [5, 2, 7, 0, 1, 3, 4, 6, 8, 9];
      assert.deepEqual(second.data, {
        top: order2.map((i) => ({
          userId: idOf(i),
          name: `p${i}`,
          score: score2(i),
          rank: rank2(i),
        })),
        players: 12,
      });
    });

    test('an answer to a question already revealed gets too_late', () => {
      assertErr(played().oldQuestion, 'too_late', 'an answer to the old question');
    });

    test('each player gets its own me after each leaderboard', () => {
      const { ch, ps, mine } = played();
      for (const [i, player] of ps.entries()) {
        const answered = q2.includes(i)
          ? { index: 1, choice: [5, 2, 7].includes(i) ? 1 : 0 }
          : undefined;
        assert.deepEqual(mine[i].data, {
          score: score2(i),
          rank: rank2(i),
          lastCorrect: [5, 2, 7].includes(i),
          lastPoints: { 5: 1_100, 2: 1_100, 7: 1_000 }[i] ?? 0,
          // 5 and 2 were right twice in a row (the +100 bonus), 7 once.
          streak: { 5: 2, 2: 2, 7: 1 }[i] ?? 0,
          ...(answered ? { answered } : {}),
        });
        const mes = player.frames.filter(isMe(ch));
        // me {answered} before the ack of each answer, and one after each of the two reveals.
        assert.equal(mes.length, (q2.includes(i) ? 2 : 1) + 2, `p${i}: ${JSON.stringify(mes)}`);
        assert.ok(mes.every((f) => f.data.score !== undefined && !('userId' in f.data)));
      }
    });

    test('no me for a watcher or a user who never answered in time', () => {
      const { ch, watcher, outsider } = played();
      assert.equal(watcher.frames.filter(isMe(ch)).length, 0);
      assert.equal(outsider.frames.filter(isMe(ch)).length, 0);
    });
  });

  describe('end', () => {
    const played = scenario(async () => {
      const { ch, join, host, watcher, players, load, next, reveal, standing } = await room();
      const [ann, bob] = await players('ann', 'bob');
      await load([question(0), question(1)], { accessible: true });
      await next();
      assertAck((await answer(ann, ch, 0, 0)).answer);
      assertAck((await answer(bob, ch, 0, 1)).answer);
      // end with a question open: it is revealed first.
      const endAck = await host.op(ch, 'end', {});
      const result = await watcher.next(isEv(ch, 'result'));
      const revealed = await watcher.next(isEv(ch, 'leaderboard'));
      const final = await watcher.next(isEv(ch, 'leaderboard'));
      await standing(ann);
      const afterFinal = await standing(ann);
      const ended = (await (await join('late')).sub(ch)).snapshot;

      // A new game: the scores start again.
      await load([question(0)], { accessible: true });
      const fresh = (await (await join('late2')).sub(ch)).snapshot;
      await next();
      assertAck((await answer(bob, ch, 0, 0)).answer);
      await reveal();
      // next after the last (revealed) question: only the final leaderboard.
      const headBefore = watcher.events(ch).at(-1)!.seq;
      const nextAck = await host.op(ch, 'next', {});
      const endedAgain = await watcher.next((f) => isEv(ch, 'leaderboard')(f) && f.data.final);
      return {
        ann,
        bob,
        endAck,
        result,
        revealed,
        final,
        afterFinal,
        ended,
        fresh,
        headBefore,
        nextAck,
        endedAgain,
      };
    });

    test('end with a question open reveals it first, then emits leaderboard {final: true}', () => {
      const { ann, bob, endAck, result, revealed, final } = played();
      assert.deepEqual(assertAck(endAck, 'end').data, { ended: true });
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
    });

    test('the players get their me again after the final leaderboard', () => {
      const { afterFinal } = played();
      assert.equal(afterFinal.leaderboard.data.final, true);
      assert.deepEqual(
        [afterFinal.me.score, afterFinal.me.rank, afterFinal.me.lastPoints],
        [1_000, 1, 1_000],
      );
    });

    test('a late joiner’s snapshot says ended, with the final leaderboard', () => {
      const { ended, final } = played();
      assert.equal(ended.phase, 'ended');
      assert.deepEqual(ended.leaderboard, final.data);
    });

    test('load starts a new game: idle, no leaderboard, the scores start again', () => {
      const { fresh, endedAgain } = played();
      assert.deepEqual([fresh.phase, fresh.leaderboard], ['idle', null]);
      assert.equal(endedAgain.data.players, 1, 'ann played the earlier game only');
    });

    test('next after the last question, once revealed, acts as end: only the final leaderboard', () => {
      const { bob, headBefore, nextAck, endedAgain } = played();
      assertAck(nextAck, 'next after the last question');
      assert.equal(endedAgain.seq, headBefore + 1);
      assert.deepEqual(endedAgain.data.top, [
        { userId: bob.welcome.user.id, name: 'bob', score: 1_000, rank: 1 },
      ]);
    });
  });

  describe('accessible mode', () => {
    const played = scenario(async () => {
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
      const loaded = watcher.events(ch, 'loaded').at(-1)!;

      const asked = [await next()];
      assertAck((await answer(ann, ch, 0, 0)).answer);
      await reveal();
      const mine = [(await standing(ann)).me];

      asked.push(await next());
      await sleep(300); // slower: still the full points
      assertAck((await answer(ann, ch, 1, 1)).answer);
      await reveal();
      mine.push((await standing(ann)).me);

      const badSettings = await host.op(ch, 'settings', { accessible: 'no' });
      const settingsAck = await host.op(ch, 'settings', { accessible: false });
      const settings = await watcher.next(isEv(ch, 'settings'));
      asked.push(await next());
      await sleep(200);
      const timed = await answer(ann, ch, 2, 2);
      await reveal();
      mine.push((await standing(ann)).me);
      return { loaded, asked, mine, badSettings, settingsAck, settings, timed };
    });

    test('loaded says so', () => {
      assert.deepEqual(played().loaded.data, { count: 3, accessible: true });
    });

    test('doubles every time limit in the question event', () => {
      const { asked } = played();
      for (const [i, limit] of [2_000, 3_000].entries()) {
        assert.equal(asked[i].data.timeLimitMs, limit);
        assert.equal(asked[i].data.endsAt - asked[i].data.startsAt, limit);
      }
    });

    test('a correct answer earns its full points, however fast or slow; the streak bonus stays', () => {
      const [first, second] = played().mine;
      assert.deepEqual(first.lastPoints, 1_000, 'full points, however fast');
      assert.deepEqual(
        [second.lastPoints, second.score],
        [800 + 100, 1_900],
        'the streak bonus stays',
      );
    });

    test('settings {accessible} that is not a boolean gets invalid', () => {
      assertErr(played().badSettings, 'invalid', 'settings');
    });

    test('settings switches it off between questions: the limits and speed scoring are back', () => {
      const { settingsAck, settings, asked, timed, mine } = played();
      assertAck(settingsAck, 'settings');
      assert.deepEqual(settings.data, { accessible: false });
      const ev = asked[2];
      assert.equal(ev.data.timeLimitMs, 4_000);
      assert.equal(ev.data.endsAt - ev.data.startsAt, 4_000);
      assertAck(timed.answer);
      const me = mine[2];
      assertInRange(
        me.lastPoints - 200,
        pointsRange(1_000, 4_000, ev.data.startsAt, timed),
        'speed scoring is back',
      );
      assert.ok(me.lastPoints - 200 < 1_000);
    });
  });

  describe('snapshot', () => {
    const questions = [question(1, { timeLimitMs: 30_000 }), question(2)];
    const played = scenario(async () => {
      const { ch, join, host, players, load, next } = await room();
      const [ann] = await players('ann');
      await load(questions);
      const ev = await next();
      assertAck((await answer(ann, ch, 0, 3)).answer);
      const late = await join('late');
      const ok = await late.sub(ch);
      const hostView = (await host.sub(ch)).snapshot;
      // ann on a new connection: her answer is in her me, right after ok.
      const again = await join('ann');
      const back = await again.sub(ch);
      const me = await again.next(isMe(ch));
      return { ch, ev, late, ok, hostView, again, back, me };
    });

    test('a late joiner mid-question gets a reset with the open question; no leaderboard before a reveal', () => {
      const { ev, ok } = played();
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
      // Nothing revealed yet: no leaderboard (protocol-notes, Quiz: the one sent at the last reveal).
      assert.equal(snapshot.leaderboard, null);
    });

    test('the audience’s snapshot carries neither the answer nor the questions', () => {
      const { ok, late } = played();
      const { snapshot } = ok;
      assert.ok(!keysDeep(snapshot).has('correct'), `no answer: ${JSON.stringify(snapshot)}`);
      assert.equal(snapshot.questions, undefined);
      assert.ok(!late.messages.some((m) => m.includes('"correct"')));
    });

    test('no me for someone who has not played', () => {
      const { ch, late } = played();
      assert.equal(late.frames.filter(isMe(ch)).length, 0, 'no me for someone who has not played');
    });

    test('hosts also get the questions', () => {
      const { hostView } = played();
      assert.deepEqual(
        hostView.questions,
        questions.map((q) => ({ points: 1_000, ...q })),
      );
      assert.equal(hostView.phase, 'question');
    });

    test('a player coming back gets me, with the answer, right after ok', () => {
      const { again, back, me } = played();
      assert.equal(again.frames.indexOf(me), again.frames.indexOf(back) + 1);
      assert.deepEqual(
        [me.data.score, me.data.lastPoints, me.data.answered],
        [0, 0, { index: 0, choice: 3 }],
      );
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
  const { relay, clients, join } = withRelay({ args: ['--quiz-grace-ms', String(GRACE_MS)] });
  const joinSubbed = async (ch: string, user: string, role: Role = 'audience') => {
    const client = await join(user, role);
    const ok = await client.sub(ch);
    return Object.assign(client, { ok });
  };

  describe('a SIGKILL mid-question after the acks', () => {
    const ch = 'restart/quiz';
    const played = scenario(async () => {
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
      const ann2 = await joinSubbed(ch, 'ann');
      const me = await ann2.next(isMe(ch));
      // The answer's record: a retry is answered from it, a new answer is a conflict.
      const retry = (await answer(ann2, ch, 1, 3, annMid)).answer;
      const second = (await answer(ann2, ch, 1, 3)).answer;
      const cidAnswer = (await answer(await joinSubbed(ch, 'cid'), ch, 1, 1)).answer;

      const host2 = await joinSubbed(ch, 'host', 'host');
      assertAck(await host2.op(ch, 'reveal', {}));
      const result = await observer.next(isEv(ch, 'result'));
      const leaderboard = await observer.next(isEv(ch, 'leaderboard'));
      return {
        ev,
        annAck,
        beforeKill,
        observer,
        me,
        retry,
        second,
        cidAnswer,
        result,
        leaderboard,
      };
    });

    test('the channel comes back as it was: epoch, seq and snapshot', () => {
      const { observer, beforeKill } = played();
      assert.equal(observer.ok.epoch, beforeKill.ok.epoch);
      assert.equal(observer.ok.seq, beforeKill.ok.seq);
      assert.deepEqual(observer.ok.snapshot, beforeKill.ok.snapshot);
    });

    test('phase, question, deadline, answer count and the last leaderboard come back', () => {
      const { observer, ev } = played();
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
    });

    test('a player’s me comes back, with the answer to the open question', () => {
      assert.deepEqual(played().me.data, correctMe(1_000, 1, 1_000, { index: 1, choice: 1 }));
    });

    test('an answer’s record survives: a retry gets the same ack, a new answer conflict', () => {
      const { retry, annAck, second } = played();
      assert.deepEqual(outcome(retry), outcome(annAck));
      assertErr(second, 'conflict', 'a second answer');
    });

    test('the question is still open to a player who had not answered it', () => {
      assertAck(played().cidAnswer, 'the question is still open');
    });

    test('the scores come back: the reveal counts every answer, before the kill and after', () => {
      const { result, leaderboard } = played();
      assert.deepEqual(result.data, { index: 1, correct: 1, counts: [0, 4, 0, 0] });
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
    });
  });

  describe('a deadline that passed while the relay was down', () => {
    const ch = 'restart-deadline/quiz';
    const played = scenario(async () => {
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
      const me = await (await joinSubbed(ch, 'ann')).next(isMe(ch));
      const late = (await answer(await joinSubbed(ch, 'bob'), ch, 1, 1)).answer;
      return { result, leaderboard, me, late };
    });

    test('is kept: the question is revealed after the restart', () => {
      const { result, leaderboard } = played();
      assert.deepEqual(result, { index: 1, correct: 1, counts: [0, 1, 0, 0] });
      assert.deepEqual(leaderboard, {
        top: [{ userId: 'ann', name: 'ann', score: 500, rank: 1 }],
        players: 1,
      });
    });

    test('the player’s me says what the reveal gave', () => {
      assert.deepEqual(played().me.data, correctMe(500, 1, 500, { index: 1, choice: 1 }));
    });

    test('an answer after the restart gets too_late', () => {
      assertErr(played().late, 'too_late');
    });
  });
});

/**
 * An acked answer's `answered` count reaches the history even when the relay stops before its
 * throttled event: a host resuming across the restart sees how many answered, not a stale count.
 */
describe('quiz answered count across a stop (sqlite)', () => {
  const ch = 'answered-stop/quiz';
  const start = throttledRelays(ch);

  /** One answer goes out as `answered`, three more are acked, and the relay is stopped at once. */
  async function answerThenStop(signal: NodeJS.Signals) {
    const { join, watcher, ok, stopThenResume } = await start();
    const host = await join('host', 'host');
    // A time limit that outlives the restart: the question is still open after it.
    assertAck(await host.op(ch, 'load', { questions: [question(0, { timeLimitMs: 60_000 })] }));
    assertAck(await host.op(ch, 'next', {}));
    const players = await Promise.all(['p0', 'p1', 'p2', 'p3'].map((u) => join(u)));
    assertAck((await answer(players[0], ch, 0, 0)).answer);
    const first = await watcher.next(isEv(ch, 'answered'));
    assert.deepEqual(first.data, { index: 0, count: 1 });
    const acks = await Promise.all(players.slice(1).map((p, i) => answer(p, ch, 0, i + 1)));
    const { exitCode, eventsAtStop, reader, resumed } = await stopThenResume(
      signal,
      () => watcher.events(ch, 'answered').length,
      first,
    );
    for (const { answer: ack } of acks) assertAck(ack, 'answer');
    assert.equal(eventsAtStop, 1, 'the relay was stopped before the second answered event');
    assert.equal(resumed.epoch, ok.epoch, 'same epoch');
    const answered = await reader.next(isEv(ch, 'answered'));
    assert.deepEqual(answered.data, { index: 0, count: 4 });
    // A fresh subscriber's snapshot is exact too, and the question is still open.
    const { snapshot } = await (await join('fresh')).sub(ch);
    assert.deepEqual([snapshot.phase, snapshot.answered], ['question', 4]);
    await sleep(THROTTLE_HOLD_MS + TIMER_SLACK_MS);
    assert.equal(reader.events(ch).length, 1, 'sent once');
    return { exitCode, resumed, reader, answered };
  }

  test('SIGKILL right after the acks: after the restart an answered event carries the count', async () => {
    const { exitCode } = await answerThenStop('SIGKILL');
    assert.equal(exitCode, null, 'killed, not exited');
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
  const QUIZ_GRACE_MS = 100;
  const { join, loaded } = idleRelay(['--quiz-grace-ms', String(QUIZ_GRACE_MS)]);

  const ch = 'idle-open/quiz';
  const played = scenario(async () => {
    const watcher = await join('watcher');
    const ok = await watcher.sub(ch);
    const host = await join('host', 'host');
    const questions = [question(0, { timeLimitMs: 3_000 }), question(1)];
    assertAck(await host.op(ch, 'load', { questions }));
    assertAck(await host.op(ch, 'next', {}));
    const asked = await watcher.next(isEv(ch, 'question'));
    const { endsAt } = asked.data;
    watcher.close();
    await sleep(3 * IDLE_MS);
    const checkedAt = Date.now();
    // The room's chat (loaded to check bans on each op) is idle and goes; the quiz stays.
    await eventually(async () => (await loaded()) <= 1, 'the idle chat channel unloaded');
    const loadedWhileOpen = await loaded();
    await waitUntil(endsAt + QUIZ_GRACE_MS);
    const left = await eventually(
      async () => (await loaded()) === 0,
      'the quiz channel unloaded once revealed',
    ).then(
      () => true,
      (error: Error) => error.message,
    );

    const reader = await join('reader');
    const resumed = await reader.sub(ch, { epoch: ok.epoch, seq: asked.seq });
    const result = await reader.next(isEv(ch, 'result'));
    return { endsAt, checkedAt, loadedWhileOpen, left, resumed, result };
  });

  test('stays loaded with no subscriber while its question is open', () => {
    const { endsAt, checkedAt, loadedWhileOpen } = played();
    assert.ok(checkedAt < endsAt - 500, 'checked well before the deadline');
    assert.equal(loadedWhileOpen, 1, 'the quiz channel, with a question open, is still loaded');
  });

  test('reveals at the deadline, by its own timer', () => {
    const { endsAt, resumed, result } = played();
    assert.equal(resumed.replay, 2, JSON.stringify(resumed));
    assert.deepEqual(result.data, { index: 0, correct: 0, counts: [0, 0, 0, 0] });
    // Revealed by the deadline timer, not when a subscriber loaded the channel again.
    const late = result.ts - (endsAt + QUIZ_GRACE_MS);
    assert.ok(late >= -TIMER_SLACK_MS && late < 500, `revealed ${late} ms after the deadline`);
  });

  test('leaves once revealed', () => {
    assert.equal(played().left, true);
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
  const { relay, clients } = withRelay({
    memory: true,
    // Five hundred players, all from this machine's one address.
    args: ['--quiz-grace-ms', String(BIG_GRACE_MS), '--max-connections-per-ip', '0'],
  });

  interface Played {
    first?: Timed;
    second?: Frame;
    late?: Frame;
  }

  /** 500 players over real sockets answer one question, as `plan` says. */
  const played = scenario(async () => {
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
    const playing = players.map(async (player, i) => {
      const ev = await player.next(isEv(ch, 'question'), 10_000);
      receivedAt[i] = Date.now();
      return { ev, ...(await play(player, i, ev)) };
    });
    const nextSentAt = Date.now();
    const nextAck = assertAck(await host.op(ch, 'next', {}));
    const outcomes = await Promise.all(playing);
    const accepted = outcomes.flatMap((o, i) => (o.first ? [i] : []));

    // Nobody revealed: the relay did at endsAt + grace.
    const result = await watcher.next(isEv(ch, 'result'), 10_000);
    const board = await watcher.next(isEv(ch, 'leaderboard'));
    const mine = new Map<number, Frame>();
    await Promise.all(
      accepted.map(async (i) => {
        const player = players[i];
        const leaderboard = await player.next(isEv(ch, 'leaderboard'), 10_000);
        mine.set(i, (await meAfter(player, ch, leaderboard)).data);
      }),
    );
    const scores = accepted.map((i) => mine.get(i)!.score as number);
    return {
      ch,
      startedAt,
      connectedAt,
      players,
      receivedAt,
      nextSentAt,
      nextAck,
      outcomes,
      ev: outcomes[0].ev,
      accepted,
      result,
      board,
      mine,
      scores,
    };
  });

  test('every player gets the one question, as the ack of next names it', () => {
    const { outcomes, nextAck, ev } = played();
    assert.ok(
      outcomes.every((o) => o.ev.seq === nextAck.seq && o.ev.data.endsAt === ev.data.endsAt),
    );
  });

  test('every first answer in time is acked with its choice', () => {
    const { outcomes, accepted } = played();
    outcomes.forEach((o, i) => {
      if (!o.first) return;
      assertAck(o.first.answer, `player ${i}`);
      assert.deepEqual(o.first.answer.data, { index: 0, choice: choiceOf(i) });
    });
    assert.equal(accepted.length, 350);
  });

  test('every second answer gets conflict, every late one too_late', () => {
    played().outcomes.forEach((o, i) => {
      if (answersTwice(i)) assertErr(o.second!, 'conflict', `player ${i}'s second answer`);
      if (plan(i) === 'late') assertErr(o.late!, 'too_late', `late player ${i}`);
    });
  });

  test('the relay reveals with exact counts; players counts users with an accepted answer', () => {
    const { accepted, result, board } = played();
    const counts = [0, 0, 0, 0];
    for (const i of accepted) counts[choiceOf(i)]++;
    assert.deepEqual(result.data, { index: 0, correct: CORRECT, counts });
    assert.equal(board.data.players, 350, 'players: users with an accepted answer');
  });

  test('every player’s me: correctness exact, points within the window the relay timed them in, rank', () => {
    const { accepted, mine, outcomes, ev, scores } = played();
    for (const i of accepted) {
      const me = mine.get(i)!;
      const correct = choiceOf(i) === CORRECT;
      assert.equal(me.lastCorrect, correct, `player ${i}`);
      assert.deepEqual(me.answered, { index: 0, choice: choiceOf(i) });
      if (correct) {
        assertInRange(
          me.lastPoints,
          pointsRange(1_000, LIMIT_MS, ev.data.startsAt, outcomes[i].first!),
          `player ${i}'s points`,
        );
      } else {
        assert.equal(me.lastPoints, 0, `player ${i}`);
      }
      assert.equal(me.score, me.lastPoints, `player ${i}`);
      assert.equal(me.rank, expectedRank(me.score, scores), `player ${i}'s rank`);
    }
  });

  test('the top ten: the highest scores, each as its player’s me says, ties in the order reached', () => {
    const { accepted, players, board, scores, mine, outcomes } = played();
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
  });

  test('late and silent users see the result but are not players: no me for them', () => {
    const { ch, players } = played();
    for (const [i, player] of players.entries()) {
      if (plan(i) !== 'late' && plan(i) !== 'silent') continue;
      assert.equal(player.events(ch, 'result').length, 1, `player ${i} saw the result`);
      assert.equal(player.frames.filter(isMe(ch)).length, 0, `player ${i} got a me`);
    }
  });

  test('the question reaches all 500 (the timings are logged)', () => {
    const { startedAt, connectedAt, receivedAt, nextSentAt, ev, accepted, outcomes } = played();
    const { result, scores } = played();
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
        `whole scenario ${Date.now() - startedAt} ms`,
    );
    assert.equal(fanOut.length, PLAYERS);
  });
});
