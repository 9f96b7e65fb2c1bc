/**
 * The API's router as an area (export, webhooks) will use it: routes registered from a `Route[]`,
 * documented in the OpenAPI document at once, answered through the shared auth, and a streamed
 * answer written as it is produced. A real relay in this process (`createRelay`) and real HTTP.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_USER_ID } from '../../server/api/auth.js';
import { EXPORTS_AT_ONCE, exportRoutes } from '../../server/api/export.js';
import { Api, AREAS } from '../../server/api/index.js';
import {
  ApiError,
  Router,
  StreamedAnswer,
  type ApiRequest,
  type Route,
} from '../../server/api/router.js';
import { ApiServices } from '../../server/api/services.js';
import { createRelay, type RunningRelay } from '../../server/create-relay.js';

const KEY = 'router-api-key-0123456789';
const LINES = 10_000;

async function* lines() {
  for (let i = 0; i < LINES; i++) yield `line ${i}\n`;
}

const exportRoute: Route = {
  method: 'GET',
  path: '/api/v1/rooms/{room}/export/lines',
  tag: 'export',
  summary: 'Every line, streamed',
  params: { room: { description: 'The room.' } },
  response: { type: 'string' },
  contentTypes: ['text/plain'],
  handle: async (request) =>
    new StreamedAnswer('text/plain; charset=utf-8', lines(), {
      'content-disposition': `attachment; filename="${request.params.room}.txt"`,
    }),
};

describe('api router: an area of routes', () => {
  let running: RunningRelay;
  let server: Server;
  let base = '';

  before(async () => {
    running = await createRelay({
      secret: 's3cret',
      apiKey: KEY,
      memory: true,
      port: 0,
      host: '127.0.0.1',
    });
    const api = new Api(running.relay, [...AREAS, [exportRoute]]);
    server = createServer((request, response) => void api.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  after(async () => {
    server.close();
    await running.close();
  });

  test('a registered route is served, behind the shared auth, and streams its answer', async () => {
    const refused = await fetch(`${base}/api/v1/rooms/r1/export/lines`);
    assert.equal(refused.status, 401);
    await refused.arrayBuffer();
    const response = await fetch(`${base}/api/v1/rooms/r1/export/lines`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(response.headers.get('content-disposition'), 'attachment; filename="r1.txt"');
    const text = await response.text();
    const got = text.trimEnd().split('\n');
    assert.equal(got.length, LINES);
    assert.equal(got[LINES - 1], `line ${LINES - 1}`);
  });

  test('it is in the OpenAPI document with its media type', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
    };
    const operation = doc.paths['/api/v1/rooms/{room}/export/lines']?.get;
    assert.ok(operation);
    assert.deepEqual(Object.keys(operation.responses['200'].content ?? {}), ['text/plain']);
  });

  test('a route registered twice is refused at start', () => {
    assert.throws(() => new Router().add([exportRoute, exportRoute]), /registered twice/);
  });
});

describe('api export area: exports at once', () => {
  test(`at most ${EXPORTS_AT_ONCE} run at once; a slot frees when an answer is done`, async () => {
    const running = await createRelay({
      secret: 's3cret',
      memory: true,
      port: 0,
      host: '127.0.0.1',
    });
    try {
      const services = new ApiServices(running.relay);
      const request: ApiRequest = {
        params: { room: 'r1' },
        query: new URLSearchParams('format=json&kind=chat'),
        body: undefined,
        header: () => undefined,
        identity: {
          kind: 'key',
          principal: 'key',
          user: { id: SYSTEM_USER_ID, name: 'System', role: 'host' },
          rooms: ['*'],
          expiresAt: null,
        },
        services,
      };
      const [route] = exportRoutes;
      // Answers taken but not yet written hold their slots, as a slow download does.
      const held: StreamedAnswer[] = [];
      for (let i = 0; i < EXPORTS_AT_ONCE; i++) {
        held.push((await route.handle(request)) as StreamedAnswer);
      }
      await assert.rejects(
        route.handle(request),
        (error) =>
          error instanceof ApiError && error.status === 429 && (error.extra.retryAfterMs ?? 0) > 0,
      );
      held.pop()!.done();
      const next = (await route.handle(request)) as StreamedAnswer;
      assert.ok(next instanceof StreamedAnswer, 'the freed slot is taken');
      for (const answer of [...held, next]) answer.done();
    } finally {
      await running.close();
    }
  });
});
