/**
 * reactions (`ROOM/reactions`): `react {emoji}` is acknowledged at once and counted; the counts
 * go out as one `burst {counts}` event at most every `BURST_INTERVAL_MS`, so a thousand hearts in
 * a second are four events, not a thousand. History is short: reactions are of the moment.
 */
import type { User } from '../../src/protocol.js';
import { isHost } from '../auth.js';
import { OpError, invalid } from '../errors.js';
import type { ChannelHandle, FeatureChannel, FeatureModule, StoredState } from './feature.js';
import { codePoints } from './validate.js';

export const DEFAULT_EMOJIS = ['❤️', '👏', '😂', '😮', '🔥', '👍'];
const BURST_INTERVAL_MS = 250;
const HISTORY_TTL_MS = 60_000;
const EMOJIS_MAX = 12;
/** An emoji may be a sequence (flags, skin tones, ZWJ families). */
const EMOJI_MAX_CODE_POINTS = 10;

class ReactionsChannel implements FeatureChannel {
  #emojis: string[];
  #pending = new Map<string, number>();
  #timer: NodeJS.Timeout | null = null;
  #lastBurstAt = 0;

  constructor(
    private handle: ChannelHandle,
    stored: StoredState,
  ) {
    this.#emojis = (stored.records.get('emojis') as string[] | undefined) ?? DEFAULT_EMOJIS;
  }

  op(user: User, type: string, data: Record<string, unknown>): unknown {
    if (type === 'react') return this.#react(data);
    if (type === 'settings') return this.#settings(user, data);
    throw invalid(`unknown reactions op: ${type}`, { field: 'type' });
  }

  snapshot() {
    return { emojis: this.#emojis };
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
  }

  #react(data: Record<string, unknown>) {
    const emoji = data.emoji;
    if (typeof emoji !== 'string' || !this.#emojis.includes(emoji)) {
      throw invalid('emoji must be one of the room’s emojis', {
        field: 'emoji',
        allowed: this.#emojis,
      });
    }
    this.#pending.set(emoji, (this.#pending.get(emoji) ?? 0) + 1);
    if (!this.#timer) {
      const wait = Math.max(0, this.#lastBurstAt + BURST_INTERVAL_MS - Date.now());
      this.#timer = setTimeout(() => this.#burst(), wait);
      this.#timer.unref();
    }
    return {};
  }

  #burst() {
    this.#timer = null;
    this.#lastBurstAt = Date.now();
    const counts = Object.fromEntries(this.#pending);
    this.#pending.clear();
    this.handle.emit('burst', { counts });
  }

  #settings(user: User, data: Record<string, unknown>) {
    if (!isHost(user)) throw new OpError('forbidden', 'only hosts and moderators may do this');
    const emojis = data.emojis;
    const valid =
      Array.isArray(emojis) &&
      emojis.length >= 1 &&
      emojis.length <= EMOJIS_MAX &&
      new Set(emojis).size === emojis.length &&
      emojis.every(
        (e) =>
          typeof e === 'string' &&
          e.trim() === e &&
          codePoints(e) >= 1 &&
          codePoints(e) <= EMOJI_MAX_CODE_POINTS,
      );
    if (!valid) {
      throw invalid(`emojis must be 1 to ${EMOJIS_MAX} distinct short strings`, {
        field: 'emojis',
      });
    }
    this.#emojis = emojis as string[];
    this.handle.put('emojis', this.#emojis);
    this.handle.emit('settings', { emojis: this.#emojis });
    return {};
  }
}

export const reactions: FeatureModule = {
  name: 'reactions',
  signals: [],
  historyTtlMs: () => HISTORY_TTL_MS,
  open: (handle, stored) => new ReactionsChannel(handle, stored),
};
