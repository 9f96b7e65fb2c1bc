/** The `<live-quiz>` chunk of the script-tag entry (`src/embed.ts`). */
import { defineElement } from '../elements/internal/define.js';
import { LiveQuiz } from '../elements/live-quiz/live-quiz.js';
import { define as defineRoom } from './live-room.js';

export function define(): void {
  defineRoom();
  defineElement('live-quiz', LiveQuiz);
}
