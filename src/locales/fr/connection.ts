import { refused } from '../format.js';
import type { ConnectionBundle } from '../types.js';

export default {
  loading: 'Chargement…',
  refused: refused('Vous n’avez pas accès à ce salon.'),
  offline: 'Hors ligne. Les modifications seront envoyées au retour de la connexion.',
  reconnecting: 'Reconnexion…',
  unreachable: 'Connexion impossible. Nouvel essai…',
  closed: 'Déconnecté.',
} satisfies ConnectionBundle;
