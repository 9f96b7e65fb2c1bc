/** French texts of `<live-review-queue>`. */
import type { ReviewQueueStrings } from '../../elements/live-review-queue/live-review-queue.strings.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';
import { tagFor } from '../format.js';

const lang = 'fr';
const number = (value: number) => new Intl.NumberFormat(tagFor(lang)).format(value);

/** Why an item is held, by the relay's rule (a Map: the rule is the relay's text). */
const heldFor = new Map([
  ['all', 'Retenu : tous les messages sont validés'],
  ['firstTime', 'Retenu : premier message'],
  ['links', 'Retenu : contient un lien'],
  ['terms', 'Retenu : contient un terme à valider'],
  ['moderation', 'En attente d’approbation'],
  ['review', 'En attente d’approbation'],
]);

export default {
  title: 'Validation',
  empty: 'Rien n’attend de validation.',
  hostsOnly: 'La file de validation est réservée aux animateurs et aux modérateurs.',
  count: (count) =>
    count === 0
      ? 'Rien à valider'
      : `${number(count)} ${plural(lang, count, { one: 'élément', other: 'éléments' })} à valider`,
  keys: '↑ ↓ se déplacer · A approuver · R refuser · Entrée autres actions',
  feature: { chat: 'Chat', qa: 'Questions', poll: 'Sondage' },
  pollKind: { wordcloud: 'Nuage de mots', opentext: 'Texte libre' },
  held: (rule) => heldFor.get(rule) ?? `Retenu : ${rule}`,
  reports: (count, reasons) =>
    `Signalé par ${number(count)} ${plural(lang, count, { one: 'spectateur', other: 'spectateurs' })} : ${reasons}`,
  reasons: {
    spam: 'spam',
    harassment: 'harcèlement',
    hate: 'haine',
    sexual: 'contenu sexuel',
    other: 'autre',
  },
  approve: 'Approuver',
  reject: 'Refuser',
  dismiss: 'Garder (classer les signalements)',
  remove: 'Supprimer le message',
  timeout: 'Exclure 10 min',
  decided: {
    approve: 'Approuvé.',
    reject: 'Refusé.',
    dismiss: 'Signalements classés.',
    remove: 'Message supprimé.',
    timeout: 'Auteur exclu temporairement.',
  },
  actionsFor: (name) => `Actions pour ${name}`,
} satisfies LocaleBundle<ReviewQueueStrings>;
