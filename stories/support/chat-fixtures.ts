/** Chat for the stories: people and messages, stored in the in-page relay as its chat keeps them. */
import type {
  ChatBanned,
  ChatMessage,
  ChatPinned,
  ChatSettings,
  User,
} from '../../src/protocol/index.js';
import type { LoopbackRelay } from './loopback-relay.js';

export const people = {
  me: { id: 'anon-me', name: 'You', role: 'audience' },
  host: { id: 'host-1', name: 'Hana (host)', role: 'host' },
  mod: { id: 'mod-1', name: 'Mo', role: 'moderator' },
  ana: { id: 'anon-ana', name: 'Ana', role: 'audience' },
  bo: { id: 'anon-bo', name: 'Bo', role: 'audience' },
  chen: { id: 'anon-chen', name: 'Chen', role: 'audience' },
  dara: { id: 'anon-dara', name: 'Dara', role: 'audience' },
} satisfies Record<string, User>;

const lines = [
  'Hi everyone! 👋',
  'Audio is a bit quiet on my side',
  'Fixed now, thanks',
  'Where can I find the slides?',
  'They will be shared after the talk',
  'Great question about caching',
  'Does this work with Redis cluster?',
  '<img src=x onerror=alert(1)> stays text, never HTML',
  'Greetings from Lisbon 🇵🇹',
  'Can you zoom in on the code?',
  'Line breaks work too:\nfirst line\nsecond line',
  '+1 to the previous question',
];
const speakers = [people.ana, people.bo, people.chen, people.dara, people.host, people.mod];
const start = Date.UTC(2025, 0, 15, 18, 0, 0);

/** `count` messages, oldest first, a few of them replies. */
export function messages(count: number): ChatMessage[] {
  const list: ChatMessage[] = [];
  for (let i = 0; i < count; i++) {
    const message: ChatMessage = {
      id: `m${i + 1}`,
      text: lines[i % lines.length],
      user: speakers[(i * 7) % speakers.length],
      seq: i + 1,
      ts: start + i * 17_000,
    };
    if (i % 9 === 4) message.replyTo = `m${i}`;
    list.push(message);
  }
  return list;
}

/** What the room's chat holds when the story starts; every part can be left out. */
export interface ChatSeed {
  /** Messages in history, oldest first, with seqs from 1. */
  messages?: ChatMessage[];
  pinned?: ChatPinned;
  slowModeSeconds?: number;
  /** Bans and timeouts in force (`banned: true`). */
  bans?: ChatBanned[];
  /** Terms the audience may not write (hosts see them). */
  blockedTerms?: string[];
  /** More records, as the relay's chat keeps them (`banwhy:ID`, `hidden:ID`, `modlog:N`…). */
  records?: Record<string, unknown>;
  /** The room's settings whole (gates, shield), in place of `slowModeSeconds`. */
  settings?: ChatSettings;
}

/** Stores `chat` in `relay`'s `ROOM/chat`: the messages as history, the rest as its records. */
export function seedChat(relay: LoopbackRelay, chat: ChatSeed, ch = 'demo/chat'): LoopbackRelay {
  const records: Record<string, unknown> = {
    pinned: chat.pinned,
    settings:
      chat.settings ??
      (chat.slowModeSeconds ? { slowModeSeconds: chat.slowModeSeconds } : undefined),
    blockedTerms: chat.blockedTerms,
  };
  for (const ban of chat.bans ?? []) records[`ban:${ban.userId}`] = ban.until;
  Object.assign(records, chat.records);
  const events = (chat.messages ?? []).map(({ seq: _, ts, ...message }) => ({
    type: 'message',
    data: message,
    ts,
    from: message.user,
  }));
  return relay.seed(ch, records, events);
}

/** Others typing in the chat, for `SocketHooks.repeat` (a typing signal lasts 4 s). */
export function keepTyping(...users: User[]) {
  return {
    everyMs: 2_000,
    run: (relay: LoopbackRelay) => {
      for (const user of users) relay.as(user).signal('demo/chat', 'typing');
    },
  };
}
