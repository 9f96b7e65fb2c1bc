/**
 * Events `<live-chat>` fires on user action. They bubble out of shadow roots and can be cancelled:
 * `preventDefault()` stops the widget from sending the op (to confirm first, or to handle it
 * yourself).
 */

export { LiveUserBanEvent } from '../internal/user-ban-event.js';

const init = { bubbles: true, composed: true, cancelable: true };

/** The user sends a message. */
export class LiveMessageSendEvent extends Event {
  static readonly eventName = 'live-message-send';
  constructor(readonly detail: { text: string; replyTo?: string }) {
    super(LiveMessageSendEvent.eventName, init);
  }
}

/** The user (the author, a host or a moderator) deletes a message. */
export class LiveMessageDeleteEvent extends Event {
  static readonly eventName = 'live-message-delete';
  constructor(readonly detail: { id: string }) {
    super(LiveMessageDeleteEvent.eventName, init);
  }
}

/** A host or moderator pins a message, or unpins the pinned one (`id: null`). */
export class LiveMessagePinEvent extends Event {
  static readonly eventName = 'live-message-pin';
  constructor(readonly detail: { id: string | null }) {
    super(LiveMessagePinEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-message-send': LiveMessageSendEvent;
    'live-message-delete': LiveMessageDeleteEvent;
    'live-message-pin': LiveMessagePinEvent;
  }
}
