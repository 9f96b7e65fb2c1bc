/** Loads each channel once, on first use, and keeps it while the relay runs. */
import { CHANNEL_PATTERN } from '../../src/protocol.js';
import type { Engine } from '../engines/engine.js';
import { OpError } from '../errors.js';
import type { FeatureModule } from '../features/feature.js';
import type { RelayConfig } from '../limits.js';
import { Channel } from './channel.js';
import type { Writer } from './writer.js';

export interface ChannelName {
  name: string;
  room: string;
  feature: FeatureModule;
}

export class Channels {
  #loaded = new Map<string, Channel>();
  #loading = new Map<string, Promise<Channel>>();

  constructor(
    private engine: Engine,
    private writer: Writer,
    private config: RelayConfig,
    private features: ReadonlyMap<string, FeatureModule>,
  ) {}

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
      if (feature.guardsRoom)
        guards.push(await this.get({ name: `${room}/${feature.name}`, room, feature }));
    }
    return guards;
  }

  get size(): number {
    return this.#loaded.size;
  }

  values(): IterableIterator<Channel> {
    return this.#loaded.values();
  }

  /** Trims history in memory and in the engine. */
  async expire(now = Date.now()): Promise<void> {
    for (const channel of this.#loaded.values()) {
      channel.expire(now);
      await this.engine.trim(channel.name, this.#rule(channel.historyTtlMs, now));
    }
  }

  closeAll(): void {
    for (const channel of this.#loaded.values()) channel.close();
  }

  async #load(name: string, room: string, feature: FeatureModule): Promise<Channel> {
    try {
      const ttl = feature.historyTtlMs?.(this.config) ?? this.config.historyTtlMs;
      const record = await this.engine.loadChannel(name, this.#rule(ttl, Date.now()));
      const blocked = (text: string) => this.#blocked(room, text);
      const channel = new Channel(name, room, feature, record, this.writer, this.config, blocked);
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
