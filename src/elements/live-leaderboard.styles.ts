import { css } from 'lit';
import { boardStyles } from './live-leaderboard.table.js';
import { quizBaseStyles } from './quiz-base.styles.js';

export const liveLeaderboardStyles = [
  quizBaseStyles,
  boardStyles,
  css`
    .title {
      display: flex;
      gap: 0.5em;
      align-items: baseline;
      margin: 0 0 0.4em;
      font-size: 1.05em;
      font-weight: 600;
    }
    .final .title::before {
      content: '🏁';
    }
  `,
];
