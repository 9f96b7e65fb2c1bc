/**
 * Every piece of text `<live-host-console>` shows (its panels have their own `strings`). Replace
 * some or all of them through the element's `strings` property to translate the console.
 */
import type { ConnectionStatus } from '../../connection/index.js';
import type { HostExport, HostTab } from './live-host-console.parts.js';
import type { ConnectionStrings } from '../internal/strings.js';

export interface HostConsoleStrings extends ConnectionStrings {
  /** Accessible name of the tab list. */
  console: string;
  tabs: Record<HostTab, string>;
  /** Before the relay has said who the viewer is. */
  loading: string;
  /** Shown instead of the console to viewers who are not hosts or moderators. */
  hostsOnly: string;
  /** The connection status in the header. */
  status: Record<ConnectionStatus, string>;
  /** The Export menu's label. */
  exportMenu: string;
  /** Each download's button. */
  exports: Record<HostExport, string>;
  /** While a download is being prepared. */
  exporting: string;
  /** A download that failed; `{reason}` is the relay's. */
  exportFailed: string;
  /** No token to show the relay (the console needs a host's `token`, or its `<live-room>`'s). */
  exportNoToken: string;
}

export const defaultHostConsoleStrings: HostConsoleStrings = {
  console: 'Host console',
  tabs: {
    polls: 'Polls',
    quiz: 'Quiz',
    chat: 'Chat',
    qa: 'Q&A',
    reactions: 'Reactions',
    review: 'Review',
  },
  loading: 'Connecting to the room…',
  hostsOnly: 'The host console is for hosts and moderators.',
  status: {
    idle: 'Not connected',
    connecting: 'Connecting…',
    open: 'Connected',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
    closed: 'Disconnected',
  },
  exportMenu: 'Export',
  exports: {
    chat: 'Chat transcript (CSV)',
    polls: 'Poll results (CSV)',
    quiz: 'Quiz results (CSV)',
    qa: 'Q&A (CSV)',
    modlog: 'Moderation log (CSV)',
    all: 'Everything (JSON)',
  },
  exporting: 'Preparing the download…',
  exportFailed: 'The export failed: {reason}',
  exportNoToken: 'Exports need a host token.',
  offline: 'You are offline. Changes will be sent when the connection is back.',
  reconnecting: 'Connection lost. Reconnecting…',
  closed: 'Disconnected from the room.',
};
