/**
 * Throttled, not debounced: what changes often (tallies, votes, reactions, presence) goes out at
 * most once per interval, and the first change after a quiet spell goes out at once.
 */
import type { ChannelHandle } from './feature.js';

export class Throttle {
  #timer: NodeJS.Timeout | null = null;
  #lastRunAt = 0;

  constructor(
    private handle: Pick<ChannelHandle, 'later'>,
    private intervalMs: number,
    private action: () => void,
  ) {}

  /** True while a run waits for its turn. */
  get waiting(): boolean {
    return this.#timer !== null;
  }

  /** Runs the action once the interval since the last run is over (at once if it is). */
  schedule(): void {
    if (this.#timer) return;
    this.#timer = this.handle.later(() => this.#due(), this.#left());
  }

  /**
   * A timer may fire a few ms early by `Date.now()` (Node counts from the event loop's cached
   * clock): it is armed again for what is left, so runs, and the `ts` of the events they emit,
   * are never closer than the interval.
   */
  #due(): void {
    const left = this.#left();
    if (left > 0) this.#timer = this.handle.later(() => this.#due(), left);
    else this.run();
  }

  #left(): number {
    return Math.max(0, this.#lastRunAt + this.intervalMs - Date.now());
  }

  /** Runs the action now; a run that was waiting is dropped. */
  run(): void {
    this.cancel();
    try {
      this.action();
    } finally {
      // Taken after the action, so it is never before the `ts` of the events the action made.
      this.#lastRunAt = Date.now();
    }
  }

  /** Drops a run that was waiting. */
  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
