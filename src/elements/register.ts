/**
 * Defines every element, once per page whatever number of copies of the kit are loaded.
 * Importing this module defines them; `defineElements()` is exported for explicit calls.
 */
import { attachContextRoot, defineElement } from './internal/define.js';
import { LiveChat } from './live-chat/live-chat.js';
import { LiveRoom } from './live-room/live-room.js';
import { LiveReactions } from './live-reactions/live-reactions.js';
import { PresenceBar } from './presence-bar/presence-bar.js';
import { LivePoll } from './live-poll/live-poll.js';
import { LivePollEditor } from './live-poll-editor/live-poll-editor.js';
import { LiveQa } from './live-qa/live-qa.js';
import { LiveQuiz } from './live-quiz/live-quiz.js';
import { LiveLeaderboard } from './live-leaderboard/live-leaderboard.js';
import { LiveQuizHost } from './live-quiz-host/live-quiz-host.js';
import { LiveChatModeration } from './live-chat-moderation/live-chat-moderation.js';
import { LiveHostConsole } from './live-host-console/live-host-console.js';
import { LiveReviewQueue } from './live-review-queue/live-review-queue.js';

export function defineElements(): void {
  // Providers first: a widget upgraded before its <live-room> would miss the room.
  attachContextRoot();
  defineElement('live-room', LiveRoom);
  defineElement('live-chat', LiveChat);
  defineElement('presence-bar', PresenceBar);
  defineElement('live-reactions', LiveReactions);
  defineElement('live-poll', LivePoll);
  defineElement('live-poll-editor', LivePollEditor);
  defineElement('live-qa', LiveQa);
  defineElement('live-quiz', LiveQuiz);
  defineElement('live-leaderboard', LiveLeaderboard);
  defineElement('live-quiz-host', LiveQuizHost);
  defineElement('live-chat-moderation', LiveChatModeration);
  defineElement('live-review-queue', LiveReviewQueue);
  defineElement('live-host-console', LiveHostConsole);
}

defineElements();
