/**
 * Housekeeping that must never stall the event loop: long walks are cut into slices of a few
 * milliseconds with a turn of the loop between them, so sockets are served while a sweep runs.
 */

/** Longest a slice of a sweep runs before it lets the loop turn. */
export const SWEEP_SLICE_MS = 5;

export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Calls `visit` for every item, yielding to the event loop every `sliceMs`. */
export async function sliced<T>(
  items: Iterable<T>,
  visit: (item: T) => void,
  sliceMs = SWEEP_SLICE_MS,
): Promise<void> {
  let sliceStart = performance.now();
  let n = 0;
  for (const item of items) {
    visit(item);
    // Reading the clock costs little, but not nothing: look every 64 items.
    if ((++n & 63) === 0 && performance.now() - sliceStart > sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
