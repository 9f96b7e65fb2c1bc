/**
 * Every piece of text `<live-chat-moderation>` shows. Replace some or all of them through the
 * element's `strings` property to translate the widget.
 */
import { refusedText } from '../internal/refused.js';
import type { ConnectionStrings, StateStrings } from '../internal/strings.js';
import type { ChatModAction } from '../../protocol/index.js';
import type { ShieldStrings } from './live-chat-moderation.shield.js';
export interface ChatModerationStrings
  extends StateStrings, ShieldStrings, Pick<ConnectionStrings, 'unreachable'> {
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
  /** Heading of the form acting on one user: time out, hide, unhide. */
  userActions: string;
  /** Label of the select of users who wrote in the chat lately. */
  user: string;
  noUsers: string;
  length: string;
  /** A preset timeout length, e.g. `10 s`, `1 h`, `24 h`. */
  lengthOption: (seconds: number) => string;
  lengthCustom: string;
  customAmount: string;
  /** Units of a custom length. */
  units: { seconds: string; minutes: string; hours: string; days: string };
  /** The custom length is out of bounds. */
  lengthBounds: string;
  reason: string;
  reasonHint: string;
  timeOut: string;
  timedOut: (name: string, length: string) => string;
  hide: string;
  unhide: string;
  hideHint: string;
  hidden: (name: string) => string;
  unhidden: (name: string) => string;
  /** Heading of the list of hidden users. */
  hiddenUsers: string;
  unhideUser: (name: string) => string;
  chatDelay: string;
  chatDelayOff: string;
  chatDelayOption: (seconds: number) => string;
  chatDelayHint: string;
  /** The moderation log panel. */
  modLog: string;
  modLogEmpty: string;
  modLogOlder: string;
  /** One log line, e.g. `Ana timed out Bo for 10 min — spam`. */
  modLogLine: (entry: {
    by: string;
    action: string;
    target: string;
    length?: string;
    reason?: string;
    settings?: string;
  }) => string;
  /** What each action is called in the log; `shield` is raising it, `shieldOff` lifting it. */
  actions: Record<ChatModAction | 'shieldOff', string>;
}

/** A length in seconds as the console says it: `10 s`, `1 min`, `1 h`, `14 d`, `90 s`. */
export function lengthText(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
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
  userActions: 'Time out or hide a user',
  user: 'User',
  noUsers: 'Nobody has written yet.',
  length: 'Length',
  lengthOption: (seconds) => (seconds === 86_400 ? '24 h' : lengthText(seconds)),
  lengthCustom: 'Custom…',
  customAmount: 'Custom length',
  units: { seconds: 'seconds', minutes: 'minutes', hours: 'hours', days: 'days' },
  lengthBounds: 'A timeout lasts from 1 second to 14 days.',
  reason: 'Reason (optional, shown to the user)',
  reasonHint: 'Plain text, at most 200 characters.',
  timeOut: 'Time out',
  timedOut: (name, length) => `${name} is timed out for ${length}.`,
  hide: 'Hide',
  unhide: 'Unhide',
  hideHint: 'A hidden user’s new messages are seen only by them and by staff. They are not told.',
  hidden: (name) => `${name} is hidden.`,
  unhidden: (name) => `${name} is no longer hidden.`,
  hiddenUsers: 'Hidden users',
  unhideUser: (name) => `Unhide ${name}`,
  chatDelay: 'Chat delay',
  chatDelayOff: 'Off',
  chatDelayOption: (seconds) => `${seconds} s`,
  chatDelayHint:
    'Viewers’ messages reach other viewers after this delay; hosts and moderators see them at once and can delete them first.',
  modLog: 'Moderation log',
  modLogEmpty: 'Nothing has been moderated yet.',
  modLogOlder: 'Show older',
  modLogLine: ({ by, action, target, length, reason, settings }) =>
    `${by} ${action}${target ? ` ${target}` : ''}${length ? ` for ${length}` : ''}${settings ? `: ${settings}` : ''}${reason ? ` — ${reason}` : ''}`,
  actions: {
    delete: 'deleted a message of',
    pin: 'pinned a message of',
    unpin: 'unpinned the message',
    timeout: 'timed out',
    ban: 'banned',
    unban: 'unbanned',
    hide: 'hid',
    unhide: 'unhid',
    settings: 'changed settings',
    shield: 'raised the shield',
    shieldOff: 'lifted the shield, restoring',
    shieldPreset: 'changed the shield preset',
    approve: 'approved a held message of',
    reject: 'rejected a held message of',
    dismiss: 'dismissed reports on a message of',
  },
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
  holdForReview: 'Hold for review',
  holdRules: {
    all: 'Every viewer message',
    firstTime: 'First-time chatters',
    links: 'Messages with links',
    terms: 'Messages with review terms',
  },
  presetSummary: (p) =>
    [
      p.signedInOnly ? 'signed-in only' : '',
      p.minAccountAgeMinutes ? `accounts older than ${p.minAccountAgeMinutes} min` : '',
      p.firstChatDelaySeconds
        ? `first-time chatters wait ${Math.round(p.firstChatDelaySeconds / 60)} min`
        : '',
      p.slowModeSeconds ? `slow mode ${p.slowModeSeconds} s` : '',
      p.chatDelaySeconds ? `chat delay ${p.chatDelaySeconds} s` : '',
      p.emoteOnly ? 'emote-only' : '',
      p.links === 'staff' ? 'no links from viewers' : '',
      p.hold?.length ? `hold ${p.hold.join(', ')} for review` : '',
    ]
      .filter(Boolean)
      .join(', ') || 'nothing',
  delayOption: (seconds) => (seconds === 0 ? 'Off' : `${seconds / 60} min`),
};
