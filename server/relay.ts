/**
 * The relay: accepts sockets on `/live`, keeps them alive (heartbeat, deadlines) and sweeps what
 * they leave behind; their frames are handled in `handlers.ts` and go to the port of each room:
 * this relay's `Rooms` when it decides for the room, or the relay of the cluster that does. It
 * knows no feature: the CLI gives it the features it serves.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  CloseCode,
  SUBPROTOCOL,
  TOKEN_PARAM,
  type Role,
  type SubFrame,
} from '../src/protocol/index.js';
import { Admission, type SharedAddresses } from './admission.js';
import { mayEnter } from './auth.js';
import type { Audience } from './channels/channel.js';
import { Channels } from './channels/registry.js';
import { Writer } from './channels/writer.js';
import { Client } from './client.js';
import { Handlers } from './handlers.js';
import type { Engine } from './engines/engine.js';
import type { FeatureModule } from './features/feature.js';
import type { RelayConfig } from './limits.js';
import { fault, guard, log, logRefusal } from './log.js';
import { Metrics, tally } from './metrics.js';
import { LocalPort, type Port } from './ports.js';
import { roleRank } from './roles.js';
import { Rooms } from './rooms.js';
import { Sessions, type SessionStore } from './sessions.js';
import { nextTurn, sliced, SWEEP_SLICE_MS } from './sweep.js';
import * as wire from './wire.js';

/**
 * How often history, outcomes, sessions and rate limiters are swept, at most; idle channels
 * are looked for twice per `channelIdleMs`.
 */
const SWEEP_INTERVAL_MS = 10_000;

export interface RelayStats {
  connections: number;
  channels: number;
  engine: string;
  uptimeMs: number;
}

/** What a relay of a cluster asks of the cluster (see `cluster/cluster.ts`). */
export interface ClusterLink {
  /** The port of a room: local when this relay decides for it, else the deciding relay's. */
  portFor(room: string): Promise<Port>;
  /**
   * A sub frame arrived for a socket: for a room another relay decides for, that relay is asked
   * now rather than at the frame's turn. Returns what the turn calls when done, if it asked.
   */
  ahead(client: Client, frame: SubFrame): (() => void) | undefined;
  /** Sends a frame that is not an event to the other relays' subscribers of a channel. */
  publish(room: string, ch: string, json: string, audience: Audience): void;
  /** The rules of a room changed: the other relays check their sockets in it. */
  recheck(room: string): void;
  /** The rooms this relay owns. */
  readonly ownedRooms: number;
  /** Where clients reach every relay alive. */
  relayUrls(): Promise<string[]>;
  /** Sessions shared by the relays. */
  readonly sessions: SessionStore;
  /** Per-address limits' counts shared by the relays. */
  readonly addresses: SharedAddresses;
  /** Commits of these rooms were refused (another relay owns them now): look the owner up again. */
  lost(rooms: ReadonlySet<string>): void;
  /** Forgets rooms this relay no longer uses: gives them up if it owns them. */
  sweep(): Promise<void>;
  /** Hands this relay's rooms over and leaves the cluster (a graceful stop). */
  leave(): Promise<void>;
  close(): Promise<void>;
}

export interface RelayOptions {
  /** Called once when the store fails: the relay has stopped serving and must be restarted. */
  onFatal?: (error: unknown) => void;
  /** Makes the relay one of a cluster, given what it serves (a Redis engine). */
  cluster?: (relay: Relay) => ClusterLink;
}

export class Relay {
  readonly wss: WebSocketServer;
  readonly channels: Channels;
  readonly writer: Writer;
  readonly sessions: Sessions;
  readonly admission: Admission;
  /** The rooms this relay decides for. */
  readonly rooms: Rooms;
  /** The port of the rooms this relay decides for. */
  readonly local: LocalPort;
  readonly cluster: ClusterLink | null;
  readonly metrics: Metrics;
  /** What it does with each socket's frames. */
  readonly handlers = new Handlers(this);
  #clients = new Set<Client>();
  #timers: NodeJS.Timeout[] = [];
  #startedAt = Date.now();
  #closing = false;
  #sweeping = false;
  /** Set when the store failed: health turns bad at once and the relay stops serving. */
  failed = false;

  constructor(
    readonly config: RelayConfig,
    readonly engine: Engine,
    /** The features it serves, by name (the CLI passes `server/features/index.ts`). */
    readonly features: ReadonlyMap<string, FeatureModule>,
    private options: RelayOptions = {},
  ) {
    this.metrics = new Metrics({
      connections: () => this.#clients.size,
      subscriptions: () => {
        let n = 0;
        for (const client of this.#clients) n += client.subscriptions.size;
        return n;
      },
      channels: () => {
        let primary = 0;
        for (const channel of this.channels.values()) if (channel.primary) primary++;
        return { primary, replica: this.channels.size - primary };
      },
      rooms: () =>
        this.cluster?.ownedRooms ?? new Set([...this.channels.values()].map((c) => c.room)).size,
      maxConnections: config.maxConnections,
    });
    this.writer = new Writer(
      engine,
      (error) => this.#fatal(error),
      (rooms) => this.#reload(rooms),
      (seconds) => this.metrics.commits.observe(seconds),
    );
    const publish = (room: string, ch: string, json: string, audience: Audience) =>
      this.cluster?.publish(room, ch, json, audience);
    this.channels = new Channels(engine, this.writer, config, features, {
      recheckRoom: (room) =>
        void this.recheckRoom(room, true).catch((error: unknown) => fault('recheck', error)),
      lastAddressOf: (userId) => this.admission.lastAddressOf(userId),
      roleIn: (room, userId) => this.#roleIn(room, userId),
      publish,
    });
    this.sessions = new Sessions(config.presenceGraceMs);
    this.admission = new Admission(config);
    this.rooms = new Rooms(
      config,
      engine,
      this.channels,
      this.writer,
      features,
      publish,
      (feature, outcome) => {
        tally.ops++;
        this.metrics.ops.inc({ feature, outcome });
      },
    );
    this.local = new LocalPort(this.rooms, this.sessions, this.metrics);
    this.cluster = options.cluster?.(this) ?? null;
    this.sessions.store = this.cluster?.sessions ?? engine.sessions ?? null;
    this.admission.shared = this.cluster?.addresses ?? null;
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: config.maxFrameBytes,
      perMessageDeflate: false,
      handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
    });
    this.wss.on('connection', (socket, request) => this.#accept(socket, request));
    const beat = Math.max(10, Math.min(1_000, Math.floor(config.heartbeatMs / 4)));
    this.#timers.push(setInterval(() => guard('heartbeat', () => this.#heartbeat()), beat));
    const sweep = Math.max(100, Math.min(SWEEP_INTERVAL_MS, config.channelIdleMs / 2));
    this.#timers.push(setInterval(() => void this.#sweep(), sweep));
    for (const timer of this.#timers) timer.unref();
  }

  /** Takes the WebSocket upgrades of an HTTP server on `/live`. */
  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      // Node takes its own error listener off an upgraded socket: without one, a client that
      // resets the connection while its refusal is written would end the process.
      const cut = () => socket.destroy();
      socket.on('error', cut);
      const [path, query = ''] = (request.url ?? '').split('?', 2);
      const refusal =
        path !== '/live'
          ? '404 Not Found'
          : this.#closing
            ? '503 Service Unavailable'
            : !this.admission.originAllowed(request.headers.origin)
              ? '403 Forbidden'
              : null;
      // Neither the query nor a token in the path is ever logged.
      const logged = { path: path.replace(JWT_INSIDE, '[token]'), origin: request.headers.origin };
      if (refusal) {
        logRefusal(refusal.slice(4).toLowerCase(), logged);
        socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\n\r\n`);
        return;
      }
      if (tokenInQuery(query)) {
        logRefusal('token in the URL', logged);
        socket.end(TOKEN_IN_URL_ANSWER);
        return;
      }
      // From here `ws` listens for the socket's errors itself.
      socket.off('error', cut);
      this.wss.handleUpgrade(request, socket, head, (ws) =>
        this.wss.emit('connection', ws, request),
      );
    });
  }

  /** Whether the relay is shutting down (or stopped): it takes no new sockets. */
  get closing(): boolean {
    return this.#closing;
  }

  /** The sockets of this relay. */
  clients(): IterableIterator<Client> {
    return this.#clients.values();
  }

  stats(): RelayStats {
    return {
      connections: this.#clients.size,
      channels: this.channels.size,
      engine: this.engine.name,
      uptimeMs: Date.now() - this.#startedAt,
    };
  }

  /**
   * Graceful stop: what was decided is committed, a cluster's other relays take this relay's
   * rooms over, every socket is told to reconnect elsewhere (1012), and the store is released.
   */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    for (const timer of this.#timers) clearInterval(timer);
    // Features send what they owe (a burst, a tally) and it is committed while sockets are open.
    this.channels.closeAll();
    await this.writer.flush();
    if (this.cluster && !this.failed) await this.cluster.leave();
    const closed = [...this.#clients].map(
      (client) => new Promise((resolve) => client.socket.once('close', resolve)),
    );
    for (const client of this.#clients) client.close(CloseCode.restart, 'relay restarting');
    await this.writer.flush();
    await this.cluster?.close();
    // The sockets' own leaves come after the store is released: the sessions are kept now.
    if (!this.cluster && !this.failed) this.sessions.shareAll();
    // Frames being handled as the sockets closed may have decided more: committed now, and
    // nothing after this reaches the store (it is closed: see Writer.close).
    await this.writer.flush();
    this.writer.close();
    await this.engine.close(this.failed);
    // Give the close frames a moment to leave; sockets that do not answer are cut anyway.
    await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, 2_000))]);
    this.wss.close();
  }

  /** Where clients reach the relays of this service: every relay of a cluster, else this one. */
  async relayUrls(): Promise<string[]> {
    return this.cluster ? this.cluster.relayUrls() : [];
  }

  /** The port of a room. */
  /**
   * A room's rules changed (a host made it signed-in only, or banned someone): this relay's
   * sockets that may no longer be there are dropped. `origin`: the change was made here.
   */
  recheckRoom(room: string, origin: boolean): Promise<void> {
    return this.handlers.recheckRoom(room, origin);
  }

  port(room: string): Promise<Port> {
    return this.cluster ? this.cluster.portFor(room) : Promise.resolve(this.local);
  }

  // ------------------------------------------------------------------ sockets

  #accept(socket: WebSocket, request: IncomingMessage): void {
    const ip = this.admission.address(request);
    const client = new Client(socket, request.socket, ip, this.config.maxBufferedBytes);
    this.#clients.add(client);
    const admitted = this.admission.connect(ip);
    log.debug({ ip, connections: this.#clients.size }, 'connection opened');
    socket.on('message', (data, isBinary) => this.handlers.receive(client, data, isBinary));
    socket.on('close', () => this.#gone(client));
    socket.on('error', () => socket.terminate());
    if (this.config.maxConnections > 0 && this.#clients.size > this.config.maxConnections) {
      // Full: the client goes at once to another relay of its list (PROTOCOL.md, 1013).
      logRefusal('relay full', { connections: this.#clients.size });
      client.close(CloseCode.tryAgainLater, 'relay full');
    } else if (!admitted) {
      this.#refuseCrowd(client);
    } else {
      // On a cluster the address's sockets on every relay count; `hello` waits for the answer.
      client.admitted =
        this.admission.connectShared(ip)?.then((ok) => {
          if (!ok) this.#refuseCrowd(client);
          return ok;
        }) ?? null;
    }
  }

  /** Closes a socket over `maxConnectionsPerIp` (1008). */
  #refuseCrowd(client: Client): void {
    logRefusal('too many connections from one address', { ip: client.ip });
    client.error('forbidden', 'too many connections from this address');
    client.close(CloseCode.policy, 'too many connections');
  }

  /** The highest role `userId` holds on a connection here whose identity grants `room`. */
  #roleIn(room: string, userId: string): Role | undefined {
    let found: Role | undefined;
    for (const client of this.#clients) {
      const identity = client.identity;
      if (identity?.user.id !== userId || !mayEnter(identity, room)) continue;
      if (found === undefined || roleRank(identity.user.role) > roleRank(found)) {
        found = identity.user.role;
      }
    }
    return found;
  }

  #gone(client: Client): void {
    if (!this.#clients.delete(client)) return;
    log.debug({ ip: client.ip, connections: this.#clients.size }, 'connection closed');
    client.gone();
    if (client.admitted) this.admission.disconnectShared(client.ip);
    this.admission.disconnect(client.ip);
    for (const channel of client.subscriptions.values()) channel.unsubscribe(client);
    client.subscriptions.clear();
    if (client.presence.size > 0) {
      const rooms = new Set([...client.presence].map((ch) => ch.slice(0, ch.indexOf('/'))));
      for (const room of rooms) {
        this.port(room)
          .then((port) => port.gone(client, room))
          .catch(ignore);
      }
      client.presence.clear();
    }
    if (client.session) this.sessions.leave(client.session);
  }

  /**
   * Liveness, hello and token deadlines, on one timer for every socket. A socket that sent
   * nothing for `heartbeatMs` is pinged, however busy the relay is sending to it, and one that
   * answers nothing for twice that is dropped: a passive viewer in a busy room is never cut.
   */
  #heartbeat(): void {
    const now = Date.now();
    const { heartbeatMs, helloTimeoutMs } = this.config;
    for (const client of this.#clients) {
      const silent = now - client.lastReceivedAt;
      if (silent > 2 * heartbeatMs) {
        client.socket.terminate();
      } else if (!client.identity) {
        // Pongs before hello keep nothing open: a socket is welcomed in time or closed.
        if (now - client.connectedAt > helloTimeoutMs && client.open) {
          client.error('bad_frame', `hello must come within ${helloTimeoutMs} ms`);
          client.close(CloseCode.badFrame, 'no hello');
        }
      } else if (client.identity.expiresAt != null && now >= client.identity.expiresAt) {
        // The token expired (leeway included) without an `auth` refresh. Checked here, within a
        // second, rather than with a timer per connection.
        if (!client.open) continue;
        client.error('unauthorized', 'token expired');
        client.close(CloseCode.unauthorized, 'token expired');
      } else if (
        now - client.lastSentAt >= heartbeatMs ||
        (silent >= heartbeatMs && client.pingedAt <= client.lastReceivedAt)
      ) {
        client.pingedAt = now;
        client.enqueue(wire.PING);
      }
    }
  }

  /** Housekeeping, a slice at a time: never a stall of the event loop, whatever is loaded. */
  async #sweep(): Promise<void> {
    if (this.#sweeping || this.#closing) return;
    this.#sweeping = true;
    try {
      const now = Date.now();
      await this.channels.sweep(now, () => this.writer.flush());
      const outcomesBefore = now - this.config.historyTtlMs;
      while (await this.engine.sweep(now, outcomesBefore, SWEEP_SLICE_MS)) await nextTurn();
      await sliced(this.sessions.entries(), ([id, session]) =>
        this.sessions.expire(id, session, now),
      );
      await this.rooms.sweep(now);
      await this.cluster?.sweep();
      await sliced(this.admission.entries(), ([ip, state]) =>
        this.admission.forget(ip, state, now),
      );
    } catch (error) {
      fault('sweep', error);
    } finally {
      this.#sweeping = false;
    }
  }

  /**
   * The store failed: nothing more can be acknowledged. Health turns bad at once, every socket is
   * told to go elsewhere (1012), and the owner of the process is told so it exits non-zero for
   * its supervisor to restart it.
   */
  #fatal(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    log.fatal({ err: error }, 'the store failed; stopping without acknowledging');
    if (this.options.onFatal) this.options.onFatal(error);
    else void this.close();
  }

  /**
   * A store that recovers (Redis) failed to commit these rooms: what this relay held of them in
   * memory went further than the store, so it is dropped, and read again on next use.
   */
  #reload(rooms: ReadonlySet<string>): void {
    for (const room of rooms) this.channels.demoteRoom(room);
    this.cluster?.lost(rooms);
  }
}

function ignore(): void {}

/** A JWT's start: a base64url part beginning `eyJ` (which is `{"`), then a second part. */
const JWT_START = String.raw`eyJ[\w-]*\.[\w-]+\.`;

/** A JWT anywhere in a string (a path): never logged. */
const JWT_INSIDE = new RegExp(String.raw`${JWT_START}[\w-]*`, 'g');

/**
 * A parameter named for a token (what the client strips, `TOKEN_PARAM`), or any parameter holding
 * a JWT's start in its name or value.
 */
const TOKEN_OR_JWT_PARAM = new RegExp(
  `${TOKEN_PARAM.source}|(?<=[?&])[^&]*${JWT_START}[^&]*(&|$)`,
  'gi',
);

/** Whether an upgrade's query carries a token (PROTOCOL.md: a token never travels in a URL). */
function tokenInQuery(query: string): boolean {
  if (query === '') return false;
  for (const [name, value] of new URLSearchParams(query)) {
    if (`?${name}=${value}`.search(TOKEN_OR_JWT_PARAM) >= 0) return true;
  }
  return false;
}

/** The refusal of an upgrade with a token in its URL: where the token goes instead. */
const TOKEN_IN_URL_ANSWER = (() => {
  const body = JSON.stringify({
    error: {
      code: 'invalid',
      message:
        'a token never travels in a URL: connect without it and send it in the hello frame ({"t":"hello","v":1,"token":...})',
    },
  });
  return [
    'HTTP/1.1 400 Bad Request',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
})();
