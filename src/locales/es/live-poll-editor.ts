/** Spanish texts of `<live-poll-editor>` (its results' come from the `poll-charts` bundle). */
import type { PollEditorStrings } from '../../elements/live-poll-editor/live-poll-editor.strings.js';
import { plural } from '../plural.js';
import type { PollResultStrings } from '../../elements/internal/poll-charts.strings.js';
import type { LocaleBundle, SharedKey } from '../types.js';
import { tagFor } from '../format.js';

const lang = 'es';
const number = (value: number) => new Intl.NumberFormat(tagFor(lang)).format(value);
const characters = (max: number) =>
  `${number(max)} ${plural(lang, max, { one: 'carácter', other: 'caracteres' })}`;

export default {
  // The editor's own, not the results' (their bundle is loaded too).
  loading: 'Cargando encuestas…',
  hostsOnly: 'Solo los anfitriones pueden gestionar encuestas.',
  newPoll: 'Nueva encuesta',
  question: 'Pregunta',
  counter: (length, max) => `${number(length)} / ${number(max)}`,
  kind: 'Tipo',
  kinds: {
    single: 'Una respuesta',
    multi: 'Varias respuestas',
    rating: 'Valoración',
    wordcloud: 'Nube de palabras',
    opentext: 'Texto libre',
    ranking: 'Clasificación por orden',
  },
  options: 'Opciones',
  scale: 'Escala, de menor a mayor',
  option: (n) => `Opción ${number(n)}`,
  removeOption: (n) => `Quitar la opción ${number(n)}`,
  addOption: 'Añadir opción',
  hideResults: 'Ocultar los resultados al público hasta que se cierre la encuesta',
  blockedTerms: 'Términos bloqueados',
  blockedTermsHint:
    'Uno por línea. Las palabras que los contengan no aparecen en la nube; las respuestas que los contengan se rechazan.',
  create: 'Crear encuesta',
  created: 'Encuesta creada como borrador. Ábrela desde la lista.',
  questionRequired: 'Escribe una pregunta.',
  questionTooLong: (max) => `La pregunta puede tener como máximo ${characters(max)}.`,
  optionRequired: 'Escribe un texto para esta opción o quítala.',
  optionTooLong: (max) => `Una opción puede tener como máximo ${characters(max)}.`,
  optionsTooMany: (max) =>
    `Una encuesta puede tener como máximo ${number(max)} ${plural(lang, max, { one: 'opción', other: 'opciones' })}.`,
  blockedTermTooLong: (max) => `Cada término bloqueado puede tener como máximo ${characters(max)}.`,
  blockedTermsTooMany: (max) =>
    `Como máximo ${number(max)} ${plural(lang, max, { one: 'término bloqueado', other: 'términos bloqueados' })}.`,
  polls: 'Encuestas de esta sala',
  noPolls: 'Todavía no hay encuestas.',
  status: { draft: 'Borrador', open: 'Abierta', closed: 'Cerrada' },
  hidden: 'Resultados ocultos al público',
  open: 'Abrir',
  reopen: 'Volver a abrir',
  close: 'Cerrar',
  failed: (message) => `No se pudo hacer: ${message}`,
  optionsTooFew: (min) =>
    `Una clasificación necesita al menos ${number(min)} ${plural(lang, min, { one: 'opción', other: 'opciones' })}.`,
  maxAnswers: 'Respuestas por persona',
  maxAnswersRange: (max) => `De 1 a ${number(max)}.`,
  review: 'Revisar las respuestas antes de que las vea el público',
  reviewHint:
    'Las respuestas esperan en la cola de revisión hasta que un anfitrión o moderador las aprueba; mientras tanto, sus autores las ven.',
  reviewed: 'respuestas revisadas',
  waiting: (count, value) =>
    `${count} ${plural(lang, value, { one: 'respuesta espera', other: 'respuestas esperan' })} revisión`,
  decideInReview: 'Apruébalas o recházalas en la cola de revisión.',
  hide: 'Ocultar',
  hideAnswer: (text) => `Ocultar «${text}»`,
} satisfies LocaleBundle<Omit<PollEditorStrings, Exclude<keyof PollResultStrings, SharedKey>>>;
