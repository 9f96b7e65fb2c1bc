/**
 * One HTTP API request as the relay's core sees it: a connection that sends one frame (an `op`
 * or a `sub` for one look) and waits for its answer, so an API call takes exactly the path of a
 * socket's frame (`Handlers.op`, `Handlers.peek`): the same checks, limits, de-duplication by
 * (user, mid), order and commit before the answer.
 */
import type { RelayFrame } from '../../src/protocol/index.js';
import type { Channel } from '../channels/channel.js';
import { OpError } from '../errors.js';
import type { RateLimiter } from '../limits.js';
import type { Caller } from '../ports.js';
import type { ApiIdentity } from './auth.js';

/** Frames one look may collect (the `ok`, its `me` frames, a presence list). */
const FRAMES_MAX = 64;

let nextKey = 0;

export class ApiCaller implements Caller {
  readonly key = `api${++nextKey}`;
  /** Bans of an address concern anonymous users; a caller with a key or token has none. */
  readonly address = '';
  readonly subscriptions = new Map<string, Channel>();
  readonly touched = new Set<string>();
  readonly open = true;
  readonly writable = true;
  /** Frames received, as objects, in order. */
  readonly frames: Record<string, unknown>[] = [];
  #waiters: { id: string; resolve: (frame: Record<string, unknown>) => void }[] = [];

  constructor(
    readonly identity: ApiIdentity,
    /** The caller's op limit, shared by every request of its key or token. */
    private opLimiter: RateLimiter | null,
  ) {}

  get user() {
    return this.identity.user;
  }

  enqueue(json: string): void {
    if (this.frames.length < FRAMES_MAX) this.#received(JSON.parse(json));
  }

  send(frame: RelayFrame): void {
    this.#received(frame as unknown as Record<string, unknown>);
  }

  /** Resolves with the answer to request `id` (`ack`, `ok` or `err`). */
  answer(id: string): Promise<Record<string, unknown>> {
    const found = this.frames.find((frame) => frame.id === id);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.#waiters.push({ id, resolve }));
  }

  takeOp(): OpError | null {
    if (!this.opLimiter) return null;
    const wait = this.opLimiter.take();
    return wait === 0
      ? null
      : new OpError('rate_limited', 'too many ops with this key', { retryAfterMs: wait });
  }

  whenWritable(callback: () => void): void {
    queueMicrotask(callback);
  }

  /** Nothing to close or resume: one request, answered or timed out. */
  close(): void {}
  lagged(): void {}

  #received(frame: Record<string, unknown>): void {
    this.frames.push(frame);
    const waiter = this.#waiters.find((w) => w.id === frame.id);
    if (!waiter) return;
    this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
    waiter.resolve(frame);
  }
}
