/**
 * The code behind a TabSocket (./tab-socket.ts), in the bus's chunk: opens the socket, attaches
 * it to the bus with its first frame (the `hello`), and delivers the hub's frames and close to
 * the Connection as WebSocket events.
 */
import { connectTab, type SocketLink } from './bus.js';
import { TAB_SOCKET_STATE } from './tab-socket.js';

/** What a TabSocket forwards to: its `send()` and `close()`. */
export interface TabSocketLink {
  send(text: string): void;
  close(code: number, reason: string): void;
}

/** The TabSocket as this code drives it. */
export interface TabSocketShell extends EventTarget {
  readonly url: string;
  readyState: number;
  link: TabSocketLink | null;
}

/** Opens `socket` (unless it was closed meanwhile); its first frame attaches it to the bus. */
export function openTabSocket(socket: TabSocketShell, relayList: string): void {
  if (socket.readyState !== TAB_SOCKET_STATE.connecting) return;
  /** The bus's side, from the hello on; null when the first frame was not a hello. */
  let bus: SocketLink | null | undefined;

  /**
   * Dispatches in a later microtask, in order: never inside the Connection's own `send()`, and
   * every frame the hub delivered before a close arrives before it.
   */
  const queue = (make: () => Event): void => {
    const open = socket.readyState === TAB_SOCKET_STATE.open;
    queueMicrotask(() => {
      if (open) socket.dispatchEvent(make());
    });
  };
  const end = (code: number, reason: string): void => {
    if (socket.readyState === TAB_SOCKET_STATE.closed) return;
    socket.link = null;
    queue(() => Object.assign(new Event('close'), { code, reason, wasClean: true }));
    socket.readyState = TAB_SOCKET_STATE.closed;
  };
  const client = {
    deliver: (data: string) => queue(() => new MessageEvent('message', { data })),
    end,
  };

  socket.link = {
    send(text) {
      if (socket.readyState !== TAB_SOCKET_STATE.open) return;
      if (bus) return bus.send(text);
      if (bus === null) return;
      // The first frame: the hello, which names the user whose bus this socket joins.
      bus = connectTab(relayList, client, socket.url, text) ?? null;
      if (!bus) end(1002, 'hello expected');
    },
    close(code, reason) {
      bus?.close();
      end(code, reason);
    },
  };
  socket.readyState = TAB_SOCKET_STATE.open;
  socket.dispatchEvent(new Event('open'));
}
