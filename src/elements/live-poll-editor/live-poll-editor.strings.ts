/**
 * Every piece of text `<live-poll-editor>` shows. Replace some or all of them through the
 * element's `strings` property to translate the widget.
 */
import type { PollKind, PollStatus } from '../../features/poll.js';
import {
  defaultPollResultStrings,
  type PollResultStrings,
} from '../internal/poll-charts.strings.js';
import { refusedText } from '../internal/refused.js';
import type { ConnectionStrings, StateStrings } from '../internal/strings.js';

export interface PollEditorStrings
  extends PollResultStrings, StateStrings, Pick<ConnectionStrings, 'unreachable'> {
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
  optionsTooFew: (min: number) => string;
  /** Open text: answers per viewer, its range, and the review option. */
  maxAnswers: string;
  maxAnswersRange: (max: number) => string;
  review: string;
  reviewHint: string;
  /** Marks a poll whose entries are reviewed. */
  reviewed: string;
  /** A reviewed poll: `n waiting for review`, and where staff decide them. */
  waiting: (count: string, value: number) => string;
  decideInReview: string;
  hide: string;
  /** The Hide button's accessible name, naming the answer. */
  hideAnswer: (text: string) => string;
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
    opentext: 'Open text',
    ranking: 'Ranking',
  },
  options: 'Options',
  scale: 'Scale, lowest first',
  option: (n) => `Option ${n}`,
  removeOption: (n) => `Remove option ${n}`,
  addOption: 'Add option',
  hideResults: 'Hide results from the audience until the poll closes',
  blockedTerms: 'Blocked terms',
  blockedTermsHint:
    'One per line. Words containing them are left out of a cloud; answers containing them are refused.',
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
  optionsTooFew: (min) => `A ranking needs at least ${min} options.`,
  maxAnswers: 'Answers per person',
  maxAnswersRange: (max) => `From 1 to ${max}.`,
  review: 'Review answers before the audience sees them',
  reviewHint:
    'Answers wait in the Review queue until a host or moderator approves them; their authors see them meanwhile.',
  reviewed: 'answers reviewed',
  waiting: (count, value) => `${count} ${value === 1 ? 'answer waits' : 'answers wait'} for review`,
  decideInReview: 'Approve or reject them in the Review queue.',
  hide: 'Hide',
  hideAnswer: (text) => `Hide “${text}”`,
};
