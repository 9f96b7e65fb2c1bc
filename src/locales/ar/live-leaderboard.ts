/**
 * `<live-leaderboard>` shows the same board as `<live-quiz-host>` (one bundle for both), and a
 * banner of its own while offline (reconnecting and closed come from the `connection` bundle).
 */
import type { LiveLeaderboardStrings } from '../../elements/live-leaderboard/live-leaderboard.strings.js';
import type { LocaleBundle } from '../types.js';
import board from './leaderboard.js';

export default {
  ...board,
  offline: 'أنت غير متصل. قد لا تكون لوحة الصدارة محدّثة.',
} satisfies LocaleBundle<LiveLeaderboardStrings>;
