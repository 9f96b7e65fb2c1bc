/** Spanish texts of `<live-review-queue>`. */
import type { ReviewQueueStrings } from '../../elements/live-review-queue/live-review-queue.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';
import { tagFor } from '../format.js';

const lang = 'es';
const number = (value: number) => new Intl.NumberFormat(tagFor(lang)).format(value);

/** Why an item is held, by the relay's rule (a Map: the rule is the relay's text). */
const heldFor = new Map([
  ['all', 'Retenido: se revisan todos los mensajes'],
  ['firstTime', 'Retenido: escribe por primera vez'],
  ['links', 'Retenido: contiene un enlace'],
  ['terms', 'Retenido: coincide con un término de revisión'],
  ['moderation', 'Pendiente de aprobación'],
  ['review', 'Pendiente de aprobación'],
]);

export default {
  title: 'Revisión',
  empty: 'No hay nada pendiente de revisión.',
  hostsOnly: 'La cola de revisión es para anfitriones y moderadores.',
  count: (count) =>
    count === 0
      ? 'Nada que revisar'
      : `${number(count)} ${plural(lang, count, { one: 'elemento', other: 'elementos' })} por revisar`,
  keys: '↑ ↓ moverse · A aprobar · R rechazar · Intro más acciones',
  feature: { chat: 'Chat', qa: 'Preguntas', poll: 'Encuesta' },
  pollKind: { wordcloud: 'Nube de palabras', opentext: 'Texto libre' },
  held: (rule) => heldFor.get(rule) ?? `Retenido: ${rule}`,
  reports: (count, reasons) =>
    `Reportado por ${number(count)} ${plural(lang, count, { one: 'espectador', other: 'espectadores' })}: ${reasons}`,
  reasons: {
    spam: 'spam',
    harassment: 'acoso',
    hate: 'odio',
    sexual: 'contenido sexual',
    other: 'otro motivo',
  },
  approve: 'Aprobar',
  reject: 'Rechazar',
  dismiss: 'Mantener (descartar reportes)',
  remove: 'Eliminar mensaje',
  timeout: 'Suspender 10 min',
  decided: {
    approve: 'Aprobado.',
    reject: 'Rechazado.',
    dismiss: 'Reportes descartados.',
    remove: 'Mensaje eliminado.',
    timeout: 'Autor suspendido.',
  },
  actionsFor: (name) => `Acciones para ${name}`,
} satisfies LocaleBundle<ReviewQueueStrings>;
