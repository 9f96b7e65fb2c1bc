/**
 * Every piece of text `<live-poll>` shows. Replace some or all of them through the element's
 * `strings` property to translate the widget. Numbers arrive already formatted for the page's
 * language (`lang`), with the raw value for plurals.
 */
import {
  defaultPollResultStrings,
  type PollResultStrings,
} from '../internal/poll-charts.strings.js';
import { refusedText } from '../internal/refused.js';
import type { StateStrings } from '../internal/strings.js';

export { defaultPollResultStrings, type PollResultStrings };

export interface PollStrings extends PollResultStrings, StateStrings {
  empty: string;
  /** Badge of an open poll (also announced when a poll is reopened). */
  live: string;
  /** Announced to screen readers when a poll opens while the page is read. */
  newPoll: (question: string) => string;
  closed: string;
  /** Voting is paused: no connection. */
  offline: string;
  reconnecting: string;
  disconnected: string;
  vote: string;
  /** Submit button of a vote being changed. */
  update: string;
  cancel: string;
  wordPlaceholder: string;
  /** Length counter of the word-cloud input, e.g. `12 / 40`. */
  counter: (length: number, max: number) => string;
  tooLong: (max: number) => string;
  /** Hint of a `multi` poll. */
  pickAny: string;
  /** Before "Your answer". */
  yourAnswer: string;
  change: string;
  /** The audience of a `hideResults` poll before it closes. */
  hiddenUntilClose: string;
  /** Hosts of a `hideResults` poll before it closes. */
  hiddenFromAudience: string;
  /** The audience of an open poll before voting (without `show-results-before-vote`). */
  voteToSee: string;
  /** A vote refused because the poll closed meanwhile. */
  errorClosed: string;
  /** A word-cloud answer with no word left after the relay's filtering. */
  errorNoWords: string;
  /** Any other refusal, with the relay's message. */
  voteFailed: (message: string) => string;
}

export const defaultPollStrings: PollStrings = {
  ...defaultPollResultStrings,
  loading: 'Loading poll…',
  refused: refusedText,
  empty: 'No poll right now',
  live: 'Live poll',
  newPoll: (question) => `New poll: ${question}`,
  closed: 'Poll closed',
  offline: 'You are offline. Voting is paused; results may be out of date.',
  reconnecting: 'Reconnecting… Voting is paused.',
  disconnected: 'Disconnected. Voting is not available.',
  vote: 'Vote',
  update: 'Update vote',
  cancel: 'Cancel',
  wordPlaceholder: 'A word or a few…',
  counter: (length, max) => `${length} / ${max}`,
  tooLong: (max) => `At most ${max} characters.`,
  pickAny: 'Choose one or more.',
  yourAnswer: 'Your answer:',
  change: 'Change',
  hiddenUntilClose: 'Results will be shown when the poll closes.',
  hiddenFromAudience: 'Hidden from the audience until the poll closes.',
  voteToSee: 'Vote to see the results.',
  errorClosed: 'This poll is closed: your vote was not counted.',
  errorNoWords: 'Use at least one word of 3 letters or more (very common words do not count).',
  voteFailed: (message) => `Your vote was not counted: ${message}`,
};
