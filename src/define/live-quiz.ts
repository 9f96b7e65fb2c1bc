/**
 * `hubbub/live-quiz.js`: importing it defines `<live-quiz>` (and `<live-room>` first, its
 * provider) and nothing else, so an app bundles only the widgets it uses. Safe beside `import
 * 'hubbub'` or the script tag: a tag already defined is left alone.
 */
import { define } from '../embed/live-quiz.js';

export { LiveQuiz } from '../elements/live-quiz/live-quiz.js';
export * from '../elements/live-quiz/live-quiz.events.js';

define();
