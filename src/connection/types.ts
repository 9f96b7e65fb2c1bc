/** Public types of the connection layer. */
import type {
  AckFrame,
  EventOf,
  Position,
  PresenceOutFrame,
  SignalOutFrame,
} from '../protocol/index.js';
import type { OpError } from './errors.js';
import type { KeyStorage } from './anon-key.js';

/**
 * `idle`: nothing asked for the socket yet. `connecting`: first attempt. `open`: welcomed.
 * `reconnecting`: lost, waiting or trying again. `offline`: the browser says it has no network.
 * `closed`: for good (closed by the page, banned, or refused auth with no new token).
 */
export type ConnectionStatus =
  'idle' | 'connecting' | 'open' | 'reconnecting' | 'offline' | 'closed';

export interface ConnectionOptions {
  /**
   * `ws://host:port/live` or `wss://…`; or several relays of one service separated by whitespace
   * (`"wss://a/live wss://b/live"`), to start on a random one and move on when one fails.
   */
  url: string;
  /** JWT signed by the embedding site's backend; sent in `hello`, never in the URL. */
  token?: string;
  /**
   * Gives a fresh token. Called about 60 s before the token's `exp` and after a close 4401;
   * returning nothing (or the same token) after a 4401 leaves the connection `closed`.
   */
  refreshToken?: () => Promise<string | undefined> | string | undefined;
  /** Display name when anonymous. */
  anonName?: string;
  /** WebSocket constructor; the global one by default. Node tests pass `ws`'s. */
  WebSocket?: typeof globalThis.WebSocket;
  /** Where the anonymous key lives: localStorage if usable, else memory. */
  storage?: KeyStorage;
  /** Reconnect backoff base (default 500 ms). */
  minBackoffMs?: number;
  /** Reconnect backoff cap (default 15 000 ms). */
  maxBackoffMs?: number;
  /** Give up on an attempt that has not been welcomed within this time (default 10 000 ms). */
  connectTimeoutMs?: number;
  /**
   * On a relay that answers probes: probe the socket after this much silence (default 5 000 ms).
   */
  probeIdleMs?: number;
  /** A probe not followed by any frame within this long drops the socket (default 4 000 ms). */
  probeTimeoutMs?: number;
  /**
   * Where pending ops are kept across reloads: the global IndexedDB by default; null keeps them
   * in memory only (the page then warns before unloading while one is pending).
   */
  indexedDB?: IDBFactory | null;
  /** Sent as `hello.client`, for the relay's logs. */
  client?: string;
  /**
   * Share one socket with the other tabs of this origin that use the same relays as the same
   * user (default true; see docs/tabs.md). Only `getConnection()` shares, and only where
   * BroadcastChannel and Web Locks exist; elsewhere, or with `false`, the page has its own socket.
   */
  shareAcrossTabs?: boolean;
}

/**
 * Receives one channel's traffic, typed by the feature's contract (its event map and `me`).
 * Every method is optional. `reset` may be called synchronously
 * from `Connection.channel()` when the connection already holds the channel's state.
 */
export interface ChannelListener<Events = Record<string, unknown>, Me = unknown> {
  /** First join, or the relay could not resume: replace all state with `snapshot`. */
  reset?(snapshot: unknown, position: Position): void;
  /** The next event: in order, each `seq` exactly once per listener. */
  event?(ev: EventOf<Events>): void;
  /** State for this user alone (my vote, my score); never in history. */
  me?(data: Me): void;
  /** An ephemeral signal from another user (e.g. `typing`). */
  signal?(frame: SignalOutFrame): void;
  /** Presence members or changes (on `ROOM/presence`). */
  presence?(frame: PresenceOutFrame): void;
  /**
   * The relay refused the `sub` with a final code (`forbidden`, `not_found`, `invalid`), or
   * dropped the channel (an `err` with its `ch` and no `id`: the token no longer grants the
   * room, or the room became signed-in only). Nothing more comes until a later `sub` succeeds:
   * on the next socket, or after `setToken()`; then `reset` follows. A listener added to a
   * refused channel gets this at once. A non-final `err` (`internal`) is not reported: the `sub`
   * is sent again after `retryAfterMs`.
   */
  error?(error: OpError): void;
}

/** An op waiting for the relay's answer, as stores see it. */
export interface PendingOp {
  readonly mid: string;
  readonly ch: string;
  readonly type: string;
  readonly data: unknown;
  /** Settles with the relay's `ack`, or rejects with an OpError. */
  readonly promise: Promise<AckFrame>;
}
