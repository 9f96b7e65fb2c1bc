/**
 * Every piece of text `<live-chat>` shows. Replace some or all of them through the element's
 * `strings` property to translate the widget.
 */
import type { ChatGate, ErrorCode, ReportReason } from '../../protocol/index.js';
import { refusedText } from '../internal/refused.js';
import type { ConnectionStrings } from '../internal/strings.js';

/**
 * The report form's texts: their defaults load with the form (live-chat.report.ts), but any of
 * them can be given in `strings` like the others.
 */
export interface ChatReportStrings {
  reportTitle: (name: string) => string;
  reportReason: string;
  reportReasons: Record<ReportReason, string>;
  reportNote: string;
  reportSend: string;
  reportCancel: string;
  reportSent: string;
}

export interface ChatStrings extends ConnectionStrings, Partial<ChatReportStrings> {
  /** Accessible name of the message list. */
  log: string;
  loading: string;
  empty: string;
  /**
   * In place of the messages when the relay refused the chat or dropped it (e.g. the room became
   * signed-in only), from the relay's message, code and details.
   */
  refused: (message: string, code: ErrorCode, details?: unknown) => string;
  jumpToLatest: string;
  /** The row in place of messages skipped to stay live (a burst, or a slow device). */
  skipped: (count: number) => string;
  /** Its button, showing `count` of them. */
  showSkipped: (count: number) => string;
  inputLabel: string;
  placeholder: string;
  send: string;
  /** Send button label during slow mode. */
  wait: (seconds: number) => string;
  /** Length counter, e.g. `42 / 500`. */
  counter: (length: number, max: number) => string;
  tooLong: (max: number) => string;
  reply: string;
  replyingTo: (name: string) => string;
  cancelReply: string;
  /** Quote of a parent message that is no longer in the list. */
  unknownParent: string;
  delete: string;
  pin: string;
  unpin: string;
  pinned: string;
  /** The toggle that shows a long pinned message whole, and clamps it again. */
  showAll: string;
  showLess: string;
  timeout: string;
  ban: string;
  unban: string;
  sending: string;
  failed: (error: string) => string;
  /**
   * A send the room's gates refused, in words: `seconds` is the time left where waiting helps
   * (account age, first-time chatters), else 0.
   */
  gated: (gate: ChatGate, seconds: number) => string;
  retry: string;
  dismiss: string;
  typingOne: (name: string) => string;
  typingTwo: (first: string, second: string) => string;
  typingMany: string;
  bannedForever: string;
  /** A timeout, announced to screen readers (changes once a minute at most). */
  bannedUntil: (minutes: number) => string;
  /** A timeout on screen, counting down: `left` is `9:41` or `1:02:03`, `reason` the host's. */
  timedOut: (left: string, reason?: string) => string;
  /** On my own message that staff have not yet approved (and, for staff, on any held one). */
  heldMarker: string;
  /** The action on someone else's message, and what it says once I reported it. */
  report: string;
  reported: string;

  /** Staff's marker on a hidden (shadowed) user's message: nobody else sees it. */
  hiddenMarker: string;
  /** Staff's marker on a message the chat delay holds back from the audience for now. */
  delayedMarker: string;
  slowMode: string;
  slowModeOff: string;
  slowModeOption: (seconds: number) => string;
  slowModeNotice: (seconds: number) => string;
  role: { host: string; moderator: string; audience: string };
  actionsFor: (name: string) => string;
  /**
   * A message's accessible name, what a screen reader says as the keyboard moves onto it:
   * `Ana (Host), 12:03: hello`, or with `replyTo` (the parent's author) `Bo, reply to Ana,
   * 12:04: hi`. `role` is the author's badge (empty for the audience), `time` empty when unknown.
   */
  messageName: (message: {
    author: string;
    role: string;
    time: string;
    text: string;
    replyTo?: string;
  }) => string;
}

export const defaultChatStrings: ChatStrings = {
  log: 'Chat messages',
  loading: 'Loading messages…',
  empty: 'No messages yet. Say hi!',
  offline: 'You are offline. Messages will be sent when the connection is back.',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected from chat.',
  refused: refusedText,
  jumpToLatest: 'Jump to latest',
  skipped: (count) => `${count} earlier message${count === 1 ? '' : 's'} skipped`,
  showSkipped: (count) => (count === 1 ? 'Show it' : `Show ${count}`),
  inputLabel: 'Message',
  placeholder: 'Say something…',
  send: 'Send',
  wait: (seconds) => `Wait ${seconds} s`,
  counter: (length, max) => `${length} / ${max}`,
  tooLong: (max) => `Messages can be at most ${max} characters.`,
  reply: 'Reply',
  replyingTo: (name) => `Replying to ${name}`,
  cancelReply: 'Cancel reply',
  unknownParent: 'Earlier message',
  delete: 'Delete',
  pin: 'Pin',
  unpin: 'Unpin',
  pinned: 'Pinned',
  showAll: 'Show all',
  showLess: 'Show less',
  timeout: 'Timeout 10 min',
  ban: 'Ban',
  unban: 'Unban',
  sending: 'sending…',
  failed: (error) => `Not sent: ${error}`,
  gated: (gate, seconds) => {
    if (gate === 'signedIn') return 'Chat is for signed-in viewers';
    if (gate === 'emoteOnly') return 'Emote-only mode';
    if (gate === 'links') return 'Links are not allowed';
    if (seconds <= 0) return gate === 'firstChat' ? 'You can chat now' : 'Your account is too new';
    const wait = clockText(seconds);
    return gate === 'firstChat' ? `You can chat in ${wait}` : `Your account can chat in ${wait}`;
  },
  retry: 'Retry',
  dismiss: 'Dismiss',
  typingOne: (name) => `${name} is typing…`,
  typingTwo: (first, second) => `${first} and ${second} are typing…`,
  typingMany: 'Several people are typing…',
  bannedForever: 'You have been banned from this chat. You can still read it.',
  bannedUntil: (minutes) =>
    `You have been timed out for ${minutes} more minute${minutes === 1 ? '' : 's'}.`,
  timedOut: (left, reason) => `Timed out for ${left}${reason ? ` — ${reason}` : ''}`,
  heldMarker: 'Held for review',
  report: 'Report',
  reported: 'Reported',

  hiddenMarker: 'hidden',
  delayedMarker: 'delayed',
  slowMode: 'Slow mode',
  slowModeOff: 'Off',
  slowModeOption: (seconds) => (seconds < 60 ? `${seconds} s` : `${seconds / 60} min`),
  slowModeNotice: (seconds) => `Slow mode: one message every ${seconds} s.`,
  role: { host: 'Host', moderator: 'Moderator', audience: '' },
  actionsFor: (name) => `Message from ${name}`,
  messageName: ({ author, role, time, text, replyTo }) =>
    [
      role ? `${author} (${role})` : author,
      replyTo === undefined ? '' : `reply to ${replyTo}`,
      time,
    ]
      .filter(Boolean)
      .join(', ') + `: ${text}`,
};

/** `4:00`, `59:59`, `26:03:00`: a wait as a clock, as chat apps show it. */
function clockText(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
