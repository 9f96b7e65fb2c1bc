/** The `<live-poll>` chunk of the script-tag entry (`src/embed.ts`). */
import { defineElement } from '../elements/internal/define.js';
import { LivePoll } from '../elements/live-poll/live-poll.js';
import { define as defineRoom } from './live-room.js';

export function define(): void {
  defineRoom();
  defineElement('live-poll', LivePoll);
}
