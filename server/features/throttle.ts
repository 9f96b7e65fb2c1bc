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
    const wait = Math.max(0, this.#lastRunAt + this.intervalMs - Date.now());
    this.#timer = this.handle.later(() => this.run(), wait);
  }

  /** Runs the action now; a run that was waiting is dropped. */
  run(): void {
    this.cancel();
    this.#lastRunAt = Date.now();
    this.action();
  }

  /** Drops a run that was waiting. */
  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
