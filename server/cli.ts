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
import { printStatus } from './cluster/status.js';
import { pageOrigin } from './admission.js';
import { httpsOrigin } from './avatars.js';
import { API_KEY_MIN_LENGTH } from './api/auth.js';
import { createRelay, type RunningRelay } from './create-relay.js';
import { DEFAULT_CONFIG, DEFAULT_RATE_LIMITS, type RelayConfig } from './limits.js';
import { fault, log } from './log.js';
import { parseWebhooks, WebhookConfigError, type WebhookSettings } from './webhooks/config.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

type Kind = 'number' | 'string' | 'boolean' | 'switch' | 'list';
interface Setting {
  kind: Kind;
  help: string;
  /** Its variables when not `HUBBUB_` + the name in upper snake case: the first is documented. */
  env?: string[];
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
    // The documented name (DESIGN.md, README, docs/cluster.md); HUBBUB_REDIS, which older
    // versions read, still works.
    env: ['HUBBUB_REDIS_URL', 'HUBBUB_REDIS'],
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
  maxChannels: {
    kind: 'number',
    help: `channels held in memory at once; past it idle ones are unloaded, new ones refused (default ${DEFAULT_CONFIG.maxChannels}; 0 = unlimited)`,
  },
  demo: {
    kind: 'boolean',
    help: 'serve the demo pages and issue dev tokens (never in production)',
  },
  static: { kind: 'string', help: 'folder served at / in demo mode (default demo/)' },
  config: {
    kind: 'string',
    help: 'a JSON file of settings ({"port": 8080, "historyLimit": 5000}); flags and variables win',
  },
  apiKey: {
    kind: 'string',
    help: 'the HTTP API key (/api/v1, Authorization: Bearer KEY); prefer HUBBUB_API_KEY (default: none, host tokens only)',
  },
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
const envNames = (name: string) =>
  SETTINGS[name].env ?? [`HUBBUB_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`];
const envName = (name: string) => envNames(name)[0];

export class UsageError extends Error {}

/** Reads the settings from argv and the environment. */
export function parseSettings(
  argv: string[],
  env: NodeJS.ProcessEnv,
): Record<string, string | boolean> {
  const byFlag = new Map(Object.keys(SETTINGS).map((name) => [`--${kebab(name)}`, name]));
  const values: Record<string, string | boolean> = {};
  for (const name of Object.keys(SETTINGS)) {
    const value = envNames(name)
      .map((variable) => env[variable])
      .find((v) => v !== undefined && v !== '');
    if (value !== undefined) values[name] = value;
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
  if (typeof values.config === 'string') {
    const file = values.config;
    delete values.config;
    for (const [name, value] of Object.entries(readConfigFile(file))) values[name] ??= value;
  }
  return values;
}

/**
 * The settings of a `--config` JSON file, in the form flags give them. Keys are the settings'
 * names in camel case (`historyLimit`) or as flags without dashes (`history-limit`); the secret
 * is not one of them (environment only), nor is `config` itself.
 */
function readConfigFile(file: string): Record<string, string | boolean> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--config ${file}: ${error instanceof Error ? error.message : error}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`--config ${file}: not a JSON object`);
  }
  const values: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const name = key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (name === 'secret')
      throw new UsageError(`--config ${file}: the secret is HUBBUB_SECRET only`);
    if (name === 'webhooks') {
      // Endpoints and their secrets: from the file only (`webhookSettings`), never a flag.
      values.webhooks = JSON.stringify(value);
      continue;
    }
    const setting = name === 'config' ? undefined : SETTINGS[name];
    if (!setting || !Object.hasOwn(SETTINGS, name)) {
      throw new UsageError(`--config ${file}: unknown setting ${key}`);
    }
    if (setting.kind === 'switch' && typeof value === 'boolean')
      values[name] = value ? 'on' : 'off';
    else if (setting.kind === 'boolean' && typeof value === 'boolean') values[name] = value;
    else if (setting.kind === 'list' && Array.isArray(value)) values[name] = value.join(',');
    else if (typeof value === 'string' || typeof value === 'number') values[name] = String(value);
    else throw new UsageError(`--config ${file}: ${key} has the wrong type`);
  }
  return values;
}

/** The version of the package this file was installed with (the nearest package.json above). */
export function relayVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return String(JSON.parse(readFileSync(file, 'utf8')).version);
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

export function buildConfig(
  values: Record<string, string | boolean>,
  env: NodeJS.ProcessEnv,
): RelayConfig {
  const config: RelayConfig = { ...DEFAULT_CONFIG, staticDir: join(root, 'demo') };
  for (const [name, raw] of Object.entries(values)) {
    if (name === 'webhooks') continue;
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
      if (name === 'allowedOrigins') {
        // Compared with the page's `Origin`: a value that can never equal one is a typo that
        // would refuse every page, so it stops the start instead.
        const bad = items.find((origin) => pageOrigin(origin) === null);
        if (bad !== undefined) {
          throw new UsageError(`${flag}: ${bad} is not an origin (https://site.example)`);
        }
        config.allowedOrigins = items.map((origin) => pageOrigin(origin)!);
        continue;
      }
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
    } else if (name === 'apiKey') {
      if (String(raw).length < API_KEY_MIN_LENGTH) {
        throw new UsageError(`${flag} must be at least ${API_KEY_MIN_LENGTH} characters`);
      }
      config.apiKey = String(raw);
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

/**
 * The webhooks of the config file's `webhooks` and of `HUBBUB_WEBHOOK_URL` (with
 * `HUBBUB_WEBHOOK_SECRET`, `HUBBUB_WEBHOOK_EVENTS`), or null when there are none.
 */
export function webhookSettings(
  values: Record<string, string | boolean>,
  env: NodeJS.ProcessEnv,
): WebhookSettings | null {
  try {
    const raw = typeof values.webhooks === 'string' ? JSON.parse(values.webhooks) : undefined;
    return parseWebhooks(raw, env);
  } catch (error) {
    if (error instanceof WebhookConfigError) throw new UsageError(error.message);
    throw error;
  }
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
  // Columns as wide as their longest entry plus two spaces, so no flag runs into its variable.
  const names = Object.keys(SETTINGS);
  const flagWidth = Math.max(...names.map((name) => `  --${kebab(name)}`.length)) + 2;
  const envWidth = Math.max(...names.map((name) => envName(name).length)) + 2;
  const lines = Object.entries(SETTINGS).map(
    ([name, { help }]) =>
      `  --${kebab(name)}`.padEnd(flagWidth) + `${envName(name)}`.padEnd(envWidth) + help,
  );
  return `Usage: hubbub-relay [options]   (--version: the version, --help: this)\n       hubbub-relay status --redis URL   (every relay of a cluster, its load, the totals)\n\nOptions (flag, environment variable, meaning):\n${lines.join('\n')}\n\nHUBBUB_SECRET is the HS256 secret shared with the site's backend.\nWebhooks: "webhooks": [{"url", "events", "secret"}] in the --config file, or one endpoint with\nHUBBUB_WEBHOOK_URL, HUBBUB_WEBHOOK_SECRET and HUBBUB_WEBHOOK_EVENTS (docs/protocol-notes.md).\nHUBBUB_API_KEY is the server key of the HTTP API (ops, reads, exports, GET /api/v1/webhooks).\n`;
}

export async function main(argv = process.argv.slice(2), env = process.env): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage());
    return;
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${relayVersion()}\n`);
    return;
  }
  const status = argv[0] === 'status';
  let config: RelayConfig;
  let webhooks: WebhookSettings | null = null;
  let warning: string | null = null;
  try {
    const values = parseSettings(status ? argv.slice(1) : argv, env);
    config = buildConfig(values, env);
    if (!status) webhooks = webhookSettings(values, env);
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
  // Installed before the store opens, so a SIGTERM during start-up is graceful too.
  let running: RunningRelay | undefined;
  let stopping: { why: string; exitCode: number } | undefined;
  const stop = async (why: string, exitCode = 0) => {
    if (stopping) return;
    stopping = { why, exitCode };
    if (!running) return; // start-up finishes first, then stops
    console.log(`hubbub-relay: ${why}, closing`);
    log.info({ why }, 'stopping');
    try {
      // New sockets are refused (503) and health answers 503 while the relay drains.
      await running.close();
    } catch (error) {
      console.error('hubbub-relay: closing failed', error);
      log.error({ err: error }, 'closing failed');
      exitCode ||= 1;
    }
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // The last net. A rejected promise nothing handled is one frame's or one timer's work that
  // failed: a fault, logged, and the relay goes on (each such path also handles its own). An
  // exception nothing caught may have left anything half done: logged as fatal, and the process
  // ends non-zero for its supervisor to start a healthy one.
  process.on('unhandledRejection', (error) => fault('unhandled rejection', error));
  process.on('uncaughtException', (error) => {
    console.error('hubbub-relay: uncaught exception', error);
    log.fatal({ err: error }, 'uncaught exception');
    process.exit(1);
  });
  try {
    running = await createRelay({
      ...config,
      webhooks,
      // A failed store ends the process non-zero, so its supervisor starts a healthy one.
      onFatal: (error) => {
        log.fatal({ err: error }, 'the store failed');
        void stop('the store failed', 1);
      },
      mounts: { '/': config.staticDir ?? join(root, 'demo'), '/dist/': join(root, 'dist') },
    });
  } catch (error) {
    console.error(`hubbub-relay: ${error instanceof Error ? error.message : String(error)}`);
    log.fatal({ err: error }, 'start failed');
    process.exit(1);
  }
  if (stopping) {
    const { why, exitCode } = stopping;
    stopping = undefined;
    return void stop(why, exitCode);
  }
  const { address, port, url, wsUrl, store } = running;
  if (address === '0.0.0.0' || address === '::') {
    console.log(`hubbub-relay: listening on every interface (${address}), port ${port}`);
  }
  console.log(`hubbub-relay listening on ${url} (ws ${wsUrl}, engine ${store})`);
  if (config.demo) {
    console.log(`  stream page:  ${url}/`);
    console.log(`  host console: ${url}/host.html`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
