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
import {
  AuthError,
  anonymousIdentity,
  isHost,
  mayEnter,
  verifyToken,
  type Identity,
} from './auth.js';
import { Channels } from './channels/registry.js';
import { Writer } from './channels/writer.js';
import { Client } from './client.js';
import type { Engine, OpOutcome } from './engines/engine.js';
import { OpError } from './errors.js';
import { features as defaultFeatures } from './features/index.js';
import type { FeatureModule } from './features/feature.js';
import { parseFrame } from './frames.js';
import { RateLimiter, RateLimiterMap, publicLimits, type RelayConfig } from './limits.js';
import { Sessions } from './sessions.js';

/** How many op outcomes stay in memory; older ones are read back from the engine. */
const OUTCOME_CACHE_SIZE = 100_000;
/** How often history, outcomes, sessions and idle rate limiters are swept. */
const SWEEP_INTERVAL_MS = 60_000;
/** A signal's `data`, serialised, may not be larger than this. */
const SIGNAL_DATA_MAX_BYTES = 256;

type OpAnswer = { client: Client; id: string | number; mid: string };

export interface RelayStats {
  connections: number;
  channels: number;
  engine: string;
  uptimeMs: number;
}

export class Relay {
  readonly wss: WebSocketServer;
  readonly channels: Channels;
  readonly writer: Writer;
  readonly sessions: Sessions;
  #clients = new Set<Client>();
  #perIp = new Map<string, number>();
  #outcomes = new Map<string, OpOutcome>();
  /** Ops being processed, by user and mid, with retries waiting for the same answer. */
  #inflight = new Map<string, OpAnswer[]>();
  #userLimits = new Map<string, RateLimiterMap>();
  #signalLimits: RateLimiterMap | null;
  #timers: NodeJS.Timeout[] = [];
  #startedAt = Date.now();
  #closing = false;

  constructor(
    readonly config: RelayConfig,
    readonly engine: Engine,
    readonly features: ReadonlyMap<string, FeatureModule> = defaultFeatures,
  ) {
    this.writer = new Writer(engine, (error) => this.#fatal(error));
    this.channels = new Channels(engine, this.writer, config, features);
    this.sessions = new Sessions(config.presenceGraceMs);
    const limits = config.rateLimits;
    this.#signalLimits = limits
      ? new RateLimiterMap(limits.signals.limit, limits.signals.windowMs)
      : null;
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: config.maxFrameBytes,
      perMessageDeflate: false,
      handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
    });
    this.wss.on('connection', (socket, request) => this.#accept(socket, request));
    const beat = Math.max(10, Math.min(1_000, Math.floor(config.heartbeatMs / 4)));
    this.#timers.push(setInterval(() => this.#heartbeat(), beat));
    this.#timers.push(setInterval(() => void this.#sweep(), SWEEP_INTERVAL_MS));
    for (const timer of this.#timers) timer.unref();
  }

  /** Takes the WebSocket upgrades of an HTTP server on `/live`. */
  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = (request.url ?? '').split('?')[0];
      if (path !== '/live' || this.#closing) {
        socket.end(
          `HTTP/1.1 ${this.#closing ? '503 Service Unavailable' : '404 Not Found'}\r\n\r\n`,
        );
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) =>
        this.wss.emit('connection', ws, request),
      );
    });
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
    await this.engine.close();
    // Give the close frames a moment to leave; sockets that do not answer are cut anyway.
    await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, 2_000))]);
    this.wss.close();
  }

  // ------------------------------------------------------------------ sockets

  #accept(socket: WebSocket, request: IncomingMessage): void {
    const ip = request.socket.remoteAddress ?? '';
    const client = new Client(socket, request.socket, ip, this.config.maxBufferedBytes);
    this.#clients.add(client);
    const count = (this.#perIp.get(ip) ?? 0) + 1;
    this.#perIp.set(ip, count);
    socket.on('message', (data, isBinary) => this.#receive(client, data, isBinary));
    socket.on('close', () => this.#gone(client));
    socket.on('error', () => socket.terminate());
    if (this.config.maxConnectionsPerIp > 0 && count > this.config.maxConnectionsPerIp) {
      client.error('forbidden', 'too many connections from this address');
      client.close(CloseCode.policy, 'too many connections');
    }
  }

  #gone(client: Client): void {
    if (!this.#clients.delete(client)) return;
    const left = (this.#perIp.get(client.ip) ?? 1) - 1;
    if (left > 0) this.#perIp.set(client.ip, left);
    else this.#perIp.delete(client.ip);
    for (const channel of client.subscriptions.values()) channel.unsubscribe(client);
    client.subscriptions.clear();
    for (const channel of client.presence) channel.state.disconnect?.(client);
    client.presence.clear();
    if (client.session) this.sessions.leave(client.session);
  }

  #heartbeat(): void {
    const now = Date.now();
    const { heartbeatMs } = this.config;
    for (const client of this.#clients) {
      const expiresAt = client.identity?.expiresAt;
      if (now - client.lastReceivedAt > 2 * heartbeatMs) {
        client.socket.terminate();
      } else if (expiresAt != null && now >= expiresAt) {
        // The token expired (leeway included) without an `auth` refresh. Checked here, within a
        // second, rather than with a timer per connection.
        if (!client.open) continue;
        client.error('unauthorized', 'token expired');
        client.close(CloseCode.unauthorized, 'token expired');
      } else if (client.identity && now - client.lastSentAt >= heartbeatMs) {
        client.enqueue('{"t":"ping"}');
      }
    }
  }

  async #sweep(): Promise<void> {
    const now = Date.now();
    await this.channels.expire(now);
    await this.engine.forgetOutcomes(now - this.config.historyTtlMs);
    this.sessions.sweep(now);
    this.#signalLimits?.sweep(now);
    for (const limits of this.#userLimits.values()) limits.sweep(now);
  }

  #fatal(error: unknown): void {
    console.error('hubbub-relay: the store failed; stopping without acknowledging', error);
    process.exitCode = 1;
    void this.close();
  }

  // ------------------------------------------------------------------ frames

  #receive(client: Client, data: RawData, isBinary: boolean): void {
    client.lastReceivedAt = Date.now();
    const parsed = isBinary ? null : parseFrame(data.toString());
    if (parsed?.ok && parsed.frame.t === 'pong') return;
    client.run(() => {
      if (!client.open) return;
      return this.#handle(client, parsed).catch((error: unknown) => {
        console.error('hubbub-relay: internal error', error);
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
        identity = anonymousIdentity(this.config.secret, frame.anon.key, frame.anon.name);
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
    client.identity = identity;
    const session = this.sessions.join(frame.session, identity.user.id);
    client.session = session.id;
    const limits = this.config.rateLimits;
    if (limits) {
      const factor = isHost(identity.user) ? limits.hostFactor : 1;
      client.opLimiter = new RateLimiter(limits.ops.limit * factor, limits.ops.windowMs);
    }
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
      if (!channel?.state.presence) continue;
      channel.state.presence(client, 'enter', data);
      client.presence.add(channel);
    }
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
    client.identity = identity;
    this.#tell(client, { t: 'ok', id: frame.id, user: identity.user });
  }

  async #sub(client: Client, frame: SubFrame): Promise<void> {
    const target = this.channels.parse(frame.ch);
    if (!mayEnter(client.identity!, target.room)) {
      throw new OpError('forbidden', `this token does not grant room ${target.room}`);
    }
    const channel = await this.channels.get(target);
    // A second sub re-positions: no live event reaches the client twice, none is skipped.
    channel.unsubscribe(client);
    client.subscriptions.delete(target.name);
    this.writer.after(() => {
      if (!client.open) return;
      channel.subscribe(client, frame.id, frame.from);
      client.subscriptions.set(target.name, channel);
    });
  }

  async #presence(client: Client, frame: PresenceFrame): Promise<void> {
    const target = this.channels.parse(frame.ch);
    if (!mayEnter(client.identity!, target.room)) {
      throw new OpError('forbidden', `this token does not grant room ${target.room}`);
    }
    await this.channels.guards(target.room);
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
    const channel = client.subscriptions.get(frame.ch);
    channel?.unsubscribe(client);
    client.subscriptions.delete(frame.ch);
    this.#tell(client, { t: 'ok', id: frame.id, ch: frame.ch });
  }

  #signal(client: Client, frame: SignalFrame): void {
    let target;
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
    const data = frame.data ?? null;
    const dataJson = JSON.stringify(data);
    if (Buffer.byteLength(dataJson) > SIGNAL_DATA_MAX_BYTES) {
      return this.#fail(
        client,
        'too_large',
        `signal data is limited to ${SIGNAL_DATA_MAX_BYTES} bytes`,
      );
    }
    if (!mayEnter(client.identity!, target.room)) {
      return this.#fail(client, 'forbidden', `this token does not grant room ${target.room}`);
    }
    const channel = this.channels.peek(target.name);
    if (!channel || channel.subscriberCount === 0) return;
    const user = client.user;
    // Extra signals and signals of banned users are dropped silently: they are only hints.
    const rules = this.config.rateLimits;
    const limiter = rules
      ? this.#signalLimits!.get(
          `${user.id}\u0000${frame.ch}\u0000${frame.type}`,
          rules.signals.limit * (isHost(user) ? rules.hostFactor : 1),
        )
      : null;
    if (limiter && limiter.take() > 0) return;
    for (const feature of this.features.values()) {
      if (!feature.guardsRoom) continue;
      if (this.channels.peek(`${target.room}/${feature.name}`)?.state.refuse?.(user)) return;
    }
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
    const waiting = this.#inflight.get(key);
    if (waiting) return void waiting.push(answer);
    const known = this.#outcomes.get(key) ?? (await this.engine.outcome(user.id, frame.mid));
    if (known) return this.#answer([answer], known);
    // The lookup may have yielded: a twin of this op could have started meanwhile.
    const twin = this.#inflight.get(key);
    if (twin) return void twin.push(answer);
    if (this.#outcomes.has(key)) return this.#answer([answer], this.#outcomes.get(key)!);

    const refused = this.#rateLimit(client, frame);
    if (refused) return this.#answer([answer], refused);

    const answers = [answer];
    this.#inflight.set(key, answers);
    let outcome: OpOutcome;
    try {
      outcome = await this.#apply(client, frame);
    } catch (error) {
      this.#inflight.delete(key);
      throw error;
    }
    if (outcome.t === 'ack' || (outcome.code !== 'rate_limited' && outcome.code !== 'internal')) {
      this.#remember(key, outcome);
      this.writer.outcome(user.id, frame.mid, outcome, Date.now());
    }
    this.writer.after(() => this.#inflight.delete(key));
    this.#answer(answers, outcome);
  }

  async #apply(client: Client, frame: OpFrame): Promise<OpOutcome> {
    try {
      const target = this.channels.parse(frame.ch);
      if (!mayEnter(client.identity!, target.room)) {
        throw new OpError('forbidden', `this token does not grant room ${target.room}`);
      }
      for (const guard of await this.channels.guards(target.room)) {
        const reason = guard.state.refuse?.(client.user);
        if (reason) throw new OpError('forbidden', reason);
      }
      const channel = await this.channels.get(target);
      const userRate = target.feature.userRateLimits?.[frame.type];
      if (userRate && this.config.rateLimits) {
        const refused = this.#userRateLimit(
          client,
          `${target.feature.name}.${frame.type}`,
          userRate,
        );
        if (refused) return refused;
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
  #rateLimit(client: Client, frame: OpFrame): OpOutcome | null {
    const limiter = client.opLimiter;
    if (!limiter) return null;
    const wait = limiter.take();
    if (wait === 0) return null;
    if (limiter.attempts >= limiter.limit * this.config.rateLimits!.floodFactor) {
      client.error('rate_limited', 'too many ops; closing', { id: frame.id, retryAfterMs: wait });
      client.close(CloseCode.rateLimited, 'rate limited');
    }
    return errOutcome(new OpError('rate_limited', 'too many ops', { retryAfterMs: wait }));
  }

  #userRateLimit(
    client: Client,
    name: string,
    setting: keyof NonNullable<RelayConfig['rateLimits']>,
  ): OpOutcome | null {
    const limits = this.config.rateLimits!;
    const rule = limits[setting] as { limit: number; windowMs: number };
    const factor = isHost(client.user) ? limits.hostFactor : 1;
    let map = this.#userLimits.get(name);
    if (!map) this.#userLimits.set(name, (map = new RateLimiterMap(rule.limit, rule.windowMs)));
    // Hosts share the map but their bucket is larger.
    const limiter = map.get(client.user.id, rule.limit * factor);
    const wait = limiter.take();
    if (wait === 0) return null;
    if (limiter.attempts >= limiter.limit * limits.floodFactor) {
      client.close(CloseCode.rateLimited, 'rate limited');
    }
    return errOutcome(new OpError('rate_limited', `too many ${name} ops`, { retryAfterMs: wait }));
  }

  #remember(key: string, outcome: OpOutcome): void {
    this.#outcomes.set(key, outcome);
    if (this.#outcomes.size > OUTCOME_CACHE_SIZE) {
      // Maps iterate in insertion order: the first key is the oldest.
      this.#outcomes.delete(this.#outcomes.keys().next().value!);
    }
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
