/** The `<presence-bar>` chunk of the script-tag entry (`src/embed.ts`). */
import { defineElement } from '../elements/internal/define.js';
import { PresenceBar } from '../elements/presence-bar/presence-bar.js';
import { define as defineRoom } from './live-room.js';

export function define(): void {
  defineRoom();
  defineElement('presence-bar', PresenceBar);
}
