/**
 * Every piece of text `<live-poll>` shows. Replace some or all of them through the element's
 * `strings` property to translate the widget. Numbers arrive already formatted for the page's
 * language (`lang`), with the raw value for plurals.
 */
import {
  defaultPollResultStrings,
  type PollResultStrings,
} from '../internal/poll-charts.strings.js';
import type { OpenTextStatus } from '../../protocol/index.js';
import { refusedText } from '../internal/refused.js';
import type { ConnectionStrings, StateStrings } from '../internal/strings.js';

export { defaultPollResultStrings, type PollResultStrings };

export interface PollStrings
  extends PollResultStrings, StateStrings, Pick<ConnectionStrings, 'unreachable'> {
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
  /** Open text: the input's placeholder, its button, and my answers. */
  answerPlaceholder: string;
  send: string;
  /** The audience of an open open-text poll before answering. */
  answerToSee: string;
  yourAnswers: string;
  /** E.g. `2 of 3 answers given`. */
  answersGiven: (given: number, max: number) => string;
  /**
   * Where one of my answers stands, beside it (a shown one has no mark; a rejected one leaves
   * the list).
   */
  answerStatus: Record<OpenTextStatus, string>;
  /** Announced when an answer is sent. */
  answerSent: string;
  /** Ranking: how to use the list, and each handle's description. */
  rankHelp: string;
  rankHandle: string;
  /** A handle's name, e.g. `Kyoto, position 2 of 4`. */
  rankItem: (option: string, position: number, count: number) => string;
  rankGrabbed: (option: string, position: number, count: number) => string;
  rankMoved: (option: string, position: number, count: number) => string;
  rankDropped: (option: string, position: number, count: number) => string;
  rankCancelled: (option: string, position: number, count: number) => string;
  moveUp: (option: string) => string;
  moveDown: (option: string) => string;
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
  answerPlaceholder: 'Your answer…',
  send: 'Send',
  answerToSee: 'Send an answer to see everyone’s.',
  yourAnswers: 'Your answers',
  answersGiven: (given, max) => `${given} of ${max} answers given`,
  answerStatus: {
    pending: 'Awaiting review',
    hidden: 'Hidden by the host',
    shown: '',
  },
  answerSent: 'Answer sent.',
  rankHelp:
    'Drag the options into your order, or use the up and down buttons. With the keyboard: ' +
    'Space picks an option up, the arrow keys move it, Space drops it, Escape cancels.',
  rankHandle: 'sortable option',
  rankItem: (option, position, count) => `${option}, position ${position} of ${count}`,
  rankGrabbed: (option, position, count) =>
    `Picked up ${option}, position ${position} of ${count}. Use the arrow keys to move it.`,
  rankMoved: (option, position, count) => `${option} moved to position ${position} of ${count}.`,
  rankDropped: (option, position, count) =>
    `${option} dropped at position ${position} of ${count}.`,
  rankCancelled: (option, position) => `Move cancelled. ${option} is back at position ${position}.`,
  moveUp: (option) => `Move ${option} up`,
  moveDown: (option) => `Move ${option} down`,
};
