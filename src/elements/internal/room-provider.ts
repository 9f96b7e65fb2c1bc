/**
 * The provider side of the room's context (see room-context.ts), for `<live-room>` and
 * `<live-host-console>`: answers the widgets below its host, and tells its subscribers when the
 * room or the connection changes. As `@lit/context`'s ContextProvider does, it announces itself
 * when connected, and a provider that appears between it and some of its subscribers takes them
 * over.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  contextTarget,
  dispatchContextEvent,
  roomContext,
  type ContextEvent,
  type RoomCallback,
  type RoomContext,
} from './room-context.js';

export class RoomProvider implements ReactiveController {
  /** The room provided now; set it with `setValue`. */
  value: RoomContext | undefined;
  readonly #host: ReactiveControllerHost & HTMLElement;
  /** Subscribed requests: their callback, the element that asked, and its unsubscribe. */
  readonly #subscribers = new Map<RoomCallback, [Element, () => void]>();

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addEventListener('context-request', (event: ContextEvent) => {
      const consumer = contextTarget(event);
      if (event.context !== roomContext || !event.callback || consumer === host) return;
      event.stopPropagation();
      const callback = event.callback;
      if (!event.subscribe) return callback(this.value);
      let subscriber = this.#subscribers.get(callback);
      if (!subscriber) {
        subscriber = [consumer, () => this.#subscribers.delete(callback)];
        this.#subscribers.set(callback, subscriber);
      }
      callback(this.value, subscriber[1]);
    });
    host.addEventListener('context-provider', (event: ContextEvent) => {
      if (event.context !== roomContext || contextTarget(event) === host) return;
      event.stopPropagation();
      // A provider below us: our subscribers ask again, and the nearest one answers each.
      for (const [callback, [consumer]] of this.#subscribers) {
        dispatchContextEvent(consumer, callback);
      }
    });
    host.addController(this);
  }

  hostConnected(): void {
    dispatchContextEvent(this.#host);
  }

  /** Provides `value`; subscribers hear of it when it is another object. */
  setValue(value: RoomContext | undefined): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const [callback, [, unsubscribe]] of this.#subscribers) callback(value, unsubscribe);
  }
}
