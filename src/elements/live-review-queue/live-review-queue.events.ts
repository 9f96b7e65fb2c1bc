/**
 * Events `<live-review-queue>` fires on user action. They bubble out of shadow roots and can be
 * cancelled: `preventDefault()` stops the panel from sending the decision.
 */
import type { ReviewDecision, ReviewItem } from '../../protocol/index.js';
import { LiveEvent } from '../internal/live-event.js';

/** A host or moderator decides an item of the queue (or acts on a report). */
export class LiveReviewDecideEvent extends LiveEvent<{
  feature: ReviewItem['feature'];
  id: string;
  decision: ReviewDecision | 'remove' | 'timeout';
}> {
  static override readonly eventName = 'live-review-decide';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-review-decide': LiveReviewDecideEvent;
  }
}
