/**
 * Helpers for the rejoin tests: a widget in a page of its own (an iframe of this origin, so it
 * shares this page's localStorage and with it the anonymous key) that the test reloads for
 * real, and a way to drop a connection of this page as a network fault would.
 */
import { waitUntil } from '@open-wc/testing';
import { census } from './chat-helpers.js';

const WAIT = { timeout: 10_000 };

/** A widget page the test can reload. */
export interface WidgetPage {
  /** The widget as the page shows it now (a new element after each reload). */
  widget<E extends HTMLElement>(): E;
  /** Another widget of the page (`also`), as the page shows it now. */
  find<E extends HTMLElement>(tag: string): E;
  /**
   * Reloads the page, as the viewer pressing F5 would, and waits for the widget to load (with
   * `loaded: false`, only for the new page's widget to exist: its relay may not answer).
   */
  reload(options?: { loaded?: boolean }): Promise<void>;
  remove(): void;
}

export interface WidgetPageOptions {
  server: string;
  room: string;
  /** Signed in with this token; anonymous without it. */
  token?: string;
  /** The widget's tag and attributes, e.g. `live-quiz` or `live-poll chart="bar"`. */
  tag: string;
  /** Other widgets' tags, in the same room after it. */
  also?: string[];
}

const pages: WidgetPage[] = [];

/** Removes every page the test made. */
export function removeWidgetPages(): void {
  for (const page of pages.splice(0)) page.remove();
}

const escape = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A page with `<live-room>` and one widget in it, in an iframe: the kit is loaded by the page
 * itself (`/src/index.ts`, compiled on the fly), so a reload starts from nothing but what the
 * browser keeps (localStorage).
 */
export async function widgetPage(options: WidgetPageOptions): Promise<WidgetPage> {
  const name = options.tag.split(' ')[0];
  const token = options.token === undefined ? '' : ` token="${escape(options.token)}"`;
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 480px; height: 640px; border: 0';
  frame.srcdoc = `<!doctype html><html><body>
    <live-room server="${escape(options.server)}" room="${escape(options.room)}"${token}>
      <${options.tag}></${name}>
      ${(options.also ?? []).map((tag) => `<${tag}></${tag}>`).join('')}
    </live-room>
    <script type="module" src="/src/index.ts"></script>
  </body></html>`;
  const widget = <E extends HTMLElement>() =>
    frame.contentDocument!.querySelector(name) as unknown as E;
  const loaded = async () => {
    await waitUntil(
      () => {
        const element = frame.contentDocument?.querySelector(name) as
          (HTMLElement & { store?: { $loaded: { get(): boolean } } }) | null;
        return element?.store?.$loaded.get() === true;
      },
      `<${name}> did not load in its page`,
      WAIT,
    );
    await (widget() as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
  };
  const page: WidgetPage = {
    widget,
    find: <E extends HTMLElement>(tag: string) =>
      frame.contentDocument!.querySelector(tag) as unknown as E,
    async reload({ loaded: waitForLoad = true } = {}) {
      const before = frame.contentDocument;
      const done = new Promise((resolve) =>
        frame.addEventListener('load', resolve, { once: true }),
      );
      frame.contentWindow!.location.reload();
      await done;
      await waitUntil(() => frame.contentDocument !== before, 'the page did not reload', WAIT);
      if (waitForLoad) await loaded();
      else
        await waitUntil(() => widget<HTMLElement & { store?: object }>()?.store, 'no store', WAIT);
    },
    remove: () => frame.remove(),
  };
  pages.push(page);
  const first = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await first;
  await loaded();
  return page;
}

/** Relay URLs (as `URL.href`) this page may not reach for now. */
const held = new Set<string>();

/**
 * Makes new sockets of this page to `url` fail (they are pointed at a closed port) until
 * `release`: what a client meets while its network is down. Sockets already open stay.
 */
function hold(url: string): () => void {
  const Native = window.WebSocket as typeof WebSocket & { holding?: boolean };
  if (!Native.holding) {
    class HeldWebSocket extends Native {
      static override holding = true;
      constructor(target: string | URL, protocols?: string | string[]) {
        super(held.has(new URL(target).href) ? 'ws://127.0.0.1:9/live' : target, protocols);
      }
    }
    window.WebSocket = HeldWebSocket;
  }
  const href = new URL(url).href;
  held.add(href);
  return () => held.delete(href);
}

/**
 * Drops this page's open socket to `url` as a network fault would (the relay sees the socket
 * close; the client keeps its stores and tries again), runs `whileDown` while the client cannot
 * reconnect, then lets it back and waits until it is connected again (it resumes with `from`).
 */
export async function dropConnection(
  url: string,
  whileDown: () => Promise<unknown>,
): Promise<void> {
  const href = new URL(url).href;
  const open = census.sockets.filter(
    (socket) => socket.url === href && socket.readyState === WebSocket.OPEN,
  );
  if (open.length !== 1) throw new Error(`expected one open socket to ${href}, saw ${open.length}`);
  const [dropped] = open;
  const release = hold(url);
  try {
    const closed = new Promise((resolve) =>
      dropped.addEventListener('close', resolve, { once: true }),
    );
    dropped.close(3000, 'test: dropped');
    await closed;
    await whileDown();
  } finally {
    release();
  }
  await waitUntil(
    () =>
      census.sockets.some(
        (socket) =>
          socket !== dropped && socket.url === href && socket.readyState === WebSocket.OPEN,
      ),
    'the connection did not come back',
    WAIT,
  );
}
