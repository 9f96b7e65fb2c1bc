import { css } from 'lit';
import { pollBaseStyles } from '../internal/poll-base.styles.js';
import {
  pollChartStyles,
  pollKindStyles,
  pollModerationStyles,
} from '../internal/poll-charts.styles.js';

export const livePollEditorStyles = [
  pollBaseStyles,
  pollChartStyles,
  pollKindStyles,
  pollModerationStyles,
  css`
    :host {
      display: grid;
      gap: 1em;
    }
    .form {
      display: grid;
      gap: 0.7em;
    }
    .field {
      display: grid;
      gap: 0.25em;
    }
    label,
    legend {
      font-weight: 600;
    }
    textarea {
      width: 100%;
      resize: vertical;
    }
    .row {
      display: flex;
      gap: 0.6em;
      align-items: center;
    }
    .row.end {
      justify-content: flex-end;
    }
    .grow,
    .row input {
      flex: 1;
      min-width: 0;
    }
    .options {
      display: grid;
      /* A fieldset keeps its min-content width otherwise: past 320 px in the host console. */
      min-inline-size: 0;
      gap: 0.4em;
      margin: 0;
      padding: 0.5em 0.8em 0.7em;
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) / 2);
    }
    .options ol {
      display: grid;
      grid-template-columns: minmax(0, 1fr);
      gap: 0.35em;
      margin: 0;
      padding-inline-start: 1.4em;
    }
    .options button[part~='add-option'] {
      justify-self: start;
    }
    .check {
      display: flex;
      gap: 0.5em;
      align-items: center;
      font-weight: normal;
    }
    .list {
      display: grid;
      gap: 0.6em;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .item {
      display: grid;
      gap: 0.45em;
      padding: 0.6em 0.8em;
      border-radius: calc(var(--_radius) / 2);
      background: var(--_surface);
    }
    .item .bar {
      background: var(--_bg);
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: center;
      font-size: 0.85em;
      color: var(--_muted);
    }
    .poll-question {
      margin: 0;
      font-weight: 600;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .item .row {
      justify-content: space-between;
    }
  `,
];
