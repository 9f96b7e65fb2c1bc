import { css } from 'lit';
import { componentStyles, controlStyles, panelStyles } from './component.styles.js';

/**
 * What the quiz widgets share: the component, control and panel styles, with their own button
 * size and notices.
 */
export const quizBaseStyles = [
  componentStyles,
  controlStyles,
  panelStyles,
  css`
    button {
      padding: 0.25em 0.8em;
    }
    button[aria-disabled='true'] {
      cursor: not-allowed;
    }
    .error {
      margin: 0.4em 0 0;
      color: var(--_danger);
    }
  `,
];
