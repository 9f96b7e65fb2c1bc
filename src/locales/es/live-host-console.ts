/** Spanish texts of `<live-host-console>` (its panels have their own bundles). */
import type { HostConsoleStrings } from '../../elements/live-host-console/live-host-console.strings.js';
import type { LocaleBundle } from '../types.js';

export default {
  console: 'Consola del anfitrión',
  tabs: {
    polls: 'Encuestas',
    quiz: 'Cuestionario',
    chat: 'Chat',
    qa: 'Preguntas',
    reactions: 'Reacciones',
    review: 'Revisión',
  },
  hostsOnly: 'La consola es para anfitriones y moderadores.',
  status: {
    idle: 'Sin conectar',
    connecting: 'Conectando…',
    open: 'Conectado',
    reconnecting: 'Reconectando…',
    offline: 'Sin conexión',
    closed: 'Desconectado',
  },
  exportMenu: 'Exportar',
  exports: {
    chat: 'Transcripción del chat (CSV)',
    polls: 'Resultados de las encuestas (CSV)',
    quiz: 'Resultados del cuestionario (CSV)',
    qa: 'Preguntas y respuestas (CSV)',
    modlog: 'Registro de moderación (CSV)',
    all: 'Todo (JSON)',
  },
  exporting: 'Preparando la descarga…',
  exportFailed: 'No se pudo exportar: {reason}',
  exportNoToken: 'Para exportar hace falta un token de anfitrión.',
} satisfies LocaleBundle<HostConsoleStrings>;
