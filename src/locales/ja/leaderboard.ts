import type { LeaderboardStrings } from '../../elements/internal/leaderboard.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  loading: 'ランキングを読み込み中…',
  title: 'ランキング',
  finalTitle: '最終ランキング',
  empty: 'まだスコアはありません',
  rank: '順位',
  player: 'プレイヤー',
  points: 'ポイント',
  you: '（あなた）',
  tied: '同順位',
  players: (count) => `${count} 人が参加`,
} satisfies LocaleBundle<LeaderboardStrings>;
