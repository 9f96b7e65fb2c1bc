import { css } from 'lit';
import { boardStyles } from '../internal/leaderboard.js';
import { quizBaseStyles } from '../internal/quiz-base.styles.js';

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
