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
