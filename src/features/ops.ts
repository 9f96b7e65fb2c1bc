/**
 * A feature's ops, typed by its contract (`src/protocol/FEATURE.ts`): a wrong op name or payload
 * is a type error, and the ack's `data` has the type the contract gives it.
 */
import type { Connection } from '../connection/connection.js';
import type { PendingOp } from '../connection/types.js';
import type { AckOf, OpType } from '../protocol/index.js';

/** Sends op `type` with `data` on the feature's channel (see `Connection.op`). */
export type SendOp<Ops, Acks> = <K extends OpType<Ops>>(
  type: K,
  data: Ops[K],
  options?: { mid?: string },
) => Promise<AckOf<Acks, K>>;

/** The ops of one channel of a feature whose contract is `Ops` (and `Acks`). */
export function opsOf<Ops, Acks = Record<never, never>>(
  connection: Connection,
  channel: string,
): SendOp<Ops, Acks> {
  return (type, data, options) =>
    connection.op(channel, type, data, options) as Promise<AckOf<Acks, typeof type>>;
}

/**
 * Calls `adopt` once for each op of `type` on `channel` that an earlier page left pending (a
 * reload) and the connection sends again (`Connection.$restored`), so that a store shows it as
 * it showed it before the reload. Returns the unsubscribe.
 */
export function onRestored(
  connection: Connection,
  channel: string,
  type: string,
  adopt: (op: PendingOp) => void,
): () => void {
  const seen = new Set<string>();
  return connection.$restored.subscribe((ops) => {
    for (const op of ops) {
      if (op.ch === channel && op.type === type && !seen.has(op.mid)) {
        seen.add(op.mid);
        adopt(op);
      }
    }
  });
}

/**
 * `sent`, after `settle` was told how it ended: `true` on its ack, `false` if refused (the
 * refusal still rejects the promise returned). For a store that shows an op at once and keeps or
 * undoes it when the relay answers.
 */
export function settled<T>(sent: Promise<T>, settle: (accepted: boolean) => void): Promise<T> {
  return sent.then(
    (ack) => {
      settle(true);
      return ack;
    },
    (error: unknown) => {
      settle(false);
      throw error;
    },
  );
}
