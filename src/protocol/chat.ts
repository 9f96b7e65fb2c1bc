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
} as const;

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
}

/** Op type → the `data` a client sends. */
export interface ChatOps {
  send: { text: string; replyTo?: string };
  delete: { id: string };
  pin: { id: string };
  unpin: Record<string, never>;
  ban: { userId: string; minutes?: number };
  unban: { userId: string };
  settings: { slowModeSeconds?: number; signedInOnly?: boolean; blockedTerms?: string[] };
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
export type ChatMe = { blockedTerms: string[] } | { banned: boolean; until?: number | null };

/** Signal types of the chat channel. */
export const CHAT_SIGNALS = ['typing'] as const;
export type ChatSignal = (typeof CHAT_SIGNALS)[number];
