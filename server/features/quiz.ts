/**
 * quiz (`ROOM/quiz`): a host loads questions and runs them; the relay fans each question out at
 * once (never with its answer), enforces the deadline on its own clock, scores by speed plus a
 * streak bonus, and sends results, the leaderboard and each player's own standing (`me`).
 *
 * Accessible mode (`load {accessible: true}` or `settings {accessible}`) drops speed scoring and
 * doubles every time limit; the element announces through a polite live region.
 *
 * An `answered` count owed to the history is not lost to a crash or a stop: which question owes
 * one is stored with the answer that owes it and deleted with the event (or the reveal).
 */
import {
  QUIZ_LIMITS,
  isStaff,
  type QuizEvents,
  type QuizLeaderboard,
  type QuizMe,
  type QuizOps,
  type QuizPhase,
  type QuizQuestion,
  type User,
} from '../../src/protocol/index.js';
import { isAnonymous } from '../auth.js';
import { OpError, invalid } from '../errors.js';
import type { ChannelHandle, FeatureChannel, FeatureModule, StoredState } from './feature.js';
import { dispatch, type OpHandlers } from './feature.js';
import { integer, optionalInteger, requireHost, text } from './validate.js';

export const QUIZ_DEFAULTS = {
  /** Points of a question that names none. */
  points: QUIZ_LIMITS.defaultPoints,
  /** Bonus per consecutive correct answer after the first, and its cap. */
  streakStep: 100,
  streakMax: 500,
  /** Players listed in `leaderboard.top`. */
  top: 10,
  /** Accessible mode multiplies every time limit by this. */
  accessibleTimeFactor: 2,
};

/**
 * The record of an `answered {index, count}` event owed for the open question: written with the
 * answer that arms the throttle (so in the commit of its ack), deleted with the event, or with
 * the reveal, whose `result` counts every answer.
 */
const OWED_ANSWERED_KEY = 'owedAnswered';

/** The quiz's own progress, persisted as one record. */
interface Progress {
  questions: QuizQuestion[];
  accessible: boolean;
  /** Only users with a token may play. */
  signedInOnly?: boolean;
  phase: QuizPhase;
  index: number;
  startsAt: number;
  endsAt: number;
  /** Bumped by every `load`, so answers of an earlier game are never mixed in. */
  game: number;
}

interface Player {
  userId: string;
  name: string;
  score: number;
  streak: number;
  lastCorrect: boolean;
  lastPoints: number;
  /** When the score reached its value: ties list the earlier first. */
  reachedAt: number;
  /**
   * The rank given at the last reveal; none before the player's first. Stored, so a restart
   * gives back the ranks players were told, not ranks of players never revealed.
   */
  rank?: number;
}

interface Answer {
  choice: number;
  elapsed: number;
  at: number;
  /** What it scored, once revealed. */
  points?: number;
}

/** Which question owes an `answered` event. */
interface OwedAnswered {
  game: number;
  index: number;
}

class QuizChannel implements FeatureChannel {
  #progress: Progress = {
    questions: [],
    accessible: false,
    phase: 'idle',
    index: -1,
    startsAt: 0,
    endsAt: 0,
    game: 0,
  };
  #players = new Map<string, Player>();
  /** Answers to the current question. */
  #answers = new Map<string, Answer>();
  #result: { index: number; correct: number; counts: number[] } | null = null;
  /** Each player's rank as of the last reveal: answering does not move anyone. */
  #ranks = new Map<string, number>();
  /** The leaderboard as of the last reveal: what a late joiner sees. */
  #board: QuizLeaderboard | null = null;
  #deadline: NodeJS.Timeout | null = null;
  #answeredTimer: NodeJS.Timeout | null = null;
  #answeredAt = 0;
  /** Whether the open question owes an `answered` event (and the record says so). */
  #answeredOwed = false;

  constructor(
    private handle: ChannelHandle<QuizEvents, QuizMe>,
    stored: StoredState,
  ) {
    const progress = stored.records.get('progress') as Progress | undefined;
    if (progress) this.#progress = progress;
    this.#board = (stored.records.get('board') as QuizLeaderboard | undefined) ?? null;
    const game = `${this.#progress.game}:`;
    for (const [key, value] of stored.records) {
      if (key.startsWith(`player:${game}`)) {
        const player = value as Player;
        this.#players.set(player.userId, player);
      } else if (key.startsWith(`answer:${game}${this.#progress.index}:`)) {
        this.#answers.set(key.split(':').slice(3).join(':'), value as Answer);
      }
    }
    let ranked = false;
    for (const player of this.#players.values()) {
      if (player.rank === undefined) continue;
      this.#ranks.set(player.userId, player.rank);
      ranked = true;
    }
    // Stored before players kept their rank: ranked again, as the last reveal did.
    if (!ranked && this.#board) this.#rank();
    if (this.#progress.phase === 'revealed') this.#result = this.#tallyResult();
    if (this.#progress.phase === 'question') {
      // A count acked before a crash but never sent goes out through the throttle.
      const owed = stored.records.get(OWED_ANSWERED_KEY) as OwedAnswered | undefined;
      if (owed?.game === this.#progress.game && owed.index === this.#progress.index) {
        this.#answeredOwed = true;
        this.#scheduleAnswered();
      }
      this.#armDeadline();
    }
  }

  readonly #ops: OpHandlers<QuizOps> = {
    answer: (user, data) => this.#answer(user, data),
    load: (_user, data) => this.#load(data),
    next: (_user, data) => this.#next(data),
    reveal: () => this.#reveal(),
    end: () => this.#end(),
    settings: (_user, data) => this.#settings(data),
  };

  /** Every op but `answer` is for hosts, whether the quiz knows it or not. */
  op(user: User, type: string, data: Record<string, unknown>): unknown {
    if (type !== 'answer') requireHost(user);
    return dispatch('quiz', this.#ops, user, type, data);
  }

  snapshot(user: User) {
    const { phase, index, questions, accessible, startsAt, endsAt } = this.#progress;
    const snapshot: Record<string, unknown> = {
      phase,
      index,
      count: questions.length,
      accessible,
      signedInOnly: this.#progress.signedInOnly === true,
      question: phase === 'question' || phase === 'revealed' ? this.#public(index) : null,
      result: this.#result,
      leaderboard: this.#board,
      answered: this.#answers.size,
    };
    if (phase === 'question') Object.assign(snapshot, { startsAt, endsAt });
    if (isStaff(user)) snapshot.questions = questions;
    return snapshot;
  }

  meFor(user: User): unknown[] {
    const player = this.#players.get(user.id);
    const answer = this.#answers.get(user.id);
    if (!player && !answer) return [];
    return [this.#me(user.id, answer)];
  }

  /**
   * `players`: every player of the game, ranked (ranks as of the last reveal), a page at a time:
   * what the leaderboard's top ten leave out, for the site's backend.
   */
  read(user: User, name: string, page: { offset: number; limit: number }): unknown {
    if (name !== 'players' || !isStaff(user)) return undefined;
    const ranked = this.#ranked();
    const players = ranked
      .slice(page.offset, page.offset + page.limit)
      .map(({ userId, name: playerName, score, streak, lastCorrect, lastPoints }) => ({
        userId,
        name: playerName,
        score,
        rank: this.#ranks.get(userId) ?? null,
        streak,
        lastCorrect,
        lastPoints,
      }));
    return { game: this.#progress.game, total: ranked.length, players };
  }

  /** True while a question is open (its deadline must fire) or an `answered` event waits. */
  busy(): boolean {
    return this.#progress.phase === 'question' || this.#answeredTimer !== null;
  }

  /**
   * A stop sends the waiting `answered` event at once; the writer commits it before the relay
   * exits. An open question stays open: its deadline is armed again when the channel loads.
   */
  close(): void {
    this.#disarmDeadline();
    if (this.#answeredTimer) clearTimeout(this.#answeredTimer);
    this.#answeredTimer = null;
    if (this.#answeredOwed) this.#sendAnswered();
  }

  #load(data: Record<string, unknown>) {
    if (this.#progress.phase === 'question') {
      throw new OpError('conflict', 'a question is open: reveal or end it first');
    }
    const raw = data.questions;
    if (!Array.isArray(raw) || raw.length < 1 || raw.length > QUIZ_LIMITS.questions.max) {
      throw invalid(`questions must be 1 to ${QUIZ_LIMITS.questions.max} questions`, {
        field: 'questions',
      });
    }
    const questions = raw.map((q, i) => parseQuestion(q, i));
    const accessible = data.accessible === undefined ? this.#progress.accessible : data.accessible;
    if (typeof accessible !== 'boolean') {
      throw invalid('accessible must be a boolean', { field: 'accessible' });
    }
    if (data.signedInOnly !== undefined && typeof data.signedInOnly !== 'boolean') {
      throw invalid('signedInOnly must be a boolean', { field: 'signedInOnly' });
    }
    this.#progress = {
      questions,
      accessible,
      ...(data.signedInOnly === true ? { signedInOnly: true } : {}),
      phase: 'idle',
      index: -1,
      startsAt: 0,
      endsAt: 0,
      game: this.#progress.game + 1,
    };
    this.#players.clear();
    this.#answers.clear();
    this.#ranks.clear();
    this.#board = null;
    this.handle.put('board', undefined);
    this.#result = null;
    this.#save();
    this.handle.emit('loaded', {
      count: questions.length,
      accessible,
      ...(this.#progress.signedInOnly ? { signedInOnly: true } : {}),
    });
    return { count: questions.length };
  }

  #next(data: Record<string, unknown>) {
    const { questions, phase } = this.#progress;
    if (questions.length === 0) throw new OpError('conflict', 'load questions first');
    if (phase === 'ended') throw new OpError('conflict', 'the quiz has ended: load it again');
    const leadInMs = optionalInteger(data, 'leadInMs', 0, QUIZ_LIMITS.leadInMs) ?? 0;
    if (phase === 'question') this.#reveal();
    const index = this.#progress.index + 1;
    if (index >= questions.length) return this.#end();
    const now = this.handle.now();
    const startsAt = now + leadInMs;
    const endsAt = startsAt + this.#timeLimit(questions[index]);
    this.#progress = { ...this.#progress, phase: 'question', index, startsAt, endsAt };
    this.#answers.clear();
    this.#result = null;
    this.#save();
    this.handle.emit('question', { ...this.#public(index), startsAt, endsAt });
    this.#armDeadline();
    return { index };
  }

  #answer(user: User, data: Record<string, unknown>) {
    const { phase, index, startsAt, endsAt, questions } = this.#progress;
    if (this.#progress.signedInOnly && isAnonymous(user)) {
      throw new OpError('forbidden', 'this quiz is for signed-in users only');
    }
    const asked = integer(data, 'index', 0, Math.max(0, questions.length - 1));
    if (asked !== index || phase === 'idle') {
      throw new OpError(asked < index ? 'too_late' : 'invalid', 'that question is not open');
    }
    if (phase !== 'question') throw new OpError('too_late', 'the answers are revealed');
    const now = this.handle.now();
    if (now < startsAt) throw invalid('answers open at startsAt', { field: 'index', startsAt });
    if (now > endsAt + this.handle.config.quizGraceMs) {
      throw new OpError('too_late', 'time is up');
    }
    if (this.#answers.has(user.id)) {
      throw new OpError('conflict', 'one answer per question');
    }
    const question = questions[index];
    const choice = integer(data, 'choice', 0, question.options.length - 1);
    const limit = endsAt - startsAt;
    const answer: Answer = { choice, elapsed: Math.min(now - startsAt, limit), at: now };
    this.#answers.set(user.id, answer);
    if (!this.#players.has(user.id)) {
      const player: Player = {
        userId: user.id,
        name: user.name,
        score: 0,
        streak: 0,
        lastCorrect: false,
        lastPoints: 0,
        reachedAt: now,
      };
      this.#players.set(user.id, player);
      // Written now: an acknowledged answer makes a player, restart or not.
      this.handle.put(`player:${this.#progress.game}:${user.id}`, player);
    }
    this.handle.put(`answer:${this.#progress.game}:${index}:${user.id}`, answer);
    this.handle.sendMe(user.id, this.#me(user.id, answer));
    this.#touchAnswered();
    return { index, choice };
  }

  /** Scores the open question and sends result, leaderboard and each player's standing. */
  #reveal() {
    if (this.#progress.phase !== 'question') {
      throw new OpError('conflict', 'no question is open');
    }
    this.#disarmDeadline();
    this.#forgetAnswered();
    const { index, questions, accessible } = this.#progress;
    const question = questions[index];
    const limit = this.#timeLimit(question);
    for (const player of this.#players.values()) {
      const answer = this.#answers.get(player.userId);
      const correct = answer?.choice === question.correct;
      let points = 0;
      if (correct) {
        player.streak++;
        const speed = accessible ? 1 : 1 - answer.elapsed / limit / 2;
        const bonus = Math.min(
          QUIZ_DEFAULTS.streakStep * (player.streak - 1),
          QUIZ_DEFAULTS.streakMax,
        );
        points = Math.round(question.points * speed) + bonus;
        player.score += points;
        if (points > 0) player.reachedAt = answer.at;
      } else {
        player.streak = 0;
      }
      player.lastCorrect = correct;
      player.lastPoints = points;
      // Kept with the answer for the room's export: what each question gave each player.
      if (answer) {
        this.handle.put(`answer:${this.#progress.game}:${index}:${player.userId}`, {
          ...answer,
          points,
        });
      }
    }
    this.#progress = { ...this.#progress, phase: 'revealed' };
    this.#save();
    this.#result = this.#tallyResult();
    this.handle.emit('result', this.#result);
    this.#announceStandings(false);
    // Written once ranked: the record holds the score and the rank the player was told.
    for (const player of this.#players.values()) {
      this.handle.put(`player:${this.#progress.game}:${player.userId}`, player);
    }
    return {};
  }

  #end() {
    if (this.#progress.phase === 'question') this.#reveal();
    if (this.#progress.phase === 'ended') return { ended: true };
    this.#progress = { ...this.#progress, phase: 'ended' };
    this.#save();
    this.#announceStandings(true);
    return { ended: true };
  }

  #settings(data: Record<string, unknown>) {
    if (typeof data.accessible !== 'boolean') {
      throw invalid('accessible must be a boolean', { field: 'accessible' });
    }
    if (this.#progress.phase === 'question') {
      throw new OpError('conflict', 'a question is open: change the mode between questions');
    }
    this.#progress = { ...this.#progress, accessible: data.accessible };
    this.#save();
    this.handle.emit('settings', { accessible: data.accessible });
    return {};
  }

  #announceStandings(final: boolean) {
    this.#rank();
    const board = this.#leaderboard(final);
    this.#board = board;
    this.handle.put('board', board);
    this.handle.emit('leaderboard', board);
    for (const userId of this.#players.keys()) {
      this.handle.sendMe(userId, this.#me(userId, this.#answers.get(userId)));
    }
  }

  /** Scores, highest first; equal scores share a rank (1, 1, 3), the earlier listed first. */
  #ranked(): Player[] {
    return [...this.#players.values()].sort(
      (a, b) => b.score - a.score || a.reachedAt - b.reachedAt,
    );
  }

  #rank() {
    this.#ranks.clear();
    let rank = 0;
    let previous: number | null = null;
    this.#ranked().forEach((player, i) => {
      if (player.score !== previous) rank = i + 1;
      previous = player.score;
      this.#ranks.set(player.userId, rank);
      player.rank = rank;
    });
  }

  #leaderboard(final: boolean) {
    const top = this.#ranked()
      .slice(0, QUIZ_DEFAULTS.top)
      .map(({ userId, name, score }) => ({ userId, name, score, rank: this.#ranks.get(userId)! }));
    const board: QuizLeaderboard = { top, players: this.#players.size };
    if (final) board.final = true;
    return board;
  }

  #me(userId: string, answer: Answer | undefined): QuizMe {
    const player = this.#players.get(userId);
    const rank = this.#ranks.get(userId) ?? null;
    const me: QuizMe = {
      score: player?.score ?? 0,
      rank,
      lastCorrect: player?.lastCorrect ?? false,
      lastPoints: player?.lastPoints ?? 0,
      streak: player?.streak ?? 0,
    };
    if (answer && this.#progress.phase !== 'idle') {
      me.answered = { index: this.#progress.index, choice: answer.choice };
    }
    return me;
  }

  #tallyResult() {
    const { index, questions } = this.#progress;
    const question = questions[index];
    const counts = question.options.map(() => 0);
    for (const answer of this.#answers.values()) counts[answer.choice]++;
    return { index, correct: question.correct, counts };
  }

  #public(index: number) {
    const { text: body, options, timeLimitMs, points } = this.#progress.questions[index];
    return {
      index,
      count: this.#progress.questions.length,
      text: body,
      options,
      timeLimitMs: this.#timeLimit({ timeLimitMs } as QuizQuestion),
      points,
    };
  }

  #timeLimit(question: QuizQuestion): number {
    return (
      question.timeLimitMs * (this.#progress.accessible ? QUIZ_DEFAULTS.accessibleTimeFactor : 1)
    );
  }

  /**
   * How many answered, for hosts' "38 of 120 answered": throttled like poll tallies, so a burst
   * of answers is a few events, not one per answer.
   */
  #touchAnswered() {
    if (!this.#answeredOwed) {
      this.#answeredOwed = true;
      const owed: OwedAnswered = { game: this.#progress.game, index: this.#progress.index };
      this.handle.put(OWED_ANSWERED_KEY, owed);
    }
    this.#scheduleAnswered();
  }

  #scheduleAnswered() {
    if (this.#answeredTimer) return;
    const wait = Math.max(0, this.#answeredAt + this.handle.config.tallyIntervalMs - Date.now());
    this.#answeredTimer = this.handle.later(() => {
      this.#answeredTimer = null;
      // Early by the wall clock (see Throttle): armed again for what is left.
      if (Date.now() < this.#answeredAt + this.handle.config.tallyIntervalMs) {
        return this.#scheduleAnswered();
      }
      if (this.#answeredOwed) this.#sendAnswered();
      this.#answeredAt = Date.now();
    }, wait);
  }

  /** The event and the owed record's deletion share one commit: the count is owed once. */
  #sendAnswered() {
    this.#answeredOwed = false;
    this.handle.put(OWED_ANSWERED_KEY, undefined);
    this.handle.emit('answered', { index: this.#progress.index, count: this.#answers.size });
  }

  /** The reveal's `result` counts every answer: an `answered` event still waiting is dropped. */
  #forgetAnswered() {
    if (this.#answeredTimer) clearTimeout(this.#answeredTimer);
    this.#answeredTimer = null;
    if (!this.#answeredOwed) return;
    this.#answeredOwed = false;
    this.handle.put(OWED_ANSWERED_KEY, undefined);
  }

  /** At the deadline (plus the transit grace), the question is revealed by itself. */
  #armDeadline() {
    this.#disarmDeadline();
    const wait = this.#progress.endsAt + this.handle.config.quizGraceMs - Date.now();
    this.#deadline = this.handle.later(
      () => {
        this.#deadline = null;
        if (this.#progress.phase !== 'question') return;
        // Never before endsAt + grace by the relay's clock, which judges answers (see Throttle).
        if (Date.now() < this.#progress.endsAt + this.handle.config.quizGraceMs) {
          return this.#armDeadline();
        }
        this.#reveal();
      },
      Math.max(0, wait),
    );
  }

  #disarmDeadline() {
    if (this.#deadline) clearTimeout(this.#deadline);
    this.#deadline = null;
  }

  #save() {
    this.handle.put('progress', this.#progress);
  }
}

function parseQuestion(raw: unknown, i: number): QuizQuestion {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid(`questions[${i}] must be an object`, { field: `questions[${i}]` });
  }
  const q = raw as Record<string, unknown>;
  const where = (field: string) => ({ field: `questions[${i}].${field}` });
  const options = q.options;
  if (
    !Array.isArray(options) ||
    options.length < QUIZ_LIMITS.options.min ||
    options.length > QUIZ_LIMITS.options.max
  ) {
    throw invalid(
      `questions[${i}].options must be ${QUIZ_LIMITS.options.min} to ${QUIZ_LIMITS.options.max} strings`,
      where('options'),
    );
  }
  try {
    return {
      text: text(q, 'text', 1, QUIZ_LIMITS.text.max),
      options: options.map((_, j) =>
        text(options as unknown as Record<string, unknown>, String(j), 1, QUIZ_LIMITS.option.max, {
          oneLine: true,
        }),
      ),
      correct: integer(q, 'correct', 0, options.length - 1),
      timeLimitMs: integer(
        q,
        'timeLimitMs',
        QUIZ_LIMITS.timeLimitMs.min,
        QUIZ_LIMITS.timeLimitMs.max,
      ),
      points: optionalInteger(q, 'points', 0, QUIZ_LIMITS.points.max) ?? QUIZ_DEFAULTS.points,
    };
  } catch (error) {
    if (error instanceof OpError) {
      throw invalid(`questions[${i}]: ${error.message}`, {
        question: i,
        ...(error.extra.details as object),
      });
    }
    throw error;
  }
}

export const quiz: FeatureModule<QuizOps, QuizEvents, QuizMe> = {
  name: 'quiz',
  signals: [],
  open: (handle, stored) => new QuizChannel(handle, stored),
};
