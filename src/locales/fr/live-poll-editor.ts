/** French texts of `<live-poll-editor>` (its results' come from the `poll-charts` bundle). */
import type { PollEditorStrings } from '../../elements/live-poll-editor/live-poll-editor.strings.js';
import { plural } from '../plural.js';
import type { PollResultStrings } from '../../elements/internal/poll-charts.strings.js';
import type { LocaleBundle, SharedKey } from '../types.js';
import { tagFor } from '../format.js';

const lang = 'fr';
const number = (value: number) => new Intl.NumberFormat(tagFor(lang)).format(value);
const characters = (max: number) =>
  `${number(max)} ${plural(lang, max, { one: 'caractère', other: 'caractères' })}`;

export default {
  // The editor's own, not the results' (their bundle is loaded too).
  loading: 'Chargement des sondages…',
  hostsOnly: 'Seuls les animateurs peuvent lancer des sondages.',
  newPoll: 'Nouveau sondage',
  question: 'Question',
  counter: (length, max) => `${number(length)} / ${number(max)}`,
  kind: 'Type',
  kinds: {
    single: 'Choix unique',
    multi: 'Choix multiple',
    rating: 'Note',
    wordcloud: 'Nuage de mots',
    opentext: 'Texte libre',
    ranking: 'Classement par ordre',
  },
  options: 'Options',
  scale: 'Échelle, de la plus basse à la plus haute',
  option: (n) => `Option ${number(n)}`,
  removeOption: (n) => `Retirer l’option ${number(n)}`,
  addOption: 'Ajouter une option',
  hideResults: 'Masquer les résultats au public jusqu’à la clôture du sondage',
  blockedTerms: 'Termes bloqués',
  blockedTermsHint:
    'Un par ligne. Les mots qui en contiennent un sont exclus du nuage ; les réponses qui en contiennent un sont refusées.',
  create: 'Créer le sondage',
  created: 'Sondage créé comme brouillon. Ouvrez-le depuis la liste.',
  questionRequired: 'Saisissez une question.',
  questionTooLong: (max) => `La question ne peut pas dépasser ${characters(max)}.`,
  optionRequired: 'Saisissez un texte pour cette option ou retirez-la.',
  optionTooLong: (max) => `Une option ne peut pas dépasser ${characters(max)}.`,
  optionsTooMany: (max) =>
    `Un sondage ne peut pas avoir plus de ${number(max)} ${plural(lang, max, { one: 'option', other: 'options' })}.`,
  blockedTermTooLong: (max) => `Chaque terme bloqué ne peut pas dépasser ${characters(max)}.`,
  blockedTermsTooMany: (max) =>
    `${number(max)} ${plural(lang, max, { one: 'terme bloqué', other: 'termes bloqués' })} au maximum.`,
  polls: 'Sondages de ce salon',
  noPolls: 'Aucun sondage pour l’instant.',
  status: { draft: 'Brouillon', open: 'Ouvert', closed: 'Clos' },
  hidden: 'Résultats masqués au public',
  open: 'Ouvrir',
  reopen: 'Rouvrir',
  close: 'Clore',
  failed: (message) => `Échec : ${message}`,
  optionsTooFew: (min) =>
    `Un classement nécessite au moins ${number(min)} ${plural(lang, min, { one: 'option', other: 'options' })}.`,
  maxAnswers: 'Réponses par personne',
  maxAnswersRange: (max) => `De 1 à ${number(max)}.`,
  review: 'Valider les réponses avant que le public ne les voie',
  reviewHint:
    'Les réponses attendent dans la file de validation qu’un animateur ou un modérateur les approuve ; leurs auteurs les voient en attendant.',
  reviewed: 'réponses validées',
  waiting: (count, value) =>
    `${count} ${plural(lang, value, { one: 'réponse attend', other: 'réponses attendent' })} la validation`,
  decideInReview: 'Approuvez-les ou refusez-les dans la file de validation.',
  hide: 'Masquer',
  hideAnswer: (text) => `Masquer « ${text} »`,
} satisfies LocaleBundle<Omit<PollEditorStrings, Exclude<keyof PollResultStrings, SharedKey>>>;
