import { css } from 'lit';
import { fieldStyles } from '../internal/component.styles.js';
import { boardStyles } from '../internal/leaderboard.js';
import { quizBaseStyles } from '../internal/quiz-base.styles.js';

export const liveQuizHostStyles = [
  quizBaseStyles,
  fieldStyles,
  boardStyles,
  css`
    .panel + .panel {
      margin-top: 1em;
      padding-top: 0.8em;
      border-top: 1px solid var(--_border);
    }
    .title {
      margin: 0 0 0.5em;
      font-size: 1.05em;
    }
    .subtitle {
      margin: 0.8em 0 0.4em;
      font-size: 1em;
    }
    .status {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em 1em;
      margin: 0 0 0.5em;
    }
    .phase {
      font-weight: 600;
    }
    .phase.question {
      color: var(--_accent);
    }
    .current {
      margin: 0 0 0.6em;
      padding: 0.5em 0.8em;
      border-radius: calc(var(--_radius) / 2);
      background: var(--_surface);
    }
    .current p {
      margin: 0;
    }
    .current-text {
      font-weight: 600;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .current .note span + span::before {
      content: ' · ';
    }
    .controls,
    .numbers,
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em 0.8em;
      margin: 0.5em 0;
    }
    .note {
      font-size: 0.9em;
    }
    input[type='text'],
    input[type='number'],
    textarea {
      padding: 0.3em 0.5em;
    }
    input[type='number'] {
      width: 6em;
    }
    textarea {
      width: 100%;
      resize: vertical;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.2em;
    }
    .error[hidden] {
      display: none;
    }
    .file-errors {
      margin: 0.4em 0;
      padding: 0.4em 0.8em;
      border-inline-start: 3px solid var(--_danger);
      color: var(--_danger);
    }
    .file-errors p {
      margin: 0;
      font-weight: 600;
    }
    .file-errors ul {
      margin: 0;
      padding-inline-start: 1.2em;
    }
    .drafts {
      margin: 0.5em 0;
      padding-inline-start: 1.5em;
    }
    .draft {
      padding: 0.2em 0;
    }
    .draft-text {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .draft .note {
      margin-inline: 0.5em;
    }
    .draft-actions {
      display: inline-flex;
      gap: 0.3em;
    }
    .answers {
      /* A fieldset's min-content width would push the host past a 320 px screen. */
      min-inline-size: 0;
      margin: 0.5em 0;
      padding: 0.4em 0.8em 0.6em;
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) / 2);
    }
    .answer-row {
      display: flex;
      align-items: center;
      gap: 0.5em;
      margin: 0.3em 0;
    }
    .answer-row input[type='text'] {
      flex: 1;
      min-width: 0;
    }
    .option-letter {
      font-weight: 700;
    }
    .correct {
      font-size: 0.85em;
      white-space: nowrap;
    }
  `,
];
