import type { LeaderboardStrings } from '../../elements/internal/leaderboard.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

export default {
  loading: 'Cargando clasificación…',
  title: 'Clasificación',
  finalTitle: 'Clasificación final',
  empty: 'Aún no hay puntuaciones',
  rank: 'Puesto',
  player: 'Jugador',
  points: 'Puntos',
  you: '(tú)',
  tied: 'empate',
  players: (count, n) => `${count} ${plural('es', n, { one: 'jugador', other: 'jugadores' })}`,
} satisfies LocaleBundle<LeaderboardStrings>;
