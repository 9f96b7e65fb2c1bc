import type { ReactionsStrings } from '../../elements/live-reactions/live-reactions.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  group: 'Réactions',
  reactWith: (emoji) => `Réagir avec ${emoji}`,
  offline: 'Hors ligne : les réactions sont en pause.',
  editEmojis: 'Modifier les emojis',
  editLabel: 'Emojis, séparés par des virgules',
  editHint: 'Par exemple : ❤️, 👏, 🔥',
  save: 'Enregistrer',
  cancel: 'Annuler',
  editEmpty: 'Indiquez au moins un emoji.',
  editTooMany: (max) => `${max} emojis au plus.`,
  editDuplicate: (emoji) => `${emoji} figure deux fois.`,
  editTooLong: (emoji) => `« ${emoji} » est trop long pour une réaction.`,
} satisfies LocaleBundle<ReactionsStrings>;
