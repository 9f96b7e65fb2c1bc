/**
 * `hubbub/live-poll-editor.js`: importing it defines `<live-poll-editor>` (and `<live-room>`
 * first, its provider) and nothing else, so an app bundles only the widgets it uses. Safe beside
 * `import 'hubbub'` or the script tag: a tag already defined is left alone.
 */
// First: where there is no DOM, Lit finds the stand-ins it needs to load (see no-dom.ts).
import '../elements/internal/no-dom.js';
import { define } from '../embed/live-poll-editor.js';

export { LivePollEditor } from '../elements/live-poll-editor/live-poll-editor.js';
export * from '../elements/live-poll-editor/live-poll-editor.events.js';

import '../elements/internal/no-dom-end.js';

define();
