/**
 * Group commit: everything the relay decides in one tick is written in one transaction (one per
 * room, on a store that commits rooms apart), and only then are its acks and events sent. A
 * client never sees what a crash could take back.
 *
 * Each action that waits for a commit may name its room. When a store that can recover (Redis)
 * fails to commit a room, that room's actions are not run: their `failed` variant is (an op is
 * told to retry), what was pending for the room is dropped too, and the relay reloads the room
 * from the store. A store that cannot (SQLite) stops the relay: nothing after it is written.
 */
import { fault, guard, log } from '../log.js';
import {
  CommitError,
  emptyBatch,
  type Engine,
  type OpOutcome,
  type StoredEvent,
  type WriteBatch,
} from '../engines/engine.js';

/** What one commit made durable, as `Writer.observe` is told. */
export type Committed = Pick<WriteBatch, 'events' | 'records'>;

interface Action {
  run: () => void;
  room?: string;
  failed?: () => void;
}

export function roomOf(ch: string): string {
  const slash = ch.indexOf('/');
  return slash < 0 ? ch : ch.slice(0, slash);
}

export class Writer {
  #batch: WriteBatch = emptyBatch();
  /** The batch's records by channel and key: a record written twice in a tick is written once. */
  #records = new Map<string, WriteBatch['records'][number]>();
  #actions: Action[] = [];
  #scheduled = false;
  #flushing: Promise<void> = Promise.resolve();
  /** Flushes asked for and not yet done (their actions included). */
  #unfinished = 0;
  /** Set once a commit failed on a store that cannot recover: nothing after it is written. */
  #failed = false;
  /** Set once the relay released its store (a graceful stop): nothing after it is written. */
  #closed = false;
  /** Told of what each commit made durable (webhooks), before its acks and events leave. */
  #observers: ((committed: Committed) => void)[] = [];

  constructor(
    private engine: Engine,
    private onFatal: (error: unknown) => void,
    /** Rooms whose commit failed on a store that recovers: the relay reloads them. */
    private onRoomsFailed: (rooms: ReadonlySet<string>) => void = () => {},
    /** How long each commit took (seconds), for the metrics. */
    private onCommitted: (seconds: number) => void = () => {},
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

  outcome(userId: string, mid: string, outcome: OpOutcome, ts: number, room: string): void {
    this.#batch.outcomes.push({ userId, mid, outcome, ts, room });
    this.#schedule();
  }

  /**
   * Runs `action` once everything written so far is committed, in the order given. With a
   * `room`, a failed commit of that room runs `failed` instead (or nothing).
   */
  after(action: () => void, room?: string, failed?: () => void): void {
    this.#actions.push({ run: action, room, failed });
    this.#schedule();
  }

  /**
   * Calls `observer` with the events and records of every commit, once durable (without the
   * rooms whose commit failed). It runs in the commit's turn: it must be quick, and a fault in it
   * goes no further than the log.
   */
  observe(observer: (committed: Committed) => void): void {
    this.#observers.push(observer);
  }

  /**
   * The store is about to be released (a graceful stop, after the last flush). What is decided
   * later, by frames that were being handled while the sockets closed, is dropped: it was never
   * acknowledged, and the clients send those ops again to the relay they reconnect to.
   */
  close(): void {
    this.#closed = true;
  }

  /** Commits what is pending now; resolves when it and every earlier commit are done. */
  flush(): Promise<void> {
    // The chain never rejects: one failed step must not stop every later commit.
    this.#unfinished++;
    this.#flushing = this.#flushing
      .then(() => this.#commit())
      .catch((error: unknown) => fault('commit', error))
      .finally(() => this.#unfinished--);
    return this.#flushing;
  }

  /**
   * Whether no action is waiting, queued or behind a commit under way: something sent now
   * cannot overtake an answer decided before it.
   */
  get idle(): boolean {
    return this.#actions.length === 0 && this.#unfinished === 0;
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
    if (this.#closed) {
      if (!isEmpty(batch)) {
        log.warn(
          { events: batch.events.length, outcomes: batch.outcomes.length },
          'decided after the store was released: dropped, never acknowledged',
        );
      }
      return;
    }
    let failed: Set<string> | null = null;
    try {
      if (!isEmpty(batch)) {
        // A synchronous engine commits without yielding, so the actions below see exactly the
        // state that was written.
        const startedAt = performance.now();
        const pending = this.engine.commit(batch);
        if (pending) await pending;
        this.onCommitted((performance.now() - startedAt) / 1_000);
      }
    } catch (error) {
      if (!this.engine.recoverable) {
        // Nothing in this batch was acknowledged; clients keep the ops in their outbox and
        // retry against a relay that can write.
        this.#failed = true;
        this.onFatal(error);
        return;
      }
      fault('commit', error);
      failed = error instanceof CommitError && error.rooms ? new Set(error.rooms) : roomsOf(batch);
    }
    if (this.#observers.length > 0 && batch.events.length + batch.records.length > 0) {
      const kept = (entry: { ch: string }) => !failed?.has(roomOf(entry.ch));
      const committed = { events: batch.events.filter(kept), records: batch.records.filter(kept) };
      for (const observer of this.#observers) guard('commit observer', () => observer(committed));
    }
    // One action's fault (a frame for a broken socket, say) never stops the ones after it.
    for (const action of actions) {
      if (failed && action.room !== undefined && failed.has(action.room)) {
        if (action.failed) guard('writer action', action.failed);
      } else {
        guard('writer action', action.run);
      }
    }
    if (failed && failed.size > 0) {
      this.#drop(failed);
      this.onRoomsFailed(failed);
    }
  }

  /** What is pending for rooms whose commit failed was decided on state that is thrown away. */
  #drop(rooms: ReadonlySet<string>): void {
    const keep = (ch: string) => !rooms.has(roomOf(ch));
    this.#batch.events = this.#batch.events.filter((entry) => keep(entry.ch));
    this.#batch.trims = this.#batch.trims.filter((entry) => keep(entry.ch));
    this.#batch.outcomes = this.#batch.outcomes.filter((entry) => !rooms.has(entry.room));
    for (const [id, entry] of this.#records) if (!keep(entry.ch)) this.#records.delete(id);
    const actions = this.#actions;
    this.#actions = [];
    for (const action of actions) {
      if (action.room !== undefined && rooms.has(action.room)) {
        if (action.failed) guard('writer action', action.failed);
      } else {
        this.#actions.push(action);
      }
    }
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

/** Every room a batch writes to. */
export function roomsOf(batch: WriteBatch): Set<string> {
  const rooms = new Set<string>();
  for (const { ch } of batch.events) rooms.add(roomOf(ch));
  for (const { ch } of batch.records) rooms.add(roomOf(ch));
  for (const { ch } of batch.trims) rooms.add(roomOf(ch));
  for (const { room } of batch.outcomes) rooms.add(room);
  return rooms;
}
