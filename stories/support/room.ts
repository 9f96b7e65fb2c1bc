/**
 * A room for a story: an in-page relay (loopback-relay.ts) holding what the story needs of each
 * feature, and a connection to it as the story's user; plus a browser that says it is offline.
 */
import type { Poll } from '../../src/features/poll.js';
import { seedChat, type ChatSeed } from './chat-fixtures.js';
import { LoopbackRelay, type SocketHooks } from './loopback-relay.js';
import { seedPolls, type MyVotes } from './poll-fixtures.js';
import { seedPresence, type PresenceSeed } from './presence-fixtures.js';
import { seedQa, type QaRoom } from './qa-fixtures.js';
import { seedQuiz, type QuizRecordedState } from './quiz-fixtures.js';

export interface Room extends SocketHooks {
  chat?: ChatSeed;
  presence?: PresenceSeed;
  /** The room's own emoji set (else the relay's default). */
  emojis?: string[];
  polls?: Poll[];
  myVotes?: MyVotes;
  quiz?: QuizRecordedState;
  qa?: QaRoom['questions'];
}

/** Starts the room's relay and connects to it for `key` (once per page); returns the URL. */
export function room(
  key: string,
  { chat, presence, emojis, polls, myVotes, quiz, qa, ...hooks }: Room,
  minBackoffMs?: number,
): string {
  const relay = new LoopbackRelay();
  if (chat) seedChat(relay, chat);
  if (presence) seedPresence(relay, presence, hooks.user);
  if (emojis) relay.seed('demo/reactions', { emojis });
  if (polls) seedPolls(relay, polls, hooks.user, myVotes);
  if (quiz) seedQuiz(relay, quiz, hooks.user);
  if (qa) seedQa(relay, { user: hooks.user, questions: qa });
  return relay.url(key, hooks, minBackoffMs);
}

/** A story's `beforeEach`: `navigator.onLine` is false until the story is left. */
export function goOffline(): () => void {
  const descriptor = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  return () => {
    delete (navigator as { onLine?: boolean }).onLine;
    if (descriptor) Object.defineProperty(Navigator.prototype, 'onLine', descriptor);
  };
}
