/**
 * Routes that act: every op of every feature through one generic route, and a few typed ones
 * for what a backend does most (post a system message, run a poll, drive a quiz). Each runs the
 * op exactly as a socket's `op` frame runs (`ApiServices.op`), with `Idempotency-Key` as its
 * `mid`.
 */
import { FEATURES, POLL_KINDS, POLL_LIMITS } from '../../src/protocol/index.js';
import { ApiError, type ApiRequest, type Route, type Schema } from './router.js';

/** `Idempotency-Key` is a `mid`: 1 to 64 visible ASCII characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,64}$/;

const room = { description: 'The room id, `[A-Za-z0-9_-]{1,64}`.' };

const sender: Schema = {
  type: 'string',
  maxLength: 200,
  description:
    'With the server key: the name the system sender shows (default `System`); ignored with a host token, whose own name is used.',
};

export const opResult: Schema = {
  type: 'object',
  required: ['mid'],
  properties: {
    mid: { type: 'string', description: 'The op’s mid: the Idempotency-Key, or one made up.' },
    seq: { type: 'integer', description: 'The seq of the event the op produced, if at once.' },
    data: { description: 'The ack’s data (e.g. `{pollId}` for poll `create`).' },
  },
};

const OP_LIST =
  'chat: send, delete, pin, unpin, ban, unban, timeout, hide, unhide, settings, shield, shieldPreset, log, approve, reject, dismiss, report; ' +
  'poll: create, open, close, vote, answer, hide, approve, reject, dismiss; ' +
  'quiz: load, next, reveal, end, settings, answer; ' +
  'qa: ask, upvote, unvote, answer, hide, pin, approve, settings; reactions: react, settings. ' +
  'Every op and its data: PROTOCOL.md and docs/protocol-notes.md.';

/** The op's `mid`: the request's `Idempotency-Key`, checked. */
function midOf(request: ApiRequest): string | undefined {
  const key = request.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ApiError('invalid', 'Idempotency-Key must be 1 to 64 visible ASCII characters', {
      details: { field: 'Idempotency-Key' },
    });
  }
  return key;
}

function objectBody(request: ApiRequest): Record<string, unknown> {
  const body = request.body;
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('invalid', 'the body must be a JSON object', { details: { field: 'body' } });
  }
  return body as Record<string, unknown>;
}

/**
 * A typed route: the op fixed or from a path parameter, its `data` the body without `sender`
 * (or built from the path).
 */
function opRoute(
  route: Omit<Route, 'method' | 'tag' | 'idempotent' | 'response' | 'handle'>,
  feature: string,
  type: (request: ApiRequest) => string,
  dataOf?: (request: ApiRequest) => Record<string, unknown>,
): Route {
  return {
    ...route,
    method: 'POST',
    tag: 'ops',
    idempotent: true,
    response: opResult,
    handle: (request) => {
      const op = type(request);
      const { sender: name, ...data } = dataOf ? dataOf(request) : objectBody(request);
      return request.services.op(request.identity, {
        room: request.params.room,
        feature,
        type: op,
        data,
        mid: midOf(request),
        sender: name,
      });
    },
  };
}

export const opRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/v1/rooms/{room}/ops',
    tag: 'ops',
    summary: 'Run any op of any feature, as a host',
    description:
      'The op goes through exactly the checks, rate limits, order and de-duplication of an `op` frame from a socket. ' +
      OP_LIST,
    params: { room },
    idempotent: true,
    body: {
      type: 'object',
      required: ['feature', 'op'],
      properties: {
        feature: { type: 'string', enum: FEATURES.filter((f) => f !== 'presence') },
        op: { type: 'string', description: 'The op type, e.g. `create`, `next`, `ban`.' },
        data: { type: 'object', description: 'The op’s data, as in an `op` frame.' },
        sender,
      },
    },
    response: opResult,
    handle: (request) => {
      const body = objectBody(request);
      if (typeof body.feature !== 'string' || typeof body.op !== 'string') {
        throw new ApiError('invalid', 'feature and op are required strings', {
          details: { field: typeof body.feature !== 'string' ? 'feature' : 'op' },
        });
      }
      if (!(FEATURES as readonly string[]).includes(body.feature)) {
        throw new ApiError('not_found', 'no such feature', { details: { field: 'feature' } });
      }
      return request.services.op(request.identity, {
        room: request.params.room,
        feature: body.feature,
        type: body.op,
        data: body.data ?? {},
        mid: midOf(request),
        sender: body.sender,
      });
    },
  },
  opRoute(
    {
      path: '/api/v1/rooms/{room}/chat/messages',
      summary: 'Post a chat message as the system sender (or as the token’s host)',
      params: { room },
      body: {
        type: 'object',
        required: ['text'],
        properties: {
          text: { type: 'string', description: '1 to 500 characters; plain text, never HTML.' },
          replyTo: { type: 'string', description: 'The id of a message still in history.' },
          sender,
        },
      },
    },
    'chat',
    () => 'send',
  ),
  opRoute(
    {
      path: '/api/v1/rooms/{room}/polls',
      summary: 'Create a poll (a draft; open it next)',
      params: { room },
      body: {
        type: 'object',
        required: ['question', 'kind'],
        properties: {
          question: {
            type: 'string',
            minLength: POLL_LIMITS.questionMin,
            maxLength: POLL_LIMITS.questionMax,
          },
          options: {
            type: 'array',
            description:
              'Required for `single`, `multi`, `rating` and `ranking` (at least ' +
              `${POLL_LIMITS.rankingOptionsMin}); none for \`wordcloud\` and \`opentext\`.`,
            items: { type: 'string', minLength: 1, maxLength: POLL_LIMITS.optionMax },
            maxItems: POLL_LIMITS.optionsMax,
          },
          kind: { type: 'string', enum: [...POLL_KINDS] },
          hideResults: { type: 'boolean', description: 'Results shown to hosts only.' },
          signedInOnly: { type: 'boolean', description: 'Only signed-in viewers vote.' },
          review: {
            type: 'boolean',
            description: '`wordcloud` and `opentext`: the audience’s entries wait for review.',
          },
          maxAnswers: {
            type: 'integer',
            minimum: 1,
            maximum: POLL_LIMITS.opentextAnswersMax,
            description: `\`opentext\`: answers per viewer (default ${POLL_LIMITS.opentextAnswersDefault}).`,
          },
          blockedTerms: {
            type: 'array',
            items: { type: 'string', maxLength: POLL_LIMITS.blockedTermMax },
            maxItems: POLL_LIMITS.blockedTermsMax,
            description: '`wordcloud`: words never shown.',
          },
        },
      },
    },
    'poll',
    () => 'create',
  ),
  opRoute(
    {
      path: '/api/v1/rooms/{room}/polls/{pollId}/{action}',
      summary: 'Open or close a poll',
      params: {
        room,
        pollId: { description: 'The poll’s id, from `create`.' },
        action: { description: '`open` or `close`.', schema: { enum: ['open', 'close'] } },
      },
    },
    'poll',
    (request) => {
      const { action } = request.params;
      if (action !== 'open' && action !== 'close') {
        throw new ApiError('not_found', 'a poll can be opened or closed');
      }
      return action;
    },
    (request) => ({ pollId: request.params.pollId }),
  ),
  opRoute(
    {
      path: '/api/v1/rooms/{room}/quiz/{action}',
      summary: 'Drive the quiz: load questions, next, reveal, end',
      params: {
        room,
        action: {
          description: '`load`, `next`, `reveal` or `end`.',
          schema: { enum: ['load', 'next', 'reveal', 'end'] },
        },
      },
      body: {
        type: 'object',
        description:
          '`load`: `{questions:[{text, options, correct, timeLimitMs, points?}]}`; `next`: `{leadInMs?}`.',
      },
    },
    'quiz',
    (request) => {
      const { action } = request.params;
      if (!['load', 'next', 'reveal', 'end'].includes(action)) {
        throw new ApiError('not_found', 'quiz actions are load, next, reveal and end');
      }
      return action;
    },
  ),
];
