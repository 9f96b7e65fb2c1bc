import type { PresenceStrings } from '../../elements/presence-bar/presence-bar.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

export default {
  loading: 'Cargando quién está aquí…',
  empty: 'Aún no hay nadie',
  watching: (count) => `${count} viendo`,
  watchingMore: (others) => `+${others} viendo`,
  countLabel: (count, n) =>
    plural('es', n, { one: `${count} persona viendo`, other: `${count} personas viendo` }),
  showEveryone: 'Ver a todos',
  listLabel: 'Todos los presentes',
  showingFirst: (shown) => `Se muestran los primeros ${shown}`,
  you: '(tú)',
  role: { host: 'Anfitrión', moderator: 'Moderador', audience: '' },
  typingOne: (name) => `${name} está escribiendo…`,
  typingTwo: (first, second) => `${first} y ${second} están escribiendo…`,
  typingMany: 'Varias personas están escribiendo…',
} satisfies LocaleBundle<PresenceStrings>;
