/**
 * The warning before leaving a page that would lose pending ops: only while some op is pending
 * that could not be stored durably (no IndexedDB, private mode, storage full). A `beforeunload`
 * listener keeps a page out of the back/forward cache, so it is added only for that time.
 */
export class UnloadGuard {
  #on = false;

  readonly #listener = (event: Event): void => {
    // Both, for older and newer browsers; the text is the browser's own.
    event.preventDefault();
    (event as BeforeUnloadEvent).returnValue = '';
  };

  /** Warns on unload while `atRisk`. */
  set(atRisk: boolean): void {
    const target = globalThis as Partial<Pick<Window, 'addEventListener' | 'removeEventListener'>>;
    if (atRisk === this.#on || typeof target.addEventListener !== 'function') return;
    this.#on = atRisk;
    if (atRisk) target.addEventListener('beforeunload', this.#listener);
    else target.removeEventListener?.('beforeunload', this.#listener);
  }
}
