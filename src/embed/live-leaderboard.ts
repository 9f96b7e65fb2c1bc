/** The `<live-leaderboard>` chunk of the script-tag entry (`src/embed.ts`). */
import { defineElement } from '../elements/internal/define.js';
import { LiveLeaderboard } from '../elements/live-leaderboard/live-leaderboard.js';
import { define as defineRoom } from './live-room.js';

export function define(): void {
  defineRoom();
  defineElement('live-leaderboard', LiveLeaderboard);
}
