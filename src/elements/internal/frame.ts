/**
 * Rendering at most once per animation frame. Lit batches the changes made in one task into one
 * update, but every WebSocket message is a task of its own: under a burst a widget would render
 * (and lay out) once per event, many times per frame on a fast device and far more often than a
 * slow one can paint. An element that overrides `scheduleUpdate` with {@link nextFrame} renders
 * every change of a frame together, just before that frame paints.
 */

/** Defaults of the frame scheduling, in one place. */
export const FRAME_DEFAULTS = {
  /**
   * A hidden tab runs no animation frames: the update happens after this long instead (browsers
   * slow timers of hidden tabs to about once a second, which is then the render rate).
   */
  fallbackMs: 250,
} as const;

/** Resolves at the next animation frame (or after `fallbackMs`, whichever comes first). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      cancelAnimationFrame(frame);
      resolve();
    };
    const timer = setTimeout(done, FRAME_DEFAULTS.fallbackMs);
    const frame = requestAnimationFrame(done);
  });
}

/** Defaults of {@link FramePacer}, in one place. */
export const PACER_DEFAULTS = {
  /** A render that cost c ms is followed by the next relay-driven one no sooner than 4c ms. */
  costRatio: 4,
} as const;

/**
 * Paces a widget's renders by what they cost. Renders driven by the relay (messages, votes, joins)
 * come at most once per frame and, when a render is expensive (a slow device), no sooner than
 * `costRatio` times its cost after the last one: rendering then takes at most about a fifth of
 * the main thread, and the rest stays free for the viewer's keys and clicks. A render the viewer
 * asked for (`urgent`: a key, a click) waits for the next frame only.
 *
 * A render's cost is its script's. Its frame's style, layout and paint are not counted: they grow
 * with the rows a render adds, which grow with the wait, so waits measured by them would grow
 * render after render (seen at 6× CPU and 50 messages/s: lag p95 over 2 s, input p95 worse).
 */
export class FramePacer {
  /** When the next render not urgent may run (`performance.now()` time). */
  #dueAt = -Infinity;

  /** Whether a render not urgent may run now. */
  get due(): boolean {
    return performance.now() >= this.#dueAt;
  }

  /** Resolves when the next render may run. */
  async next(urgent: () => boolean): Promise<void> {
    await nextFrame();
    while (!urgent() && !this.due) await nextFrame();
  }

  /**
   * Runs one render and remembers what it cost. A cheap render (a key) does not bring the next
   * one closer than an expensive one before it did.
   */
  async run(render: () => unknown): Promise<void> {
    const start = performance.now();
    try {
      await render();
    } finally {
      const end = performance.now();
      this.#dueAt = Math.max(this.#dueAt, end + (end - start) * PACER_DEFAULTS.costRatio);
    }
  }
}
