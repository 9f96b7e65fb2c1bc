import type { ChatStrings } from '../../elements/live-chat/live-chat.strings.js';
import { clock, count } from '../format.js';
import { plural } from '../plural.js';
import type { LocaleBundle } from '../types.js';

export default {
  log: 'Mensajes del chat',
  loading: 'Cargando mensajes…',
  empty: 'Aún no hay mensajes. ¡Saluda!',
  offline: 'Sin conexión. Los mensajes se enviarán cuando vuelva la conexión.',
  jumpToLatest: 'Ir a lo último',
  skipped: (n) =>
    plural('es', n, {
      one: `${count('es', n)} mensaje anterior omitido`,
      other: `${count('es', n)} mensajes anteriores omitidos`,
    }),
  showSkipped: (n) => (n === 1 ? 'Mostrarlo' : `Mostrar ${count('es', n)}`),
  inputLabel: 'Mensaje',
  placeholder: 'Escribe algo…',
  send: 'Enviar',
  wait: (seconds) => `Espera ${seconds} s`,
  counter: (length, max) => `${length} / ${max}`,
  tooLong: (max) => `Los mensajes pueden tener como máximo ${max} caracteres.`,
  reply: 'Responder',
  replyingTo: (name) => `Respondiendo a ${name}`,
  cancelReply: 'Cancelar respuesta',
  unknownParent: 'Mensaje anterior',
  delete: 'Eliminar',
  pin: 'Fijar',
  unpin: 'Desfijar',
  pinned: 'Fijado',
  timeout: 'Silenciar 10 min',
  ban: 'Expulsar',
  unban: 'Readmitir',
  sending: 'enviando…',
  failed: (error) => `No enviado: ${error}`,
  gated: (gate, seconds) => {
    if (gate === 'signedIn') return 'El chat es para espectadores con sesión iniciada';
    if (gate === 'emoteOnly') return 'Modo solo emotes';
    if (gate === 'links') return 'No se permiten enlaces';
    if (seconds <= 0)
      return gate === 'firstChat' ? 'Ya puedes escribir' : 'Tu cuenta es demasiado nueva';
    return gate === 'firstChat'
      ? `Podrás escribir en ${clock(seconds)}`
      : `Tu cuenta podrá escribir en ${clock(seconds)}`;
  },
  retry: 'Reintentar',
  dismiss: 'Descartar',
  typingOne: (name) => `${name} está escribiendo…`,
  typingTwo: (first, second) => `${first} y ${second} están escribiendo…`,
  typingMany: 'Varias personas están escribiendo…',
  bannedForever: 'Te han expulsado de este chat. Aún puedes leerlo.',
  bannedUntil: (minutes) =>
    plural('es', minutes, {
      one: `Estás silenciado durante ${minutes} minuto más.`,
      other: `Estás silenciado durante ${count('es', minutes)} minutos más.`,
    }),
  timedOut: (left, reason) => `Silenciado durante ${left}${reason ? ` — ${reason}` : ''}`,
  heldMarker: 'Pendiente de revisión',
  report: 'Denunciar',
  reported: 'Denunciado',
  hiddenMarker: 'oculto',
  delayedMarker: 'retrasado',
  slowMode: 'Modo lento',
  slowModeOff: 'No',
  slowModeOption: (seconds) => (seconds < 60 ? `${seconds} s` : `${seconds / 60} min`),
  slowModeNotice: (seconds) => `Modo lento: un mensaje cada ${seconds} s.`,
  role: { host: 'Anfitrión', moderator: 'Moderador', audience: '' },
  actionsFor: (name) => `Mensaje de ${name}`,
  reportTitle: (name) => `Denunciar el mensaje de ${name}`,
  reportReason: '¿Por qué?',
  reportReasons: {
    spam: 'Spam o estafa',
    harassment: 'Acoso',
    hate: 'Discurso de odio',
    sexual: 'Contenido sexual',
    other: 'Otro motivo',
  },
  reportNote: 'Añade una nota para los moderadores (opcional)',
  reportSend: 'Enviar denuncia',
  reportCancel: 'Cancelar',
  reportSent: 'Gracias: los moderadores lo revisarán.',
  showAll: 'Mostrar todo',
  showLess: 'Mostrar menos',
  messageName: ({ author, role, time, text, replyTo }) =>
    [
      role ? `${author} (${role})` : author,
      replyTo === undefined ? '' : `respuesta a ${replyTo}`,
      time,
    ]
      .filter(Boolean)
      .join(', ') + `: ${text}`,
} satisfies LocaleBundle<ChatStrings>;
