import { css } from 'lit';

/**
 * The theme every widget reads: its `--hubbub-*` custom properties with their defaults, as the
 * private `--_*` names the element styles use. One definition, listed first in each element's
 * styles, so a theme property means the same in every widget.
 */
export const themeTokens = css`
  :host {
    --_accent: var(--hubbub-color-accent, #2a5bd7);
    --_on-accent: var(--hubbub-color-on-accent, #ffffff);
    --_text: var(--hubbub-color-text, #1b1d22);
    --_muted: var(--hubbub-color-muted, #5c6270);
    --_bg: var(--hubbub-color-bg, #ffffff);
    --_surface: var(--hubbub-color-surface, #f2f4f8);
    --_border: var(--hubbub-color-border, #d5d9e2);
    --_danger: var(--hubbub-color-danger, #b3261e);
    --_success: var(--hubbub-color-success, #1e7a3c);
    --_warning: var(--hubbub-color-warning, #fff4d6);
    --_radius: var(--hubbub-radius, 8px);
    --_focus: var(--hubbub-focus-ring, #1a73e8);
  }
`;
