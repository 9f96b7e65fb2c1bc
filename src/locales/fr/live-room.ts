import type { RoomStrings } from '../../elements/live-room/live-room.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  offline: 'Hors ligne. Les mises à jour en direct sont en pause.',
  reconnecting: 'Connexion perdue. Reconnexion…',
  closed: 'Déconnecté.',
} satisfies LocaleBundle<RoomStrings>;
