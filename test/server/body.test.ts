/**
 * The bounded body reader (`server/body.ts`) on a real HTTP server and socket: every way a body
 * can go wrong is one answer, and none keeps the connection.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { BodyError, readJsonBody } from '../../server/body.js';
import { rawHttp } from '../helpers/raw-http.js';

describe('readJsonBody', () => {
  let server: Server;
  let base: string;
  /** What each request's read ended with, in order. */
  const outcomes: unknown[] = [];

  before(async () => {
    server = createServer((request, response) => {
      readJsonBody(request, response, { maxBytes: 64, timeoutMs: 300 }).then(
        (body) => {
          outcomes.push({ body });
          response.end(JSON.stringify({ body }));
        },
        (error: BodyError) => {
          outcomes.push(error.fault);
          response.writeHead(error.status).end(error.fault);
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (pieces: string[], extra: Partial<Parameters<typeof rawHttp>[1]> = {}) =>
    rawHttp(base, { path: '/', pieces, ...extra });

  test('a body sent in pieces is read whole', async () => {
    const answer = await post(['{"name":', '"Hana",', '"role":"host"}'], { pauseMs: 30 });
    assert.equal(answer.status, 200);
    assert.match(answer.text, /"body":\{"name":"Hana","role":"host"\}/);
  });

  test('an empty body is undefined', async () => {
    const answer = await post([]);
    assert.equal(answer.status, 200);
    assert.deepEqual(outcomes.at(-1), { body: undefined });
  });

  test('a body that is not JSON is not_json (400)', async () => {
    assert.equal((await post(['{"name":'])).status, 400);
    assert.equal(outcomes.at(-1), 'not_json');
  });

  test('another content-type is refused unread (400)', async () => {
    const answer = await post(['name=Hana'], { headers: { 'content-type': 'text/plain' } });
    assert.equal(answer.status, 400);
    assert.equal(outcomes.at(-1), 'type');
  });

  test('a body over the bound is too_large (413), whether declared or sent', async () => {
    const big = `"${'x'.repeat(100)}"`;
    assert.equal((await post([big])).status, 413);
    assert.equal(outcomes.at(-1), 'too_large');
    // Sent in chunks with no length declared: counted as it comes, and the rest drained.
    const chunks = [big.slice(0, 40), big.slice(40, 80), big.slice(80)];
    assert.equal((await post(chunks, { chunked: true, pauseMs: 20 })).status, 413);
    assert.equal(outcomes.at(-1), 'too_large');
  });

  test(
    'a body that stops coming is timeout (408) and its connection is closed',
    { timeout: 10_000 },
    async () => {
      // Declares 50 bytes, sends 5 and waits, asking to keep the connection: the answer comes,
      // then the server closes it (else `rawHttp` would wait for ever: the test times out).
      const answer = await post(['{"a":'], { declared: 50, headers: { connection: 'keep-alive' } });
      assert.equal(answer.status, 408);
      assert.match(answer.text, /connection: close/i);
      assert.equal(outcomes.at(-1), 'timeout');
    },
  );

  test('a body cut off midway is aborted, and the server reads the next one', async () => {
    const count = outcomes.length;
    const answer = await post(['{"a":'], { declared: 50, abort: true });
    assert.equal(answer.status, 0);
    await waitFor(() => outcomes.length > count);
    assert.equal(outcomes.at(-1), 'aborted');
    assert.equal((await post(['{"a":1}'])).status, 200);
  });
});

async function waitFor(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}
