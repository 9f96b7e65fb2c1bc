/** German texts of `<live-quiz-host>` (its leaderboard's come from the `leaderboard` bundle). */
import type { QuizHostStrings } from '../../elements/live-quiz-host/live-quiz-host.strings.js';
import { plural } from '../plural.js';
import type { LeaderboardStrings } from '../../elements/internal/leaderboard.strings.js';
import type { LocaleBundle, SharedKey } from '../types.js';
import { tagFor } from '../format.js';

const lang = 'de';
const number = (value: number) => new Intl.NumberFormat(tagFor(lang)).format(value);
const questions = (n: number) =>
  `${number(n)} ${plural(lang, n, { one: 'Frage', other: 'Fragen' })}`;

export default {
  // The quiz host's own, not the leaderboard's (its bundle is loaded too).
  loading: 'Quiz wird geladen…',
  hostsOnly: 'Nur Hosts können das Quiz leiten',
  run: 'Quiz leiten',
  phase: {
    idle: 'Wartet auf den Start',
    question: 'Frage offen',
    revealed: 'Antwort aufgedeckt',
    ended: 'Quiz beendet',
  },
  noQuiz: 'Kein Quiz geladen',
  loadedCount: (n) => `${questions(n)} geladen`,
  progress: (current, count) => `Frage ${number(current)} von ${number(count)}`,
  answered: (count) => `${count} beantwortet`,
  secondsLeft: (seconds) =>
    `Noch ${new Intl.NumberFormat(tagFor(lang), { style: 'unit', unit: 'second', unitDisplay: 'short' }).format(seconds)}`,
  answerIs: (letter, option) => `Antwort: ${letter} · ${option}`,
  letter: (index) => String.fromCharCode(65 + index),
  accessible: 'Barrierefreier Modus',
  accessibleHint: 'Verdoppelt jedes Zeitlimit; keine Punkte für Schnelligkeit.',
  leadIn: 'Vorlauf (Sekunden)',
  start: 'Quiz starten',
  next: 'Nächste Frage',
  finish: 'Endergebnis zeigen',
  reveal: 'Antwort aufdecken',
  end: 'Quiz beenden',
  prepare: 'Fragen',
  file: 'Quizdatei (JSON)',
  fileHint: 'Ein Array aus {text, options, correct, timeLimitMs, points?}; correct zählt ab 0.',
  fileRead: (n, name) => `${questions(n)} aus ${name} gelesen.`,
  fileErrors: (name) => `${name} kann nicht geladen werden:`,
  noDrafts: 'Noch keine Fragen: Wähle eine Datei oder füge sie unten hinzu.',
  drafts: 'Zu ladende Fragen',
  summary: (options, seconds, points) =>
    `${number(options)} ${plural(lang, options, { one: 'Antwort', other: 'Antworten' })} · ${number(seconds)} Sek. · ${points} Pkt.`,
  edit: 'Bearbeiten',
  remove: 'Entfernen',
  clear: 'Alle entfernen',
  loadQuiz: (n) => `Quiz laden (${questions(n)})`,
  loadHint: 'Laden startet eine neue Runde: Die Punkte werden gelöscht.',
  newQuestion: 'Neue Frage',
  editQuestion: (current) => `Frage ${number(current)}`,
  questionText: 'Frage',
  answers: 'Antworten (markiere die richtige)',
  optionLabel: (letter) => `Antwort ${letter}`,
  correct: 'Richtig',
  addOption: 'Antwort hinzufügen',
  removeOption: (letter) => `Antwort ${letter} entfernen`,
  seconds: 'Zeitlimit (Sekunden)',
  addQuestion: 'Frage hinzufügen',
  saveQuestion: 'Frage speichern',
  cancel: 'Abbrechen',
  textRequired: 'Gib die Frage ein.',
  textTooLong: (max) => `Eine Frage darf höchstens ${number(max)} Zeichen lang sein.`,
  optionRequired: 'Gib diese Antwort ein.',
  optionTooLong: (max) => `Eine Antwort darf höchstens ${number(max)} Zeichen lang sein.`,
  correctRequired: 'Markiere die richtige Antwort.',
  secondsRange: (min, max) => `Von ${number(min)} bis ${number(max)} Sekunden.`,
  pointsRange: (min, max) => `Eine ganze Zahl von ${number(min)} bis ${number(max)}.`,
  failed: (message) => `Nicht ausgeführt: ${message}`,
  tooLarge:
    'Dieses Quiz ist zu groß, um es auf einmal zu laden. Entferne einige Fragen oder kürze sie.',
} satisfies LocaleBundle<Omit<QuizHostStrings, Exclude<keyof LeaderboardStrings, SharedKey>>>;
