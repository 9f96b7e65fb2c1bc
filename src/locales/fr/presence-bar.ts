import type { PresenceStrings } from '../../elements/presence-bar/presence-bar.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

export default {
  loading: 'Chargement des présents…',
  empty: 'Personne pour l’instant',
  watching: (count, n) =>
    plural('fr', n, { one: `${count} spectateur`, other: `${count} spectateurs` }),
  watchingMore: (others) => `+${others} spectateurs`,
  countLabel: (count, n) =>
    plural('fr', n, {
      one: `${count} personne regarde`,
      many: `${count} de personnes regardent`,
      other: `${count} personnes regardent`,
    }),
  showEveryone: 'Voir tout le monde',
  listLabel: 'Toutes les personnes présentes',
  showingFirst: (shown) => `Affichage des ${shown} premiers`,
  you: '(vous)',
  role: { host: 'Hôte', moderator: 'Modérateur', audience: '' },
  typingOne: (name) => `${name} écrit…`,
  typingTwo: (first, second) => `${first} et ${second} écrivent…`,
  typingMany: 'Plusieurs personnes écrivent…',
} satisfies LocaleBundle<PresenceStrings>;
