/**
 * The relays one connection may use (PROTOCOL.md, "Many relays"): `server` may list several URLs
 * of one service, separated by whitespace. The connection starts on a random one and moves to
 * the next when a relay fails it; see RelayRound.
 */
import { TOKEN_PARAM } from '../protocol/url.js';

/**
 * The URLs of a `server` value: split on whitespace, each without a token in its query, each
 * once, sorted.
 */
export function relayUrls(server: string): string[] {
  return [...new Set(server.split(/\s+/).filter(Boolean).map(withoutToken))].sort();
}

/**
 * A relay URL without the query parameters that carry a token: a token never travels in a URL
 * (PROTOCOL.md, Auth; the relay refuses such an upgrade with 400). Silent: the budget of a
 * widget's page has no room for a warning, and the socket then joins as anonymous, visibly.
 */
function withoutToken(url: string): string {
  return url.replace(TOKEN_PARAM, '').replace(/[?&]$/, '');
}

/**
 * One string for a relay list: its URLs sorted, each once, separated by one space. The same URLs
 * in any order or spacing give the same key; one URL is its own key. Empty when none.
 */
export function relayListKey(server: string | undefined): string {
  return relayUrls(server ?? '').join(' ');
}

/** After leaving a relay: try the next `now`, or `pause` (back off) first. */
export type RelayMove = 'now' | 'pause';

/**
 * Where the connection is in its list. A round tries every URL once: a relay that fails us
 * (a failed connect, close 1001, 1012 or 1013, a dead heartbeat) is left for the next one at
 * once, until each has been tried; then the connection backs off before the next round. A
 * welcome starts a new round from the relay that welcomed us.
 *
 * One more bound keeps relays that welcome and then drop at once (a crash loop) from being
 * cycled at handshake speed: at most `urls.length - 1` moves in a row go at once until a socket
 * proves stable (`stable()`).
 */
export class RelayRound {
  readonly urls: readonly string[];
  #index: number;
  /** URLs tried in this round, the current one included. */
  #tried = 1;
  /** Moves made at once since the last pause or stable socket. */
  #hops = 0;

  constructor(urls: readonly string[], random: () => number = Math.random) {
    if (urls.length === 0) throw new Error('hubbub: no relay URL given');
    this.urls = urls;
    this.#index = Math.min(urls.length - 1, Math.floor(random() * urls.length));
  }

  /** The relay to connect to now. */
  get current(): string {
    return this.urls[this.#index];
  }

  /** The current relay failed us: moves to the next, and says whether to go at once. */
  next(): RelayMove {
    const count = this.urls.length;
    this.#index = (this.#index + 1) % count;
    if (this.#tried < count && this.#hops < count - 1) {
      this.#tried++;
      this.#hops++;
      return 'now';
    }
    this.#tried = 1;
    this.#hops = 0;
    return 'pause';
  }

  /** The current relay welcomed us: a new round starts from it. */
  welcomed(): void {
    this.#tried = 1;
  }

  /** A socket stayed welcomed long enough to count as stable: moves at once are allowed again. */
  stable(): void {
    this.#hops = 0;
  }
}
