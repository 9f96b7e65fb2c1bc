import { css } from 'lit';
import { themeTokens } from './theme.styles.js';

/**
 * What `<live-poll>` and `<live-poll-editor>` share: the `--hubbub-*` theme (the same custom
 * properties as `<live-chat>`), the box, form controls, focus ring and notices.
 */
export const pollBaseStyles = [
  themeTokens,
  css`
    :host {
      display: block;
      box-sizing: border-box;
      padding: 0.8em 1em;
      font-family: var(--hubbub-font-family, system-ui, sans-serif);
      font-size: var(--hubbub-font-size, 14px);
      line-height: 1.4;
      color: var(--_text);
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    button,
    input,
    select,
    textarea {
      font: inherit;
      color: inherit;
    }
    button {
      cursor: pointer;
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) / 2);
      background: var(--_bg);
      padding: 0.2em 0.7em;
    }
    input[type='text'],
    select,
    textarea {
      padding: 0.35em 0.6em;
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) / 2);
      background: var(--_bg);
    }
    input[aria-invalid='true'],
    textarea[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    button:disabled,
    input:disabled,
    select:disabled,
    textarea:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }
    :focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .primary {
      background: var(--_accent);
      color: var(--_on-accent);
      border-color: transparent;
      padding: 0.3em 1em;
    }
    .state,
    .note {
      margin: 0;
      color: var(--_muted);
    }
    .state {
      padding: 1.5em 0;
      text-align: center;
    }
    .note {
      font-size: 0.9em;
    }
    .error {
      margin: 0;
      font-size: 0.9em;
      color: var(--_danger);
    }
    .banner {
      margin: 0 0 0.6em;
      padding: 0.4em 0.8em;
      border-radius: calc(var(--_radius) / 2);
      background: var(--_warning);
    }
    .badge {
      display: inline-block;
      font-size: 0.75em;
      font-weight: 600;
      text-transform: uppercase;
      letter-spacing: 0.03em;
      padding: 0.05em 0.6em;
      border-radius: 999px;
      background: var(--_surface);
      color: var(--_muted);
    }
    .badge.open {
      background: var(--_accent);
      color: var(--_on-accent);
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `,
];
