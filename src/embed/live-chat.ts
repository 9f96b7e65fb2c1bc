/** The `<live-chat>` chunk of the script-tag entry (`src/embed.ts`). */
import { defineElement } from '../elements/internal/define.js';
import { LiveChat } from '../elements/live-chat/live-chat.js';
import { define as defineRoom } from './live-room.js';

export function define(): void {
  defineRoom();
  defineElement('live-chat', LiveChat);
}
