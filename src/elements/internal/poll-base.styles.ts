import { css } from 'lit';
import { componentStyles, controlStyles, fieldStyles, panelStyles } from './component.styles.js';

/**
 * What `<live-poll>` and `<live-poll-editor>` share (and the host tools built like them): the
 * component, control and panel styles, text fields, notices and the status badge.
 */
export const pollBaseStyles = [
  componentStyles,
  controlStyles,
  panelStyles,
  fieldStyles,
  css`
    button {
      padding: 0.2em 0.7em;
    }
    input[type='text'],
    select,
    textarea {
      padding: 0.35em 0.6em;
    }
    .primary {
      padding: 0.3em 1em;
    }
    .note {
      font-size: 0.9em;
    }
    .error {
      margin: 0;
      font-size: 0.9em;
      color: var(--_danger);
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
  `,
];
