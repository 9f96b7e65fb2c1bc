import { css } from 'lit';
import { themeTokens } from './theme.styles.js';

/**
 * What the quiz widgets share: the `--hubbub-*` theme (the same custom properties as
 * `<live-chat>`), the box, buttons and fields, the focus ring, notices and the screen-reader-only
 * text.
 */
export const quizBaseStyles = [
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
      padding: 0.25em 0.8em;
    }
    button:disabled,
    button[aria-disabled='true'],
    input:disabled,
    select:disabled,
    textarea:disabled {
      cursor: not-allowed;
    }
    button:disabled,
    input:disabled,
    select:disabled,
    textarea:disabled {
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
    .error {
      margin: 0.4em 0 0;
      color: var(--_danger);
    }
    .banner {
      margin: 0 0 0.6em;
      padding: 0.4em 0.8em;
      border-radius: calc(var(--_radius) / 2);
      background: var(--_warning);
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
