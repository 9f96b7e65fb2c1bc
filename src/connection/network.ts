/** The browser's idea of being online, where there is one (`navigator.onLine`, window events). */

/** True only when the browser says it has no network; Node and unknown platforms say false. */
export function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

export interface NetworkHandlers {
  online(): void;
  offline(): void;
}

/** Listens to the window's `online` / `offline` events if there are any; returns the unwatch. */
export function watchNetwork(handlers: NetworkHandlers): () => void {
  const target = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
  if (typeof target.addEventListener !== 'function') return () => {};
  const online = () => handlers.online();
  const offline = () => handlers.offline();
  target.addEventListener('online', online);
  target.addEventListener('offline', offline);
  return () => {
    target.removeEventListener?.('online', online);
    target.removeEventListener?.('offline', offline);
  };
}
