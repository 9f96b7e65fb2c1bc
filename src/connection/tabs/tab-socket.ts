/**
 * What a Connection gets instead of `WebSocket` when tabs share one socket: an object with the
 * WebSocket surface the Connection uses, whose frames go to the leader tab's hub (in this tab,
 * or over the BroadcastChannel). The Connection is unchanged: it still says `hello`, resumes
 * with `from`, keeps its outbox and reconnects on a close, whatever closed it.
 *
 * The bus and the hub load with the first `hello` (a chunk of their own in the script-tag
 * build), so a page pays for them only when it connects.
 */
import { CloseCode, SUBPROTOCOL } from '../../protocol/index.js';
import type { SocketLink } from './bus.js';

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 3;

/** A WebSocket constructor for a Connection to `relayList` that shares its socket with tabs. */
export function tabSocketClass(relayList: string): typeof globalThis.WebSocket {
  class TabSocket extends EventTarget {
    static readonly CONNECTING = CONNECTING;
    static readonly OPEN = OPEN;
    static readonly CLOSED = CLOSED;
    readonly url: string;
    readonly protocol = SUBPROTOCOL;
    readyState: number = CONNECTING;
    #link: SocketLink | null = null;
    #early: string[] = [];

    constructor(url: string) {
      super();
      this.url = url;
      // Open at once: the hub answers the hello, and decides where it goes by the user it names.
      queueMicrotask(() => {
        if (this.readyState !== CONNECTING) return;
        this.readyState = OPEN;
        this.dispatchEvent(new Event('open'));
      });
    }

    send(text: string): void {
      if (this.readyState !== OPEN) return;
      if (this.#link) return this.#link.send(text);
      // Until the bus is loaded: the hello, and nothing else (a connection waits for welcome).
      if (this.#early.push(text) > 1) return;
      import('./bus.js').then(
        ({ connectTab }) => {
          if (this.readyState !== OPEN) return;
          const [hello, ...rest] = this.#early.splice(0);
          const client = {
            deliver: (data: string) => this.#queue(() => new MessageEvent('message', { data })),
            end: (code: number, reason: string) => this.#end(code, reason),
          };
          this.#link = connectTab(relayList, client, this.url, hello) ?? null;
          if (!this.#link) return this.#end(1002, 'hello expected');
          for (const frame of rest) this.#link.send(frame);
        },
        () => this.#end(CloseCode.tryAgainLater, 'tab sharing did not load'),
      );
    }

    close(code = 1000, reason = ''): void {
      if (this.readyState === CLOSED) return;
      this.#link?.close();
      this.#end(code, reason);
    }

    #end(code: number, reason: string): void {
      if (this.readyState === CLOSED) return;
      this.#link = null;
      this.#queue(() => Object.assign(new Event('close'), { code, reason, wasClean: true }));
      this.readyState = CLOSED;
    }

    /**
     * Dispatches in a later microtask, in order: never inside the Connection's own `send()`, and
     * every frame the hub delivered before a close arrives before it.
     */
    #queue(make: () => Event): void {
      const open = this.readyState === OPEN;
      queueMicrotask(() => {
        if (open) this.dispatchEvent(make());
      });
    }
  }
  return TabSocket as unknown as typeof globalThis.WebSocket;
}

/** True where tabs can share a socket: BroadcastChannel and Web Locks both present. */
export function tabSharingAvailable(): boolean {
  return (
    typeof BroadcastChannel === 'function' &&
    typeof navigator !== 'undefined' &&
    typeof navigator.locks?.request === 'function'
  );
}
