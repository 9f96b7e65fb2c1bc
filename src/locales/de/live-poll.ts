import type { PollResultStrings } from '../../elements/internal/poll-charts.strings.js';
import type { PollStrings } from '../../elements/live-poll/live-poll.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

/** The results' texts come from the `poll-charts` bundle. */
type Own = Omit<PollStrings, keyof PollResultStrings>;

export default {
  loading: 'Umfrage wird geladen…',
  empty: 'Gerade keine Umfrage',
  live: 'Live-Umfrage',
  newPoll: (question) => `Neue Umfrage: ${question}`,
  closed: 'Umfrage beendet',
  offline: 'Offline. Abstimmen ist pausiert; die Ergebnisse sind eventuell nicht aktuell.',
  reconnecting: 'Verbindung wird wiederhergestellt… Abstimmen ist pausiert.',
  disconnected: 'Getrennt. Abstimmen ist nicht möglich.',
  vote: 'Abstimmen',
  update: 'Stimme ändern',
  cancel: 'Abbrechen',
  wordPlaceholder: 'Ein Wort oder ein paar…',
  counter: (length, max) => `${length} / ${max}`,
  tooLong: (max) => `Höchstens ${max} Zeichen.`,
  pickAny: 'Wähle eine oder mehrere.',
  yourAnswer: 'Deine Antwort:',
  change: 'Ändern',
  hiddenUntilClose: 'Die Ergebnisse erscheinen, wenn die Umfrage endet.',
  hiddenFromAudience: 'Für das Publikum verborgen, bis die Umfrage endet.',
  voteToSee: 'Stimme ab, um die Ergebnisse zu sehen.',
  errorClosed: 'Diese Umfrage ist beendet: Deine Stimme wurde nicht gezählt.',
  errorNoWords:
    'Nutze mindestens ein Wort mit 3 oder mehr Buchstaben (sehr häufige Wörter zählen nicht).',
  voteFailed: (message) => `Deine Stimme wurde nicht gezählt: ${message}`,
  answerPlaceholder: 'Deine Antwort…',
  send: 'Senden',
  answerToSee: 'Sende eine Antwort, um die der anderen zu sehen.',
  yourAnswers: 'Deine Antworten',
  answersGiven: (given, max) =>
    plural('de', max, {
      one: `${given} von ${max} Antwort gegeben`,
      other: `${given} von ${max} Antworten gegeben`,
    }),
  answerStatus: { pending: 'Wartet auf Prüfung', hidden: 'Vom Host verborgen', shown: '' },
  answerSent: 'Antwort gesendet.',
  rankHelp:
    'Zieh die Optionen in deine Reihenfolge oder nutze die Schaltflächen nach oben und unten. ' +
    'Mit der Tastatur: Leertaste nimmt eine Option auf, die Pfeiltasten verschieben sie, ' +
    'Leertaste legt sie ab, Escape bricht ab.',
  rankHandle: 'sortierbare Option',
  rankItem: (option, position, count) => `${option}, Platz ${position} von ${count}`,
  rankGrabbed: (option, position, count) =>
    `${option} aufgenommen, Platz ${position} von ${count}. Mit den Pfeiltasten verschieben.`,
  rankMoved: (option, position, count) =>
    `${option} auf Platz ${position} von ${count} verschoben.`,
  rankDropped: (option, position, count) =>
    `${option} auf Platz ${position} von ${count} abgelegt.`,
  rankCancelled: (option, position) =>
    `Verschieben abgebrochen. ${option} ist wieder auf Platz ${position}.`,
  moveUp: (option) => `${option} nach oben`,
  moveDown: (option) => `${option} nach unten`,
} satisfies LocaleBundle<Own>;
