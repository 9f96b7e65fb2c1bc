/**
 * The relay's HTTP side: health, metrics, the HTTP API (`api/`), and in demo mode the demo pages,
 * the built kit and dev tokens.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { ROLES, type Role } from '../src/protocol/index.js';
import { Api } from './api/index.js';
import type { WebhookStatusSource } from './api/webhooks.js';
import { signToken } from './auth.js';
import { BodyError, readJsonBody } from './body.js';
import type { RelayConfig } from './limits.js';
import type { Relay } from './relay.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
/** Dev tokens last a working day. */
const DEV_TOKEN_TTL_S = 12 * 60 * 60;
const BODY_MAX_BYTES = 4096;

export interface HttpOptions {
  /** Folders served under URL prefixes in demo mode, e.g. `{'/': 'demo', '/dist/': 'dist'}`. */
  mounts: Record<string, string>;
  /** The relay's webhooks, for `GET /api/v1/webhooks`; none when none are configured. */
  webhooks?: WebhookStatusSource | null;
}

export function createHttpServer(relay: Relay, config: RelayConfig, options: HttpOptions): Server {
  const api = new Api(relay, undefined, { webhooks: options.webhooks });
  const server = createServer((request, response) => {
    handle(request, response).catch(() => send(response, 500, { error: 'internal' }));
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const raw = (request.url ?? '/').split('?')[0];
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      // `%E0` and the like: the client's mistake, answered as the API answers one.
      return send(response, 400, {
        error: { code: 'invalid', message: 'the path is not valid percent-encoding' },
      });
    }
    if (path === '/healthz') {
      // A relay whose store failed is unhealthy at once, for as long as it takes to exit; one
      // shutting down is too, so a load balancer stops sending it viewers.
      const ok = !relay.failed && !relay.closing;
      return send(response, ok ? 200 : 503, { ok, ...relay.stats() });
    }
    if (path === '/readyz') {
      // Readiness, for a load balancer or Kubernetes: healthy, and room for one more socket. A
      // full relay is alive (no restart) but should get no new viewers.
      const { connections } = relay.stats();
      const full = config.maxConnections > 0 && connections >= config.maxConnections;
      const ready = !relay.failed && !relay.closing && !full;
      return send(response, ready ? 200 : 503, { ready, full, connections });
    }
    if (path === '/metrics') {
      const body = await relay.metrics.registry.metrics();
      response.writeHead(200, {
        'content-type': relay.metrics.registry.contentType,
        'cache-control': 'no-store',
      });
      return void response.end(body);
    }
    if (api.handles(path)) return api.handle(request, response);
    if (!config.demo) return send(response, 404, { error: 'not found' });
    if (path === '/dev/token' && request.method === 'POST') {
      return devToken(request, response);
    }
    if (path === '/dev/relays') {
      // Demo only: every relay of the cluster (or just this one), so the demo page lists them all.
      return send(response, 200, { relays: await relay.relayUrls() });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, { error: 'method not allowed' });
    }
    serveStatic(path, response);
  }

  /**
   * Demo only: a token for any name and role, so the host console can be tried. The relay
   * chooses the `sub` (`dev-ROLE-NAME`): a caller can never name a real user's id.
   */
  async function devToken(request: IncomingMessage, response: ServerResponse) {
    const refused = (status = 400, error = 'body must be JSON {name, role}') =>
      send(response, status, { error });
    let body: { name?: unknown; role?: unknown };
    try {
      body = (await readJsonBody(request, response, { maxBytes: BODY_MAX_BYTES })) as typeof body;
    } catch (error) {
      const tooMuch =
        error instanceof BodyError && (error.fault === 'too_large' || error.fault === 'timeout');
      return tooMuch ? refused(error.status, error.message) : refused();
    }
    if (typeof body !== 'object' || body === null) return refused();
    const role = (ROLES.includes(body.role as Role) ? body.role : 'audience') as Role;
    const name =
      typeof body.name === 'string' && body.name.trim() ? body.name.trim().slice(0, 40) : 'Host';
    const sub = `dev-${role}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    const token = signToken(config.secret, { sub, name, role, rooms: ['*'] }, DEV_TOKEN_TTL_S);
    send(response, 200, { token });
  }

  function serveStatic(path: string, response: ServerResponse) {
    const prefix = Object.keys(options.mounts)
      .sort((a, b) => b.length - a.length)
      .find((p) => path.startsWith(p));
    if (!prefix) return send(response, 404, { error: 'not found' });
    const root = resolve(options.mounts[prefix]);
    let file = resolve(join(root, path.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + sep))
      return send(response, 404, { error: 'not found' });
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
    } catch {
      return send(response, 404, { error: 'not found' });
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    createReadStream(file).pipe(response);
  }

  return server;
}

function send(response: ServerResponse, status: number, body: unknown) {
  if (response.headersSent) return void response.end();
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
