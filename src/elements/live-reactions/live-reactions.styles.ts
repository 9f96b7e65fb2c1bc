import { css } from 'lit';
import { componentStyles, controlStyles } from '../internal/component.styles.js';

export const liveReactionsStyles = [
  componentStyles,
  controlStyles,
  css`
    :host {
      --_overlay: var(--hubbub-reactions-overlay-height, 16rem);
      position: relative;
      display: block;
    }
    /* The emoji buttons are unavailable by aria-disabled, never disabled: a button that
       turns disabled drops the keyboard focus when the connection blinks. */
    button:disabled,
    .emoji[aria-disabled='true'] {
      opacity: 0.5;
    }
    @media (forced-colors: active) {
      .emoji[aria-disabled='true'] {
        color: GrayText;
        border-color: GrayText !important;
      }
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4em;
    }
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3em;
    }
    .emoji {
      position: relative;
      min-width: 2.4em;
      min-height: 2.4em;
      font-size: var(--hubbub-reactions-button-size, 1.3em);
      line-height: 1;
      border-radius: 999px;
      background: var(--_surface);
      border-color: transparent;
    }
    .emoji:not([aria-disabled='true']):hover {
      border-color: var(--_border);
    }
    .emoji.pulse {
      border-color: var(--_accent);
      box-shadow: 0 0 0 2px var(--_accent);
    }
    .badge {
      position: absolute;
      top: -0.6em;
      inset-inline-end: -0.4em;
      padding: 0.1em 0.35em;
      border-radius: 999px;
      font-size: 0.5em;
      font-weight: 600;
      background: var(--_accent);
      color: var(--_on-accent);
    }
    .status {
      margin: 0;
      padding: 0.1em 0.6em;
      border-radius: 999px;
      background: var(--_warning);
      color: var(--_on-warning);
      font-size: 0.85em;
    }
    .edit {
      font-size: 0.85em;
      color: var(--_accent);
    }
    .editor {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.3em 0.6em;
      margin-top: 0.5em;
    }
    .editor label {
      flex-basis: 100%;
      font-size: 0.85em;
      color: var(--_muted);
    }
    .editor input {
      flex: 1;
      min-width: 10em;
      padding: 0.3em 0.5em;
      border: 1px solid var(--_control-border);
      border-radius: calc(var(--_radius) / 2);
      background: var(--_bg);
    }
    .editor input[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    .hint {
      flex-basis: 100%;
      order: 1;
      font-size: 0.8em;
      color: var(--_muted);
    }
    .actions {
      display: flex;
      gap: 0.3em;
    }
    .error {
      flex-basis: 100%;
      order: 2;
      margin: 0;
      font-size: 0.85em;
      color: var(--_danger);
    }
    .error:empty {
      display: none;
    }
    .overlay {
      position: absolute;
      z-index: 5;
      inset-inline: 0;
      bottom: 0;
      height: var(--_overlay);
      overflow: hidden;
      pointer-events: none;
    }
    .float {
      position: absolute;
      top: 100%;
      left: var(--x, 50%);
      font-size: var(--hubbub-reactions-float-size, 1.8em);
      line-height: 1;
      opacity: 0;
      will-change: transform, opacity;
      animation: float-up var(--duration, 2s) ease-out var(--delay, 0ms) forwards;
    }
    @keyframes float-up {
      0% {
        opacity: 0;
        transform: translate(-50%, 0) scale(0.6);
      }
      12% {
        opacity: 1;
        transform: translate(-50%, calc(var(--_overlay) * -0.12)) scale(1);
      }
      75% {
        opacity: 1;
      }
      100% {
        opacity: 0;
        transform: translate(calc(-50% + var(--drift, 0px)), calc(var(--_overlay) * -1)) scale(1.1);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .float {
        display: none;
      }
    }
  `,
];
