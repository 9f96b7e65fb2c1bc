/**
 * Quiz states for the stories: a ten-question quiz, standings (ties, a crowd of 10,000), and the
 * quiz at each moment of a game, stored in the in-page relay as its quiz feature keeps them
 * (`quizRoom`). Times of an open question are relative to the moment the story renders, so its
 * countdown runs in a static story.
 */
import type {
  QuizLeaderboard,
  QuizMe,
  QuizPhase,
  QuizQuestion,
  QuizRanking,
  QuizResult,
} from '../../src/features/quiz.js';
import type { User } from '../../src/protocol/index.js';
import { people } from './chat-fixtures.js';
import { LoopbackRelay, type SocketHooks } from './loopback-relay.js';

/** The quiz as the relay holds it when the story starts. */
export interface QuizRecordedState {
  phase: QuizPhase;
  /** The current question, -1 before the first. */
  index: number;
  accessible: boolean;
  /** Every question with its answer (hosts see them). */
  questions: QuizQuestion[];
  /** Where the open question's clock stands when the story renders. */
  clock?: { elapsedMs?: number; leadInMs?: number };
  /** The revealed question's answers per option. */
  result: QuizResult | null;
  /** The leaderboard as of the last reveal; its `players` are all stored. */
  leaderboard: QuizLeaderboard | null;
  /** Answers to the open question. */
  answered: number;
  /** My standing (none: I have not played); my rank comes from the players stored. */
  me?: QuizMe;
  /** My answer to the current question. */
  myChoice?: number;
}

const question = (
  text: string,
  options: string[],
  correct: number,
  timeLimitMs = 60_000,
  points = 1_000,
): QuizQuestion => ({ text, options, correct, timeLimitMs, points });

export const questions: QuizQuestion[] = [
  question('Which planet is known as the red planet?', ['Venus', 'Mars', 'Jupiter', 'Mercury'], 1),
  question(
    'Which protocol keeps one connection open for messages both ways?',
    ['HTTP/1.0', 'FTP', 'WebSocket', 'SMTP'],
    2,
  ),
  question('How many bits are in a byte?', ['4', '8', '16', '32'], 1),
  question('Which of these is not a JavaScript framework?', ['Lit', 'Svelte', 'Redis', 'Vue'], 2),
  question('<b>Markup</b> & <i>tags</i> stay text: how many tags here?', ['2', '4', '0'], 1),
  question('What does CSS stand for?', ['Cascading Style Sheets', 'Computer Style Syntax'], 0),
  question('Which year did the first web page go online?', ['1985', '1991', '1999', '2001'], 1),
  question(
    'Which sorting algorithm is usually fastest on average?',
    ['Bubble', 'Quick', 'Insertion'],
    1,
  ),
  question('Which HTTP status means "Not Found"?', ['200', '301', '404', '500'], 2),
  question('Which element makes a button?', ['<div>', '<button>', '<span>', '<a>'], 1),
];

const ranking = (userId: string, name: string, score: number, rank: number): QuizRanking => ({
  userId,
  name,
  score,
  rank,
});

/** Standings after question 2, with me fourth. */
export const standings: QuizLeaderboard = {
  top: [
    ranking(people.ana.id, 'Ana', 3_650, 1),
    ranking(people.bo.id, 'Bo', 2_980, 2),
    ranking(people.chen.id, 'Chen', 2_410, 3),
    ranking(people.me.id, 'You', 2_300, 4),
    ranking(people.dara.id, 'Dara', 1_720, 5),
    ranking('anon-eli', 'Eli', 950, 6),
  ],
  players: 6,
};

/** Equal scores share a rank: 1, 1, 3, 3, 5. */
export const ties: QuizLeaderboard = {
  top: [
    ranking(people.ana.id, 'Ana', 2_300, 1),
    ranking(people.bo.id, 'Bo', 2_300, 1),
    ranking(people.chen.id, 'Chen', 1_900, 3),
    ranking(people.me.id, 'You', 1_900, 3),
    ranking(people.dara.id, 'Dara', 1_200, 5),
  ],
  players: 5,
};

export const final: QuizLeaderboard = { ...standings, final: true };

const names = ['Aiko', 'Ben', 'Chloé', 'Dmitri', 'Esra', 'Femi', 'Gabriel', 'Hana', 'Ines', 'Jun'];
const crowdScores = [12_480, 11_950, 11_950, 11_200, 10_875, 10_600, 10_410, 10_300, 9_990, 9_985];
const crowdRanks = [1, 2, 2, 4, 5, 6, 7, 8, 9, 10];

/** A crowd: the relay's top ten of 10,000 players, me far below (rank 4,212). */
export const crowd: QuizLeaderboard = {
  top: names.map((name, i) => ranking(`anon-${i}`, name, crowdScores[i], crowdRanks[i])),
  players: 10_000,
};

/** My standing in the crowd. */
export const crowdMe: QuizMe = {
  score: 3_120,
  rank: 4_212,
  lastCorrect: false,
  lastPoints: 0,
  streak: 0,
};

export const me = (fields: Partial<QuizMe> = {}): QuizMe => ({
  score: 2_300,
  rank: 4,
  lastCorrect: true,
  lastPoints: 850,
  streak: 1,
  ...fields,
});

const base: QuizRecordedState = {
  phase: 'idle',
  index: -1,
  accessible: false,
  questions,
  result: null,
  leaderboard: null,
  answered: 0,
};

/** Loaded, not started. */
export const waiting: QuizRecordedState = base;

/** Nothing loaded at all. */
export const empty: QuizRecordedState = { ...base, questions: [] };

/** Question 3 open for 8 s of its 60 s; me fourth after two questions. */
export const open: QuizRecordedState = {
  ...base,
  phase: 'question',
  index: 2,
  clock: { elapsedMs: 8_000 },
  leaderboard: standings,
  answered: 37,
  me: me(),
};

/** Question 3 announced, answers open in 5 s. */
export const leadIn: QuizRecordedState = { ...open, clock: { leadInMs: 5_000 }, answered: 0 };

/** I answered B. */
export const lockedIn: QuizRecordedState = { ...open, myChoice: 1 };

/** Question 3 revealed: B (8) was right. */
const revealed: QuizRecordedState = {
  ...open,
  phase: 'revealed',
  clock: undefined,
  result: { index: 2, correct: 1, counts: [3, 41, 6, 2] },
  answered: 52,
};

export const revealedRight: QuizRecordedState = {
  ...revealed,
  myChoice: 1,
  me: me({ score: 3_150, rank: 2, lastPoints: 850 }),
};

/** A third correct answer in a row: the standing shows the streak. */
export const revealedStreak: QuizRecordedState = {
  ...revealed,
  myChoice: 1,
  me: me({ score: 3_150, rank: 2, lastPoints: 1_050, streak: 3 }),
};

export const revealedWrong: QuizRecordedState = {
  ...revealed,
  myChoice: 3,
  me: me({ lastCorrect: false, lastPoints: 0, streak: 0 }),
};

export const ended: QuizRecordedState = {
  ...base,
  phase: 'ended',
  index: 9,
  leaderboard: final,
  me: me(),
};

/** Accessible mode: doubled time, 20 s of 120 s gone. */
export const accessible: QuizRecordedState = {
  ...open,
  accessible: true,
  clock: { elapsedMs: 20_000 },
};

/** The host's view mid-game: question 3 open, 37 answered. */
export const running: QuizRecordedState = { ...open, me: undefined };

/** A room whose quiz is at `state`, seen by `user` through `hooks`. */
export interface QuizRoom extends Omit<SocketHooks, 'user'> {
  user: User;
  state: QuizRecordedState;
}

/** Starts an in-page relay holding the room's quiz; returns its URL for `key`. */
export function quizRoom(key: string, { state, ...hooks }: QuizRoom): string {
  return seedQuiz(new LoopbackRelay(), state, hooks.user).url(`quiz-${key}`, hooks);
}

/**
 * Stores `state` in `relay`'s `ROOM/quiz` as the relay keeps a game: its progress and board,
 * every player (fillers put `player` at its rank among `leaderboard.players`), and the answers
 * to the current question (`result.counts`, or `answered` of them while it is open).
 */
export function seedQuiz(
  relay: LoopbackRelay,
  state: QuizRecordedState,
  player: User,
  ch = 'demo/quiz',
): LoopbackRelay {
  const game = 1;
  const factor = state.accessible ? 2 : 1;
  const startsAt = Date.now() - (state.clock?.elapsedMs ?? 0) + (state.clock?.leadInMs ?? 0);
  const limit = (state.questions[state.index]?.timeLimitMs ?? 0) * factor;
  const records: Record<string, unknown> = {
    progress: {
      questions: state.questions,
      accessible: state.accessible,
      phase: state.phase,
      index: state.index,
      startsAt,
      endsAt: startsAt + limit,
      game,
    },
    board: state.leaderboard ?? undefined,
  };
  let players = 0;
  const store = (userId: string, name: string, score: number, last?: QuizMe) => {
    const reachedAt = players++;
    records[`player:${game}:${userId}`] = {
      userId,
      name,
      score,
      streak: last?.streak ?? 0,
      lastCorrect: last?.lastCorrect ?? false,
      lastPoints: last?.lastPoints ?? 0,
      reachedAt,
    };
  };
  const others = (state.leaderboard?.top ?? []).filter((row) => row.userId !== player.id);
  for (const row of others) store(row.userId, row.name, row.score);
  if (state.me) {
    const mine = state.me;
    store(player.id, player.name, mine.score, mine);
    const above = others.filter((row) => row.score > mine.score).length;
    const fillers = (state.leaderboard?.players ?? 0) - others.length - 1;
    for (let i = 0; i < fillers; i++) {
      const score = i < (mine.rank ?? 1) - 1 - above ? mine.score + 1 : 0;
      store(`anon-player-${i}`, `Player ${i}`, score);
    }
  }
  const answer = (userId: string, choice: number) =>
    (records[`answer:${game}:${state.index}:${userId}`] = { choice, elapsed: 0, at: startsAt });
  const counts = [...(state.result?.counts ?? [state.answered])];
  if (state.myChoice !== undefined) {
    answer(player.id, state.myChoice);
    if (state.result) counts[state.myChoice]--;
    else counts[0]--;
  }
  let n = 0;
  counts.forEach((count, choice) => {
    for (let i = 0; i < count; i++) answer(`anon-answer-${n++}`, state.result ? choice : 0);
  });
  return relay.seed(ch, records);
}
