/** German texts of `<live-review-queue>`. */
import type { ReviewQueueStrings } from '../../elements/live-review-queue/live-review-queue.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';
import { tagFor } from '../format.js';

const lang = 'de';
const number = (value: number) => new Intl.NumberFormat(tagFor(lang)).format(value);

/** Why an item is held, by the relay's rule (a Map: the rule is the relay's text). */
const heldFor = new Map([
  ['all', 'Zurückgehalten: Jede Nachricht wird geprüft'],
  ['firstTime', 'Zurückgehalten: erste Nachricht'],
  ['links', 'Zurückgehalten: enthält einen Link'],
  ['terms', 'Zurückgehalten: enthält einen Prüfbegriff'],
  ['moderation', 'Wartet auf Freigabe'],
  ['review', 'Wartet auf Freigabe'],
]);

export default {
  title: 'Prüfung',
  empty: 'Nichts wartet auf Prüfung.',
  hostsOnly: 'Die Prüfliste ist für Hosts und Moderatoren.',
  count: (count) =>
    count === 0
      ? 'Nichts zu prüfen'
      : `${number(count)} ${plural(lang, count, { one: 'Eintrag', other: 'Einträge' })} zu prüfen`,
  keys: '↑ ↓ bewegen · A freigeben · R ablehnen · Eingabe weitere Aktionen',
  feature: { chat: 'Chat', qa: 'Fragen', poll: 'Umfrage' },
  pollKind: { wordcloud: 'Wortwolke', opentext: 'Freitext' },
  held: (rule) => heldFor.get(rule) ?? `Zurückgehalten: ${rule}`,
  reports: (count, reasons) =>
    `Gemeldet von ${number(count)} ${plural(lang, count, { one: 'Zuschauer', other: 'Zuschauern' })}: ${reasons}`,
  reasons: {
    spam: 'Spam',
    harassment: 'Belästigung',
    hate: 'Hass',
    sexual: 'sexuelle Inhalte',
    other: 'Sonstiges',
  },
  approve: 'Freigeben',
  reject: 'Ablehnen',
  dismiss: 'Behalten (Meldungen verwerfen)',
  remove: 'Nachricht löschen',
  timeout: 'Timeout 10 Min.',
  decided: {
    approve: 'Freigegeben.',
    reject: 'Abgelehnt.',
    dismiss: 'Meldungen verworfen.',
    remove: 'Nachricht gelöscht.',
    timeout: 'Timeout für den Verfasser.',
  },
  actionsFor: (name) => `Aktionen für ${name}`,
} satisfies LocaleBundle<ReviewQueueStrings>;
