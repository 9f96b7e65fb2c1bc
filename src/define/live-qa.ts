/**
 * `hubbub/live-qa.js`: importing it defines `<live-qa>` (and `<live-room>` first, its provider)
 * and nothing else, so an app bundles only the widgets it uses. Safe beside `import 'hubbub'` or
 * the script tag: a tag already defined is left alone.
 */
// First: where there is no DOM, Lit finds the stand-ins it needs to load (see no-dom.ts).
import '../elements/internal/no-dom.js';
import { define } from '../embed/live-qa.js';

export { LiveQa } from '../elements/live-qa/live-qa.js';
export * from '../elements/live-qa/live-qa.events.js';

import '../elements/internal/no-dom-end.js';

define();
