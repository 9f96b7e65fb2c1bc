/**
 * `hubbub/live-room.js`: importing it defines `<live-room>` and nothing else, so an app bundles
 * only the widgets it uses. Safe beside `import 'hubbub'` or the script tag: a tag already defined
 * is left alone.
 */
// First: where there is no DOM, Lit finds the stand-ins it needs to load (see no-dom.ts).
import '../elements/internal/no-dom.js';
import { define } from '../embed/live-room.js';

export { LiveRoom } from '../elements/live-room/live-room.js';

import '../elements/internal/no-dom-end.js';

define();
