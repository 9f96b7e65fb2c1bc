/**
 * reactions (`ROOM/reactions`): `react {emoji}` is acknowledged at once and counted; the counts
 * go out as one `burst {counts}` event at most every 250 ms, so a thousand hearts in a second
 * are four events, not a thousand. History is short: reactions are of the moment.
 *
 * Counts waiting for their burst are stored as the `pending` record, written with each react (so
 * in the commit that carries its ack) and deleted with the burst that sends them: a reaction once
 * acknowledged survives a crash or a stop, and its retry, answered from the stored outcome, is
 * not needed to count it.
 */
import {
  DEFAULT_EMOJIS,
  REACTIONS_LIMITS,
  codePoints,
  type ReactionsEvents,
  type ReactionsOps,
  type User,
} from '../../src/protocol/index.js';
import { invalid } from '../errors.js';
import type { ChannelHandle, FeatureChannel, FeatureModule, StoredState } from './feature.js';
import { dispatch, type OpHandlers } from './feature.js';
import { Throttle } from './throttle.js';
import { requireHost } from './validate.js';
import { cleanText } from '../text.js';

/** The record of counts acked but not yet sent in a burst. */
const PENDING_KEY = 'pending';

class ReactionsChannel implements FeatureChannel {
  #emojis: string[];
  #pending = new Map<string, number>();
  #bursts: Throttle;

  constructor(
    private handle: ChannelHandle<ReactionsEvents>,
    stored: StoredState,
  ) {
    this.#bursts = new Throttle(handle, REACTIONS_LIMITS.burstIntervalMs, () => this.#burst());
    this.#emojis = (stored.records.get('emojis') as string[] | undefined) ?? [...DEFAULT_EMOJIS];
    // Acked before a crash (or a stop that could not send them): they go out as the first burst.
    const pending = stored.records.get(PENDING_KEY) as Record<string, number> | undefined;
    if (pending) {
      for (const [emoji, count] of Object.entries(pending)) this.#pending.set(emoji, count);
      if (this.#pending.size > 0) this.#bursts.schedule();
    }
  }

  readonly #ops: OpHandlers<ReactionsOps> = {
    react: (_user, data) => this.#react(data),
    settings: (user, data) => this.#settings(user, data),
  };

  op(user: User, type: string, data: Record<string, unknown>): unknown {
    return dispatch('reactions', this.#ops, user, type, data);
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
    this.#bursts.cancel();
    if (this.#pending.size > 0) this.#bursts.run();
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
    this.#bursts.schedule();
    return {};
  }

  /** The event and the record's deletion share one commit: the counts are stored exactly once. */
  #burst() {
    const counts = Object.fromEntries(this.#pending);
    this.#pending.clear();
    this.handle.emit('burst', { counts });
    this.handle.put(PENDING_KEY, undefined);
  }

  #settings(user: User, data: Record<string, unknown>) {
    requireHost(user);
    const emojis = data.emojis;
    const valid =
      Array.isArray(emojis) &&
      emojis.length >= 1 &&
      emojis.length <= REACTIONS_LIMITS.emojisMax &&
      new Set(emojis).size === emojis.length &&
      emojis.every(
        (e) =>
          typeof e === 'string' &&
          // Shown as a button to every viewer: nothing a user's text would lose (cleanText).
          cleanText(e, true) === e &&
          codePoints(e) >= 1 &&
          codePoints(e) <= REACTIONS_LIMITS.emojiMaxCodePoints,
      );
    if (!valid) {
      throw invalid(`emojis must be 1 to ${REACTIONS_LIMITS.emojisMax} distinct short strings`, {
        field: 'emojis',
      });
    }
    this.#emojis = emojis as string[];
    this.handle.put('emojis', this.#emojis);
    this.handle.emit('settings', { emojis: this.#emojis });
    return {};
  }
}

export const reactions: FeatureModule<ReactionsOps, ReactionsEvents> = {
  name: 'reactions',
  signals: [],
  historyTtlMs: () => REACTIONS_LIMITS.historyTtlMs,
  open: (handle, stored) => new ReactionsChannel(handle, stored),
};
