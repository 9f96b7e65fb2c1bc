/**
 * `hubbub/live-host-console.js`: importing it defines `<live-host-console>` (and `<live-room>`
 * first, its provider) and nothing else, so an app bundles only the widgets it uses. Safe beside
 * `import 'hubbub'` or the script tag: a tag already defined is left alone.
 */
import { define } from '../embed/live-host-console.js';

export { LiveHostConsole } from '../elements/live-host-console/live-host-console.js';
export * from '../elements/live-host-console/live-host-console.events.js';

define();
