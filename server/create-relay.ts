/**
 * `createRelay(options)`: a relay listening on its own HTTP server inside a Node process of the
 * caller's (a backend, a test, a worker), exactly as `hubbub-relay` runs one. The CLI is this plus
 * flags, a config file, signals and the start-up banner.
 *
 * ```js
 * import { createRelay, signToken } from 'hubbub-relay';
 * const relay = await createRelay({ secret: process.env.HUBBUB_SECRET, port: 8080, memory: true });
 * // relay.wsUrl: ws://127.0.0.1:8080/live; await relay.close() on shutdown
 * ```
 */
import type { Server } from 'node:http';
import { API_KEY_MIN_LENGTH } from './api/auth.js';
import type { Engine } from './engines/engine.js';
import { MemoryEngine } from './engines/memory.js';
import { SqliteEngine } from './engines/sqlite.js';
import { RedisEngine } from './engines/redis.js';
import { Cluster } from './cluster/cluster.js';
import { createHttpServer } from './http.js';
import { DEFAULT_CONFIG, type RelayConfig } from './limits.js';
import { log } from './log.js';
import { Relay } from './relay.js';
import { features } from './features/index.js';
import type { WebhookSettings } from './webhooks/config.js';
import { startWebhooks } from './webhooks/start.js';

/**
 * Connections the kernel may hold for the relay to accept (capped by net.core.somaxconn).
 * Node's default, 511, overflows when thousands of viewers reconnect at once while the relay is
 * busy broadcasting: the kernel then drops their handshakes and each retries only after a 1 s
 * TCP timeout.
 */
const LISTEN_BACKLOG = 4096;

export interface CreateRelayOptions extends Partial<RelayConfig> {
  /** The HS256 secret shared with the site's backend (tokens, anonymous ids). Required. */
  secret: string;
  /** Called once when the store failed: the relay has stopped serving and must be replaced. */
  onFatal?: (error: unknown) => void;
  /** Folders served under URL prefixes in demo mode, e.g. `{ '/': 'demo' }`. */
  mounts?: Record<string, string>;
  /** Signed webhooks to the site's backend (`webhooks/config.ts`); none by default. */
  webhooks?: WebhookSettings | null;
}

export interface RunningRelay {
  readonly relay: Relay;
  readonly server: Server;
  /** The store it runs on: `memory`, `sqlite FILE` or `redis URL (relay ID)`. */
  readonly store: string;
  /** The port it listens on (the one chosen when `port` was 0). */
  readonly port: number;
  /** The address it is bound to, as the system reports it (`0.0.0.0`, `127.0.0.1`, `::`…). */
  readonly address: string;
  /** `http://HOST:PORT`, a wildcard address shown as this machine's loopback. */
  readonly url: string;
  /** Where pages connect: `ws://HOST:PORT/live`. */
  readonly wsUrl: string;
  /**
   * Graceful stop: every socket is told to reconnect elsewhere (1012), what was decided is
   * committed, the store is released and the HTTP server stops listening.
   */
  close(): Promise<void>;
}

/** Starts a relay: its store, its HTTP server (`/live`, `/healthz`, `/readyz`, `/metrics`). */
export async function createRelay(options: CreateRelayOptions): Promise<RunningRelay> {
  const { onFatal, mounts = {}, webhooks: hooks = null, ...settings } = options;
  const config: RelayConfig = { ...DEFAULT_CONFIG, ...withoutUndefined(settings) };
  if (typeof config.secret !== 'string' || config.secret.length === 0) {
    throw new TypeError('createRelay: `secret` is required');
  }
  if (typeof config.apiKey === 'string' && config.apiKey.length < API_KEY_MIN_LENGTH) {
    throw new TypeError(
      `createRelay: \`apiKey\` must be at least ${API_KEY_MIN_LENGTH} characters`,
    );
  }
  let engine: Engine;
  if (config.redis) {
    const redis = new RedisEngine(config.redis, config);
    try {
      await redis.open();
    } catch (error) {
      throw new Error(`cannot reach Redis at ${config.redis}: ${String(error)}`, { cause: error });
    }
    engine = redis;
  } else {
    engine = config.memory ? new MemoryEngine() : new SqliteEngine(config.dataDir);
  }
  let publicUrl = config.publicUrl ?? '';
  let cluster: Cluster | null = null;
  const relay = new Relay(config, engine, features, {
    onFatal: (error) => onFatal?.(error),
    cluster:
      engine instanceof RedisEngine
        ? (self) => (cluster = new Cluster(self, engine as RedisEngine, () => publicUrl))
        : undefined,
  });
  const webhooks = hooks ? startWebhooks(relay, hooks) : null;
  const server = createHttpServer(relay, config, { mounts, webhooks });
  relay.attach(server);
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => {
        server.off('error', reject);
        resolveListen();
      });
    });
  } catch (error) {
    await relay.close().catch(() => undefined);
    throw error;
  }
  const bound = server.address();
  const port = typeof bound === 'object' && bound ? bound.port : config.port;
  const address = typeof bound === 'object' && bound ? bound.address : config.host;
  const wildcard = address === '0.0.0.0' || address === '::';
  const shownHost = wildcard ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address;
  const url = `http://${shownHost}:${port}`;
  const wsUrl = `${url.replace('http', 'ws')}/live`;
  publicUrl ||= wsUrl;
  if (cluster) await (cluster as Cluster).start();
  const store =
    engine instanceof SqliteEngine
      ? `sqlite ${engine.file}`
      : engine instanceof RedisEngine
        ? `redis ${config.redis} (relay ${engine.relayId})`
        : 'memory';
  log.info({ address, port, store, url: wsUrl }, 'relay listening');
  let closed: Promise<void> | undefined;
  return {
    relay,
    server,
    store,
    port,
    address,
    url,
    wsUrl,
    close: () =>
      (closed ??= (async () => {
        try {
          await relay.close();
        } finally {
          webhooks?.close();
          server.close();
          log.info({ port }, 'relay stopped');
        }
      })()),
  };
}

/** `{ port: undefined }` leaves the default, as if `port` had not been given. */
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => item !== undefined),
  ) as Partial<T>;
}
