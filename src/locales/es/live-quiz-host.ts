/** Spanish texts of `<live-quiz-host>` (its leaderboard's come from the `leaderboard` bundle). */
import type { QuizHostStrings } from '../../elements/live-quiz-host/live-quiz-host.strings.js';
import { plural } from '../plural.js';
import type { LeaderboardStrings } from '../../elements/internal/leaderboard.strings.js';
import type { LocaleBundle, SharedKey } from '../types.js';
import { tagFor } from '../format.js';

const lang = 'es';
const number = (value: number) => new Intl.NumberFormat(tagFor(lang)).format(value);
const questions = (n: number) =>
  `${number(n)} ${plural(lang, n, { one: 'pregunta', other: 'preguntas' })}`;
const characters = (max: number) =>
  `${number(max)} ${plural(lang, max, { one: 'carácter', other: 'caracteres' })}`;

export default {
  // The quiz host's own, not the leaderboard's (its bundle is loaded too).
  loading: 'Cargando cuestionario…',
  hostsOnly: 'Solo los anfitriones pueden dirigir el cuestionario',
  run: 'Dirigir el cuestionario',
  phase: {
    idle: 'Esperando para empezar',
    question: 'Pregunta abierta',
    revealed: 'Respuesta revelada',
    ended: 'Cuestionario terminado',
  },
  noQuiz: 'No hay ningún cuestionario cargado',
  loadedCount: (n) => `${questions(n)} ${plural(lang, n, { one: 'cargada', other: 'cargadas' })}`,
  progress: (current, count) => `Pregunta ${number(current)} de ${number(count)}`,
  answered: (count, n) =>
    `${count} ${plural(lang, n, { one: 'ha respondido', other: 'han respondido' })}`,
  secondsLeft: (seconds) =>
    `${plural(lang, seconds, { one: 'Queda', other: 'Quedan' })} ${new Intl.NumberFormat(tagFor(lang), { style: 'unit', unit: 'second', unitDisplay: 'short' }).format(seconds)}`,
  answerIs: (letter, option) => `Respuesta: ${letter} · ${option}`,
  letter: (index) => String.fromCharCode(65 + index),
  accessible: 'Modo accesible',
  accessibleHint: 'Duplica todos los tiempos límite; la rapidez no da puntos.',
  leadIn: 'Cuenta atrás inicial (segundos)',
  start: 'Empezar el cuestionario',
  next: 'Siguiente pregunta',
  finish: 'Mostrar los resultados finales',
  reveal: 'Revelar la respuesta',
  end: 'Terminar el cuestionario',
  prepare: 'Preguntas',
  file: 'Archivo del cuestionario (JSON)',
  fileHint: 'Un array de {text, options, correct, timeLimitMs, points?}; correct cuenta desde 0.',
  fileRead: (n, name) =>
    `${questions(n)} ${plural(lang, n, { one: 'leída', other: 'leídas' })} de ${name}.`,
  fileErrors: (name) => `No se puede cargar ${name}:`,
  noDrafts: 'Todavía no hay preguntas: elige un archivo o añádelas abajo.',
  drafts: 'Preguntas para cargar',
  summary: (options, seconds, points) =>
    `${number(options)} ${plural(lang, options, { one: 'respuesta', other: 'respuestas' })} · ${number(seconds)} s · ${points} pts`,
  edit: 'Editar',
  remove: 'Quitar',
  clear: 'Quitar todas',
  loadQuiz: (n) => `Cargar el cuestionario (${questions(n)})`,
  loadHint: 'Al cargarlo empieza una partida nueva: se borran las puntuaciones.',
  newQuestion: 'Nueva pregunta',
  editQuestion: (current) => `Pregunta ${number(current)}`,
  questionText: 'Pregunta',
  answers: 'Respuestas (marca la correcta)',
  optionLabel: (letter) => `Respuesta ${letter}`,
  correct: 'Correcta',
  addOption: 'Añadir respuesta',
  removeOption: (letter) => `Quitar la respuesta ${letter}`,
  seconds: 'Tiempo límite (segundos)',
  addQuestion: 'Añadir pregunta',
  saveQuestion: 'Guardar pregunta',
  cancel: 'Cancelar',
  textRequired: 'Escribe la pregunta.',
  textTooLong: (max) => `Una pregunta puede tener como máximo ${characters(max)}.`,
  optionRequired: 'Escribe esta respuesta.',
  optionTooLong: (max) => `Una respuesta puede tener como máximo ${characters(max)}.`,
  correctRequired: 'Marca la respuesta correcta.',
  secondsRange: (min, max) => `De ${number(min)} a ${number(max)} segundos.`,
  pointsRange: (min, max) => `Un número entero de ${number(min)} a ${number(max)}.`,
  failed: (message) => `No se pudo hacer: ${message}`,
  tooLarge:
    'Este quiz es demasiado grande para cargarlo de una vez. Quita algunas preguntas o acórtalas.',
} satisfies LocaleBundle<Omit<QuizHostStrings, Exclude<keyof LeaderboardStrings, SharedKey>>>;
