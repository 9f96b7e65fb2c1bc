import type { ChatStrings } from '../../elements/live-chat/live-chat.strings.js';
import { clock, count } from '../format.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

export default {
  log: 'Messages du chat',
  loading: 'Chargement des messages…',
  empty: 'Aucun message pour l’instant. Dites bonjour !',
  offline: 'Hors ligne. Les messages seront envoyés au retour de la connexion.',
  jumpToLatest: 'Aller aux derniers',
  skipped: (n) =>
    plural('fr', n, {
      one: `${count('fr', n)} message précédent masqué`,
      many: `${count('fr', n)} de messages précédents masqués`,
      other: `${count('fr', n)} messages précédents masqués`,
    }),
  showSkipped: (n) => (n === 1 ? 'L’afficher' : `Afficher les ${count('fr', n)}`),
  inputLabel: 'Message',
  placeholder: 'Écrivez quelque chose…',
  send: 'Envoyer',
  wait: (seconds) => `Attendez ${seconds} s`,
  counter: (length, max) => `${length} / ${max}`,
  tooLong: (max) => `Un message compte au plus ${max} caractères.`,
  reply: 'Répondre',
  replyingTo: (name) => `En réponse à ${name}`,
  cancelReply: 'Annuler la réponse',
  unknownParent: 'Message précédent',
  delete: 'Supprimer',
  pin: 'Épingler',
  unpin: 'Désépingler',
  pinned: 'Épinglé',
  timeout: 'Exclure 10 min',
  ban: 'Bannir',
  unban: 'Débannir',
  sending: 'envoi…',
  failed: (error) => `Non envoyé : ${error}`,
  gated: (gate, seconds) => {
    if (gate === 'signedIn') return 'Le chat est réservé aux spectateurs connectés';
    if (gate === 'emoteOnly') return 'Mode emotes uniquement';
    if (gate === 'links') return 'Les liens ne sont pas autorisés';
    if (seconds <= 0) {
      return gate === 'firstChat'
        ? 'Vous pouvez écrire maintenant'
        : 'Votre compte est trop récent';
    }
    return gate === 'firstChat'
      ? `Vous pourrez écrire dans ${clock(seconds)}`
      : `Votre compte pourra écrire dans ${clock(seconds)}`;
  },
  retry: 'Réessayer',
  dismiss: 'Ignorer',
  typingOne: (name) => `${name} écrit…`,
  typingTwo: (first, second) => `${first} et ${second} écrivent…`,
  typingMany: 'Plusieurs personnes écrivent…',
  bannedForever: 'Vous avez été banni de ce chat. Vous pouvez toujours le lire.',
  bannedUntil: (minutes) =>
    plural('fr', minutes, {
      one: `Vous êtes exclu encore ${minutes} minute.`,
      other: `Vous êtes exclu encore ${count('fr', minutes)} minutes.`,
    }),
  timedOut: (left, reason) => `Exclu pour ${left}${reason ? ` — ${reason}` : ''}`,
  heldMarker: 'En attente de validation',
  report: 'Signaler',
  reported: 'Signalé',
  hiddenMarker: 'masqué',
  delayedMarker: 'différé',
  slowMode: 'Mode lent',
  slowModeOff: 'Désactivé',
  slowModeOption: (seconds) => (seconds < 60 ? `${seconds} s` : `${seconds / 60} min`),
  slowModeNotice: (seconds) => `Mode lent : un message toutes les ${seconds} s.`,
  role: { host: 'Hôte', moderator: 'Modérateur', audience: '' },
  actionsFor: (name) => `Message de ${name}`,
  reportTitle: (name) => `Signaler le message de ${name}`,
  reportReason: 'Pourquoi ?',
  reportReasons: {
    spam: 'Spam ou arnaque',
    harassment: 'Harcèlement',
    hate: 'Discours haineux',
    sexual: 'Contenu sexuel',
    other: 'Autre chose',
  },
  reportNote: 'Ajoutez une note pour les modérateurs (facultatif)',
  reportSend: 'Envoyer le signalement',
  reportCancel: 'Annuler',
  reportSent: 'Merci, les modérateurs vont l’examiner.',
  showAll: 'Tout afficher',
  showLess: 'Afficher moins',
  messageName: ({ author, role, time, text, replyTo }) =>
    [
      role ? `${author} (${role})` : author,
      replyTo === undefined ? '' : `réponse à ${replyTo}`,
      time,
    ]
      .filter(Boolean)
      .join(', ') + ` : ${text}`,
} satisfies LocaleBundle<ChatStrings>;
