/** Recorded reactions traffic for the stories: the room's emoji set and bursts. */
import type { RecordedChannel } from './recorded-socket.js';

/** A room's own set, as a host would choose it. */
export const emojis = ['❤️', '👏', '😂', '😮', '🔥', '🎉'];

/** The reactions channel of a room with `emojis`, sending `counts` as a burst every `everyMs`. */
export function reactionsChannel(
  counts?: Record<string, number>,
  everyMs = 1_200,
): RecordedChannel {
  return {
    snapshot: { emojis },
    repeat: counts
      ? { everyMs, frames: () => [{ t: 'ev', type: 'burst', data: { counts } }] }
      : undefined,
  };
}

/** A few people reacting. */
export const smallBurst = { '❤️': 3, '👏': 1 };

/** A room of thousands reacting at once: 10,000 hearts and more. */
export const hugeBurst = { '❤️': 10_000, '🔥': 2_500, '👏': 800, '😂': 120, '🎉': 40 };
