import type { RoomStrings } from '../../elements/live-room/live-room.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  offline: 'Sin conexión. Las novedades en directo están en pausa.',
  reconnecting: 'Se perdió la conexión. Reconectando…',
  closed: 'Desconectado.',
} satisfies LocaleBundle<RoomStrings>;
