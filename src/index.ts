/**
 * Everything an app may import. Importing this module also defines the elements (idempotently),
 * so `import 'hubbub'` is enough to use them in markup.
 */
// First: where there is no DOM, Lit finds the stand-ins it needs to load (see no-dom.ts).
import './elements/internal/no-dom.js';
export { defineElements } from './elements/register.js';
export { LiveRoom } from './elements/live-room/live-room.js';
export { defaultRoomStrings, type RoomStrings } from './elements/live-room/live-room.strings.js';
export { LiveChat, LIVE_CHAT_DEFAULTS } from './elements/live-chat/live-chat.js';
export {
  LiveMessageSendEvent,
  LiveMessageDeleteEvent,
  LiveMessagePinEvent,
  LiveUserBanEvent,
} from './elements/live-chat/live-chat.events.js';
export { defaultChatStrings, type ChatStrings } from './elements/live-chat/live-chat.strings.js';
export { roomContext, type RoomContext } from './elements/internal/room-context.js';
export { LiveErrorEvent } from './elements/internal/live-error-event.js';
export { StoreController } from './elements/internal/store-controller.js';
export * from './connection/index.js';
export * from './features/chat.js';
export * from './protocol/index.js';
export * from './features/presence.js';
export * from './features/reactions.js';
export * from './features/poll.js';
export { PresenceBar, PRESENCE_BAR_DEFAULTS } from './elements/presence-bar/presence-bar.js';
export {
  defaultPresenceStrings,
  type PresenceStrings,
} from './elements/presence-bar/presence-bar.strings.js';
export {
  LiveReactions,
  LIVE_REACTIONS_DEFAULTS,
} from './elements/live-reactions/live-reactions.js';
export { LiveReactEvent } from './elements/live-reactions/live-reactions.events.js';
export {
  defaultReactionsStrings,
  type ReactionsStrings,
} from './elements/live-reactions/live-reactions.strings.js';
export { LivePoll, LIVE_POLL_DEFAULTS } from './elements/live-poll/live-poll.js';
export { LiveVoteEvent } from './elements/live-poll/live-poll.events.js';
export {
  defaultPollStrings,
  defaultPollResultStrings,
  type PollStrings,
  type PollResultStrings,
} from './elements/live-poll/live-poll.strings.js';
export {
  LivePollEditor,
  LIVE_POLL_EDITOR_DEFAULTS,
} from './elements/live-poll-editor/live-poll-editor.js';
export {
  LivePollCreateEvent,
  LivePollOpenEvent,
  LivePollCloseEvent,
} from './elements/live-poll-editor/live-poll-editor.events.js';
export {
  defaultPollEditorStrings,
  type PollEditorStrings,
} from './elements/live-poll-editor/live-poll-editor.strings.js';
export type { PollChart } from './elements/internal/poll-charts.js';
export * from './features/quiz.js';
export * from './features/qa.js';
export { LiveQa, LIVE_QA_DEFAULTS } from './elements/live-qa/live-qa.js';
export {
  LiveQuestionAskEvent,
  LiveQuestionVoteEvent,
  LiveQuestionModerateEvent,
  LiveQaSortEvent,
  type QaModerateAction,
} from './elements/live-qa/live-qa.events.js';
export { defaultQaStrings, type QaStrings } from './elements/live-qa/live-qa.strings.js';
export { LiveQuiz, LIVE_QUIZ_DEFAULTS } from './elements/live-quiz/live-quiz.js';
export { LiveAnswerEvent } from './elements/live-quiz/live-quiz.events.js';
export { defaultQuizStrings, type QuizStrings } from './elements/live-quiz/live-quiz.strings.js';
export {
  LiveLeaderboard,
  LIVE_LEADERBOARD_DEFAULTS,
} from './elements/live-leaderboard/live-leaderboard.js';
export {
  defaultLeaderboardStrings,
  type LeaderboardStrings,
} from './elements/live-leaderboard/live-leaderboard.strings.js';
export { LiveQuizHost, LIVE_QUIZ_HOST_DEFAULTS } from './elements/live-quiz-host/live-quiz-host.js';
export {
  LiveQuizLoadEvent,
  LiveQuizNextEvent,
  LiveQuizRevealEvent,
  LiveQuizEndEvent,
} from './elements/live-quiz-host/live-quiz-host.events.js';
export {
  defaultQuizHostStrings,
  type QuizHostStrings,
} from './elements/live-quiz-host/live-quiz-host.strings.js';
export {
  LiveHostConsole,
  LIVE_HOST_CONSOLE_DEFAULTS,
} from './elements/live-host-console/live-host-console.js';
export {
  LiveHostExportEvent,
  LiveHostTabChangeEvent,
} from './elements/live-host-console/live-host-console.events.js';
export {
  HOST_EXPORTS,
  HOST_TABS,
  type HostExport,
  type HostTab,
} from './elements/live-host-console/live-host-console.parts.js';
export {
  defaultHostConsoleStrings,
  type HostConsoleStrings,
} from './elements/live-host-console/live-host-console.strings.js';
export {
  LiveChatModeration,
  LIVE_CHAT_MODERATION_DEFAULTS,
} from './elements/live-chat-moderation/live-chat-moderation.js';
export {
  defaultChatModerationStrings,
  type ChatModerationStrings,
} from './elements/live-chat-moderation/live-chat-moderation.strings.js';
export {
  LiveReviewQueue,
  LIVE_REVIEW_QUEUE_DEFAULTS,
} from './elements/live-review-queue/live-review-queue.js';
export { LiveReviewDecideEvent } from './elements/live-review-queue/live-review-queue.events.js';
export {
  defaultReviewQueueStrings,
  type ReviewQueueStrings,
} from './elements/live-review-queue/live-review-queue.strings.js';
export * from './features/review.js';

import './elements/internal/no-dom-end.js';
