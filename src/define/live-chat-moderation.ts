/**
 * `hubbub/live-chat-moderation.js`: importing it defines `<live-chat-moderation>` (and `<live-
 * room>` first, its provider) and nothing else, so an app bundles only the widgets it uses. Safe
 * beside `import 'hubbub'` or the script tag: a tag already defined is left alone.
 */
// First: where there is no DOM, Lit finds the stand-ins it needs to load (see no-dom.ts).
import '../elements/internal/no-dom.js';
import { define } from '../embed/live-chat-moderation.js';

export { LiveChatModeration } from '../elements/live-chat-moderation/live-chat-moderation.js';
export * from '../elements/live-chat-moderation/live-chat-moderation.events.js';

import '../elements/internal/no-dom-end.js';

define();
