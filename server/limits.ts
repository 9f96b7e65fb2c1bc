/**
 * The relay's settings with their defaults, and the rate limiter that enforces the per-user and
 * per-connection limits of PROTOCOL.md.
 */
import { DEFAULT_LIMITS, type Limits } from '../src/protocol.js';

export interface RateLimitSettings {
  /** Chat `send` per user per window. */
  chatSend: { limit: number; windowMs: number };
  /** All ops per connection per window. */
  ops: { limit: number; windowMs: number };
  /** Signals per user and type per window; extra ones are dropped silently. */
  signals: { limit: number; windowMs: number };
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
  /** Serve the demo pages and issue dev tokens (never in production). */
  demo: boolean;
  /** Folder served at `/` when `demo` is on. */
  staticDir: string | null;
  /** https origins that avatars in presence data may come from; none by default. */
  avatarOrigins: string[];
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  chatSend: { limit: 20, windowMs: 30_000 },
  ops: { limit: 50, windowMs: 1_000 },
  signals: { limit: 1, windowMs: 2_000 },
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
  maxConnectionsPerIp: 0,
  demo: false,
  staticDir: null,
  avatarOrigins: [],
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

  /** Takes a token. Returns 0 when allowed, else the milliseconds until one is free. */
  take(now = Date.now()): number {
    if (now - this.#windowStart >= this.windowMs) {
      this.#windowStart = now;
      this.#attempts = 0;
    }
    this.#attempts++;
    const rate = this.limit / this.windowMs;
    this.#tokens = Math.min(this.limit, this.#tokens + (now - this.#updatedAt) * rate);
    this.#updatedAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.#tokens) / rate));
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

  /** Drops limiters unused for two windows (they would be full again); call now and then. */
  sweep(now = Date.now()): void {
    for (const [key, limiter] of this.#limiters) {
      if (now - limiter.lastUsedAt > limiter.windowMs * 2) this.#limiters.delete(key);
    }
  }

  get size(): number {
    return this.#limiters.size;
  }
}
