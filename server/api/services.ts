/**
 * What the API's routes do with the relay: run an op, take one look at a channel (its `sub`
 * answer), read history. Each call is an `ApiCaller` going through `Handlers`, the path of a
 * socket's frames, so nothing here decides what a feature allows.
 */
import { randomUUID } from 'node:crypto';
import type { FeatureName, OpFrame, SubFrame } from '../../src/protocol/index.js';
import { OpError } from '../errors.js';
import { parseFrame } from '../frames.js';
import { RateLimiterMap, type RelayConfig } from '../limits.js';
import type { Relay } from '../relay.js';
import type { WebhookStatusSource } from './webhooks.js';
import { cleanName } from '../text.js';
import { SYSTEM_NAME, systemUser, type ApiIdentity } from './auth.js';
import { ApiCaller } from './caller.js';
import { ApiError } from './router.js';

export const API_DEFAULTS = {
  /** Longest wait for the relay's answer before the request gets 503 (the op may still apply). */
  answerTimeoutMs: 10_000,
  /** History events one read returns by default, and at most. */
  historyLimit: 100,
  historyLimitMax: 500,
  /** Callers (the key, each host token) whose limiters are kept before idle ones are swept. */
  callersKept: 1_000,
};

export interface OpRequest {
  room: string;
  feature: string;
  type: string;
  data: unknown;
  /** The `Idempotency-Key`, or none (a fresh mid: not idempotent). */
  mid?: string;
  /** The system sender's name, for calls with the server key. */
  sender?: unknown;
}

export interface OpResult {
  mid: string;
  seq?: number;
  data?: unknown;
}

export interface Look {
  /** The `ok` answer: `epoch` and `seq` (the head) and the `snapshot`, or a presence `count`. */
  ok: Record<string, unknown>;
  /** What followed it: `me` frames, or presence's first `presence` frame. */
  frames: Record<string, unknown>[];
}

let nextId = 0;

export class ApiServices {
  /** Every request of a caller takes one of these (reads too). */
  readonly #requests: RateLimiterMap | null;
  /** A caller's op limit, as a staff connection's: shared by its requests. */
  readonly #ops: RateLimiterMap | null;

  /** The relay's webhooks, for the operator's status read; null when none are configured. */
  webhooks: WebhookStatusSource | null = null;

  constructor(readonly relay: Relay) {
    const limits = relay.config.rateLimits;
    const ops = limits && limits.ops.limit * limits.hostFactor;
    this.#requests = limits && new RateLimiterMap(ops!, limits.ops.windowMs);
    this.#ops = limits && new RateLimiterMap(ops!, limits.ops.windowMs);
  }

  get config(): RelayConfig {
    return this.relay.config;
  }

  /** Takes a request token of the caller's; refuses with `rate_limited` when none is left. */
  admit(identity: ApiIdentity): void {
    if (this.relay.closing || this.relay.failed) {
      throw new ApiError('internal', 'the relay is shutting down; retry on another', {
        retryAfterMs: 1_000,
      });
    }
    const map = this.#requests;
    if (!map) return;
    if (map.size > API_DEFAULTS.callersKept) this.#sweep();
    const wait = map.get(identity.principal).take();
    if (wait > 0) {
      throw new ApiError('rate_limited', 'too many requests with this key', { retryAfterMs: wait });
    }
  }

  /** Runs an op as a socket's `op` frame would run: answered once committed. */
  async op(identity: ApiIdentity, request: OpRequest): Promise<OpResult> {
    const id = `api-${++nextId}`;
    const mid = request.mid ?? randomUUID();
    const parsed = parseFrame(
      JSON.stringify({
        t: 'op',
        id,
        ch: `${request.room}/${request.feature}`,
        mid,
        type: request.type,
        data: request.data,
      }),
    );
    if (!parsed.ok) {
      const code = parsed.code === 'bad_frame' ? 'invalid' : parsed.code;
      throw new ApiError(code, parsed.message.replace(/^op\./, ''), { details: parsed.details });
    }
    const caller = new ApiCaller(this.#sender(identity, request.sender), this.#opLimiter(identity));
    const answer = caller.answer(id);
    await this.relay.handlers.op(caller, parsed.frame as OpFrame);
    const frame = await this.#timed(answer);
    if (frame.t === 'err') throw refusal(frame);
    const result: OpResult = { mid };
    if (frame.seq !== undefined) result.seq = frame.seq as number;
    if (frame.data !== undefined) result.data = frame.data;
    return result;
  }

  /** One look at a channel, as a `sub` without `from` answers it; the caller is gone after. */
  async look(identity: ApiIdentity, room: string, feature: string): Promise<Look> {
    const id = `api-${++nextId}`;
    const ch = `${room}/${feature}`;
    const caller = new ApiCaller(identity, null);
    const answer = caller.answer(id);
    // The channel name is checked by the same parser as a socket's (`invalid`, `not_found`).
    const frame: SubFrame = { t: 'sub', id, ch };
    await this.relay.handlers.peek(caller, frame);
    const ok = await this.#timed(answer);
    if (ok.t === 'err') throw refusal(ok);
    const at = caller.frames.indexOf(ok);
    return { ok, frames: caller.frames.slice(at + 1) };
  }

  /**
   * Events after `after`, oldest first, at most `limit`, as far as history holds them (the
   * oldest may have left it: the first seq returned is then above `after + 1`).
   */
  async history(
    identity: ApiIdentity,
    room: string,
    feature: FeatureName,
    after: number,
    limit: number,
  ) {
    const { ok } = await this.look(identity, room, feature);
    if (typeof ok.epoch !== 'string') {
      throw new ApiError('invalid', `${feature} keeps no history`, {
        details: { field: 'feature' },
      });
    }
    const head = ok.seq as number;
    const to = Math.min(head, after + limit);
    const stored =
      to > after ? await this.relay.engine.history!(`${room}/${feature}`, after + 1, to) : [];
    const events = stored.slice(0, limit).map((event) => {
      // Staff read events as staff see them: the frame as stored.
      const { t: _, ch: __, ...ev } = JSON.parse(event.json) as Record<string, unknown>;
      return ev;
    });
    // The window moves on even where history has a hole (expired events): never stuck.
    return {
      ch: `${room}/${feature}`,
      epoch: ok.epoch,
      head,
      events,
      next: to < head ? to : null,
    };
  }

  /**
   * A feature's staff read beyond its snapshot (the quiz's `players`). Made by the relay that
   * decides for the room: in a cluster, any relay asks it over the bus, as it forwards an op.
   */
  async read(
    identity: ApiIdentity,
    room: string,
    feature: FeatureName,
    name: string,
    query: { offset: number; limit: number },
  ): Promise<unknown> {
    // Access is checked as a `sub` checks it (the room granted, the room's rules).
    await this.look(identity, room, feature);
    const target = this.relay.channels.parse(`${room}/${feature}`);
    let found: unknown;
    try {
      const port = await this.relay.port(room);
      found = await this.#timed(port.read(new ApiCaller(identity, null), target, name, query));
    } catch (error) {
      if (!(error instanceof OpError)) throw error;
      throw new ApiError(error.code, error.message, error.extra);
    }
    if (found === undefined) throw new ApiError('not_found', `${feature} has no read ${name}`);
    return found;
  }

  /** A server-key caller speaks as the system sender with the name it gives. */
  #sender(identity: ApiIdentity, sender: unknown): ApiIdentity {
    if (identity.kind !== 'key' || sender === undefined) return identity;
    if (typeof sender !== 'string') {
      throw new ApiError('invalid', 'sender must be a string (the system sender’s name)', {
        details: { field: 'sender' },
      });
    }
    return { ...identity, user: systemUser(cleanName(sender, SYSTEM_NAME)) };
  }

  #opLimiter(identity: ApiIdentity) {
    return this.#ops?.get(identity.principal) ?? null;
  }

  #sweep(): void {
    const now = Date.now();
    for (const map of [this.#requests, this.#ops]) {
      if (map) for (const [key, limiter] of map.entries()) map.expire(key, limiter, now);
    }
  }

  async #timed<T>(answer: Promise<T>): Promise<T> {
    let timer!: NodeJS.Timeout;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ApiError('internal', 'the relay did not answer in time; retry', {
              retryAfterMs: 1_000,
            }),
          ),
        API_DEFAULTS.answerTimeoutMs,
      );
    });
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function refusal(frame: Record<string, unknown>): ApiError {
  return new ApiError(frame.code as ApiError['code'], String(frame.message), {
    ...(frame.details === undefined ? {} : { details: frame.details }),
    ...(typeof frame.retryAfterMs === 'number' ? { retryAfterMs: frame.retryAfterMs } : {}),
  });
}
