/**
 * Every piece of text `<live-quiz-host>` shows, its leaderboard's included. Replace some or all
 * of them through the element's `strings` property to translate the widget.
 */
import type { QuizPhase } from '../../features/quiz.js';
import {
  defaultLeaderboardStrings,
  type LeaderboardStrings,
} from '../internal/leaderboard.strings.js';
import type { ConnectionStrings } from '../internal/strings.js';

export interface QuizHostStrings
  extends LeaderboardStrings, Pick<ConnectionStrings, 'unreachable'> {
  hostsOnly: string;
  offline: string;
  /** Heading of the controls that run the quiz. */
  run: string;
  /** The phase, in words. */
  phase: Record<QuizPhase, string>;
  noQuiz: string;
  /** `10 questions loaded`. */
  loadedCount: (n: number) => string;
  progress: (number: number, count: number) => string;
  answered: (count: string, n: number) => string;
  secondsLeft: (seconds: number) => string;
  /** The open question's answer, for the host's eyes: `Answer: B · Paris`. */
  answerIs: (letter: string, option: string) => string;
  letter: (index: number) => string;
  accessible: string;
  accessibleHint: string;
  leadIn: string;
  start: string;
  next: string;
  /** `next` after the last question: it ends the quiz. */
  finish: string;
  reveal: string;
  end: string;
  /** Heading of the part that prepares questions. */
  prepare: string;
  file: string;
  fileHint: string;
  fileRead: (n: number, name: string) => string;
  fileErrors: (name: string) => string;
  noDrafts: string;
  /** Accessible name of the list of questions to load. */
  drafts: string;
  /** A question in the list: `4 answers · 20 s · 1,000 pts`. */
  summary: (options: number, seconds: number, points: string) => string;
  edit: string;
  remove: string;
  clear: string;
  loadQuiz: (n: number) => string;
  /** Loading starts a new game: scores are cleared. */
  loadHint: string;
  newQuestion: string;
  editQuestion: (number: number) => string;
  questionText: string;
  answers: string;
  optionLabel: (letter: string) => string;
  correct: string;
  addOption: string;
  removeOption: (letter: string) => string;
  seconds: string;
  points: string;
  addQuestion: string;
  saveQuestion: string;
  cancel: string;
  textRequired: string;
  textTooLong: (max: number) => string;
  optionRequired: string;
  optionTooLong: (max: number) => string;
  correctRequired: string;
  secondsRange: (min: number, max: number) => string;
  pointsRange: (min: number, max: number) => string;
  /** The relay refused an op. */
  failed: (message: string) => string;
  /** Load refused as larger than one frame (`too_large`), though every question is valid. */
  tooLarge: string;
}

export const defaultQuizHostStrings: QuizHostStrings = {
  ...defaultLeaderboardStrings,
  loading: 'Loading quiz…',
  hostsOnly: 'Only hosts can run the quiz',
  offline: 'Offline: the controls are paused until the connection is back.',
  run: 'Run the quiz',
  phase: {
    idle: 'Waiting to start',
    question: 'Question open',
    revealed: 'Answer revealed',
    ended: 'Quiz ended',
  },
  noQuiz: 'No quiz loaded',
  loadedCount: (n) => `${n} ${n === 1 ? 'question' : 'questions'} loaded`,
  progress: (number, count) => `Question ${number} of ${count}`,
  answered: (count) => `${count} answered`,
  secondsLeft: (seconds) => `${seconds} s left`,
  answerIs: (letter, option) => `Answer: ${letter} · ${option}`,
  letter: (index) => String.fromCharCode(65 + index),
  accessible: 'Accessible mode',
  accessibleHint: 'Doubles every time limit; no points for speed.',
  leadIn: 'Lead-in (seconds)',
  start: 'Start quiz',
  next: 'Next question',
  finish: 'Show final results',
  reveal: 'Reveal answer',
  end: 'End quiz',
  prepare: 'Questions',
  file: 'Quiz file (JSON)',
  fileHint: 'An array of {text, options, correct, timeLimitMs, points?}; correct counts from 0.',
  fileRead: (n, name) => `${n} ${n === 1 ? 'question' : 'questions'} read from ${name}.`,
  fileErrors: (name) => `${name} cannot be loaded:`,
  noDrafts: 'No questions yet: choose a file or add them below.',
  drafts: 'Questions to load',
  summary: (options, seconds, points) => `${options} answers · ${seconds} s · ${points} pts`,
  edit: 'Edit',
  remove: 'Remove',
  clear: 'Clear all',
  loadQuiz: (n) => `Load quiz (${n} ${n === 1 ? 'question' : 'questions'})`,
  loadHint: 'Loading starts a new game: scores are cleared.',
  newQuestion: 'New question',
  editQuestion: (number) => `Question ${number}`,
  questionText: 'Question',
  answers: 'Answers (mark the correct one)',
  optionLabel: (letter) => `Answer ${letter}`,
  correct: 'Correct',
  addOption: 'Add answer',
  removeOption: (letter) => `Remove answer ${letter}`,
  seconds: 'Time limit (seconds)',
  points: 'Points',
  addQuestion: 'Add question',
  saveQuestion: 'Save question',
  cancel: 'Cancel',
  textRequired: 'Enter the question.',
  textTooLong: (max) => `A question can be at most ${max} characters.`,
  optionRequired: 'Enter this answer.',
  optionTooLong: (max) => `An answer can be at most ${max} characters.`,
  correctRequired: 'Mark the correct answer.',
  secondsRange: (min, max) => `From ${min} to ${max} seconds.`,
  pointsRange: (min, max) => `A whole number from ${min} to ${max}.`,
  failed: (message) => `Not done: ${message}`,
  tooLarge: 'This quiz is too large to load at once. Remove some questions or shorten them.',
};
