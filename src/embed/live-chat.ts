/** The `<live-chat>` chunk of the script-tag entry (`src/embed.ts`). */
import { defineElement } from '../elements/define.js';
import { LiveChat } from '../elements/live-chat.js';
import { define as defineRoom } from './live-room.js';

export function define(): void {
  defineRoom();
  defineElement('live-chat', LiveChat);
}
