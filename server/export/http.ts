/**
 * `GET /api/v1/rooms/{room}/export?format=json|csv&kind=chat,polls,quiz,qa,modlog&from=&to=`:
 * a room's export as a download, streamed with backpressure from the store. `from` and `to` are
 * ms since the epoch or ISO 8601 times. JSON takes any kinds (all by default); CSV one (chat by
 * default). Authorized by `api-key.ts`; a page of another origin (the host console embedded in
 * the site) may call it when the relay allows that origin.
 *
 * A temporary mount: the server API (issue 15, item 1) is where it belongs once merged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ROOM_PATTERN } from '../../src/protocol/index.js';
import { authorizeRoom } from '../api-key.js';
import { fault } from '../log.js';
import type { Relay } from '../relay.js';
import { EXPORT_KINDS, exportRoom, type ExportFormat, type ExportKind } from './export.js';
import { exportSource } from './source.js';

export const EXPORT_PATH = /^\/api\/v1\/rooms\/([^/]+)\/export$/;

/** Exports running at once on one relay: each holds a read snapshot and a share of the disk. */
const MAX_RUNNING = 2;
let running = 0;

type Query = { format: ExportFormat; kinds: ExportKind[]; from?: number; to?: number };

function parseTime(raw: string | null, name: string): number | undefined | string {
  if (raw === null || raw === '') return undefined;
  const ms = /^\d{1,15}$/.test(raw) ? Number(raw) : Date.parse(raw);
  return Number.isFinite(ms) ? ms : `${name} must be ms since the epoch or an ISO 8601 time`;
}

function parseQuery(params: URLSearchParams): Query | string {
  const format = params.get('format') ?? 'json';
  if (format !== 'json' && format !== 'csv') return 'format must be json or csv';
  const given = params.get('kind');
  const kinds = given ? given.split(',') : format === 'csv' ? ['chat'] : [...EXPORT_KINDS];
  if (
    kinds.length > EXPORT_KINDS.length ||
    !kinds.every((k) => EXPORT_KINDS.includes(k as ExportKind))
  ) {
    return `kind must be one of ${EXPORT_KINDS.join(', ')}`;
  }
  if (new Set(kinds).size !== kinds.length) return 'kind names a kind twice';
  if (format === 'csv' && kinds.length !== 1) return 'a CSV export takes one kind';
  const from = parseTime(params.get('from'), 'from');
  const to = parseTime(params.get('to'), 'to');
  if (typeof from === 'string') return from;
  if (typeof to === 'string') return to;
  if (from !== undefined && to !== undefined && from > to) return 'from is after to';
  return { format, kinds: kinds as ExportKind[], from, to };
}

function cors(request: IncomingMessage, response: ServerResponse, relay: Relay): void {
  const origin = request.headers.origin;
  if (origin && relay.admission.originAllowed(origin)) {
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('access-control-allow-headers', 'authorization');
    response.setHeader('access-control-expose-headers', 'content-disposition');
    response.setHeader('vary', 'origin');
  }
}

function refuse(response: ServerResponse, status: number, error: string, headers = {}): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(JSON.stringify({ error }));
}

export async function handleExport(
  request: IncomingMessage,
  response: ServerResponse,
  relay: Relay,
  room: string,
): Promise<void> {
  cors(request, response, relay);
  if (request.method === 'OPTIONS') {
    response.setHeader('access-control-allow-methods', 'GET');
    return void response.writeHead(204).end();
  }
  if (request.method !== 'GET') return refuse(response, 405, 'GET only', { allow: 'GET' });
  if (!ROOM_PATTERN.test(room)) return refuse(response, 400, 'room must match [A-Za-z0-9_-]{1,64}');
  const access = authorizeRoom(request, room, {
    apiKey: process.env.HUBBUB_API_KEY,
    secret: relay.config.secret,
  });
  if (!access.ok) return refuse(response, access.status, access.error);
  const query = parseQuery(new URL(request.url ?? '/', 'http://relay').searchParams);
  if (typeof query === 'string') return refuse(response, 400, query);
  if (running >= MAX_RUNNING) {
    return refuse(response, 429, 'exports are running: try again shortly', { 'retry-after': '5' });
  }
  running++;
  const source = exportSource(relay.engine);
  try {
    const name = `hubbub-${room}-${query.kinds.length === 1 ? query.kinds[0] : 'export'}.${query.format}`;
    response.writeHead(200, {
      'content-type':
        query.format === 'csv'
          ? 'text/csv; charset=utf-8; header=present'
          : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    await pipeline(Readable.from(exportRoom(source, { room, ...query })), response);
  } catch (error) {
    // A reader that went away is no fault; anything else cuts the download short, visibly.
    if (!response.destroyed || (error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
      fault('export', error);
    }
    response.destroy();
  } finally {
    running--;
    try {
      source.close();
    } catch (error) {
      fault('export close', error);
    }
  }
}
