/**
 * Every piece of text `<live-leaderboard>` shows. They live in `internal/` because
 * `<live-quiz-host>` shows the same board and takes the same texts in its `strings`.
 */
export {
  defaultLeaderboardStrings,
  type LeaderboardStrings,
} from '../internal/leaderboard.strings.js';
