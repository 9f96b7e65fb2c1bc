import { css } from 'lit';
import { pollBaseStyles } from '../internal/poll-base.styles.js';

/** The shared theme (poll-base.styles.ts) plus the list, its selected item and the actions. */
export const liveReviewQueueStyles = [
  pollBaseStyles,
  css`
    :host {
      display: grid;
      gap: 0.6em;
    }
    .head {
      display: flex;
      gap: 0.6em;
      align-items: baseline;
    }
    h2 {
      margin: 0;
      font-size: 1.1em;
    }
    .count,
    .keys {
      color: var(--_muted);
      font-size: 0.85em;
    }
    .list {
      display: grid;
      gap: 0.3em;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .list:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .item {
      padding: 0.5em 0.7em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .item.selected {
      border-color: var(--_accent);
      box-shadow: inset 3px 0 0 var(--_accent);
    }
    .why {
      font-size: 0.85em;
      color: var(--_muted);
    }
    .text {
      margin: 0.2em 0 0;
      overflow-wrap: anywhere;
    }
    .notes {
      margin: 0.2em 0 0;
      padding-inline-start: 1.2em;
      font-size: 0.85em;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em;
      margin-top: 0.4em;
    }
  `,
];
