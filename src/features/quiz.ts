/**
 * The quiz store (`ROOM/quiz`): the open question (never with its answer), results, the
 * leaderboard and my own standing, fed by the shared Connection. The relay runs the clock and
 * scores; the store only mirrors it, except that my answer shows at once and is undone if refused.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { Connection } from '../connection/connection.js';
import { OpError, localError } from '../connection/errors.js';
import type { ChannelListener } from '../connection/types.js';
import { onRestored, opsOf, settled } from './ops.js';
import type {
  AckFrame,
  QuizAcks,
  QuizEvents,
  QuizOps,
  QuizAnswer,
  QuizLeaderboard,
  QuizMe,
  QuizPhase,
  QuizQuestion,
  QuizQuestionInput,
  QuizQuestionView,
  QuizResult,
  QuizSnapshot,
} from '../protocol/index.js';
import { normalizeQuizQuestion } from './quiz.file.js';

export type {
  QuizAnswer,
  QuizLeaderboard,
  QuizMe,
  QuizPhase,
  QuizQuestionView,
  QuizRanking,
  QuizResult,
} from '../protocol/index.js';

export * from './quiz.file.js';
export * from './quiz.countdown.js';

/** A live view of one room's quiz plus the ops a user may send to it. */
export interface QuizStore {
  /** `${room}/quiz` */
  readonly channel: string;
  $phase: ReadableAtom<QuizPhase>;
  /** The current question while open or revealed; null when idle or ended. */
  $question: ReadableAtom<QuizQuestionView | null>;
  /** The current question's result once revealed, else null. */
  $result: ReadableAtom<QuizResult | null>;
  /** The standings after the last reveal (`final` at the end); null before. */
  $leaderboard: ReadableAtom<QuizLeaderboard | null>;
  /** My score and rank; zeros until I play. */
  $me: ReadableAtom<QuizMe>;
  /** My answer to the current question: shown at once, undone if the relay refuses it. */
  $myAnswer: ReadableAtom<QuizAnswer | null>;
  /**
   * Why the relay refused my answer to the current question, when an earlier page sent it (a
   * reload while it was on its way: `too_late` once the time was up); null otherwise. The
   * answers of this page reject their own promise instead.
   */
  $restoredError: ReadableAtom<OpError | null>;
  /** Accessible mode: time limits doubled, no speed scoring. */
  $accessible: ReadableAtom<boolean>;
  /** Questions loaded. */
  $count: ReadableAtom<number>;
  /** How many answered the current question: from the snapshot, 0 on a new question, the total at the reveal. */
  $answeredCount: ReadableAtom<number>;
  /**
   * Hosts: the loaded questions with their answers (from the snapshot, or my own `load`); null
   * for everyone else, and for a host after another host loaded a quiz.
   */
  $questions: ReadableAtom<QuizQuestion[] | null>;
  /** True after the first snapshot. */
  $loaded: ReadableAtom<boolean>;
  /**
   * Why the relay refused this channel or dropped it (the token does not grant the room, the room
   * is for signed-in users only), in its words; null while the channel is served.
   */
  $refused: ReadableAtom<OpError | null>;
  /**
   * Answers the current question with an option index. Rejects with `conflict` for a second
   * answer, `too_late` after the deadline, `invalid` before answers open.
   */
  answer(choice: number): Promise<AckFrame>;
  /** Host: loads questions and starts a new game (scores cleared). */
  load(questions: QuizQuestionInput[], options?: { accessible?: boolean }): Promise<AckFrame>;
  /** Host: shows the next question (revealing an open one first); after the last, ends. */
  next(options?: { leadInMs?: number }): Promise<AckFrame>;
  /** Host: closes answers now and shows the result. */
  reveal(): Promise<AckFrame>;
  /** Host: ends the quiz with the final leaderboard. */
  end(): Promise<AckFrame>;
  /** Host: accessible mode on or off, between questions. */
  setAccessible(accessible: boolean): Promise<AckFrame>;
  /** Releases the channel. */
  destroy(): void;
}

/** Defaults of the quiz store, in one place. */
export const QUIZ_DEFAULTS = {
  /** `$me` of a user who has not played yet. */
  me: { score: 0, rank: null, lastCorrect: false, lastPoints: 0, streak: 0 } as Readonly<QuizMe>,
} as const;

/** Creates a quiz store for `room` on a shared connection. */
export function createQuizStore(connection: Connection, room: string): QuizStore {
  const channel = `${room}/quiz`;
  const $phase = atom<QuizPhase>('idle');
  const $question = atom<QuizQuestionView | null>(null);
  const $result = atom<QuizResult | null>(null);
  const $leaderboard = atom<QuizLeaderboard | null>(null);
  const $me = atom<QuizMe>(QUIZ_DEFAULTS.me);
  const $myAnswer = atom<QuizAnswer | null>(null);
  const $accessible = atom(false);
  const $count = atom(0);
  const $answeredCount = atom(0);
  const $questions = atom<QuizQuestion[] | null>(null);
  const $loaded = atom(false);
  const $refused = atom<OpError | null>(null);
  const $restoredError = atom<OpError | null>(null);

  /** My answer as the relay confirmed it, and the one in flight, which shows over it. */
  let confirmed: QuizAnswer | null = null;
  let pending: QuizAnswer | null = null;
  /** Seq of the last `loaded` event, to tell whether my `load` is still the current quiz. */
  let loadedSeq: number | undefined;
  let loadsInFlight = 0;

  function publishAnswer(): void {
    const answer = pending ?? confirmed;
    const shown = answer && answer.index === $question.get()?.index ? answer : null;
    const before = $myAnswer.get();
    if (shown?.index === before?.index && shown?.choice === before?.choice) return;
    $myAnswer.set(shown);
  }

  function newQuestion(question: QuizQuestionView | null): void {
    $question.set(question);
    $result.set(null);
    $answeredCount.set(0);
    $restoredError.set(null);
    confirmed = null;
    publishAnswer();
  }

  const listener: ChannelListener<QuizEvents, QuizMe> = {
    error: (error) => $refused.set(error),
    reset(snapshot) {
      $refused.set(null);
      const state = snapshot as QuizSnapshot;
      const { question, startsAt, endsAt } = state;
      $question.set(
        question && startsAt !== undefined ? { ...question, startsAt, endsAt } : question,
      );
      $phase.set(state.phase);
      $result.set(state.result);
      $leaderboard.set(state.leaderboard);
      $accessible.set(state.accessible);
      $count.set(state.count);
      $answeredCount.set(state.answered);
      $questions.set(state.questions ?? null);
      loadedSeq = undefined;
      // The relay sends my standing and answer as `me` right after, if I played.
      $me.set(QUIZ_DEFAULTS.me);
      confirmed = null;
      publishAnswer();
      $loaded.set(true);
    },

    event(ev) {
      switch (ev.type) {
        case 'loaded': {
          const { count, accessible } = ev.data;
          loadedSeq = ev.seq;
          // My own `load` sets `$questions` when acknowledged; another host's leaves them unknown.
          if (loadsInFlight === 0 && $questions.get() !== null) $questions.set(null);
          $count.set(count);
          $accessible.set(accessible);
          $leaderboard.set(null);
          $me.set(QUIZ_DEFAULTS.me);
          newQuestion(null);
          $phase.set('idle');
          break;
        }
        case 'question': {
          const question = ev.data as Required<QuizQuestionView>;
          $count.set(question.count);
          newQuestion(question);
          $phase.set('question');
          break;
        }
        case 'answered': {
          // How many answered so far, coalesced by the relay; an old question's count is stale.
          const { index, count } = ev.data;
          if (index === $question.get()?.index) $answeredCount.set(count);
          break;
        }
        case 'result': {
          const result = ev.data;
          $result.set(result);
          $answeredCount.set(result.counts.reduce((a, b) => a + b, 0));
          $phase.set('revealed');
          break;
        }
        case 'leaderboard': {
          const board = ev.data;
          $leaderboard.set(board);
          if (board.final) {
            $question.set(null);
            publishAnswer();
            $phase.set('ended');
          }
          break;
        }
        case 'settings':
          $accessible.set(ev.data.accessible);
          break;
      }
    },

    me(data) {
      const me = data;
      $me.set(me);
      confirmed = me.answered ?? null;
      publishAnswer();
    },
  };
  const release = connection.channel(channel, listener);

  const op = opsOf<QuizOps, QuizAcks>(connection, channel);

  /** Shows my answer at once, until the relay answers `sent`: kept on ack, undone if refused. */
  function follow(mine: QuizAnswer, sent: Promise<AckFrame>): Promise<AckFrame> {
    pending = mine;
    publishAnswer();
    const settle = (accepted: boolean) => {
      // The `me` with my answer came just before the ack; this covers an ack replayed alone.
      if (accepted && mine.index === $question.get()?.index) confirmed = mine;
      if (pending === mine) pending = null;
      publishAnswer();
    };
    return settled(sent, settle);
  }

  // An answer sent before a reload shows as it did; if refused, the widget says why.
  const stopAdopting = onRestored(connection, channel, 'answer', ({ data, promise }) => {
    const mine = data as QuizAnswer;
    follow(mine, promise).catch((error: unknown) => {
      if (error instanceof OpError && mine.index === $question.get()?.index) {
        $restoredError.set(error);
      }
    });
  });

  return {
    channel,
    $phase,
    $question,
    $result,
    $leaderboard,
    $me,
    $myAnswer,
    $restoredError,
    $accessible,
    $count,
    $answeredCount,
    $questions,
    $loaded,
    $refused,

    answer(choice) {
      const question = $question.get();
      if (!question) {
        return Promise.reject(new OpError(localError('invalid', 'no question is open')));
      }
      const mine: QuizAnswer = { index: question.index, choice };
      return follow(mine, op('answer', mine));
    },

    load(questions, options = {}) {
      const data: QuizOps['load'] = { questions };
      if (options.accessible !== undefined) data.accessible = options.accessible;
      loadsInFlight += 1;
      return op('load', data).then(
        (ack) => {
          loadsInFlight -= 1;
          if (ack.seq !== undefined && ack.seq === loadedSeq) {
            $questions.set(questions.map(normalizeQuizQuestion));
          } else if (loadsInFlight === 0 && loadedSeq !== undefined && (ack.seq ?? 0) < loadedSeq) {
            $questions.set(null); // another host loaded after me
          }
          return ack;
        },
        (error: unknown) => {
          loadsInFlight -= 1;
          throw error;
        },
      );
    },
    next: (options = {}) => op('next', options),
    reveal: () => op('reveal', {}),
    end: () => op('end', {}),
    setAccessible: (accessible) => op('settings', { accessible }),

    destroy() {
      stopAdopting();
      release();
    },
  };
}
