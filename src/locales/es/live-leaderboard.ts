/**
 * `<live-leaderboard>` shows the same board as `<live-quiz-host>` (one bundle for both), and a
 * banner of its own while offline (reconnecting and closed come from the `connection` bundle).
 */
import type { LiveLeaderboardStrings } from '../../elements/live-leaderboard/live-leaderboard.strings.js';
import type { LocaleBundle } from '../types.js';
import board from './leaderboard.js';

export default {
  ...board,
  offline: 'Sin conexión. La clasificación puede no estar al día.',
} satisfies LocaleBundle<LiveLeaderboardStrings>;
