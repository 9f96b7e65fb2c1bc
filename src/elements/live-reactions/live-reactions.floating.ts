/**
 * The floating emojis of `<live-reactions>`: how many a burst gets, and the nodes themselves,
 * kept under a hard cap and removed when their animation ends. Nodes live outside Lit's
 * templates (they come and go many times a second); the overlay they go in has no bindings.
 */

/** How the floating emojis behave, in one place. */
export const FLOATING_DEFAULTS = {
  /**
   * Emojis per burst of one emoji: `max(1, ceil(perLn × ln(count)))`, so 1 → 1, 10 → 4,
   * 1,000 → 12, 10,000 → 15: a big room looks busier without drawing thousands of nodes.
   */
  perLn: 1.6,
  /** The emojis of one burst start spread over this time (ms), not all at once. */
  spreadMs: 400,
  /** Flight time (ms) of one emoji, plus up to `durationJitterMs` at random. */
  durationMs: 2_000,
  durationJitterMs: 800,
  /** Sideways drift (px) either way during the flight. */
  driftPx: 36,
  /** Emojis start this far (%) from the overlay's left and right edges, so none is cut off. */
  edgePct: 5,
} as const;

/** How many floating emojis a burst of `count` reactions with one emoji gets. */
export function floatsFor(count: number): number {
  if (count <= 0) return 0;
  return Math.max(1, Math.ceil(FLOATING_DEFAULTS.perLn * Math.log(count)));
}

/** The floating emoji nodes of one overlay, oldest first. */
export class FloatingLayer {
  #nodes: HTMLElement[] = [];

  /** Floating emojis in the DOM now. */
  get size(): number {
    return this.#nodes.length;
  }

  /**
   * Adds up to `howMany` floating `emoji`s to `overlay`, never more than `max` nodes in all. At
   * the cap new ones are skipped (the overlay is as busy as it gets, and the ones in flight finish
   * their rise), unless `evict`: then the oldest make way (for the user's own click).
   */
  spawn(overlay: HTMLElement, emoji: string, howMany: number, max: number, evict = false): void {
    const { spreadMs, durationMs, durationJitterMs, driftPx, edgePct } = FLOATING_DEFAULTS;
    for (let i = 0; i < howMany; i++) {
      const excess = evict ? this.#nodes.length - max + 1 : 0;
      for (const node of this.#nodes.slice(0, Math.max(0, excess))) this.#remove(node);
      if (this.#nodes.length >= max) return;
      const node = document.createElement('span');
      node.className = 'float';
      node.setAttribute('part', 'floating');
      node.textContent = emoji;
      const x = edgePct + Math.random() * (100 - 2 * edgePct);
      node.style.setProperty('--x', `${x.toFixed(1)}%`);
      node.style.setProperty('--drift', `${((Math.random() * 2 - 1) * driftPx).toFixed(0)}px`);
      node.style.setProperty('--delay', `${i === 0 ? 0 : Math.round(Math.random() * spreadMs)}ms`);
      node.style.setProperty(
        '--duration',
        `${durationMs + Math.round(Math.random() * durationJitterMs)}ms`,
      );
      const done = () => this.#remove(node);
      node.addEventListener('animationend', done, { once: true });
      node.addEventListener('animationcancel', done, { once: true });
      overlay.append(node);
      this.#nodes.push(node);
    }
  }

  /** Removes every floating emoji. */
  clear(): void {
    for (const node of this.#nodes) node.remove();
    this.#nodes = [];
  }

  #remove(node: HTMLElement): void {
    node.remove();
    const index = this.#nodes.indexOf(node);
    if (index >= 0) this.#nodes.splice(index, 1);
  }
}
