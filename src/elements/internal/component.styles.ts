import { css } from 'lit';
import { themeTokens } from './theme.styles.js';

/**
 * What every widget's styles start with (Shoelace's `component.styles`): the `--hubbub-*` theme,
 * the page's font on the host, `hidden`, border-box sizing, the focus ring and the
 * screen-reader-only text. Each element's own styles come after, and set the host's box.
 */
/** Text for screen readers only (`class="visually-hidden"`): in the page, out of sight. */
export const visuallyHidden = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/**
 * Windows high contrast and other forced palettes: the browser swaps every colour for a system
 * colour and drops backgrounds, so what a background or a transparent border carried (a button's
 * edge, a pressed or selected state, the focus ring) is drawn with system colours instead. Edges
 * are `!important`: element styles make some transparent (a primary button's), and here an edge
 * is all that shows a button.
 */
export const forcedColors = css`
  @media (forced-colors: active) {
    :focus-visible {
      outline: 2px solid Highlight;
    }
    button,
    input,
    select,
    textarea {
      border-color: ButtonText !important;
    }
    [aria-pressed='true'],
    [aria-selected='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
    :disabled {
      color: GrayText;
      border-color: GrayText !important;
    }
  }
`;

export const componentStyles = [
  themeTokens,
  css`
    :host {
      box-sizing: border-box;
      font-family: var(--hubbub-font-family, system-ui, sans-serif);
      font-size: var(--hubbub-font-size, 14px);
      line-height: 1.4;
      color: var(--_text);
      /* The page's own alignment (an app's text-align: center) stays out of the widget. */
      text-align: start;
      /* And its white-space (a pre-wrap page): the space between the templates' tags is not
         text. What people write keeps its line breaks by the parts' own pre-wrap. */
      white-space: normal;
      /* The physical side where a line starts: origin of bars that grow along the text. */
      --_start: left;
    }
    :host(:dir(rtl)) {
      --_start: right;
    }
    :host([hidden]) {
      display: none;
    }
    /* In a language with texts to load (src/locales/load.ts, BUNDLED), the content keeps its
       place but shows no English until they come: the loader ends the wait, and 1.5 s end it
       whatever happened (a chunk that failed). */
    :host(:is(:lang(es), :lang(de), :lang(fr), :lang(ja), :lang(ar))) > * {
      animation: wait 1.5s;
    }
    @keyframes wait {
      0%,
      to {
        visibility: hidden;
      }
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    :focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
  `,
  forcedColors,
  visuallyHidden,
];

/**
 * Buttons and fields in the theme: the page's font, the theme's border and background. A select
 * gets the theme's box, or it paints its own from the scheme (grey in dark).
 */
export const controlStyles = css`
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  /* What a viewer types runs in its own direction (Arabic in an English page, and the reverse). */
  input:not([type]),
  input[type='text'],
  textarea {
    unicode-bidi: plaintext;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_control-border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_bg);
    padding: 0.15em 0.6em;
  }
  select {
    border: 1px solid var(--_control-border);
    border-radius: calc(var(--_radius) / 2);
    background-color: var(--_bg);
  }
  button:disabled,
  button[aria-disabled='true'],
  input:disabled,
  select:disabled,
  textarea:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  /* The length counter beside a text field. */
  .counter {
    font-size: 0.8em;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .counter.over {
    color: var(--_danger);
    font-weight: 600;
  }
`;

/** Text fields of the host tools: the theme's border and background, red when invalid. */
export const fieldStyles = css`
  input[type='text'],
  input[type='number'],
  select,
  textarea {
    border: 1px solid var(--_control-border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_bg);
  }
  input[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
`;

/** A role badge (host, moderator) beside a name, in the chat and the presence list. */
export const roleStyles = css`
  .role {
    font-size: 0.75em;
    padding: 0 0.4em;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
  }
`;

/**
 * The boxed widgets (polls, quizzes, the host tools): a bordered box, the primary button, the
 * centered state line, notes and the connection banner (edged under forced colours, where its
 * background is gone).
 */
export const panelStyles = css`
  :host {
    display: block;
    padding: 0.8em 1em;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
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
  .banner {
    margin: 0 0 0.6em;
    padding: 0.4em 0.8em;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_warning);
    color: var(--_on-warning);
  }
  @media (forced-colors: active) {
    .banner {
      border: 1px solid CanvasText;
    }
  }
`;
