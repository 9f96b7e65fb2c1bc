/**
 * Keeps keyboard focus inside an element when a render takes away the control that had it (a
 * button removed, or disabled because its action is done: Reveal after the reveal, Load quiz once
 * loaded). Without it the browser drops focus to `<body>` and a keyboard or screen-reader user
 * starts again from the top of the page.
 */
import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * Picks where focus goes once `lost` (the control that had it) is gone or disabled: the first
 * candidate that can take focus wins. `lost` is still the element, detached or disabled.
 */
export type FocusFallback = (lost: HTMLElement) => readonly (HTMLElement | null | undefined)[];

/** True when `element` is in the document and can take focus now. */
export function canFocus(element: HTMLElement | null | undefined): element is HTMLElement {
  return (
    !!element &&
    element.isConnected &&
    !element.matches(':disabled') &&
    !element.closest('[hidden], [inert]') &&
    (element.tabIndex >= 0 || element.hasAttribute('tabindex'))
  );
}

/** Gives `host` a {@link FocusKeeper}: call it once, in the constructor. */
export function keepFocus(host: ReactiveElement, fallback: FocusFallback): void {
  host.addController(new FocusKeeper(host, fallback));
}

export class FocusKeeper implements ReactiveController {
  #host: ReactiveElement;
  #fallback: FocusFallback;
  #had: HTMLElement | null = null;

  constructor(host: ReactiveElement, fallback: FocusFallback) {
    this.#host = host;
    this.#fallback = fallback;
  }

  /** Before each render: which control of ours has the focus. */
  hostUpdate(): void {
    const root = this.#host.shadowRoot;
    this.#had = (root?.activeElement as HTMLElement | null) ?? null;
  }

  /**
   * After it: if that control left the tree or became disabled, and focus has not gone somewhere
   * else on the page meanwhile, move it to the first fallback that can take it.
   */
  hostUpdated(): void {
    const lost = this.#had;
    this.#had = null;
    if (!lost || (lost.isConnected && !lost.matches(':disabled'))) return;
    const active = this.#host.shadowRoot?.activeElement;
    if (active && active !== lost) return;
    const page = document.activeElement;
    if (!active && page && page !== document.body && page !== this.#host) return;
    try {
      this.#fallback(lost).find(canFocus)?.focus();
    } catch (error) {
      // A broken fallback must not break the element's update.
      console.warn('hubbub: focus fallback failed', error);
    }
  }
}
