import { css } from 'lit';
import { componentStyles, controlStyles } from '../internal/component.styles.js';

/** `<live-qa>`: the same `--hubbub-*` theme as `<live-chat>`. */
export const liveQaStyles = [
  componentStyles,
  controlStyles,
  css`
    :host {
      position: relative;
      display: flex;
      flex-direction: column;
      gap: 0.6em;
      padding: 0.8em;
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    p,
    h2 {
      margin: 0;
    }
    .banner {
      padding: 0.4em 0.8em;
      border-radius: calc(var(--_radius) / 2);
      background: var(--_warning);
      color: var(--_on-warning);
    }
    .state {
      margin: 1em;
      text-align: center;
      color: var(--_muted);
    }
    .composer {
      display: flex;
      flex-direction: column;
      gap: 0.3em;
    }
    textarea {
      width: 100%;
      resize: vertical;
      padding: 0.4em 0.6em;
      border: 1px solid var(--_control-border);
      border-radius: calc(var(--_radius) / 2);
      background: var(--_bg);
    }
    textarea[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    .row {
      display: flex;
      gap: 0.6em;
      align-items: center;
    }
    .grow {
      flex: 1;
    }
    .check {
      display: inline-flex;
      gap: 0.4em;
      align-items: center;
    }
    .counter,
    .note,
    .meta {
      font-size: 0.85em;
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
    }
    .banner.closed,
    .note.error,
    .danger {
      color: var(--_danger);
    }
    .ask,
    [aria-pressed='true'] {
      background: var(--_accent);
      color: var(--_on-accent);
      border-color: transparent;
    }
    .ask {
      padding: 0.3em 1em;
    }
    .label {
      font-size: 0.8em;
      font-weight: 600;
      text-transform: uppercase;
      color: var(--_muted);
    }
    .moderation {
      display: flex;
      flex-direction: column;
      gap: 0.4em;
      padding: 0.6em;
      border: 1px dashed var(--_border);
      border-radius: calc(var(--_radius) / 2);
    }
    .now {
      padding: 0.4em 0.6em;
      border-inline-start: 4px solid var(--_accent);
      border-radius: calc(var(--_radius) / 2);
      background: var(--_surface);
    }
    .sort {
      display: flex;
      gap: 0.3em;
      align-self: flex-end;
    }
    .list {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .scroll {
      max-height: var(--hubbub-qa-list-height, 24rem);
      overflow-y: auto;
      overscroll-behavior: contain;
    }
    .question {
      /* Only the questions in view are laid out and painted: a vote on one of 1,000 does not lay
         out the other 999 again. */
      content-visibility: auto;
      contain-intrinsic-size: auto 4.5em;
      display: flex;
      gap: 0.6em;
      align-items: flex-start;
      padding: 0.4em 0.2em;
      border-bottom: 1px solid var(--_border);
    }
    .more {
      padding: 0.4em 0.2em;
      text-align: center;
    }
    .question:last-child {
      border-bottom: none;
    }
    .question.sending,
    .question.pending,
    .question.hidden {
      color: var(--_muted);
    }
    .body {
      flex: 1;
      min-width: 0;
    }
    .text {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: baseline;
    }
    .asker {
      font-weight: 600;
    }
    .votes {
      display: inline-flex;
      flex-direction: column;
      align-items: center;
      min-width: 2.8em;
      padding: 0.2em 0.4em;
      font-variant-numeric: tabular-nums;
    }
    .votes.static {
      color: var(--_muted);
    }
    .arrow {
      font-size: 0.75em;
    }
    .badge {
      padding: 0 0.5em;
      border-radius: 999px;
      background: var(--_surface);
    }
    .badge.hidden {
      color: var(--_danger);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3em;
      margin-top: 0.3em;
    }
    .actions button {
      font-size: 0.8em;
    }
    summary {
      cursor: pointer;
      color: var(--_muted);
      font-weight: 600;
    }
  `,
];
