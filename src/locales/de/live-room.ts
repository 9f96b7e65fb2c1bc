import type { RoomStrings } from '../../elements/live-room/live-room.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  offline: 'Offline. Live-Updates sind pausiert.',
  reconnecting: 'Verbindung verloren. Verbindung wird wiederhergestellt…',
  closed: 'Getrennt.',
} satisfies LocaleBundle<RoomStrings>;
