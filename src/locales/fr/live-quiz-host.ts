/** French texts of `<live-quiz-host>` (its leaderboard's come from the `leaderboard` bundle). */
import type { QuizHostStrings } from '../../elements/live-quiz-host/live-quiz-host.strings.js';
import { plural } from '../plural.js';
import type { LeaderboardStrings } from '../../elements/internal/leaderboard.strings.js';
import type { LocaleBundle, SharedKey } from '../types.js';
import { tagFor } from '../format.js';

const lang = 'fr';
const number = (value: number) => new Intl.NumberFormat(tagFor(lang)).format(value);
const questions = (n: number) =>
  `${number(n)} ${plural(lang, n, { one: 'question', other: 'questions' })}`;
const characters = (max: number) =>
  `${number(max)} ${plural(lang, max, { one: 'caractère', other: 'caractères' })}`;

export default {
  // The quiz host's own, not the leaderboard's (its bundle is loaded too).
  loading: 'Chargement du quiz…',
  hostsOnly: 'Seuls les animateurs peuvent mener le quiz',
  run: 'Mener le quiz',
  phase: {
    idle: 'En attente du départ',
    question: 'Question ouverte',
    revealed: 'Réponse dévoilée',
    ended: 'Quiz terminé',
  },
  noQuiz: 'Aucun quiz chargé',
  loadedCount: (n) => `${questions(n)} ${plural(lang, n, { one: 'chargée', other: 'chargées' })}`,
  progress: (current, count) => `Question ${number(current)} sur ${number(count)}`,
  answered: (count, n) => `${count} ${plural(lang, n, { one: 'a répondu', other: 'ont répondu' })}`,
  secondsLeft: (seconds) =>
    `Il reste ${new Intl.NumberFormat(tagFor(lang), { style: 'unit', unit: 'second', unitDisplay: 'short' }).format(seconds)}`,
  answerIs: (letter, option) => `Réponse : ${letter} · ${option}`,
  letter: (index) => String.fromCharCode(65 + index),
  accessible: 'Mode accessible',
  accessibleHint: 'Double chaque limite de temps ; la rapidité ne rapporte pas de points.',
  leadIn: 'Compte à rebours (secondes)',
  start: 'Lancer le quiz',
  next: 'Question suivante',
  finish: 'Afficher les résultats finaux',
  reveal: 'Dévoiler la réponse',
  end: 'Terminer le quiz',
  prepare: 'Questions',
  file: 'Fichier du quiz (JSON)',
  fileHint:
    'Un tableau de {text, options, correct, timeLimitMs, points?} ; correct compte à partir de 0.',
  fileRead: (n, name) =>
    `${questions(n)} ${plural(lang, n, { one: 'lue', other: 'lues' })} dans ${name}.`,
  fileErrors: (name) => `Impossible de charger ${name} :`,
  noDrafts: 'Aucune question pour l’instant : choisissez un fichier ou ajoutez-les ci-dessous.',
  drafts: 'Questions à charger',
  summary: (options, seconds, points) =>
    `${number(options)} ${plural(lang, options, { one: 'réponse', other: 'réponses' })} · ${number(seconds)} s · ${points} pts`,
  edit: 'Modifier',
  remove: 'Retirer',
  clear: 'Tout retirer',
  loadQuiz: (n) => `Charger le quiz (${questions(n)})`,
  loadHint: 'Charger lance une nouvelle partie : les scores sont effacés.',
  newQuestion: 'Nouvelle question',
  editQuestion: (current) => `Question ${number(current)}`,
  questionText: 'Question',
  answers: 'Réponses (cochez la bonne)',
  optionLabel: (letter) => `Réponse ${letter}`,
  correct: 'Bonne réponse',
  addOption: 'Ajouter une réponse',
  removeOption: (letter) => `Retirer la réponse ${letter}`,
  seconds: 'Limite de temps (secondes)',
  addQuestion: 'Ajouter la question',
  saveQuestion: 'Enregistrer la question',
  cancel: 'Annuler',
  textRequired: 'Saisissez la question.',
  textTooLong: (max) => `Une question ne peut pas dépasser ${characters(max)}.`,
  optionRequired: 'Saisissez cette réponse.',
  optionTooLong: (max) => `Une réponse ne peut pas dépasser ${characters(max)}.`,
  correctRequired: 'Cochez la bonne réponse.',
  secondsRange: (min, max) => `De ${number(min)} à ${number(max)} secondes.`,
  pointsRange: (min, max) => `Un nombre entier de ${number(min)} à ${number(max)}.`,
  failed: (message) => `Échec : ${message}`,
  tooLarge:
    'Ce quiz est trop volumineux pour être chargé en une fois. Retirez des questions ou raccourcissez-les.',
} satisfies LocaleBundle<Omit<QuizHostStrings, Exclude<keyof LeaderboardStrings, SharedKey>>>;
