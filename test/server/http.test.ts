/**
 * The relay's HTTP side: health, dev tokens only in demo mode, and no token ever taken from a URL
 * (PROTOCOL.md: Auth).
 */
import assert from 'node:assert/strict';
import { get as httpGet } from 'node:http';
import { connect } from 'node:net';
import { describe, test } from 'node:test';
import { WebSocket } from 'ws';
import { SUBPROTOCOL } from '../../src/protocol/index.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';
import { withRelay } from '../helpers/fresh-relay.js';
import { rawHttp } from '../helpers/raw-http.js';

const postJson = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A GET of `path` exactly as written (fetch would normalise a bad escape away). */
function rawGet(
  base: string,
  path: string,
): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = httpGet({ hostname, port, path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          type: String(response.headers['content-type']),
          body,
        }),
      );
    });
    request.on('error', reject);
  });
}

/** Paths that are not valid percent-encoding get 400 with a JSON error, and the relay answers on. */
async function assertBadEscapesRefused(httpUrl: string): Promise<void> {
  for (const path of ['/api/%E0', '/api/v1/rooms/%E0%A4/export', '/%ZZhealthz', '/x%']) {
    const answer = await rawGet(httpUrl, path);
    assert.equal(answer.status, 400, path);
    assert.match(answer.type, /^application\/json/);
    const { error } = JSON.parse(answer.body) as { error: { code: string; message: string } };
    assert.equal(error.code, 'invalid', path);
  }
  const healthy = await fetch(`${httpUrl}/healthz`);
  assert.equal(healthy.status, 200, 'the relay answers on');
  await healthy.arrayBuffer();
}

/** Resolves once the relay's log matches `pattern`. */
async function logged(process: RelayProcess, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 100 && !pattern.test(process.output()); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.match(process.output(), pattern);
}

/** The status and body of an upgrade to `url`, and the socket closed. */
function upgrade(url: string): Promise<{ status: number; body: string }> {
  const ws = new WebSocket(url, SUBPROTOCOL);
  return new Promise((resolve, reject) => {
    ws.on('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.on('error', (error) => reject(error));
  });
}

describe('http', () => {
  const { relay, clients } = withRelay();

  test('GET /healthz answers 200 with JSON', async () => {
    const response = await fetch(`${relay.httpUrl}/healthz`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.ok, true);
    assert.equal(typeof body.connections, 'number');
  });

  test('a path that is not valid percent-encoding answers 400 with a JSON error', async () => {
    await assertBadEscapesRefused(relay.httpUrl);
  });

  test('an unknown path answers 404', async () => {
    const response = await fetch(`${relay.httpUrl}/no/such/page`);
    assert.equal(response.status, 404);
    await response.arrayBuffer();
  });

  test('/dev/token answers 404 without --demo', async () => {
    const response = await postJson(`${relay.httpUrl}/dev/token`, { name: 'Eve', role: 'host' });
    assert.equal(response.status, 404);
    const body = await response.text();
    assert.doesNotMatch(body, /eyJ/, 'no token in the body');
  });

  test('a WebSocket upgrade on another path than /live is refused', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${relay.port}/other`, SUBPROTOCOL);
    const status = await new Promise<number>((resolve, reject) => {
      ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      ws.on('open', () => reject(new Error('upgrade accepted')));
      ws.on('error', () => {});
    });
    ws.terminate();
    assert.equal(status, 404);
  });

  describe('a token in the WebSocket URL', () => {
    test('is refused with 400 before any socket opens; the body says the token goes in hello', async () => {
      const token = relay.token({ sub: 'url-host', role: 'host' });
      const urls = [
        `${relay.url}?token=${token}`,
        `${relay.url}?access_token=${token}`,
        `${relay.url}?jwt=${token}`,
        `${relay.url}?room=a&Token=${token}`,
        `${relay.url}?auth=${token}`, // a JWT under any name
        `${relay.url}?${token}`, // a JWT as a name without value
      ];
      for (const url of urls) {
        const { status, body } = await upgrade(url);
        assert.equal(status, 400, url);
        const { error } = JSON.parse(body) as { error: { code: string; message: string } };
        assert.equal(error.code, 'invalid');
        assert.match(error.message, /hello/);
        assert.ok(!body.includes(token), 'the body does not repeat the token');
      }
      assert.equal((await upgrade(`${relay.url}?token=`)).status, 400, 'an empty token');
      await logged(relay, /refused: token in the URL/);
      assert.ok(!relay.output().includes(token), 'the log never holds the token');
    });

    test('does not hold back a URL whose query carries no token', async () => {
      assert.equal((await upgrade(`${relay.url}?v=2&room=stream-42`)).status, 101);
      const client = await clients.join({ anon: { key: 'url-test-key-0123456789' } });
      assert.match(client.welcome.user.id, /^anon-/);
    });

    test('a token in the path is not logged either', async () => {
      // A relay of its own: a refusal of each kind is logged once a minute.
      const own = await startRelay({ memory: true });
      try {
        const token = own.token({ sub: 'path-host', role: 'host' });
        assert.equal((await upgrade(`${own.url}/${token}`)).status, 404);
        await logged(own, /refused: not found/);
        assert.ok(!own.output().includes(token), 'the log never holds the token');
      } finally {
        await own.dispose();
      }
    });
  });
});

describe('refused upgrades whose client cuts the connection', () => {
  const { relay } = withRelay({
    memory: true,
    args: ['--allowed-origins', 'https://site.example'],
  });

  /** An upgrade request written on a plain socket, which is reset as soon as it has left. */
  const cutUpgrade = (path: string, origin: string) =>
    new Promise<void>((resolve) => {
      const socket = connect(relay.port, '127.0.0.1', () => {
        socket.write(
          `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n` +
            'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
            `Sec-WebSocket-Version: 13\r\nOrigin: ${origin}\r\n\r\n${'x'.repeat(65_536)}`,
        );
        socket.resetAndDestroy();
        resolve();
      });
      socket.on('error', () => resolve());
    });

  test('a 403 or 404 the client never reads does not reach the process: the relay answers on', async () => {
    for (let i = 0; i < 200; i++) {
      await cutUpgrade(i % 2 ? '/other' : '/live', 'https://evil.example');
    }
    const response = await fetch(`${relay.httpUrl}/healthz`);
    assert.equal(response.status, 200);
    await response.json();
    assert.equal(relay.process.exitCode, null, 'the relay lives');
  });
});

describe('http in demo mode', () => {
  const { relay, clients } = withRelay({ memory: true, args: ['--demo'] });

  test('POST /dev/token issues a token the relay accepts', async () => {
    const response = await postJson(`${relay.httpUrl}/dev/token`, { name: 'Hana', role: 'host' });
    assert.equal(response.status, 200);
    const { token } = (await response.json()) as { token: string };
    assert.equal(typeof token, 'string');
    const client = await clients.join({ token });
    assert.equal(client.welcome.user.name, 'Hana');
    assert.equal(client.welcome.user.role, 'host');
  });

  describe('the /dev/token body', () => {
    test('over 4 KiB answers 413, and the relay answers on', async () => {
      const response = await postJson(`${relay.httpUrl}/dev/token`, {
        name: 'x'.repeat(5_000),
        role: 'host',
      });
      assert.equal(response.status, 413);
      assert.doesNotMatch(await response.text(), /eyJ/, 'no token in the body');
      assert.equal((await postJson(`${relay.httpUrl}/dev/token`, { name: 'Ada' })).status, 200);
    });

    test('that is not JSON answers 400', async () => {
      const response = await fetch(`${relay.httpUrl}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":',
      });
      assert.equal(response.status, 400);
      assert.deepEqual(await response.json(), { error: 'body must be JSON {name, role}' });
    });

    test('sent slowly in pieces is read whole', async () => {
      const answer = await rawHttp(relay.httpUrl, {
        path: '/dev/token',
        headers: { 'content-type': 'application/json' },
        pieces: ['{"name":', '"Slow",', '"role":"host"}'],
        pauseMs: 50,
      });
      assert.equal(answer.status, 200);
      assert.match(answer.text, /"token":"eyJ/);
    });

    test('cut off midway does no harm: the relay answers the next request', async () => {
      const answer = await rawHttp(relay.httpUrl, {
        path: '/dev/token',
        headers: { 'content-type': 'application/json' },
        pieces: ['{"name":"Cut'],
        declared: 100,
        abort: true,
      });
      assert.equal(answer.status, 0, 'no answer to a request cut off');
      const next = await postJson(`${relay.httpUrl}/dev/token`, { name: 'Next', role: 'host' });
      assert.equal(next.status, 200);
      const { token } = (await next.json()) as { token: string };
      assert.equal((await clients.join({ token })).welcome.user.name, 'Next');
    });
  });

  test('GET /healthz still answers 200', async () => {
    const response = await fetch(`${relay.httpUrl}/healthz`);
    assert.equal(response.status, 200);
    await response.json();
  });

  test('a path that is not valid percent-encoding answers 400 with a JSON error', async () => {
    await assertBadEscapesRefused(relay.httpUrl);
  });

  test('an unknown path answers 404', async () => {
    const response = await fetch(`${relay.httpUrl}/no-such-file.html`);
    assert.equal(response.status, 404);
    await response.arrayBuffer();
  });
});
