/**
 * What a webhook tells the site's backend: the event types an operator subscribes URLs to, and
 * the body of each delivery. Written once here; the backend helper types its handlers by it.
 */
import type { User } from '../../src/protocol/index.js';

export const WEBHOOK_EVENTS = [
  'message',
  'message.deleted',
  'user.banned',
  'poll.opened',
  'poll.closed',
  'quiz.ended',
  'question.asked',
  'question.answered',
  'room.first_viewer',
  'room.empty',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** A poll as a webhook carries it: the wire's poll object with its results. */
export interface WebhookPoll {
  id: string;
  question: string;
  options: string[];
  kind: string;
  status: string;
  /** Aligned with `options`; for a word cloud, the most frequent words. */
  counts: number[] | Record<string, number> | null;
  total: number | null;
}

/** Event type → its `data`. */
export interface WebhookEventData {
  /** A chat message everyone in the room received (not a hidden or a held one). */
  message: { id: string; seq: number; text: string; user: User; replyTo?: string };
  'message.deleted': { id: string; seq: number };
  /** A ban (`until` null: until unban) or a timeout (`until` in ms since the epoch). */
  'user.banned': { userId: string; until: number | null };
  'poll.opened': { poll: WebhookPoll };
  /** With the final results. */
  'poll.closed': { poll: WebhookPoll };
  /** The final leaderboard: the top players and how many played. */
  'quiz.ended': {
    top: { userId: string; name: string; score: number; rank: number }[];
    players: number;
  };
  /** A question the audience now sees (asked, or approved when moderation is on). */
  'question.asked': { id: string; text: string; user?: User; anonymous: boolean };
  'question.answered': { id: string; text: string; votes: number };
  /** The room's presence went from nobody to someone (hosts count). */
  'room.first_viewer': { count: number };
  /** The last member left (after their grace). */
  'room.empty': { count: 0 };
}

/** The JSON body of every delivery. `id` is the event's; the delivery's is a header. */
export interface WebhookBody<K extends WebhookEventType = WebhookEventType> {
  id: string;
  type: K;
  room: string;
  /** When it happened, ms since the epoch (relay clock). */
  at: number;
  data: WebhookEventData[K];
}
