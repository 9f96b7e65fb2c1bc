import type { ChatStrings } from '../../elements/live-chat/live-chat.strings.js';
import { clock, count } from '../format.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

export default {
  log: 'Chatnachrichten',
  loading: 'Nachrichten werden geladen…',
  empty: 'Noch keine Nachrichten. Sag Hallo!',
  offline: 'Offline. Nachrichten werden gesendet, sobald die Verbindung zurück ist.',
  jumpToLatest: 'Zu den neuesten',
  skipped: (n) =>
    plural('de', n, {
      one: `${count('de', n)} frühere Nachricht übersprungen`,
      other: `${count('de', n)} frühere Nachrichten übersprungen`,
    }),
  showSkipped: (n) => (n === 1 ? 'Anzeigen' : `${count('de', n)} anzeigen`),
  inputLabel: 'Nachricht',
  placeholder: 'Schreib etwas…',
  send: 'Senden',
  wait: (seconds) => `Warte ${seconds} s`,
  counter: (length, max) => `${length} / ${max}`,
  tooLong: (max) => `Nachrichten dürfen höchstens ${max} Zeichen lang sein.`,
  reply: 'Antworten',
  replyingTo: (name) => `Antwort an ${name}`,
  cancelReply: 'Antwort abbrechen',
  unknownParent: 'Frühere Nachricht',
  delete: 'Löschen',
  pin: 'Anheften',
  unpin: 'Lösen',
  pinned: 'Angeheftet',
  timeout: '10 Min. stummschalten',
  ban: 'Sperren',
  unban: 'Entsperren',
  sending: 'wird gesendet…',
  failed: (error) => `Nicht gesendet: ${error}`,
  gated: (gate, seconds) => {
    if (gate === 'signedIn') return 'Der Chat ist für angemeldete Zuschauer';
    if (gate === 'emoteOnly') return 'Nur-Emote-Modus';
    if (gate === 'links') return 'Links sind nicht erlaubt';
    if (seconds <= 0)
      return gate === 'firstChat' ? 'Du kannst jetzt chatten' : 'Dein Konto ist zu neu';
    return gate === 'firstChat'
      ? `Du kannst in ${clock(seconds)} chatten`
      : `Dein Konto kann in ${clock(seconds)} chatten`;
  },
  retry: 'Erneut versuchen',
  dismiss: 'Verwerfen',
  typingOne: (name) => `${name} schreibt…`,
  typingTwo: (first, second) => `${first} und ${second} schreiben…`,
  typingMany: 'Mehrere Personen schreiben…',
  bannedForever: 'Du wurdest aus diesem Chat gesperrt. Du kannst ihn weiterhin lesen.',
  bannedUntil: (minutes) =>
    plural('de', minutes, {
      one: `Du bist noch ${minutes} Minute stummgeschaltet.`,
      other: `Du bist noch ${count('de', minutes)} Minuten stummgeschaltet.`,
    }),
  timedOut: (left, reason) => `Stummgeschaltet für ${left}${reason ? ` – ${reason}` : ''}`,
  heldMarker: 'Wartet auf Prüfung',
  report: 'Melden',
  reported: 'Gemeldet',
  hiddenMarker: 'verborgen',
  delayedMarker: 'verzögert',
  slowMode: 'Langsamer Modus',
  slowModeOff: 'Aus',
  slowModeOption: (seconds) => (seconds < 60 ? `${seconds} s` : `${seconds / 60} Min.`),
  slowModeNotice: (seconds) => `Langsamer Modus: eine Nachricht alle ${seconds} s.`,
  role: { host: 'Host', moderator: 'Moderator', audience: '' },
  actionsFor: (name) => `Nachricht von ${name}`,
  reportTitle: (name) => `Nachricht von ${name} melden`,
  reportReason: 'Warum?',
  reportReasons: {
    spam: 'Spam oder Betrug',
    harassment: 'Belästigung oder Mobbing',
    hate: 'Hassrede',
    sexual: 'Sexuelle Inhalte',
    other: 'Etwas anderes',
  },
  reportNote: 'Notiz für die Moderation (optional)',
  reportSend: 'Meldung senden',
  reportCancel: 'Abbrechen',
  reportSent: 'Danke – die Moderation sieht es sich an.',
  showAll: 'Alles anzeigen',
  showLess: 'Weniger anzeigen',
  messageName: ({ author, role, time, text, replyTo }) =>
    [
      role ? `${author} (${role})` : author,
      replyTo === undefined ? '' : `Antwort an ${replyTo}`,
      time,
    ]
      .filter(Boolean)
      .join(', ') + `: ${text}`,
} satisfies LocaleBundle<ChatStrings>;
