/**
 * `hubbub/presence-bar.js`: importing it defines `<presence-bar>` (and `<live-room>` first, its
 * provider) and nothing else, so an app bundles only the widgets it uses. Safe beside `import
 * 'hubbub'` or the script tag: a tag already defined is left alone.
 */
import { define } from '../embed/presence-bar.js';

export { PresenceBar } from '../elements/presence-bar/presence-bar.js';

define();
