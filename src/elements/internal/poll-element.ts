import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { Connection } from '../../connection/index.js';
import { createPollStore, type PollStore } from '../../features/poll.js';
import { RoomController } from './room-controller.js';
import { StoreController } from './store-controller.js';

/**
 * What `<live-poll>` and `<live-poll-editor>` share: the room they talk to (their own `server`
 * and `room`, or the surrounding `<live-room>`'s) and its poll store, opened and released with
 * the element and re-rendering it on every change.
 */
export class PollElement extends LitElement {
  /**
   * Relay URL, or several of one service separated by spaces; only needed outside a
   * `<live-room>` (it wins over the room's when set).
   */
  @property() server?: string;

  /** Room id; only needed outside a `<live-room>` (it wins over the room's when set). */
  @property() room?: string;

  /** JWT for `server`; only used with the element's own `server`. */
  @property() token?: string;

  /** Display name of an anonymous viewer; only used with the element's own `server`. */
  @property({ attribute: 'anon-name' }) anonName?: string;

  #room = new RoomController(this);
  #stores = new StoreController(this);
  #store?: PollStore;

  /** The poll store this element shows, once it knows its room. */
  get store(): PollStore | undefined {
    return this.#store;
  }

  /** The shared connection, once the element knows its room. */
  protected get connection(): Connection | undefined {
    return this.#room.current?.connection;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate(); // opens the store again after a move in the DOM
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#closeStore();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#room.resolve(changed.has('token')) || (!this.#store && this.#room.current)) {
      this.#closeStore();
      this.#openStore();
    }
  }

  #openStore() {
    const room = this.#room.current;
    if (!room) return;
    const store = (this.#store = createPollStore(room.connection, room.room));
    this.#stores.watch([
      room.connection.$status,
      room.connection.$user,
      store.$polls,
      store.$active,
      store.$myVotes,
      store.$hostTallies,
      store.$loaded,
      store.$refused,
    ]);
  }

  #closeStore() {
    this.#store?.destroy();
    this.#store = undefined;
    this.#stores.watch([]);
  }
}
