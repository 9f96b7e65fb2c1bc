/** The page's life (`pagehide` / `pageshow`), where there is a page: presence leaves with it. */

export interface PageHandlers {
  /** The page is being unloaded or put in the back/forward cache. */
  hide(): void;
  /** The page came back from the back/forward cache. */
  restore(): void;
}

/**
 * Listens to the window's `pagehide` and `pageshow` events if there are any; returns the unwatch.
 * `pagehide`, not `beforeunload`: it fires on every unload, mobile included, and keeps the page
 * eligible for the back/forward cache.
 */
export function watchPage(handlers: PageHandlers): () => void {
  const target = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
  if (typeof target.addEventListener !== 'function') return () => {};
  const hide = () => handlers.hide();
  const show = (event: Event) => {
    if ((event as PageTransitionEvent).persisted) handlers.restore();
  };
  target.addEventListener('pagehide', hide);
  target.addEventListener('pageshow', show);
  return () => {
    target.removeEventListener?.('pagehide', hide);
    target.removeEventListener?.('pageshow', show);
  };
}
