/** chat (`ROOM/chat`): the contract of PROTOCOL.md, Features and "Chat". */
import type { ReportReason, ReviewItem, ReviewMe } from './review.js';
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
  /** A timeout, in seconds: 1 s to 14 days. */
  timeoutSecondsMin: 1,
  timeoutSecondsMax: 1_209_600,
  /** The reason given with a timeout (code points, after trimming). */
  reasonMax: 200,
  /** The audience's chat delay, in seconds (0 = off). */
  chatDelaySecondsMax: 10,
  /** Moderation log: entries kept per room, and per page of the `log` op. */
  logKept: 1_000,
  logPageMax: 100,
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

/**
 * Who may post links: everyone (the default), staff only, or everyone but the audience's links
 * are held for review.
 */
export type ChatLinks = 'all' | 'staff' | 'held';

/**
 * Which audience messages are held for review: every one, a first-time chatter's (until one of
 * theirs reached the room), one with a link, one with a review term. None when absent.
 */
export type ChatHoldRule = 'all' | 'firstTime' | 'links' | 'terms';
export const CHAT_HOLD_RULES: readonly ChatHoldRule[] = ['all', 'firstTime', 'links', 'terms'];

/** What `shield {on: true}` applies at once; hosts edit it with `shieldPreset`. */
export interface ChatShieldPreset {
  signedInOnly?: boolean;
  slowModeSeconds?: number;
  chatDelaySeconds?: number;
  minAccountAgeMinutes?: number;
  firstChatDelaySeconds?: number;
  emoteOnly?: boolean;
  links?: ChatLinks;
  /** The hold rules in force (an empty list: none). */
  hold?: ChatHoldRule[];
}

/** The preset until a host edits it: signed-in only, first-time chatters wait, slow, no links. */
export const DEFAULT_SHIELD_PRESET: Readonly<
  Required<
    Omit<ChatShieldPreset, 'emoteOnly' | 'minAccountAgeMinutes' | 'chatDelaySeconds' | 'hold'>
  >
> = { signedInOnly: true, firstChatDelaySeconds: 300, slowModeSeconds: 10, links: 'staff' };

export const CHAT_TEXT_MAX = CHAT_LIMITS.textMax;
export const CHAT_SNAPSHOT_MESSAGES = CHAT_LIMITS.snapshotMessages;

export interface ChatMessage {
  id: string;
  text: string;
  user: User;
  replyTo?: string;
  /**
   * Only staff and this user (the author) receive the event; everyone else gets a `hidden`
   * placeholder at its seq (docs/protocol-notes.md, "Events not everyone sees").
   */
  visibleTo?: string;
  /** Staff's marker: the author is hidden (shadow), so the audience never sees this message. */
  hidden?: true;
  /** Staff's marker: held by the chat delay; reaches the audience at this relay time (ms). */
  delayedUntil?: number;
  /**
   * Held for review: only staff and its author see it until staff approve it (it is emitted
   * again, for all) or reject it (`deleted {rejected: true}`).
   */
  held?: true;
  /** Staff's marker: the rule that held it. */
  heldFor?: ChatHoldRule;
  /** Set in snapshots and filled in by clients from the `ev`. */
  seq?: number;
  ts?: number;
}
export interface ChatSettings {
  slowModeSeconds: number;
  /** The whole room (every channel of it) is for users with a token only. */
  signedInOnly?: boolean;
  /** Seconds an audience member's message waits before the rest of the audience sees it. */
  chatDelaySeconds?: number;
  /** Audience accounts younger than this (token claim `created`) may not send. */
  minAccountAgeMinutes?: number;
  /** A user first seen in the room less than this ago may not send yet. */
  firstChatDelaySeconds?: number;
  /** The audience may send only emoji. */
  emoteOnly?: boolean;
  /** `staff`: a message with a link from the audience is refused. Absent: links are allowed. */
  links?: ChatLinks;
  /** Audience messages held for review by these rules; absent: none. */
  hold?: ChatHoldRule[];
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
  /** A timeout's reason (to staff, and to the user in `me`). */
  reason?: string;
}
/** What a moderation log entry records. */
export type ChatModAction =
  | 'delete'
  | 'pin'
  | 'unpin'
  | 'timeout'
  | 'ban'
  | 'unban'
  | 'hide'
  | 'unhide'
  | 'settings'
  | 'shield'
  | 'shieldPreset'
  | 'approve'
  | 'reject'
  | 'dismiss';
/** One line of the moderation log: who did what to whom, and when (relay time, ms). */
export interface ChatLogEntry {
  /** Increasing per room: the page cursor of `log {before}`. */
  n: number;
  at: number;
  by: { id: string; name: string };
  action: ChatModAction;
  /** The user acted on (timeouts, bans, hides) or the author of the message (delete, pin). */
  target?: { id: string; name?: string };
  /** The message acted on. */
  messageId?: string;
  /** A timeout's length. */
  seconds?: number;
  reason?: string;
  /**
   * The settings changed, as set (`blockedTerms` as a count); for `shield`, the settings it
   * applied or restored; for `shieldPreset`, the new preset.
   */
  settings?: Record<string, unknown>;
  /** `shield`: raised (true) or lifted (false). */
  on?: boolean;
}
export interface ChatSnapshot {
  messages: ChatMessage[];
  pinned: ChatPinned;
  settings: ChatSettings;
  /** Hosts only: the bans in force. */
  bans?: ChatBanned[];
  /** Hosts only: the terms the audience may not write. */
  blockedTerms?: string[];
  /** Hosts only: users whose messages only they and staff see. */
  hiddenUsers?: string[];
  /** Hosts only: what raising the shield applies. */
  shieldPreset?: ChatShieldPreset;
  /** Hosts only: the terms that hold an audience message for review. */
  reviewTerms?: string[];
  /** Hosts only: the review queue (held messages and reported ones), oldest first. */
  review?: ReviewItem[];
}

/** Op type → the `data` a client sends. */
export interface ChatOps {
  send: { text: string; replyTo?: string };
  delete: { id: string };
  pin: { id: string };
  unpin: Record<string, never>;
  ban: { userId: string; minutes?: number };
  unban: { userId: string };
  /** (host) Refuses the user's ops for `seconds`, telling them `reason`. */
  timeout: { userId: string; seconds: number; reason?: string };
  /** (host) Shadow: the user's messages from now on reach only them and staff. */
  hide: { userId: string };
  unhide: { userId: string };
  settings: Omit<ChatSettings, 'slowModeSeconds' | 'shield'> & {
    slowModeSeconds?: number;
    blockedTerms?: string[];
    reviewTerms?: string[];
  };
  /** (host) Raises the shield (applies the preset at once) or lifts it (restores what was). */
  shield: { on: boolean };
  /** (host) Replaces the shield's preset. */
  shieldPreset: ChatShieldPreset;
  /** (host) A page of the moderation log, newest first: entries with `n` below `before`. */
  log: { before?: number; limit?: number };
  /** (host) A held message reaches the audience, as a new event at the head. */
  approve: { id: string };
  /** (host) A held message never reaches the audience; its author sees it go. */
  reject: { id: string };
  /** (host) The reports on a message are set aside; the message stays. */
  dismiss: { id: string };
  /** A viewer reports someone else's message to staff (once per message). */
  report: { id: string; reason: ReportReason; note?: string };
}

/** The ack of `send` when the message was held for review (else `{id}`). */
export interface ChatSendAck {
  id: string;
  status?: 'held';
}

/** The ack of `log`. */
export interface ChatLogPage {
  entries: ChatLogEntry[];
  /** Whether older entries remain. */
  more: boolean;
}

/** Ev type → its `data`. */
export interface ChatEvents {
  message: ChatMessage;
  /** `visibleTo` when the message deleted never reached the audience. */
  deleted: { id: string; visibleTo?: string; rejected?: true };
  pinned: ChatPinned;
  banned: ChatBanned;
  settings: ChatSettings;
  /**
   * What the relay sends in place of an event meant for staff and one user only (a hidden
   * user's message, one held by the chat delay): it keeps the seq without a gap and says nothing.
   */
  withheld: Record<string, never>;
}

/**
 * `me`: to hosts, the blocked terms, the hidden users, the shield's preset and each new log
 * entry; to a banned or timed-out user, the ban and its reason.
 */
export type ChatMe =
  | { blockedTerms: string[] }
  | { hiddenUsers: string[] }
  | { shieldPreset: ChatShieldPreset }
  | { log: ChatLogEntry }
  | { reviewTerms: string[] }
  | ReviewMe
  | { banned: boolean; until?: number | null; reason?: string };

/** Signal types of the chat channel. */
export const CHAT_SIGNALS = ['typing'] as const;
export type ChatSignal = (typeof CHAT_SIGNALS)[number];
