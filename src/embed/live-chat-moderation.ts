/** The `<live-chat-moderation>` chunk of the script-tag entry (`src/embed.ts`). */
import { defineElement } from '../elements/internal/define.js';
import { LiveChatModeration } from '../elements/live-chat-moderation/live-chat-moderation.js';
import { define as defineRoom } from './live-room.js';

export function define(): void {
  defineRoom();
  defineElement('live-chat-moderation', LiveChatModeration);
}
