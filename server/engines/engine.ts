/**
 * Where a relay keeps what must outlive a socket: each channel's epoch, head and history, the
 * features' state records, and the de-duplication records of processed ops.
 *
 * The relay keeps loaded channels in memory and is authoritative for them; the engine is
 * written through in batches (one transaction per tick) before any ack or event leaves the relay.
 */
import type { ErrorCode } from '../../src/protocol/index.js';
import type { SessionStore } from '../sessions.js';

/** One event of a channel's history. `json` is the `ev` frame as sent, serialised once. */
export interface StoredEvent {
  seq: number;
  type: string;
  data: unknown;
  ts: number;
  json: string;
}

/** What the relay answered to an op, kept to answer a retry of the same (user, mid). */
export type OpOutcome =
  | { t: 'ack'; seq?: number; data?: unknown }
  | { t: 'err'; code: ErrorCode; message: string; details?: unknown; retryAfterMs?: number };

export interface ChannelRecord {
  epoch: string;
  /** The seq of the last event, 0 for a new channel. */
  head: number;
  /** The feature's state records. */
  records: Map<string, unknown>;
  /** The newest events still in history, oldest first (at most `historyLimit`, within TTL). */
  history: StoredEvent[];
}

export interface WriteBatch {
  /** `expiresAt`: when the event leaves history by age (ms since the epoch). */
  events: { ch: string; event: StoredEvent; expiresAt: number }[];
  /** `value` undefined deletes the record. */
  records: { ch: string; key: string; value: unknown }[];
  /** `room`: the room of the op, so a store that commits rooms apart writes it with them. */
  outcomes: { userId: string; mid: string; outcome: OpOutcome; ts: number; room: string }[];
  /** History to forget by count: every event of `ch` up to `upTo`. */
  trims: { ch: string; upTo: number }[];
}

export interface TrimRule {
  /** Keep at most this many newest events. */
  keep: number;
  /** Drop events older than this (ms since the epoch). */
  olderThan: number;
}

/**
 * A commit that failed for some rooms only (`rooms`), or for all of the batch (`null`), on a
 * store that recovers from it.
 */
export class CommitError extends Error {
  constructor(
    readonly rooms: string[] | null,
    options?: { cause?: unknown },
  ) {
    super(rooms ? `commit failed for rooms ${rooms.join(', ')}` : 'commit failed', options);
  }
}

/** What `Engine.claimOp` found: the outcome already recorded, or who may process the op now. */
export type Claim = { outcome: OpOutcome } | 'mine' | 'busy';

export interface Engine {
  readonly name: string;
  /**
   * Whether a failed commit loses only that batch, and the store goes on (Redis, which may be
   * restarting): the relay then reloads the rooms it held. Otherwise a failed commit is fatal.
   */
  readonly recoverable?: boolean;
  loadChannel(ch: string, trim: TrimRule): Promise<ChannelRecord>;
  /** Writes the batch durably; resolves once it is safe to acknowledge. */
  commit(batch: WriteBatch): Promise<void> | void;
  outcome(userId: string, mid: string): Promise<OpOutcome | undefined>;
  /**
   * A store shared by several relays: claims the (user, mid) for this relay before its op is
   * applied, since a mid is unique per user across all channels and two rooms may have two
   * owners. `busy`: another relay holds the claim (its op is being applied; ask again). The claim
   * ends with the commit that records the op's ack, with `releaseOp` (the op was refused, or its
   * commit failed), or when it expires.
   */
  claimOp?(userId: string, mid: string): Promise<Claim>;
  releaseOp?(userId: string, mid: string): void;
  /**
   * A channel's epoch, head and history without its feature records: what a replica needs (a
   * store shared by several relays). Defaults to `loadChannel`.
   */
  loadFeed?(ch: string, trim: TrimRule): Promise<ChannelRecord>;
  /** Events `from` to `to` (seqs, inclusive) of a channel, as far as history holds them. */
  history?(ch: string, from: number, to: number): Promise<StoredEvent[]>;
  /** A channel's head as stored (a store shared by several relays). */
  head?(ch: string): Promise<number>;
  /**
   * Forgets events past their `expiresAt` and op outcomes recorded before `outcomesBefore`, for
   * about `budgetMs` at most: its cost follows the work due, never the size of the store.
   * Resolves true when more is due (call again after a turn of the event loop).
   */
  sweep(now: number, outcomesBefore: number, budgetMs: number): Promise<boolean>;
  /**
   * Where sessions are kept, when the store outlives the process (SQLite): a session resumed
   * after a restart, within its grace, is the same session (PROTOCOL.md, Sessions).
   */
  readonly sessions?: SessionStore;
  /** Releases the store; `failed`: after a failure, without trying to write anything more. */
  close(failed?: boolean): Promise<void>;
}

export function emptyBatch(): WriteBatch {
  return { events: [], records: [], outcomes: [], trims: [] };
}
