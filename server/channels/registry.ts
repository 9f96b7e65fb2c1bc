/**
 * The channels loaded on this relay: each is loaded once, on first use, as the primary (this
 * relay decides its order) or as a replica (another relay of the cluster does), and kept while
 * it is used: a channel with no subscriber and no pending work is unloaded after
 * `channelIdleMs`, so rooms nobody uses cost nothing, however many were ever named.
 */
import { CHANNEL_PATTERN, type Role } from '../../src/protocol/index.js';
import type { Engine, StoredEvent } from '../engines/engine.js';
import { OpError } from '../errors.js';
import type { FeatureModule } from '../features/feature.js';
import type { RelayConfig } from '../limits.js';
import { guard } from '../log.js';
import { sliced } from '../sweep.js';
import { RETRY_AFTER_MS } from '../wire.js';
import { Channel, type Audience } from './channel.js';
import type { Writer } from './writer.js';

/**
 * Once the cap is reached, idle channels are unloaded until this share of it is left loaded, so
 * a stream of new channels pays for one pass over the loaded ones per tenth of the cap, not one
 * per load.
 */
const UNLOAD_DOWN_TO = 0.9;

/**
 * A channel the cap unloads has been unused this long: one just handed out (a `sub` waiting for
 * its commit before it attaches) is not idle yet, only looks it.
 */
const UNLOAD_UNUSED_MS = 1_000;

/**
 * A pass over the loaded channels for the cap starts at most this often: while every channel
 * is in use, the loads refused meanwhile cost no scan each.
 */
const UNLOAD_PAUSE_MS = 250;

export interface ChannelName {
  name: string;
  room: string;
  feature: FeatureModule;
}

/** What channels need of the relay beyond the store. */
export interface RoomHooks {
  /** Re-applies a room's rules to its subscribers and members (see `ChannelHandle`). */
  recheckRoom(room: string): void;
  lastAddressOf(userId: string): string | undefined;
  /**
   * The role `userId` holds in `room` on a live connection of this relay whose identity grants
   * the room (the highest, if several); undefined when none.
   */
  roleIn(room: string, userId: string): Role | undefined;
  /** Sends a frame that is not an event to the other relays' subscribers (a cluster only). */
  publish(room: string, ch: string, json: string, audience: Audience): void;
}

const NO_HOOKS: RoomHooks = {
  recheckRoom() {},
  lastAddressOf: () => undefined,
  roleIn: () => undefined,
  publish() {},
};

/** What a channel needs of its registry and the relay. */
export interface ChannelHooks extends RoomHooks {
  /** Whether a loaded guard channel of the room (chat) finds a blocked term in `text`. */
  blocked(room: string, text: string): boolean;
  /** Events `from` to `to` (seqs, inclusive) read from the store, for a replica's gap. */
  history(ch: string, from: number, to: number): Promise<StoredEvent[]>;
  /** The channel's head as stored. */
  head(ch: string): Promise<number>;
}

export class Channels {
  #loaded = new Map<string, Channel>();
  #loading = new Map<string, Promise<Channel>>();
  /** Events for replicas still loading, delivered once they are. */
  #early = new Map<string, StoredEvent[]>();
  /** The unloading under way for the cap (see `#makeRoom`); one at a time. */
  #unloading: Promise<void> | null = null;
  /** When the last such unloading started (ms). */
  #unloadStartedAt = -Infinity;
  readonly #hooks: ChannelHooks;
  /**
   * Why this relay may not decide for the room now (null: it may). A relay alone always may; in
   * a cluster, while it owns the room and is not leaving. A channel is made (or made again) the
   * primary only then: an op that waited (for its claim, for the store) while the room went to
   * another relay, or arrived while this relay was giving its rooms up on SIGTERM, is refused
   * with a retryable `internal`, not applied to state whose commit the store would refuse.
   */
  notDeciding: (room: string) => OpError | null = () => null;

  constructor(
    private engine: Engine,
    private writer: Writer,
    private config: RelayConfig,
    private features: ReadonlyMap<string, FeatureModule>,
    hooks: RoomHooks = NO_HOOKS,
  ) {
    this.#hooks = {
      recheckRoom: (room) => hooks.recheckRoom(room),
      lastAddressOf: (userId) => hooks.lastAddressOf(userId),
      roleIn: (room, userId) => hooks.roleIn(room, userId),
      publish: (room, ch, json, audience) => hooks.publish(room, ch, json, audience),
      blocked: (room, text) => this.#blocked(room, text),
      history: (ch, from, to) => this.engine.history?.(ch, from, to) ?? Promise.resolve([]),
      head: (ch) => this.engine.head?.(ch) ?? Promise.resolve(0),
    };
  }

  /** Parses `ROOM/FEATURE`: `invalid` when malformed, `not_found` for an unknown feature. */
  parse(name: unknown): ChannelName {
    const match = this.match(name);
    const feature = this.features.get(match[2]);
    if (!feature) {
      // Named by its field, never echoed: the caller knows what it sent.
      throw new OpError('not_found', 'no such feature', { details: { field: 'ch' } });
    }
    return { name: name as string, room: match[1], feature };
  }

  /**
   * `name` split as `ROOM/FEATURE`, whatever the feature, or `invalid` when malformed: every
   * frame naming a channel is held to this, `unsub` included (which asks nothing more).
   */
  match(name: unknown): RegExpExecArray {
    const match = typeof name === 'string' ? CHANNEL_PATTERN.exec(name) : null;
    if (!match) {
      throw new OpError(
        'invalid',
        'ch must be ROOM/FEATURE with ROOM matching [A-Za-z0-9_-]{1,64}',
        {
          details: { field: 'ch' },
        },
      );
    }
    return match;
  }

  /** The name of `feature`'s channel in `room`. */
  named(room: string, feature: FeatureModule): ChannelName {
    return { name: `${room}/${feature.name}`, room, feature };
  }

  /** The channel if it is loaded (primary or replica). */
  peek(name: string): Channel | undefined {
    return this.#loaded.get(name);
  }

  /**
   * The channel as its primary: loaded from the store, or a replica promoted. A channel not
   * loaded yet is refused with `rate_limited` while `maxChannels` are loaded and in use, unless
   * `uncapped` (the relay's own loads: a room taken over in a cluster, whose pending work must go
   * on).
   */
  async get(target: ChannelName, uncapped = false): Promise<Channel> {
    const refused = this.notDeciding(target.room);
    if (refused) throw refused;
    const loaded = this.#loaded.get(target.name);
    if (loaded?.primary) {
      loaded.lastUsedAt = Date.now();
      return loaded;
    }
    if (!loaded && !this.#loading.has(target.name)) {
      await this.#makeRoom();
      // Checked in the same turn as the load starts, so loads waiting together never overshoot.
      const started = this.#loaded.has(target.name) || this.#loading.has(target.name);
      if (!uncapped && !started) this.#refuseWhenFull();
    }
    return this.#once(target.name, async () => {
      const record = await this.engine.loadChannel(target.name, this.#rule(target.feature));
      const lost = this.notDeciding(target.room);
      if (lost) throw lost;
      const channel = this.#loaded.get(target.name);
      if (channel) {
        channel.promote(record);
        return channel;
      }
      return this.#add(target, record, true);
    });
  }

  /** The channel, as a replica if it is not loaded: another relay is its primary. */
  async replica(target: ChannelName): Promise<Channel> {
    const loaded = this.#loaded.get(target.name);
    if (loaded) {
      loaded.lastUsedAt = Date.now();
      return loaded;
    }
    // The owner has already answered the sub: a replica is never refused, only made room for.
    if (!this.#loading.has(target.name)) await this.#makeRoom();
    return this.#once(target.name, async () => {
      const rule = this.#rule(target.feature);
      const record = await (this.engine.loadFeed?.(target.name, rule) ??
        this.engine.loadChannel(target.name, rule));
      return this.#loaded.get(target.name) ?? this.#add(target, record, false);
    });
  }

  /** Committed events of a channel this relay holds as a replica (from the cluster). */
  deliver(ch: string, events: StoredEvent[]): void {
    const channel = this.#loaded.get(ch);
    if (channel) return channel.receive(events);
    if (!this.#loading.has(ch)) return;
    const early = this.#early.get(ch);
    if (early) early.push(...events);
    else this.#early.set(ch, [...events]);
  }

  /** The loaded channels of a room. */
  *ofRoom(room: string): Iterable<Channel> {
    for (const channel of this.#loaded.values()) if (channel.room === room) yield channel;
  }

  /**
   * Every loaded channel of the room stops being the primary here (the room went to another
   * relay, or its state is to be read again from the store): subscribers stay.
   */
  demoteRoom(room: string): void {
    for (const channel of this.ofRoom(room)) if (channel.primary) channel.demote();
  }

  /** The feature channels of a room that may refuse a user's ops (e.g. chat bans). */
  async guards(room: string): Promise<Channel[]> {
    const guards: Channel[] = [];
    for (const feature of this.features.values()) {
      if (!feature.guardsRoom) continue;
      const channel = await this.get(this.named(room, feature));
      channel.lastUsedAt = Date.now();
      guards.push(channel);
    }
    return guards;
  }

  get size(): number {
    return this.#loaded.size;
  }

  values(): IterableIterator<Channel> {
    return this.#loaded.values();
  }

  /**
   * Trims resume events in memory and unloads channels idle for `channelIdleMs`, a slice at a
   * time. `settle` resolves once every commit so far is written: a channel is dropped only after
   * that, and only if it is still idle, so a later load reads everything it wrote.
   */
  async sweep(now: number, settle: () => Promise<void>): Promise<void> {
    const idle: Channel[] = [];
    const idleBefore = now - this.config.channelIdleMs;
    await sliced(this.#loaded.values(), (channel) => {
      channel.expire(now);
      if (channel.idle && channel.lastUsedAt <= idleBefore) idle.push(channel);
    });
    if (idle.length === 0) return;
    await settle();
    await sliced(idle, (channel) => {
      if (!channel.idle || channel.lastUsedAt > idleBefore) return;
      if (this.#loaded.get(channel.name) !== channel) return;
      this.#loaded.delete(channel.name);
      guard('channel close', () => channel.close());
    });
  }

  /**
   * Room for one more channel under `maxChannels`: past it, the idle channels used longest ago
   * are unloaded, after every commit so far is written (as the sweep does), so nothing
   * acknowledged is lost: a later load reads it back. Without this, a client naming ever new
   * rooms (one op each) filled memory for `channelIdleMs`.
   */
  async #makeRoom(): Promise<void> {
    const max = this.config.maxChannels;
    if (max <= 0 || this.#count() < max) return;
    if (!this.#unloading) {
      const now = Date.now();
      if (now - this.#unloadStartedAt < UNLOAD_PAUSE_MS) return;
      this.#unloadStartedAt = now;
      this.#unloading = this.#unloadIdle(Math.floor(max * UNLOAD_DOWN_TO)).finally(() => {
        this.#unloading = null;
      });
    }
    await this.#unloading;
  }

  /** `rate_limited` with `details.limit` while `maxChannels` are loaded (all of them in use). */
  #refuseWhenFull(): void {
    const max = this.config.maxChannels;
    if (max <= 0 || this.#count() < max) return;
    throw new OpError('rate_limited', 'this relay holds too many channels in use', {
      retryAfterMs: RETRY_AFTER_MS,
      details: { limit: max },
    });
  }

  /** Channels loaded or being loaded. */
  #count(): number {
    return this.#loaded.size + this.#loading.size;
  }

  /**
   * Unloads idle channels unused for `UNLOAD_UNUSED_MS`, longest unused first, until `keep` are
   * left (or none is left to unload).
   */
  async #unloadIdle(keep: number): Promise<void> {
    const idle: Channel[] = [];
    const unusedSince = Date.now() - UNLOAD_UNUSED_MS;
    await sliced(this.#loaded.values(), (channel) => {
      if (channel.idle && channel.lastUsedAt < unusedSince) idle.push(channel);
    });
    if (idle.length === 0) return;
    idle.sort((a, b) => a.lastUsedAt - b.lastUsedAt);
    const marks = new Map(idle.map((channel) => [channel, channel.lastUsedAt]));
    await this.writer.flush();
    await sliced(idle, (channel) => {
      if (this.#count() <= keep) return;
      // Used since it was picked (a new use always moves the mark, being later than
      // `unusedSince`): its work may not be committed yet.
      if (!channel.idle || channel.lastUsedAt !== marks.get(channel)) return;
      if (this.#loaded.get(channel.name) !== channel) return;
      this.#loaded.delete(channel.name);
      guard('channel close', () => channel.close());
    });
  }

  closeAll(): void {
    for (const channel of this.#loaded.values()) guard('channel close', () => channel.close());
  }

  #once(name: string, load: () => Promise<Channel>): Promise<Channel> {
    let loading = this.#loading.get(name);
    if (!loading) {
      loading = load().finally(() => {
        this.#loading.delete(name);
        const early = this.#early.get(name);
        this.#early.delete(name);
        if (early) this.#loaded.get(name)?.receive(early);
      });
      this.#loading.set(name, loading);
    }
    return loading;
  }

  #add(
    { name, room, feature }: ChannelName,
    record: Awaited<ReturnType<Engine['loadChannel']>>,
    primary: boolean,
  ): Channel {
    const channel = new Channel(
      name,
      room,
      feature,
      record,
      this.writer,
      this.config,
      this.#hooks,
      primary,
    );
    this.#loaded.set(name, channel);
    return channel;
  }

  /** Whether a loaded guard channel of the room (chat) finds a blocked term in `text`. */
  #blocked(room: string, text: string): boolean {
    for (const feature of this.features.values()) {
      if (!feature.guardsRoom) continue;
      if (this.peek(`${room}/${feature.name}`)?.state?.screen?.(text)) return true;
    }
    return false;
  }

  #rule(feature: FeatureModule) {
    const ttl = feature.historyTtlMs?.(this.config) ?? this.config.historyTtlMs;
    return { keep: this.config.historyLimit, olderThan: Date.now() - ttl };
  }
}
