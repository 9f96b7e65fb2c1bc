/** German texts of `<live-host-console>` (its panels have their own bundles). */
import type { HostConsoleStrings } from '../../elements/live-host-console/live-host-console.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  console: 'Host-Konsole',
  tabs: {
    polls: 'Umfragen',
    quiz: 'Quiz',
    chat: 'Chat',
    qa: 'Fragen',
    reactions: 'Reaktionen',
    review: 'Prüfung',
  },
  hostsOnly: 'Die Host-Konsole ist für Hosts und Moderatoren.',
  status: {
    idle: 'Nicht verbunden',
    connecting: 'Verbinde…',
    open: 'Verbunden',
    reconnecting: 'Verbinde erneut…',
    offline: 'Offline',
    closed: 'Getrennt',
  },
  exportMenu: 'Exportieren',
  exports: {
    chat: 'Chatverlauf (CSV)',
    polls: 'Umfrageergebnisse (CSV)',
    quiz: 'Quizergebnisse (CSV)',
    qa: 'Fragen und Antworten (CSV)',
    modlog: 'Moderationsprotokoll (CSV)',
    all: 'Alles (JSON)',
  },
  exporting: 'Download wird vorbereitet…',
  exportFailed: 'Der Export ist fehlgeschlagen: {reason}',
  exportNoToken: 'Für Exporte ist ein Host-Token nötig.',
} satisfies LocaleBundle<HostConsoleStrings>;
