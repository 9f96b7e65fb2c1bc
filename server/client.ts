/**
 * One WebSocket as the relay sees it: who it is, what it subscribed, and its outgoing queue.
 * Frames queued in one tick leave as one batch (a JSON array) per socket; a socket that cannot
 * keep up is closed as a slow consumer instead of buffering without bound.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { CloseCode, type ErrorCode, type User } from '../src/protocol.js';
import type { Identity } from './auth.js';
import type { Channel, Subscriber } from './channels/channel.js';
import { RateLimiter } from './limits.js';

/** Time a socket closed as slow consumer gets to take its close frame before it is cut. */
const CLOSE_GRACE_MS = 1_000;

const dirty = new Set<Client>();
let flushScheduled = false;

/**
 * Frames built this tick, keyed by the exact sequence of frame strings. A broadcast queues the
 * same string objects on every subscriber, so their batch is encoded to UTF-8 and framed as one
 * WebSocket text message once, and that one Buffer is written to every socket.
 */
class FrameCache {
  #root: CacheNode = { next: new Map() };

  get(frames: string[]): Buffer {
    let node = this.#root;
    for (const frame of frames) {
      let child = node.next.get(frame);
      if (!child) node.next.set(frame, (child = { next: new Map() }));
      node = child;
    }
    return (node.frame ??= textFrame(frames.length === 1 ? frames[0] : `[${frames.join(',')}]`));
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
  for (const client of dirty) client.flush(cache);
  dirty.clear();
}

export class Client implements Subscriber {
  identity: Identity | null = null;
  session: string | null = null;
  readonly subscriptions = new Map<string, Channel>();
  /** Channels this socket entered with a `presence` frame. */
  readonly presence = new Set<Channel>();
  lastReceivedAt = Date.now();
  lastSentAt = Date.now();
  opLimiter: RateLimiter | null = null;
  #outgoing: string[] = [];
  #closing = false;
  #tasks: (() => void | Promise<void>)[] = [];
  #running = false;

  constructor(
    readonly socket: WebSocket,
    /** The TCP stream under the WebSocket (the upgrade request's socket). */
    readonly tcp: Duplex,
    readonly ip: string,
    private maxBufferedBytes: number,
  ) {}

  /**
   * Runs the frame handlers of this socket one after another, in the order received; a handler
   * that waits (for a channel to load, say) holds back the ones after it.
   */
  run(task: () => void | Promise<void>): void {
    this.#tasks.push(task);
    if (!this.#running) void this.#drain();
  }

  async #drain(): Promise<void> {
    this.#running = true;
    let task;
    while ((task = this.#tasks.shift())) {
      const pending = task();
      if (pending) await pending;
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

  enqueue(json: string): void {
    if (this.#closing) return;
    this.#outgoing.push(json);
    dirty.add(this);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flushAll);
    }
  }

  send(frame: object): void {
    this.enqueue(JSON.stringify(frame));
  }

  error(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): void {
    this.send({ t: 'err', ...extra, code, message });
  }

  flush(cache = new FrameCache()): void {
    const frames = this.#outgoing;
    if (frames.length === 0 || !this.open) return;
    this.#outgoing = [];
    // Written to the TCP socket under the WebSocket: ws frames everything it sends itself
    // synchronously (no compression is negotiated), so messages cannot interleave, and
    // `bufferedAmount` still counts what waits in the socket.
    this.tcp.write(cache.get(frames));
    this.lastSentAt = Date.now();
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.close(CloseCode.slowConsumer, 'slow consumer');
    }
  }

  /** Sends what is queued, then closes; cuts the socket if the close handshake stalls. */
  close(code: number, reason: string): void {
    if (this.#closing) return;
    this.flush();
    this.#closing = true;
    this.#outgoing = [];
    this.socket.close(code, reason);
    setTimeout(() => this.socket.terminate(), CLOSE_GRACE_MS).unref();
  }
}
