/**
 * The event `<live-chat>` (ban, timeout and unban buttons) and `<live-chat-moderation>` (unban)
 * both fire: one class, so `instanceof` and the event map hold whichever fired it. It bubbles out
 * of shadow roots and can be cancelled: `preventDefault()` stops the widget from sending the op.
 */
import { LiveEvent } from './live-event.js';

/**
 * A host or moderator bans a user: for `minutes`, or until unbanned when `minutes` is absent.
 * `banned: false` lifts a ban.
 */
export class LiveUserBanEvent extends LiveEvent<{
  userId: string;
  minutes?: number;
  banned: boolean;
}> {
  static override readonly eventName = 'live-user-ban';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-user-ban': LiveUserBanEvent;
  }
}
