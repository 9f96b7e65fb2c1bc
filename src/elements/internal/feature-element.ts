import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { ReadableAtom } from 'nanostores';
import type { Connection, OpError } from '../../connection/index.js';
import { announces, joinVoices, leaveVoices } from './announcer.js';
import { renderBanner, type BannerOptions, type BannerTexts } from './banner.js';
import { LiveErrorEvent } from './live-error-event.js';
import type { RoomContext } from './room-context.js';
import { RoomController } from './room-controller.js';
import { StoreController } from './store-controller.js';

/**
 * What every widget shares: the room it talks to (its own `server` and `room`, or the
 * surrounding `<live-room>`'s), re-rendering on every change of the connection's status, user
 * and error, and the connection banner. Subclasses hear of a new room in `roomChanged`.
 *
 * @attr lang - The widget's language (`es`, `de`, `fr`, `ja`, `ar`; others show English); else
 *   the nearest ancestor's `lang` (its `<live-room>`, the page), else the browser's.
 * @attr theme - `light`, `dark` or `auto` (the user's `prefers-color-scheme`) for this widget;
 *   wins over its `<live-room>`'s `theme`.
 */
export class RoomElement extends LitElement {
  /**
   * Relay URL, or several of one service separated by spaces; only needed outside a
   * `<live-room>` (it wins over the room's when set).
   */
  @property() server?: string;

  /** Room id; only needed outside a `<live-room>` (it wins over the room's when set). */
  @property() room?: string;

  /**
   * JWT for `server` (a host's or moderator's for the host widgets); only used with the
   * element's own `server`.
   */
  @property() token?: string;

  /**
   * Display name of an anonymous viewer; only used with the element's own `server`. Changing it
   * renames the viewer of that connection, as `<live-room>`'s does.
   */
  @property({ attribute: 'anon-name' }) anonName?: string;

  #room = new RoomController(this);
  #stores = new StoreController(this);
  /** The connection whose state this element shows (see announcer.ts). */
  #shown?: Connection;

  /** The shared connection, once the element knows its room. */
  protected get connection(): Connection | undefined {
    return this.#room.current?.connection;
  }

  /** The connection and room the element talks to, once it knows them. */
  protected get currentRoom(): RoomContext | undefined {
    return this.#room.current;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate(); // finds the room again after a move in the DOM
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#show(undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#room.resolve(changed) || this.mustReopen(changed)) {
      this.roomChanged(this.#room.current);
    }
    this.#show(this.connection);
  }

  /**
   * Whether this element announces the connection's changes to screen readers: one element per
   * connection does (the `<live-room>`, else the first widget); the others only show them.
   */
  protected get announces(): boolean {
    return announces(this.connection, this);
  }

  #show(connection: Connection | undefined): void {
    if (connection === this.#shown) return;
    if (this.#shown) leaveVoices(this.#shown, this);
    if (connection) joinVoices(connection, this);
    this.#shown = connection;
  }

  /** True when the element must open its room again although the room did not change. */
  protected mustReopen(_changed: PropertyValues<this>): boolean {
    return false;
  }

  /** The element moved to another room (or to none): drop what belonged to the old one. */
  protected roomChanged(room: RoomContext | undefined): void {
    this.watch(room ? [] : undefined);
  }

  /**
   * Re-renders on every change of these stores and of the connection's status, user and error;
   * without stores, on no change at all.
   */
  protected watch(stores?: ReadableAtom<unknown>[]): void {
    const connection = this.connection;
    this.#stores.watch(
      connection && stores
        ? [connection.$status, connection.$user, connection.$error, ...stores]
        : [],
    );
  }

  /** The connection banner (`part="banner"`), while the connection is not open. */
  protected renderBanner(texts: BannerTexts, options?: BannerOptions) {
    return renderBanner(this.connection, texts, { announce: this.announces, ...options });
  }
}

/** What every feature store has: whether its snapshot arrived, why the relay refused it. */
export interface FeatureStore {
  $loaded: ReadableAtom<boolean>;
  $refused: ReadableAtom<OpError | null>;
  destroy(): void;
}

/**
 * A widget over one feature's store: opened when the element knows its room, closed when it
 * leaves (or the room changes), and re-rendering the element on every change.
 *
 * @fires live-error - {@link LiveErrorEvent} The relay refused the widget's channel or dropped it
 * (e.g. the token does not grant the room); the widget shows why.
 */
export abstract class FeatureElement<S extends FeatureStore> extends RoomElement {
  #store?: S;
  #unlisten?: () => void;

  /** The feature's store this element shows, once it knows its room. */
  get store(): S | undefined {
    return this.#store;
  }

  /** Opens the feature's store in `room`. */
  protected abstract openStore(room: RoomContext): S;

  /** The store's atoms whose changes re-render the element, besides `$loaded` and `$refused`. */
  protected abstract watched(store: S): ReadableAtom<unknown>[];

  /** The store is about to close: drop what belongs to it. */
  protected storeClosing(): void {}

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#closeStore();
  }

  protected override mustReopen(changed: PropertyValues<this>): boolean {
    return super.mustReopen(changed) || (!this.#store && !!this.currentRoom);
  }

  protected override roomChanged(room: RoomContext | undefined): void {
    this.#closeStore();
    if (!room) return;
    const store = (this.#store = this.openStore(room));
    this.watch([store.$loaded, store.$refused, ...this.watched(store)]);
    this.#unlisten = store.$refused.listen((error) => {
      if (error) this.dispatchEvent(new LiveErrorEvent(error));
    });
  }

  #closeStore() {
    this.#unlisten?.();
    this.#unlisten = undefined;
    this.storeClosing();
    this.#store?.destroy();
    this.#store = undefined;
    this.watch();
  }
}
