/**
 * Who is typing in a room's chat: shared by the chat store and the presence store, so both show
 * the same people for the same time.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { SignalOutFrame, User } from '../protocol/index.js';

/** A typing user stays listed this long after their last `typing` signal. */
export const TYPING_EXPIRES_MS = 4_000;

/** The users typing now, from `typing` signals; each entry expires on its own. */
export interface TypingTracker {
  /** Other users typing now, in the order they started. */
  readonly $typing: ReadableAtom<User[]>;
  /** Applies a chat signal: a `typing` from anyone but `myId` lists its sender. */
  signal(frame: SignalOutFrame, myId: string | undefined): void;
  /** The user's message arrived: they are no longer typing. */
  stop(userId: string): void;
  /** Stops the expiry timer. */
  destroy(): void;
}

/** Creates a tracker whose entries expire `expiresMs` after their last signal. */
export function createTypingTracker(expiresMs: number = TYPING_EXPIRES_MS): TypingTracker {
  const $typing = atom<User[]>([]);
  const typingUntil = new Map<string, { user: User; until: number }>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** One timer for the whole list, set for the next entry to expire. */
  function publish(): void {
    clearTimeout(timer);
    const now = Date.now();
    let next = Infinity;
    for (const [userId, entry] of typingUntil) {
      if (entry.until <= now) typingUntil.delete(userId);
      else next = Math.min(next, entry.until);
    }
    $typing.set([...typingUntil.values()].map((entry) => entry.user));
    if (next !== Infinity) timer = setTimeout(publish, next - now);
  }

  return {
    $typing,
    signal(frame, myId) {
      if (frame.type !== 'typing' || frame.from.id === myId) return;
      typingUntil.set(frame.from.id, { user: frame.from, until: Date.now() + expiresMs });
      publish();
    },
    stop(userId) {
      if (typingUntil.delete(userId)) publish();
    },
    destroy() {
      clearTimeout(timer);
    },
  };
}
