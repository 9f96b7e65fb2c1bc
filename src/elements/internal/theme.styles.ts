import { css, unsafeCSS } from 'lit';

/**
 * The two palettes, one entry per token: `[light, dark]`. Every text token reaches 4.5:1 on
 * `bg`, `surface` and `warning` of its palette, every `on-*` token 4.5:1 on its colour, and
 * `control-border` and `focus` 3:1 on `bg` and `surface` (WCAG 1.4.3 and 1.4.11);
 * test/browser/theme.test.ts measures the pairs in a real widget.
 */
export const PALETTE = {
  accent: ['#2a5bd7', '#8ab4ff'],
  'on-accent': ['#ffffff', '#0d1b3d'],
  text: ['#1b1d22', '#e6e8ee'],
  muted: ['#5c6270', '#a9b0bf'],
  bg: ['#ffffff', '#16181d'],
  surface: ['#f2f4f8', '#23262e'],
  /** Dividers and boxes: decoration, so below 3:1 on purpose. */
  border: ['#d5d9e2', '#3a3f4b'],
  /** The edge of a field, select or button: a component boundary, so at least 3:1. */
  'control-border': ['#7a8191', '#80889a'],
  danger: ['#b3261e', '#ff8a80'],
  'on-danger': ['#ffffff', '#2b0705'],
  success: ['#1e7a3c', '#6fd08c'],
  'on-success': ['#ffffff', '#062010'],
  warning: ['#fff4d6', '#4a3b10'],
  'on-warning': ['#1b1d22', '#ffe8a8'],
  focus: ['#1a73e8', '#8ab4ff'],
} as const satisfies Record<string, readonly [string, string]>;

export type ColorToken = keyof typeof PALETTE;

/** `--_name: var(--hubbub-color-name, <default>)` for every token. */
function tokens(pick: (pair: readonly [string, string]) => string): string {
  return Object.entries(PALETTE)
    .map(([name, pair]) => {
      const page = name === 'focus' ? '--hubbub-focus-ring' : `--hubbub-color-${name}`;
      return `--_${name}: var(${page}, ${pick(pair)});`;
    })
    .join('\n');
}

/** The `theme` attribute's values, as `color-scheme`s. */
const THEMES = { light: 'light', dark: 'dark', auto: 'light dark' };

/**
 * `theme="light|dark|auto"` on a widget or `<live-room>`: sets `--hubbub-color-scheme`, which
 * widgets inside inherit. `auto` follows the user's preference even inside a fixed ancestor.
 */
export function themeAttribute() {
  return unsafeCSS(
    Object.entries(THEMES)
      .map(
        ([theme, scheme]) =>
          `:host([theme='${theme}']){--hubbub-color-scheme:${scheme};color-scheme:${scheme}}`,
      )
      .join(''),
  );
}

/**
 * The theme every widget reads: its `--hubbub-*` custom properties with their defaults, as the
 * private `--_*` names the element styles use. One definition, listed first in each element's
 * styles, so a theme property means the same in every widget.
 *
 * Light or dark is the host's `color-scheme`, which the defaults follow through `light-dark()`:
 * `light dark` (the user's `prefers-color-scheme`) unless the page sets `--hubbub-color-scheme`
 * or a `theme` attribute on the widget or on an ancestor `<live-room>`. Being `color-scheme`,
 * it also makes the native parts (selects, scroll bars, date fields) match the widget, instead
 * of following the page's scheme under the widget's colours. Browsers without `light-dark()`
 * get the light palette.
 */
export const themeTokens = css`
  :host {
    color-scheme: var(--hubbub-color-scheme, light dark);
    ${unsafeCSS(tokens(([light]) => light))}
    --_radius: var(--hubbub-radius, 8px);
  }
  @supports (color: light-dark(#000, #fff)) {
    :host {
      ${unsafeCSS(tokens(([light, dark]) => `light-dark(${light}, ${dark})`))}
    }
  }
  ${themeAttribute()}
`;
