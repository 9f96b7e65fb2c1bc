/**
 * The relay: accepts sockets on `/live`, authenticates them, applies the per-connection limits,
 * and routes their frames to the port of each room: this relay's `Rooms` when it decides for the
 * room, or the relay of the cluster that does. It knows no feature.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  isStaff,
  CloseCode,
  PROTOCOL_VERSION,
  SUBPROTOCOL,
  type AuthFrame,
  type ErrorCode,
  type HelloFrame,
  type OpFrame,
  type PresenceFrame,
  type RelayFrame,
  type SignalFrame,
  type SubFrame,
  type UnsubFrame,
} from '../src/protocol/index.js';
import { Admission } from './admission.js';
import { AuthError, identify, isAnonymous, mayEnter, verifyToken, type Identity } from './auth.js';
import type { Audience } from './channels/channel.js';
import { Channels, type ChannelName } from './channels/registry.js';
import { Writer } from './channels/writer.js';
import { Client } from './client.js';
import type { Engine } from './engines/engine.js';
import { OpError } from './errors.js';
import type { FeatureModule } from './features/feature.js';
import { parseFrame } from './frames.js';
import { RateLimiter, publicLimits, type RelayConfig } from './limits.js';
import { fault, guard, log } from './log.js';
import { Metrics, tally } from './metrics.js';
import { LocalPort, type Port } from './ports.js';
import { Rooms } from './rooms.js';
import { Sessions, type SessionStore } from './sessions.js';
import { nextTurn, sliced, SWEEP_SLICE_MS } from './sweep.js';
import * as wire from './wire.js';
import { RETRY_AFTER_MS } from './wire.js';

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
    if (this.cluster) this.sessions.store = this.cluster.sessions;
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
      const path = (request.url ?? '').split('?')[0];
      const refusal =
        path !== '/live'
          ? '404 Not Found'
          : this.#closing
            ? '503 Service Unavailable'
            : !this.admission.originAllowed(request.headers.origin)
              ? '403 Forbidden'
              : null;
      if (refusal) {
        socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\n\r\n`);
        return;
      }
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
  port(room: string): Promise<Port> {
    return this.cluster ? this.cluster.portFor(room) : Promise.resolve(this.local);
  }

  // ------------------------------------------------------------------ sockets

  #accept(socket: WebSocket, request: IncomingMessage): void {
    const ip = this.admission.address(request);
    const client = new Client(socket, request.socket, ip, this.config.maxBufferedBytes);
    this.#clients.add(client);
    const admitted = this.admission.connect(ip);
    socket.on('message', (data, isBinary) => this.#receive(client, data, isBinary));
    socket.on('close', () => this.#gone(client));
    socket.on('error', () => socket.terminate());
    if (this.config.maxConnections > 0 && this.#clients.size > this.config.maxConnections) {
      // Full: the client goes at once to another relay of its list (PROTOCOL.md, 1013).
      client.close(CloseCode.tryAgainLater, 'relay full');
    } else if (!admitted) {
      client.error('forbidden', 'too many connections from this address');
      client.close(CloseCode.policy, 'too many connections');
    }
  }

  #gone(client: Client): void {
    if (!this.#clients.delete(client)) return;
    client.gone();
    this.admission.disconnect(client.ip);
    for (const channel of client.subscriptions.values()) channel.unsubscribe(client);
    client.subscriptions.clear();
    if (client.presence.size > 0) {
      const rooms = new Set([...client.presence].map((ch) => ch.slice(0, ch.indexOf('/'))));
      for (const room of rooms) void this.port(room).then((port) => port.gone(client), ignore);
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

  // ------------------------------------------------------------------ frames

  #receive(client: Client, data: RawData, isBinary: boolean): void {
    client.lastReceivedAt = Date.now();
    const parsed = isBinary ? null : parseFrame(data.toString());
    if (parsed?.ok && parsed.frame.t === 'pong') return;
    // Its frames are handled in turn: the op's outcome lookup starts now, not when its turn comes.
    if (parsed?.ok && parsed.frame.t === 'op' && client.identity) {
      this.engine.prefetchOutcome?.(client.user.id, parsed.frame.mid);
    }
    // On a cluster, a sub's owner is asked now too, so a page's subs wait one round trip.
    const done =
      parsed?.ok && parsed.frame.t === 'sub' && client.identity
        ? this.cluster?.ahead(client, parsed.frame)
        : undefined;
    client.run(async () => {
      try {
        if (client.open) await this.#handle(client, parsed);
      } catch (error) {
        fault('frame', error);
        const frame = parsed?.ok ? parsed.frame : null;
        client.error('internal', 'internal error', {
          ...(frame && 'id' in frame ? { id: frame.id } : {}),
          ...(frame?.t === 'op' ? { mid: frame.mid } : {}),
          // A store that recovers (Redis restarting) fails briefly: the client retries the op.
          ...(this.engine.recoverable ? { retryAfterMs: RETRY_AFTER_MS } : {}),
        });
      } finally {
        done?.();
      }
    });
  }

  async #handle(client: Client, parsed: ReturnType<typeof parseFrame> | null): Promise<void> {
    if (!client.identity) {
      if (parsed?.ok && parsed.frame.t === 'hello') return await this.#hello(client, parsed.frame);
      if (parsed && !parsed.ok && parsed.t === 'hello') {
        client.error('invalid', parsed.message, { details: parsed.details });
      } else {
        client.error('bad_frame', 'the first frame must be hello');
      }
      return client.close(CloseCode.badFrame, 'expected hello');
    }
    if (!parsed)
      return this.#fail(client, 'bad_frame', 'binary frames are not part of the protocol');
    if (!parsed.ok) {
      const extra: Record<string, unknown> = {};
      if (parsed.id !== undefined) extra.id = parsed.id;
      if (parsed.details !== undefined) extra.details = parsed.details;
      return this.#fail(client, parsed.code, parsed.message, extra);
    }
    const frame = parsed.frame;
    try {
      switch (frame.t) {
        case 'hello':
          return this.#fail(client, 'bad_frame', 'hello was already received');
        case 'signal':
          return await this.#signal(client, frame);
        case 'sub':
          return await this.#sub(client, frame);
        case 'unsub':
          return this.#unsub(client, frame);
        case 'op':
          return await this.#op(client, frame);
        case 'auth':
          return await this.#auth(client, frame);
        case 'presence':
          return await this.#presence(client, frame);
      }
    } catch (error) {
      if (!(error instanceof OpError)) throw error;
      const id = 'id' in frame ? frame.id : undefined;
      this.#fail(client, error.code, error.message, {
        ...(id === undefined ? {} : { id }),
        ...error.extra,
      });
    }
  }

  async #hello(client: Client, frame: HelloFrame): Promise<void> {
    if (frame.v !== PROTOCOL_VERSION) {
      client.error('unsupported_version', `this relay speaks protocol version ${PROTOCOL_VERSION}`);
      return client.close(CloseCode.badFrame, 'unsupported version');
    }
    let identity: Identity;
    try {
      identity = identify(this.config, frame);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      client.error('unauthorized', error.message);
      return client.close(CloseCode.unauthorized, 'unauthorized');
    }
    client.address = this.admission.addressKey(client.ip);
    if (isAnonymous(identity.user)) {
      // Fresh anonymous keys are free; the address that brings them is not.
      const wait = this.admission.admitAnonymous(client.ip, identity.user.id);
      if (wait > 0) {
        client.error('rate_limited', 'too many new anonymous users from this address', {
          retryAfterMs: wait,
        });
        return client.close(CloseCode.rateLimited, 'rate limited');
      }
      this.admission.seen(identity.user.id, client.address);
    }
    // A session of another relay of the cluster resumes here too.
    if (frame.session !== undefined) await this.sessions.recall(frame.session, identity.user.id);
    if (!client.open) return;
    client.identity = identity;
    const session = this.sessions.join(frame.session, identity.user.id);
    client.session = session.id;
    this.#applyRole(client);
    client.send({
      t: 'welcome',
      session: client.session,
      user: identity.user,
      heartbeatMs: this.config.heartbeatMs,
      serverTime: Date.now(),
      limits: publicLimits(this.config),
    });
    // A resumed session keeps its presence: the new socket stands in for the old one.
    for (const [ch, data] of session.memberships) {
      const target = this.channels.parse(ch);
      if (!mayEnter(identity, target.room)) continue;
      client.presence.add(ch);
      void this.port(target.room).then(
        (port) => port.reenter(client, target, data),
        (error: unknown) => fault('presence re-entry', error),
      );
    }
  }

  /** The per-connection limits of the user's role (hosts and moderators get more). */
  #applyRole(client: Client): void {
    const limits = this.config.rateLimits;
    if (!limits) return;
    const factor = isStaff(client.user) ? limits.hostFactor : 1;
    client.opLimiter = new RateLimiter(limits.ops.limit * factor, limits.ops.windowMs);
    client.subLimiter = new RateLimiter(limits.subs.limit * factor, limits.subs.windowMs);
    client.floodFactor = limits.floodFactor;
  }

  async #auth(client: Client, frame: AuthFrame): Promise<void> {
    let identity: Identity;
    try {
      identity = verifyToken(this.config.secret, frame.token);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      return this.#fail(client, 'unauthorized', error.message, { id: frame.id });
    }
    if (identity.user.id !== client.user.id) {
      return this.#fail(client, 'forbidden', 'a refreshed token must be for the same user', {
        id: frame.id,
      });
    }
    const roleChanged = identity.user.role !== client.user.role;
    client.identity = identity;
    if (roleChanged) this.#applyRole(client);
    // Rooms the new token no longer grants: their channels are dropped, each one told.
    for (const [name, channel] of client.subscriptions) {
      if (!mayEnter(identity, channel.room)) {
        this.#evict(client, name, `this token does not grant room ${channel.room}`);
      }
    }
    const rooms = new Set([...client.presence].map((ch) => ch.slice(0, ch.indexOf('/'))));
    for (const room of rooms) {
      if (!mayEnter(identity, room)) (await this.port(room)).leave(client, room);
    }
    this.#tell(client, { t: 'ok', id: frame.id, user: identity.user });
  }

  /**
   * Drops a subscription the client may no longer have, with an `err` naming the channel (no
   * `id`: no request of the client's is answered).
   */
  #evict(client: Client, name: string, message: string): void {
    client.subscriptions.get(name)?.unsubscribe(client);
    client.subscriptions.delete(name);
    this.#fail(client, 'forbidden', message, { ch: name });
  }

  /**
   * A room's rules changed (a host made it signed-in only, or banned someone): this relay's
   * subscribers who may no longer enter are dropped, and (where this relay decides for the room)
   * members who may no longer act leave presence. `origin`: the change was made here, so the
   * other relays of a cluster are told too.
   */
  async recheckRoom(room: string, origin: boolean): Promise<void> {
    if (origin) this.cluster?.recheck(room);
    for (const { conn, channels } of this.rooms.refusedMembers(room)) {
      if (conn instanceof Client)
        for (const ch of channels) conn.entered(ch, false, undefined, this.sessions);
    }
    const port = await this.port(room);
    for (const client of this.#clients) {
      if (!client.identity) continue;
      const names = [...client.subscriptions].filter(([, channel]) => channel.room === room);
      if (names.length === 0) continue;
      const refused = await port.entryRefusal(client, room);
      if (!refused) continue;
      for (const [name] of names) this.#evict(client, name, refused);
    }
  }

  /**
   * The checks every frame naming a channel passes: a well-formed name, a room the identity may
   * enter, and the per-connection cap on distinct channels.
   */
  #target(client: Client, ch: string): ChannelName {
    const target = this.channels.parse(ch);
    if (!mayEnter(client.identity!, target.room)) {
      throw new OpError('forbidden', `this identity may not enter room ${target.room}`);
    }
    if (!client.touched.has(target.name)) {
      const max = this.config.maxChannelsPerConnection;
      if (client.touched.size >= max) {
        throw new OpError('forbidden', `one connection may use at most ${max} channels`, {
          details: { limit: max },
        });
      }
      client.touched.add(target.name);
    }
    return target;
  }

  async #sub(client: Client, frame: SubFrame): Promise<void> {
    const limited = client.takeSub();
    if (limited) throw limited;
    const target = this.#target(client, frame.ch);
    const max = this.config.maxSubscriptionsPerConnection;
    if (!client.subscriptions.has(target.name) && client.subscriptions.size >= max) {
      throw new OpError('forbidden', `one connection may subscribe to at most ${max} channels`, {
        details: { limit: max },
      });
    }
    const port = await this.port(target.room);
    // Nothing is built for a socket that has not taken what it was already sent.
    await client.drained();
    if (!client.open) return;
    await port.subscribe(client, target, frame);
  }

  async #presence(client: Client, frame: PresenceFrame): Promise<void> {
    const target = this.#target(client, frame.ch);
    await (await this.port(target.room)).presence(client, target, frame);
  }

  #unsub(client: Client, frame: UnsubFrame): void {
    const limited = client.takeSub();
    if (limited) throw limited;
    const channel = client.subscriptions.get(frame.ch);
    channel?.unsubscribe(client);
    client.subscriptions.delete(frame.ch);
    this.#tell(client, { t: 'ok', id: frame.id, ch: frame.ch });
  }

  async #signal(client: Client, frame: SignalFrame): Promise<void> {
    let target: ChannelName;
    try {
      target = this.channels.parse(frame.ch);
    } catch (error) {
      if (error instanceof OpError)
        return this.#fail(client, error.code, error.message, error.extra);
      throw error;
    }
    if (!target.feature.signals.includes(frame.type)) {
      return this.#fail(client, 'invalid', `${target.feature.name} has no signal ${frame.type}`, {
        details: { field: 'type' },
      });
    }
    if (!mayEnter(client.identity!, target.room)) {
      return this.#fail(client, 'forbidden', `this identity may not enter room ${target.room}`);
    }
    const port = await this.port(target.room);
    try {
      port.signal(client, target, frame);
    } catch (error) {
      if (!(error instanceof OpError)) throw error;
      this.#fail(client, error.code, error.message, error.extra);
    }
  }

  async #op(client: Client, frame: OpFrame): Promise<void> {
    let target: ChannelName;
    try {
      target = this.#target(client, frame.ch);
    } catch (error) {
      if (!(error instanceof OpError)) throw error;
      return this.#fail(client, error.code, error.message, {
        id: frame.id,
        mid: frame.mid,
        ...error.extra,
      });
    }
    await (await this.port(target.room)).op(client, target, frame);
  }

  /** Answers a frame once everything decided before it is committed, so answers keep order. */
  #tell(client: Client, frame: RelayFrame): void {
    this.writer.after(() => client.send(frame));
  }

  #fail(
    client: Client,
    code: ErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
  ): void {
    this.#tell(client, { t: 'err', ...extra, code, message });
  }
}

function ignore(): void {}
