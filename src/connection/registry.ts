/** One Connection per relay list, shared by every widget on the page. */
import { Connection } from './connection.js';
import { relayListKey } from './relays.js';
import { tabSharingAvailable, tabSocketClass } from './tabs/tab-socket.js';
import type { ConnectionOptions } from './types.js';

/**
 * How long a connection outlives its last release. A widget moved in the DOM runs
 * disconnectedCallback then connectedCallback; the grace keeps its socket through that.
 */
export const RELEASE_GRACE_MS = 1_000;

interface Shared {
  connection: Connection;
  refs: number;
  closeTimer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Kept on `globalThis` under a registered symbol, so two copies of the kit on one page (a
 * script tag and an app bundle) still share one socket per relay.
 */
const REGISTRY = Symbol.for('hubbub.connections.v1');
const shared = ((globalThis as Record<symbol, unknown>)[REGISTRY] ??= new Map()) as Map<
  string,
  Shared
>;

/**
 * The page's connection to `url`, made on first use: one relay URL, or several of one service
 * separated by whitespace. The same URLs in any order or spacing are one connection. Every call
 * takes a reference; give it back with releaseConnection(). The first caller's options win:
 * later callers share its token and settings (change the token with `connection.setToken()`).
 * Unless `shareAcrossTabs` is false, the socket itself is shared with the page's other tabs.
 */
export function getConnection(
  url: string,
  options: Omit<ConnectionOptions, 'url'> = {},
): Connection {
  const key = relayListKey(url);
  let entry = shared.get(key);
  if (!entry || entry.connection.disposed) {
    const acrossTabs =
      options.shareAcrossTabs !== false && !options.WebSocket && tabSharingAvailable();
    entry = {
      connection: new Connection({
        ...options,
        url: key,
        ...(acrossTabs ? { WebSocket: tabSocketClass(key) } : {}),
      }),
      refs: 0,
      closeTimer: undefined,
    };
    shared.set(key, entry);
  }
  clearTimeout(entry.closeTimer);
  entry.closeTimer = undefined;
  entry.refs++;
  return entry.connection;
}

/** Gives back a reference; the connection closes RELEASE_GRACE_MS after the last one. */
export function releaseConnection(connection: Connection): void {
  const entry = shared.get(connection.url);
  if (!entry || entry.connection !== connection || entry.refs === 0) return;
  entry.refs--;
  if (entry.refs > 0) return;
  entry.closeTimer = setTimeout(() => {
    if (entry.refs > 0 || shared.get(connection.url) !== entry) return;
    shared.delete(connection.url);
    connection.close();
  }, RELEASE_GRACE_MS);
}
