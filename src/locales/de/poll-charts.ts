import type { PollResultStrings } from '../../elements/internal/poll-charts.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

export default {
  results: 'Ergebnisse',
  result: (percent, votes, count) =>
    `${percent} · ${votes} ${plural('de', count, { one: 'Stimme', other: 'Stimmen' })}`,
  voters: (voters, count) =>
    `${voters} ${plural('de', count, { one: 'Teilnehmer', other: 'Teilnehmende' })}`,
  mine: 'Deine Antwort',
  pie: 'Ergebnisdiagramm',
  noVotes: 'Noch keine Stimmen',
  rankResult: (position, points, count) =>
    `Durchschnittsplatz ${position} · ${points} ${plural('de', count, { one: 'Punkt', other: 'Punkte' })}`,
  answerCount: (count, value) => (value > 1 ? `× ${count}` : ''),
  newestAnswers: 'Neueste Antworten',
  topAnswers: 'Häufigste Antworten',
  noAnswers: 'Noch keine Antworten',
} satisfies LocaleBundle<PollResultStrings>;
