/**
 * The `<live-host-console>` chunk of the script-tag entry (`src/embed.ts`). The console renders
 * other widgets in its shadow root, where the entry's observer does not look, so this chunk
 * defines them itself: the header's `<presence-bar>` with the console, the tabs' widgets (the
 * `PANELS` of live-host-console.ts) from their own chunks right after. Those download while the
 * console waits for the relay to say who the viewer is, and stay out of its first download.
 */
import { defineElement } from '../elements/internal/define.js';
import { LiveHostConsole } from '../elements/live-host-console/live-host-console.js';
import { define as definePresenceBar } from './presence-bar.js';

export function define(): void {
  definePresenceBar();
  defineElement('live-host-console', LiveHostConsole);
  const panels = [
    import('./live-poll-editor.js'),
    import('./live-quiz-host.js'),
    import('./live-chat-moderation.js'),
    import('./live-chat.js'),
    import('./live-qa.js'),
    import('./live-reactions.js'),
    import('./live-review-queue.js'),
  ];
  for (const panel of panels) panel.then((chunk) => chunk.define()).catch(report);
}

/** Node (server rendering, tests) has no `reportError`. */
function report(error: unknown): void {
  if (typeof reportError === 'function') reportError(error);
  else console.error(error);
}
