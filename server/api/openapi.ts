/**
 * The OpenAPI 3.1 document of the HTTP API, built from the route table itself: a route is
 * documented by being registered, and its parameters, body and answer are the ones it declares.
 */
import type { Route, Schema } from './router.js';
import { STATUS } from './router.js';

const ERROR_SCHEMA: Schema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(STATUS) },
        message: { type: 'string' },
        details: { description: 'For `invalid`: which field, and what was expected.' },
        retryAfterMs: {
          type: 'integer',
          description: 'For `rate_limited` and 503: when to retry.',
        },
      },
    },
  },
};

const ERRORS: Record<string, string> = {
  '400': 'Invalid: `{error:{code:"invalid", message, details}}`',
  '401': 'No credential, a wrong key, or a bad or expired token',
  '403':
    'An audience token, a room the token does not grant, a refusal of the room, or a token on a route of the server key',
  '404': 'No such route, room feature or item',
  '409': '`conflict`, `too_late` or `closed`, as for a socket’s op',
  '408':
    'The body did not arrive whole within 10 s of the request’s head (`invalid`); the connection is closed',
  '413': 'The body is larger than the relay takes',
  '429': 'Rate limited: retry after `retryAfterMs` (also the `Retry-After` header, in seconds)',
  '500': '`internal`: the relay failed; an op may be retried with the same Idempotency-Key',
  '503': 'The relay is shutting down or its store is briefly away: retry',
};

/** Statuses only a route that reads a body can answer. */
const BODY_ONLY = new Set(['408', '413']);

export function openApiDocument(routes: readonly Route[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters: unknown[] = [];
    for (const [name, param] of Object.entries(route.params ?? {})) {
      parameters.push({
        name,
        in: 'path',
        required: true,
        description: param.description,
        schema: param.schema ?? { type: 'string', maxLength: 128 },
      });
    }
    for (const query of route.query ?? []) {
      parameters.push({ in: 'query', required: query.required ?? false, ...query });
    }
    if (route.idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
    const responses: Record<string, unknown> = {
      '200': {
        description: 'OK',
        content: Object.fromEntries(
          // A text type (CSV) is a string; the JSON schema describes the JSON answer.
          (route.contentTypes ?? ['application/json']).map((type) => [
            type,
            { schema: type.startsWith('text/') ? { type: 'string' } : route.response },
          ]),
        ),
      },
    };
    for (const [status, description] of Object.entries(ERRORS)) {
      if (BODY_ONLY.has(status) && !route.body) continue;
      responses[status] = { $ref: `#/components/responses/E${status}`, description };
    }
    const operation: Record<string, unknown> = {
      operationId: operationId(route),
      tags: [route.tag],
      summary: route.summary,
      parameters,
      responses,
    };
    if (route.description) operation.description = route.description;
    if (route.body) {
      operation.requestBody = {
        required: route.body.required !== undefined,
        content: { 'application/json': { schema: route.body } },
      };
    }
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hubbub relay API',
      version,
      description:
        'The relay’s HTTP API for the site’s backend: run any op as a host or as the system sender, read channels. Every op takes the path of a socket’s op frame (same checks, limits, order, de-duplication).',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The server key (`HUBBUB_API_KEY`), or a host’s or moderator’s token (the JWT the widgets use).',
        },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'The op’s mid (1 to 64 visible ASCII characters): a retry with the same key is processed once and gets the same answer, for as long as the relay keeps de-duplication records (`historyTtlMs`, 24 h by default).',
          schema: { type: 'string', minLength: 1, maxLength: 64 },
        },
      },
      schemas: { Error: ERROR_SCHEMA },
      responses: Object.fromEntries(
        Object.entries(ERRORS).map(([status, description]) => [
          `E${status}`,
          {
            description,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
  };
}

/** `POST /api/v1/rooms/{room}/polls/{pollId}/{action}` → `postRoomsPollsAction`. */
function operationId(route: Route): string {
  const words = route.path
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .filter((part) => part && !/^\{(room|pollId)\}$/.test(part))
    .map((part) => part.replace(/[{}]/g, ''));
  return (
    route.method.toLowerCase() + words.map((word) => word[0].toUpperCase() + word.slice(1)).join('')
  );
}
