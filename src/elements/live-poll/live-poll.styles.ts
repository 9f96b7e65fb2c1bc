import { css } from 'lit';
import { pollBaseStyles } from '../internal/poll-base.styles.js';
import { pollChartStyles, pollKindStyles } from '../internal/poll-charts.styles.js';

export const livePollStyles = [
  pollBaseStyles,
  pollChartStyles,
  pollKindStyles,
  css`
    .poll {
      display: grid;
      gap: 0.7em;
    }
    .poll > .badge {
      justify-self: start;
    }
    .question {
      margin: 0;
      font-size: 1.15em;
      font-weight: 600;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .vote {
      display: grid;
      gap: 0.6em;
    }
    .choices {
      display: grid;
      gap: 0.35em;
    }
    .choice {
      display: flex;
      gap: 0.6em;
      align-items: baseline;
      padding: 0.4em 0.6em;
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) / 2);
      cursor: pointer;
    }
    .choice:has(:checked) {
      border-color: var(--_accent);
      background: var(--_surface);
    }
    .choice input {
      margin: 0;
      accent-color: var(--_accent);
    }
    .scale {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35em;
    }
    .step {
      min-width: 2.6em;
      padding: 0.4em 0.6em;
    }
    .step.filled {
      background: var(--_surface);
      border-color: var(--_accent);
    }
    .step[aria-checked='true'] {
      background: var(--_accent);
      color: var(--_on-accent);
    }
    .text-answer {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3em 0.6em;
      align-items: center;
    }
    .text-answer input {
      flex: 1;
      min-width: 10rem;
    }
    .actions {
      display: flex;
      gap: 0.6em;
      justify-content: flex-end;
    }
    .answer {
      margin: 0;
    }
    .link {
      border: none;
      background: none;
      padding: 0;
      color: var(--_accent);
      text-decoration: underline;
    }
    .ranking {
      display: grid;
      gap: 0.35em;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .rank-item {
      display: flex;
      gap: 0.5em;
      align-items: center;
      padding: 0.3em 0.5em;
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) / 2);
      background: var(--_bg);
    }
    .rank-item.grabbed {
      border-color: var(--_accent);
      background: var(--_surface);
      box-shadow: 0 2px 6px rgb(0 0 0 / 0.15);
    }
    .rank-item .option {
      flex: 1;
      min-width: 0;
    }
    .rank-item .position {
      min-width: 1.4em;
      font-weight: 600;
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
    }
    .grab {
      cursor: grab;
      padding: 0.2em 0.45em;
    }
    .grab[aria-pressed='true'] {
      background: var(--_accent);
      color: var(--_on-accent);
    }
    .my-answers {
      display: grid;
      gap: 0.3em;
    }
    .my-answers .note {
      margin: 0;
    }
    .results-area {
      display: grid;
      gap: 0.6em;
    }
    .total {
      margin: 0;
      font-size: 0.9em;
      color: var(--_muted);
    }
  `,
];
