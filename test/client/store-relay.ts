/**
 * One real relay for a client test file, and what a test opens on it (connections, stores,
 * listeners), all closed after the test, the last opened first.
 */
import { afterEach } from 'node:test';
import type { ReadableAtom } from 'nanostores';
import { Connection } from '../../src/connection/connection.js';
import { withRelay } from '../helpers/fresh-relay.js';
import type { RelayOptions, RelayProcess } from '../helpers/relay.js';
import { recordingSockets } from './recording-socket.js';
import { until } from './wait.js';

export interface OpenOptions {
  /** A JWT; anonymous without one. */
  token?: string;
  anonName?: string;
  /** localStorage: two connections sharing it are one anonymous user (two tabs). */
  storage?: Map<string, string>;
  /** Another relay than the file's. */
  target?: RelayProcess;
}

export function storeRelay(options: RelayOptions) {
  const { relay } = withRelay(options);
  const cleanup: Array<() => void> = [];
  afterEach(() => {
    for (const fn of cleanup.splice(0).reverse()) fn();
  });
  /** Runs each of `fns` after the test. */
  const onCleanup = (...fns: Array<() => void>) => void cleanup.push(...fns);

  /** A connection through recording sockets (to count frames and cut the socket). */
  function open({ token, anonName, storage = new Map(), target = relay }: OpenOptions = {}) {
    const sockets = recordingSockets();
    const connection = new Connection({
      url: target.url,
      token,
      anonName,
      WebSocket: sockets.WebSocket,
      storage: {
        getItem: (k) => storage.get(k) ?? null,
        setItem: (k, v) => void storage.set(k, v),
      },
      minBackoffMs: 20,
      maxBackoffMs: 50,
    });
    onCleanup(() => connection.close());
    return { connection, sockets };
  }

  /** `store`, destroyed after the test, once it has loaded. */
  async function loaded<S extends { $loaded: ReadableAtom<boolean>; destroy(): void }>(
    store: S,
  ): Promise<S> {
    onCleanup(() => store.destroy());
    await until(store.$loaded, Boolean);
    return store;
  }

  return { relay, cleanup: onCleanup, open, loaded };
}
