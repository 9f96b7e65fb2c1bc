/**
 * The relay's settings with their defaults, and the rate limiter that enforces the per-user and
 * per-connection limits of PROTOCOL.md.
 */
import { DEFAULT_LIMITS, type Limits } from '../src/protocol/index.js';

export interface RateLimitSettings {
  /** Chat `send` per user per window. */
  chatSend: { limit: number; windowMs: number };
  /** All ops per connection per window. */
  ops: { limit: number; windowMs: number };
  /** `sub` and `unsub` frames per connection per window. */
  subs: { limit: number; windowMs: number };
  /** `presence` frames per user and channel per window. */
  presence: { limit: number; windowMs: number };
  /** Signals per user and type per window; extra ones are dropped silently. */
  signals: { limit: number; windowMs: number };
  /**
   * KiB of frames refused unread (not JSON, unknown `t`, bad fields, binary), `auth` and `pong`
   * per connection per window: charged by size, so a flood of large garbage is cut while a
   * client's odd small mistake never is. 1 MiB a second is more than the op limit's worth of
   * frames of the largest size (50 × 16 KiB).
   */
  refusedKib: { limit: number; windowMs: number };
  /** Hosts and moderators get this many times each limit. */
  hostFactor: number;
  /** A connection attempting this many times a limit within its window is closed with 4429. */
  floodFactor: number;
}

export interface RelayConfig extends Limits {
  host: string;
  port: number;
  /** Folder of the SQLite file; ignored with `memory`. */
  dataDir: string;
  memory: boolean;
  secret: string;
  /** Whether users without a token may join as anonymous audience members. */
  anonymous: boolean;
  rateLimits: RateLimitSettings | null;
  /** 0 = unlimited. */
  maxConnectionsPerIp: number;
  /** Sockets this relay takes (0 = unlimited); beyond, close 1013 sends clients elsewhere. */
  maxConnections: number;
  /** The Redis of a cluster (`redis://…`), or null: one relay on its SQLite file. */
  redis: string | null;
  /** Where clients reach this relay, as shown by `status` (default from host and port). */
  publicUrl: string | null;
  /** Rooms anonymous users may enter: room ids, or patterns with `*` (`['*']`: every room). */
  anonymousRooms: string[];
  /** New anonymous identities one address may bring per minute (0 = unlimited). */
  anonymousPerIpPerMinute: number;
  /** Proxies in front of the relay whose `X-Forwarded-For` entries are trusted (0 = none). */
  trustProxy: number;
  /** Origins allowed to open a WebSocket (`Origin` header); empty = any. */
  allowedOrigins: string[];
  /** Time a socket has to say `hello` and be welcomed (ms). */
  helloTimeoutMs: number;
  /** A channel with no subscriber and no pending work is unloaded after this long (ms). */
  channelIdleMs: number;
  /** Channels one connection may be subscribed to at once. */
  maxSubscriptionsPerConnection: number;
  /** Distinct channels one connection may use (sub, op, presence, signal) in its life. */
  maxChannelsPerConnection: number;
  /**
   * Channels this relay holds in memory at once: past it, idle ones are unloaded at once, and a
   * new channel is refused while every one is in use (0 = unlimited).
   */
  maxChannels: number;
  /** Serve the demo pages and issue dev tokens (never in production). */
  demo: boolean;
  /** Folder served at `/` when `demo` is on. */
  staticDir: string | null;
  /** https origins that avatars in presence data may come from; none by default. */
  avatarOrigins: string[];
  /**
   * The server key of the HTTP API (`Authorization: Bearer KEY`); null turns the API off (host
   * tokens too).
   */
  apiKey: string | null;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  chatSend: { limit: 20, windowMs: 30_000 },
  ops: { limit: 50, windowMs: 1_000 },
  subs: { limit: 100, windowMs: 10_000 },
  presence: { limit: 10, windowMs: 10_000 },
  signals: { limit: 1, windowMs: 2_000 },
  refusedKib: { limit: 1_024, windowMs: 1_000 },
  hostFactor: 5,
  floodFactor: 10,
};

export const DEFAULT_CONFIG: RelayConfig = {
  ...DEFAULT_LIMITS,
  host: '0.0.0.0',
  port: 8080,
  dataDir: './data',
  memory: false,
  secret: '',
  anonymous: true,
  rateLimits: DEFAULT_RATE_LIMITS,
  maxConnectionsPerIp: 200,
  maxConnections: 0,
  redis: null,
  publicUrl: null,
  anonymousRooms: ['*'],
  anonymousPerIpPerMinute: 60,
  trustProxy: 0,
  allowedOrigins: [],
  helloTimeoutMs: 10_000,
  channelIdleMs: 60_000,
  maxSubscriptionsPerConnection: 100,
  maxChannelsPerConnection: 200,
  maxChannels: 50_000,
  demo: false,
  staticDir: null,
  avatarOrigins: [],
  apiKey: null,
};

/** The part of the config clients see in `welcome.limits`. */
export function publicLimits(config: RelayConfig): Limits {
  const limits = {} as Limits;
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) limits[key] = config[key];
  return limits;
}

/**
 * A token bucket: `limit` tokens refilled evenly over `windowMs`. It also counts every attempt
 * in fixed windows, so a client hammering far past its limit can be told apart from one that
 * merely went over.
 */
export class RateLimiter {
  #tokens: number;
  #updatedAt: number;
  #windowStart: number;
  #attempts = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    now = Date.now(),
  ) {
    this.#tokens = limit;
    this.#updatedAt = now;
    this.#windowStart = now;
  }

  /**
   * Takes `cost` tokens (one by default; a fraction for a limit charged by size). Returns 0 when
   * allowed, else the milliseconds until they are free.
   */
  take(now = Date.now(), cost = 1): number {
    if (now - this.#windowStart >= this.windowMs) {
      this.#windowStart = now;
      this.#attempts = 0;
    }
    this.#attempts += cost;
    this.#tokens = this.available(now);
    this.#updatedAt = now;
    if (this.#tokens >= cost) {
      this.#tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((cost - this.#tokens) / (this.limit / this.windowMs)));
  }

  /** Tokens free now, none taken. */
  available(now = Date.now()): number {
    return Math.min(
      this.limit,
      this.#tokens + (now - this.#updatedAt) * (this.limit / this.windowMs),
    );
  }

  get lastUsedAt(): number {
    return this.#updatedAt;
  }

  /** Attempts (allowed or not) in the current fixed window. */
  get attempts(): number {
    return this.#attempts;
  }
}

/** Rate limiters keyed by a string, forgotten after a quiet window. */
export class RateLimiterMap {
  #limiters = new Map<string, RateLimiter>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** The limiter of `key`, made with `limit` tokens on first use. */
  get(key: string, limit = this.limit, now = Date.now()): RateLimiter {
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      limiter = new RateLimiter(limit, this.windowMs, now);
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }

  /** The limiters to look at in a sweep. */
  entries(): IterableIterator<[string, RateLimiter]> {
    return this.#limiters.entries();
  }

  /** Drops the limiter if unused for two windows (it would be full again). */
  expire(key: string, limiter: RateLimiter, now = Date.now()): void {
    if (now - limiter.lastUsedAt > limiter.windowMs * 2) this.#limiters.delete(key);
  }

  get size(): number {
    return this.#limiters.size;
  }
}
