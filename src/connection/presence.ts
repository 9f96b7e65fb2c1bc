/** Presence requests waiting for an answer, and where we are entered, across reconnects. */
import type { ErrFrame, OkFrame, PresenceAction } from '../protocol/index.js';
import { OpError } from './errors.js';

export interface PresenceRequest {
  readonly ch: string;
  readonly action: PresenceAction;
  readonly data?: Record<string, unknown>;
  readonly promise: Promise<OkFrame>;
}

interface Waiting extends PresenceRequest {
  resolve(ok: OkFrame): void;
  reject(error: OpError): void;
}

/**
 * Presence is not in the outbox (it has no `mid`): an unanswered request is simply sent again
 * after a reconnect, and a new session (the relay forgot us) gets an `enter` with the latest
 * data for every presence channel we are in.
 */
export class PresenceBook {
  readonly #waiting: Waiting[] = [];
  readonly #entered = new Map<string, Record<string, unknown> | undefined>();

  /** Records a request (and the membership it asks for); send it, then pass its answer to answered(). */
  request(ch: string, action: PresenceAction, data?: Record<string, unknown>): PresenceRequest {
    if (action === 'leave') this.#entered.delete(ch);
    else if (action === 'enter' || this.#entered.has(ch)) {
      this.#entered.set(ch, data ?? this.#entered.get(ch));
    }
    let resolve!: (ok: OkFrame) => void;
    let reject!: (error: OpError) => void;
    const promise = new Promise<OkFrame>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const request: Waiting = { ch, action, data, promise, resolve, reject };
    this.#waiting.push(request);
    return request;
  }

  answered(request: PresenceRequest, answer: OkFrame | ErrFrame): void {
    const index = this.#waiting.indexOf(request as Waiting);
    if (index < 0) return;
    const [waiting] = this.#waiting.splice(index, 1);
    if (answer.t === 'ok') waiting.resolve(answer);
    else {
      if (request.action === 'enter') this.#entered.delete(request.ch);
      waiting.reject(new OpError(answer));
    }
  }

  /** True while `request` has no final answer. */
  isWaiting(request: PresenceRequest): boolean {
    return this.#waiting.includes(request as Waiting);
  }

  /** Requests still without an answer, oldest first. */
  waiting(): readonly PresenceRequest[] {
    return this.#waiting;
  }

  /** Channels we are entered in (or asked to enter). */
  entered(): string[] {
    return [...this.#entered.keys()];
  }

  /** Channels to enter again in a new session: entered ones with no request waiting. */
  reentries(): Array<[ch: string, data: Record<string, unknown> | undefined]> {
    const waiting = new Set(this.#waiting.map((request) => request.ch));
    return [...this.#entered].filter(([ch]) => !waiting.has(ch));
  }

  /** Fails every waiting request and forgets every membership. */
  clear(error: ErrFrame): void {
    for (const request of this.#waiting.splice(0)) request.reject(new OpError(error));
    this.#entered.clear();
  }
}
