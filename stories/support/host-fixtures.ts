/**
 * The room of the host console and chat moderation stories: a bit of everything (chat with bans
 * and blocked terms, polls, an idle quiz, questions, reactions and people). The relay shows it to
 * a host, or to a viewer, as it would.
 */
import type { ChatBanned, ChatSettings, User } from '../../src/protocol/index.js';
import { messages, people } from './chat-fixtures.js';
import * as polls from './poll-fixtures.js';
import { fewMembers } from './presence-fixtures.js';
import { emojis } from './reactions-fixtures.js';
import { waiting } from './quiz-fixtures.js';
import type { Room } from './room.js';

/** What the room holds; every part can be left out. */
export interface HostRoom {
  /** Blocked terms of the chat (hosts' snapshots carry them). */
  blockedTerms?: string[];
  /** Bans and timeouts in force. */
  bans?: ChatBanned[];
  slowModeSeconds?: number;
  /** The chat's settings whole (gates, shield), in place of `slowModeSeconds`. */
  settings?: ChatSettings;
  /** Chat messages in the history. */
  messageCount?: number;
}

const minutes = (count: number) => count * 60_000;

export const blockedTerms = ['spoiler', 'crypto giveaway', 'free followers', '<b>not bold</b>'];

/** Dara banned for good, Bo timed out for a while, Chen for a day and a half. */
export function bans(): ChatBanned[] {
  return [
    { userId: people.dara.id, banned: true, until: null },
    { userId: people.bo.id, banned: true, until: Date.now() + minutes(7) },
    { userId: people.chen.id, banned: true, until: Date.now() + minutes(36 * 60) },
  ];
}

const question = (id: string, text: string, votes: number, user: User) => ({
  id,
  text,
  status: 'visible' as const,
  ts: Date.UTC(2025, 0, 15, 18, 5) + votes * 1_000,
  anonymous: false,
  user,
  votes,
});

/** The room, seen by `user`: the relay shows bans and blocked terms to hosts only. */
export function hostRoom(user: User, room: HostRoom = {}): Room {
  return {
    user,
    chat: {
      messages: messages(room.messageCount ?? 8),
      slowModeSeconds: room.slowModeSeconds,
      settings: room.settings,
      bans: room.bans,
      blockedTerms: room.blockedTerms,
    },
    presence: { members: fewMembers, count: 132 },
    emojis,
    polls: [polls.single, polls.closed, polls.draft],
    quiz: { ...waiting, questions: [] },
    qa: [
      question('q1', 'Will the slides be shared?', 14, people.ana),
      question('q2', 'How does the relay scale out?', 9, people.bo),
    ],
  };
}
