/**
 * Every piece of text `<live-chat-moderation>` shows. Replace some or all of them through the
 * element's `strings` property to translate the widget.
 */
import type { ErrorCode } from '../protocol/index.js';
import { refusedText } from './refused.js';
export interface ChatModerationStrings {
  loading: string;
  /**
   * Instead of the widget when the relay refused its channel or dropped it (e.g. a token that does
   * not grant the room), from the relay's message and code.
   */
  refused: (message: string, code: ErrorCode) => string;
  /** Shown instead of the controls to viewers who are not hosts or moderators. */
  hostsOnly: string;
  offline: string;
  slowMode: string;
  slowModeOff: string;
  slowModeOption: (seconds: number) => string;
  slowModeHint: string;
  blockedTerms: string;
  blockedTermsHint: string;
  /** Label of the list of terms blocked now. */
  blockedNow: string;
  noBlockedTerms: string;
  save: string;
  saved: string;
  termTooLong: (term: string, max: number) => string;
  termsTooMany: (max: number) => string;
  /** Heading of the list of bans and timeouts. */
  bans: string;
  noBans: string;
  bannedForever: string;
  /** A timeout's end, e.g. `until 18:42`. */
  bannedUntil: (time: string) => string;
  unban: string;
  /** Accessible name of the Unban button of `name`. */
  unbanUser: (name: string) => string;
  unbanned: (name: string) => string;
  /** A refused op, with the relay's message. */
  failed: (message: string) => string;
}

export const defaultChatModerationStrings: ChatModerationStrings = {
  loading: 'Loading chat settings…',
  refused: refusedText,
  hostsOnly: 'Only hosts and moderators can moderate the chat.',
  offline: 'You are offline. Changes will be sent when the connection is back.',
  slowMode: 'Slow mode',
  slowModeOff: 'Off',
  slowModeOption: (seconds) => (seconds < 60 ? `${seconds} s` : `${seconds / 60} min`),
  slowModeHint: 'How long each viewer waits between messages. Hosts and moderators never wait.',
  blockedTerms: 'Blocked terms',
  blockedTermsHint:
    'One per line or separated by commas. Viewers’ messages containing one are refused.',
  blockedNow: 'Blocked now:',
  noBlockedTerms: 'No terms are blocked.',
  save: 'Save terms',
  saved: 'Blocked terms saved.',
  termTooLong: (term, max) => `“${term}” is longer than ${max} characters.`,
  termsTooMany: (max) => `At most ${max} blocked terms.`,
  bans: 'Bans and timeouts',
  noBans: 'Nobody is banned.',
  bannedForever: 'banned until unbanned',
  bannedUntil: (time) => `timed out until ${time}`,
  unban: 'Unban',
  unbanUser: (name) => `Unban ${name}`,
  unbanned: (name) => `${name} can write again.`,
  failed: (message) => `Not done: ${message}`,
};
