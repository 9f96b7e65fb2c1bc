import type { LeaderboardStrings } from '../../elements/internal/leaderboard.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

export default {
  loading: 'Chargement du classement…',
  title: 'Classement',
  finalTitle: 'Classement final',
  empty: 'Aucun score pour l’instant',
  rank: 'Rang',
  player: 'Joueur',
  points: 'Points',
  you: '(vous)',
  tied: 'ex æquo',
  players: (count, n) =>
    `${count} ${plural('fr', n, { one: 'joueur', many: 'de joueurs', other: 'joueurs' })}`,
} satisfies LocaleBundle<LeaderboardStrings>;
