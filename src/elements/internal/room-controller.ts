/**
 * Finds the connection and room a widget talks to: its own `server` / `room` attributes when set,
 * else the surrounding `<live-room>`. Widgets with the same `server` share one socket either way
 * (the same relay URLs in any order or spacing count as the same `server`).
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getConnection, releaseConnection, type Connection } from '../../connection/index.js';
import { relayListKey } from '../../connection/relays.js';
import { roomContext, type RoomContext } from './room-context.js';

export interface RoomHost extends ReactiveControllerHost, HTMLElement {
  server?: string;
  room?: string;
  token?: string;
  anonName?: string;
}

export class RoomController implements ReactiveController {
  #host: RoomHost;
  #consumer: ContextConsumer<typeof roomContext, RoomHost>;
  #current?: RoomContext;
  /** The connection taken for the host's own `server`, held until disconnect or a new server. */
  #own?: Connection;

  constructor(host: RoomHost) {
    this.#host = host;
    this.#consumer = new ContextConsumer(host, { context: roomContext, subscribe: true });
    host.addController(this);
  }

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
    const provided = this.#consumer.value;
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

  hostDisconnected(): void {
    // The registry keeps the socket for a moment, so a widget moved in the DOM does not reconnect.
    this.#release();
    this.#current = undefined;
  }

  #release(): void {
    if (this.#own) releaseConnection(this.#own);
    this.#own = undefined;
  }
}
