/**
 * Relays whose timers a test waits on: a throttle that holds events past a stop
 * (`throttledRelays`), and channels unloaded once idle (`idleRelay`).
 */
import { freshRelays, withRelay } from './fresh-relay.js';
import { health } from './probes.js';
import type { Frame } from './raw-client.js';

/** How long the relays of `throttledRelays` hold a throttled event: well past a stop. */
export const THROTTLE_HOLD_MS = 1_000;

/**
 * A throttled event across a stop: a relay of its own per test whose throttle
 * (`--tally-interval-ms`) holds events for `THROTTLE_HOLD_MS`, with a watcher subscribed to `ch`.
 * `stopThenResume` stops it with `signal` at once, restarts it on the same data, and resumes a
 * reader from `first`, the last event the watcher got before the stop.
 */
export function throttledRelays(ch: string) {
  const start = freshRelays();
  return async function startThrottled() {
    const { relay, join } = await start({
      args: ['--tally-interval-ms', String(THROTTLE_HOLD_MS)],
    });
    const watcher = await join('watcher');
    const ok = await watcher.sub(ch);
    /** `eventsNow` counts the watcher's events of the kind held back, read as the stop begins. */
    async function stopThenResume(signal: NodeJS.Signals, eventsNow: () => number, first: Frame) {
      const stopped = relay.stop(signal);
      const eventsAtStop = eventsNow();
      const exitCode = await stopped;
      await relay.restart();
      const reader = await join('reader');
      const resumed = await reader.sub(ch, { epoch: ok.epoch, seq: first.seq });
      return { exitCode, eventsAtStop, reader, resumed };
    }
    return { relay, join, watcher, ok, stopThenResume };
  };
}

/** How long a channel nobody uses stays loaded on the relays of `idleRelay`. */
export const IDLE_MS = 300;

/**
 * One relay for the describe block that unloads a channel idle for `IDLE_MS` (with `args`
 * besides); `loaded` says how many channels it holds now.
 */
export function idleRelay(args: string[]) {
  const fixture = withRelay({ args: ['--channel-idle-ms', String(IDLE_MS), ...args] });
  return { ...fixture, loaded: async () => (await health(fixture.relay)).channels };
}
