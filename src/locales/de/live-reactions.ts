import type { ReactionsStrings } from '../../elements/live-reactions/live-reactions.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  group: 'Reaktionen',
  reactWith: (emoji) => `Mit ${emoji} reagieren`,
  offline: 'Offline: Reaktionen sind pausiert.',
  editEmojis: 'Emojis bearbeiten',
  editLabel: 'Emojis, durch Kommas getrennt',
  editHint: 'Zum Beispiel: ❤️, 👏, 🔥',
  save: 'Speichern',
  cancel: 'Abbrechen',
  editEmpty: 'Gib mindestens ein Emoji an.',
  editTooMany: (max) => `Höchstens ${max} Emojis.`,
  editDuplicate: (emoji) => `${emoji} steht doppelt in der Liste.`,
  editTooLong: (emoji) => `„${emoji}“ ist zu lang für eine Reaktion.`,
} satisfies LocaleBundle<ReactionsStrings>;
