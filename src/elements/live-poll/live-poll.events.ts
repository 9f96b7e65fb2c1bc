/**
 * The event `<live-poll>` fires on user action. It bubbles out of shadow roots and can be
 * cancelled: `preventDefault()` stops the widget from sending the vote.
 */
import type { PollAnswer } from '../../features/poll.js';

const init = { bubbles: true, composed: true, cancelable: true };

/** The viewer votes, or changes their vote: `choice`, `choices` or `text` by the poll's kind. */
export class LiveVoteEvent extends Event {
  static readonly eventName = 'live-vote';
  constructor(readonly detail: { pollId: string; answer: PollAnswer }) {
    super(LiveVoteEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-vote': LiveVoteEvent;
  }
}
