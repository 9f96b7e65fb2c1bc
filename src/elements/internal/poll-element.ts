import type { ReadableAtom } from 'nanostores';
import { createPollStore, type PollStore } from '../../features/poll.js';
import { FeatureElement } from './feature-element.js';
import type { RoomContext } from './room-context.js';

/** The views few poll pages need (poll-kinds.ts: open text, ranking, the pie), once loaded. */
export type PollKindViews = typeof import('./poll-kinds.js');

let kindViews: PollKindViews | undefined;
let loadingKindViews: Promise<PollKindViews> | undefined;

/**
 * What `<live-poll>` and `<live-poll-editor>` share: the room's poll store, opened and released
 * with the element and re-rendering it on every change.
 */
export class PollElement extends FeatureElement<PollStore> {
  protected override openStore(room: RoomContext): PollStore {
    return createPollStore(room.connection, room.room);
  }

  /**
   * The open-text, ranking and pie views, or undefined while their chunk loads (the element
   * renders again once it has): most pages never show those, so they do not pay for them.
   */
  protected kindViews(): PollKindViews | undefined {
    if (kindViews) return kindViews;
    loadingKindViews ??= import('./poll-kinds.js');
    loadingKindViews.then(
      (views) => {
        kindViews = views;
        this.requestUpdate();
      },
      () => {
        // A failed chunk is tried again on the next render.
        loadingKindViews = undefined;
      },
    );
    return undefined;
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
