/**
 * The quiz countdown: time left on the open question, on the relay's clock, so every screen in
 * the room shows the same number however wrong its own clock is.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { QuizPhase, QuizQuestionView } from './quiz.js';

/** Defaults of the countdown, in one place. */
export const QUIZ_COUNTDOWN_DEFAULTS = {
  /** How often `$remainingMs` ticks while a question is open. */
  tickMs: 100,
} as const;

export interface QuizCountdownOptions {
  /** Tick interval in ms (default 100). */
  tickMs?: number;
}

/** Time left on the open question, ticking. */
export interface QuizCountdown {
  /**
   * Milliseconds left to answer (relay clock), from the question's full time limit (during a
   * lead-in too) down to 0; 0 when no question is open. Ticks only while it is above 0.
   */
  $remainingMs: ReadableAtom<number>;
  /** Stops the ticks and the store subscriptions. */
  destroy(): void;
}

/**
 * Time left to answer `question` at relay time `serverNow`: never above its time limit (answers
 * open at `startsAt`, after any lead-in) and never below 0. 0 without times (a snapshot of a
 * revealed question carries none).
 */
export function remainingMs(
  question: Pick<QuizQuestionView, 'startsAt' | 'endsAt'>,
  serverNow: number,
): number {
  const { startsAt, endsAt } = question;
  if (startsAt === undefined || endsAt === undefined) return 0;
  return Math.max(0, Math.min(endsAt - serverNow, endsAt - startsAt));
}

/**
 * Counts down the open question of a quiz store. `clock` is the store's Connection (anything with
 * `serverNow()`), so the countdown follows the relay clock. Call `destroy()` when done.
 */
export function createCountdown(
  quiz: { $phase: ReadableAtom<QuizPhase>; $question: ReadableAtom<QuizQuestionView | null> },
  clock: { serverNow(): number },
  options: QuizCountdownOptions = {},
): QuizCountdown {
  const tickMs = options.tickMs ?? QUIZ_COUNTDOWN_DEFAULTS.tickMs;
  const $remainingMs = atom(0);
  let timer: ReturnType<typeof setInterval> | undefined;

  function stop(): void {
    clearInterval(timer);
    timer = undefined;
  }

  function tick(): void {
    const question = quiz.$question.get();
    const open = question !== null && quiz.$phase.get() === 'question';
    const left = open ? remainingMs(question, clock.serverNow()) : 0;
    $remainingMs.set(left);
    if (left === 0) stop();
  }

  function restart(): void {
    stop();
    tick();
    if ($remainingMs.get() > 0) timer = setInterval(tick, tickMs);
  }

  const unlistenPhase = quiz.$phase.listen(restart);
  const unlistenQuestion = quiz.$question.listen(restart);
  restart();

  return {
    $remainingMs,
    destroy() {
      unlistenPhase();
      unlistenQuestion();
      stop();
    },
  };
}
