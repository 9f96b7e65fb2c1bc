/**
 * Events `<live-qa>` fires on user action. They bubble out of shadow roots and can be cancelled:
 * `preventDefault()` stops the widget from acting (to confirm first, or to handle it yourself).
 */
import { LiveEvent } from '../internal/live-event.js';
import type { QaOrder } from '../../features/qa.js';

/** A host's or moderator's action on one question. `reject` turns a pending question down. */
export type QaModerateAction = 'pin' | 'answer' | 'hide' | 'approve' | 'reject';

/** The viewer asks a question. */
export class LiveQuestionAskEvent extends LiveEvent<{ text: string; anonymous: boolean }> {
  static override readonly eventName = 'live-question-ask';
}

/** The viewer upvotes a question (`voted: true`) or takes their vote back. */
export class LiveQuestionVoteEvent extends LiveEvent<{ id: string; voted: boolean }> {
  static override readonly eventName = 'live-question-vote';
}

/** A host or moderator pins, answers, hides, approves or rejects a question. */
export class LiveQuestionModerateEvent extends LiveEvent<{ id: string; action: QaModerateAction }> {
  static override readonly eventName = 'live-question-moderate';
}

/** The viewer switches between "Top" (`votes`) and "Recent" (`time`); cancel keeps the order. */
export class LiveQaSortEvent extends LiveEvent<{ sort: QaOrder }> {
  static override readonly eventName = 'live-qa-sort';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-question-ask': LiveQuestionAskEvent;
    'live-question-vote': LiveQuestionVoteEvent;
    'live-question-moderate': LiveQuestionModerateEvent;
    'live-qa-sort': LiveQaSortEvent;
  }
}
