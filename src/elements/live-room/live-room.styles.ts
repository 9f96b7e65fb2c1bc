import { css } from 'lit';
import { visuallyHidden } from '../internal/component.styles.js';

/**
 * `<live-room>` only wraps its widgets: a block, and none while `hidden`. Its announcer is for
 * screen readers only: the widgets show the connection's state on screen.
 */
export const liveRoomStyles = [
  visuallyHidden,
  css`
    :host {
      display: block;
    }
    :host([hidden]) {
      display: none;
    }
  `,
];
