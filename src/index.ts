/**
 * Everything an app may import. Importing this module also defines the elements (idempotently),
 * so `import 'hubbub'` is enough to use them in markup.
 */
export { defineElements } from './elements/register.js';
export { LiveRoom } from './elements/live-room.js';
export { LiveChat, LIVE_CHAT_DEFAULTS } from './elements/live-chat.js';
export {
  LiveMessageSendEvent,
  LiveMessageDeleteEvent,
  LiveMessagePinEvent,
  LiveUserBanEvent,
} from './elements/live-chat.events.js';
export { defaultChatStrings, type ChatStrings } from './elements/live-chat.strings.js';
export { roomContext, type RoomContext } from './elements/room-context.js';
export { StoreController } from './elements/store-controller.js';
export * from './connection/index.js';
export * from './features/chat.js';
export * from './protocol.js';
export * from './features/presence.js';
export * from './features/reactions.js';
export * from './features/poll.js';
export { PresenceBar, PRESENCE_BAR_DEFAULTS } from './elements/presence-bar.js';
export { defaultPresenceStrings, type PresenceStrings } from './elements/presence-bar.strings.js';
export { LiveReactions, LIVE_REACTIONS_DEFAULTS } from './elements/live-reactions.js';
export { LiveReactEvent } from './elements/live-reactions.events.js';
export {
  defaultReactionsStrings,
  type ReactionsStrings,
} from './elements/live-reactions.strings.js';
export { LivePoll, LIVE_POLL_DEFAULTS } from './elements/live-poll.js';
export { LiveVoteEvent } from './elements/live-poll.events.js';
export {
  defaultPollStrings,
  defaultPollResultStrings,
  type PollStrings,
  type PollResultStrings,
} from './elements/live-poll.strings.js';
export { LivePollEditor, LIVE_POLL_EDITOR_DEFAULTS } from './elements/live-poll-editor.js';
export {
  LivePollCreateEvent,
  LivePollOpenEvent,
  LivePollCloseEvent,
} from './elements/live-poll-editor.events.js';
export {
  defaultPollEditorStrings,
  type PollEditorStrings,
} from './elements/live-poll-editor.strings.js';
export { POLL_LIMITS } from './elements/poll-limits.js';
export type { PollChart } from './elements/poll-charts.js';
export * from './features/quiz.js';
export * from './features/qa.js';
