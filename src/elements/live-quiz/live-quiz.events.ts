/**
 * The event `<live-quiz>` fires on user action. It bubbles out of shadow roots and can be
 * cancelled: `preventDefault()` stops the widget from sending the answer.
 */
import { LiveEvent } from '../internal/live-event.js';

/** The player answers the open question: its `index` and the chosen option's `choice` (0-based). */
export class LiveAnswerEvent extends LiveEvent<{ index: number; choice: number }> {
  static override readonly eventName = 'live-answer';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-answer': LiveAnswerEvent;
  }
}
