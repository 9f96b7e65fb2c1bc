/** Reactions for the stories: the room's emoji set, and people reacting through the relay. */
import type { LoopbackRelay } from './loopback-relay.js';

/** A room's own set, as a host would choose it. */
export const emojis = ['❤️', '👏', '😂', '😮', '🔥', '🎉'];

/** A crowd reacting `counts` every `everyMs`, for `SocketHooks.repeat`: the relay bursts them. */
export function reacting(counts: Record<string, number>, everyMs = 1_200) {
  const crowd = { id: 'anon-crowd', name: 'Crowd', role: 'audience' } as const;
  return {
    everyMs,
    run: (relay: LoopbackRelay) => {
      for (const [emoji, times] of Object.entries(counts)) {
        void relay.as(crowd).crowd('demo/reactions', 'react', { emoji }, times);
      }
    },
  };
}

/** A few people reacting. */
export const smallBurst = { '❤️': 3, '👏': 1 };

/** A room of thousands reacting at once: 10,000 hearts and more. */
export const hugeBurst = { '❤️': 10_000, '🔥': 2_500, '👏': 800, '😂': 120, '🎉': 40 };
