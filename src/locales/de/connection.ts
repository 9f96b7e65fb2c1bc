import { refused } from '../format.js';
import type { ConnectionBundle } from '../types.js';

export default {
  loading: 'Wird geladen…',
  refused: refused('Du hast keinen Zugang zu diesem Raum.'),
  offline: 'Offline. Änderungen werden gesendet, sobald die Verbindung zurück ist.',
  reconnecting: 'Verbindung wird wiederhergestellt…',
  unreachable: 'Keine Verbindung möglich. Neuer Versuch…',
  closed: 'Getrennt.',
} satisfies ConnectionBundle;
