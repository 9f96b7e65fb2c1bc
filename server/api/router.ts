/**
 * The HTTP API's route table: each area (`ops.ts`, `reads.ts`, and whatever comes next) exports
 * its routes, `index.ts` registers them, and the router matches a request to one. The same table
 * is the OpenAPI document (`openapi.ts`), so a route cannot exist undocumented.
 *
 * A route says what it takes (path and query parameters, a JSON body) in JSON Schema, and its
 * handler returns a JSON body or throws an `ApiError`; the router reads and bounds the body,
 * authenticates the caller and writes every answer as JSON.
 */
import type { ErrorCode } from '../../src/protocol/index.js';
import type { ApiIdentity } from './auth.js';
import type { ApiServices } from './services.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A JSON Schema (2020-12, as OpenAPI 3.1 takes it). */
export type Schema = Record<string, unknown>;

export interface QueryParameter {
  name: string;
  description: string;
  schema: Schema;
  required?: boolean;
}

export interface Route {
  method: Method;
  /** With `{name}` segments, as OpenAPI writes them: `/api/v1/rooms/{room}/ops`. */
  path: string;
  /** The OpenAPI tag (the area): `ops`, `reads`, `export`, `webhooks`… */
  tag: string;
  summary: string;
  description?: string;
  /** Each `{name}` of the path; a segment is 1 to 128 characters whatever the schema says. */
  params?: Record<string, { description: string; schema?: Schema }>;
  query?: QueryParameter[];
  /** The JSON body's schema; a route without one takes no body. */
  body?: Schema;
  /** Whether `Idempotency-Key` applies (documented on the route). */
  idempotent?: boolean;
  /** Only the server key may call it (a token gets 403): the operator's reads, not a room's. */
  keyOnly?: boolean;
  /** The 200 answer's schema. */
  response: Schema;
  /** The 200 answer's media types, for the document (default `application/json`). */
  contentTypes?: string[];
  /**
   * Answers the request: a JSON body (status 200), or a `StreamedAnswer` (an export: CSV, NDJSON,
   * written as it is produced). A refusal is thrown as an `ApiError`.
   */
  handle(request: ApiRequest): Promise<unknown>;
}

/**
 * A 200 answer written chunk by chunk as `source` yields, waiting whenever the socket's buffer
 * is full, so a large answer (a day of chat) never sits in memory whole.
 */
export class StreamedAnswer {
  constructor(
    readonly contentType: string,
    readonly source: AsyncIterable<string | Uint8Array>,
    /** Extra headers (`content-disposition` for a download). */
    readonly headers: Record<string, string> = {},
    /**
     * Called once the answer is over (written, failed or cut), whether or not `source` was ever
     * read: where a route releases what it took for the answer (a slot, a read connection).
     */
    readonly done: () => void = () => {},
  ) {}
}

export interface ApiRequest {
  /** The path parameters, decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body (undefined without one). */
  body: unknown;
  /** A request header, lower case name. */
  header(name: string): string | undefined;
  /** Who is calling (server key or host token). */
  identity: ApiIdentity;
  services: ApiServices;
}

/** HTTP status of each protocol error code. */
export const STATUS: Record<ErrorCode, number> = {
  bad_frame: 400,
  unsupported_version: 400,
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_late: 409,
  closed: 409,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
};

/** A refusal, answered as `{error: {code, message, details?, retryAfterMs?}}`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { details?: unknown; retryAfterMs?: number; status?: number } = {},
  ) {
    super(message);
  }

  get status(): number {
    if (this.extra.status) return this.extra.status;
    // A store briefly away (a retry helps) is 503, not a fault of the relay's.
    if (this.code === 'internal' && this.extra.retryAfterMs !== undefined) return 503;
    return STATUS[this.code] ?? 500;
  }

  toJSON() {
    const error: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.extra.details !== undefined) error.details = this.extra.details;
    if (this.extra.retryAfterMs !== undefined) error.retryAfterMs = this.extra.retryAfterMs;
    return { error };
  }
}

/** The longest path segment a route takes (room ids are 64, poll ids shorter). */
const SEGMENT_MAX = 128;

interface Compiled {
  route: Route;
  segments: string[];
}

export class Router {
  readonly #routes: Compiled[] = [];

  /** Registers an area's routes; a second route with the same method and path is an error. */
  add(routes: readonly Route[]): this {
    for (const route of routes) {
      if (this.#routes.some((r) => r.route.path === route.path && r.route.method === route.method))
        throw new Error(`api: ${route.method} ${route.path} is registered twice`);
      this.#routes.push({ route, segments: route.path.split('/') });
    }
    return this;
  }

  get routes(): readonly Route[] {
    return this.#routes.map(({ route }) => route);
  }

  /** The methods a path takes (for a CORS preflight), empty for an unknown path. */
  methods(path: string): Method[] {
    const parts = path.split('/');
    return this.#routes
      .filter(({ segments }) => matchSegments(segments, parts))
      .map(({ route }) => route.method);
  }

  /**
   * The route for a request: `{route, params}`, or `'method'` when the path is known but not
   * with this method, or null.
   */
  match(
    method: string,
    path: string,
  ): { route: Route; params: Record<string, string> } | 'method' | null {
    const parts = path.split('/');
    let known = false;
    for (const { route, segments } of this.#routes) {
      const params = matchSegments(segments, parts);
      if (!params) continue;
      if (route.method === method) return { route, params };
      known = true;
    }
    return known ? 'method' : null;
  }
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | null {
  if (segments.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.startsWith('{') && segment.endsWith('}')) {
      let value: string;
      try {
        value = decodeURIComponent(parts[i]);
      } catch {
        return null;
      }
      if (value.length === 0 || value.length > SEGMENT_MAX) return null;
      params[segment.slice(1, -1)] = value;
    } else if (segment !== parts[i]) {
      return null;
    }
  }
  return params;
}
