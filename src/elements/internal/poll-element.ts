import type { ReadableAtom } from 'nanostores';
import { createPollStore, type PollStore } from '../../features/poll.js';
import { FeatureElement } from './feature-element.js';
import type { RoomContext } from './room-context.js';

/**
 * What `<live-poll>` and `<live-poll-editor>` share: the room's poll store, opened and released
 * with the element and re-rendering it on every change.
 */
export class PollElement extends FeatureElement<PollStore> {
  protected override openStore(room: RoomContext): PollStore {
    return createPollStore(room.connection, room.room);
  }

  protected override watched(store: PollStore): ReadableAtom<unknown>[] {
    return [
      store.$polls,
      store.$active,
      store.$myVotes,
      store.$hostTallies,
      store.$myAnswers,
      store.$review,
    ];
  }
}
