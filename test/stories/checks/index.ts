/**
 * What each story must show beyond "rendered without errors", per component: the element to
 * look in and, per story slug, an expression run in the page with `root` (the element's shadow
 * root) and `text` (its text, whitespace collapsed). One file per element; add yours here.
 */
import { liveChat } from './live-chat.js';
import { liveReactions } from './live-reactions.js';
import { presenceBar } from './presence-bar.js';
import { livePoll } from './live-poll.js';
import { livePollEditor } from './live-poll-editor.js';
import { liveQa } from './live-qa.js';
import { liveQuiz } from './live-quiz.js';
import { liveLeaderboard } from './live-leaderboard.js';
import { liveQuizHost } from './live-quiz-host.js';
import { liveHostConsole } from './live-host-console.js';
import { liveChatModeration } from './live-chat-moderation.js';
import { liveReviewQueue } from './live-review-queue.js';
import { localesChat } from './locales.js';

export interface StoryChecks {
  /** The element the checks look in, e.g. `live-chat`. */
  tag: string;
  /** Story slug (the part of the id after `--`) → a JS expression that must become true. */
  stories: Record<string, string>;
}

/** Keyed by the story id's component part, e.g. `widgets-live-chat`. */
export const STORY_CHECKS: Record<string, StoryChecks> = {
  'widgets-live-chat': liveChat,
  'widgets-presence-bar': presenceBar,
  'widgets-live-reactions': liveReactions,
  'widgets-live-poll': livePoll,
  'widgets-live-poll-editor': livePollEditor,
  'widgets-live-qa': liveQa,
  'widgets-live-quiz': liveQuiz,
  'widgets-live-leaderboard': liveLeaderboard,
  'widgets-live-quiz-host': liveQuizHost,
  'widgets-live-host-console': liveHostConsole,
  'widgets-live-chat-moderation': liveChatModeration,
  'widgets-live-review-queue': liveReviewQueue,
  'locales-chat': localesChat,
};
