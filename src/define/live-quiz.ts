/**
 * `hubbub/live-quiz.js`: importing it defines `<live-quiz>` (and `<live-room>` first, its
 * provider) and nothing else, so an app bundles only the widgets it uses. Safe beside `import
 * 'hubbub'` or the script tag: a tag already defined is left alone.
 */
// First: where there is no DOM, Lit finds the stand-ins it needs to load (see no-dom.ts).
import '../elements/internal/no-dom.js';
import { define } from '../embed/live-quiz.js';

export { LiveQuiz } from '../elements/live-quiz/live-quiz.js';
export * from '../elements/live-quiz/live-quiz.events.js';

import '../elements/internal/no-dom-end.js';

define();
