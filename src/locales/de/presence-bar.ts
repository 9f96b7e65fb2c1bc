import type { PresenceStrings } from '../../elements/presence-bar/presence-bar.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

export default {
  loading: 'Wird geladen, wer hier ist…',
  empty: 'Noch niemand hier',
  watching: (count) => `${count} schauen zu`,
  watchingMore: (others) => `+${others} schauen zu`,
  countLabel: (count, n) =>
    plural('de', n, { one: `${count} Person schaut zu`, other: `${count} Personen schauen zu` }),
  showEveryone: 'Alle anzeigen',
  listLabel: 'Alle Anwesenden',
  showingFirst: (shown) => `Die ersten ${shown} werden angezeigt`,
  you: '(du)',
  role: { host: 'Host', moderator: 'Moderator', audience: '' },
  typingOne: (name) => `${name} schreibt…`,
  typingTwo: (first, second) => `${first} und ${second} schreiben…`,
  typingMany: 'Mehrere Personen schreiben…',
} satisfies LocaleBundle<PresenceStrings>;
