/**
 * The event `<live-chat>` (ban, timeout and unban buttons) and `<live-chat-moderation>` (unban)
 * both fire: one class, so `instanceof` and the event map hold whichever fired it. It bubbles out
 * of shadow roots and can be cancelled: `preventDefault()` stops the widget from sending the op.
 */

const init = { bubbles: true, composed: true, cancelable: true };

/**
 * A host or moderator bans a user: for `minutes`, or until unbanned when `minutes` is absent.
 * `banned: false` lifts a ban.
 */
export class LiveUserBanEvent extends Event {
  static readonly eventName = 'live-user-ban';
  constructor(readonly detail: { userId: string; minutes?: number; banned: boolean }) {
    super(LiveUserBanEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-user-ban': LiveUserBanEvent;
  }
}
