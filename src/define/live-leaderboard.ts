/**
 * `hubbub/live-leaderboard.js`: importing it defines `<live-leaderboard>` (and `<live-room>`
 * first, its provider) and nothing else, so an app bundles only the widgets it uses. Safe beside
 * `import 'hubbub'` or the script tag: a tag already defined is left alone.
 */
import { define } from '../embed/live-leaderboard.js';

export { LiveLeaderboard } from '../elements/live-leaderboard/live-leaderboard.js';

define();
