/**
 * Routes that read: a channel's state as a host's `sub` would get it (poll results, the quiz and
 * its leaderboard, the Q&A list with its queue, chat's recent messages and settings, presence
 * counts), its history from a seq a page at a time, and the quiz's every player.
 */
import { FEATURES, type FeatureName } from '../../src/protocol/index.js';
import { ApiError, type ApiRequest, type Route, type Schema } from './router.js';
import { API_DEFAULTS } from './services.js';

const room = { description: 'The room id, `[A-Za-z0-9_-]{1,64}`.' };
const feature = {
  description: 'The feature of the channel `ROOM/FEATURE`.',
  schema: { type: 'string', enum: [...FEATURES] },
};

/** A whole number from the query, within bounds, or the default. */
function intParam(
  request: ApiRequest,
  name: string,
  fallback: number,
  max: number,
  min = 0,
): number {
  const raw = request.query.get(name);
  if (raw === null) return fallback;
  const value = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ApiError('invalid', `${name} must be a whole number from ${min} to ${max}`, {
      details: { field: name },
    });
  }
  return value;
}

function featureOf(request: ApiRequest): FeatureName {
  const name = request.params.feature;
  if (!(FEATURES as readonly string[]).includes(name)) {
    throw new ApiError('not_found', 'no such feature', { details: { field: 'feature' } });
  }
  return name as FeatureName;
}

const limitParam = (max: number, fallback: number) => ({
  name: 'limit',
  description: `Most items returned (default ${fallback}, at most ${max}).`,
  schema: { type: 'integer', minimum: 1, maximum: max },
});

const stateResponse: Schema = {
  type: 'object',
  properties: {
    ch: { type: 'string' },
    epoch: { type: 'string', description: 'The channel’s epoch (not for presence).' },
    seq: { type: 'integer', description: 'The channel’s head: the state is as of this seq.' },
    state: {
      description:
        'The snapshot a host gets on `sub`: poll `{polls}` with counts and totals; quiz `{phase, index, question, result, leaderboard, questions…}`; qa `{questions, queue, settings}`; chat `{messages, pinned, settings}`; reactions `{emojis}`.',
    },
    count: { type: 'integer', description: 'presence: members present.' },
    members: { type: 'array', description: 'presence: the first members (hosts first).' },
  },
};

export const readRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/rooms/{room}/channels/{feature}',
    tag: 'reads',
    summary: 'A channel’s state now: poll results, the quiz, the Q&A list, presence counts…',
    params: { room, feature },
    response: stateResponse,
    handle: async (request) => {
      const name = featureOf(request);
      const { ok, frames } = await request.services.look(
        request.identity,
        request.params.room,
        name,
      );
      const ch = `${request.params.room}/${name}`;
      if (typeof ok.epoch !== 'string') {
        const list = frames.find((frame) => frame.t === 'presence');
        return { ch, count: list?.count ?? ok.count ?? 0, members: list?.members ?? [] };
      }
      return { ch, epoch: ok.epoch, seq: ok.seq, state: ok.snapshot };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/rooms/{room}/channels/{feature}/history',
    tag: 'reads',
    summary: 'A channel’s events after a seq, oldest first, a page at a time',
    description:
      'Pass `after` = the last seq you have (0 for the start); ask again with `after` = `next` until `next` is null. ' +
      'Events older than the history kept (`historyLimit`, `historyTtlMs`) are gone: the first seq is then above `after + 1`. ' +
      'If `epoch` changes (a relay on a memory store restarted), the seqs start again from 1.',
    params: { room, feature },
    query: [
      {
        name: 'after',
        description: 'The last seq already read (default 0).',
        schema: { type: 'integer', minimum: 0 },
      },
      limitParam(API_DEFAULTS.historyLimitMax, API_DEFAULTS.historyLimit),
    ],
    response: {
      type: 'object',
      required: ['ch', 'epoch', 'head', 'events', 'next'],
      properties: {
        ch: { type: 'string' },
        epoch: { type: 'string' },
        head: { type: 'integer' },
        events: {
          type: 'array',
          items: {
            type: 'object',
            description: 'An `ev` frame without `t` and `ch`: `{seq, type, data, ts, from?}`.',
          },
        },
        next: { type: ['integer', 'null'], description: '`after` for the next page, or null.' },
      },
    },
    handle: (request) => {
      const name = featureOf(request);
      const after = intParam(request, 'after', 0, Number.MAX_SAFE_INTEGER);
      const limit = intParam(
        request,
        'limit',
        API_DEFAULTS.historyLimit,
        API_DEFAULTS.historyLimitMax,
        1,
      );
      return request.services.history(request.identity, request.params.room, name, after, limit);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/rooms/{room}/quiz/players',
    tag: 'reads',
    summary: 'Every player of the quiz’s game with score and rank, a page at a time',
    params: { room },
    query: [
      {
        name: 'offset',
        description: 'Players to skip (ranked, best first).',
        schema: { type: 'integer', minimum: 0 },
      },
      limitParam(1_000, 100),
    ],
    response: {
      type: 'object',
      properties: {
        game: { type: 'integer' },
        total: { type: 'integer' },
        players: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              userId: { type: 'string' },
              name: { type: 'string' },
              score: { type: 'integer' },
              rank: { type: ['integer', 'null'] },
              streak: { type: 'integer' },
              lastCorrect: { type: 'boolean' },
              lastPoints: { type: 'integer' },
            },
          },
        },
      },
    },
    handle: (request) =>
      request.services.read(request.identity, request.params.room, 'quiz', 'players', {
        offset: intParam(request, 'offset', 0, 1_000_000),
        limit: intParam(request, 'limit', 100, 1_000, 1),
      }),
  },
];
