/** The `<live-poll-editor>` chunk of the script-tag entry (`src/embed.ts`). */
import { defineElement } from '../elements/internal/define.js';
import { LivePollEditor } from '../elements/live-poll-editor/live-poll-editor.js';
import { define as defineRoom } from './live-room.js';

export function define(): void {
  defineRoom();
  defineElement('live-poll-editor', LivePollEditor);
}
