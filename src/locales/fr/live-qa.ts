import type { QaStrings } from '../../elements/live-qa/live-qa.strings.js';
import { ago, count } from '../format.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

const votes = (n: number) =>
  `${count('fr', n)} ${plural('fr', n, { one: 'vote', many: 'de votes', other: 'votes' })}`;

export default {
  list: 'Questions',
  loading: 'Chargement des questions…',
  empty: 'Aucune question pour l’instant. Posez la première !',
  offline: 'Hors ligne. Les questions seront envoyées au retour de la connexion.',
  inputLabel: 'Votre question',
  placeholder: 'Posez une question…',
  ask: 'Demander',
  askAnonymously: 'Demander anonymement',
  counter: (length, max) => `${length} / ${max}`,
  tooLong: (max) => `Une question compte au plus ${max} caractères.`,
  sortLabel: 'Trier les questions',
  top: 'Populaires',
  recent: 'Récentes',
  answeringNow: 'Réponse en cours',
  answered: (n) => `Répondues (${count('fr', n)})`,
  showMore: (page, n) => `Afficher ${page} de plus (${count('fr', n)} non affichées)`,
  anonymous: 'Anonyme',
  you: (name) => `${name} (vous)`,
  votes: (n) => count('fr', n),
  votesLabel: votes,
  upvote: (n) => `Voter pour, ${votes(n)}`,
  justNow: 'à l’instant',
  minutesAgo: (minutes) => ago('fr', minutes, 'minute'),
  hoursAgo: (hours) => ago('fr', hours, 'hour'),
  sending: 'envoi…',
  awaitingApproval: 'En attente de validation',
  notApproved: 'Non validée',
  hidden: 'Masquée',
  pin: 'Répondre maintenant',
  markAnswered: 'Marquer comme répondue',
  hide: 'Masquer',
  approve: 'Valider',
  reject: 'Refuser',
  actionsFor: (asker) => `Question de ${asker}`,
  moderation: 'Modération',
  holdForApproval: 'Valider les questions avant publication',
  queue: (n) =>
    plural('fr', n, {
      one: `${count('fr', n)} en attente de validation`,
      other: `${count('fr', n)} en attente de validation`,
    }),
  queueMore: (shown, n) => `Affichage des ${shown} plus anciennes sur ${count('fr', n)}.`,
  queueEmpty: 'Aucune question en attente.',
  asked: 'Question envoyée.',
  askedPending: 'Question envoyée. Elle sera affichée dès qu’un hôte l’aura validée.',
  rateLimited: (seconds) => `Vous posez des questions trop vite. Réessayez dans ${seconds} s.`,
  invalid: (message) => `Refusée : ${message}`,
  notFound: 'Cette question n’est plus disponible.',
  failed: (message) => `Cela n’a pas fonctionné : ${message}`,
} satisfies LocaleBundle<QaStrings>;
