/**
 * One live channel (`ROOM/FEATURE`) on this relay: its epoch and head, the newest events kept for
 * resume, and the subscribers of this relay. Events are serialised once and the same string goes
 * to every subscriber.
 *
 * A channel is the primary when this relay decides its order (it holds the feature's state,
 * applies ops and commits their events), or a replica when another relay of the cluster does:
 * then it holds no state, and the events it serves arrive from the primary, committed. Both serve
 * their subscribers the same way: a replay or a snapshot decided by the primary, then every event
 * in order, once.
 */
import { isStaff, type Position, type User } from '../../src/protocol/index.js';
import type { ChannelRecord, StoredEvent } from '../engines/engine.js';
import type { ChannelHandle, FeatureChannel, FeatureModule } from '../features/feature.js';
import type { RelayConfig } from '../limits.js';
import { guard } from '../log.js';
import type { ChannelHooks } from './registry.js';
import * as wire from '../wire.js';
import type { Json } from '../wire.js';
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

/** Who a frame that is not an event goes to. */
export type Audience = 'all' | 'hosts' | { except: string } | { user: string };

/**
 * How the primary answered a `sub`, once everything before it was committed: a replay after
 * `start`, a snapshot as of `seq`, or the frames a feature without history (presence) answers
 * with; and the `me` frames that follow. Plain data: in a cluster it travels between relays.
 */
export type SubDecision =
  | { kind: 'replay'; start: number; me: string[] }
  | { kind: 'reset'; seq: number; snapshot: Json<unknown>; me: string[] }
  | { kind: 'frames'; frames: string[] };

/** Where one subscriber stands: the seq of the last event queued to it. */
interface Subscription {
  sentSeq: number;
  /** Whether its pump waits for the connection to drain. */
  waiting?: boolean;
}

/** History beyond `historyLimit` is trimmed once per this many events. */
const TRIM_EVERY = 100;

/**
 * Data fields only hosts and moderators receive: an event whose data names `visibleTo` reaches
 * staff whole, that user without these, and nobody else.
 */
const STAFF_MARKERS = ['visibleTo', 'hidden', 'delayedUntil', 'heldFor'];

/** Per event meant for staff and one user only: that user's frame and everyone else's. */
const restrictedFrames = new WeakMap<StoredEvent, { own: string; withheld: string }>();

/**
 * The frame `user` receives for `event`. An event whose data names `visibleTo` reaches hosts and
 * moderators as stored, that user without the staff's markers, and everyone else as a `withheld`
 * event at the same seq: the order stays gap-free for all and nothing of the content leaks
 * (docs/protocol-notes.md, "Events not everyone sees"). Feature-blind: it reads one field.
 */
export function frameFor(ch: string, event: StoredEvent, user: User): string {
  if (isStaff(user)) return event.json;
  let data = event.data as Record<string, unknown> | null | undefined;
  let type = event.type;
  // Events from another relay arrive as JSON only: read the few that may need it.
  if (data === undefined && event.json.includes('"visibleTo":')) {
    ({ type, data } = JSON.parse(event.json) as { type: string; data: Record<string, unknown> });
  }
  const visibleTo = typeof data === 'object' && data !== null ? data.visibleTo : undefined;
  if (typeof visibleTo !== 'string') return event.json;
  let frames = restrictedFrames.get(event);
  if (frames === undefined) {
    const own: Record<string, unknown> = { ...data! };
    for (const marker of STAFF_MARKERS) delete own[marker];
    const { seq, ts } = event;
    frames = {
      own: wire.ev({ ch, seq, type, data: own, ts }),
      withheld: wire.ev({ ch, seq, type: 'withheld', data: {}, ts }),
    };
    restrictedFrames.set(event, frames);
  }
  return visibleTo === user.id ? frames.own : frames.withheld;
}

export function audienceHas(audience: Audience, user: User): boolean {
  if (audience === 'all') return true;
  if (audience === 'hosts') return isStaff(user);
  if ('except' in audience) return user.id !== audience.except;
  return user.id === audience.user;
}

export class Channel {
  readonly epoch: string;
  /** The seq of the newest event: applied (primary) or received (replica). */
  head: number;
  /** The feature's state: set on the primary, null on a replica. */
  state: FeatureChannel | null = null;
  readonly historyTtlMs: number;
  /** When anything last used the channel (ms): an idle channel is unloaded after a while. */
  lastUsedAt = Date.now();
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
  /** The seq of the newest event committed and sent: what a replay may send. */
  #published: number;
  /** Events received out of order on a replica, waiting for the gap before them to be filled. */
  #early = new Map<number, StoredEvent>();
  #filling = false;
  /** Snapshots serialised at one head, by `snapshotKey`. */
  #snapshots: { head: number; byKey: Map<string, Json<unknown>> } | null = null;
  readonly #handle: ChannelHandle;

  constructor(
    readonly name: string,
    readonly room: string,
    readonly feature: FeatureModule,
    record: ChannelRecord,
    private writer: Writer,
    private config: RelayConfig,
    private hooks: ChannelHooks,
    primary = true,
  ) {
    this.epoch = record.epoch;
    this.head = record.head;
    this.#published = record.head;
    this.historyTtlMs = feature.historyTtlMs?.(config) ?? config.historyTtlMs;
    const last = record.history.at(-1);
    this.#recent = last?.seq === record.head ? record.history.slice(-config.replayLimit) : [];
    this.#handle = {
      name,
      room,
      config,
      now: () => this.#opTime ?? Date.now(),
      head: () => this.head,
      emit: (type, data) => this.#emit(type, data),
      put: (key, value) => this.writer.record(name, key, value),
      sendMe: (userId, data) =>
        this.#after(() => this.broadcastFrame(wire.me(this.name, data), { user: userId })),
      sendMeToHosts: (data) =>
        this.#after(() => this.broadcastFrame(wire.me(this.name, data), 'hosts')),
      broadcast: (json, to = 'all') => this.#after(() => this.broadcastFrame(json, to)),
      defer: (action) => this.#after(action),
      later: (action, ms) => {
        const timer = setTimeout(() => guard(`${feature.name} timer`, action), ms);
        timer.unref();
        return timer;
      },
      recheckRoom: () => this.#after(() => hooks.recheckRoom(room)),
      lastAddressOf: (userId) => hooks.lastAddressOf(userId),
      liveRole: (userId) => hooks.roleIn(room, userId),
      blocked: (text) => hooks.blocked(room, text),
    };
    if (primary) this.state = feature.open(this.#handle, record);
  }

  get primary(): boolean {
    return this.state !== null;
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** Applies one op with the feature; the clock stands still while it runs. */
  apply(user: User, type: string, data: Record<string, unknown>): { ack: unknown; seq?: number } {
    const state = this.#primaryState();
    const before = this.head;
    this.#opTime = Date.now();
    this.lastUsedAt = this.#opTime;
    try {
      const ack = state.op(user, type, data);
      return { ack, seq: this.head > before ? before + 1 : undefined };
    } finally {
      this.#opTime = null;
    }
  }

  /**
   * How to answer a `sub` of `user` (primary only; call it once everything applied is committed):
   * a replay of what the subscriber missed when history allows, else a snapshot as of the head.
   */
  decide(user: User, id: string | number, from: Position | undefined): SubDecision {
    const state = this.#primaryState();
    this.lastUsedAt = Date.now();
    if (state.answerSub) return { kind: 'frames', frames: state.answerSub(user, id) };
    const me = (state.meFor?.(user) ?? []).map((data) => wire.me(this.name, data));
    const start = from ? this.#replayStart(from) : null;
    if (start !== null) return { kind: 'replay', start, me };
    return { kind: 'reset', seq: this.head, snapshot: this.#snapshot(state, user), me };
  }

  /**
   * Answers a `sub` as decided: `ok`, then the replay or the snapshot, then live events.
   *
   * A replay is not queued at once: it is pumped as the connection drains, so a resume of a
   * thousand long messages never sits in memory whole. A second `sub` of a subscribed channel
   * moves the one cursor of that subscription: a replay is never queued twice, and no live
   * event reaches the subscriber twice.
   */
  attach(subscriber: Subscriber, id: string | number, decision: SubDecision): void {
    this.lastUsedAt = Date.now();
    if (decision.kind === 'frames') {
      for (const frame of decision.frames) subscriber.enqueue(frame);
      if (!this.#subscribers.has(subscriber)) this.#add(subscriber, { sentSeq: this.head });
      return;
    }
    const current = this.#subscribers.get(subscriber);
    let subscription: Subscription;
    if (decision.kind === 'replay') {
      const head = Math.max(this.#published, decision.start);
      const ok = { id, ch: this.name, epoch: this.epoch, seq: head, replay: head - decision.start };
      subscriber.enqueue(wire.okReplay(ok));
      subscription = current ?? { sentSeq: decision.start };
      subscription.sentSeq = decision.start;
      if (!current) this.#add(subscriber, subscription);
    } else {
      const ok = { id, ch: this.name, epoch: this.epoch, seq: decision.seq };
      subscriber.enqueue(wire.okReset(ok, decision.snapshot));
      // A new subscription object: a replay still being pumped to this subscriber stops.
      if (current) this.unsubscribe(subscriber);
      subscription = { sentSeq: decision.seq };
      this.#add(subscriber, subscription);
    }
    for (const me of decision.me) subscriber.enqueue(me);
    // A replica may hold events past what the primary decided on: they follow at once.
    this.#pump(subscriber, subscription);
  }

  /** The snapshot as sent; shared by users of one key (see `snapshotKey`) at one head. */
  #snapshot(state: FeatureChannel, user: User): Json<unknown> {
    const key = state.snapshotKey?.(user) ?? null;
    if (key === null) return wire.json(state.snapshot(user));
    const cached = this.#snapshots;
    if (cached?.head !== this.head) this.#snapshots = { head: this.head, byKey: new Map() };
    let json = this.#snapshots!.byKey.get(key);
    if (json === undefined) {
      json = wire.json(state.snapshot(user));
      this.#snapshots!.byKey.set(key, json);
    }
    return json;
  }

  /** Whether a replay after `seq` can be served here without the store. */
  holds(seq: number): boolean {
    return seq >= this.#published || this.#event(seq + 1) !== undefined;
  }

  /** Older events read from the store, put before the ones held (they must end where those start). */
  backfill(events: StoredEvent[]): void {
    const first = this.#recent[0]?.seq ?? this.head + 1;
    const older = events.filter((event) => event.seq < first);
    if (older.length === 0 || older.at(-1)!.seq !== first - 1) return;
    this.#recent = [...older, ...this.#recent];
  }

  /** Whether the subscriber is subscribed here. */
  has(subscriber: Subscriber): boolean {
    return this.#subscribers.has(subscriber);
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

  /** The subscribers of this relay, for a room's rules to look at. */
  subscribers(): IterableIterator<Subscriber> {
    return this.#subscribers.keys();
  }

  /** Sends a frame that is not an event to this relay's subscribers of the audience. */
  send(json: string, audience: Audience): void {
    this.lastUsedAt = Date.now();
    if (typeof audience === 'object' && 'user' in audience) {
      const own = this.#byUser.get(audience.user);
      if (own instanceof Set) for (const subscriber of own) subscriber.enqueue(json);
      else own?.enqueue(json);
      return;
    }
    for (const subscriber of this.#subscribers.keys()) {
      if (audience === 'all' || audienceHas(audience, subscriber.user)) subscriber.enqueue(json);
    }
  }

  /** Whether nothing needs the channel in memory: no subscriber, no work pending. */
  get idle(): boolean {
    return this.#subscribers.size === 0 && !this.state?.busy?.();
  }

  /** Drops resume events older than the history TTL. */
  expire(now = Date.now()): void {
    const oldest = now - this.historyTtlMs;
    let drop = 0;
    while (drop < this.#recent.length && this.#recent[drop].ts < oldest) drop++;
    if (drop > 0) this.#recent.splice(0, drop);
  }

  close(): void {
    this.state?.close?.();
  }

  /**
   * This relay no longer decides the channel's order (another relay took the room over, or the
   * store lost what was not yet committed): the feature's state goes, and with it every event
   * applied but not committed. Subscribers stay; one that was sent more than was committed must
   * resume (its position is ahead of what the channel will say next).
   */
  demote(): void {
    guard('channel close', () => this.state?.close?.());
    this.state = null;
    this.#snapshots = null;
    this.head = this.#published;
    this.#recent = this.#recent.filter((event) => event.seq <= this.#published);
    for (const [subscriber, subscription] of this.#subscribers) {
      if (subscription.sentSeq > this.#published) {
        this.unsubscribe(subscriber);
        subscriber.lagged();
      }
    }
  }

  /**
   * This relay decides the channel's order from now on: the feature's state is opened from the
   * store's record, whose head is at or past what this replica received.
   */
  promote(record: ChannelRecord): void {
    if (this.state) return;
    for (const event of record.history) if (event.seq > this.head) this.#append(event);
    if (record.head > this.head) {
      // Events the store has that were never received here are not in this replica's history:
      // a resume from before them must come from a snapshot.
      this.#recent = [];
      this.head = record.head;
    }
    this.#snapshots = null;
    this.state = this.feature.open(this.#handle, record);
    // What the store has beyond what subscribers were sent (a commit the store applied after this
    // relay took it for failed, or events this replica never received) goes out now: a subscriber
    // left behind here would be skipped by every later event, which only goes to one at seq - 1.
    this.#deliverTo(this.head);
    if (this.#published < this.head) {
      // The store's history does not reach back to them: those subscribers resume.
      this.#published = this.head;
      for (const [subscriber, subscription] of this.#subscribers) {
        if (subscription.sentSeq < this.#published) this.#pump(subscriber, subscription);
      }
    }
  }

  /** Committed events from the primary (replica only): sent on in order, once. */
  receive(events: StoredEvent[]): void {
    if (this.state) return;
    for (const event of events) {
      if (event.seq > this.head + 1) this.#early.set(event.seq, event);
      else if (event.seq === this.head + 1) this.#append(event);
    }
    for (let next = this.#early.get(this.head + 1); next; next = this.#early.get(this.head + 1)) {
      this.#early.delete(next.seq);
      this.#append(next);
    }
    for (const seq of this.#early.keys()) if (seq <= this.head) this.#early.delete(seq);
    this.#deliverTo(this.head);
    if (this.#early.size > 0) void this.#fill();
  }

  /**
   * Catches a replica up with the store, when events may have been published while this relay
   * was not listening (its Redis connection was lost and is back).
   */
  async catchUp(): Promise<void> {
    if (this.state) return;
    const head = await this.hooks.head(this.name);
    if (this.state || head <= this.head) return;
    const missing = await this.hooks.history(this.name, this.head + 1, head);
    if (missing.length > 0 && missing[0].seq === this.head + 1) this.receive(missing);
    else if (head > this.head) this.#restart(head);
  }

  /** A gap between what was received and what came next: read it from the store. */
  async #fill(): Promise<void> {
    if (this.#filling) return;
    this.#filling = true;
    try {
      while (this.#early.size > 0 && !this.state) {
        const upTo = Math.min(...this.#early.keys()) - 1;
        const missing = await this.hooks.history(this.name, this.head + 1, upTo);
        if (missing.length === 0 || missing[0].seq !== this.head + 1) {
          // Gone from history: subscribers must start again from a snapshot.
          this.#restart(upTo);
        } else {
          this.receive(missing);
        }
      }
    } catch {
      // The store is away: the next event tries again.
    } finally {
      this.#filling = false;
    }
  }

  /** Jumps the replica to `seq` when the events before it are gone: subscribers resume. */
  #restart(seq: number): void {
    for (const subscriber of this.#subscribers.keys()) {
      this.unsubscribe(subscriber);
      subscriber.lagged();
    }
    this.#recent = [];
    this.head = seq;
    this.#published = seq;
    this.receive([]);
  }

  #append(event: StoredEvent): void {
    this.head = event.seq;
    this.#recent.push(event);
    // Trimmed in chunks so the hot path does not shift the array on every event.
    if (this.#recent.length > this.config.replayLimit * 2) {
      this.#recent.splice(0, this.#recent.length - this.config.replayLimit);
    }
  }

  #primaryState(): FeatureChannel {
    if (!this.state) throw new Error(`${this.name} is a replica here`);
    return this.state;
  }

  #add(subscriber: Subscriber, subscription: Subscription): void {
    this.#subscribers.set(subscriber, subscription);
    const userId = subscriber.user.id;
    const own = this.#byUser.get(userId);
    if (own === undefined || own === subscriber) this.#byUser.set(userId, subscriber);
    else if (own instanceof Set) own.add(subscriber);
    else this.#byUser.set(userId, new Set([own, subscriber]));
  }

  /** Runs once committed, tagged with the room so a failed commit can hold it back. */
  #after(action: () => void): void {
    this.writer.after(action, this.room);
  }

  /** A frame that is not an event: to this relay's subscribers and to the other relays'. */
  broadcastFrame(json: string, audience: Audience): void {
    this.send(json, audience);
    this.hooks.publish(this.room, this.name, json, audience);
  }

  #emit(type: string, data: unknown): number {
    const seq = ++this.head;
    const ts = this.#opTime ?? Date.now();
    const json = wire.ev({ ch: this.name, seq, type, data, ts });
    const event: StoredEvent = { seq, type, data, ts, json };
    this.#recent.push(event);
    if (this.#recent.length > this.config.replayLimit * 2) {
      this.#recent.splice(0, this.#recent.length - this.config.replayLimit);
    }
    this.writer.event(this.name, event, ts + this.historyTtlMs);
    // History beyond the count kept is forgotten now and then, by the commit that passes a mark.
    const keep = this.config.historyLimit;
    if (seq > keep && seq % TRIM_EVERY === 0) this.writer.trim(this.name, seq - keep);
    this.#after(() => this.#deliverTo(seq));
    return seq;
  }

  /** Sends every event up to `seq` (committed) to the subscribers waiting for it. */
  #deliverTo(seq: number): void {
    while (this.#published < seq) {
      const event = this.#event(this.#published + 1);
      if (!event) return;
      this.#published = event.seq;
      for (const [subscriber, subscription] of this.#subscribers) {
        // Only the next event: one further behind is being replayed and gets it from its pump.
        if (event.seq === subscription.sentSeq + 1) {
          subscription.sentSeq = event.seq;
          subscriber.enqueue(frameFor(this.name, event, subscriber.user));
        }
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
      subscriber.enqueue(frameFor(this.name, event, subscriber.user));
    }
  }

  /** A resume event by seq, if still held. */
  #event(seq: number): StoredEvent | undefined {
    const first = this.#recent[0]?.seq ?? 0;
    return seq < first ? undefined : this.#recent[seq - first];
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
