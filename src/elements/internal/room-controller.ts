/**
 * Finds the connection and room a widget talks to: its own `server` / `room` attributes when set,
 * else the surrounding `<live-room>`. Widgets with the same `server` share one socket either way
 * (the same relay URLs in any order or spacing count as the same `server`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getConnection, releaseConnection, type Connection } from '../../connection/index.js';
import { relayListKey } from '../../connection/relays.js';
import { dispatchContextEvent, type RoomCallback, type RoomContext } from './room-context.js';

export interface RoomHost extends ReactiveControllerHost, HTMLElement {
  server?: string;
  room?: string;
  token?: string;
  anonName?: string;
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
   * Re-reads the context and the host's attributes; call it from `willUpdate`. Returns true when
   * the connection or the room changed.
   */
  resolve(tokenChanged = false): boolean {
    const host = this.#host;
    const provided = this.#provided;
    if (!host.isConnected) return false;
    const server = relayListKey(host.server);
    if (server !== (this.#own?.url ?? '')) {
      this.#release();
      if (server) {
        this.#own = getConnection(server, { token: host.token, anonName: host.anonName });
      }
    } else if (tokenChanged) {
      this.#own?.setToken(host.token);
    }
    const connection = this.#own ?? provided?.connection;
    const room = host.room || provided?.room;
    const next = connection && room ? { connection, room } : undefined;
    const changed =
      next?.connection !== this.#current?.connection || next?.room !== this.#current?.room;
    this.#current = next;
    return changed;
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
