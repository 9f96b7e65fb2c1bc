/** The `<live-poll>` chunk of the script-tag entry (`src/embed.ts`). */
import { defineElement } from '../elements/define.js';
import { LivePoll } from '../elements/live-poll.js';
import { define as defineRoom } from './live-room.js';

export function define(): void {
  defineRoom();
  defineElement('live-poll', LivePoll);
}
