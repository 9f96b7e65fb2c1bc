/**
 * Events `<live-chat-moderation>` fires on user action: the same ban event as `<live-chat>`'s,
 * with `banned: false` when a host lifts a ban. Cancelable: `preventDefault()` stops the op.
 */
export { LiveUserBanEvent } from '../internal/user-ban-event.js';
