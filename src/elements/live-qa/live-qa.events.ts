/**
 * Events `<live-qa>` fires on user action. They bubble out of shadow roots and can be cancelled:
 * `preventDefault()` stops the widget from acting (to confirm first, or to handle it yourself).
 */
import type { QaOrder } from '../../features/qa.js';

const init = { bubbles: true, composed: true, cancelable: true };

/** A host's or moderator's action on one question. `reject` turns a pending question down. */
export type QaModerateAction = 'pin' | 'answer' | 'hide' | 'approve' | 'reject';

/** The viewer asks a question. */
export class LiveQuestionAskEvent extends Event {
  static readonly eventName = 'live-question-ask';
  constructor(readonly detail: { text: string; anonymous: boolean }) {
    super(LiveQuestionAskEvent.eventName, init);
  }
}

/** The viewer upvotes a question (`voted: true`) or takes their vote back. */
export class LiveQuestionVoteEvent extends Event {
  static readonly eventName = 'live-question-vote';
  constructor(readonly detail: { id: string; voted: boolean }) {
    super(LiveQuestionVoteEvent.eventName, init);
  }
}

/** A host or moderator pins, answers, hides, approves or rejects a question. */
export class LiveQuestionModerateEvent extends Event {
  static readonly eventName = 'live-question-moderate';
  constructor(readonly detail: { id: string; action: QaModerateAction }) {
    super(LiveQuestionModerateEvent.eventName, init);
  }
}

/** The viewer switches between "Top" (`votes`) and "Recent" (`time`); cancel keeps the order. */
export class LiveQaSortEvent extends Event {
  static readonly eventName = 'live-qa-sort';
  constructor(readonly detail: { sort: QaOrder }) {
    super(LiveQaSortEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-question-ask': LiveQuestionAskEvent;
    'live-question-vote': LiveQuestionVoteEvent;
    'live-question-moderate': LiveQuestionModerateEvent;
    'live-qa-sort': LiveQaSortEvent;
  }
}
