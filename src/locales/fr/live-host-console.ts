/** French texts of `<live-host-console>` (its panels have their own bundles). */
import type { HostConsoleStrings } from '../../elements/live-host-console/live-host-console.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  console: 'Console de l’animateur',
  tabs: {
    polls: 'Sondages',
    quiz: 'Quiz',
    chat: 'Chat',
    qa: 'Questions',
    reactions: 'Réactions',
    review: 'Validation',
  },
  hostsOnly: 'La console est réservée aux animateurs et aux modérateurs.',
  status: {
    idle: 'Non connecté',
    connecting: 'Connexion…',
    open: 'Connecté',
    reconnecting: 'Reconnexion…',
    offline: 'Hors ligne',
    closed: 'Déconnecté',
  },
  exportMenu: 'Exporter',
  exports: {
    chat: 'Transcription du chat (CSV)',
    polls: 'Résultats des sondages (CSV)',
    quiz: 'Résultats du quiz (CSV)',
    qa: 'Questions-réponses (CSV)',
    modlog: 'Journal de modération (CSV)',
    all: 'Tout (JSON)',
  },
  exporting: 'Préparation du téléchargement…',
  exportFailed: 'L’export a échoué : {reason}',
  exportNoToken: 'Les exports nécessitent un jeton d’animateur.',
} satisfies LocaleBundle<HostConsoleStrings>;
