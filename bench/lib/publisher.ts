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

export interface PublisherOptions {
  /** Every node of a cluster (`url` among them): with `roam`, the publisher moves on when its node goes. */
  urls?: string[];
  roam?: boolean;
  /**
   * Other nodes on which the publisher's messages must come back too before more are sent (the
   * throughput of a cluster is held to its slowest node, not to the publisher's own).
   */
  echoUrls?: string[];
}

export class Publisher {
  sent = 0;
  /** Own messages that came back: the publisher is a subscriber too (flow control). */
  echoed = 0;
  #conn: BenchConn;
  #probes: { conn: BenchConn; echoed: number }[] = [];

  constructor(kind: TargetKind, url: string, options: PublisherOptions = {}) {
    const token = signToken(SECRET, {
      sub: 'publisher',
      name: 'Publisher',
      role: 'host',
      rooms: ['*'],
    });
    this.#conn = createConn(kind, {
      url,
      urls: options.urls,
      roam: options.roam,
      token,
      channels: ['bench/chat'],
      onText: () => this.echoed++,
    });
    for (const echoUrl of options.echoUrls ?? []) {
      const probe = { conn: null as unknown as BenchConn, echoed: 0 };
      probe.conn = createConn(kind, {
        url: echoUrl,
        token: signToken(SECRET, { sub: 'probe', name: 'Probe', role: 'audience', rooms: ['*'] }),
        channels: ['bench/chat'],
        onText: () => probe.echoed++,
      });
      this.#probes.push(probe);
    }
  }

  async open(): Promise<void> {
    await this.#conn.open();
    for (const probe of this.#probes) await probe.conn.open();
  }

  /** Messages that came back on every node watched. */
  get echoedEverywhere(): number {
    return Math.min(this.echoed, ...this.#probes.map((p) => p.echoed));
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

  /** Publishes `rate` messages a second until `done()` says so. */
  async untilDone(rate: number, done: () => boolean): Promise<void> {
    const start = performance.now();
    for (let i = 0; !done(); i++) {
      const wait = start + (i * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
      this.publishOne();
    }
  }

  /** Ops not answered yet (relay only; 0 for the peers, which have no acks). */
  get unanswered(): number {
    return (this.#conn as { unanswered?: number }).unanswered ?? 0;
  }

  /** Publishes as fast as its own messages come back, at most `window` in flight. */
  async asFastAsAllowed(seconds: number, window: number): Promise<void> {
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) {
      while (this.sent - this.echoedEverywhere < window) this.publishOne();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  close(): void {
    this.#conn.close();
    for (const probe of this.#probes) probe.conn.close();
  }
}
