import type { PollResultStrings } from '../../elements/internal/poll-charts.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

export default {
  results: 'Resultados',
  result: (percent, votes, count) =>
    `${percent} · ${votes} ${plural('es', count, { one: 'voto', other: 'votos' })}`,
  voters: (voters, count) =>
    `${voters} ${plural('es', count, { one: 'participante', other: 'participantes' })}`,
  mine: 'Tu respuesta',
  pie: 'Gráfico de resultados',
  noVotes: 'Aún no hay votos',
  rankResult: (position, points, count) =>
    `Posición media ${position} · ${points} ${plural('es', count, { one: 'punto', other: 'puntos' })}`,
  answerCount: (count, value) => (value > 1 ? `× ${count}` : ''),
  newestAnswers: 'Respuestas más recientes',
  topAnswers: 'Respuestas más repetidas',
  noAnswers: 'Aún no hay respuestas',
} satisfies LocaleBundle<PollResultStrings>;
