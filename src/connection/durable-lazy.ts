/**
 * The connection's handle on the stored outbox (./durable-outbox.ts), whose code loads in its own
 * chunk on first use: a page pays for it only once it has something to keep, and the widgets'
 * first render does not wait for it. Calls made before the chunk is there run when it arrives,
 * in the order they were made. If the chunk cannot load (a deploy replaced it, the network went),
 * every op saved meanwhile is at risk, as with no IndexedDB: the page warns before unloading
 * while one is pending.
 */
import type { DurableOutbox, DurableOutboxOptions, StoredOp } from './durable-outbox.js';

export class LazyDurableOutbox {
  readonly #outbox: Promise<DurableOutbox | null>;
  readonly #atRisk: (atRisk: boolean) => void;
  /** Ops saved while the chunk could not load, by owner + mid. */
  readonly #lost = new Set<string>();

  constructor(relays: string, options: DurableOutboxOptions) {
    this.#atRisk = options.atRisk ?? (() => {});
    this.#outbox = import('./durable-outbox.js').then(
      (module) => new module.DurableOutbox(relays, options),
      () => null,
    );
  }

  save(owner: string, op: StoredOp): void {
    void this.#outbox.then((outbox) => {
      if (outbox) return outbox.save(owner, op);
      this.#lost.add(`${owner}\n${op.mid}`);
      if (this.#lost.size === 1) this.#atRisk(true);
    });
  }

  forget(owner: string, mid: string): void {
    void this.#outbox.then((outbox) => {
      if (outbox) return outbox.forget(owner, mid);
      if (this.#lost.delete(`${owner}\n${mid}`) && this.#lost.size === 0) this.#atRisk(false);
    });
  }

  restore(owner: string, maxAgeMs: number): Promise<StoredOp[]> {
    return this.#outbox.then((outbox) => outbox?.restore(owner, maxAgeMs) ?? []);
  }

  flushed(): Promise<void> {
    return this.#outbox.then((outbox) => outbox?.flushed());
  }
}

/** Who an op belongs to: the token's subject, or the anonymous key (both known before welcome). */
export function ownerOf(subject: string | undefined, anonKey: () => string): string {
  return subject !== undefined ? `user:${subject}` : `anon:${anonKey()}`;
}
