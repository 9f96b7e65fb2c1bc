/** The `<live-review-queue>` chunk of the script-tag entry (`src/embed.ts`). */
import { defineElement } from '../elements/internal/define.js';
import { LiveReviewQueue } from '../elements/live-review-queue/live-review-queue.js';
import { define as defineRoom } from './live-room.js';

export function define(): void {
  defineRoom();
  defineElement('live-review-queue', LiveReviewQueue);
}
