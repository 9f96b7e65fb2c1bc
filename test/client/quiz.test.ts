/**
 * The quiz store against a real relay: a round with a host and two players, optimistic answers
 * rolled back when refused, the relay's deadline and the countdown on its clock, late joiners and
 * reconnects, accessible mode. Plus the pure `parseQuizFile` and `remainingMs` helpers.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Connection } from '../../src/connection/connection.js';
import {
  createCountdown,
  createQuizStore,
  parseQuizFile,
  remainingMs,
  type QuizQuestionInput,
  type QuizStore,
} from '../../src/features/quiz.js';
import type { Role } from '../../src/protocol/index.js';
import { storeRelay } from './store-relay.js';
import { record, sleep, until, waitFor } from './wait.js';

const GRACE_MS = 100;
const fixture = storeRelay({
  memory: true,
  args: ['--tally-interval-ms', '50', '--quiz-grace-ms', String(GRACE_MS)],
});
const { relay, cleanup } = fixture;
let roomCount = 0;

const open = (sub: string, role: Role = 'audience') =>
  fixture.open({ token: relay.token({ sub: `${sub}${roomCount}`, name: sub, role }) });

const store = (connection: Connection): Promise<QuizStore> =>
  fixture.loaded(createQuizStore(connection, `quiz${roomCount}`));

/** A fresh room with a host and two players, all loaded. */
async function room() {
  roomCount += 1;
  const aliceSide = open('alice');
  const host = await store(open('host', 'host').connection);
  const alice = await store(aliceSide.connection);
  const bob = await store(open('bob').connection);
  return { host, alice, bob, aliceSide };
}

const capitals: QuizQuestionInput[] = [
  {
    text: ' Capital of France? ',
    options: ['Lyon', 'Paris', 'Nice'],
    correct: 1,
    timeLimitMs: 30_000,
  },
  {
    text: 'Capital of Italy?',
    options: ['Rome', 'Milan'],
    correct: 0,
    timeLimitMs: 30_000,
    points: 500,
  },
];

describe('quiz store', () => {
  it('runs a round: load, questions, answers, reveal, leaderboard, the end', async () => {
    const { host, alice, bob } = await room();
    assert.equal(alice.channel, `quiz${roomCount}/quiz`);
    assert.deepEqual(host.$questions.get(), [], 'hosts see the (empty) quiz');
    assert.equal(alice.$questions.get(), null, 'players never see answers');

    await host.load(capitals);
    assert.deepEqual(host.$questions.get(), [
      {
        text: 'Capital of France?',
        options: ['Lyon', 'Paris', 'Nice'],
        correct: 1,
        timeLimitMs: 30_000,
        points: 1000,
      },
      {
        text: 'Capital of Italy?',
        options: ['Rome', 'Milan'],
        correct: 0,
        timeLimitMs: 30_000,
        points: 500,
      },
    ]);
    await until(alice.$count, (count) => count === 2);
    assert.equal(alice.$phase.get(), 'idle');

    await host.next();
    const question = await until(alice.$question, (q) => q?.index === 0);
    assert.equal(alice.$phase.get(), 'question');
    assert.deepEqual(
      { ...question, startsAt: 0, endsAt: 0 },
      {
        index: 0,
        count: 2,
        text: 'Capital of France?',
        options: ['Lyon', 'Paris', 'Nice'],
        timeLimitMs: 30_000,
        points: 1000,
        startsAt: 0,
        endsAt: 0,
      },
      'the question never carries its answer',
    );
    assert.equal(question!.endsAt! - question!.startsAt!, 30_000);

    const answers = record(alice.$myAnswer);
    const answering = alice.answer(1);
    assert.deepEqual(alice.$myAnswer.get(), { index: 0, choice: 1 }, 'shown at once');
    await answering;
    await until(bob.$question, (q) => q?.index === 0);
    await bob.answer(2);
    await assert.rejects(alice.answer(0), { code: 'conflict' });
    assert.deepEqual(answers, [
      null,
      { index: 0, choice: 1 },
      { index: 0, choice: 0 },
      { index: 0, choice: 1 },
    ]);
    assert.deepEqual(alice.$me.get().answered, { index: 0, choice: 1 });

    await host.reveal();
    for (const quiz of [host, alice, bob])
      await until(quiz.$phase, (phase) => phase === 'revealed');
    assert.deepEqual(alice.$result.get(), { index: 0, correct: 1, counts: [0, 1, 1] });
    assert.equal(alice.$answeredCount.get(), 2);
    const board = await until(bob.$leaderboard, Boolean);
    assert.equal(board!.players, 2);
    assert.deepEqual(
      board!.top.map(({ name, rank }) => [name, rank]),
      [
        ['alice', 1],
        ['bob', 2],
      ],
    );
    const aliceMe = await until(alice.$me, (me) => me.rank === 1);
    assert.ok(aliceMe.score > 500 && aliceMe.score <= 1000, `speed scoring: ${aliceMe.score}`);
    assert.equal(aliceMe.lastCorrect, true);
    assert.equal(aliceMe.lastPoints, aliceMe.score);
    const bobMe = await until(bob.$me, (me) => me.rank === 2);
    assert.deepEqual(bobMe, {
      score: 0,
      rank: 2,
      lastCorrect: false,
      lastPoints: 0,
      streak: 0,
      answered: { index: 0, choice: 2 },
    });
    assert.deepEqual(alice.$myAnswer.get(), { index: 0, choice: 1 }, 'kept through the reveal');

    await host.next();
    await until(alice.$question, (q) => q?.index === 1);
    assert.equal(alice.$result.get(), null);
    assert.equal(alice.$myAnswer.get(), null, 'a new question, no answer yet');
    assert.equal(alice.$answeredCount.get(), 0);
    await alice.answer(0);

    await host.next(); // after the last question: reveals it and ends
    const final = await until(alice.$leaderboard, (b) => b?.final === true);
    assert.equal(alice.$phase.get(), 'ended');
    assert.equal(alice.$question.get(), null);
    assert.deepEqual(alice.$result.get(), { index: 1, correct: 0, counts: [1, 0] });
    assert.deepEqual(
      final!.top.map(({ name }) => name),
      ['alice', 'bob'],
    );
    const end = await until(alice.$me, (me) => me.score > aliceMe.score);
    // A second correct answer in a row earns a 100-point streak bonus.
    assert.ok(
      end.lastPoints > 100 + 250 && end.lastPoints <= 100 + 500,
      `points: ${end.lastPoints}`,
    );
    await assert.rejects(host.next(), { code: 'conflict' });
  });

  it('reveals by itself at the deadline, and the countdown follows the relay clock', async () => {
    const { host, alice, aliceSide } = await room();
    await host.load([{ ...capitals[0], timeLimitMs: 1_000 }]);
    const countdown = createCountdown(alice, aliceSide.connection);
    cleanup(() => countdown.destroy());
    assert.equal(countdown.$remainingMs.get(), 0, 'nothing open');
    const ticks = record(countdown.$remainingMs);

    await host.next();
    const question = await until(alice.$question, (q) => q?.index === 0);
    await until(countdown.$remainingMs, (ms) => ms > 0 && ms <= 1_000);
    await until(countdown.$remainingMs, (ms) => ms === 0, 2_000);
    const running = ticks.filter((ms) => ms > 0);
    assert.ok(running.length >= 5, `ticked ${running.length} times`);
    assert.ok(
      running.every((ms, i) => i === 0 || ms <= running[i - 1]),
      'only ever goes down',
    );

    // Nobody revealed: the relay does at endsAt + grace.
    await until(alice.$phase, (phase) => phase === 'revealed', 1_000);
    assert.ok(Date.now() >= question!.endsAt! - 50, 'not before the deadline');
    assert.deepEqual(alice.$result.get(), { index: 0, correct: 1, counts: [0, 0, 0] });
    await assert.rejects(alice.answer(1), { code: 'too_late' });
    assert.equal(alice.$myAnswer.get(), null, 'rolled back');

    const settled = ticks.length;
    await sleep(300);
    assert.equal(ticks.length, settled, 'stopped once at 0');
  });

  it('stops ticking when destroyed', async () => {
    const { host, alice, aliceSide } = await room();
    await host.load([{ ...capitals[0], timeLimitMs: 5_000 }]);
    await host.next();
    await until(alice.$question, Boolean);
    const countdown = createCountdown(alice, aliceSide.connection, { tickMs: 50 });
    const ticks = record(countdown.$remainingMs);
    await waitFor(() => ticks.length >= 3);
    countdown.destroy();
    const count = ticks.length;
    await sleep(250);
    assert.equal(ticks.length, count);
    await host.end();
  });

  it('holds answers until a lead-in is over', async () => {
    const { host, alice } = await room();
    await host.load([capitals[0]]);
    await host.next({ leadInMs: 600 });
    const question = await until(alice.$question, Boolean);
    assert.equal(question!.endsAt! - question!.startsAt!, 30_000);
    assert.equal(remainingMs(question!, question!.startsAt! - 500), 30_000, 'the full limit');
    await assert.rejects(alice.answer(1), { code: 'invalid' });
    assert.equal(alice.$myAnswer.get(), null);
    await sleep(650);
    await alice.answer(1);
    assert.deepEqual(alice.$myAnswer.get(), { index: 0, choice: 1 });
    await host.end();
  });

  it('gives a late joiner the open question, and my answer back after a reconnect', async () => {
    const { host, alice, aliceSide } = await room();
    await host.load(capitals);
    await host.next();
    await until(alice.$question, Boolean);
    await alice.answer(2);

    const carol = await store(open('carol').connection);
    const question = carol.$question.get()!;
    assert.equal(carol.$phase.get(), 'question');
    assert.equal(question.text, 'Capital of France?');
    assert.equal(question.endsAt! - question.startsAt!, 30_000, 'with its times');
    assert.equal(carol.$answeredCount.get(), 1);
    assert.equal(carol.$myAnswer.get(), null);

    const statuses = record(aliceSide.connection.$status);
    aliceSide.sockets.sockets.at(-1)!.terminate();
    await waitFor(() => statuses.includes('reconnecting') && statuses.at(-1) === 'open');
    await waitFor(() => aliceSide.sockets.framesReceived('me').length >= 2);
    assert.deepEqual(alice.$myAnswer.get(), { index: 0, choice: 2 });

    // Another tab of the same player.
    const tab = await store(open('alice').connection);
    await until(tab.$myAnswer, Boolean);
    assert.deepEqual(tab.$myAnswer.get(), { index: 0, choice: 2 });
    await assert.rejects(tab.answer(1), { code: 'conflict' });

    await host.reveal();
    const late = await store(open('dave').connection);
    assert.equal(late.$phase.get(), 'revealed');
    assert.equal(late.$question.get()!.index, 0);
    assert.deepEqual(late.$result.get(), { index: 0, correct: 1, counts: [0, 0, 1] });
    assert.equal(late.$leaderboard.get()!.players, 1);
  });

  it('doubles every time limit in accessible mode', async () => {
    const { host, alice } = await room();
    await host.load(capitals, { accessible: true });
    await until(alice.$accessible, Boolean);
    await host.next();
    const question = await until(alice.$question, Boolean);
    assert.equal(question!.timeLimitMs, 60_000);
    assert.equal(question!.endsAt! - question!.startsAt!, 60_000);
    await assert.rejects(host.setAccessible(false), { code: 'conflict' }, 'not while open');
    await alice.answer(1);
    await host.reveal();
    const me = await until(alice.$me, (m) => m.rank === 1);
    assert.equal(me.score, 1000, 'full points, no speed factor');

    await host.setAccessible(false);
    await until(alice.$accessible, (on) => !on);
    await host.next();
    await until(alice.$question, (q) => q?.index === 1 && q.timeLimitMs === 30_000);
  });

  it('lets only hosts run the quiz, and a new load starts a new game', async () => {
    const { host, alice } = await room();
    await assert.rejects(alice.load(capitals), { code: 'forbidden' });
    await assert.rejects(alice.next(), { code: 'forbidden' });
    await assert.rejects(host.load([{ ...capitals[0], correct: 7 }]), { code: 'invalid' });
    await assert.rejects(host.reveal(), { code: 'conflict' });
    await assert.rejects(alice.answer(0), { code: 'invalid' }, 'no question');

    await host.load(capitals);
    await host.next();
    await until(alice.$question, Boolean);
    await alice.answer(1);
    await host.reveal();
    await until(alice.$me, (me) => me.score > 0);

    await host.load([capitals[1]]);
    await until(alice.$count, (count) => count === 1);
    assert.equal(alice.$phase.get(), 'idle');
    assert.equal(alice.$leaderboard.get(), null);
    assert.equal(alice.$question.get(), null);
    assert.deepEqual(alice.$me.get(), {
      score: 0,
      rank: null,
      lastCorrect: false,
      lastPoints: 0,
      streak: 0,
    });
    assert.equal(host.$questions.get()!.length, 1);

    // Another host's quiz: its questions are unknown here until the next snapshot.
    const other = await store(open('cohost', 'host').connection);
    await other.load(capitals);
    assert.equal(other.$questions.get()!.length, 2);
    await until(host.$count, (count) => count === 2);
    assert.equal(host.$questions.get(), null);
  });
});

describe('remainingMs', () => {
  const question = { startsAt: 10_000, endsAt: 15_000 };
  it('counts down from the time limit to 0', () => {
    assert.equal(remainingMs(question, 9_000), 5_000, 'during a lead-in: the full limit');
    assert.equal(remainingMs(question, 10_000), 5_000);
    assert.equal(remainingMs(question, 12_500), 2_500);
    assert.equal(remainingMs(question, 15_000), 0);
    assert.equal(remainingMs(question, 99_000), 0);
    assert.equal(remainingMs({}, 12_000), 0, 'no times: nothing to count');
  });
});

describe('parseQuizFile', () => {
  const valid = { text: 'Q?', options: ['a', 'b'], correct: 1, timeLimitMs: 10_000 };

  it('reads an array or an object with questions, trimming and defaulting points', () => {
    const expected = [
      { text: 'Q?', options: ['a', 'b'], correct: 1, timeLimitMs: 10_000, points: 1000 },
    ];
    assert.deepEqual(parseQuizFile(JSON.stringify([valid])), { ok: true, questions: expected });
    assert.deepEqual(
      parseQuizFile(JSON.stringify({ title: 'x', questions: [{ ...valid, text: '  Q? ' }] })),
      {
        ok: true,
        questions: expected,
      },
    );
    assert.deepEqual(parseQuizFile(JSON.stringify([{ ...valid, points: 0 }])), {
      ok: true,
      questions: [{ ...expected[0], points: 0 }],
    });
  });

  it('explains what is not JSON or not a quiz', () => {
    const notJson = parseQuizFile('[{text:');
    assert.equal(notJson.ok, false);
    assert.match(!notJson.ok ? notJson.errors[0] : '', /not valid JSON/);
    assert.deepEqual(parseQuizFile('{"title":"x"}'), {
      ok: false,
      errors: ['The file must hold an array of questions, or an object with a "questions" array.'],
    });
    assert.deepEqual(parseQuizFile('[]'), {
      ok: false,
      errors: ['A quiz has 1 to 100 questions; this file has 0.'],
    });
  });

  it('lists every problem with its question number', () => {
    const result = parseQuizFile(
      JSON.stringify([
        valid,
        { text: ' ', options: ['a'], correct: 1, timeLimitMs: 500, points: 1.5 },
        { ...valid, options: ['a', ''], correct: 2 },
        'nope',
        { ...valid, text: 'x'.repeat(301) },
      ]),
    );
    assert.deepEqual(result, {
      ok: false,
      errors: [
        'Question 2: "text" is empty.',
        'Question 2: "options" must be a list of 2 to 10 answers.',
        'Question 2: "correct" must be the index of the right option, counted from 0 (0 to 0).',
        'Question 2: "timeLimitMs" must be a whole number of milliseconds, 1000 to 600000.',
        'Question 2: "points" must be a whole number from 0 to 10000.',
        'Question 3: option 2 is empty.',
        'Question 3: "correct" must be the index of the right option, counted from 0 (0 to 1).',
        'Question 4: must be an object with text, options, correct and timeLimitMs.',
        'Question 5: "text" is 301 characters long; at most 300 are allowed.',
      ],
    });
  });

  it('reports at most 20 problems', () => {
    const result = parseQuizFile(JSON.stringify(Array.from({ length: 30 }, () => 1)));
    assert.equal(result.ok, false);
    const errors = !result.ok ? result.errors : [];
    assert.equal(errors.length, 21);
    assert.equal(errors[20], '… and 10 more.');
  });
});
