/** Ops an earlier page left pending (a reload), brought into this page's outbox. */
import type { WritableAtom } from 'nanostores';
import type { StoredOp } from './durable-outbox.js';
import { OpError, localError } from './errors.js';
import type { Outbox, OutboxEntry } from './outbox.js';
import type { PendingOp } from './types.js';

export interface StoredOpsTarget {
  readonly outbox: Outbox;
  /** The page's list of restored ops (`Connection.$restored`); each leaves it once answered. */
  readonly $restored: WritableAtom<readonly PendingOp[]>;
  /** Whether the op's frame is within the relay's `maxFrameBytes`. */
  fits(entry: OutboxEntry): boolean;
  /** Deletes an op's stored copy. */
  forget(entry: OutboxEntry): void;
}

/**
 * Adds `ops` of `owner` to the outbox (before the ops made on this page) and to `$restored`;
 * returns the entries to send. An op over the size limit (stored under other limits, or altered)
 * would close the socket (1009): it fails as `too_large` and its stored copy goes.
 */
export function adoptStoredOps(
  ops: readonly StoredOp[],
  owner: string,
  target: StoredOpsTarget,
): OutboxEntry[] {
  const added = restore(target.outbox, ops, owner).filter((entry) => {
    if (target.fits(entry)) return true;
    target.forget(entry);
    entry.promise.catch(() => {});
    entry.reject(new OpError(localError('too_large', 'op is larger than maxFrameBytes')));
    return false;
  });
  const { $restored } = target;
  for (const entry of added) {
    const gone = () => $restored.set($restored.get().filter((op) => op !== entry));
    entry.promise.then(gone, gone);
  }
  if (added.length > 0) $restored.set([...$restored.get(), ...added]);
  return added;
}

/**
 * Adds ops made on an earlier page (a reload) that are not in the outbox yet, before the ones
 * made on this page: they were created first. Returns the entries added.
 */
function restore(outbox: Outbox, ops: readonly StoredOp[], owner: string): OutboxEntry[] {
  const later = [...outbox.values()];
  const added: OutboxEntry[] = [];
  for (const { mid, ch, type, data, createdAt } of ops) {
    if (outbox.get(mid)) continue;
    added.push(outbox.add(mid, ch, type, data, { owner, createdAt, restored: true }));
  }
  for (const entry of later) outbox.last(entry);
  return added;
}

/**
 * Fails the restored ops of the outbox that `owner` did not make (loaded for the page's user
 * before `setToken()` changed it): they stay stored for their owner and are never sent as
 * someone else.
 */
export function dropStoredOpsOfOthers(outbox: Outbox, owner: string | undefined): void {
  // Deleting from a Map while iterating it is well defined: every entry is visited once.
  for (const entry of outbox.values()) {
    if (entry.restored && entry.owner !== owner) {
      entry.reject(new OpError(localError('unauthorized', 'made by another user of this page')));
    }
  }
}
