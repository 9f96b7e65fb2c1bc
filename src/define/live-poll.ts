/**
 * `hubbub/live-poll.js`: importing it defines `<live-poll>` (and `<live-room>` first, its
 * provider) and nothing else, so an app bundles only the widgets it uses. Safe beside `import
 * 'hubbub'` or the script tag: a tag already defined is left alone.
 */
// First: where there is no DOM, Lit finds the stand-ins it needs to load (see no-dom.ts).
import '../elements/internal/no-dom.js';
import { define } from '../embed/live-poll.js';

export { LivePoll } from '../elements/live-poll/live-poll.js';
export * from '../elements/live-poll/live-poll.events.js';

import '../elements/internal/no-dom-end.js';

define();
