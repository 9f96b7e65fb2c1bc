/**
 * Who may open a socket, and from where: the client's address (behind trusted proxies), the
 * `Origin` check, connections per address, and how many new anonymous identities one address may
 * bring. Many identities may be one person: an address is the one thing a fresh anonymous key
 * does not change.
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import { BoundedMap, BoundedSet } from './bounded.js';
import { RateLimiter, type RelayConfig } from './limits.js';

/** Anonymous ids remembered per address as already admitted (a reconnect is not a new one). */
export const KNOWN_ANONYMOUS_PER_ADDRESS = 256;
/** Anonymous users whose last address is remembered, for bans that cover an address. */
const LAST_ADDRESSES = 100_000;
/** The window of `anonymousPerIpPerMinute`. */
export const ANONYMOUS_WINDOW_MS = 60_000;

/**
 * Per-address counts kept by the relays of a cluster together (in Redis), so that N relays do
 * not give an address N times its allowance. Addresses go there as their keyed hash only.
 */
export interface SharedAddresses {
  /** Counts a socket of this relay; resolves with the address's sockets on every relay. */
  countSocket(addressKey: string): Promise<number>;
  uncountSocket(addressKey: string): void;
  /** 0 when the identity may come in, else the ms until the address may bring a new one. */
  admitAnonymous(addressKey: string, userId: string, perMinute: number): Promise<number>;
}

export interface AddressState {
  connections: number;
  /** New anonymous identities, refilled evenly over a minute. */
  identities: RateLimiter | null;
  /** Anonymous ids admitted from here recently, oldest first. */
  known: Set<string>;
  /** The address's keyed hash, once made. */
  key?: string;
}

export class Admission {
  #addresses = new Map<string, AddressState>();
  /** Anonymous user id → the keyed hash of the address it was last seen from. */
  #lastAddress = new BoundedMap<string, string>(LAST_ADDRESSES);

  /** A cluster's shared counts (set when the relay joins one): limits hold over every relay. */
  shared: SharedAddresses | null = null;

  constructor(private config: RelayConfig) {}

  /**
   * The client's address: the TCP peer, or, behind `trustProxy` proxies, the entry of
   * `X-Forwarded-For` that the outermost trusted proxy added (entries further left are the
   * client's own say and are not trusted).
   */
  address(request: IncomingMessage): string {
    const peer = request.socket.remoteAddress ?? '';
    const hops = this.config.trustProxy;
    if (hops === 0) return clientAddress(peer);
    const header = request.headers['x-forwarded-for'];
    const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const chain = [...forwarded, peer];
    return clientAddress(chain[Math.max(0, chain.length - 1 - hops)]);
  }

  /** `allowedOrigins` as browsers send them in `Origin`, made once per list. */
  #origins?: { from: readonly string[]; set: Set<string> };

  /** Whether a page of this origin may connect (any, unless `allowedOrigins` is set). */
  originAllowed(origin: string | undefined): boolean {
    const allowed = this.config.allowedOrigins;
    if (allowed.length === 0) return true;
    if (this.#origins?.from !== allowed) {
      this.#origins = {
        from: allowed,
        set: new Set(allowed.map((entry) => pageOrigin(entry) ?? entry)),
      };
    }
    return origin !== undefined && this.#origins.set.has(origin);
  }

  /** Counts a new socket; false when the address is over `maxConnectionsPerIp`. */
  connect(ip: string): boolean {
    const state = this.#state(ip);
    state.connections++;
    const max = this.config.maxConnectionsPerIp;
    return max === 0 || state.connections <= max;
  }

  /**
   * Counts a new socket over the whole cluster too: resolves false when the address's sockets
   * on every relay together are over `maxConnectionsPerIp`. Null when there is nothing to ask
   * (no cluster, or no limit). Redis away: this relay's own count decides alone.
   */
  connectShared(ip: string): Promise<boolean> | null {
    const max = this.config.maxConnectionsPerIp;
    if (!this.shared || max === 0) return null;
    return this.shared.countSocket(this.addressKey(ip)).then(
      (total) => total <= max,
      () => true,
    );
  }

  /** A socket counted by `connectShared` closed. */
  disconnectShared(ip: string): void {
    this.shared?.uncountSocket(this.addressKey(ip));
  }

  disconnect(ip: string): void {
    const state = this.#addresses.get(ip);
    if (!state) return;
    state.connections--;
    // The identity count outlives the sockets: closing and coming back must not reset it.
    if (state.connections <= 0 && !state.identities) this.#addresses.delete(ip);
  }

  /** The addresses to look at in a sweep. */
  entries(): IterableIterator<[string, AddressState]> {
    return this.#addresses.entries();
  }

  /** Forgets an address with no socket whose identity count has refilled. */
  forget(ip: string, state: AddressState, now = Date.now()): void {
    if (state.connections > 0) return;
    if (state.identities && now - state.identities.lastUsedAt < 2 * ANONYMOUS_WINDOW_MS) return;
    this.#addresses.delete(ip);
  }

  /**
   * Admits an anonymous identity from `ip`: 0 when it may come in (a known one always may),
   * else the milliseconds until this address may bring a new one.
   */
  async admitAnonymous(ip: string, userId: string): Promise<number> {
    const state = this.#state(ip);
    const perMinute = this.config.rateLimits ? this.config.anonymousPerIpPerMinute : 0;
    if (perMinute > 0 && !state.known.has(userId)) {
      const wait = await this.#takeIdentity(ip, state, userId, perMinute);
      if (wait > 0) return wait;
    }
    state.known.add(userId);
    return 0;
  }

  /**
   * Takes one new identity of the address's allowance: the cluster's when there is one (an
   * identity the address brought to another relay is not new either), else, or with Redis
   * away, this relay's.
   */
  async #takeIdentity(
    ip: string,
    state: AddressState,
    userId: string,
    perMinute: number,
  ): Promise<number> {
    if (this.shared) {
      try {
        return await this.shared.admitAnonymous(this.addressKey(ip), userId, perMinute);
      } catch {
        // Redis away: this relay's allowance, below.
      }
    }
    state.identities ??= new RateLimiter(perMinute, ANONYMOUS_WINDOW_MS);
    return state.identities.take();
  }

  /** A keyed hash of an address: what bans store, so no address is ever written down. */
  addressKey(ip: string): string {
    const state = this.#addresses.get(ip);
    if (state?.key) return state.key;
    const key = createHmac('sha256', this.config.secret)
      .update(`ip:${ip}`)
      .digest('base64url')
      .slice(0, 16);
    if (state) state.key = key;
    return key;
  }

  /** Remembers where an anonymous user was last seen from. */
  seen(userId: string, addressKey: string): void {
    this.#lastAddress.set(userId, addressKey);
  }

  /** The address key an anonymous user was last seen from, if remembered. */
  lastAddressOf(userId: string): string | undefined {
    return this.#lastAddress.get(userId);
  }

  #state(ip: string): AddressState {
    let state = this.#addresses.get(ip);
    if (!state) {
      state = {
        connections: 0,
        identities: null,
        known: new BoundedSet(KNOWN_ANONYMOUS_PER_ADDRESS),
      };
      this.#addresses.set(ip, state);
    }
    return state;
  }
}

/** The colon-separated groups of one side of an IPv6 `::`. */
function groups(part: string): string[] {
  return part === '' ? [] : part.split(':');
}

/**
 * The address that stands for one client in the per-address limits and bans: an IPv4 address
 * (also one mapped into IPv6, `::ffff:a.b.c.d`), or an IPv6 address's /64, the block one
 * subscriber is given, so a fresh address of it is no fresh allowance.
 */
export function clientAddress(raw: string): string {
  const ip = raw.replace(/%.*$/, ''); // an IPv6 zone (`fe80::1%eth0`) names the same host
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(ip)) return raw;
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const front = groups(head);
  // A dotted IPv4 tail (`64:ff9b::1.2.3.4`) fills the last two groups, never the first four.
  const back =
    tail === undefined ? [] : groups(tail).flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));
  const all =
    tail === undefined
      ? front
      : [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
  return `${all
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * An origin as an operator may write it (`https://Site.Example/`, `https://site.example:443`) in
 * the form browsers send in `Origin` (`https://site.example`); null when `entry` is not a bare
 * http or https origin, which no page's `Origin` could ever equal.
 */
export function pageOrigin(entry: string): string | null {
  if (entry.length > 2048 || !URL.canParse(entry)) return null;
  const url = new URL(entry);
  const bare =
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    !url.username &&
    !url.password &&
    url.pathname === '/' &&
    !url.search &&
    !url.hash;
  return bare ? url.origin : null;
}
