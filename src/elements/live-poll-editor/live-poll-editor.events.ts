/**
 * Events `<live-poll-editor>` fires on a host's action. They bubble out of shadow roots and can
 * be cancelled: `preventDefault()` stops the widget from sending the op.
 */
import type { PollInput } from '../../features/poll.js';

const init = { bubbles: true, composed: true, cancelable: true };

/** A host creates a poll (as a draft), with the form's validated values. */
export class LivePollCreateEvent extends Event {
  static readonly eventName = 'live-poll-create';
  constructor(readonly detail: PollInput) {
    super(LivePollCreateEvent.eventName, init);
  }
}

/** A host opens a draft or closed poll to votes. */
export class LivePollOpenEvent extends Event {
  static readonly eventName = 'live-poll-open';
  constructor(readonly detail: { pollId: string }) {
    super(LivePollOpenEvent.eventName, init);
  }
}

/** A host closes a poll; its final results go to everyone. */
export class LivePollCloseEvent extends Event {
  static readonly eventName = 'live-poll-close';
  constructor(readonly detail: { pollId: string }) {
    super(LivePollCloseEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-poll-create': LivePollCreateEvent;
    'live-poll-open': LivePollOpenEvent;
    'live-poll-close': LivePollCloseEvent;
  }
}
