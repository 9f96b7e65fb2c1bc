/**
 * reactions (`ROOM/reactions`): `react {emoji}` is acknowledged at once and counted; the counts
 * go out as one `burst {counts}` event at most every `BURST_INTERVAL_MS`, so a thousand hearts in
 * a second are four events, not a thousand. History is short: reactions are of the moment.
 *
 * Counts waiting for their burst are stored as the `pending` record, written with each react (so
 * in the commit that carries its ack) and deleted with the burst that sends them: a reaction once
 * acknowledged survives a crash or a stop, and its retry, answered from the stored outcome, is
 * not needed to count it.
 */
import type { User } from '../../src/protocol/index.js';
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
/** The record of counts acked but not yet sent in a burst. */
const PENDING_KEY = 'pending';

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
    // Acked before a crash (or a stop that could not send them): they go out as the first burst.
    const pending = stored.records.get(PENDING_KEY) as Record<string, number> | undefined;
    if (pending) {
      for (const [emoji, count] of Object.entries(pending)) this.#pending.set(emoji, count);
      if (this.#pending.size > 0) this.#schedule();
    }
  }

  op(user: User, type: string, data: Record<string, unknown>): unknown {
    if (type === 'react') return this.#react(data);
    if (type === 'settings') return this.#settings(user, data);
    throw invalid(`unknown reactions op: ${type}`, { field: 'type' });
  }

  snapshotKey(): string {
    return 'everyone';
  }

  snapshot() {
    return { emojis: this.#emojis };
  }

  /** True while acked reactions wait for their burst. */
  busy(): boolean {
    return this.#pending.size > 0;
  }

  /** A stop sends the waiting burst at once; the writer commits it before the relay exits. */
  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#pending.size > 0) this.#burst();
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
    // A fresh object each time: the record is what this commit stores, whatever comes later.
    this.handle.put(PENDING_KEY, Object.fromEntries(this.#pending));
    this.#schedule();
    return {};
  }

  #schedule() {
    if (this.#timer) return;
    const wait = Math.max(0, this.#lastBurstAt + BURST_INTERVAL_MS - Date.now());
    this.#timer = this.handle.later(() => this.#burst(), wait);
  }

  /** The event and the record's deletion share one commit: the counts are stored exactly once. */
  #burst() {
    this.#timer = null;
    this.#lastBurstAt = Date.now();
    const counts = Object.fromEntries(this.#pending);
    this.#pending.clear();
    this.handle.emit('burst', { counts });
    this.handle.put(PENDING_KEY, undefined);
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
