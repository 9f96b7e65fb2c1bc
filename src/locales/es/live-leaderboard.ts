/** `<live-leaderboard>` shows the same board as `<live-quiz-host>`: one bundle for both. */
export { default } from './leaderboard.js';
