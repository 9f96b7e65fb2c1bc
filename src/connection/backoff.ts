/** Reconnect delays: exponential growth with full jitter. */

export interface BackoffOptions {
  /** Base of the exponential; the first delay is drawn from [0, minMs]. */
  minMs: number;
  /** Cap of every delay. */
  maxMs: number;
  /** Source of randomness in [0, 1); `Math.random` by default. */
  random?: () => number;
}

/**
 * Delay before reconnect attempt n (0-based): a uniform draw from [0, min(maxMs, minMs × 2ⁿ)]
 * ("full jitter"), so that thousands of clients dropped by one relay restart come back spread
 * out instead of in one wave.
 */
export class Backoff {
  #attempt = 0;
  readonly #minMs: number;
  readonly #maxMs: number;
  readonly #random: () => number;

  constructor(options: BackoffOptions) {
    this.#minMs = options.minMs;
    this.#maxMs = Math.max(options.minMs, options.maxMs);
    this.#random = options.random ?? Math.random;
  }

  /** Attempts made since the last `reset()`. */
  get attempt(): number {
    return this.#attempt;
  }

  /** The delay before the next attempt; each call grows the ceiling. */
  next(): number {
    const ceiling = Math.min(this.#maxMs, this.#minMs * 2 ** this.#attempt);
    this.#attempt++;
    return Math.round(this.#random() * ceiling);
  }

  /**
   * The delay after the relay said we reconnect too eagerly (close 4429): drawn from
   * [maxMs / 2, maxMs], and later `next()` calls start at the cap.
   */
  penalty(): number {
    this.#attempt = Math.max(this.#attempt, Math.ceil(Math.log2(this.#maxMs / this.#minMs)) + 1);
    return Math.round(this.#maxMs / 2 + (this.#random() * this.#maxMs) / 2);
  }

  /** Back to the shortest delays, once a connection proved stable. */
  reset(): void {
    this.#attempt = 0;
  }
}
