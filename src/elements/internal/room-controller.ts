/**
 * Finds the connection and room a widget talks to: its own `server` / `room` attributes when set,
 * else the surrounding `<live-room>`. Widgets with the same `server` share one socket either way
 * (the same relay URLs in any order or spacing count as the same `server`).
 */
import type { PropertyValues, ReactiveController, ReactiveControllerHost } from 'lit';
import { getConnection, releaseConnection, type Connection } from '../../connection/index.js';
import { relayListKey } from '../../connection/relays.js';
import { dispatchContextEvent, type RoomCallback, type RoomContext } from './room-context.js';

/** Who a connection speaks for: a `<live-room>`'s or a widget's `token` and `anon-name`. */
export interface Identity {
  token?: string;
  anonName?: string;
}

export interface RoomHost extends ReactiveControllerHost, HTMLElement, Identity {
  server?: string;
  room?: string;
}

/**
 * Follows `host`'s `changed` identity on the connection it made: a new `token` re-authenticates
 * (or signs in or out), a new `anon-name` renames the anonymous viewer. One rule for
 * `<live-room>` and a widget with its own `server`, so both rename alike.
 */
export function followIdentity(
  connection: Connection,
  host: Identity,
  changed: PropertyValues,
): void {
  if (changed.has('token')) connection.setToken(host.token);
  if (changed.has('anonName')) connection.setAnonName(host.anonName);
}

export class RoomController implements ReactiveController {
  #host: RoomHost;
  /** What the nearest provider (`<live-room>`) gives, and how to stop hearing from it. */
  #provided?: RoomContext;
  #unsubscribe?: () => void;
  #current?: RoomContext;
  /** The connection taken for the host's own `server`, held until disconnect or a new server. */
  #own?: Connection;

  constructor(host: RoomHost) {
    this.#host = host;
    host.addController(this);
  }

  /** The provider's answer, now and on every change; another provider's replaces the last. */
  readonly #receive: RoomCallback = (value, unsubscribe) => {
    if (this.#unsubscribe !== unsubscribe) this.#unsubscribe?.();
    this.#unsubscribe = unsubscribe;
    this.#provided = value;
    this.#host.requestUpdate();
  };

  /** The room the host is in now, or undefined while nothing names a server and a room. */
  get current(): RoomContext | undefined {
    return this.#current;
  }

  /**
   * Re-reads the context and the host's attributes; call it from `willUpdate` with its `changed`
   * (a new `token` or `anon-name` goes to the host's own connection). Returns true when the
   * connection or the room changed.
   */
  resolve(changed: PropertyValues): boolean {
    const host = this.#host;
    const provided = this.#provided;
    if (!host.isConnected) return false;
    const server = relayListKey(host.server);
    if (server !== (this.#own?.url ?? '')) {
      this.#release();
      if (server) {
        this.#own = getConnection(server, { token: host.token, anonName: host.anonName });
      }
    } else if (this.#own) {
      followIdentity(this.#own, host, changed);
    }
    const connection = this.#own ?? provided?.connection;
    const room = host.room || provided?.room;
    const next = connection && room ? { connection, room } : undefined;
    const moved =
      next?.connection !== this.#current?.connection || next?.room !== this.#current?.room;
    this.#current = next;
    return moved;
  }

  hostConnected(): void {
    dispatchContextEvent(this.#host, this.#receive);
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    // The registry keeps the socket for a moment, so a widget moved in the DOM does not reconnect.
    this.#release();
    this.#current = undefined;
  }

  #release(): void {
    if (this.#own) releaseConnection(this.#own);
    this.#own = undefined;
  }
}
