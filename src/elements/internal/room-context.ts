/**
 * The context `<live-room>` provides to the widgets inside it: the shared connection and the room.
 */
import { createContext } from '@lit/context';
import type { Connection } from '../../connection/index.js';

export interface RoomContext {
  connection: Connection;
  room: string;
}

/**
 * A registered symbol, so that two copies of the kit on one page (a script tag and an app bundle)
 * still find each other's rooms.
 */
export const roomContext = createContext<RoomContext | undefined>(Symbol.for('hubbub.room'));
