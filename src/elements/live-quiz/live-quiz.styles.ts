import { css } from 'lit';
import { quizBaseStyles } from '../internal/quiz-base.styles.js';

export const liveQuizStyles = [
  quizBaseStyles,
  css`
    /* Focus lands on the container when a question opens or ends: a ring for the keyboard, none
       for the mouse. */
    .quiz:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 2px;
    }
    .quiz:focus:not(:focus-visible) {
      outline: none;
    }
    .waiting .big {
      font-size: 1.3em;
      font-weight: 600;
      color: var(--_text);
    }
    .waiting p {
      margin: 0.2em 0;
    }
    .head {
      display: flex;
      justify-content: space-between;
      gap: 1em;
      font-size: 0.85em;
      color: var(--_muted);
    }
    .progress {
      font-weight: 600;
      text-transform: uppercase;
      letter-spacing: 0.03em;
    }
    .question {
      margin: 0.3em 0 0.6em;
      font-size: 1.3em;
      font-weight: 600;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .lead-in {
      margin: 0 0 0.4em;
      padding: 0.5em 0.8em;
      border-radius: calc(var(--_radius) / 2);
      background: var(--_surface);
    }
    .timer {
      display: flex;
      align-items: center;
      gap: 0.6em;
    }
    .track {
      flex: 1;
      height: 0.6em;
      border-radius: 999px;
      background: var(--_surface);
      overflow: hidden;
    }
    .bar {
      display: block;
      height: 100%;
      background: var(--_accent);
      transform-origin: var(--_start);
      transform: scaleX(var(--_left, 1));
      transition: transform 0.1s linear;
    }
    .seconds {
      min-width: 4.5em;
      text-align: end;
      font-variant-numeric: tabular-nums;
      font-weight: 600;
    }
    .timer.urgent .bar {
      background: var(--_danger);
    }
    .timer.urgent .seconds {
      color: var(--_danger);
    }
    .note {
      margin: 0.2em 0 0.6em;
      font-size: 0.9em;
    }
    .options {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(14em, 1fr));
      gap: 0.5em;
    }
    .option {
      position: relative;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.3em 0.7em;
      min-height: var(--hubbub-quiz-option-height, 3.5rem);
      padding: 0.5em 0.8em;
      text-align: start;
      font-size: 1.1em;
      background: var(--_surface);
      border: 2px solid transparent;
      border-radius: var(--_radius);
      overflow: hidden;
    }
    .option:not([aria-disabled='true']):hover {
      border-color: var(--_accent);
    }
    .option[aria-disabled='true']:not(.mine):not(.correct) {
      color: var(--_muted);
    }
    .letter {
      display: inline-grid;
      place-items: center;
      width: 1.8em;
      height: 1.8em;
      border-radius: 50%;
      font-weight: 700;
      background: var(--_bg);
      border: 1px solid var(--_border);
    }
    .text {
      flex: 1;
      overflow-wrap: anywhere;
    }
    .mark,
    .count {
      font-size: 0.8em;
      font-weight: 600;
    }
    .count {
      margin-inline-start: auto;
      font-variant-numeric: tabular-nums;
    }
    .share {
      position: absolute;
      inset: auto 0 0 0;
      height: 0.25em;
      background: var(--_muted);
      transform-origin: var(--_start);
      transform: scaleX(var(--_share, 0));
    }
    .option.mine {
      border-color: var(--_accent);
    }
    .option.mine .letter {
      background: var(--_accent);
      color: var(--_on-accent);
      border-color: transparent;
    }
    .option.correct {
      border-color: var(--_success);
    }
    .option.correct .letter,
    .option.correct .share {
      background: var(--_success);
      color: var(--_on-success);
      border-color: transparent;
    }
    .correct-mark {
      color: var(--_success);
    }
    .option.wrong {
      border-color: var(--_danger);
    }
    .option.wrong .letter {
      background: var(--_danger);
      color: var(--_on-danger);
      border-color: transparent;
    }
    .locked-in,
    .outcome,
    .standing {
      margin: 0.7em 0 0;
    }
    .outcome {
      font-size: 1.1em;
    }
    .outcome.right {
      color: var(--_success);
    }
    .outcome.wrong strong {
      color: var(--_danger);
    }
    .won {
      margin-inline-start: 0.3em;
      font-size: 1.2em;
    }
    .standing {
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .streak {
      margin-inline-start: 0.4em;
      padding: 0.05em 0.5em;
      border-radius: 999px;
      border: 1px solid var(--_border);
      background: var(--_surface);
      font-weight: 500;
    }
    .final {
      margin: 0 0 0.6em;
      font-size: 1.3em;
      text-align: center;
    }
    .podium {
      display: flex;
      align-items: flex-end;
      justify-content: center;
      gap: 0.4em;
      margin: 0;
      padding: 0;
      list-style: none;
      border-bottom: 2px solid var(--_border);
    }
    .step {
      display: flex;
      flex-direction: column;
      align-items: center;
      flex: 0 1 9em;
      min-width: 0;
      text-align: center;
    }
    .step .name {
      max-width: 100%;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .step .score {
      font-size: 0.85em;
      color: var(--_muted);
    }
    .block {
      display: grid;
      place-items: center;
      width: 100%;
      margin-top: 0.3em;
      font-size: 1.4em;
      font-weight: 700;
      border-radius: var(--_radius) var(--_radius) 0 0;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-bottom: none;
    }
    .pos-1 {
      order: 2;
    }
    .pos-2 {
      order: 1;
    }
    .pos-3 {
      order: 3;
    }
    .rank-1 .block {
      height: 6em;
      background: var(--_accent);
      color: var(--_on-accent);
    }
    .rank-2 .block {
      height: 4.5em;
    }
    .rank-3 .block {
      height: 3.2em;
    }
    .step.you .name::after {
      content: ' ★';
    }
    .phase-ended .standing {
      text-align: center;
    }
    @media (prefers-reduced-motion: reduce) {
      .bar {
        transition: none;
      }
    }
  `,
];
