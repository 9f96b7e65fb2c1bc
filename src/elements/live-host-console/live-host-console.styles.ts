import { css } from 'lit';
import { pollBaseStyles } from '../internal/poll-base.styles.js';

/** The shared theme (poll-base.styles.ts) plus the header, the tabs and the panels. */
export const liveHostConsoleStyles = [
  pollBaseStyles,
  css`
    :host {
      display: grid;
      /* Not auto: a tab's min-content width (a form's fields) would widen the page past 320 px. */
      grid-template-columns: minmax(0, 1fr);
      gap: 0.8em;
    }
    .header {
      display: flex;
      flex-wrap: wrap;
      gap: 0.6em 1em;
      align-items: center;
      justify-content: space-between;
    }
    .status {
      display: inline-flex;
      gap: 0.4em;
      align-items: center;
      font-size: 0.85em;
      color: var(--_muted);
    }
    .status::before {
      content: '';
      width: 0.6em;
      height: 0.6em;
      border-radius: 50%;
      background: var(--_muted);
    }
    .status.open::before {
      background: var(--_accent);
    }
    .status.closed::before {
      background: var(--_danger);
    }
    .banner {
      margin: 0;
    }
    .tabs {
      display: flex;
      flex-wrap: wrap;
      gap: 0.2em;
      border-bottom: 1px solid var(--_border);
    }
    .tab {
      margin-bottom: -1px;
      padding: 0.45em 0.9em;
      border: none;
      border-bottom: 3px solid transparent;
      border-radius: calc(var(--_radius) / 2) calc(var(--_radius) / 2) 0 0;
      background: none;
      color: var(--_muted);
    }
    .tab[aria-selected='true'] {
      color: var(--_text);
      font-weight: 600;
      border-bottom-color: var(--_accent);
    }
    .panel.chat {
      display: grid;
      gap: 1em;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
      align-items: start;
    }
    /* The console's status and banner speak for the whole room: the widgets' own would repeat them. */
    .header > presence-bar::part(status),
    .panel > *::part(banner) {
      display: none;
    }
    .panel[hidden] {
      display: none;
    }
    .export > summary {
      cursor: pointer;
      color: var(--_muted);
    }
    .export-buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4em;
      margin-top: 0.5em;
    }
    .export-status:empty {
      display: none;
    }
  `,
];
