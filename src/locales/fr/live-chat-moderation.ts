/** French texts of `<live-chat-moderation>`. */
import type { ChatModerationStrings } from '../../elements/live-chat-moderation/live-chat-moderation.strings.js';
import type { ChatHoldRule } from '../../protocol/index.js';
import { duration as lengthIn, inUnit as unitIn, tagFor } from '../format.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

const lang = 'fr';

const inUnit = (unit: 'second' | 'minute' | 'hour' | 'day', value: number) =>
  unitIn(lang, unit, value);

/** A length in the largest whole unit: `10 s`, `1 min`, `1 h`, `14 j`. */
const duration = (seconds: number) => lengthIn(lang, seconds);

const characters = (max: number) =>
  `${new Intl.NumberFormat(tagFor(lang)).format(max)} ${plural(lang, max, { one: 'caractère', other: 'caractères' })}`;

/** The hold rules inside a preset's summary. */
const heldInSummary: Record<ChatHoldRule, string> = {
  all: 'tous les messages',
  firstTime: 'les premiers messages',
  links: 'les messages avec liens',
  terms: 'les messages avec termes à valider',
};

export default {
  hostsOnly: 'Seuls les animateurs et les modérateurs peuvent modérer le chat.',
  slowMode: 'Mode lent',
  slowModeOff: 'Désactivé',
  slowModeOption: (seconds) =>
    seconds < 60 ? inUnit('second', seconds) : inUnit('minute', seconds / 60),
  slowModeHint:
    'Le temps que chaque spectateur attend entre deux messages. Les animateurs et les modérateurs n’attendent jamais.',
  blockedTerms: 'Termes bloqués',
  blockedTermsHint:
    'Un par ligne ou séparés par des virgules. Les messages du public qui en contiennent un sont refusés.',
  blockedNow: 'Bloqués actuellement :',
  noBlockedTerms: 'Aucun terme n’est bloqué.',
  save: 'Enregistrer les termes',
  saved: 'Termes bloqués enregistrés.',
  termTooLong: (term, max) => `« ${term} » dépasse ${characters(max)}.`,
  termsTooMany: (max) =>
    `${new Intl.NumberFormat(tagFor(lang)).format(max)} ${plural(lang, max, { one: 'terme bloqué', other: 'termes bloqués' })} au maximum.`,
  bans: 'Bannissements et exclusions temporaires',
  noBans: 'Personne n’est banni.',
  bannedForever: 'banni jusqu’à la levée du bannissement',
  bannedUntil: (time) => `exclu jusqu’à ${time}`,
  unban: 'Lever le bannissement',
  unbanUser: (name) => `Lever le bannissement de ${name}`,
  unbanned: (name) => `${name} peut de nouveau écrire.`,
  failed: (message) => `Échec : ${message}`,
  userActions: 'Exclure temporairement ou masquer un utilisateur',
  user: 'Utilisateur',
  noUsers: 'Personne n’a encore écrit.',
  length: 'Durée',
  lengthOption: (seconds) => (seconds === 86_400 ? inUnit('hour', 24) : duration(seconds)),
  lengthCustom: 'Personnalisée…',
  customAmount: 'Durée personnalisée',
  units: { seconds: 'secondes', minutes: 'minutes', hours: 'heures', days: 'jours' },
  lengthBounds: 'Une exclusion temporaire dure de 1 seconde à 14 jours.',
  reason: 'Motif (facultatif, montré à l’utilisateur)',
  reasonHint: 'Texte brut, 200 caractères au maximum.',
  timeOut: 'Exclure temporairement',
  timedOut: (name, length) => `${name} est exclu pour ${length}.`,
  hide: 'Masquer',
  unhide: 'Ne plus masquer',
  hideHint:
    'Les nouveaux messages d’un utilisateur masqué ne sont vus que par lui et par l’équipe de modération. Il n’en est pas averti.',
  hidden: (name) => `${name} est masqué.`,
  unhidden: (name) => `${name} n’est plus masqué.`,
  hiddenUsers: 'Utilisateurs masqués',
  unhideUser: (name) => `Ne plus masquer ${name}`,
  chatDelay: 'Délai du chat',
  chatDelayOff: 'Désactivé',
  chatDelayOption: (seconds) => inUnit('second', seconds),
  chatDelayHint:
    'Les messages du public parviennent aux autres spectateurs après ce délai ; les animateurs et les modérateurs les voient aussitôt et peuvent les supprimer avant.',
  modLog: 'Journal de modération',
  modLogEmpty: 'Rien n’a encore été modéré.',
  modLogOlder: 'Afficher les plus anciens',
  modLogLine: ({ by, action, target, length, reason, settings }) =>
    `${by} ${action}${target ? ` ${target}` : ''}${length ? ` pour ${length}` : ''}${settings ? ` : ${settings}` : ''}${reason ? ` — ${reason}` : ''}`,
  actions: {
    delete: 'a supprimé un message de',
    pin: 'a épinglé un message de',
    unpin: 'a désépinglé le message',
    timeout: 'a exclu temporairement',
    ban: 'a banni',
    unban: 'a levé le bannissement de',
    hide: 'a masqué',
    unhide: 'a cessé de masquer',
    settings: 'a modifié les paramètres',
    shield: 'a activé le bouclier',
    shieldOff: 'a désactivé le bouclier et rétabli',
    shieldPreset: 'a modifié ce qu’applique le bouclier',
    approve: 'a approuvé un message retenu de',
    reject: 'a refusé un message retenu de',
    dismiss: 'a classé les signalements d’un message de',
  },
  shield: 'Bouclier',
  shieldOn: 'activé',
  shieldOff: 'désactivé',
  shieldHintOff: (preset) => `L’activer applique aussitôt : ${preset}.`,
  shieldHintOn: 'Le bouclier est activé. Le désactiver rétablit les paramètres d’avant.',
  shieldRaised: 'Bouclier activé.',
  shieldLifted: 'Bouclier désactivé ; les paramètres d’avant sont rétablis.',
  gates: 'Qui peut écrire',
  shieldPreset: 'Ce qu’applique le bouclier',
  presetSaved: 'Réglages du bouclier enregistrés.',
  signedInOnly: 'Spectateurs connectés uniquement (les anonymes quittent le salon)',
  minAccountAge: 'Ancienneté minimale du compte (minutes)',
  minAccountAgeHint: '0 = désactivé. D’après la date du compte sur le site.',
  firstChatDelay: 'Attente avant un premier message',
  emoteOnly: 'Mode emotes uniquement',
  linksStaffOnly: 'Liens réservés aux animateurs et aux modérateurs',
  holdForReview: 'Retenir pour validation',
  holdRules: {
    all: 'Tous les messages du public',
    firstTime: 'Premiers messages',
    links: 'Messages avec liens',
    terms: 'Messages avec termes à valider',
  },
  presetSummary: (p) =>
    [
      p.signedInOnly ? 'connectés uniquement' : '',
      p.minAccountAgeMinutes
        ? `comptes de plus de ${inUnit('minute', p.minAccountAgeMinutes)}`
        : '',
      p.firstChatDelaySeconds
        ? `premier message après ${inUnit('minute', Math.round(p.firstChatDelaySeconds / 60))}`
        : '',
      p.slowModeSeconds ? `mode lent ${inUnit('second', p.slowModeSeconds)}` : '',
      p.chatDelaySeconds ? `délai du chat ${inUnit('second', p.chatDelaySeconds)}` : '',
      p.emoteOnly ? 'emotes uniquement' : '',
      p.links === 'staff' ? 'pas de liens du public' : '',
      p.hold?.length
        ? `${new Intl.ListFormat(tagFor(lang)).format(p.hold.map((rule) => heldInSummary[rule]))} retenus pour validation`
        : '',
    ]
      .filter(Boolean)
      .join(', ') || 'rien',
  delayOption: (seconds) => (seconds === 0 ? 'Désactivé' : inUnit('minute', seconds / 60)),
} satisfies LocaleBundle<ChatModerationStrings>;
