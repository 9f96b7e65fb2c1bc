/**
 * Every piece of text `<live-chat-moderation>` shows. Replace some or all of them through the
 * element's `strings` property to translate the widget.
 */
import { refusedText } from '../internal/refused.js';
import type { StateStrings } from '../internal/strings.js';
import type { ShieldStrings } from './live-chat-moderation.shield.js';
export interface ChatModerationStrings extends StateStrings, ShieldStrings {
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
  shield: 'Shield',
  shieldOn: 'on',
  shieldOff: 'off',
  shieldHintOff: (preset) => `Raising it applies at once: ${preset}.`,
  shieldHintOn: 'The shield is up. Lifting it restores the settings from before.',
  shieldRaised: 'Shield raised.',
  shieldLifted: 'Shield lifted; the settings from before are back.',
  gates: 'Who may chat',
  shieldPreset: 'What the shield applies',
  presetSaved: 'Shield preset saved.',
  signedInOnly: 'Signed-in viewers only (anonymous viewers leave the room)',
  minAccountAge: 'Minimum account age (minutes)',
  minAccountAgeHint: '0 = off. From the site’s account date.',
  firstChatDelay: 'First-time chatters wait',
  emoteOnly: 'Emote-only mode',
  linksStaffOnly: 'Links from hosts and moderators only',
  presetSummary: (p) =>
    [
      p.signedInOnly ? 'signed-in only' : '',
      p.minAccountAgeMinutes ? `accounts older than ${p.minAccountAgeMinutes} min` : '',
      p.firstChatDelaySeconds
        ? `first-time chatters wait ${Math.round(p.firstChatDelaySeconds / 60)} min`
        : '',
      p.slowModeSeconds ? `slow mode ${p.slowModeSeconds} s` : '',
      p.emoteOnly ? 'emote-only' : '',
      p.links === 'staff' ? 'no links from viewers' : '',
    ]
      .filter(Boolean)
      .join(', ') || 'nothing',
  delayOption: (seconds) => (seconds === 0 ? 'Off' : `${seconds / 60} min`),
};
