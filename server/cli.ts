/**
 * `hubbub-relay`: runs one relay. Every setting has a flag (kebab case) and an environment
 * variable (`HUBBUB_` + upper snake case); a flag wins over the variable, the variable over the
 * default. The secret comes from `HUBBUB_SECRET` only, never from the command line.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS, type Limits } from '../src/protocol/index.js';
import type { Engine } from './engines/engine.js';
import { MemoryEngine } from './engines/memory.js';
import { SqliteEngine } from './engines/sqlite.js';
import { RedisEngine } from './engines/redis.js';
import { Cluster } from './cluster/cluster.js';
import { printStatus } from './cluster/status.js';
import { httpsOrigin } from './avatars.js';
import { createHttpServer } from './http.js';
import { DEFAULT_CONFIG, DEFAULT_RATE_LIMITS, type RelayConfig } from './limits.js';
import { Relay } from './relay.js';
import { features } from './features/index.js';

/**
 * Connections the kernel may hold for the relay to accept (capped by net.core.somaxconn).
 * Node's default, 511, overflows when thousands of viewers reconnect at once while the relay is
 * busy broadcasting: the kernel then drops their handshakes and each retries only after a 1 s
 * TCP timeout.
 */
const LISTEN_BACKLOG = 4096;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

type Kind = 'number' | 'string' | 'boolean' | 'switch' | 'list';
interface Setting {
  kind: Kind;
  help: string;
}

const LIMIT_HELP: Record<keyof Limits, string> = {
  maxFrameBytes: 'largest frame accepted, in UTF-8 bytes (bigger: close 1009)',
  maxBufferedBytes: 'unsent bytes after which a socket is a slow consumer (close 4008)',
  historyLimit: 'events kept per channel',
  historyTtlMs: 'how long events are kept',
  replayLimit: 'most events one resume replays (beyond: reset)',
  presenceGraceMs: 'how long a dropped member stays present',
  presenceIntervalMs: 'presence changes are coalesced to at most one frame per interval',
  presenceListLimit: 'members listed in presence frames',
  tallyIntervalMs: 'poll tallies are coalesced to at most one event per interval',
  quizGraceMs: 'transit grace after a quiz deadline',
  heartbeatMs: 'ping after this much silence; drop after twice as long',
};

const SETTINGS: Record<string, Setting> = {
  port: {
    kind: 'number',
    help: `port to listen on (default ${DEFAULT_CONFIG.port}; 0 = any free port)`,
  },
  host: { kind: 'string', help: `address to listen on (default ${DEFAULT_CONFIG.host})` },
  data: { kind: 'string', help: `folder of the SQLite file (default ${DEFAULT_CONFIG.dataDir})` },
  memory: { kind: 'boolean', help: 'keep everything in memory (a new epoch per start)' },
  redis: {
    kind: 'string',
    help: 'redis://HOST:PORT (or redis-sentinel://H1:P1,H2:P2/NAME): join the relays on it',
  },
  maxConnections: {
    kind: 'number',
    help: 'sockets this relay takes (default 0 = unlimited); beyond, 1013 sends clients elsewhere',
  },
  publicUrl: {
    kind: 'string',
    help: 'where clients reach this relay, as `status` shows it (default ws://HOST:PORT/live)',
  },
  anonymous: {
    kind: 'switch',
    help: 'on|off: let users without a token join as audience (default on)',
  },
  rateLimits: { kind: 'switch', help: 'on|off: every rate limit (off for load tests only)' },
  maxConnectionsPerIp: {
    kind: 'number',
    help: `connections per IP address (default ${DEFAULT_CONFIG.maxConnectionsPerIp}; 0 = unlimited)`,
  },
  anonymousRooms: {
    kind: 'list',
    help: 'rooms anonymous users may enter: ids or patterns with * (default *: all)',
  },
  anonymousPerIpPerMinute: {
    kind: 'number',
    help: `new anonymous identities per address per minute (default ${DEFAULT_CONFIG.anonymousPerIpPerMinute}; 0 = unlimited)`,
  },
  trustProxy: {
    kind: 'number',
    help: 'proxies in front whose X-Forwarded-For is trusted for the client address (default 0)',
  },
  allowedOrigins: {
    kind: 'list',
    help: 'origins whose pages may connect, e.g. https://site.example (default: any)',
  },
  helloTimeoutMs: {
    kind: 'number',
    help: `time a socket has to say hello (default ${DEFAULT_CONFIG.helloTimeoutMs})`,
  },
  channelIdleMs: {
    kind: 'number',
    help: `unused channels leave memory after this long (default ${DEFAULT_CONFIG.channelIdleMs})`,
  },
  maxSubscriptionsPerConnection: {
    kind: 'number',
    help: `channels one connection may subscribe to (default ${DEFAULT_CONFIG.maxSubscriptionsPerConnection})`,
  },
  maxChannelsPerConnection: {
    kind: 'number',
    help: `distinct channels one connection may use (default ${DEFAULT_CONFIG.maxChannelsPerConnection})`,
  },
  demo: {
    kind: 'boolean',
    help: 'serve the demo pages and issue dev tokens (never in production)',
  },
  static: { kind: 'string', help: 'folder served at / in demo mode (default demo/)' },
  avatarOrigins: {
    kind: 'list',
    help: 'https origins presence avatars may come from, comma or space separated (default none)',
  },
  ...Object.fromEntries(
    Object.entries(LIMIT_HELP).map(([key, help]) => [
      key,
      { kind: 'number', help: `${help} (default ${DEFAULT_LIMITS[key as keyof Limits]})` },
    ]),
  ),
};

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const envName = (name: string) => `HUBBUB_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

export class UsageError extends Error {}

/** Reads the settings from argv and the environment. */
export function parseSettings(
  argv: string[],
  env: NodeJS.ProcessEnv,
): Record<string, string | boolean> {
  const byFlag = new Map(Object.keys(SETTINGS).map((name) => [`--${kebab(name)}`, name]));
  const values: Record<string, string | boolean> = {};
  for (const name of Object.keys(SETTINGS)) {
    const value = env[envName(name)];
    if (value !== undefined && value !== '') values[name] = value;
  }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const name = byFlag.get(flag);
    if (!name) throw new UsageError(`unknown option ${flag}`);
    if (SETTINGS[name].kind === 'boolean' && inline === undefined) {
      values[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    values[name] = value;
  }
  return values;
}

export function buildConfig(
  values: Record<string, string | boolean>,
  env: NodeJS.ProcessEnv,
): RelayConfig {
  const config: RelayConfig = { ...DEFAULT_CONFIG, staticDir: join(root, 'demo') };
  for (const [name, raw] of Object.entries(values)) {
    const { kind } = SETTINGS[name];
    const flag = `--${kebab(name)}`;
    if (kind === 'number') {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0)
        throw new UsageError(`${flag} must be a whole number >= 0`);
      (config as unknown as Record<string, number>)[name] = n;
    } else if (kind === 'boolean') {
      config[name as 'memory' | 'demo'] = raw === true || /^(1|true|on|yes)$/i.test(String(raw));
    } else if (kind === 'list' && name !== 'avatarOrigins') {
      const items = String(raw)
        .split(/[\s,]+/)
        .filter(Boolean);
      (config as unknown as Record<string, string[]>)[name] = items;
    } else if (kind === 'switch') {
      if (!/^(on|off)$/.test(String(raw))) throw new UsageError(`${flag} must be on or off`);
      if (name === 'anonymous') config.anonymous = raw === 'on';
      else config.rateLimits = raw === 'on' ? DEFAULT_RATE_LIMITS : null;
    } else if (kind === 'list') {
      const origins = String(raw)
        .split(/[\s,]+/)
        .filter(Boolean);
      const bad = origins.find((origin) => httpsOrigin(origin) === null);
      if (bad !== undefined) throw new UsageError(`${flag}: ${bad} is not an https origin`);
      config.avatarOrigins = origins.map((origin) => httpsOrigin(origin)!);
    } else if (name === 'data') {
      config.dataDir = String(raw);
    } else if (name === 'redis') {
      if (!/^(rediss?|redis-sentinel):\/\//.test(String(raw))) {
        throw new UsageError('--redis must be a redis://, rediss:// or redis-sentinel:// URL');
      }
      config.redis = String(raw);
    } else if (name === 'publicUrl') {
      config.publicUrl = String(raw);
    } else if (name === 'static') {
      config.staticDir = resolve(String(raw));
    } else {
      config.host = String(raw);
    }
  }
  if (config.maxFrameBytes < 256) throw new UsageError('--max-frame-bytes must be at least 256');
  if (config.anonymousRooms.length === 0) config.anonymousRooms = ['*'];
  // The demo issues tokens to whoever asks: it listens on this machine only unless told otherwise.
  if (config.demo && values.host === undefined) config.host = '127.0.0.1';
  if (config.heartbeatMs < 20) throw new UsageError('--heartbeat-ms must be at least 20');
  config.secret = env.HUBBUB_SECRET ?? '';
  return config;
}

/** Without HUBBUB_SECRET: a generated secret, kept beside the data so anonymous ids stay stable. */
function ensureSecret(config: RelayConfig): string | null {
  if (config.secret) return null;
  if (config.redis) {
    // Relays of one cluster must share it (tokens, anonymous ids): it cannot be made up here.
    throw new UsageError(
      'HUBBUB_SECRET must be set with --redis: every relay of a cluster shares it',
    );
  }
  if (config.memory) {
    config.secret = randomBytes(32).toString('base64url');
    return 'HUBBUB_SECRET is not set: using a random secret for this run';
  }
  const file = join(config.dataDir, 'secret');
  if (existsSync(file)) {
    config.secret = readFileSync(file, 'utf8').trim();
  } else {
    mkdirSync(config.dataDir, { recursive: true });
    config.secret = randomBytes(32).toString('base64url');
    writeFileSync(file, config.secret, { mode: 0o600 });
  }
  return `HUBBUB_SECRET is not set: using the generated secret in ${file}`;
}

function usage(): string {
  const lines = Object.entries(SETTINGS).map(
    ([name, { help }]) => `  --${kebab(name)}`.padEnd(28) + `${envName(name)}`.padEnd(32) + help,
  );
  return `Usage: hubbub-relay [options]\n       hubbub-relay status --redis URL   (every relay of a cluster, its load, the totals)\n\nOptions (flag, environment variable, meaning):\n${lines.join('\n')}\n\nHUBBUB_SECRET is the HS256 secret shared with the site's backend.\n`;
}

export async function main(argv = process.argv.slice(2), env = process.env): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage());
    return;
  }
  const status = argv[0] === 'status';
  let config: RelayConfig;
  let warning: string | null = null;
  try {
    config = buildConfig(parseSettings(status ? argv.slice(1) : argv, env), env);
    if (status) {
      if (!config.redis) throw new UsageError('status needs --redis URL (or HUBBUB_REDIS_URL)');
      return await printStatus(config.redis);
    }
    warning = ensureSecret(config);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`hubbub-relay: ${error.message}\n\n${usage()}`);
    process.exit(2);
  }
  if (warning) console.warn(`hubbub-relay: ${warning}`);
  if (config.allowedOrigins.length === 0 && !config.demo) {
    console.warn('hubbub-relay: --allowed-origins is not set: pages of any origin may connect');
  }
  let engine: Engine;
  let cluster: Cluster | null = null;
  let publicUrl = config.publicUrl ?? '';
  if (config.redis) {
    const redis = new RedisEngine(config.redis, config);
    try {
      await redis.open();
    } catch (error) {
      console.error(`hubbub-relay: cannot reach Redis at ${config.redis}:`, String(error));
      process.exit(1);
    }
    engine = redis;
  } else {
    engine = config.memory ? new MemoryEngine() : new SqliteEngine(config.dataDir);
  }
  // Installed before listening, so a SIGTERM during start-up is graceful too.
  let stopping = false;
  const stop = async (why: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`hubbub-relay: ${why}, closing`);
    try {
      // New sockets are refused (503) and health answers 503 while the relay drains.
      await relay.close();
    } catch (error) {
      console.error('hubbub-relay: closing failed', error);
      exitCode ||= 1;
    }
    server.close();
    process.exit(exitCode);
  };
  // A failed store ends the process non-zero, so its supervisor starts a healthy one.
  const relay = new Relay(config, engine, features, {
    onFatal: () => void stop('the store failed', 1),
    cluster:
      engine instanceof RedisEngine
        ? (self) => (cluster = new Cluster(self, engine as RedisEngine, () => publicUrl))
        : undefined,
  });
  const server = createHttpServer(relay, config, {
    mounts: { '/': config.staticDir ?? join(root, 'demo'), '/dist/': join(root, 'dist') },
  });
  relay.attach(server);
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () =>
      resolveListen(),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const bound = typeof address === 'object' && address ? address.address : config.host;
  // The address actually bound; a wildcard is shown as this machine's loopback, and said so.
  const wildcard = bound === '0.0.0.0' || bound === '::';
  const shownHost = wildcard ? '127.0.0.1' : bound.includes(':') ? `[${bound}]` : bound;
  const base = `http://${shownHost}:${port}`;
  if (wildcard) console.log(`hubbub-relay: listening on every interface (${bound}), port ${port}`);
  publicUrl ||= `${base.replace('http', 'ws')}/live`;
  if (cluster) await (cluster as Cluster).start();
  const where =
    engine instanceof SqliteEngine
      ? `sqlite ${engine.file}`
      : engine instanceof RedisEngine
        ? `redis ${config.redis} (relay ${engine.relayId})`
        : 'memory';
  console.log(
    `hubbub-relay listening on ${base} (ws ${base.replace('http', 'ws')}/live, engine ${where})`,
  );
  if (config.demo) {
    console.log(`  stream page:  ${base}/`);
    console.log(`  host console: ${base}/host.html`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
