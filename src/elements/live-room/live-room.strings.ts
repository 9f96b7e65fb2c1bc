/**
 * What `<live-room>` says to screen readers when its connection changes (its widgets show the
 * same state on screen). Replace some or all through the element's `strings` property.
 */
import type { ConnectionStrings } from '../internal/strings.js';

export type RoomStrings = ConnectionStrings;

export const defaultRoomStrings: RoomStrings = {
  offline: 'You are offline. Live updates are paused.',
  reconnecting: 'Connection lost. Reconnecting…',
  closed: 'Disconnected.',
};
