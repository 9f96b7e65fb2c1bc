/** German texts of `<live-poll-editor>` (its results' come from the `poll-charts` bundle). */
import type { PollEditorStrings } from '../../elements/live-poll-editor/live-poll-editor.strings.js';
import { plural } from '../plural.js';
import type { PollResultStrings } from '../../elements/internal/poll-charts.strings.js';
import type { LocaleBundle, SharedKey } from '../types.js';
import { tagFor } from '../format.js';

const lang = 'de';
const number = (value: number) => new Intl.NumberFormat(tagFor(lang)).format(value);
export default {
  // The editor's own, not the results' (their bundle is loaded too).
  loading: 'Umfragen werden geladen…',
  hostsOnly: 'Nur Hosts können Umfragen durchführen.',
  newPoll: 'Neue Umfrage',
  question: 'Frage',
  counter: (length, max) => `${number(length)} / ${number(max)}`,
  kind: 'Art',
  kinds: {
    single: 'Einfachauswahl',
    multi: 'Mehrfachauswahl',
    rating: 'Bewertung',
    wordcloud: 'Wortwolke',
    opentext: 'Freitext',
    ranking: 'Rangfolge',
  },
  options: 'Optionen',
  scale: 'Skala, niedrigster Wert zuerst',
  option: (n) => `Option ${number(n)}`,
  removeOption: (n) => `Option ${number(n)} entfernen`,
  addOption: 'Option hinzufügen',
  hideResults: 'Ergebnisse vor dem Publikum verbergen, bis die Umfrage endet',
  blockedTerms: 'Gesperrte Begriffe',
  blockedTermsHint:
    'Einer pro Zeile. Wörter, die einen davon enthalten, fehlen in der Wortwolke; Antworten, die einen davon enthalten, werden abgelehnt.',
  create: 'Umfrage erstellen',
  created: 'Umfrage als Entwurf erstellt. Öffne sie in der Liste.',
  questionRequired: 'Gib eine Frage ein.',
  questionTooLong: (max) => `Die Frage darf höchstens ${number(max)} Zeichen lang sein.`,
  optionRequired: 'Gib einen Text für diese Option ein oder entferne sie.',
  optionTooLong: (max) => `Eine Option darf höchstens ${number(max)} Zeichen lang sein.`,
  optionsTooMany: (max) =>
    `Eine Umfrage darf höchstens ${number(max)} ${plural(lang, max, { one: 'Option', other: 'Optionen' })} haben.`,
  blockedTermTooLong: (max) =>
    `Jeder gesperrte Begriff darf höchstens ${number(max)} Zeichen lang sein.`,
  blockedTermsTooMany: (max) =>
    `Höchstens ${number(max)} ${plural(lang, max, { one: 'gesperrter Begriff', other: 'gesperrte Begriffe' })}.`,
  polls: 'Umfragen in diesem Raum',
  noPolls: 'Noch keine Umfragen.',
  status: { draft: 'Entwurf', open: 'Offen', closed: 'Beendet' },
  hidden: 'Ergebnisse für das Publikum verborgen',
  open: 'Öffnen',
  reopen: 'Wieder öffnen',
  close: 'Beenden',
  failed: (message) => `Nicht ausgeführt: ${message}`,
  optionsTooFew: (min) =>
    `Eine Rangfolge braucht mindestens ${number(min)} ${plural(lang, min, { one: 'Option', other: 'Optionen' })}.`,
  maxAnswers: 'Antworten pro Person',
  maxAnswersRange: (max) => `Von 1 bis ${number(max)}.`,
  review: 'Antworten prüfen, bevor das Publikum sie sieht',
  reviewHint:
    'Antworten warten in der Prüfliste, bis ein Host oder Moderator sie freigibt; ihre Verfasser sehen sie schon vorher.',
  reviewed: 'Antworten werden geprüft',
  waiting: (count, value) =>
    `${count} ${plural(lang, value, { one: 'Antwort wartet', other: 'Antworten warten' })} auf Prüfung`,
  decideInReview: 'Gib sie in der Prüfliste frei oder lehne sie ab.',
  hide: 'Ausblenden',
  hideAnswer: (text) => `„${text}“ ausblenden`,
} satisfies LocaleBundle<Omit<PollEditorStrings, Exclude<keyof PollResultStrings, SharedKey>>>;
