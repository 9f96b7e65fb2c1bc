/**
 * The event `<live-poll>` fires on user action. It bubbles out of shadow roots and can be
 * cancelled: `preventDefault()` stops the widget from sending the vote.
 */
import { LiveEvent } from '../internal/live-event.js';
import type { PollAnswer } from '../../features/poll.js';

/**
 * The viewer votes, or changes their vote: `choice`, `choices`, `text` or `ranking` by the poll's
 * kind; for an open-text poll, the viewer sends one more answer (`text`).
 */
export class LiveVoteEvent extends LiveEvent<{ pollId: string; answer: PollAnswer }> {
  static override readonly eventName = 'live-vote';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-vote': LiveVoteEvent;
  }
}
