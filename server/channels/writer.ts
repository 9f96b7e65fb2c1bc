/**
 * Group commit: everything the relay decides in one tick is written in one transaction, and only
 * then are its acks and events sent. A client never sees what a crash could take back.
 */
import { fault, guard } from '../log.js';
import {
  emptyBatch,
  type Engine,
  type OpOutcome,
  type StoredEvent,
  type WriteBatch,
} from '../engines/engine.js';

export class Writer {
  #batch: WriteBatch = emptyBatch();
  /** The batch's records by channel and key: a record written twice in a tick is written once. */
  #records = new Map<string, WriteBatch['records'][number]>();
  #actions: (() => void)[] = [];
  #scheduled = false;
  #flushing: Promise<void> = Promise.resolve();
  /** Set once a commit failed: nothing after it is written or acknowledged. */
  #failed = false;

  constructor(
    private engine: Engine,
    private onFatal: (error: unknown) => void,
  ) {}

  event(ch: string, event: StoredEvent, expiresAt: number): void {
    this.#batch.events.push({ ch, event, expiresAt });
    this.#schedule();
  }

  record(ch: string, key: string, value: unknown): void {
    const id = `${ch}\u0000${key}`;
    const pending = this.#records.get(id);
    if (pending) pending.value = value;
    else this.#records.set(id, { ch, key, value });
    this.#schedule();
  }

  /** Forgets the history of `ch` up to seq `upTo` (beyond the count the relay keeps). */
  trim(ch: string, upTo: number): void {
    this.#batch.trims.push({ ch, upTo });
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
    // The chain never rejects: one failed step must not stop every later commit.
    this.#flushing = this.#flushing
      .then(() => this.#commit())
      .catch((error: unknown) => fault('commit', error));
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
    batch.records = [...this.#records.values()];
    const actions = this.#actions;
    this.#batch = emptyBatch();
    this.#records = new Map();
    this.#actions = [];
    if (this.#failed || (actions.length === 0 && isEmpty(batch))) return;
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
      this.#failed = true;
      this.onFatal(error);
      return;
    }
    // One action's fault (a frame for a broken socket, say) never stops the ones after it.
    for (const action of actions) guard('writer action', action);
  }
}

function isEmpty(batch: WriteBatch): boolean {
  return (
    batch.events.length === 0 &&
    batch.records.length === 0 &&
    batch.outcomes.length === 0 &&
    batch.trims.length === 0
  );
}
