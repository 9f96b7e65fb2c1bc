import { refused } from '../format.js';
import type { ConnectionBundle } from '../types.js';

export default {
  loading: 'Cargando…',
  refused: refused('No tienes acceso a esta sala.'),
  offline: 'Sin conexión. Los cambios se enviarán cuando vuelva la conexión.',
  reconnecting: 'Reconectando…',
  unreachable: 'No se puede conectar. Reintentando…',
  closed: 'Desconectado.',
} satisfies ConnectionBundle;
