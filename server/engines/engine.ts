/**
 * Where a relay keeps what must outlive a socket: each channel's epoch, head and history, the
 * features' state records, and the de-duplication records of processed ops.
 *
 * The relay keeps loaded channels in memory and is authoritative for them; the engine is
 * written through in batches (one transaction per tick) before any ack or event leaves the relay.
 */
import type { ErrorCode } from '../../src/protocol.js';

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
  events: { ch: string; event: StoredEvent }[];
  /** `value` undefined deletes the record. */
  records: { ch: string; key: string; value: unknown }[];
  outcomes: { userId: string; mid: string; outcome: OpOutcome; ts: number }[];
}

export interface TrimRule {
  /** Keep at most this many newest events. */
  keep: number;
  /** Drop events older than this (ms since the epoch). */
  olderThan: number;
}

export interface Engine {
  readonly name: string;
  loadChannel(ch: string, trim: TrimRule): Promise<ChannelRecord>;
  /** Writes the batch durably; resolves once it is safe to acknowledge. */
  commit(batch: WriteBatch): Promise<void> | void;
  outcome(userId: string, mid: string): Promise<OpOutcome | undefined>;
  /** Forgets history beyond the rule and op outcomes older than `outcomesBefore`. */
  trim(ch: string, rule: TrimRule): Promise<void>;
  forgetOutcomes(before: number): Promise<void>;
  close(): Promise<void>;
}

export function emptyBatch(): WriteBatch {
  return { events: [], records: [], outcomes: [] };
}
