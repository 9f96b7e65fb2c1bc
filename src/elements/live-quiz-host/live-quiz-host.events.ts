/**
 * Events `<live-quiz-host>` fires on a host's action. They bubble out of shadow roots and can be
 * cancelled: `preventDefault()` stops the widget from sending the op.
 */
import { LiveEvent } from '../internal/live-event.js';
import type { QuizQuestionInput } from '../../features/quiz.js';

/** A host loads questions, starting a new game (scores cleared). */
export class LiveQuizLoadEvent extends LiveEvent<{
  questions: QuizQuestionInput[];
  accessible: boolean;
}> {
  static override readonly eventName = 'live-quiz-load';
}

/** A host shows the next question (after `leadInMs`), revealing an open one first. */
export class LiveQuizNextEvent extends LiveEvent<{ leadInMs: number }> {
  static override readonly eventName = 'live-quiz-next';
}

/** A host closes answers to the open question (`index`) and shows its result. */
export class LiveQuizRevealEvent extends LiveEvent<{ index: number }> {
  static override readonly eventName = 'live-quiz-reveal';
}

/** A host ends the quiz: the final leaderboard goes to everyone. */
export class LiveQuizEndEvent extends LiveEvent<Record<string, never>> {
  static override readonly eventName = 'live-quiz-end';
  constructor(detail: Record<string, never> = {}) {
    super(detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-quiz-load': LiveQuizLoadEvent;
    'live-quiz-next': LiveQuizNextEvent;
    'live-quiz-reveal': LiveQuizRevealEvent;
    'live-quiz-end': LiveQuizEndEvent;
  }
}
