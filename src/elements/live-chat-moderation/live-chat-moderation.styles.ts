import { css } from 'lit';
import { pollBaseStyles } from '../internal/poll-base.styles.js';

/** The shared theme (poll-base.styles.ts) plus the fields, the terms and the bans. */
export const liveChatModerationStyles = [
  pollBaseStyles,
  css`
    :host {
      display: grid;
      gap: 1.2em;
    }
    .field,
    .bans {
      display: grid;
      gap: 0.35em;
    }
    label,
    .label {
      margin: 0;
      font-size: 1em;
      font-weight: 600;
    }
    select {
      justify-self: start;
    }
    textarea {
      width: 100%;
      resize: vertical;
    }
    /* An error quotes the term: a long one wraps instead of widening the panel. */
    .error {
      overflow-wrap: anywhere;
    }
    .error:empty {
      display: none;
    }
    .row,
    .item {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em 0.6em;
      align-items: center;
    }
    .grow {
      flex: 1;
      min-width: 0;
    }
    .chips,
    .list {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3em;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .chips li {
      padding: 0.05em 0.6em;
      border-radius: 999px;
      background: var(--_surface);
      overflow-wrap: anywhere;
    }
    .list {
      display: grid;
    }
    .item {
      padding: 0.4em 0.6em;
      border-radius: calc(var(--_radius) / 2);
      background: var(--_surface);
    }
    .name {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
  `,
];
