/**
 * The relay: accepts sockets on `/live`, authenticates them, and routes their frames to channels.
 * It knows no feature; ops go to the feature registered under the channel's name.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  CloseCode,
  PROTOCOL_VERSION,
  SUBPROTOCOL,
  type AuthFrame,
  type ErrorCode,
  type HelloFrame,
  type OpFrame,
  type PresenceFrame,
  type SignalFrame,
  type SubFrame,
  type UnsubFrame,
} from '../src/protocol.js';
import { Admission } from './admission.js';
import {
  AuthError,
  anonymousIdentity,
  isAnonymous,
  isHost,
  mayEnter,
  verifyToken,
  type Identity,
} from './auth.js';
import type { Channel } from './channels/channel.js';
import { Channels, type ChannelName } from './channels/registry.js';
import { Writer } from './channels/writer.js';
import { Client } from './client.js';
import type { Engine, OpOutcome } from './engines/engine.js';
import { OpError } from './errors.js';
import { features as defaultFeatures } from './features/index.js';
import type { FeatureModule } from './features/feature.js';
import { parseFrame } from './frames.js';
import {
  RateLimiter,
  RateLimiterMap,
  publicLimits,
  type RateLimitSettings,
  type RelayConfig,
} from './limits.js';
import { fault, log } from './log.js';
import { OutcomeCache, keepsOutcome } from './outcomes.js';
import { Sessions } from './sessions.js';
import { nextTurn, sliced, SWEEP_SLICE_MS } from './sweep.js';

/** How often history, outcomes, sessions and rate limiters are swept, at most; idle channels
 * are looked for twice per `channelIdleMs`. */
const SWEEP_INTERVAL_MS = 10_000;
/** A signal's `data`, serialised, may not be larger than this. */
const SIGNAL_DATA_MAX_BYTES = 256;

type OpAnswer = { client: Client; id: string | number; mid: string };
type LimitName = Exclude<keyof RateLimitSettings, 'hostFactor' | 'floodFactor'>;

export interface RelayStats {
  connections: number;
  channels: number;
  engine: string;
  uptimeMs: number;
}

export interface RelayOptions {
  /** Called once when the store fails: the relay has stopped serving and must be restarted. */
  onFatal?: (error: unknown) => void;
}

export class Relay {
  readonly wss: WebSocketServer;
  readonly channels: Channels;
  readonly writer: Writer;
  readonly sessions: Sessions;
  readonly admission: Admission;
  #clients = new Set<Client>();
  #outcomes = new OutcomeCache();
  /** Ops being processed, by user and mid: a retry meanwhile waits for the same outcome. */
  #inflight = new Map<string, Promise<OpOutcome>>();
  /** Per-user limits, by name (`chat.send`, `signal`, `presence`…). */
  #userLimits = new Map<string, RateLimiterMap>();
  #timers: NodeJS.Timeout[] = [];
  #startedAt = Date.now();
  #closing = false;
  #sweeping = false;
  /** Set when the store failed: health turns bad at once and the relay stops serving. */
  failed = false;

  constructor(
    readonly config: RelayConfig,
    readonly engine: Engine,
    readonly features: ReadonlyMap<string, FeatureModule> = defaultFeatures,
    private options: RelayOptions = {},
  ) {
    this.writer = new Writer(engine, (error) => this.#fatal(error));
    this.channels = new Channels(engine, this.writer, config, features, {
      recheckRoom: (room) => this.#recheckRoom(room),
      lastAddressOf: (userId) => this.admission.lastAddressOf(userId),
    });
    this.sessions = new Sessions(config.presenceGraceMs);
    this.admission = new Admission(config);
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: config.maxFrameBytes,
      perMessageDeflate: false,
      handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
    });
    this.wss.on('connection', (socket, request) => this.#accept(socket, request));
    const beat = Math.max(10, Math.min(1_000, Math.floor(config.heartbeatMs / 4)));
    this.#timers.push(setInterval(() => this.#heartbeat(), beat));
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

  stats(): RelayStats {
    return {
      connections: this.#clients.size,
      channels: this.channels.size,
      engine: this.engine.name,
      uptimeMs: Date.now() - this.#startedAt,
    };
  }

  /** Graceful stop: every socket is told to reconnect elsewhere (1012), the store is flushed. */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    for (const timer of this.#timers) clearInterval(timer);
    await this.writer.flush();
    const closed = [...this.#clients].map(
      (client) => new Promise((resolve) => client.socket.once('close', resolve)),
    );
    for (const client of this.#clients) client.close(CloseCode.restart, 'relay restarting');
    this.channels.closeAll();
    await this.writer.flush();
    await this.engine.close(this.failed);
    // Give the close frames a moment to leave; sockets that do not answer are cut anyway.
    await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, 2_000))]);
    this.wss.close();
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
    if (!admitted) {
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
    for (const channel of client.presence) channel.state.disconnect?.(client);
    client.presence.clear();
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
        client.enqueue('{"t":"ping"}');
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
      for (const limits of this.#userLimits.values()) {
        await sliced(limits.entries(), ([key, limiter]) => limits.expire(key, limiter, now));
      }
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

  // ------------------------------------------------------------------ frames

  #receive(client: Client, data: RawData, isBinary: boolean): void {
    client.lastReceivedAt = Date.now();
    const parsed = isBinary ? null : parseFrame(data.toString());
    if (parsed?.ok && parsed.frame.t === 'pong') return;
    client.run(() => {
      if (!client.open) return;
      return this.#handle(client, parsed).catch((error: unknown) => {
        fault('frame', error);
        const id = parsed?.ok && 'id' in parsed.frame ? { id: parsed.frame.id } : {};
        client.error('internal', 'internal error', id);
      });
    });
  }

  async #handle(client: Client, parsed: ReturnType<typeof parseFrame> | null): Promise<void> {
    if (!client.identity) {
      if (parsed?.ok && parsed.frame.t === 'hello') return this.#hello(client, parsed.frame);
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
          return this.#signal(client, frame);
        case 'sub':
          return await this.#sub(client, frame);
        case 'unsub':
          return this.#unsub(client, frame);
        case 'op':
          return await this.#op(client, frame);
        case 'auth':
          return this.#auth(client, frame);
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

  #hello(client: Client, frame: HelloFrame): void {
    if (frame.v !== PROTOCOL_VERSION) {
      client.error('unsupported_version', `this relay speaks protocol version ${PROTOCOL_VERSION}`);
      return client.close(CloseCode.badFrame, 'unsupported version');
    }
    let identity: Identity;
    try {
      if (frame.token !== undefined) {
        identity = verifyToken(this.config.secret, frame.token);
      } else if (frame.anon && this.config.anonymous) {
        identity = anonymousIdentity(
          this.config.secret,
          frame.anon.key,
          frame.anon.name,
          this.config.anonymousRooms,
        );
      } else {
        throw new AuthError(
          this.config.anonymous ? 'a token or anon is required' : 'a token is required',
        );
      }
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
      const channel = this.channels.peek(ch);
      if (!channel?.state.presence || !mayEnter(identity, channel.room)) continue;
      if (this.#refusal(client, channel.room)) continue;
      try {
        channel.state.presence(client, 'enter', data);
        client.presence.add(channel);
      } catch (error) {
        // Refused now (a term blocked since): the client re-enters, and hears why, if it asks.
        if (!(error instanceof OpError)) throw error;
      }
    }
  }

  /** The per-connection limits of the user's role (hosts and moderators get more). */
  #applyRole(client: Client): void {
    const limits = this.config.rateLimits;
    if (!limits) return;
    const factor = isHost(client.user) ? limits.hostFactor : 1;
    client.opLimiter = new RateLimiter(limits.ops.limit * factor, limits.ops.windowMs);
    client.subLimiter = new RateLimiter(limits.subs.limit * factor, limits.subs.windowMs);
  }

  #auth(client: Client, frame: AuthFrame): void {
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
    // Rooms the new token no longer grants: their channels are dropped, each one told. After
    // the commit, as a sub's subscription is made: a sub sent just before is dropped too.
    this.writer.after(() => {
      for (const [name, channel] of client.subscriptions) {
        if (!mayEnter(client.identity!, channel.room)) this.#evict(client, name, channel, 'token');
      }
    });
    for (const channel of client.presence) {
      if (!mayEnter(identity, channel.room)) this.#leavePresence(client, channel);
    }
    this.#tell(client, { t: 'ok', id: frame.id, user: identity.user });
  }

  /**
   * Drops a subscription the client may no longer have, with an `err` naming the channel (no
   * `id`: no request of the client's is answered).
   */
  #evict(client: Client, name: string, channel: Channel, why: 'token' | 'room'): void {
    channel.unsubscribe(client);
    client.subscriptions.delete(name);
    const message =
      why === 'token'
        ? `this token does not grant room ${channel.room}`
        : (this.#entryRefusal(client, channel.room) ?? 'you may no longer enter this room');
    this.#fail(client, 'forbidden', message, { ch: name });
  }

  #leavePresence(client: Client, channel: Channel): void {
    channel.state.presence?.(client, 'leave', undefined);
    client.presence.delete(channel);
    if (client.session) this.sessions.membership(client.session, channel.name, false);
  }

  /**
   * A room's rules changed (a host made it signed-in only, or banned someone): subscribers who
   * may no longer enter are dropped, and members who may no longer act leave presence.
   */
  #recheckRoom(room: string): void {
    for (const client of this.#clients) {
      if (!client.identity) continue;
      for (const [name, channel] of client.subscriptions) {
        if (channel.room === room && this.#entryRefusal(client, room)) {
          this.#evict(client, name, channel, 'room');
        }
      }
      for (const channel of client.presence) {
        if (channel.room === room && this.#refusal(client, room)) {
          this.#leavePresence(client, channel);
        }
      }
    }
  }

  /** Why the room's guards refuse this client's ops, signals and presence; null if they do not. */
  #refusal(client: Client, room: string): string | null {
    for (const feature of this.features.values()) {
      if (!feature.guardsRoom) continue;
      const state = this.channels.peek(`${room}/${feature.name}`)?.state;
      const reason =
        state?.refuseEntry?.(client.user) ?? state?.refuse?.(client.user, client.address) ?? null;
      if (reason) return reason;
    }
    return null;
  }

  /** Why the room's guards refuse this client a `sub`; null if they do not. */
  #entryRefusal(client: Client, room: string): string | null {
    for (const feature of this.features.values()) {
      if (!feature.guardsRoom) continue;
      const reason = this.channels
        .peek(`${room}/${feature.name}`)
        ?.state.refuseEntry?.(client.user);
      if (reason) return reason;
    }
    return null;
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
    this.#connectionLimit(client, client.subLimiter, 'sub');
    const target = this.#target(client, frame.ch);
    const max = this.config.maxSubscriptionsPerConnection;
    if (!client.subscriptions.has(target.name) && client.subscriptions.size >= max) {
      throw new OpError('forbidden', `one connection may subscribe to at most ${max} channels`, {
        details: { limit: max },
      });
    }
    await this.channels.guards(target.room);
    const refused = this.#entryRefusal(client, target.room);
    if (refused) throw new OpError('forbidden', refused);
    const channel = await this.channels.get(target);
    // Nothing is built for a socket that has not taken what it was already sent.
    await client.drained();
    this.writer.after(() => {
      if (!client.open) return;
      channel.subscribe(client, frame.id, frame.from);
      client.subscriptions.set(target.name, channel);
    });
  }

  async #presence(client: Client, frame: PresenceFrame): Promise<void> {
    const target = this.#target(client, frame.ch);
    if (frame.action !== 'leave') {
      const wait = this.#userLimit(client, 'presence', `${client.user.id}\u0000${target.name}`);
      if (wait > 0) {
        throw new OpError('rate_limited', 'too many presence changes', { retryAfterMs: wait });
      }
    }
    await this.channels.guards(target.room);
    const refused = frame.action === 'leave' ? null : this.#refusal(client, target.room);
    if (refused) throw new OpError('forbidden', refused);
    const channel = await this.channels.get(target);
    if (!channel.state.presence) {
      throw new OpError('invalid', `${target.feature.name} takes no presence frames`, {
        details: { field: 'ch' },
      });
    }
    const extra = channel.state.presence(client, frame.action, frame.data);
    if (frame.action === 'leave') client.presence.delete(channel);
    else client.presence.add(channel);
    if (client.session) {
      this.sessions.membership(client.session, frame.ch, frame.action !== 'leave', frame.data);
    }
    this.#tell(client, { t: 'ok', id: frame.id, ch: frame.ch, ...extra });
  }

  #unsub(client: Client, frame: UnsubFrame): void {
    this.#connectionLimit(client, client.subLimiter, 'unsub');
    // After the commit, as a sub's subscription is made: a sub sent just before is undone too.
    this.writer.after(() => {
      const channel = client.subscriptions.get(frame.ch);
      channel?.unsubscribe(client);
      client.subscriptions.delete(frame.ch);
      client.send({ t: 'ok', id: frame.id, ch: frame.ch });
    });
  }

  #signal(client: Client, frame: SignalFrame): void {
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
    // Extra signals are dropped silently, before anything else is done with them: they are hints.
    if (this.#userLimit(client, 'signals', `${client.user.id}\u0000${frame.ch}\u0000${frame.type}`))
      return;
    const dataJson = JSON.stringify(frame.data ?? null);
    if (
      dataJson.length > SIGNAL_DATA_MAX_BYTES ||
      Buffer.byteLength(dataJson) > SIGNAL_DATA_MAX_BYTES
    ) {
      return this.#fail(
        client,
        'too_large',
        `signal data is limited to ${SIGNAL_DATA_MAX_BYTES} bytes`,
      );
    }
    const channel = this.channels.peek(target.name);
    if (!channel || channel.subscriberCount === 0) return;
    // Signals of users the room refuses (banned, say) are dropped silently too.
    if (this.#refusal(client, target.room)) return;
    const user = client.user;
    channel.signal(
      user,
      `{"t":"signal","ch":${JSON.stringify(frame.ch)},"type":${JSON.stringify(frame.type)},"data":${dataJson},"from":${JSON.stringify(user)}}`,
    );
  }

  // ------------------------------------------------------------------ ops

  async #op(client: Client, frame: OpFrame): Promise<void> {
    const user = client.user;
    const key = `${user.id}\u0000${frame.mid}`;
    const answer: OpAnswer = { client, id: frame.id, mid: frame.mid };
    // A retry waits for the outcome of the try being processed, and is answered in its own place
    // among its connection's answers (its connection's later frames wait for it).
    const waiting = this.#inflight.get(key);
    if (waiting) return this.#answer([answer], await waiting);
    const known = this.#outcomes.get(key) ?? (await this.engine.outcome(user.id, frame.mid));
    if (known) return this.#answer([answer], known);
    // The lookup may have yielded: a twin of this op could have started meanwhile.
    const twin = this.#inflight.get(key);
    if (twin) return this.#answer([answer], await twin);
    const settled = this.#outcomes.get(key);
    if (settled) return this.#answer([answer], settled);

    const refused = this.#opLimit(client, frame);
    if (refused) return this.#answer([answer], refused);

    const processing = this.#apply(client, frame);
    this.#inflight.set(key, processing);
    let outcome: OpOutcome;
    try {
      outcome = await processing;
    } catch (error) {
      this.#inflight.delete(key);
      throw error;
    }
    if (keepsOutcome(outcome)) {
      this.#outcomes.set(key, outcome);
      // Only acks are written down: a refusal changed nothing, so no retry can make it twice.
      if (outcome.t === 'ack') this.writer.outcome(user.id, frame.mid, outcome, Date.now());
    }
    this.writer.after(() => this.#inflight.delete(key));
    this.#answer([answer], outcome);
  }

  async #apply(client: Client, frame: OpFrame): Promise<OpOutcome> {
    try {
      const target = this.#target(client, frame.ch);
      await this.channels.guards(target.room);
      const refused = this.#refusal(client, target.room);
      if (refused) throw new OpError('forbidden', refused);
      const channel = await this.channels.get(target);
      const userRates = target.feature.userRateLimits;
      if (userRates && Object.hasOwn(userRates, frame.type)) {
        const name = userRates[frame.type] as LimitName;
        const wait = this.#userLimit(
          client,
          name,
          `${target.feature.name}.${frame.type}\u0000${client.user.id}`,
        );
        if (wait > 0) {
          return errOutcome(
            new OpError('rate_limited', `too many ${target.feature.name} ${frame.type} ops`, {
              retryAfterMs: wait,
            }),
          );
        }
      }
      const { ack, seq } = channel.apply(
        client.user,
        frame.type,
        frame.data as Record<string, unknown>,
      );
      const outcome: OpOutcome = { t: 'ack' };
      if (seq !== undefined) outcome.seq = seq;
      if (ack !== undefined) outcome.data = ack;
      return outcome;
    } catch (error) {
      if (!(error instanceof OpError)) throw error;
      return errOutcome(error);
    }
  }

  /** The per-connection limit on all ops; a connection far past it is closed with 4429. */
  #opLimit(client: Client, frame: OpFrame): OpOutcome | null {
    try {
      this.#connectionLimit(client, client.opLimiter, 'op', frame.id);
      return null;
    } catch (error) {
      if (!(error instanceof OpError)) throw error;
      return errOutcome(error);
    }
  }

  /**
   * Takes a token of a per-connection limiter; throws `rate_limited` when there is none, and
   * closes a connection that keeps going at ten times the limit (4429).
   */
  #connectionLimit(
    client: Client,
    limiter: RateLimiter | null,
    what: string,
    id?: string | number,
  ): void {
    if (!limiter) return;
    const wait = limiter.take();
    if (wait === 0) return;
    if (limiter.attempts >= limiter.limit * this.config.rateLimits!.floodFactor) {
      client.error('rate_limited', `too many ${what} frames; closing`, {
        ...(id === undefined ? {} : { id }),
        retryAfterMs: wait,
      });
      client.close(CloseCode.rateLimited, 'rate limited');
    }
    throw new OpError('rate_limited', `too many ${what} frames`, { retryAfterMs: wait });
  }

  /**
   * Takes a token of a per-user limit (`key` names the user and what is limited); returns 0
   * when allowed, else the milliseconds to wait. A user far past it has this connection closed.
   */
  #userLimit(client: Client, name: LimitName, key: string): number {
    const limits = this.config.rateLimits;
    if (!limits) return 0;
    const rule = limits[name];
    let map = this.#userLimits.get(name);
    if (!map) this.#userLimits.set(name, (map = new RateLimiterMap(rule.limit, rule.windowMs)));
    // Hosts share the map but their bucket is larger.
    const limiter = map.get(key, rule.limit * (isHost(client.user) ? limits.hostFactor : 1));
    const wait = limiter.take();
    if (wait > 0 && name !== 'signals' && limiter.attempts >= limiter.limit * limits.floodFactor) {
      client.close(CloseCode.rateLimited, 'rate limited');
    }
    return wait;
  }

  /** Answers a frame once everything decided before it is committed, so answers keep order. */
  #tell(client: Client, frame: object): void {
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

  /** Answers an op once everything decided before it is committed. */
  #answer(answers: OpAnswer[], outcome: OpOutcome): void {
    this.writer.after(() => {
      for (const { client, id, mid } of answers) {
        if (outcome.t === 'ack') {
          client.send({
            t: 'ack',
            id,
            mid,
            ...(outcome.seq === undefined ? {} : { seq: outcome.seq }),
            ...(outcome.data === undefined ? {} : { data: outcome.data }),
          });
        } else {
          client.send({
            t: 'err',
            id,
            mid,
            code: outcome.code,
            message: outcome.message,
            ...(outcome.details === undefined ? {} : { details: outcome.details }),
            ...('retryAfterMs' in outcome ? { retryAfterMs: outcome.retryAfterMs } : {}),
          });
        }
      }
    });
  }
}

function errOutcome(error: OpError): OpOutcome {
  const outcome: OpOutcome & { retryAfterMs?: number } = {
    t: 'err',
    code: error.code,
    message: error.message,
  };
  if (error.extra.details !== undefined) outcome.details = error.extra.details;
  if (error.extra.retryAfterMs !== undefined) outcome.retryAfterMs = error.extra.retryAfterMs;
  return outcome;
}
