/**
 * The one publisher of the chat-stream scenarios, in the coordinator's process. Messages are
 * numbered from 1 and carry the monotonic time they were sent: `"<n> <µs> <padding>"`, about
 * 100 bytes, the size of a chat line.
 */
import { signToken } from '../../server/auth.js';
import { createConn, type BenchConn, type TargetKind } from './clients.js';
import { nowUs, sleep } from './clock.js';
import { SECRET } from './servers.js';

const PADDING = 'x'.repeat(80);

export class Publisher {
  sent = 0;
  /** Own messages that came back: the publisher is a subscriber too (flow control). */
  echoed = 0;
  #conn: BenchConn;

  constructor(kind: TargetKind, url: string) {
    this.#conn = createConn(kind, {
      url,
      token: signToken(SECRET, { sub: 'publisher', name: 'Publisher', role: 'host', rooms: ['*'] }),
      channels: ['bench/chat'],
      onText: () => this.echoed++,
    });
  }

  open(): Promise<void> {
    return this.#conn.open();
  }

  publishOne(): void {
    this.#conn.publish(`${++this.sent} ${nowUs()} ${PADDING}`);
  }

  /** Publishes `rate` messages a second for `seconds`, on schedule (no drift). */
  async atRate(rate: number, seconds: number, onTick?: (elapsedMs: number) => void): Promise<void> {
    const start = performance.now();
    const total = Math.round(rate * seconds);
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      this.publishOne();
      onTick?.(performance.now() - start);
    }
  }

  /** Publishes as fast as its own messages come back, at most `window` in flight. */
  async asFastAsAllowed(seconds: number, window: number): Promise<void> {
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) {
      while (this.sent - this.echoed < window) this.publishOne();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  close(): void {
    this.#conn.close();
  }
}
