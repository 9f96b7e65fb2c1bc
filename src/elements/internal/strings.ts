/**
 * Texts that every widget has, in each element's `strings`: the states before its content and
 * the connection banner.
 */
import type { ErrorCode } from '../../protocol/index.js';

/** The states before a widget's content. */
export interface StateStrings {
  loading: string;
  /**
   * Instead of the widget when the relay refused its channel or dropped it (e.g. a token that does
   * not grant the room, a room that became signed-in only), from the relay's message, code and
   * details (`details.reason` is `room_not_granted` for a room the token does not grant).
   */
  refused: (message: string, code: ErrorCode, details?: unknown) => string;
}

/** The connection banner: while offline, while reconnecting, and once the connection closed. */
export interface ConnectionStrings {
  offline: string;
  /** A welcomed connection dropped and is being tried again. */
  reconnecting: string;
  /**
   * The first connect failed and is being tried again: nothing was lost, the relay cannot be
   * reached yet. Default `CANNOT_CONNECT` (one English text for every widget); each bundled
   * language's `connection` bundle words it.
   */
  unreachable?: string;
  closed: string;
}

/** `unreachable`'s English default, shared by every widget. */
export const CANNOT_CONNECT = "Can't connect. Retrying…";
