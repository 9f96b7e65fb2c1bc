/**
 * `hubbub/live-reactions.js`: importing it defines `<live-reactions>` (and `<live-room>` first,
 * its provider) and nothing else, so an app bundles only the widgets it uses. Safe beside `import
 * 'hubbub'` or the script tag: a tag already defined is left alone.
 */
// First: where there is no DOM, Lit finds the stand-ins it needs to load (see no-dom.ts).
import '../elements/internal/no-dom.js';
import { define } from '../embed/live-reactions.js';

export { LiveReactions } from '../elements/live-reactions/live-reactions.js';
export * from '../elements/live-reactions/live-reactions.events.js';

import '../elements/internal/no-dom-end.js';

define();
