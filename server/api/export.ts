/**
 * The export area: `GET /api/v1/rooms/{room}/export?format=json|csv&kind=…&from=&to=`, a room's
 * record (`../export/`) as a download, streamed from the store with backpressure. The server key
 * or a host or moderator token for the room may call it; the host console does, cross-origin,
 * with its token (the router answers the CORS preflight).
 */
import { ROOM_PATTERN } from '../../src/protocol/index.js';
import { mayEnter } from '../auth.js';
import { EXPORT_KINDS, exportRoom, type ExportFormat, type ExportKind } from '../export/export.js';
import { exportSource } from '../export/source.js';
import { fault } from '../log.js';
import type { Relay } from '../relay.js';
import { ApiError, StreamedAnswer, type ApiRequest, type Route } from './router.js';

/** Exports running at once on one relay: each holds a read snapshot and a share of the disk. */
export const EXPORTS_AT_ONCE = 2;
/** When a refused export may try again. */
const BUSY_RETRY_MS = 5_000;

const running = new WeakMap<Relay, number>();

interface ExportQuery {
  format: ExportFormat;
  kinds: ExportKind[];
  from?: number;
  to?: number;
}

function invalid(field: string, message: string): ApiError {
  return new ApiError('invalid', message, { details: { field } });
}

function parseTime(request: ApiRequest, name: 'from' | 'to'): number | undefined {
  const raw = request.query.get(name);
  if (raw === null || raw === '') return undefined;
  const ms = /^\d{1,15}$/.test(raw) ? Number(raw) : raw.length <= 64 ? Date.parse(raw) : NaN;
  if (!Number.isFinite(ms)) {
    throw invalid(name, `${name} must be ms since the epoch or an ISO 8601 time`);
  }
  return ms;
}

function parseQuery(request: ApiRequest): ExportQuery {
  const format = request.query.get('format') ?? 'json';
  if (format !== 'json' && format !== 'csv') throw invalid('format', 'format must be json or csv');
  const given = request.query.get('kind');
  const kinds = given
    ? given.slice(0, 64).split(',')
    : format === 'csv'
      ? ['chat']
      : [...EXPORT_KINDS];
  if (
    kinds.length > EXPORT_KINDS.length ||
    !kinds.every((k) => (EXPORT_KINDS as readonly string[]).includes(k))
  ) {
    throw invalid('kind', `kind must be one of ${EXPORT_KINDS.join(', ')}`);
  }
  if (new Set(kinds).size !== kinds.length) throw invalid('kind', 'kind names a kind twice');
  if (format === 'csv' && kinds.length !== 1) throw invalid('kind', 'a CSV export takes one kind');
  const from = parseTime(request, 'from');
  const to = parseTime(request, 'to');
  if (from !== undefined && to !== undefined && from > to)
    throw invalid('from', 'from is after to');
  return { format, kinds: kinds as ExportKind[], from, to };
}

async function handleExport(request: ApiRequest): Promise<StreamedAnswer> {
  const { room } = request.params;
  if (!ROOM_PATTERN.test(room)) {
    throw invalid('room', 'room must match [A-Za-z0-9_-]{1,64}');
  }
  // Other routes are checked by the socket's path (`sub`, `op`); an export reads the store
  // directly, so the token's rooms are checked here.
  if (!mayEnter(request.identity, room)) {
    throw new ApiError('forbidden', 'the token does not grant this room');
  }
  const query = parseQuery(request);
  const relay = request.services.relay;
  const now = running.get(relay) ?? 0;
  if (now >= EXPORTS_AT_ONCE) {
    throw new ApiError('rate_limited', 'exports are running: try again shortly', {
      retryAfterMs: BUSY_RETRY_MS,
    });
  }
  const source = exportSource(relay.engine);
  running.set(relay, now + 1);
  const name = `hubbub-${room}-${query.kinds.length === 1 ? query.kinds[0] : 'export'}.${query.format}`;
  return new StreamedAnswer(
    query.format === 'csv'
      ? 'text/csv; charset=utf-8; header=present'
      : 'application/json; charset=utf-8',
    exportRoom(source, { room, ...query }),
    { 'content-disposition': `attachment; filename="${name}"` },
    () => {
      running.set(relay, (running.get(relay) ?? 1) - 1);
      try {
        source.close();
      } catch (error) {
        fault('export close', error);
      }
    },
  );
}

const timeSchema = {
  description: 'ms since the epoch, or an ISO 8601 time',
  oneOf: [
    { type: 'integer', minimum: 0 },
    { type: 'string', format: 'date-time' },
  ],
};

export const exportRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/v1/rooms/{room}/export',
    tag: 'export',
    summary: 'A room’s record as a download: chat, polls, quiz, Q&A, moderation log',
    description: `Streamed from the store (a day of a busy room never sits in memory). JSON takes any kinds (all by default): \`{room, from, to, exportedAt, chat: […], polls: […], …}\`; CSV takes one (\`chat\` by default), RFC 4180 with a header row, text cells that would start a formula prefixed with \`'\`. At most ${EXPORTS_AT_ONCE} exports run at once per relay (429 with \`Retry-After\`). A failure after the first byte cuts the connection (an incomplete body, never a short one taken whole). The server key, or a host or moderator token whose \`rooms\` grant the room.`,
    params: { room: { description: 'The room id, `[A-Za-z0-9_-]{1,64}`.' } },
    query: [
      {
        name: 'format',
        description: '`json` (default) or `csv`.',
        schema: { type: 'string', enum: ['json', 'csv'], default: 'json' },
      },
      {
        name: 'kind',
        description: `Comma list of ${EXPORT_KINDS.join(', ')} (JSON: any, default all; CSV: one, default chat).`,
        schema: { type: 'string', maxLength: 64 },
      },
      { name: 'from', description: 'Rows at or after this time.', schema: timeSchema },
      { name: 'to', description: 'Rows at or before this time.', schema: timeSchema },
    ],
    contentTypes: ['application/json', 'text/csv'],
    response: {
      type: 'object',
      description:
        'JSON: `room`, `from`, `to`, `exportedAt` and one array per kind asked for; CSV: the rows of the one kind.',
      properties: {
        room: { type: 'string' },
        from: { type: ['string', 'null'] },
        to: { type: ['string', 'null'] },
        exportedAt: { type: 'string' },
        ...Object.fromEntries(
          EXPORT_KINDS.map((kind) => [kind, { type: 'array', items: { type: 'object' } }]),
        ),
      },
    },
    handle: handleExport,
  },
];
