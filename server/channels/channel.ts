/**
 * One live channel (`ROOM/FEATURE`): its epoch and head, the newest events kept for resume, its
 * subscribers and the feature's state. Events are serialised once and the same string goes to
 * every subscriber.
 */
import type { Position, User } from '../../src/protocol.js';
import type { ChannelRecord, StoredEvent } from '../engines/engine.js';
import type { ChannelHandle, FeatureChannel, FeatureModule } from '../features/feature.js';
import type { RelayConfig } from '../limits.js';
import type { Writer } from './writer.js';

/** A connection as a channel sees it. */
export interface Subscriber {
  readonly user: User;
  /** Queues one serialised frame; the connection batches what one tick queues. */
  enqueue(json: string): void;
}

export class Channel {
  readonly epoch: string;
  /** The seq of the newest event applied. */
  head: number;
  readonly state: FeatureChannel;
  readonly historyTtlMs: number;
  /** The newest events, contiguous and ending at `head`: what a resume replays from. */
  #recent: StoredEvent[];
  /** Each subscriber with the last seq it was sent, so nothing reaches it twice. */
  #subscribers = new Map<Subscriber, { sentSeq: number }>();
  /** Each user's subscribers: the one, or a Set when a user has several (tabs, devices). */
  #byUser = new Map<string, Subscriber | Set<Subscriber>>();
  /** The relay time of the op being applied, so one op's events share one clock reading. */
  #opTime: number | null = null;

  constructor(
    readonly name: string,
    readonly room: string,
    readonly feature: FeatureModule,
    record: ChannelRecord,
    private writer: Writer,
    private config: RelayConfig,
    /** Asks the room's guard channels whether a text holds a blocked term. */
    blocked: (text: string) => boolean = () => false,
  ) {
    this.epoch = record.epoch;
    this.head = record.head;
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
      blocked,
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
   */
  subscribe(subscriber: Subscriber, id: string | number, from: Position | undefined): void {
    if (this.state.answerSub) {
      this.state.answerSub(subscriber, id);
      this.#add(subscriber, this.head);
      return;
    }
    const head = this.head;
    const base = `{"t":"ok","id":${JSON.stringify(id)},"ch":${JSON.stringify(this.name)},"epoch":${JSON.stringify(this.epoch)},"seq":${head}`;
    const replay = from ? this.#replayFrom(from) : null;
    if (replay) {
      subscriber.enqueue(`${base},"replay":${replay.length}}`);
      for (const event of replay) subscriber.enqueue(event.json);
    } else {
      const snapshot = JSON.stringify(this.state.snapshot(subscriber.user));
      subscriber.enqueue(`${base},"reset":true,"snapshot":${snapshot}}`);
    }
    this.#add(subscriber, head);
    for (const data of this.state.meFor?.(subscriber.user) ?? []) {
      subscriber.enqueue(this.#meJson(data));
    }
  }

  #add(subscriber: Subscriber, sentSeq: number): void {
    this.#subscribers.set(subscriber, { sentSeq });
    const userId = subscriber.user.id;
    const own = this.#byUser.get(userId);
    if (own === undefined || own === subscriber) this.#byUser.set(userId, subscriber);
    else if (own instanceof Set) own.add(subscriber);
    else this.#byUser.set(userId, new Set([own, subscriber]));
  }

  unsubscribe(subscriber: Subscriber): void {
    if (!this.#subscribers.delete(subscriber)) return;
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
    this.#send(json, (user) => user.id !== from.id);
  }

  #send(json: string, to?: (user: User) => boolean): void {
    for (const subscriber of this.#subscribers.keys()) {
      if (!to || to(subscriber.user)) subscriber.enqueue(json);
    }
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
    this.writer.event(this.name, event);
    this.writer.after(() => this.#broadcast(event));
    return seq;
  }

  #broadcast(event: StoredEvent): void {
    for (const [subscriber, position] of this.#subscribers) {
      if (event.seq > position.sentSeq) {
        position.sentSeq = event.seq;
        subscriber.enqueue(event.json);
      }
    }
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

  /** The events after `from`, or null when they cannot all be replayed (then: reset). */
  #replayFrom(from: Position): StoredEvent[] | null {
    if (from.epoch !== this.epoch || from.seq > this.head) return null;
    const count = this.head - from.seq;
    if (count === 0) return [];
    const replayable = Math.min(this.config.replayLimit, this.config.historyLimit);
    if (count > replayable || count > this.#recent.length) return null;
    const events = this.#recent.slice(this.#recent.length - count);
    if (events[0].seq !== from.seq + 1) return null;
    if (events[0].ts < Date.now() - this.historyTtlMs) return null;
    return events;
  }
}
