import { css } from 'lit';

/**
 * `<live-room>` only wraps its widgets: a block, and none while `hidden`. Its announcer is for
 * screen readers only: the widgets show the connection's state on screen.
 */
export const liveRoomStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
