/**
 * Control over a Connection's randomness, for tests of where it connects and when. A Connection
 * takes Math.random when it is made: RelayRound draws the first relay from it at once, and
 * Backoff keeps it for every later delay. So a connection made inside `madeWithDraws` starts where
 * the test says and draws every backoff delay at its ceiling (minBackoffMs × 2ⁿ, up to the cap).
 */
import { relayUrls } from '../../src/connection/relays.js';

const ALMOST_ONE = 0.999_999;

/** Runs `make` with Math.random answering `first`, then always ~1 (also after `make` returns). */
export function madeWithDraws<T>(first: number[], make: () => T): T {
  const draws = [...first];
  const random = Math.random;
  Math.random = () => draws.shift() ?? ALMOST_ONE;
  try {
    return make();
  } finally {
    Math.random = random;
  }
}

/** The draw that makes a connection to the relay list `server` start on `start`. */
export function drawFor(server: string, start: string): number {
  const urls = relayUrls(server);
  const index = urls.indexOf(start);
  if (index < 0) throw new Error(`${start} is not in ${server}`);
  return (index + 0.5) / urls.length;
}
