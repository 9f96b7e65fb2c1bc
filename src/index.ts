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
export * from './features/quiz.js';
export * from './features/qa.js';
