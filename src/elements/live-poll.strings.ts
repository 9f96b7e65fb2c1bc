/**
 * Every piece of text `<live-poll>` shows. Replace some or all of them through the element's
 * `strings` property to translate the widget. Numbers arrive already formatted for the page's
 * language (`lang`), with the raw value for plurals.
 */
import type { ErrorCode } from '../protocol/index.js';
import { refusedText } from './refused.js';

/** Texts of the results (bars, pie, word cloud), shared with `<live-poll-editor>`. */
export interface PollResultStrings {
  /** Accessible name of the results list. */
  results: string;
  /** One option's result, e.g. `42% · 1,234 votes`. */
  result: (percent: number, votes: string, count: number) => string;
  /** Total voters, e.g. `1,234 voters`. */
  voters: (voters: string, count: number) => string;
  /** Marks the option the viewer chose. */
  mine: string;
  /** The pie chart's accessible name, followed by each option's result. */
  pie: string;
  /** A poll nobody voted in yet. */
  noVotes: string;
}

export interface PollStrings extends PollResultStrings {
  loading: string;
  /**
   * Instead of the widget when the relay refused its channel or dropped it (e.g. the room became
   * signed-in only), from the relay's message and code.
   */
  refused: (message: string, code: ErrorCode) => string;
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

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

export const defaultPollResultStrings: PollResultStrings = {
  results: 'Results',
  result: (percent, votes, count) => `${percent}% · ${votes} ${plural(count, 'vote', 'votes')}`,
  voters: (voters, count) => `${voters} ${plural(count, 'voter', 'voters')}`,
  mine: 'Your answer',
  pie: 'Results chart',
  noVotes: 'No votes yet',
};

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
