/**
 * What a Connection gets instead of `WebSocket` when tabs share one socket: an object with the
 * WebSocket surface the Connection uses, whose frames go to the leader tab's hub (in this tab,
 * or over the BroadcastChannel). The Connection is unchanged: it still says `hello`, resumes
 * with `from`, keeps its outbox and reconnects on a close, whatever closed it.
 *
 * Only this shell is in the eager code: it opens once the bus's chunk (./tab-link.ts, with the
 * bus and the hub) has loaded, and that code drives it from then on. An app that imports only
 * the stores pays for the shell alone; a page pays for the bus when it connects, and the
 * Connection waits for `open` (its connect timeout covers a chunk that never comes; a chunk
 * that fails to load leaves the page on sockets of its own).
 */
import { CloseCode, SUBPROTOCOL } from '../../protocol/index.js';
import type { TabSocketLink } from './tab-link.js';

/** `readyState` values, as WebSocket's. */
export const TAB_SOCKET_STATE = { connecting: 0, open: 1, closed: 3 } as const;

/**
 * Set once the bus's chunk failed to load (a network error, or a redeploy that removed the
 * chunks this page was built with): from then on this page's connections open sockets of
 * their own, as where tabs cannot share one, rather than retrying a chunk that may never come.
 */
let linkFailed = false;

/** A WebSocket constructor for a Connection to `relayList` that shares its socket with tabs. */
export function tabSocketClass(relayList: string): typeof globalThis.WebSocket {
  class TabSocket extends EventTarget {
    readonly url: string;
    readonly protocol = SUBPROTOCOL;
    readyState: number = TAB_SOCKET_STATE.connecting;
    /** Set by ./tab-link.ts when it opens this socket; null again once closed. */
    link: TabSocketLink | null = null;

    constructor(url: string) {
      super();
      this.url = url;
      // An object returned from a constructor is what `new` gives: here, the page's own socket.
      if (linkFailed) return new WebSocket(url, SUBPROTOCOL) as unknown as TabSocket;
      // Not `import(…).then(…)` in one expression: Vite's app build would wrap the handlers in
      // its preload helper, which reports their failures as failed chunk loads.
      const tabLink = import('./tab-link.js');
      tabLink.then(
        (link) => link.openTabSocket(this, relayList),
        () => {
          linkFailed = true;
          if (this.readyState !== TAB_SOCKET_STATE.connecting) return;
          this.readyState = TAB_SOCKET_STATE.closed;
          const reason = 'tab sharing did not load';
          this.dispatchEvent(
            Object.assign(new Event('close'), { code: CloseCode.tryAgainLater, reason }),
          );
        },
      );
    }

    send(text: string): void {
      this.link?.send(text);
    }

    close(code = 1000, reason = ''): void {
      if (this.link) this.link.close(code, reason);
      else this.readyState = TAB_SOCKET_STATE.closed;
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
