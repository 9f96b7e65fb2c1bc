/** Ops not yet acknowledged by the relay (PROTOCOL.md guarantee 5: at-least-once publishing). */
import type { AckFrame, OpFrame } from '../protocol/index.js';
import type { OpError } from './errors.js';

export interface OutboxEntry {
  readonly mid: string;
  readonly ch: string;
  readonly type: string;
  readonly data: unknown;
  readonly promise: Promise<AckFrame>;
  /**
   * Who made it (`user:` and the token's subject, or `anon:` and the anonymous key): its stored
   * copy lives under this owner.
   */
  owner: string;
  /** Client time it was created (ms). */
  readonly createdAt: number;
  /** Loaded from durable storage: made on an earlier page. */
  readonly restored: boolean;
  /** Request id of the latest send, or null while unsent on the current socket. */
  requestId: number | string | null;
  resolve(ack: AckFrame): void;
  reject(error: OpError): void;
}

/**
 * Ops in the order they were created, keyed by `mid`. An op stays until `ack` or a final `err`,
 * and is sent again with the same `mid` after every reconnect, so the relay's de-duplication
 * makes the retry harmless.
 */
export class Outbox {
  readonly #entries = new Map<string, OutboxEntry>();

  get size(): number {
    return this.#entries.size;
  }

  get(mid: string): OutboxEntry | undefined {
    return this.#entries.get(mid);
  }

  /** Adds a new op; its promise settles when the relay answers with `ack` or a final `err`. */
  add(
    mid: string,
    ch: string,
    type: string,
    data: unknown,
    made: { owner?: string; createdAt?: number; restored?: boolean } = {},
  ): OutboxEntry {
    let resolve!: (ack: AckFrame) => void;
    let reject!: (error: OpError) => void;
    const promise = new Promise<AckFrame>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const entry: OutboxEntry = {
      mid,
      ch,
      type,
      data,
      promise,
      owner: made.owner ?? '',
      createdAt: made.createdAt ?? Date.now(),
      restored: made.restored ?? false,
      requestId: null,
      resolve: (ack) => {
        this.#entries.delete(mid);
        resolve(ack);
      },
      reject: (error) => {
        this.#entries.delete(mid);
        reject(error);
      },
    };
    this.#entries.set(mid, entry);
    return entry;
  }

  /**
   * Moves an entry behind every other: ops restored from an earlier page (./restored.ts, in the
   * deferred chunk) go before the ones made on this page, since they were created first.
   */
  last(entry: OutboxEntry): void {
    this.#entries.delete(entry.mid);
    this.#entries.set(entry.mid, entry);
  }

  values(): IterableIterator<OutboxEntry> {
    return this.#entries.values();
  }

  /** Forgets every op's request id: the socket they were sent on is gone. */
  unsent(): void {
    for (const entry of this.#entries.values()) entry.requestId = null;
  }

  /** Rejects every op, e.g. when the connection is closed for good. */
  rejectAll(error: OpError): void {
    // Deleting from a Map while iterating it is well defined: every entry is visited once.
    for (const entry of this.#entries.values()) entry.reject(error);
  }
}

/** The wire frame for an outbox entry, sent under request id `id`. */
export function opFrame(entry: OutboxEntry, id: number | string): OpFrame {
  return { t: 'op', id, ch: entry.ch, mid: entry.mid, type: entry.type, data: entry.data };
}
