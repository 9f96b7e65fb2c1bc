import { css } from 'lit';
import { componentStyles, roleStyles } from '../internal/component.styles.js';

/** Stale (connection trouble): the pictures fade, the count goes grey by colour, not opacity. */
export const presenceBarStyles = [
  componentStyles,
  roleStyles,
  css`
    :host {
      --_size: var(--hubbub-avatar-size, 2rem);
      position: relative;
      display: block;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4em 0.8em;
      min-height: var(--_size);
    }
    .bar.stale .avatars {
      opacity: 0.55;
    }
    .bar.stale .count {
      color: var(--_muted);
    }
    .avatars {
      display: flex;
      padding-inline-start: calc(var(--_size) / 4);
    }
    .avatars .avatar {
      margin-inline-start: calc(var(--_size) / -4);
      border: 2px solid var(--_bg);
    }
    .avatar {
      flex: none;
      display: inline-grid;
      place-items: center;
      width: var(--_size);
      height: var(--_size);
      border-radius: 50%;
      object-fit: cover;
      background-color: var(--_surface);
      color: #fff;
      font-size: calc(var(--_size) * 0.4);
      font-weight: 600;
      overflow: hidden;
      user-select: none;
    }
    .count {
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .state,
    .typing {
      color: var(--_muted);
    }
    .typing {
      font-size: 0.9em;
      font-style: italic;
    }
    .typing:empty {
      display: none;
    }
    .status {
      padding: 0.1em 0.6em;
      border-radius: 999px;
      background: var(--_warning);
      color: var(--_on-warning);
      font-size: 0.85em;
    }
    .toggle {
      font: inherit;
      color: var(--_accent);
      cursor: pointer;
      border: 1px solid var(--_control-border);
      border-radius: calc(var(--_radius) / 2);
      background: var(--_bg);
      padding: 0.15em 0.6em;
    }
    .panel {
      position: absolute;
      z-index: 10;
      top: calc(100% + 0.3em);
      inset-inline-end: 0;
      min-width: 14rem;
      max-width: min(22rem, 100vw);
      max-height: var(--hubbub-presence-list-height, 18rem);
      overflow-y: auto;
      padding: 0.3em 0;
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
    }
    .note {
      margin: 0.2em 0.8em;
      font-size: 0.85em;
      color: var(--_muted);
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .member {
      display: flex;
      align-items: center;
      gap: 0.6em;
      padding: 0.3em 0.8em;
      --_size: 1.6rem;
    }
    .member:hover,
    .member:focus {
      background: var(--_surface);
    }
    .member:focus-visible {
      outline-offset: -2px;
    }
    .who {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 0.4em;
      min-width: 0;
    }
    .name {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .you,
    .status-text {
      color: var(--_muted);
      font-size: 0.85em;
    }
  `,
];
