/**
 * One live channel (`ROOM/FEATURE`): its epoch and head, the newest events kept for resume, its
 * subscribers and the feature's state. Events are serialised once and the same string goes to
 * every subscriber.
 */
import type { Position, User } from '../../src/protocol.js';
import type { ChannelRecord, StoredEvent } from '../engines/engine.js';
import type { ChannelHandle, FeatureChannel, FeatureModule } from '../features/feature.js';
import type { RelayConfig } from '../limits.js';
import type { ChannelHooks } from './registry.js';
import type { Writer } from './writer.js';

/** A connection as a channel sees it. */
export interface Subscriber {
  readonly user: User;
  /** Queues one serialised frame; the connection batches what one tick queues. */
  enqueue(json: string): void;
  /** Whether the connection is still open. */
  readonly open: boolean;
  /** Whether more may be queued now without nearing the connection's slow-consumer budget. */
  readonly writable: boolean;
  /** Calls back once the connection is writable again (or gone). */
  whenWritable(callback: () => void): void;
  /** The connection fell behind what the channel can still replay to it: it must resume. */
  lagged(): void;
}

/** Where one subscriber stands: the seq of the last event queued to it. */
interface Subscription {
  sentSeq: number;
  /** Whether its pump waits for the connection to drain. */
  waiting?: boolean;
}

/** History beyond `historyLimit` is trimmed once per this many events. */
const TRIM_EVERY = 100;

export class Channel {
  readonly epoch: string;
  /** The seq of the newest event applied. */
  head: number;
  readonly state: FeatureChannel;
  readonly historyTtlMs: number;
  /** The newest events, contiguous and ending at `head`: what a resume replays from. */
  #recent: StoredEvent[];
  /**
   * Each subscriber with the last seq queued to it, so nothing reaches it twice. A subscriber
   * behind the channel (being replayed to) is fed by its own pump as it drains, not by broadcasts.
   */
  #subscribers = new Map<Subscriber, Subscription>();
  /** Each user's subscribers: the one, or a Set when a user has several (tabs, devices). */
  #byUser = new Map<string, Subscriber | Set<Subscriber>>();
  /** The relay time of the op being applied, so one op's events share one clock reading. */
  #opTime: number | null = null;
  /** The seq of the newest event committed and broadcast: what a replay may send. */
  #published: number;
  /** When anything last used the channel (ms): an idle channel is unloaded after a while. */
  lastUsedAt = Date.now();

  constructor(
    readonly name: string,
    readonly room: string,
    readonly feature: FeatureModule,
    record: ChannelRecord,
    private writer: Writer,
    private config: RelayConfig,
    hooks: ChannelHooks,
  ) {
    this.epoch = record.epoch;
    this.head = record.head;
    this.#published = record.head;
    this.historyTtlMs = feature.historyTtlMs?.(config) ?? config.historyTtlMs;
    const last = record.history.at(-1);
    this.#recent = last?.seq === record.head ? record.history.slice(-config.replayLimit) : [];
    const handle: ChannelHandle = {
      name,
      room,
      config,
      now: () => this.#opTime ?? Date.now(),
      head: () => this.head,
      emit: (type, data) => this.#emit(type, data),
      put: (key, value) => this.writer.record(name, key, value),
      sendMe: (userId, data) => this.#sendMe(userId, data),
      broadcast: (json, to) => this.writer.after(() => this.#send(json, to)),
      defer: (action) => this.writer.after(action),
      recheckRoom: () => this.writer.after(() => hooks.recheckRoom(room)),
      lastAddressOf: (userId) => hooks.lastAddressOf(userId),
      blocked: (text) => hooks.blocked(room, text),
    };
    this.state = feature.open(handle, record);
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** Applies one op with the feature; the clock stands still while it runs. */
  apply(user: User, type: string, data: Record<string, unknown>): { ack: unknown; seq?: number } {
    const before = this.head;
    this.#opTime = Date.now();
    this.lastUsedAt = this.#opTime;
    try {
      const ack = this.state.op(user, type, data);
      return { ack, seq: this.head > before ? before + 1 : undefined };
    } finally {
      this.#opTime = null;
    }
  }

  /**
   * Answers a `sub`: replays what the subscriber missed when history allows, else sends a
   * snapshot as of the head. Call it only when everything applied is committed.
   *
   * A replay is not queued at once: it is pumped as the connection drains, so a resume of a
   * thousand long messages never sits in memory whole. A second `sub` of a subscribed channel
   * moves the one cursor of that subscription: a replay is never queued twice, and no live
   * event reaches the subscriber twice.
   */
  subscribe(subscriber: Subscriber, id: string | number, from: Position | undefined): void {
    this.lastUsedAt = Date.now();
    if (this.state.answerSub) {
      this.state.answerSub(subscriber, id);
      this.#add(subscriber, { sentSeq: this.head });
      return;
    }
    const current = this.#subscribers.get(subscriber);
    const start = from ? this.#replayStart(from) : null;
    if (start !== null) {
      const head = this.#published;
      subscriber.enqueue(`${this.#okHead(id, head)},"replay":${head - start}}`);
      const subscription = current ?? { sentSeq: start };
      subscription.sentSeq = start;
      if (!current) this.#add(subscriber, subscription);
      this.#pump(subscriber, subscription);
    } else {
      const head = this.head;
      const snapshot = JSON.stringify(this.state.snapshot(subscriber.user));
      subscriber.enqueue(`${this.#okHead(id, head)},"reset":true,"snapshot":${snapshot}}`);
      // A new subscription object: a replay still being pumped to this subscriber stops.
      if (current) this.unsubscribe(subscriber);
      this.#add(subscriber, { sentSeq: head });
    }
    for (const data of this.state.meFor?.(subscriber.user) ?? []) {
      subscriber.enqueue(this.#meJson(data));
    }
  }

  /** Whether the subscriber is subscribed here. */
  has(subscriber: Subscriber): boolean {
    return this.#subscribers.has(subscriber);
  }

  #okHead(id: string | number, seq: number): string {
    return `{"t":"ok","id":${JSON.stringify(id)},"ch":${JSON.stringify(this.name)},"epoch":${JSON.stringify(this.epoch)},"seq":${seq}`;
  }

  #add(subscriber: Subscriber, subscription: Subscription): void {
    this.#subscribers.set(subscriber, subscription);
    const userId = subscriber.user.id;
    const own = this.#byUser.get(userId);
    if (own === undefined || own === subscriber) this.#byUser.set(userId, subscriber);
    else if (own instanceof Set) own.add(subscriber);
    else this.#byUser.set(userId, new Set([own, subscriber]));
  }

  unsubscribe(subscriber: Subscriber): void {
    if (!this.#subscribers.delete(subscriber)) return;
    this.lastUsedAt = Date.now();
    const userId = subscriber.user.id;
    const own = this.#byUser.get(userId);
    if (own === subscriber) {
      this.#byUser.delete(userId);
    } else if (own instanceof Set) {
      own.delete(subscriber);
      if (own.size === 1) this.#byUser.set(userId, own.values().next().value!);
    }
  }

  /** Sends a signal to every subscriber but the sender's own connections. */
  signal(from: User, json: string): void {
    this.lastUsedAt = Date.now();
    this.#send(json, (user) => user.id !== from.id);
  }

  #send(json: string, to?: (user: User) => boolean): void {
    for (const subscriber of this.#subscribers.keys()) {
      if (!to || to(subscriber.user)) subscriber.enqueue(json);
    }
  }

  /** Whether nothing needs the channel in memory: no subscriber, no work pending. */
  get idle(): boolean {
    return this.#subscribers.size === 0 && !this.state.busy?.();
  }

  /** Drops resume events older than the history TTL. */
  expire(now = Date.now()): void {
    const oldest = now - this.historyTtlMs;
    let drop = 0;
    while (drop < this.#recent.length && this.#recent[drop].ts < oldest) drop++;
    if (drop > 0) this.#recent.splice(0, drop);
  }

  close(): void {
    this.state.close?.();
  }

  #emit(type: string, data: unknown): number {
    const seq = ++this.head;
    const ts = this.#opTime ?? Date.now();
    const json = `{"t":"ev","ch":${JSON.stringify(this.name)},"seq":${seq},"type":${JSON.stringify(type)},"data":${JSON.stringify(data)},"ts":${ts}}`;
    const event: StoredEvent = { seq, type, data, ts, json };
    this.#recent.push(event);
    // Trimmed in chunks so the hot path does not shift the array on every event.
    if (this.#recent.length > this.config.replayLimit * 2) {
      this.#recent.splice(0, this.#recent.length - this.config.replayLimit);
    }
    this.writer.event(this.name, event, ts + this.historyTtlMs);
    // History beyond the count kept is forgotten now and then, by the commit that passes a mark.
    const keep = this.config.historyLimit;
    if (seq > keep && seq % TRIM_EVERY === 0) this.writer.trim(this.name, seq - keep);
    this.writer.after(() => this.#broadcast(event));
    return seq;
  }

  #broadcast(event: StoredEvent): void {
    this.#published = event.seq;
    for (const [subscriber, subscription] of this.#subscribers) {
      // Only the next event: one further behind is being replayed and gets it from its pump.
      if (event.seq === subscription.sentSeq + 1) {
        subscription.sentSeq = event.seq;
        subscriber.enqueue(event.json);
      }
    }
  }

  /** Queues the subscriber's missing events while it can take them; resumes when it drains. */
  #pump(subscriber: Subscriber, subscription: Subscription): void {
    if (subscription.waiting) return; // the pump already waiting goes on from the cursor
    while (subscription.sentSeq < this.#published) {
      if (this.#subscribers.get(subscriber) !== subscription || !subscriber.open) return;
      if (!subscriber.writable) {
        subscription.waiting = true;
        subscriber.whenWritable(() => {
          subscription.waiting = false;
          this.#pump(subscriber, subscription);
        });
        return;
      }
      const event = this.#event(subscription.sentSeq + 1);
      if (!event) {
        // History moved on faster than the subscriber read: it resumes on a new socket.
        this.unsubscribe(subscriber);
        subscriber.lagged();
        return;
      }
      subscription.sentSeq = event.seq;
      subscriber.enqueue(event.json);
    }
  }

  /** A resume event by seq, if still held. */
  #event(seq: number): StoredEvent | undefined {
    const first = this.#recent[0]?.seq ?? 0;
    return seq < first ? undefined : this.#recent[seq - first];
  }

  #sendMe(userId: string, data: unknown): void {
    this.writer.after(() => {
      const own = this.#byUser.get(userId);
      if (!own) return;
      const json = this.#meJson(data);
      if (own instanceof Set) for (const subscriber of own) subscriber.enqueue(json);
      else own.enqueue(json);
    });
  }

  #meJson(data: unknown): string {
    return `{"t":"me","ch":${JSON.stringify(this.name)},"data":${JSON.stringify(data)}}`;
  }

  /** The seq a replay starts after, or null when it cannot be replayed (then: reset). */
  #replayStart(from: Position): number | null {
    if (from.epoch !== this.epoch || from.seq > this.#published) return null;
    const start = from.seq;
    const count = this.#published - start;
    if (count === 0) return start;
    const replayable = Math.min(this.config.replayLimit, this.config.historyLimit);
    if (count > replayable) return null;
    const first = this.#event(start + 1);
    if (!first || first.ts < Date.now() - this.historyTtlMs) return null;
    return start;
  }
}
