import { css } from 'lit';

/** `<live-room>` only wraps its widgets: a block, and none while `hidden`. */
export const liveRoomStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
`;
