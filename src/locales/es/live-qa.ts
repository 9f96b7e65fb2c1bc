import type { QaStrings } from '../../elements/live-qa/live-qa.strings.js';
import { ago, count } from '../format.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

const votes = (n: number) =>
  `${count('es', n)} ${plural('es', n, { one: 'voto', other: 'votos' })}`;

export default {
  list: 'Preguntas',
  loading: 'Cargando preguntas…',
  empty: 'Aún no hay preguntas. ¡Haz la primera!',
  offline: 'Sin conexión. Las preguntas se enviarán cuando vuelva la conexión.',
  inputLabel: 'Tu pregunta',
  placeholder: 'Haz una pregunta…',
  ask: 'Preguntar',
  askAnonymously: 'Preguntar de forma anónima',
  counter: (length, max) => `${length} / ${max}`,
  tooLong: (max) => `Las preguntas pueden tener como máximo ${max} caracteres.`,
  sortLabel: 'Ordenar preguntas',
  top: 'Más votadas',
  recent: 'Recientes',
  answeringNow: 'Respondiendo ahora',
  answered: (n) => `Respondidas (${count('es', n)})`,
  showMore: (page, n) => `Mostrar ${page} más (${count('es', n)} sin mostrar)`,
  anonymous: 'Anónimo',
  you: (name) => `${name} (tú)`,
  votes: (n) => count('es', n),
  votesLabel: votes,
  upvote: (n) => `Votar a favor, ${votes(n)}`,
  justNow: 'ahora mismo',
  minutesAgo: (minutes) => ago('es', minutes, 'minute'),
  hoursAgo: (hours) => ago('es', hours, 'hour'),
  sending: 'enviando…',
  awaitingApproval: 'Pendiente de aprobación',
  notApproved: 'No aprobada',
  hidden: 'Oculta',
  pin: 'Responder ahora',
  markAnswered: 'Marcar como respondida',
  hide: 'Ocultar',
  approve: 'Aprobar',
  reject: 'Rechazar',
  actionsFor: (asker) => `Pregunta de ${asker}`,
  moderation: 'Moderación',
  holdForApproval: 'Retener preguntas para aprobarlas',
  queue: (n) =>
    plural('es', n, {
      one: `${count('es', n)} pendiente de aprobación`,
      other: `${count('es', n)} pendientes de aprobación`,
    }),
  queueMore: (shown, n) => `Se muestran las ${shown} más antiguas de ${count('es', n)}.`,
  queueEmpty: 'No hay preguntas pendientes.',
  asked: 'Pregunta enviada.',
  askedPending: 'Pregunta enviada. Se mostrará cuando un anfitrión la apruebe.',
  rateLimited: (seconds) => `Preguntas demasiado rápido. Inténtalo de nuevo en ${seconds} s.`,
  invalid: (message) => `No aceptada: ${message}`,
  notFound: 'Esta pregunta ya no está disponible.',
  failed: (message) => `No ha funcionado: ${message}`,
} satisfies LocaleBundle<QaStrings>;
