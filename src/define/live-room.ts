/**
 * `hubbub/live-room.js`: importing it defines `<live-room>` and nothing else, so an app bundles
 * only the widgets it uses. Safe beside `import 'hubbub'` or the script tag: a tag already defined
 * is left alone.
 */
import { define } from '../embed/live-room.js';

export { LiveRoom } from '../elements/live-room/live-room.js';

define();
