import { css } from 'lit';

/**
 * Styles of the result charts (poll-charts.ts), shared by `<live-poll>` and `<live-poll-editor>`.
 * Forced colours drop backgrounds, and a bar would vanish: bars become a CanvasText fill in an
 * outlined track (Highlight for the viewer's choice); pie slices and their legend swatches keep
 * their palette, each slice edged in Canvas, so they stay apart and match their legend.
 */
export const pollChartStyles = css`
  :host {
    --_c0: var(--hubbub-chart-1, #2a5bd7);
    --_c1: var(--hubbub-chart-2, #e07a1f);
    --_c2: var(--hubbub-chart-3, #2e9e5b);
    --_c3: var(--hubbub-chart-4, #c2387a);
    --_c4: var(--hubbub-chart-5, #7b4fd6);
    --_c5: var(--hubbub-chart-6, #1a9bb0);
    --_c6: var(--hubbub-chart-7, #b8860b);
    --_c7: var(--hubbub-chart-8, #d2453a);
    --_c8: var(--hubbub-chart-9, #5d6b82);
    --_c9: var(--hubbub-chart-10, #8a9a1e);
  }
  .results {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .bars {
    display: grid;
    gap: 0.55em;
  }
  .line {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2em 0.6em;
    align-items: baseline;
  }
  .option {
    overflow-wrap: anywhere;
    white-space: pre-wrap;
  }
  .bars .option,
  .legend .option {
    flex: 1;
    min-width: 0;
  }
  .numbers {
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .mine {
    font-size: 0.8em;
    font-weight: 600;
    color: var(--_accent);
  }
  .bar {
    display: block;
    height: var(--hubbub-poll-bar-height, 0.6em);
    margin-top: 0.2em;
    border-radius: 999px;
    background: var(--_surface);
    overflow: hidden;
  }
  .fill {
    display: block;
    height: 100%;
    border-radius: inherit;
    background: var(--hubbub-poll-bar-color, var(--_muted));
    transition: width 0.3s ease;
  }
  .chosen .fill {
    background: var(--_accent);
  }
  @media (prefers-reduced-motion: reduce) {
    .fill {
      transition: none;
    }
  }
  .pie {
    display: flex;
    flex-wrap: wrap;
    gap: 1em;
    align-items: center;
  }
  .pie svg {
    width: var(--hubbub-poll-pie-size, 9rem);
    height: var(--hubbub-poll-pie-size, 9rem);
    flex: none;
  }
  .slice {
    stroke: var(--_bg);
    stroke-width: 1;
  }
  .slice.none {
    fill: var(--_surface);
  }
  .legend {
    flex: 1;
    min-width: 10rem;
    display: grid;
    gap: 0.3em;
  }
  .legend .result {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2em 0.5em;
    align-items: baseline;
  }
  .swatch {
    width: 0.8em;
    height: 0.8em;
    border-radius: 2px;
    flex: none;
  }
  .cloud {
    display: flex;
    flex-wrap: wrap;
    gap: 0.2em 0.7em;
    align-items: baseline;
    justify-content: center;
    line-height: 1.2;
  }
  .word {
    color: var(--_accent);
  }
  @media (forced-colors: active) {
    .bar {
      border: 1px solid CanvasText;
    }
    .fill {
      forced-color-adjust: none;
      background: CanvasText;
    }
    .chosen .fill {
      background: Highlight;
    }
    .pie svg,
    .swatch {
      forced-color-adjust: none;
    }
    .slice {
      stroke: Canvas;
    }
    .swatch {
      outline: 1px solid CanvasText;
    }
  }
`;

/** Styles of the open-text and ranking results (poll-kinds.ts). */
export const pollKindStyles = css`
  .answers-block {
    display: grid;
    gap: 0.3em;
  }
  .heading {
    margin: 0;
    font-size: 0.85em;
    font-weight: 600;
    color: var(--_muted);
  }
  .answers {
    display: grid;
    gap: 0.3em;
  }
  .answer-item {
    display: flex;
    gap: 0.6em;
    align-items: baseline;
    padding: 0.3em 0.6em;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  .answer-item .option {
    flex: 1;
    min-width: 0;
  }
`;

/** The Hide buttons of open-text answers, and the note on what waits for review. */
export const pollModerationStyles = css`
  .queue {
    padding: 0.5em;
    border: 1px dashed var(--_border);
    border-radius: calc(var(--_radius) / 2);
  }
  .answer-item .link {
    border: none;
    background: none;
    padding: 0;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
  }
`;
