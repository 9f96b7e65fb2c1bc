/**
 * One WebSocket as the relay sees it: who it is, what it subscribed, and its outgoing queue.
 * Frames queued in one tick leave as batches (JSON arrays) of bounded size; what one socket may
 * have waiting (queued here plus unsent in its TCP stream) is bounded before anything is added,
 * and a socket that cannot keep up is closed as a slow consumer instead of buffering without
 * bound. Frames it sends are handled one after another, and it stops being read while too many
 * wait, so a client that floods cannot make the relay buffer for it either.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { CloseCode, type ErrorCode, type RelayFrame, type User } from '../src/protocol/index.js';
import type { Identity } from './auth.js';
import type { Channel } from './channels/channel.js';
import { OpError } from './errors.js';
import type { RateLimiter } from './limits.js';
import { fault, guard } from './log.js';
import { tally } from './metrics.js';
import type { Conn } from './rooms.js';
import type { Sessions } from './sessions.js';

export const CLIENT_DEFAULTS = {
  /** Time a socket closed as slow consumer gets to take its close frame before it is cut. */
  closeGraceMs: 1_000,
  /** Largest batch written as one WebSocket message, in UTF-16 code units of JSON. */
  batchMaxChars: 64 * 1024,
  /** Frames received and waiting to be handled, beyond which the socket is no longer read. */
  tasksHigh: 64,
  /** ...and below which it is read again. */
  tasksLow: 16,
  /** Most one socket may have queued in one tick, in slow-consumer budgets. */
  tickBudgets: 4,
};

const dirty = new Set<Client>();
let flushScheduled = false;

/**
 * Messages built this tick, keyed by the exact sequence of frame strings. A broadcast queues the
 * same string objects on every subscriber, so their batch is encoded to UTF-8 and framed as one
 * WebSocket text message once, and that one Buffer is written to every socket.
 */
class FrameCache {
  #root: CacheNode = { next: new Map() };

  get(frames: string[], from: number, to: number): Buffer {
    let node = this.#root;
    for (let i = from; i < to; i++) {
      let child = node.next.get(frames[i]);
      if (!child) node.next.set(frames[i], (child = { next: new Map() }));
      node = child;
    }
    return (node.frame ??= textFrame(
      to - from === 1 ? frames[from] : `[${frames.slice(from, to).join(',')}]`,
    ));
  }
}

interface CacheNode {
  frame?: Buffer;
  next: Map<string, CacheNode>;
}

/** One unmasked text message (RFC 6455 §5.2): FIN + opcode 1, the length, the UTF-8 payload. */
function textFrame(text: string): Buffer {
  const length = Buffer.byteLength(text);
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81;
  if (header === 2) {
    frame[1] = length;
  } else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.write(text, header, 'utf8');
  return frame;
}

function flushAll(): void {
  flushScheduled = false;
  const cache = new FrameCache();
  const clients = [...dirty];
  dirty.clear();
  for (const client of clients) {
    try {
      client.flush(cache);
    } catch (error) {
      // One socket's fault stays with that socket.
      fault('flush', error);
      client.socket.terminate();
    }
  }
}

let nextKey = 0;

export class Client implements Conn {
  /** Unique on this relay; with the relay's id, in the cluster. */
  readonly key = `c${++nextKey}`;
  identity: Identity | null = null;
  session: string | null = null;
  readonly subscriptions = new Map<string, Channel>();
  /** Presence channels this socket entered (whichever relay decides for them). */
  readonly presence = new Set<string>();
  /** Every channel this socket touched (sub, op, presence), for the per-connection cap. */
  readonly touched = new Set<string>();
  readonly connectedAt = Date.now();
  /**
   * On a cluster with `maxConnectionsPerIp`: whether the address's sockets on every relay leave
   * room for this one, asked as it opened; `hello` waits for it.
   */
  admitted: Promise<boolean> | null = null;
  /** A keyed hash of the client's address, set at `hello`: what bans of an address store. */
  address = '';
  lastReceivedAt = Date.now();
  lastSentAt = Date.now();
  /** When the relay last sent a ping that is not yet answered by anything. */
  pingedAt = 0;
  opLimiter: RateLimiter | null = null;
  subLimiter: RateLimiter | null = null;
  /** KiB of frames refused unread, `auth` and `pong` (see `RateLimitSettings.refusedKib`). */
  refusedLimiter: RateLimiter | null = null;
  /** A limiter attempted this many times its limit within a window closes the socket. */
  floodFactor = Infinity;
  #outgoing: string[] = [];
  /** JSON characters queued and not yet written (a lower bound of their UTF-8 bytes). */
  #queuedChars = 0;
  #closing = false;
  #tasks: (() => void | Promise<void>)[] = [];
  #running = false;
  #paused = false;
  #waiters: (() => void)[] = [];
  readonly #lowWater: number;

  constructor(
    readonly socket: WebSocket,
    /** The TCP stream under the WebSocket (the upgrade request's socket). */
    readonly tcp: Duplex,
    readonly ip: string,
    private maxBufferedBytes: number,
  ) {
    this.#lowWater = Math.max(16 * 1024, Math.floor(maxBufferedBytes / 4));
    tcp.on('drain', () => this.#wake());
  }

  /**
   * Runs the frame handlers of this socket one after another, in the order received; a handler
   * that waits (for a channel to load, say) holds back the ones after it, and while too many
   * wait the socket is not read.
   */
  run(task: () => void | Promise<void>): void {
    this.#tasks.push(task);
    if (!this.#paused && this.#tasks.length >= CLIENT_DEFAULTS.tasksHigh) {
      this.#paused = true;
      this.socket.pause();
    }
    if (!this.#running) void this.#drain();
  }

  async #drain(): Promise<void> {
    this.#running = true;
    let task;
    while ((task = this.#tasks.shift())) {
      try {
        const pending = task();
        if (pending) await pending;
      } catch (error) {
        fault('frame handler', error);
      }
      if (this.#paused && this.#tasks.length <= CLIENT_DEFAULTS.tasksLow) {
        this.#paused = false;
        this.socket.resume();
      }
    }
    // A drained queue keeps its grown backing store; an idle connection need not.
    this.#tasks = [];
    this.#running = false;
  }

  get user(): User {
    return this.identity!.user;
  }

  get open(): boolean {
    return !this.#closing && this.socket.readyState === this.socket.OPEN;
  }

  /** Bytes waiting for this socket: queued here and unsent in its TCP stream. */
  get pending(): number {
    return this.#queuedChars + this.tcp.writableLength;
  }

  /** Whether more may be queued now without nearing the slow-consumer budget. */
  get writable(): boolean {
    return this.open && this.pending < this.#lowWater;
  }

  /** Calls `callback` once the socket is writable again, or once it is closed. */
  whenWritable(callback: () => void): void {
    this.#waiters.push(callback);
    if (this.writable || !this.open) queueMicrotask(() => this.#wake());
  }

  /** Resolves when the socket is writable (at once if it is), or when it closes. */
  drained(): Promise<void> {
    if (this.writable || !this.open) return Promise.resolve();
    return new Promise((resolve) => this.whenWritable(resolve));
  }

  enqueue(json: string): void {
    if (this.#closing) return;
    // Checked before anything is added: a socket whose unsent data is over the budget is a slow
    // consumer, and no one tick may queue more than a few budgets for one socket (replays are
    // pumped as it drains, so only a bug or an attack could come near that).
    if (
      this.tcp.writableLength > this.maxBufferedBytes ||
      this.#queuedChars + json.length > CLIENT_DEFAULTS.tickBudgets * this.maxBufferedBytes
    ) {
      tally.slowConsumerCloses++;
      this.close(CloseCode.slowConsumer, 'slow consumer');
      return;
    }
    this.#outgoing.push(json);
    this.#queuedChars += json.length;
    tally.deliveries++;
    dirty.add(this);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flushAll);
    }
  }

  send(frame: RelayFrame): void {
    this.enqueue(JSON.stringify(frame));
  }

  error(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): void {
    this.send({ t: 'err', ...extra, code, message });
  }

  /** Takes an op token; a refusal when there is none (and 4429 when far past the limit). */
  takeOp(id?: string | number): OpError | null {
    return this.#take(this.opLimiter, 'op', id);
  }

  /** Takes a sub/unsub token; a refusal when there is none (and 4429 when far past it). */
  takeSub(): OpError | null {
    return this.#take(this.subLimiter, 'sub');
  }

  /** Charges a frame of `bytes` refused unread (or an `auth`, a `pong`) to its own limit. */
  takeRefused(bytes: number, id?: string | number): OpError | null {
    return this.#take(this.refusedLimiter, 'refused', id, bytes / 1024);
  }

  #take(limiter: RateLimiter | null, what: string, id?: string | number, cost = 1): OpError | null {
    if (!limiter) return null;
    const wait = limiter.take(Date.now(), cost);
    if (wait === 0) return null;
    if (limiter.attempts >= limiter.limit * this.floodFactor) {
      this.error('rate_limited', `too many ${what} frames; closing`, {
        ...(id === undefined ? {} : { id }),
        retryAfterMs: wait,
      });
      this.close(CloseCode.rateLimited, 'rate limited');
    }
    return new OpError('rate_limited', `too many ${what} frames`, { retryAfterMs: wait });
  }

  /** Records a presence enter (with its data) or leave, here and in the session. */
  entered(
    ch: string,
    entered: boolean,
    data: Record<string, unknown> | undefined,
    sessions: Sessions,
  ): void {
    if (entered) this.presence.add(ch);
    else this.presence.delete(ch);
    if (this.session) sessions.membership(this.session, ch, entered, data);
  }

  /** A subscription this socket could not be kept on (it fell behind its replay): it resumes. */
  lagged(): void {
    this.close(CloseCode.slowConsumer, 'fell behind');
  }

  flush(cache = new FrameCache()): void {
    const frames = this.#outgoing;
    if (frames.length === 0) return;
    this.#outgoing = [];
    this.#queuedChars = 0;
    if (!this.open) return;
    // Written to the TCP socket under the WebSocket: ws frames everything it sends itself
    // synchronously (no compression is negotiated), so messages cannot interleave, and
    // `bufferedAmount` still counts what waits in the socket.
    let start = 0;
    let chars = 0;
    for (let i = 0; i < frames.length; i++) {
      chars += frames[i].length + 1;
      if (chars >= CLIENT_DEFAULTS.batchMaxChars || i === frames.length - 1) {
        this.tcp.write(cache.get(frames, start, i + 1));
        start = i + 1;
        chars = 0;
      }
    }
    this.lastSentAt = Date.now();
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      tally.slowConsumerCloses++;
      this.close(CloseCode.slowConsumer, 'slow consumer');
    } else {
      this.#wake();
    }
  }

  /** Sends what is queued, then closes; cuts the socket if the close handshake stalls. */
  close(code: number, reason: string): void {
    if (this.#closing) return;
    try {
      this.flush();
    } catch (error) {
      fault('flush', error);
    }
    this.#closing = true;
    this.#outgoing = [];
    this.#queuedChars = 0;
    this.socket.close(code, reason);
    setTimeout(() => this.socket.terminate(), CLIENT_DEFAULTS.closeGraceMs).unref();
    this.#wake();
  }

  /** The socket is gone: nothing more is sent, and whoever waited for it stops waiting. */
  gone(): void {
    this.#closing = true;
    this.#outgoing = [];
    this.#queuedChars = 0;
    this.#wake();
  }

  #wake(): void {
    if (this.#waiters.length === 0 || (this.open && !this.writable)) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) guard('writable callback', waiter);
  }
}
