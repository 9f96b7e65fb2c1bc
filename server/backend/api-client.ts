/**
 * A typed client of the relay's HTTP API for the site's backend (`hubbub-relay/client`).
 *
 * Every op is sent with an `Idempotency-Key` (the caller's, or one made for the call), so a call
 * that failed on the way (a network error, a 503 while a relay restarts) is retried with the
 * same key and takes effect once.
 */
import { randomUUID } from 'node:crypto';
import type { FeatureName, PollInput, QuizQuestionInput } from '../../src/protocol/index.js';

export interface ApiClientOptions {
  /** The relay's HTTP address, e.g. `https://relay.example` (the API is under `/api/v1`). */
  url: string;
  /** The server key (`HUBBUB_API_KEY`), or a host's token. */
  key: string;
  /** Retries of a call that failed on the way or got 503, with the same key (default 2). */
  retries?: number;
  /** Per attempt (ms, default 15 000). */
  timeoutMs?: number;
}

export interface OpOptions {
  /** Makes retries safe across processes too: the same key is processed once (24 h). */
  idempotencyKey?: string;
  /** With the server key: the name the system sender shows. */
  sender?: string;
}

export interface OpResult<Data = unknown> {
  mid: string;
  seq?: number;
  data?: Data;
}

export interface HistoryEvent {
  seq: number;
  type: string;
  data: unknown;
  ts: number;
  from?: { id: string; name: string; role: string };
}

export interface HistoryPage {
  ch: string;
  epoch: string;
  head: number;
  events: HistoryEvent[];
  /** `after` for the next page, or null at the head. */
  next: number | null;
}

export interface ChannelState<State = unknown> {
  ch: string;
  epoch?: string;
  seq?: number;
  state?: State;
  /** presence */
  count?: number;
  members?: unknown[];
}

export interface QuizPlayers {
  game: number;
  total: number;
  players: {
    userId: string;
    name: string;
    score: number;
    rank: number | null;
    streak: number;
    lastCorrect: boolean;
    lastPoints: number;
  }[];
}

/** A refusal of the API: the protocol's `code`, the HTTP status, and when to retry if said. */
export class HubbubApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'HubbubApiError';
  }
}

export interface ApiClient {
  /** Any op of any feature, as a host (or the system sender). */
  op<Data = unknown>(
    room: string,
    feature: Exclude<FeatureName, 'presence'>,
    op: string,
    data?: Record<string, unknown>,
    options?: OpOptions,
  ): Promise<OpResult<Data>>;
  /** A chat message from the system sender (`options.sender` names it). */
  sendMessage(
    room: string,
    text: string,
    options?: OpOptions & { replyTo?: string },
  ): Promise<OpResult<{ id: string }>>;
  createPoll(
    room: string,
    poll: PollInput,
    options?: OpOptions,
  ): Promise<OpResult<{ pollId: string }>>;
  openPoll(room: string, pollId: string, options?: OpOptions): Promise<OpResult>;
  closePoll(room: string, pollId: string, options?: OpOptions): Promise<OpResult>;
  loadQuiz(
    room: string,
    questions: QuizQuestionInput[],
    options?: OpOptions,
  ): Promise<OpResult<{ count: number }>>;
  quiz(
    room: string,
    action: 'next' | 'reveal' | 'end',
    data?: Record<string, unknown>,
    options?: OpOptions,
  ): Promise<OpResult>;
  /** The channel's state now, as a host's `sub` gets it. */
  state<State = unknown>(room: string, feature: FeatureName): Promise<ChannelState<State>>;
  /** One page of history after `after`. */
  history(
    room: string,
    feature: FeatureName,
    page?: { after?: number; limit?: number },
  ): Promise<HistoryPage>;
  /** Every event after `after` (default 0) up to the head when called, page by page. */
  events(room: string, feature: FeatureName, after?: number): AsyncIterable<HistoryEvent>;
  quizPlayers(room: string, page?: { offset?: number; limit?: number }): Promise<QuizPlayers>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = `${options.url.replace(/\/+$/, '')}/api/v1/rooms/`;
  const retries = options.retries ?? 2;
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function call<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${options.key}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    // A read is safe to repeat; an op only with its key.
    const attempts = method === 'GET' || idempotencyKey !== undefined ? retries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(base + path, {
          method,
          headers,
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        if (attempt < attempts) {
          await pause(attempt);
          continue;
        }
        throw error;
      }
      const text = await response.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      if (response.ok) return json as T;
      const error = (json as { error?: Record<string, unknown> } | undefined)?.error ?? {};
      const retryAfterMs = typeof error.retryAfterMs === 'number' ? error.retryAfterMs : undefined;
      if (response.status === 503 && attempt < attempts) {
        await pause(attempt, retryAfterMs);
        continue;
      }
      throw new HubbubApiError(
        response.status,
        typeof error.code === 'string' ? error.code : 'internal',
        typeof error.message === 'string' ? error.message : `HTTP ${response.status}`,
        error.details,
        retryAfterMs,
      );
    }
  }

  const op = <Data>(path: string, body: Record<string, unknown>, opts: OpOptions = {}) => {
    const payload = opts.sender === undefined ? body : { ...body, sender: opts.sender };
    return call<OpResult<Data>>('POST', path, payload, opts.idempotencyKey ?? randomUUID());
  };

  return {
    op: (id, feature, type, data = {}, opts) =>
      op(`${room(id)}/ops`, { feature, op: type, data }, opts),
    sendMessage: (id, text, { replyTo, ...opts } = {}) =>
      op(`${room(id)}/chat/messages`, replyTo === undefined ? { text } : { text, replyTo }, opts),
    createPoll: (id, poll, opts) => op(`${room(id)}/polls`, { ...poll }, opts),
    openPoll: (id, pollId, opts) =>
      op(`${room(id)}/polls/${encodeURIComponent(pollId)}/open`, {}, opts),
    closePoll: (id, pollId, opts) =>
      op(`${room(id)}/polls/${encodeURIComponent(pollId)}/close`, {}, opts),
    loadQuiz: (id, questions, opts) => op(`${room(id)}/quiz/load`, { questions }, opts),
    quiz: (id, action, data = {}, opts) => op(`${room(id)}/quiz/${action}`, data, opts),
    state: (id, feature) => call('GET', `${room(id)}/channels/${feature}`),
    history: (id, feature, { after = 0, limit = 100 } = {}) =>
      call('GET', `${room(id)}/channels/${feature}/history?after=${after}&limit=${limit}`),
    async *events(id, feature, after = 0) {
      let next: number | null = after;
      while (next !== null) {
        const page: HistoryPage = await call(
          'GET',
          `${room(id)}/channels/${feature}/history?after=${next}&limit=500`,
        );
        yield* page.events;
        next = page.next;
      }
    },
    quizPlayers: (id, { offset = 0, limit = 100 } = {}) =>
      call('GET', `${room(id)}/quiz/players?offset=${offset}&limit=${limit}`),
  };
}

const room = (id: string) => encodeURIComponent(id);

function pause(attempt: number, retryAfterMs?: number): Promise<void> {
  const ms = Math.min(retryAfterMs ?? 250 * 2 ** (attempt - 1), 5_000);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
