/** Small polling helpers for tests against real processes. */
import type { ReadableAtom } from 'nanostores';

export async function waitFor(
  check: () => boolean,
  timeoutMs = 5_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves when the atom holds a value that passes `check`. */
export function until<T>(
  $atom: ReadableAtom<T>,
  check: (value: T) => boolean,
  timeoutMs = 5_000,
): Promise<T> {
  return waitFor(
    () => check($atom.get()),
    timeoutMs,
    `store value (now ${JSON.stringify($atom.get())})`,
  ).then(() => $atom.get());
}

/** Every value the atom takes from now on. */
export function record<T>($atom: ReadableAtom<T>): T[] {
  const values: T[] = [$atom.get()];
  $atom.listen((value) => void values.push(value as T));
  return values;
}
