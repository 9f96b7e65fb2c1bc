import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { getConnection, releaseConnection, type Connection } from '../../connection/index.js';
import { relayListKey } from '../../connection/relays.js';
import { announces, joinVoices, leaveVoices } from '../internal/announcer.js';
import { bannerText } from '../internal/banner.js';
import { followIdentity } from '../internal/room-controller.js';
import { RoomProvider } from '../internal/room-provider.js';
import { StoreController } from '../internal/store-controller.js';
import { defaultRoomStrings, type RoomStrings } from './live-room.strings.js';
import { liveRoomStyles } from './live-room.styles.js';
import { LocaleController } from '../internal/locale.js';

/**
 * Connects the widgets inside it to one room of a relay. Every widget below shares its
 * connection; every `<live-room>` with the same `server` shares one socket.
 *
 * When the connection drops or comes back, the room says so once to screen readers, in one live
 * region for all its widgets; the widgets show the state on screen without announcing it again.
 *
 * @tag live-room
 * @summary One room of a relay, provided to the widgets inside.
 * @slot - The widgets (`<live-chat>`, ...).
 * @attr lang - The language of every widget inside (`es`, `de`, `fr`, `ja`, `ar`; others show
 *   English); unset, the page's. Arabic lays them out right to left unless a `dir` is set.
 * @attr theme - `light`, `dark` or `auto` (the user's `prefers-color-scheme`) for every widget
 *   inside; unset, widgets follow `--hubbub-color-scheme` or else the user's preference.
 * @csspart announcer - The live region (visually hidden) that announces the connection's state.
 */
export class LiveRoom extends LitElement {
  static override styles = liveRoomStyles;

  /**
   * WebSocket URL of the relay, e.g. `wss://relay.example/live`; or several relays of one service
   * separated by spaces (`wss://a.example/live wss://b.example/live`): the connection starts on a
   * random one and moves to another when one fails.
   */
  @property({ reflect: true }) server?: string;

  /** Room id (`[A-Za-z0-9_-]{1,64}`). */
  @property({ reflect: true }) room?: string;

  /**
   * JWT from the embedding site's backend. Without one the viewer is anonymous. Changing it
   * re-authenticates the shared connection; it never travels in a URL.
   */
  @property() token?: string;

  /**
   * Display name of an anonymous viewer (the relay judges it). Changing it renames the viewer for
   * everyone: presence shows the new name, and later messages carry it.
   */
  @property({ attribute: 'anon-name' }) anonName?: string;

  /**
   * Keep a socket of this page's own instead of sharing one with the other tabs of this origin
   * that use the same `server` as the same user (docs/tabs.md). Read when the connection is made.
   */
  @property({ type: Boolean, attribute: 'own-socket' }) ownSocket = false;
  /** Replaces some or all of the texts the room announces (see RoomStrings). */
  @property({ attribute: false }) strings: Partial<RoomStrings> = {};
  #locale = new LocaleController<RoomStrings>(this, 'live-room');

  #provider = new RoomProvider(this);
  #stores = new StoreController(this);
  #connection?: Connection;
  #text: RoomStrings = defaultRoomStrings;

  /** The shared connection to `server`, once `server` is set. */
  get connection(): Connection | undefined {
    return this.#connection;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate(); // takes the connection again after a move in the DOM
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The registry keeps the socket for a moment, so a room moved in the DOM does not reconnect.
    this.#release();
    this.#connection = undefined;
  }

  /** Lets go of the connection: another element may speak for it, and its socket may close. */
  #release(): void {
    if (this.#connection) {
      leaveVoices(this.#connection, this);
      releaseConnection(this.#connection);
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const server = relayListKey(this.server);
    if ((this.#connection?.url ?? '') !== server && this.isConnected) {
      this.#release();
      const connection = server
        ? getConnection(server, {
            token: this.token,
            anonName: this.anonName,
            shareAcrossTabs: !this.ownSocket,
          })
        : undefined;
      this.#connection = connection;
      if (connection) joinVoices(connection, this, true);
      this.#stores.watch(connection ? [connection.$status, connection.$error] : []);
    } else if (this.#connection) {
      followIdentity(this.#connection, this, changed);
    }
    this.#text = this.#locale.texts(defaultRoomStrings, this.strings);
    const current = this.#provider.value;
    const connection = this.#connection;
    const room = this.room;
    if (current?.connection !== connection || current?.room !== room) {
      this.#provider.setValue(connection && room ? { connection, room } : undefined);
    }
  }

  protected override render() {
    const connection = this.#connection;
    // The region stays in place while the connection is fine, so that a change is announced.
    const region =
      connection && announces(connection, this)
        ? html`<div part="announcer" class="visually-hidden" role="status">
            ${bannerText(connection, this.#text) ?? ''}
          </div>`
        : nothing;
    return html`<slot></slot>${region}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-room': LiveRoom;
  }
}
