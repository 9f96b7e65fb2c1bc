/**
 * Every piece of text `<live-quiz>` shows or announces. Replace some or all of them through the
 * element's `strings` property to translate the widget. Numbers arrive already formatted for the
 * page's language (`lang`); the raw value comes along where plurals need it.
 */
import { refusedText } from '../internal/refused.js';
import type { ConnectionStrings, StateStrings } from '../internal/strings.js';

export interface QuizStrings extends StateStrings, Pick<ConnectionStrings, 'unreachable'> {
  /** Before the first question. */
  waiting: string;
  /** Under `waiting` once a quiz is loaded, e.g. `10 questions`. */
  questionCount: (count: string, n: number) => string;
  /** `Question 2 of 10`. */
  progress: (number: number, count: number) => string;
  /** A question's points: `Up to 1,000 pts` (speed counts) or `1,000 pts` (accessible mode). */
  pointsUpTo: (points: string) => string;
  pointsFlat: (points: string) => string;
  /** During the host's lead-in, before answers open. */
  getReady: string;
  /** The lead-in's seconds, after `getReady`. */
  opensIn: (seconds: number) => string;
  /** Accessible name of the countdown. */
  timeLeft: string;
  /** The countdown's visible text. */
  seconds: (seconds: number) => string;
  timeUp: string;
  /** Under the question in normal mode. */
  speedHint: string;
  /** Under the question in accessible mode: no hurry, speed does not count. */
  calmHint: string;
  /** Accessible name of the answer buttons' group. */
  answers: string;
  /** The letter of option `index` (0-based). */
  letter: (index: number) => string;
  lockedIn: (letter: string) => string;
  waitingForOthers: string;
  sending: string;
  /** Locked in while offline: the answer leaves when the connection is back. */
  sendWhenBack: string;
  /** Marks on the options after the reveal. */
  correctMark: string;
  yourAnswerMark: string;
  /** How many picked an option, e.g. `12 answers`. */
  answerCount: (count: string, n: number) => string;
  correct: string;
  wrong: string;
  noAnswer: string;
  /** After a wrong or missing answer. */
  theAnswerWas: (letter: string, option: string) => string;
  /** Points won at the reveal, e.g. `+850`. */
  pointsWon: (points: string) => string;
  /** My standing: `You: 2,300 pts · #4`; `rank` is null before my first reveal. */
  standing: (score: string, rank: number | null) => string;
  /** Beside the standing from two correct answers in a row: `3 in a row`. */
  streak: (count: string, n: number) => string;
  /** Heading of the end screen. */
  finalResults: string;
  /** Accessible name of the podium. */
  podium: string;
  /** A podium step: `2,300 pts`. */
  podiumScore: (score: string) => string;
  /** A rank as shown on the podium and read out: `#1`. */
  rank: (rank: number) => string;
  /** At the end, for a viewer who never answered. */
  notPlayed: string;
  noScores: string;
  offline: string;
  reconnecting: string;
  disconnected: string;
  /** Why an answer was refused. */
  errorTooLate: string;
  errorConflict: string;
  errorNotOpen: string;
  answerFailed: (message: string) => string;
  /** Screen-reader announcements. */
  announceQuestion: (progress: string, text: string, options: number) => string;
  announceWarning: (seconds: number) => string;
  announceLocked: (letter: string, option: string) => string;
  announceResult: (outcome: string, standing: string) => string;
  announceEnd: (standing: string) => string;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export const defaultQuizStrings: QuizStrings = {
  loading: 'Loading quiz…',
  refused: refusedText,
  waiting: 'The quiz starts soon',
  questionCount: (count, n) => `${count} ${plural(n, 'question', 'questions')}`,
  progress: (number, count) => `Question ${number} of ${count}`,
  pointsUpTo: (points) => `Up to ${points} pts`,
  pointsFlat: (points) => `${points} pts`,
  getReady: 'Get ready…',
  opensIn: (seconds) => `Answers open in ${seconds} s`,
  timeLeft: 'Time left',
  seconds: (seconds) => `${seconds} s`,
  timeUp: "Time's up",
  speedHint: 'Answer fast: quicker answers score more.',
  calmHint: 'Take your time.',
  answers: 'Answers',
  letter: (index) => String.fromCharCode(65 + index),
  lockedIn: (letter) => `Locked in: ${letter}`,
  waitingForOthers: 'Waiting for the others…',
  sending: 'Sending…',
  sendWhenBack: 'Your answer will be sent when the connection is back.',
  correctMark: 'Correct answer',
  yourAnswerMark: 'Your answer',
  answerCount: (count, n) => `${count} ${plural(n, 'answer', 'answers')}`,
  correct: 'Correct!',
  wrong: 'Wrong.',
  noAnswer: 'No answer.',
  theAnswerWas: (letter, option) => `The answer was ${letter}: ${option}`,
  pointsWon: (points) => `+${points}`,
  standing: (score, rank) => (rank === null ? `You: ${score} pts` : `You: ${score} pts · #${rank}`),
  streak: (count) => `${count} in a row`,
  finalResults: 'Final results',
  podium: 'Top players',
  podiumScore: (score) => `${score} pts`,
  rank: (rank) => `#${rank}`,
  notPlayed: 'You did not answer any question.',
  noScores: 'No scores yet',
  offline: 'You are offline. Answering is paused until the connection is back.',
  reconnecting: 'Reconnecting… Answering is paused.',
  disconnected: 'Disconnected. Answering is not available.',
  errorTooLate: 'Too late: time was up, your answer was not counted.',
  errorConflict: 'You already answered this question.',
  errorNotOpen: 'Answers are not open yet.',
  answerFailed: (message) => `Your answer was not counted: ${message}`,
  announceQuestion: (progress, text, options) => `${progress}: ${text} ${options} answers.`,
  announceWarning: (seconds) => `${seconds} seconds left.`,
  announceLocked: (letter, option) => `Locked in: ${letter}, ${option}.`,
  announceResult: (outcome, standing) => `${outcome} ${standing}`,
  announceEnd: (standing) => `The quiz is over. ${standing}`,
};
