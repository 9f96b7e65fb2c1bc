/** chat (`ROOM/chat`): the contract of PROTOCOL.md, Features and "Chat". */
import type { User } from './users.js';

/** The relay's limits on chat. Text is counted in code points after trimming. */
export const CHAT_LIMITS = {
  /** A message's text. */
  textMax: 500,
  /** Messages in a snapshot. */
  snapshotMessages: 100,
  /** Slow mode, in seconds (0 = off). */
  slowModeSecondsMax: 3_600,
  /** A timed ban (a year); a ban without minutes lasts until `unban`. */
  banMinutesMax: 525_600,
  /** Blocked terms: how many, and how long each (UTF-16 units, as the relay counts). */
  blockedTermsMax: 200,
  blockedTermMax: 40,
  /** Gate: minimum account age, in minutes (a year). */
  minAccountAgeMinutesMax: 525_600,
  /** Gate: how long a first-time chatter waits before their first message, in seconds. */
  firstChatDelaySecondsMax: 3_600,
} as const;

/**
 * The gates a `send` can be refused by (`err forbidden`, `details.gate`): not signed in, an
 * account too young, a first-time chatter still waiting, emote-only mode, a link from the
 * audience. `retryAfterMs` is set where waiting helps (`accountAge`, `firstChat`).
 */
export type ChatGate = 'signedIn' | 'accountAge' | 'firstChat' | 'emoteOnly' | 'links';

/** Who may post links: everyone (the default) or staff only. */
export type ChatLinks = 'all' | 'staff';

/** What `shield {on: true}` applies at once; hosts edit it with `shieldPreset`. */
export interface ChatShieldPreset {
  signedInOnly?: boolean;
  slowModeSeconds?: number;
  minAccountAgeMinutes?: number;
  firstChatDelaySeconds?: number;
  emoteOnly?: boolean;
  links?: ChatLinks;
}

/** The preset until a host edits it: signed-in only, first-time chatters wait, slow, no links. */
export const DEFAULT_SHIELD_PRESET: Readonly<
  Required<Omit<ChatShieldPreset, 'emoteOnly' | 'minAccountAgeMinutes'>>
> = { signedInOnly: true, firstChatDelaySeconds: 300, slowModeSeconds: 10, links: 'staff' };

export const CHAT_TEXT_MAX = CHAT_LIMITS.textMax;
export const CHAT_SNAPSHOT_MESSAGES = CHAT_LIMITS.snapshotMessages;

export interface ChatMessage {
  id: string;
  text: string;
  user: User;
  replyTo?: string;
  /** Set in snapshots and filled in by clients from the `ev`. */
  seq?: number;
  ts?: number;
}
export interface ChatSettings {
  slowModeSeconds: number;
  /** The whole room (every channel of it) is for users with a token only. */
  signedInOnly?: boolean;
  /** Audience accounts younger than this (token claim `created`) may not send. */
  minAccountAgeMinutes?: number;
  /** A user first seen in the room less than this ago may not send yet. */
  firstChatDelaySeconds?: number;
  /** The audience may send only emoji. */
  emoteOnly?: boolean;
  /** `staff`: a message with a link from the audience is refused. Absent: links are allowed. */
  links?: ChatLinks;
  /** Shield is up: these settings are the preset's, and lifting it restores the ones before. */
  shield?: boolean;
}
export interface ChatPinned {
  id: string | null;
  message?: ChatMessage;
}
export interface ChatBanned {
  userId: string;
  banned: boolean;
  until: number | null;
}
export interface ChatSnapshot {
  messages: ChatMessage[];
  pinned: ChatPinned;
  settings: ChatSettings;
  /** Hosts only: the bans in force. */
  bans?: ChatBanned[];
  /** Hosts only: the terms the audience may not write. */
  blockedTerms?: string[];
  /** Hosts only: what raising the shield applies. */
  shieldPreset?: ChatShieldPreset;
}

/** Op type → the `data` a client sends. */
export interface ChatOps {
  send: { text: string; replyTo?: string };
  delete: { id: string };
  pin: { id: string };
  unpin: Record<string, never>;
  ban: { userId: string; minutes?: number };
  unban: { userId: string };
  settings: Omit<ChatSettings, 'slowModeSeconds' | 'shield'> & {
    slowModeSeconds?: number;
    blockedTerms?: string[];
  };
  /** Host: raises the shield (applies the preset at once) or lifts it (restores what was). */
  shield: { on: boolean };
  /** Host: replaces the shield's preset. */
  shieldPreset: ChatShieldPreset;
}

/** Ev type → its `data`. */
export interface ChatEvents {
  message: ChatMessage;
  deleted: { id: string };
  pinned: ChatPinned;
  banned: ChatBanned;
  settings: ChatSettings;
}

/** `me`: to hosts, the blocked terms; to a banned user, the ban. */
export type ChatMe =
  | { blockedTerms: string[] }
  | { shieldPreset: ChatShieldPreset }
  | { banned: boolean; until?: number | null };

/** Signal types of the chat channel. */
export const CHAT_SIGNALS = ['typing'] as const;
export type ChatSignal = (typeof CHAT_SIGNALS)[number];
