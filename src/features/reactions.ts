/**
 * The reactions store (`ROOM/reactions`): the room's emoji set, the relay's coalesced bursts as
 * a stream to animate, and totals since load. Reactions are of the moment: old bursts are
 * counted but never animated, and a reaction is never queued for after a reconnect.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { Connection } from '../connection/connection.js';
import type { OpError } from '../connection/errors.js';
import type { ChannelListener } from '../connection/types.js';
import type {
  AckFrame,
  EvFrame,
  ReactionsEvents,
  ReactionsOps,
  ReactionsSnapshot,
} from '../protocol/index.js';
import { opsOf } from './ops.js';

/** Defaults of the reactions store, in one place. */
export const REACTIONS_DEFAULTS = {
  /** The relay's default set, shown until the snapshot says otherwise. */
  emojis: ['❤️', '👏', '😂', '😮', '🔥', '👍'] as readonly string[],
  /** `react()` sends at most this many reactions in any one second; extra ones are dropped. */
  maxPerSecond: 8,
  /** A burst older than this (relay time) when it arrives is counted but not animated. */
  freshMs: 2_000,
} as const;

/** One burst of reactions: what the room sent in about 250 ms. */
export interface ReactionBurst {
  /** Grows by one with each burst this store publishes: never repeats, even across epochs. */
  id: number;
  /** Emoji → how many. */
  counts: Record<string, number>;
  /** The event's seq in the channel. */
  seq: number;
  /** Relay time of the burst (ms). */
  ts: number;
}

/** A live view of one room's reactions plus the ops a user may send to it. */
export interface ReactionsStore {
  /** `${room}/reactions` */
  readonly channel: string;
  /** The room's emoji set, in the host's order. */
  $emojis: ReadableAtom<readonly string[]>;
  /**
   * The stream of fresh bursts: each burst is set once, as a new object, so a view that
   * `listen()`s animates each exactly once (use `listen`, not `subscribe`, which would replay
   * the current value). Bursts that arrive more than 2 s after the relay sent them (replayed
   * after a reconnect, or caught up by a late store) are not published. Null before the first.
   */
  $bursts: ReadableAtom<ReactionBurst | null>;
  /** Emoji → reactions received since this store loaded, fresh or not. */
  $totals: ReadableAtom<Record<string, number>>;
  /** True after the first snapshot. */
  $loaded: ReadableAtom<boolean>;
  /**
   * Why the relay refused this channel or dropped it (the token does not grant the room, the room
   * is for signed-in users only), in its words; null while the channel is served.
   */
  $refused: ReadableAtom<OpError | null>;
  /**
   * Sends one reaction (op `react`). Resolves with null, sending nothing, when over
   * 8 reactions in the last second or while the connection is not open.
   */
  react(emoji: string): Promise<AckFrame | null>;
  /** Host: replaces the room's emoji set (1 to 12 distinct emojis): op `settings`. */
  setEmojis(emojis: readonly string[]): Promise<AckFrame>;
  /** Releases the channel. */
  destroy(): void;
}

const THROTTLE_WINDOW_MS = 1_000;

/** Creates a reactions store for `room` on a shared connection. */
export function createReactionsStore(connection: Connection, room: string): ReactionsStore {
  const channel = `${room}/reactions`;
  const $emojis = atom<readonly string[]>(REACTIONS_DEFAULTS.emojis);
  const $bursts = atom<ReactionBurst | null>(null);
  const $totals = atom<Record<string, number>>({});
  const $loaded = atom(false);
  const $refused = atom<OpError | null>(null);
  let burstCount = 0;
  /** Client times of my last sends, oldest first, at most `maxPerSecond`. */
  const sentAt: number[] = [];

  function applyBurst(ev: EvFrame<ReactionsEvents['burst']>): void {
    const { counts } = ev.data;
    const totals = { ...$totals.get() };
    for (const [emoji, count] of Object.entries(counts))
      totals[emoji] = (totals[emoji] ?? 0) + count;
    $totals.set(totals);
    if (connection.serverNow() - ev.ts > REACTIONS_DEFAULTS.freshMs) return;
    $bursts.set({ id: ++burstCount, counts, seq: ev.seq, ts: ev.ts });
  }

  const listener: ChannelListener<ReactionsEvents> = {
    error: (error) => $refused.set(error),
    reset(snapshot) {
      $refused.set(null);
      const { emojis } = (snapshot ?? {}) as Partial<ReactionsSnapshot>;
      if (emojis) $emojis.set(emojis);
      $loaded.set(true);
    },
    event(ev) {
      if (ev.type === 'burst') applyBurst(ev);
      else if (ev.type === 'settings') $emojis.set(ev.data.emojis);
    },
  };
  const release = connection.channel(channel, listener);
  const op = opsOf<ReactionsOps>(connection, channel);

  return {
    channel,
    $emojis,
    $bursts,
    $totals,
    $loaded,
    $refused,

    react(emoji) {
      const now = Date.now();
      const full = sentAt.length >= REACTIONS_DEFAULTS.maxPerSecond;
      if (full && now - sentAt[0] < THROTTLE_WINDOW_MS) return Promise.resolve(null);
      // Queued in the outbox, a reaction would land long after the moment it was for.
      if (connection.$status.get() !== 'open') return Promise.resolve(null);
      if (full) sentAt.shift();
      sentAt.push(now);
      return op('react', { emoji });
    },
    setEmojis: (emojis) => op('settings', { emojis: [...emojis] }),

    destroy() {
      release();
    },
  };
}
