import type { PollResultStrings } from '../../elements/internal/poll-charts.strings.js';
import type { PollStrings } from '../../elements/live-poll/live-poll.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

/** The results' texts come from the `poll-charts` bundle. */
type Own = Omit<PollStrings, keyof PollResultStrings>;

export default {
  loading: 'Chargement du sondage…',
  empty: 'Aucun sondage en ce moment',
  live: 'Sondage en direct',
  newPoll: (question) => `Nouveau sondage : ${question}`,
  closed: 'Sondage clos',
  offline: 'Hors ligne. Le vote est en pause ; les résultats peuvent être dépassés.',
  reconnecting: 'Reconnexion… Le vote est en pause.',
  disconnected: 'Déconnecté. Le vote n’est pas disponible.',
  vote: 'Voter',
  update: 'Modifier le vote',
  cancel: 'Annuler',
  wordPlaceholder: 'Un mot ou quelques-uns…',
  counter: (length, max) => `${length} / ${max}`,
  tooLong: (max) => `${max} caractères au plus.`,
  pickAny: 'Choisissez une ou plusieurs réponses.',
  yourAnswer: 'Votre réponse :',
  change: 'Modifier',
  hiddenUntilClose: 'Les résultats seront affichés à la clôture du sondage.',
  hiddenFromAudience: 'Masqués au public jusqu’à la clôture du sondage.',
  voteToSee: 'Votez pour voir les résultats.',
  errorClosed: 'Ce sondage est clos : votre vote n’a pas été compté.',
  errorNoWords:
    'Utilisez au moins un mot de 3 lettres ou plus (les mots très courants ne comptent pas).',
  voteFailed: (message) => `Votre vote n’a pas été compté : ${message}`,
  answerPlaceholder: 'Votre réponse…',
  send: 'Envoyer',
  answerToSee: 'Envoyez une réponse pour voir celles des autres.',
  yourAnswers: 'Vos réponses',
  answersGiven: (given, max) =>
    plural('fr', given, {
      one: `${given} réponse donnée sur ${max}`,
      other: `${given} réponses données sur ${max}`,
    }),
  answerStatus: { pending: 'En attente de validation', hidden: 'Masquée par l’hôte', shown: '' },
  answerSent: 'Réponse envoyée.',
  rankHelp:
    'Faites glisser les options dans votre ordre, ou utilisez les boutons monter et descendre. ' +
    'Au clavier : Espace saisit une option, les flèches la déplacent, Espace la dépose, ' +
    'Échap annule.',
  rankHandle: 'option triable',
  rankItem: (option, position, count) => `${option}, position ${position} sur ${count}`,
  rankGrabbed: (option, position, count) =>
    `${option} saisie, position ${position} sur ${count}. Utilisez les flèches pour la déplacer.`,
  rankMoved: (option, position, count) =>
    `${option} déplacée en position ${position} sur ${count}.`,
  rankDropped: (option, position, count) =>
    `${option} déposée en position ${position} sur ${count}.`,
  rankCancelled: (option, position) =>
    `Déplacement annulé. ${option} est revenue en position ${position}.`,
  moveUp: (option) => `Monter ${option}`,
  moveDown: (option) => `Descendre ${option}`,
} satisfies LocaleBundle<Own>;
