/** reactions (`ROOM/reactions`): the contract of PROTOCOL.md, Features and "Reactions". */

/** The room's emoji set until a host changes it. */
export const DEFAULT_EMOJIS: readonly string[] = ['❤️', '👏', '😂', '😮', '🔥', '👍'];

/** The relay's rules on reactions. */
export const REACTIONS_LIMITS = {
  /** Emojis in a set. */
  emojisMax: 12,
  /** Code points of one emoji (flags, skin tones and ZWJ families are sequences). */
  emojiMaxCodePoints: 10,
  /** Bursts are coalesced at most this often. */
  burstIntervalMs: 250,
  /** How long the history of reactions is kept. */
  historyTtlMs: 60_000,
} as const;

export interface ReactionsSnapshot {
  emojis: string[];
}

/** Op type → the `data` a client sends. */
export interface ReactionsOps {
  react: { emoji: string };
  settings: { emojis: string[] };
}

/** Ev type → its `data`. */
export interface ReactionsEvents {
  burst: { counts: Record<string, number> };
  settings: { emojis: string[] };
}
