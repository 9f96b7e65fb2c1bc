/**
 * Nanostores for Lit, by hand: re-renders the host when any watched store changes.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

export class StoreController implements ReactiveController {
  #host: ReactiveControllerHost;
  #stores: ReadableAtom<unknown>[] = [];
  #unlisten: (() => void)[] = [];
  #connected = false;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Replaces the watched stores (e.g. when the element moves to another room). */
  watch(stores: ReadableAtom<unknown>[]): void {
    this.#unsubscribe();
    this.#stores = stores;
    if (this.#connected) this.#subscribe();
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe();
  }

  #subscribe(): void {
    this.#unlisten = this.#stores.map((store) => store.listen(() => this.#host.requestUpdate()));
  }

  #unsubscribe(): void {
    for (const unlisten of this.#unlisten) unlisten();
    this.#unlisten = [];
  }
}
