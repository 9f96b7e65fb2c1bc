/**
 * Every piece of text `<live-poll-editor>` shows. Replace some or all of them through the
 * element's `strings` property to translate the widget.
 */
import type { PollKind, PollStatus } from '../features/poll.js';
import { defaultPollResultStrings, type PollResultStrings } from './live-poll.strings.js';
import type { ErrorCode } from '../protocol/index.js';
import { refusedText } from './refused.js';

export interface PollEditorStrings extends PollResultStrings {
  loading: string;
  /**
   * Instead of the widget when the relay refused its channel or dropped it (e.g. a token that does
   * not grant the room), from the relay's message and code.
   */
  refused: (message: string, code: ErrorCode) => string;
  /** Shown instead of the editor to viewers who are not hosts or moderators. */
  hostsOnly: string;
  offline: string;
  /** Accessible name of the form. */
  newPoll: string;
  question: string;
  /** Length counter, e.g. `12 / 200`. */
  counter: (length: number, max: number) => string;
  kind: string;
  kinds: Record<PollKind, string>;
  options: string;
  /** The options' legend for a rating poll. */
  scale: string;
  /** Accessible name of option `n` (from 1). */
  option: (n: number) => string;
  removeOption: (n: number) => string;
  addOption: string;
  hideResults: string;
  blockedTerms: string;
  blockedTermsHint: string;
  create: string;
  created: string;
  questionRequired: string;
  questionTooLong: (max: number) => string;
  optionRequired: string;
  optionTooLong: (max: number) => string;
  optionsTooMany: (max: number) => string;
  blockedTermTooLong: (max: number) => string;
  blockedTermsTooMany: (max: number) => string;
  /** Accessible name of the list of polls. */
  polls: string;
  noPolls: string;
  status: Record<PollStatus, string>;
  /** Marks a poll whose results the audience sees only at close. */
  hidden: string;
  open: string;
  reopen: string;
  close: string;
  /** A refused op, with the relay's message. */
  failed: (message: string) => string;
}

export const defaultPollEditorStrings: PollEditorStrings = {
  ...defaultPollResultStrings,
  loading: 'Loading polls…',
  refused: refusedText,
  hostsOnly: 'Only hosts can run polls.',
  offline: 'You are offline. Changes will be sent when the connection is back.',
  newPoll: 'New poll',
  question: 'Question',
  counter: (length, max) => `${length} / ${max}`,
  kind: 'Kind',
  kinds: {
    single: 'Single choice',
    multi: 'Multiple choice',
    rating: 'Rating',
    wordcloud: 'Word cloud',
  },
  options: 'Options',
  scale: 'Scale, lowest first',
  option: (n) => `Option ${n}`,
  removeOption: (n) => `Remove option ${n}`,
  addOption: 'Add option',
  hideResults: 'Hide results from the audience until the poll closes',
  blockedTerms: 'Blocked terms',
  blockedTermsHint: 'One per line. Words containing them are left out of the cloud.',
  create: 'Create poll',
  created: 'Poll created as a draft. Open it from the list.',
  questionRequired: 'Enter a question.',
  questionTooLong: (max) => `The question can be at most ${max} characters.`,
  optionRequired: 'Enter a text for this option, or remove it.',
  optionTooLong: (max) => `An option can be at most ${max} characters.`,
  optionsTooMany: (max) => `A poll can have at most ${max} options.`,
  blockedTermTooLong: (max) => `Each blocked term can be at most ${max} characters.`,
  blockedTermsTooMany: (max) => `At most ${max} blocked terms.`,
  polls: 'Polls in this room',
  noPolls: 'No polls yet.',
  status: { draft: 'Draft', open: 'Open', closed: 'Closed' },
  hidden: 'Results hidden from the audience',
  open: 'Open',
  reopen: 'Reopen',
  close: 'Close',
  failed: (message) => `Not done: ${message}`,
};
