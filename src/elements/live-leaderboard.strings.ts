/**
 * Every piece of text `<live-leaderboard>` shows (and `<live-quiz-host>` reuses for its board).
 * Replace some or all of them through the element's `strings` property to translate it. Numbers
 * arrive formatted for the page's language (`lang`), with the raw value for plurals.
 */
import type { ErrorCode } from '../protocol/index.js';
import { refusedText } from './refused.js';

export interface LeaderboardStrings {
  loading: string;
  /**
   * Instead of the widget when the relay refused its channel or dropped it (e.g. the room became
   * signed-in only), from the relay's message and code.
   */
  refused: (message: string, code: ErrorCode) => string;
  /** Heading while the quiz runs. */
  title: string;
  /** Heading once the quiz has ended. */
  finalTitle: string;
  empty: string;
  /** Column headers. */
  rank: string;
  player: string;
  points: string;
  /** After my own name. */
  you: string;
  /** Read after a rank shared with another player (not shown). */
  tied: string;
  /** How many played, e.g. `1,234 players`. */
  players: (count: string, n: number) => string;
}

export const defaultLeaderboardStrings: LeaderboardStrings = {
  loading: 'Loading leaderboard…',
  refused: refusedText,
  title: 'Leaderboard',
  finalTitle: 'Final leaderboard',
  empty: 'No scores yet',
  rank: 'Rank',
  player: 'Player',
  points: 'Points',
  you: '(you)',
  tied: 'tied',
  players: (count, n) => `${count} ${n === 1 ? 'player' : 'players'}`,
};
