/**
 * Events `<live-chat>` fires on user action. They bubble out of shadow roots and can be cancelled:
 * `preventDefault()` stops the widget from sending the op (to confirm first, or to handle it
 * yourself).
 */
import { LiveEvent } from '../internal/live-event.js';

export { LiveUserBanEvent } from '../internal/user-ban-event.js';

/** The user sends a message. */
export class LiveMessageSendEvent extends LiveEvent<{ text: string; replyTo?: string }> {
  static override readonly eventName = 'live-message-send';
}

/** The user (the author, a host or a moderator) deletes a message. */
export class LiveMessageDeleteEvent extends LiveEvent<{ id: string }> {
  static override readonly eventName = 'live-message-delete';
}

/** A host or moderator pins a message, or unpins the pinned one (`id: null`). */
export class LiveMessagePinEvent extends LiveEvent<{ id: string | null }> {
  static override readonly eventName = 'live-message-pin';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-message-send': LiveMessageSendEvent;
    'live-message-delete': LiveMessageDeleteEvent;
    'live-message-pin': LiveMessagePinEvent;
  }
}
