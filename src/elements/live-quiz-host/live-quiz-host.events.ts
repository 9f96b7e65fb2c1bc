/**
 * Events `<live-quiz-host>` fires on a host's action. They bubble out of shadow roots and can be
 * cancelled: `preventDefault()` stops the widget from sending the op.
 */
import type { QuizQuestionInput } from '../../features/quiz.js';

const init = { bubbles: true, composed: true, cancelable: true };

/** A host loads questions, starting a new game (scores cleared). */
export class LiveQuizLoadEvent extends Event {
  static readonly eventName = 'live-quiz-load';
  constructor(readonly detail: { questions: QuizQuestionInput[]; accessible: boolean }) {
    super(LiveQuizLoadEvent.eventName, init);
  }
}

/** A host shows the next question (after `leadInMs`), revealing an open one first. */
export class LiveQuizNextEvent extends Event {
  static readonly eventName = 'live-quiz-next';
  constructor(readonly detail: { leadInMs: number }) {
    super(LiveQuizNextEvent.eventName, init);
  }
}

/** A host closes answers to the open question (`index`) and shows its result. */
export class LiveQuizRevealEvent extends Event {
  static readonly eventName = 'live-quiz-reveal';
  constructor(readonly detail: { index: number }) {
    super(LiveQuizRevealEvent.eventName, init);
  }
}

/** A host ends the quiz: the final leaderboard goes to everyone. */
export class LiveQuizEndEvent extends Event {
  static readonly eventName = 'live-quiz-end';
  constructor(readonly detail: Record<string, never> = {}) {
    super(LiveQuizEndEvent.eventName, init);
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
