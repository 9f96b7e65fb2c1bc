/**
 * The client's own heartbeat. The relay pings only after 25 s of silence and the protocol's
 * watchdog waits twice that, so a socket that died without a close (Wi-Fi gone, a laptop lid, a
 * relay frozen) would look open for up to 50 s. With a relay that answers probes (`welcome.probe`),
 * the client asks `ping {id}` whenever it has heard nothing for `idleMs`, and at once when the
 * network or the page's visibility changes; if no frame at all arrives within `timeoutMs`, the
 * socket is dead. Any frame counts as an answer: a busy relay is alive.
 */
import type { ProbeFrame } from '../protocol/index.js';
import { PROBE_DEFAULTS } from './probe-defaults.js';

export { PROBE_DEFAULTS };

export interface ProbeOptions {
  idleMs?: number;
  timeoutMs?: number;
  /** Sends a probe frame on the socket. */
  send(frame: ProbeFrame): void;
  /** No frame came in time: drop the socket. */
  dead(): void;
}

/** Probes one welcomed socket; made when the relay says it answers probes, stopped with it. */
export class Prober {
  readonly #idleMs: number;
  readonly #timeoutMs: number;
  readonly #options: ProbeOptions;
  #lastReceivedAt = Date.now();
  /** When the unanswered probe left, or 0 when none is out. */
  #sentAt = 0;
  #lastCheckAt = Date.now();
  #nextId = 1;
  #timer: ReturnType<typeof setInterval> | undefined;
  #unwatch: (() => void) | undefined;

  constructor(options: ProbeOptions) {
    this.#options = options;
    this.#idleMs = options.idleMs ?? PROBE_DEFAULTS.idleMs;
    this.#timeoutMs = options.timeoutMs ?? PROBE_DEFAULTS.timeoutMs;
    const every = Math.min(PROBE_DEFAULTS.checkEveryMs, this.#idleMs / 2, this.#timeoutMs / 2);
    this.#timer = setInterval(() => this.#check(), Math.max(50, every));
    this.#unwatch = watchVisibility(() => this.probe());
  }

  /** A frame arrived: the socket is alive. */
  received(now = Date.now()): void {
    this.#lastReceivedAt = now;
    this.#sentAt = 0;
  }

  /** Asks now (unless a probe is already out): the network or the page changed. */
  probe(): void {
    if (this.#timer === undefined || this.#sentAt !== 0) return;
    this.#sentAt = Date.now();
    try {
      this.#options.send({ t: 'ping', id: `p${this.#nextId++}` });
    } catch {
      // A socket that cannot even send is dead: the deadline says so.
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  #check(): void {
    const now = Date.now();
    const late = now - this.#lastCheckAt;
    this.#lastCheckAt = now;
    const period = Math.min(PROBE_DEFAULTS.checkEveryMs, this.#idleMs / 2, this.#timeoutMs / 2);
    if (late > period * PROBE_DEFAULTS.stalledAfterChecks) {
      // The page was stalled: frames may be waiting behind this very task. Ask afresh.
      this.#sentAt = 0;
      this.probe();
      return;
    }
    if (this.#sentAt !== 0) {
      if (now - this.#sentAt >= this.#timeoutMs) {
        this.stop();
        this.#options.dead();
      }
    } else if (now - this.#lastReceivedAt >= this.#idleMs) {
      this.probe();
    }
  }
}

/** Calls `visible` when the page becomes visible again, where there is a document. */
function watchVisibility(visible: () => void): () => void {
  const doc = (globalThis as { document?: Document }).document;
  if (!doc || typeof doc.addEventListener !== 'function') return () => {};
  const listener = () => {
    if (doc.visibilityState === 'visible') visible();
  };
  doc.addEventListener('visibilitychange', listener);
  return () => doc.removeEventListener('visibilitychange', listener);
}
