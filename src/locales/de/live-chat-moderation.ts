/** German texts of `<live-chat-moderation>`. */
import type { ChatModerationStrings } from '../../elements/live-chat-moderation/live-chat-moderation.strings.js';
import type { ChatHoldRule } from '../../protocol/index.js';
import { fillAction as fill, duration as lengthIn, inUnit as unitIn, tagFor } from '../format.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

const lang = 'de';

const inUnit = (unit: 'second' | 'minute' | 'hour' | 'day', value: number) =>
  unitIn(lang, unit, value);

/** A length in the largest whole unit: `10 Sek.`, `1 Min.`, `1 Std.`, `14 Tg.`. */
const duration = (seconds: number) => lengthIn(lang, seconds);

const characters = (max: number) => `${new Intl.NumberFormat(tagFor(lang)).format(max)} Zeichen`;

/** The hold rules inside a preset's summary. */
const heldInSummary: Record<ChatHoldRule, string> = {
  all: 'alle Nachrichten',
  firstTime: 'erste Nachrichten',
  links: 'Nachrichten mit Links',
  terms: 'Nachrichten mit Prüfbegriffen',
};

export default {
  hostsOnly: 'Nur Hosts und Moderatoren können den Chat moderieren.',
  slowMode: 'Langsamer Modus',
  slowModeOff: 'Aus',
  slowModeOption: (seconds) =>
    seconds < 60 ? inUnit('second', seconds) : inUnit('minute', seconds / 60),
  slowModeHint:
    'Wie lange jeder Zuschauer zwischen zwei Nachrichten wartet. Hosts und Moderatoren warten nie.',
  blockedTerms: 'Gesperrte Begriffe',
  blockedTermsHint:
    'Einer pro Zeile oder durch Kommas getrennt. Nachrichten des Publikums, die einen davon enthalten, werden abgelehnt.',
  blockedNow: 'Jetzt gesperrt:',
  noBlockedTerms: 'Keine Begriffe gesperrt.',
  save: 'Begriffe speichern',
  saved: 'Gesperrte Begriffe gespeichert.',
  termTooLong: (term, max) => `„${term}“ ist länger als ${characters(max)}.`,
  termsTooMany: (max) =>
    `Höchstens ${new Intl.NumberFormat(tagFor(lang)).format(max)} ${plural(lang, max, { one: 'gesperrter Begriff', other: 'gesperrte Begriffe' })}.`,
  bans: 'Sperren und Timeouts',
  noBans: 'Niemand ist gesperrt.',
  bannedForever: 'gesperrt, bis die Sperre aufgehoben wird',
  bannedUntil: (time) => `Timeout bis ${time}`,
  unban: 'Entsperren',
  unbanUser: (name) => `${name} entsperren`,
  unbanned: (name) => `${name} kann wieder schreiben.`,
  failed: (message) => `Nicht ausgeführt: ${message}`,
  userActions: 'Timeout geben oder Nutzer ausblenden',
  user: 'Nutzer',
  noUsers: 'Noch hat niemand geschrieben.',
  length: 'Dauer',
  lengthOption: (seconds) => (seconds === 86_400 ? inUnit('hour', 24) : duration(seconds)),
  lengthCustom: 'Eigene…',
  customAmount: 'Eigene Dauer',
  units: { seconds: 'Sekunden', minutes: 'Minuten', hours: 'Stunden', days: 'Tage' },
  lengthBounds: 'Ein Timeout dauert 1 Sekunde bis 14 Tage.',
  reason: 'Grund (optional, wird dem Nutzer angezeigt)',
  reasonHint: 'Nur Text, höchstens 200 Zeichen.',
  timeOut: 'Timeout',
  timedOut: (name, length) => `${name} hat ein Timeout für ${length}.`,
  hide: 'Ausblenden',
  unhide: 'Einblenden',
  hideHint:
    'Neue Nachrichten eines ausgeblendeten Nutzers sehen nur er selbst und das Team. Er erfährt davon nichts.',
  hidden: (name) => `${name} ist ausgeblendet.`,
  unhidden: (name) => `${name} ist wieder eingeblendet.`,
  hiddenUsers: 'Ausgeblendete Nutzer',
  unhideUser: (name) => `${name} einblenden`,
  chatDelay: 'Chat-Verzögerung',
  chatDelayOff: 'Aus',
  chatDelayOption: (seconds) => inUnit('second', seconds),
  chatDelayHint:
    'Nachrichten des Publikums erreichen andere Zuschauer erst nach dieser Verzögerung; Hosts und Moderatoren sehen sie sofort und können sie vorher löschen.',
  modLog: 'Moderationsprotokoll',
  modLogEmpty: 'Bisher wurde nichts moderiert.',
  modLogOlder: 'Ältere anzeigen',
  modLogLine: ({ by, action, target, length, reason, settings }) =>
    `${by} ${fill(action, target, length ? ` für ${length}` : '')}${settings ? `: ${settings}` : ''}${reason ? ` – ${reason}` : ''}`,
  actions: {
    delete: 'hat eine Nachricht von {target} gelöscht',
    pin: 'hat eine Nachricht von {target} angeheftet',
    unpin: 'hat die angeheftete Nachricht gelöst',
    timeout: 'hat {target}{length} ein Timeout gegeben',
    ban: 'hat {target} gesperrt',
    unban: 'hat {target} entsperrt',
    hide: 'hat {target} ausgeblendet',
    unhide: 'hat {target} wieder eingeblendet',
    settings: 'hat die Einstellungen geändert',
    shield: 'hat den Schutzschild aktiviert',
    shieldOff: 'hat den Schutzschild deaktiviert und wiederhergestellt',
    shieldPreset: 'hat die Schutzschild-Vorgabe geändert',
    approve: 'hat eine zurückgehaltene Nachricht von {target} freigegeben',
    reject: 'hat eine zurückgehaltene Nachricht von {target} abgelehnt',
    dismiss: 'hat die Meldungen zu einer Nachricht von {target} verworfen',
  },
  shield: 'Schutzschild',
  shieldOn: 'an',
  shieldOff: 'aus',
  shieldHintOff: (preset) => `Beim Aktivieren gilt sofort: ${preset}.`,
  shieldHintOn:
    'Der Schutzschild ist aktiv. Beim Deaktivieren werden die vorherigen Einstellungen wiederhergestellt.',
  shieldRaised: 'Schutzschild aktiviert.',
  shieldLifted: 'Schutzschild deaktiviert; die vorherigen Einstellungen gelten wieder.',
  gates: 'Wer chatten darf',
  shieldPreset: 'Was der Schutzschild anwendet',
  presetSaved: 'Schutzschild-Vorgabe gespeichert.',
  signedInOnly: 'Nur angemeldete Zuschauer (anonyme Zuschauer verlassen den Raum)',
  minAccountAge: 'Mindestalter des Kontos (Minuten)',
  minAccountAgeHint: '0 = aus. Nach dem Kontodatum der Website.',
  firstChatDelay: 'Wartezeit bei der ersten Nachricht',
  emoteOnly: 'Nur-Emote-Modus',
  linksStaffOnly: 'Links nur von Hosts und Moderatoren',
  holdForReview: 'Zur Prüfung zurückhalten',
  holdRules: {
    all: 'Jede Nachricht des Publikums',
    firstTime: 'Erste Nachrichten neuer Chatter',
    links: 'Nachrichten mit Links',
    terms: 'Nachrichten mit Prüfbegriffen',
  },
  presetSummary: (p) =>
    [
      p.signedInOnly ? 'nur angemeldet' : '',
      p.minAccountAgeMinutes ? `Konten älter als ${inUnit('minute', p.minAccountAgeMinutes)}` : '',
      p.firstChatDelaySeconds
        ? `erste Nachricht nach ${inUnit('minute', Math.round(p.firstChatDelaySeconds / 60))}`
        : '',
      p.slowModeSeconds ? `langsamer Modus ${inUnit('second', p.slowModeSeconds)}` : '',
      p.chatDelaySeconds ? `Chat-Verzögerung ${inUnit('second', p.chatDelaySeconds)}` : '',
      p.emoteOnly ? 'nur Emotes' : '',
      p.links === 'staff' ? 'keine Links vom Publikum' : '',
      p.hold?.length
        ? `${new Intl.ListFormat(tagFor(lang)).format(p.hold.map((rule) => heldInSummary[rule]))} zur Prüfung zurückhalten`
        : '',
    ]
      .filter(Boolean)
      .join(', ') || 'nichts',
  delayOption: (seconds) => (seconds === 0 ? 'Aus' : inUnit('minute', seconds / 60)),
} satisfies LocaleBundle<ChatModerationStrings>;
