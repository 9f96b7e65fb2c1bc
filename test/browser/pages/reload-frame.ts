/**
 * A viewer's page for live-chat.reload.test.ts, loaded in a frame the test reloads: one
 * `<live-chat>` on `?server=…&room=…` as an anonymous viewer (the key is in localStorage, so the
 * reloaded page is the same user). `?storage=broken` makes IndexedDB fail, as in private modes.
 * What the test reads is on `window.reloadFrame`.
 */
import { getConnection, type Connection, type LiveChat } from '../../../src/index.js';

export interface ReloadFrame {
  connection: Connection;
  chat: LiveChat;
  /** `beforeunload` listeners the page holds now. */
  unloadListeners: number;
}

const params = new URLSearchParams(location.search);
const server = params.get('server') ?? '';
const room = params.get('room') ?? '';

if (params.get('storage') === 'broken') {
  indexedDB.open = () => {
    throw new DOMException('IndexedDB is not available in this mode', 'InvalidStateError');
  };
}

// Counts beforeunload listeners, which keep a page out of the back/forward cache.
let unloadListeners = 0;
const add = window.addEventListener;
const remove = window.removeEventListener;
window.addEventListener = function (
  this: Window,
  type: string,
  listener: EventListenerOrEventListenerObject,
  options?: boolean | AddEventListenerOptions,
) {
  if (type === 'beforeunload') unloadListeners++;
  add.call(this, type, listener, options);
} as typeof window.addEventListener;
window.removeEventListener = function (
  this: Window,
  type: string,
  listener: EventListenerOrEventListenerObject,
  options?: boolean | EventListenerOptions,
) {
  if (type === 'beforeunload') unloadListeners--;
  remove.call(this, type, listener, options);
} as typeof window.removeEventListener;

const connection = getConnection(server, {
  anonName: 'Reloader',
  minBackoffMs: 100,
  maxBackoffMs: 400,
});
const chat = document.createElement('live-chat');
chat.setAttribute('server', server);
chat.setAttribute('room', room);
document.body.append(chat);

(window as unknown as { reloadFrame: ReloadFrame }).reloadFrame = {
  connection,
  chat,
  get unloadListeners() {
    return unloadListeners;
  },
};
