/**
 * The relay's structured log (pino, JSON lines on stderr; the start-up banner stays plain text on
 * stdout). Faults that a hostile or broken client can repeat are reported through `fault`, which
 * logs each kind once per minute with a count of the ones it held back, so a flood of bad input
 * can never become a flood of log lines.
 */
import { pino } from 'pino';
import { BoundedMap } from './bounded.js';

export const log = pino(
  { name: 'hubbub-relay', level: process.env.HUBBUB_LOG_LEVEL ?? 'info' },
  pino.destination({ dest: 2, sync: true }),
);

/** How long repeats of one fault kind are held back after it was logged. */
const FAULT_QUIET_MS = 60_000;

const faults = new BoundedMap<string, { loggedAt: number; held: number }>(1_000);

/**
 * Logs an unexpected error of `where` (a flush, a timer, a writer action...), once per kind per
 * minute. The kind is `where` and the error's message, so one bug is one line, not one per frame.
 */
export function fault(where: string, error: unknown, now = Date.now()): void {
  const message = error instanceof Error ? error.message : String(error);
  const repeats = due(`${where}\u0000${message}`, now);
  if (repeats !== null) log.error({ err: error, where, repeats }, `${where} failed`);
}

/**
 * Logs a connection or a token the relay refused (`why`: `bad token`, `origin not allowed`,
 * `room not granted`…), at `warn`, once per reason per minute with a count of the ones held back:
 * operators see why viewers are turned away, a client retrying in a loop does not flood the log.
 */
export function logRefusal(
  why: string,
  detail: Record<string, unknown> = {},
  now = Date.now(),
): void {
  const repeats = due(`refused\u0000${why}`, now);
  if (repeats !== null) log.warn({ ...detail, why, repeats }, `refused: ${why}`);
}

/** Whether a line of this kind may be logged now: the count held back since, or null. */
function due(kind: string, now: number): number | null {
  const seen = faults.get(kind);
  if (seen && now - seen.loggedAt < FAULT_QUIET_MS) {
    seen.held++;
    return null;
  }
  faults.set(kind, { loggedAt: now, held: 0 });
  return seen?.held ?? 0;
}

/** Runs `fn`; an exception is reported as a fault of `where` and goes no further. */
export function guard(where: string, fn: () => void): void {
  try {
    fn();
  } catch (error) {
    fault(where, error);
  }
}
