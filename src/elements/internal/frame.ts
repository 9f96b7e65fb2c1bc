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

/** `scheduler.postTask` (Chromium, Firefox), not yet in TypeScript's DOM types. */
type TaskScheduler = {
  postTask(task: () => void, options: { priority: 'user-blocking' }): Promise<void>;
};

/**
 * Resolves at the first task after the current one. Called from an animation-frame callback,
 * that is once the frame is done: the browser styles, lays out and paints in the task that runs
 * the callbacks, and a task posted meanwhile waits for the next one. Posted as `user-blocking`
 * where the browser can: ahead of the socket's backlog of messages, which are no part of the
 * frame.
 */
export function afterFrame(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (scheduler?.postTask) return scheduler.postTask(() => {}, { priority: 'user-blocking' });
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const done = () => {
      channel.port1.close();
      resolve();
    };
    channel.port1.addEventListener('message', done, { once: true });
    channel.port1.start();
    channel.port2.postMessage(undefined);
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
 * A render's cost is its frame's: the script that builds the DOM and what the browser does with
 * it before the frame paints (style, layout, paint), which on a slow device is most of it.
 */
export class FramePacer {
  #lastEnd = -Infinity;
  #lastCost = 0;

  /** Whether a render not urgent may run now. */
  get due(): boolean {
    return performance.now() - this.#lastEnd >= this.#lastCost * PACER_DEFAULTS.costRatio;
  }

  /** Resolves when the next render may run. */
  async next(urgent: () => boolean): Promise<void> {
    await nextFrame();
    while (!urgent() && !this.due) await nextFrame();
  }

  /** Runs one render and remembers what it cost, its frame's style, layout and paint included. */
  async run(render: () => unknown): Promise<void> {
    const start = performance.now();
    try {
      await render();
    } finally {
      // The script's share first: a render asked for before the frame is done sees at least it.
      this.#measure(start);
      void afterFrame().then(() => this.#measure(start));
    }
  }

  #measure(start: number): void {
    this.#lastEnd = performance.now();
    this.#lastCost = this.#lastEnd - start;
  }
}
