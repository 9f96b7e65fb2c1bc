/**
 * Group commit: everything the relay decides in one tick is written in one transaction, and only
 * then are its acks and events sent. A client never sees what a crash could take back.
 */
import {
  emptyBatch,
  type Engine,
  type OpOutcome,
  type StoredEvent,
  type WriteBatch,
} from '../engines/engine.js';

export class Writer {
  #batch: WriteBatch = emptyBatch();
  #actions: (() => void)[] = [];
  #scheduled = false;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private engine: Engine,
    private onFatal: (error: unknown) => void,
  ) {}

  event(ch: string, event: StoredEvent): void {
    this.#batch.events.push({ ch, event });
    this.#schedule();
  }

  record(ch: string, key: string, value: unknown): void {
    this.#batch.records.push({ ch, key, value });
    this.#schedule();
  }

  outcome(userId: string, mid: string, outcome: OpOutcome, ts: number): void {
    this.#batch.outcomes.push({ userId, mid, outcome, ts });
    this.#schedule();
  }

  /** Runs `action` once everything written so far is committed, in the order given. */
  after(action: () => void): void {
    this.#actions.push(action);
    this.#schedule();
  }

  /** Commits what is pending now; resolves when it and every earlier commit are done. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#commit());
    return this.#flushing;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.flush();
    });
  }

  async #commit(): Promise<void> {
    const batch = this.#batch;
    const actions = this.#actions;
    if (actions.length === 0 && isEmpty(batch)) return;
    this.#batch = emptyBatch();
    this.#actions = [];
    try {
      if (!isEmpty(batch)) {
        // A synchronous engine commits without yielding, so the actions below see exactly the
        // state that was written.
        const pending = this.engine.commit(batch);
        if (pending) await pending;
      }
    } catch (error) {
      // Nothing in this batch was acknowledged; clients keep the ops in their outbox and
      // retry against a relay that can write.
      this.onFatal(error);
      return;
    }
    for (const action of actions) action();
  }
}

function isEmpty(batch: WriteBatch): boolean {
  return batch.events.length === 0 && batch.records.length === 0 && batch.outcomes.length === 0;
}
