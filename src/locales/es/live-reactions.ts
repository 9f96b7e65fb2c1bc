import type { ReactionsStrings } from '../../elements/live-reactions/live-reactions.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  group: 'Reacciones',
  reactWith: (emoji) => `Reaccionar con ${emoji}`,
  offline: 'Sin conexión: las reacciones están en pausa.',
  editEmojis: 'Editar emojis',
  editLabel: 'Emojis separados por comas',
  editHint: 'Por ejemplo: ❤️, 👏, 🔥',
  save: 'Guardar',
  cancel: 'Cancelar',
  editEmpty: 'Indica al menos un emoji.',
  editTooMany: (max) => `Como máximo ${max} emojis.`,
  editDuplicate: (emoji) => `${emoji} aparece dos veces.`,
  editTooLong: (emoji) => `«${emoji}» es demasiado largo para una reacción.`,
} satisfies LocaleBundle<ReactionsStrings>;
