/** quiz (`ROOM/quiz`): the contract of PROTOCOL.md, Features and "Quiz". */

/** `idle` after `load`, `question` while answers are open, `revealed` after it, `ended` at the end. */
export type QuizPhase = 'idle' | 'question' | 'revealed' | 'ended';

/** The relay's limits on a quiz. Text is counted in code points after trimming. */
export const QUIZ_LIMITS = {
  /** Questions in one `load`. */
  questions: { min: 1, max: 100 },
  /** A question's text. */
  text: { min: 1, max: 300 },
  /** Options per question. */
  options: { min: 2, max: 10 },
  /** One option. */
  option: { min: 1, max: 100 },
  timeLimitMs: { min: 1_000, max: 600_000 },
  points: { min: 0, max: 10_000 },
  /** Points of a question that names none. */
  defaultPoints: 1_000,
  /** `next {leadInMs}` at most. */
  leadInMs: 5_000,
} as const;

/** A question as the host writes it: `correct` is the 0-based index of the right option. */
export interface QuizQuestionInput {
  text: string;
  options: string[];
  correct: number;
  timeLimitMs: number;
  /** Points for a correct answer (default 1 000). */
  points?: number;
}

/** A loaded question with its answer, as the relay keeps it (hosts only). */
export interface QuizQuestion extends QuizQuestionInput {
  points: number;
}

/** The question everyone sees: no `correct`. Times are relay time in ms. */
export interface QuizQuestionView {
  /** 0-based. */
  index: number;
  /** Questions in the quiz. */
  count: number;
  text: string;
  options: string[];
  /** Doubled in accessible mode. */
  timeLimitMs: number;
  points: number;
  /** Answers open (after the host's lead-in). Absent for a revealed question from a snapshot. */
  startsAt?: number;
  /** Answers close (the relay adds a short grace for transit). Absent as `startsAt` is. */
  endsAt?: number;
}

/** A revealed question: the right option and how many picked each one. */
export interface QuizResult {
  index: number;
  correct: number;
  counts: number[];
}

export interface QuizRanking {
  userId: string;
  name: string;
  score: number;
  /** Equal scores share a rank (1, 1, 3). */
  rank: number;
}

export interface QuizLeaderboard {
  /** The best players (ten by default), best first. */
  top: QuizRanking[];
  /** How many answered at least once. */
  players: number;
  /** True at the end of the quiz. */
  final?: boolean;
}

/** An answer: the question's index and the chosen option's index. */
export interface QuizAnswer {
  index: number;
  choice: number;
}

/** My standing, as of the last reveal (`me`). */
export interface QuizMe {
  score: number;
  /** Null before my first reveal. */
  rank: number | null;
  lastCorrect: boolean;
  lastPoints: number;
  /** Correct answers in a row, as of the last reveal (0 after a wrong or missing one). */
  streak: number;
  /** My answer to the current question, if any. */
  answered?: QuizAnswer;
}

/** The relay's `ok.snapshot` for `ROOM/quiz`. */
export interface QuizSnapshot {
  phase: QuizPhase;
  index: number;
  count: number;
  accessible: boolean;
  signedInOnly: boolean;
  question: QuizQuestionView | null;
  startsAt?: number;
  endsAt?: number;
  result: QuizResult | null;
  leaderboard: QuizLeaderboard | null;
  answered: number;
  /** Hosts only. */
  questions?: QuizQuestion[];
}

/** Op type → the `data` a client sends. */
export interface QuizOps {
  load: { questions: QuizQuestionInput[]; accessible?: boolean; signedInOnly?: boolean };
  next: { leadInMs?: number };
  reveal: Record<string, never>;
  end: Record<string, never>;
  settings: { accessible: boolean };
  answer: QuizAnswer;
}

/** Op type → the ack's `data`. */
export interface QuizAcks {
  load: { count: number };
}

/** Ev type → its `data`. */
export interface QuizEvents {
  loaded: { count: number; accessible: boolean; signedInOnly?: true };
  question: Required<QuizQuestionView>;
  answered: { index: number; count: number };
  result: QuizResult;
  leaderboard: QuizLeaderboard;
  settings: { accessible: boolean };
}
