/**
 * The `<live-room>` chunk of the script-tag entry (`src/embed.ts`). Every chunk's `define()`
 * calls this one first, so the room (the context provider) and the ContextRoot are in place
 * before any widget upgrades.
 */
import { attachContextRoot, defineElement } from '../elements/internal/define.js';
import { LiveRoom } from '../elements/live-room/live-room.js';

export function define(): void {
  attachContextRoot();
  defineElement('live-room', LiveRoom);
}
