/**
 * The event `<live-quiz>` fires on user action. It bubbles out of shadow roots and can be
 * cancelled: `preventDefault()` stops the widget from sending the answer.
 */

const init = { bubbles: true, composed: true, cancelable: true };

/** The player answers the open question: its `index` and the chosen option's `choice` (0-based). */
export class LiveAnswerEvent extends Event {
  static readonly eventName = 'live-answer';
  constructor(readonly detail: { index: number; choice: number }) {
    super(LiveAnswerEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-answer': LiveAnswerEvent;
  }
}
