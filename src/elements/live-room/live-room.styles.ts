import { css } from 'lit';
import { visuallyHidden } from '../internal/component.styles.js';
import { themeAttribute } from '../internal/theme.styles.js';

/**
 * `<live-room>` only wraps its widgets: a block, and none while `hidden`. Its announcer is for
 * screen readers only: the widgets show the connection's state on screen. Its `theme` attribute
 * sets the scheme of every widget inside.
 */
export const liveRoomStyles = [
  visuallyHidden,
  themeAttribute(),
  css`
    :host {
      display: block;
    }
    :host([hidden]) {
      display: none;
    }
  `,
];
