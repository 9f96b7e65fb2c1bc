/**
 * Every piece of text `<live-leaderboard>` shows. The board's texts live in `internal/` because
 * `<live-quiz-host>` shows the same board and takes the same texts in its `strings`; the
 * connection banner's are the leaderboard's own.
 */
import {
  defaultLeaderboardStrings,
  type LeaderboardStrings,
} from '../internal/leaderboard.strings.js';
import type { ConnectionStrings } from '../internal/strings.js';

export { defaultLeaderboardStrings, type LeaderboardStrings };

/** The board's texts, and the banner while the connection is down. */
export interface LiveLeaderboardStrings extends LeaderboardStrings, ConnectionStrings {}

export const defaultLiveLeaderboardStrings: LiveLeaderboardStrings = {
  ...defaultLeaderboardStrings,
  offline: 'You are offline. The leaderboard may be out of date.',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected.',
};
