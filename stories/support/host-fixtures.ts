/**
 * Recorded traffic for the host console and chat moderation stories: a room with a bit of
 * everything (chat with bans and blocked terms, polls, an idle quiz, questions, reactions and
 * people), as the relay shows it to a host, or to a viewer.
 */
import type { QaQuestion } from '../../src/features/qa.js';
import type { ChatBanned, User } from '../../src/protocol/index.js';
import { messages, people, snapshot } from './chat-fixtures.js';
import * as polls from './poll-fixtures.js';
import { fewMembers, presenceChannel } from './presence-fixtures.js';
import { reactionsChannel } from './reactions-fixtures.js';
import type { Recording } from './recorded-socket.js';

/** What the room holds; every part can be left out. */
export interface HostRoom {
  /** Blocked terms of the chat (hosts' snapshots carry them). */
  blockedTerms?: string[];
  /** Bans and timeouts in force. */
  bans?: ChatBanned[];
  slowModeSeconds?: number;
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

const question = (id: string, text: string, votes: number, user: User): QaQuestion => ({
  id,
  text,
  status: 'visible',
  ts: Date.UTC(2025, 0, 15, 18, 5) + votes * 1_000,
  anonymous: false,
  user,
  votes,
});

/** The recording of a room for `user`: hosts get bans and blocked terms, as from the relay. */
export function hostRoom(user: User, room: HostRoom = {}): Recording {
  const staff = user.role !== 'audience';
  const chat = {
    ...snapshot(messages(room.messageCount ?? 8), {
      settings: { slowModeSeconds: room.slowModeSeconds ?? 0 },
    }),
    ...(staff ? { bans: room.bans ?? [], blockedTerms: room.blockedTerms ?? [] } : {}),
  };
  return {
    user,
    snapshot: chat,
    channels: {
      presence: presenceChannel(fewMembers, 132),
      reactions: reactionsChannel(),
      poll: { snapshot: { polls: [polls.single, polls.closed, polls.draft] } },
      quiz: {
        snapshot: {
          phase: 'idle',
          index: -1,
          count: 0,
          accessible: false,
          question: null,
          result: null,
          leaderboard: null,
          answered: 0,
          ...(staff ? { questions: [] } : {}),
        },
      },
      qa: {
        snapshot: {
          questions: [
            question('q1', 'Will the slides be shared?', 14, people.ana),
            question('q2', 'How does the relay scale out?', 9, people.bo),
          ],
          settings: { moderation: false },
          ...(staff ? { queue: { count: 0, questions: [] } } : {}),
        },
      },
    },
  };
}
