/**
 * `hubbub/live-review-queue.js`: importing it defines `<live-review-queue>` (and `<live-room>`
 * first, its provider) and nothing else, so an app bundles only the widgets it uses. Safe beside
 * `import 'hubbub'` or the script tag: a tag already defined is left alone.
 */
// First: where there is no DOM, Lit finds the stand-ins it needs to load (see no-dom.ts).
import '../elements/internal/no-dom.js';
import { define } from '../embed/live-review-queue.js';

export { LiveReviewQueue } from '../elements/live-review-queue/live-review-queue.js';
export * from '../elements/live-review-queue/live-review-queue.events.js';

import '../elements/internal/no-dom-end.js';

define();
