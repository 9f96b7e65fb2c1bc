import type { PollResultStrings } from '../../elements/internal/poll-charts.strings.js';
import type { PollStrings } from '../../elements/live-poll/live-poll.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

/** The results' texts come from the `poll-charts` bundle. */
type Own = Omit<PollStrings, keyof PollResultStrings>;

export default {
  loading: 'Cargando encuesta…',
  empty: 'No hay ninguna encuesta ahora',
  live: 'Encuesta en directo',
  newPoll: (question) => `Nueva encuesta: ${question}`,
  closed: 'Encuesta cerrada',
  offline: 'Sin conexión. La votación está en pausa; los resultados pueden no estar al día.',
  reconnecting: 'Reconectando… La votación está en pausa.',
  disconnected: 'Desconectado. No se puede votar.',
  vote: 'Votar',
  update: 'Cambiar voto',
  cancel: 'Cancelar',
  wordPlaceholder: 'Una palabra o unas pocas…',
  counter: (length, max) => `${length} / ${max}`,
  tooLong: (max) => `Como máximo ${max} caracteres.`,
  pickAny: 'Elige una o varias.',
  yourAnswer: 'Tu respuesta:',
  change: 'Cambiar',
  hiddenUntilClose: 'Los resultados se mostrarán cuando cierre la encuesta.',
  hiddenFromAudience: 'Ocultos al público hasta que cierre la encuesta.',
  voteToSee: 'Vota para ver los resultados.',
  errorClosed: 'Esta encuesta está cerrada: tu voto no se ha contado.',
  errorNoWords: 'Usa al menos una palabra de 3 letras o más (las palabras muy comunes no cuentan).',
  voteFailed: (message) => `Tu voto no se ha contado: ${message}`,
  answerPlaceholder: 'Tu respuesta…',
  send: 'Enviar',
  answerToSee: 'Envía una respuesta para ver las de los demás.',
  yourAnswers: 'Tus respuestas',
  answersGiven: (given, max) =>
    plural('es', max, {
      one: `${given} de ${max} respuesta enviada`,
      other: `${given} de ${max} respuestas enviadas`,
    }),
  answerStatus: {
    pending: 'Pendiente de revisión',
    hidden: 'Ocultada por el anfitrión',
    shown: '',
  },
  answerSent: 'Respuesta enviada.',
  rankHelp:
    'Arrastra las opciones en tu orden o usa los botones de subir y bajar. Con el teclado: ' +
    'Espacio toma una opción, las flechas la mueven, Espacio la suelta y Escape cancela.',
  rankHandle: 'opción ordenable',
  rankItem: (option, position, count) => `${option}, posición ${position} de ${count}`,
  rankGrabbed: (option, position, count) =>
    `${option} tomada, posición ${position} de ${count}. Usa las flechas para moverla.`,
  rankMoved: (option, position, count) => `${option} movida a la posición ${position} de ${count}.`,
  rankDropped: (option, position, count) =>
    `${option} soltada en la posición ${position} de ${count}.`,
  rankCancelled: (option, position) =>
    `Movimiento cancelado. ${option} vuelve a la posición ${position}.`,
  moveUp: (option) => `Subir ${option}`,
  moveDown: (option) => `Bajar ${option}`,
} satisfies LocaleBundle<Own>;
