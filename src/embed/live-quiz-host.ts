/** The `<live-quiz-host>` chunk of the script-tag entry (`src/embed.ts`). */
import { defineElement } from '../elements/internal/define.js';
import { LiveQuizHost } from '../elements/live-quiz-host/live-quiz-host.js';
import { define as defineRoom } from './live-room.js';

export function define(): void {
  defineRoom();
  defineElement('live-quiz-host', LiveQuizHost);
}
