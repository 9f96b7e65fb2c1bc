/**
 * Events `<live-poll-editor>` fires on a host's action. They bubble out of shadow roots and can
 * be cancelled: `preventDefault()` stops the widget from sending the op.
 */
import { LiveEvent } from '../internal/live-event.js';
import type { PollInput } from '../../features/poll.js';

/** A host creates a poll (as a draft), with the form's validated values. */
export class LivePollCreateEvent extends LiveEvent<PollInput> {
  static override readonly eventName = 'live-poll-create';
}

/** A host opens a draft or closed poll to votes. */
export class LivePollOpenEvent extends LiveEvent<{ pollId: string }> {
  static override readonly eventName = 'live-poll-open';
}

/** A host closes a poll; its final results go to everyone. */
export class LivePollCloseEvent extends LiveEvent<{ pollId: string }> {
  static override readonly eventName = 'live-poll-close';
}

/**
 * A host hides an open-text answer (answers waiting for review are decided in the review queue,
 * `<live-review-queue>`).
 */
export class LivePollModerateEvent extends LiveEvent<{
  pollId: string;
  answerId: string;
  action: 'hide';
}> {
  static override readonly eventName = 'live-poll-moderate';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-poll-moderate': LivePollModerateEvent;
    'live-poll-create': LivePollCreateEvent;
    'live-poll-open': LivePollOpenEvent;
    'live-poll-close': LivePollCloseEvent;
  }
}
