/**
 * Every piece of text `<live-qa>` shows. Replace some or all of them through the element's
 * `strings` property to translate the widget.
 */
import { refusedText } from '../internal/refused.js';
import type { StateStrings, ConnectionStrings } from '../internal/strings.js';

export interface QaStrings extends StateStrings, ConnectionStrings {
  /** Accessible name of the question list. */
  list: string;
  empty: string;
  /** Label of the text area. */
  inputLabel: string;
  placeholder: string;
  ask: string;
  askAnonymously: string;
  /** Length counter, e.g. `42 / 300`. */
  counter: (length: number, max: number) => string;
  tooLong: (max: number) => string;
  /** Accessible name of the sort buttons' group. */
  sortLabel: string;
  /** Sort by votes. */
  top: string;
  /** Sort by time, newest first. */
  recent: string;
  /** Heading of the pinned question. */
  answeringNow: string;
  /** Summary of the collapsed answered section. */
  answered: (count: number) => string;
  /** The button at the end of a long list: `count` more questions, `page` of them at a press. */
  showMore: (page: number, count: number) => string;
  anonymous: string;
  /** Marks the viewer's own questions. */
  you: (name: string) => string;
  /** Visible vote count. */
  votes: (count: number) => string;
  /** The vote count for screen readers, where there is no upvote button. */
  votesLabel: (count: number) => string;
  /** Accessible name of the upvote toggle. */
  upvote: (count: number) => string;
  justNow: string;
  minutesAgo: (minutes: number) => string;
  hoursAgo: (hours: number) => string;
  /** The viewer's question on its way (maybe waiting for the connection). */
  sending: string;
  awaitingApproval: string;
  notApproved: string;
  hidden: string;
  /** Host actions. */
  pin: string;
  markAnswered: string;
  hide: string;
  approve: string;
  reject: string;
  /** Accessible name of one question's host actions. */
  actionsFor: (asker: string) => string;
  moderation: string;
  holdForApproval: string;
  queue: (count: number) => string;
  /** The queue shows the oldest `shown` of `count`. */
  queueMore: (shown: number, count: number) => string;
  queueEmpty: string;
  /** Announced when the viewer's question went out. */
  asked: string;
  askedPending: string;
  /** Refusals: asking too fast, with the seconds left. */
  rateLimited: (seconds: number) => string;
  invalid: (message: string) => string;
  notFound: string;
  failed: (message: string) => string;
}

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

export const defaultQaStrings: QaStrings = {
  list: 'Questions',
  loading: 'Loading questions…',
  refused: refusedText,
  empty: 'No questions yet. Ask the first one!',
  offline: 'You are offline. Questions will be sent when the connection is back.',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected from Q&A.',
  inputLabel: 'Your question',
  placeholder: 'Ask a question…',
  ask: 'Ask',
  askAnonymously: 'Ask anonymously',
  counter: (length, max) => `${length} / ${max}`,
  tooLong: (max) => `Questions can be at most ${max} characters.`,
  sortLabel: 'Sort questions',
  top: 'Top',
  recent: 'Recent',
  answeringNow: 'Answering now',
  answered: (count) => `Answered (${count})`,
  showMore: (page, count) => `Show ${page} more (${count} not shown)`,
  anonymous: 'Anonymous',
  you: (name) => `${name} (you)`,
  votes: (count) => String(count),
  votesLabel: (count) => `${count} ${plural(count, 'vote', 'votes')}`,
  upvote: (count) => `Upvote, ${count} ${plural(count, 'vote', 'votes')}`,
  justNow: 'just now',
  minutesAgo: (minutes) => `${minutes} min ago`,
  hoursAgo: (hours) => `${hours} h ago`,
  sending: 'sending…',
  awaitingApproval: 'Awaiting approval',
  notApproved: 'Not approved',
  hidden: 'Hidden',
  pin: 'Answer now',
  markAnswered: 'Mark answered',
  hide: 'Hide',
  approve: 'Approve',
  reject: 'Reject',
  actionsFor: (asker) => `Question from ${asker}`,
  moderation: 'Moderation',
  holdForApproval: 'Hold questions for approval',
  queue: (count) => `${count} waiting for approval`,
  queueMore: (shown, count) => `Showing the oldest ${shown} of ${count}.`,
  queueEmpty: 'No questions waiting.',
  asked: 'Question sent.',
  askedPending: 'Question sent. It will be shown once a host approves it.',
  rateLimited: (seconds) => `You are asking too fast. Try again in ${seconds} s.`,
  invalid: (message) => `Not accepted: ${message}`,
  notFound: 'This question is no longer available.',
  failed: (message) => `That did not work: ${message}`,
};
