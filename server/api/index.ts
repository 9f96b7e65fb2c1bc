/**
 * The relay's HTTP API, on its HTTP server beside `/healthz` and `/metrics`: `/api/v1/...` for
 * the site's backend, and its OpenAPI document at `/api/openapi.json`.
 *
 * An area adds its routes by exporting a `Route[]` from a file of this folder and listing it in
 * `AREAS`; nothing else changes (the router, the auth, the limits and the document are shared).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BodyError, readJsonBody } from '../body.js';
import { ROOM_PATTERN } from '../../src/protocol/index.js';
import { FRAME_MAX_DEPTH } from '../frames.js';
import type { Relay } from '../relay.js';
import { logRefusal, fault } from '../log.js';
import { ApiAuth } from './auth.js';
import { exportRoutes } from './export.js';
import { openApiDocument } from './openapi.js';
import { opRoutes } from './ops.js';
import { readRoutes } from './reads.js';
import { webhookRoutes, type WebhookStatusSource } from './webhooks.js';
import { ApiError, Router, StreamedAnswer, type Route } from './router.js';
import { ApiServices } from './services.js';

/** Every area's routes. */
export const AREAS: readonly (readonly Route[])[] = [
  opRoutes,
  readRoutes,
  exportRoutes,
  webhookRoutes,
];

/** The version of `/api/v1` as the document states it. */
export const API_VERSION = '1.0.0';

export const OPENAPI_PATH = '/api/openapi.json';

/**
 * CORS for a page of an origin the relay allows (`--allowed-origins`, any when unset): the host
 * console embedded in the site fetches an export with its token. The credential is a header,
 * never a cookie, so no `allow-credentials`: a page of another origin gets nothing the header it
 * sends does not already grant.
 */
const CORS_ALLOW_HEADERS = 'authorization, content-type, idempotency-key';
const CORS_EXPOSE_HEADERS = 'content-disposition, retry-after';
/** How long a browser may keep a preflight's answer (seconds). */
const CORS_MAX_AGE = '600';
export function apiRouter(areas = AREAS): Router {
  const router = new Router();
  for (const routes of areas) router.add(routes);
  return router;
}

export class Api {
  readonly router: Router;
  readonly #services: ApiServices;
  readonly #auth: ApiAuth;
  #document: string | null = null;

  constructor(
    private relay: Relay,
    areas = AREAS,
    options: { webhooks?: WebhookStatusSource | null } = {},
  ) {
    this.router = apiRouter(areas);
    this.#services = new ApiServices(relay);
    this.#services.webhooks = options.webhooks ?? null;
    // Without a server key the API still takes host and moderator tokens (`auth.ts`).
    this.#auth = new ApiAuth(relay.config.apiKey ?? null, relay.config.secret);
  }

  /** Whether the request is the API's (`/api/...`); if so it is answered. */
  handles(path: string): boolean {
    return path === OPENAPI_PATH || path === '/api/v1' || path.startsWith('/api/v1/');
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      this.#cors(request, response);
      // The raw path: each parameter is decoded once, by the router, so `%2F` stays in its segment.
      await this.#handle(request, response, (request.url ?? '/').split('?')[0]);
    } catch (error) {
      if (error instanceof ApiError) return answerError(response, error);
      fault('api', error);
      answerError(response, new ApiError('internal', 'internal error'));
    }
  }

  async #handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    if (path === OPENAPI_PATH) {
      const method = request.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
        throw new ApiError('invalid', 'the document takes GET', { status: 405 });
      }
      this.#document ??= JSON.stringify(openApiDocument(this.router.routes, API_VERSION));
      return answer(response, 200, this.#document);
    }
    const method = request.method ?? 'GET';
    if (method === 'OPTIONS') return this.#preflight(response, path);
    const matched = this.router.match(method, path);
    if (matched === null) throw new ApiError('not_found', 'no such API route');
    if (matched === 'method') {
      throw new ApiError('invalid', `this route does not take ${method.slice(0, 10)}`, {
        status: 405,
      });
    }
    let identity;
    try {
      identity = this.#auth.identify(request.headers.authorization);
    } catch (error) {
      if (error instanceof ApiError) {
        logRefusal('api auth', { reason: error.message, ip: request.socket.remoteAddress });
      }
      throw error;
    }
    if (matched.route.keyOnly && identity.kind !== 'key') {
      throw new ApiError('forbidden', 'this route takes the server key only');
    }
    this.#services.admit(identity);
    // Every `{room}` is a protocol room id, named as the caller wrote it (not as the channel
    // `ROOM/FEATURE` the relay builds from it).
    const { room } = matched.params;
    if (room !== undefined && !ROOM_PATTERN.test(room)) {
      throw new ApiError('invalid', 'room must match [A-Za-z0-9_-]{1,64}', {
        details: { field: 'room' },
      });
    }
    const body = matched.route.body
      ? await readJson(request, response, this.#services.config.maxFrameBytes)
      : undefined;
    const url = new URL(request.url ?? '/', 'http://relay');
    const result = await matched.route.handle({
      params: matched.params,
      query: url.searchParams,
      body,
      header: (name) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value[0] : value;
      },
      identity,
      services: this.#services,
    });
    if (result instanceof StreamedAnswer) return stream(response, result);
    answer(response, 200, JSON.stringify(result));
  }

  #cors(request: IncomingMessage, response: ServerResponse): void {
    const origin = request.headers.origin;
    response.setHeader('vary', 'origin');
    if (!origin || origin.length > 256 || !this.relay.admission.originAllowed(origin)) return;
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('access-control-expose-headers', CORS_EXPOSE_HEADERS);
  }

  /** A CORS preflight: no credential (browsers send none), the methods of a known path. */
  #preflight(response: ServerResponse, path: string): void {
    const methods = this.router.methods(path);
    if (methods.length === 0) throw new ApiError('not_found', 'no such API route');
    const allow = [...new Set(methods), 'OPTIONS'].join(', ');
    response.writeHead(204, {
      allow,
      'access-control-allow-methods': allow,
      'access-control-allow-headers': CORS_ALLOW_HEADERS,
      'access-control-max-age': CORS_MAX_AGE,
      'cache-control': 'no-store',
    });
    response.end();
  }
}

function answer(response: ServerResponse, status: number, json: string, headers = {}): void {
  if (response.headersSent) return void response.end();
  response.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  response.end(json);
}

/**
 * Writes a streamed answer. Once its head is sent a failure cannot become an error answer: the
 * connection is cut, so the client sees an incomplete body, never a truncated one taken whole.
 */
async function stream(response: ServerResponse, streamed: StreamedAnswer): Promise<void> {
  try {
    response.writeHead(200, {
      'content-type': streamed.contentType,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...streamed.headers,
    });
    await pipeline(Readable.from(streamed.source, { objectMode: false }), response);
  } catch (error) {
    // A client that went away is not a fault of the relay's.
    if (!response.destroyed || response.writableFinished) fault('api stream', error);
    response.destroy();
  } finally {
    try {
      streamed.done();
    } catch (error) {
      fault('api stream done', error);
    }
  }
}

function answerError(response: ServerResponse, error: ApiError): void {
  const retry = error.extra.retryAfterMs;
  answer(
    response,
    error.status,
    JSON.stringify(error),
    retry === undefined ? {} : { 'retry-after': String(Math.max(1, Math.ceil(retry / 1000))) },
  );
}

/**
 * The request's JSON body, at most `maxBytes` (the relay's frame bound: an op through the API is
 * no larger than one through a socket). An empty body is undefined.
 */
async function readJson(
  request: IncomingMessage,
  response: ServerResponse,
  maxBytes: number,
): Promise<unknown> {
  try {
    return await readJsonBody(request, response, { maxBytes, maxDepth: FRAME_MAX_DEPTH });
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    if (error.fault === 'too_large') throw new ApiError('too_large', error.message);
    if (error.fault === 'not_json') {
      throw new ApiError('invalid', error.message, { details: { field: 'body' } });
    }
    throw new ApiError('invalid', error.message, { status: error.status });
  }
}
