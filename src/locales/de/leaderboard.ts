import type { LeaderboardStrings } from '../../elements/internal/leaderboard.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

export default {
  loading: 'Bestenliste wird geladen…',
  title: 'Bestenliste',
  finalTitle: 'Endstand',
  empty: 'Noch keine Punkte',
  rank: 'Platz',
  player: 'Spieler',
  points: 'Punkte',
  you: '(du)',
  tied: 'gleichauf',
  players: (count, n) => `${count} ${plural('de', n, { one: 'Spieler', other: 'Spieler' })}`,
} satisfies LocaleBundle<LeaderboardStrings>;
