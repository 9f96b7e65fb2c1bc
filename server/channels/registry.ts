/**
 * Loads each channel once, on first use, and keeps it while it is used: a channel with no
 * subscriber and no pending work is unloaded after `channelIdleMs`, so rooms nobody uses cost
 * nothing, however many were ever named.
 */
import { CHANNEL_PATTERN } from '../../src/protocol.js';
import type { Engine } from '../engines/engine.js';
import { OpError } from '../errors.js';
import type { FeatureModule } from '../features/feature.js';
import type { RelayConfig } from '../limits.js';
import { guard } from '../log.js';
import { sliced } from '../sweep.js';
import { Channel } from './channel.js';
import type { Writer } from './writer.js';

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
}

const NO_HOOKS: RoomHooks = { recheckRoom() {}, lastAddressOf: () => undefined };

/** What a channel needs of its registry and the relay. */
export interface ChannelHooks extends RoomHooks {
  /** Whether a loaded guard channel of the room (chat) finds a blocked term in `text`. */
  blocked(room: string, text: string): boolean;
}

export class Channels {
  #loaded = new Map<string, Channel>();
  #loading = new Map<string, Promise<Channel>>();
  readonly #hooks: ChannelHooks;

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
      blocked: (room, text) => this.#blocked(room, text),
    };
  }

  /** Parses `ROOM/FEATURE`: `invalid` when malformed, `not_found` for an unknown feature. */
  parse(name: unknown): ChannelName {
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
    const feature = this.features.get(match[2]);
    if (!feature) throw new OpError('not_found', `no feature named ${match[2]}`);
    return { name: name as string, room: match[1], feature };
  }

  /** The channel if it is loaded. */
  peek(name: string): Channel | undefined {
    return this.#loaded.get(name);
  }

  async get({ name, room, feature }: ChannelName): Promise<Channel> {
    const loaded = this.#loaded.get(name);
    if (loaded) return loaded;
    let loading = this.#loading.get(name);
    if (!loading) {
      loading = this.#load(name, room, feature);
      this.#loading.set(name, loading);
    }
    return loading;
  }

  /** The feature channels of a room that may refuse a user's ops (e.g. chat bans). */
  async guards(room: string): Promise<Channel[]> {
    const guards: Channel[] = [];
    for (const feature of this.features.values()) {
      if (!feature.guardsRoom) continue;
      const channel = await this.get({ name: `${room}/${feature.name}`, room, feature });
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

  closeAll(): void {
    for (const channel of this.#loaded.values()) guard('channel close', () => channel.close());
  }

  async #load(name: string, room: string, feature: FeatureModule): Promise<Channel> {
    try {
      const ttl = feature.historyTtlMs?.(this.config) ?? this.config.historyTtlMs;
      const record = await this.engine.loadChannel(name, this.#rule(ttl, Date.now()));
      const channel = new Channel(
        name,
        room,
        feature,
        record,
        this.writer,
        this.config,
        this.#hooks,
      );
      this.#loaded.set(name, channel);
      return channel;
    } finally {
      this.#loading.delete(name);
    }
  }

  /** Whether a loaded guard channel of the room (chat) finds a blocked term in `text`. */
  #blocked(room: string, text: string): boolean {
    for (const feature of this.features.values()) {
      if (!feature.guardsRoom) continue;
      if (this.peek(`${room}/${feature.name}`)?.state.screen?.(text)) return true;
    }
    return false;
  }

  #rule(ttl: number, now: number) {
    return { keep: this.config.historyLimit, olderThan: now - ttl };
  }
}
