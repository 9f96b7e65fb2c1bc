/** The `<live-reactions>` chunk of the script-tag entry (`src/embed.ts`). */
import { defineElement } from '../elements/internal/define.js';
import { LiveReactions } from '../elements/live-reactions/live-reactions.js';
import { define as defineRoom } from './live-room.js';

export function define(): void {
  defineRoom();
  defineElement('live-reactions', LiveReactions);
}
