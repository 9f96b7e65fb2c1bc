/**
 * `hubbub/live-quiz-host.js`: importing it defines `<live-quiz-host>` (and `<live-room>` first,
 * its provider) and nothing else, so an app bundles only the widgets it uses. Safe beside `import
 * 'hubbub'` or the script tag: a tag already defined is left alone.
 */
// First: where there is no DOM, Lit finds the stand-ins it needs to load (see no-dom.ts).
import '../elements/internal/no-dom.js';
import { define } from '../embed/live-quiz-host.js';

export { LiveQuizHost } from '../elements/live-quiz-host/live-quiz-host.js';
export * from '../elements/live-quiz-host/live-quiz-host.events.js';

import '../elements/internal/no-dom-end.js';

define();
