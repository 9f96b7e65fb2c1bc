/** The `<live-qa>` chunk of the script-tag entry (`src/embed.ts`). */
import { defineElement } from '../elements/internal/define.js';
import { LiveQa } from '../elements/live-qa/live-qa.js';
import { define as defineRoom } from './live-room.js';

export function define(): void {
  defineRoom();
  defineElement('live-qa', LiveQa);
}
