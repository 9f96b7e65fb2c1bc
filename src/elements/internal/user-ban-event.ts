/**
 * The event `<live-chat>` (ban, timeout and unban buttons) and `<live-chat-moderation>` (unban)
 * both fire: one class, so `instanceof` and the event map hold whichever fired it. It bubbles out
 * of shadow roots and can be cancelled: `preventDefault()` stops the widget from sending the op.
 */
import { LiveEvent } from './live-event.js';

/**
 * A host or moderator bans a user: for `minutes`, or until unbanned when `minutes` is absent.
 * `banned: false` lifts a ban. A timeout from the console also carries its exact length in
 * `seconds` and its `reason`, if any.
 */
export class LiveUserBanEvent extends LiveEvent<{
  userId: string;
  minutes?: number;
  seconds?: number;
  reason?: string;
  banned: boolean;
}> {
  static override readonly eventName = 'live-user-ban';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-user-ban': LiveUserBanEvent;
  }
}
