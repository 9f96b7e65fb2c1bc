import type { PollResultStrings } from '../../elements/internal/poll-charts.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

export default {
  results: 'Résultats',
  result: (percent, votes, count) =>
    `${percent} · ${votes} ${plural('fr', count, { one: 'vote', many: 'de votes', other: 'votes' })}`,
  voters: (voters, count) =>
    `${voters} ${plural('fr', count, { one: 'votant', many: 'de votants', other: 'votants' })}`,
  mine: 'Votre réponse',
  pie: 'Graphique des résultats',
  noVotes: 'Aucun vote pour l’instant',
  rankResult: (position, points, count) =>
    `Position moyenne ${position} · ${points} ${plural('fr', count, { one: 'point', many: 'de points', other: 'points' })}`,
  answerCount: (count, value) => (value > 1 ? `× ${count}` : ''),
  newestAnswers: 'Réponses les plus récentes',
  topAnswers: 'Réponses les plus fréquentes',
  noAnswers: 'Aucune réponse pour l’instant',
} satisfies LocaleBundle<PollResultStrings>;
