/** Spanish texts of `<live-chat-moderation>`. */
import type { ChatModerationStrings } from '../../elements/live-chat-moderation/live-chat-moderation.strings.js';
import type { ChatHoldRule } from '../../protocol/index.js';
import { duration as lengthIn, inUnit as unitIn, tagFor } from '../format.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

const lang = 'es';

const inUnit = (unit: 'second' | 'minute' | 'hour' | 'day', value: number) =>
  unitIn(lang, unit, value);

/** A length in the largest whole unit: `10 s`, `1 min`, `1 h`, `14 d`. */
const duration = (seconds: number) => lengthIn(lang, seconds);

const characters = (max: number) =>
  `${new Intl.NumberFormat(tagFor(lang)).format(max)} ${plural(lang, max, { one: 'carácter', other: 'caracteres' })}`;

/** The hold rules inside a preset's summary. */
const heldInSummary: Record<ChatHoldRule, string> = {
  all: 'todos los mensajes',
  firstTime: 'los de quienes escriben por primera vez',
  links: 'los que tienen enlaces',
  terms: 'los que tienen términos de revisión',
};

export default {
  hostsOnly: 'Solo los anfitriones y moderadores pueden moderar el chat.',
  slowMode: 'Modo lento',
  slowModeOff: 'Desactivado',
  slowModeOption: (seconds) =>
    seconds < 60 ? inUnit('second', seconds) : inUnit('minute', seconds / 60),
  slowModeHint:
    'Cuánto espera cada espectador entre mensajes. Los anfitriones y moderadores nunca esperan.',
  blockedTerms: 'Términos bloqueados',
  blockedTermsHint:
    'Uno por línea o separados por comas. Se rechazan los mensajes del público que contengan alguno.',
  blockedNow: 'Bloqueados ahora:',
  noBlockedTerms: 'No hay términos bloqueados.',
  save: 'Guardar términos',
  saved: 'Términos bloqueados guardados.',
  termTooLong: (term, max) => `«${term}» tiene más de ${characters(max)}.`,
  termsTooMany: (max) =>
    `Como máximo ${new Intl.NumberFormat(tagFor(lang)).format(max)} ${plural(lang, max, { one: 'término bloqueado', other: 'términos bloqueados' })}.`,
  bans: 'Expulsiones y suspensiones',
  noBans: 'No hay nadie expulsado.',
  bannedForever: 'expulsado hasta que se le readmita',
  bannedUntil: (time) => `suspendido hasta ${time}`,
  unban: 'Readmitir',
  unbanUser: (name) => `Readmitir a ${name}`,
  unbanned: (name) => `${name} puede volver a escribir.`,
  failed: (message) => `No se pudo hacer: ${message}`,
  userActions: 'Suspender u ocultar a un usuario',
  user: 'Usuario',
  noUsers: 'Todavía no ha escrito nadie.',
  length: 'Duración',
  lengthOption: (seconds) => (seconds === 86_400 ? inUnit('hour', 24) : duration(seconds)),
  lengthCustom: 'Personalizada…',
  customAmount: 'Duración personalizada',
  units: { seconds: 'segundos', minutes: 'minutos', hours: 'horas', days: 'días' },
  lengthBounds: 'Una suspensión dura de 1 segundo a 14 días.',
  reason: 'Motivo (opcional, se muestra al usuario)',
  reasonHint: 'Texto sin formato, 200 caracteres como máximo.',
  timeOut: 'Suspender',
  timedOut: (name, length) => `${name} queda suspendido durante ${length}.`,
  hide: 'Ocultar',
  unhide: 'Dejar de ocultar',
  hideHint:
    'Los mensajes nuevos de un usuario oculto solo los ven él y el equipo de moderación. No se le avisa.',
  hidden: (name) => `${name} está oculto.`,
  unhidden: (name) => `${name} ya no está oculto.`,
  hiddenUsers: 'Usuarios ocultos',
  unhideUser: (name) => `Dejar de ocultar a ${name}`,
  chatDelay: 'Retraso del chat',
  chatDelayOff: 'Desactivado',
  chatDelayOption: (seconds) => inUnit('second', seconds),
  chatDelayHint:
    'Los mensajes del público llegan a los demás espectadores tras este retraso; los anfitriones y moderadores los ven al instante y pueden eliminarlos antes.',
  modLog: 'Registro de moderación',
  modLogEmpty: 'Todavía no se ha moderado nada.',
  modLogOlder: 'Mostrar anteriores',
  modLogLine: ({ by, action, target, length, reason, settings }) =>
    `${by} ${action}${target ? ` ${target}` : ''}${length ? ` durante ${length}` : ''}${settings ? `: ${settings}` : ''}${reason ? ` — ${reason}` : ''}`,
  actions: {
    delete: 'eliminó un mensaje de',
    pin: 'fijó un mensaje de',
    unpin: 'desfijó el mensaje',
    timeout: 'suspendió a',
    ban: 'expulsó a',
    unban: 'readmitió a',
    hide: 'ocultó a',
    unhide: 'dejó de ocultar a',
    settings: 'cambió la configuración',
    shield: 'activó el escudo',
    shieldOff: 'desactivó el escudo y restauró',
    shieldPreset: 'cambió lo que aplica el escudo',
    approve: 'aprobó un mensaje retenido de',
    reject: 'rechazó un mensaje retenido de',
    dismiss: 'descartó los reportes de un mensaje de',
  },
  shield: 'Escudo',
  shieldOn: 'activado',
  shieldOff: 'desactivado',
  shieldHintOff: (preset) => `Al activarlo se aplica al instante: ${preset}.`,
  shieldHintOn: 'El escudo está activado. Al desactivarlo se restaura la configuración anterior.',
  shieldRaised: 'Escudo activado.',
  shieldLifted: 'Escudo desactivado; vuelve la configuración anterior.',
  gates: 'Quién puede chatear',
  shieldPreset: 'Qué aplica el escudo',
  presetSaved: 'Ajustes del escudo guardados.',
  signedInOnly: 'Solo espectadores con sesión iniciada (los anónimos salen de la sala)',
  minAccountAge: 'Antigüedad mínima de la cuenta (minutos)',
  minAccountAgeHint: '0 = desactivado. Según la fecha de la cuenta en el sitio.',
  firstChatDelay: 'Quienes escriben por primera vez esperan',
  emoteOnly: 'Modo solo emotes',
  linksStaffOnly: 'Enlaces solo de anfitriones y moderadores',
  holdForReview: 'Retener para revisión',
  holdRules: {
    all: 'Todos los mensajes del público',
    firstTime: 'Quienes escriben por primera vez',
    links: 'Mensajes con enlaces',
    terms: 'Mensajes con términos de revisión',
  },
  presetSummary: (p) =>
    [
      p.signedInOnly ? 'solo con sesión iniciada' : '',
      p.minAccountAgeMinutes
        ? `cuentas con más de ${inUnit('minute', p.minAccountAgeMinutes)}`
        : '',
      p.firstChatDelaySeconds
        ? `quienes escriben por primera vez esperan ${inUnit('minute', Math.round(p.firstChatDelaySeconds / 60))}`
        : '',
      p.slowModeSeconds ? `modo lento de ${inUnit('second', p.slowModeSeconds)}` : '',
      p.chatDelaySeconds ? `retraso del chat de ${inUnit('second', p.chatDelaySeconds)}` : '',
      p.emoteOnly ? 'solo emotes' : '',
      p.links === 'staff' ? 'sin enlaces del público' : '',
      p.hold?.length
        ? `retener para revisión ${new Intl.ListFormat(tagFor(lang)).format(p.hold.map((rule) => heldInSummary[rule]))}`
        : '',
    ]
      .filter(Boolean)
      .join(', ') || 'nada',
  delayOption: (seconds) => (seconds === 0 ? 'Desactivado' : inUnit('minute', seconds / 60)),
} satisfies LocaleBundle<ChatModerationStrings>;
