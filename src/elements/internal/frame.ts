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

/** A long animation frame's rendering: from its animation-frame callbacks to its paint. */
interface FrameRendering {
  start: number;
  end: number;
}

/**
 * The rendering of the latest long animation frames (over 50 ms), as the browser accounts for
 * them (`long-animation-frame` entries, Chromium): what a render's script started costs in
 * style, layout and paint is known only there. Timing it from the page instead (a task posted
 * after the frame) would count the socket's backlog of messages queued before that task.
 */
const longFrames: FrameRendering[] = [];
let watchingFrames = false;

function watchLongFrames(): void {
  if (watchingFrames) return;
  watchingFrames = true;
  if (!PerformanceObserver.supportedEntryTypes?.includes('long-animation-frame')) return;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { renderStart: number })[]) {
      // A frame of tasks that rendered nothing has no rendering.
      if (entry.renderStart > 0) {
        longFrames.push({ start: entry.renderStart, end: entry.startTime + entry.duration });
      }
    }
    longFrames.splice(0, longFrames.length - PACER_DEFAULTS.framesKept);
  }).observe({ type: 'long-animation-frame' });
}

/** Defaults of {@link FramePacer}, in one place. */
export const PACER_DEFAULTS = {
  /** A render that cost c ms is followed by the next relay-driven one no sooner than 4c ms. */
  costRatio: 4,
  /** Long animation frames remembered, to find the one of the last render. */
  framesKept: 8,
} as const;

/**
 * Paces a widget's renders by what they cost. Renders driven by the relay (messages, votes, joins)
 * come at most once per frame and, when a render is expensive (a slow device), no sooner than
 * `costRatio` times its cost after the last one: rendering then takes at most about a fifth of
 * the main thread, and the rest stays free for the viewer's keys and clicks. A render the viewer
 * asked for (`urgent`: a key, a click) waits for the next frame only.
 *
 * A render's cost is its frame's: the script that builds the DOM and what the browser does with
 * it before the frame paints (style, layout, paint), which on a slow device is most of it. The
 * browser tells that of long frames only (over 50 ms, where `long-animation-frame` is known); of
 * a shorter frame, the script alone counts.
 */
export class FramePacer {
  /** When the next render not urgent may run (`performance.now()` time). */
  #dueAt = -Infinity;
  /** Starts of the latest renders whose long frame, if any, the browser has not told yet. */
  #starts: number[] = [];

  constructor() {
    watchLongFrames();
  }

  /** Whether a render not urgent may run now. */
  get due(): boolean {
    this.#frameCosts();
    return performance.now() >= this.#dueAt;
  }

  /** Resolves when the next render may run. */
  async next(urgent: () => boolean): Promise<void> {
    await nextFrame();
    while (!urgent() && !this.due) await nextFrame();
  }

  /**
   * Runs one render and remembers what it cost (its script; its frame's once known). A cheap
   * render (a key) does not bring the next one closer than an expensive one before it did.
   */
  async run(render: () => unknown): Promise<void> {
    const start = performance.now();
    try {
      await render();
    } finally {
      this.#cost(start, performance.now());
      this.#starts = [...this.#starts.slice(1 - PACER_DEFAULTS.framesKept), start];
    }
  }

  #cost(start: number, end: number): void {
    this.#dueAt = Math.max(this.#dueAt, end + (end - start) * PACER_DEFAULTS.costRatio);
  }

  /** A render whose frame was a long one cost that frame's rendering. */
  #frameCosts(): void {
    this.#starts = this.#starts.filter((start) => {
      const frame = longFrames.find((long) => long.start <= start && start <= long.end);
      if (frame) this.#cost(frame.start, frame.end);
      return !frame;
    });
  }
}
