/**
 * A socket's frames, handled in turn: `hello`, `auth`, `sub` / `unsub`, `op`, `presence` and
 * `signal`, each checked (identity, room, per-connection limits) and sent to the port of its
 * room. Every answer leaves in the order its frame arrived (`#tell`).
 */
import type { RawData } from 'ws';
import {
  isStaff,
  CloseCode,
  PROTOCOL_VERSION,
  type AuthFrame,
  type ErrorCode,
  type HelloFrame,
  type OpFrame,
  type PresenceFrame,
  type RelayFrame,
  ROOM_NOT_GRANTED,
  type SignalFrame,
  type SubFrame,
  type UnsubFrame,
} from '../src/protocol/index.js';
import { AuthError, identify, isAnonymous, mayEnter, verifyToken, type Identity } from './auth.js';
import type { ChannelName } from './channels/registry.js';
import { Client } from './client.js';
import { OpError } from './errors.js';
import { isRequestId, parseFrame } from './frames.js';
import { RateLimiter, publicLimits } from './limits.js';
import { fault, logRefusal } from './log.js';
import type { Caller } from './ports.js';
import type { Relay } from './relay.js';
import { RETRY_AFTER_MS, probeAnswer } from './wire.js';

/** `details` of a `forbidden` for a room the identity may not enter (PROTOCOL notes). */
const NOT_GRANTED = { reason: ROOM_NOT_GRANTED } as const;

/** How many times a room's recheck is tried while the room changes owner. */
const RECHECK_ATTEMPTS = 5;

export class Handlers {
  constructor(private relay: Relay) {}

  receive(client: Client, data: RawData, isBinary: boolean): void {
    client.lastReceivedAt = Date.now();
    const parsed = isBinary ? null : parseFrame(data.toString());
    const bytes = Array.isArray(data)
      ? data.reduce((sum, chunk) => sum + chunk.byteLength, 0)
      : data.byteLength;
    // Before `hello` a pong is a first frame like any other: refused below (PROTOCOL.md).
    // A pong is never answered, but a flood of them is closed (4429) like any other.
    if (parsed?.ok && parsed.frame.t === 'pong' && client.identity) {
      return void client.takeRefused(bytes);
    }
    if (parsed?.ok && parsed.frame.t === 'ping' && client.identity) {
      return this.#probe(client, parsed.frame.id);
    }
    // On a cluster, a sub's owner is asked now too, so a page's subs wait one round trip.
    const done =
      parsed?.ok && parsed.frame.t === 'sub' && client.identity
        ? this.relay.cluster?.ahead(client, parsed.frame)
        : undefined;
    client.run(async () => {
      try {
        if (client.open) await this.#handle(client, parsed, bytes);
      } catch (error) {
        fault('frame', error);
        const frame = parsed?.ok ? parsed.frame : null;
        client.error('internal', 'internal error', {
          ...(frame && 'id' in frame ? { id: frame.id } : {}),
          ...(frame?.t === 'op' ? { mid: frame.mid } : {}),
          // A store that recovers (Redis restarting) fails briefly: the client retries the op.
          ...(this.relay.engine.recoverable ? { retryAfterMs: RETRY_AFTER_MS } : {}),
        });
      } finally {
        done?.();
      }
    });
  }

  /**
   * A client's probe: answered at once, ahead of the answers its earlier frames still wait for,
   * since it asks whether the socket and the relay are alive, not whether they caught up. It
   * takes a token of the connection's op limit, so probes cannot flood.
   */
  #probe(client: Client, id: string | number): void {
    const refused = client.takeOp(id);
    if (refused) {
      if (client.open) client.error(refused.code, refused.message, { id, ...refused.extra });
      return;
    }
    client.enqueue(probeAnswer(id));
  }

  async #handle(
    client: Client,
    parsed: ReturnType<typeof parseFrame> | null,
    bytes: number,
  ): Promise<void> {
    if (!client.identity) {
      if (parsed?.ok && parsed.frame.t === 'hello') return await this.#hello(client, parsed.frame);
      if (parsed && !parsed.ok && parsed.t === 'hello') {
        client.error('invalid', parsed.message, { details: parsed.details });
      } else {
        client.error('bad_frame', 'the first frame must be hello');
      }
      return client.close(CloseCode.badFrame, 'expected hello');
    }
    // Frames refused unread, and `auth` (a token to verify), are charged by size to their own
    // limit: a flood of garbage is refused and closed (4429) like a flood of ops.
    if (!parsed || !parsed.ok || parsed.frame.t === 'hello' || parsed.frame.t === 'auth') {
      const id = parsed?.ok ? (parsed.frame as { id?: string | number }).id : parsed?.id;
      const refused = client.takeRefused(bytes, id);
      if (refused) {
        const extra = { ...(id === undefined ? {} : { id }), ...refused.extra };
        return client.open ? this.#fail(client, refused.code, refused.message, extra) : undefined;
      }
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
          return await this.op(client, frame);
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
    // On a cluster: refused (and closed) when the address is over its sockets on every relay.
    if (client.admitted && !(await client.admitted)) return;
    let identity: Identity;
    try {
      identity = identify(this.relay.config, frame);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      logRefusal('bad token', { reason: error.message, ip: client.ip });
      client.error('unauthorized', error.message);
      return client.close(CloseCode.unauthorized, 'unauthorized');
    }
    client.address = this.relay.admission.addressKey(client.ip);
    if (isAnonymous(identity.user)) {
      // Fresh anonymous keys are free; the address that brings them is not.
      const wait = await this.relay.admission.admitAnonymous(client.ip, identity.user.id);
      if (!client.open) return;
      if (wait > 0) {
        client.error('rate_limited', 'too many new anonymous users from this address', {
          retryAfterMs: wait,
        });
        return client.close(CloseCode.rateLimited, 'rate limited');
      }
      this.relay.admission.seen(identity.user.id, client.address);
    }
    // A session of another relay of the cluster resumes here too.
    if (frame.session !== undefined)
      await this.relay.sessions.recall(frame.session, identity.user.id);
    if (!client.open) return;
    client.identity = identity;
    const session = this.relay.sessions.join(frame.session, identity.user.id);
    client.session = session.id;
    this.#applyRole(client);
    client.send({
      t: 'welcome',
      session: client.session,
      user: identity.user,
      heartbeatMs: this.relay.config.heartbeatMs,
      serverTime: Date.now(),
      limits: publicLimits(this.relay.config),
      probe: true,
    });
    // A resumed session keeps its presence: the new socket stands in for the old one.
    for (const [ch, data] of session.memberships) {
      const target = this.relay.channels.parse(ch);
      if (!mayEnter(identity, target.room)) continue;
      client.presence.add(ch);
      // A fault of one re-entry (found by the port or in the room) is logged, never thrown.
      this.relay
        .port(target.room)
        .then((port) => port.reenter(client, target, data))
        .catch((error: unknown) => fault('presence re-entry', error));
    }
  }

  /** The per-connection limits of the user's role (hosts and moderators get more). */
  #applyRole(client: Client): void {
    const limits = this.relay.config.rateLimits;
    if (!limits) return;
    const factor = isStaff(client.user) ? limits.hostFactor : 1;
    client.opLimiter = new RateLimiter(limits.ops.limit * factor, limits.ops.windowMs);
    client.subLimiter = new RateLimiter(limits.subs.limit * factor, limits.subs.windowMs);
    const refused = limits.refusedKib;
    client.refusedLimiter = new RateLimiter(refused.limit * factor, refused.windowMs);
    client.floodFactor = limits.floodFactor;
  }

  async #auth(client: Client, frame: AuthFrame): Promise<void> {
    let identity: Identity;
    try {
      identity = verifyToken(this.relay.config.secret, frame.token);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      logRefusal('bad token', { reason: error.message, ip: client.ip, user: client.user.id });
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
        this.#evict(client, name, `this token does not grant room ${channel.room}`, NOT_GRANTED);
      }
    }
    const rooms = new Set([...client.presence].map((ch) => ch.slice(0, ch.indexOf('/'))));
    for (const room of rooms) {
      if (!mayEnter(identity, room)) (await this.relay.port(room)).leave(client, room);
    }
    this.#tell(client, { t: 'ok', id: frame.id, user: identity.user });
  }

  /**
   * Drops a subscription the client may no longer have, with an `err` naming the channel (no
   * `id`: no request of the client's is answered).
   */
  #evict(client: Client, name: string, message: string, details?: unknown): void {
    client.subscriptions.get(name)?.unsubscribe(client);
    client.subscriptions.delete(name);
    this.#fail(client, 'forbidden', message, details ? { ch: name, details } : { ch: name });
  }

  /**
   * A room's rules changed (a host made it signed-in only, or banned someone): this relay's
   * subscribers who may no longer enter are dropped, and (where this relay decides for the room)
   * members who may no longer act leave presence. `origin`: the change was made here, so the
   * other relays of a cluster are told too.
   */
  async recheckRoom(room: string, origin: boolean): Promise<void> {
    if (origin) this.relay.cluster?.recheck(room);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#recheck(room);
      } catch (error) {
        // A stopping relay's sockets go (1012), and are checked where they come back.
        if (this.relay.closing) return;
        // The room changed owner meanwhile (this relay gave it up): its new owner is asked.
        const moving = error instanceof OpError && error.code === 'internal';
        if (!moving || attempt === RECHECK_ATTEMPTS) throw error;
        const waitMs = error.extra.retryAfterMs ?? RETRY_AFTER_MS;
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }

  /** One pass of `recheckRoom` over this relay's members and subscribers of `room`. */
  async #recheck(room: string): Promise<void> {
    for (const { conn, channels } of this.relay.rooms.refusedMembers(room)) {
      if (conn instanceof Client)
        for (const ch of channels) conn.entered(ch, false, undefined, this.relay.sessions);
    }
    const port = await this.relay.port(room);
    for (const client of this.relay.clients()) {
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
  #target(client: Caller, ch: string): ChannelName {
    const target = this.relay.channels.parse(ch);
    if (!mayEnter(client.identity!, target.room)) {
      logRefusal('room not granted', { room: target.room, user: client.user.id });
      throw new OpError('forbidden', `this identity may not enter room ${target.room}`, {
        details: NOT_GRANTED,
      });
    }
    this.#touch(client, target);
    return target;
  }

  /**
   * Counts the channel against the connection's cap on distinct channels (`forbidden` with
   * `details.limit` beyond it). Signals too: each channel a signal names is a per-user limiter
   * kept for a while, so a socket naming a new channel with every signal grew them without end.
   */
  #touch(client: Caller, target: ChannelName): void {
    if (client.touched.has(target.name)) return;
    const max = this.relay.config.maxChannelsPerConnection;
    if (client.touched.size >= max) {
      throw new OpError('forbidden', `one connection may use at most ${max} channels`, {
        details: { limit: max },
      });
    }
    client.touched.add(target.name);
  }

  async #sub(client: Client, frame: SubFrame): Promise<void> {
    const limited = client.takeSub();
    if (limited) throw limited;
    const target = this.#target(client, frame.ch);
    const max = this.relay.config.maxSubscriptionsPerConnection;
    if (!client.subscriptions.has(target.name) && client.subscriptions.size >= max) {
      throw new OpError('forbidden', `one connection may subscribe to at most ${max} channels`, {
        details: { limit: max },
      });
    }
    const port = await this.relay.port(target.room);
    // Nothing is built for a socket that has not taken what it was already sent.
    await client.drained();
    if (!client.open) return;
    await port.subscribe(client, target, frame);
  }

  async #presence(client: Client, frame: PresenceFrame): Promise<void> {
    const target = this.#target(client, frame.ch);
    await (await this.relay.port(target.room)).presence(client, target, frame);
  }

  /**
   * A malformed name is `invalid`, as for every frame naming a channel; any well-formed one is
   * `ok`, subscribed or not (an unknown feature or a room not granted was never subscribed).
   */
  #unsub(client: Client, frame: UnsubFrame): void {
    const limited = client.takeSub();
    if (limited) throw limited;
    this.relay.channels.match(frame.ch);
    const channel = client.subscriptions.get(frame.ch);
    channel?.unsubscribe(client);
    client.subscriptions.delete(frame.ch);
    this.#tell(client, { t: 'ok', id: frame.id, ch: frame.ch });
  }

  async #signal(client: Client, frame: SignalFrame): Promise<void> {
    // PROTOCOL.md gives `signal` no id; a client that sends one gets it back on a refusal.
    const raw = (frame as { id?: unknown }).id;
    const extra = isRequestId(raw) ? { id: raw } : {};
    let target: ChannelName;
    try {
      target = this.relay.channels.parse(frame.ch);
    } catch (error) {
      if (error instanceof OpError)
        return this.#fail(client, error.code, error.message, { ...extra, ...error.extra });
      throw error;
    }
    if (!target.feature.signals.includes(frame.type)) {
      return this.#fail(client, 'invalid', `${target.feature.name} has no signal ${frame.type}`, {
        ...extra,
        details: { field: 'type' },
      });
    }
    if (!mayEnter(client.identity!, target.room)) {
      return this.#fail(client, 'forbidden', `this identity may not enter room ${target.room}`, {
        ...extra,
        details: NOT_GRANTED,
      });
    }
    try {
      this.#touch(client, target);
    } catch (error) {
      if (!(error instanceof OpError)) throw error;
      return this.#fail(client, error.code, error.message, { ...extra, ...error.extra });
    }
    const port = await this.relay.port(target.room);
    try {
      port.signal(client, target, frame);
    } catch (error) {
      if (!(error instanceof OpError)) throw error;
      this.#fail(client, error.code, error.message, { ...extra, ...error.extra });
    }
  }

  /**
   * An op, from a socket's frame or from the HTTP API (a `Caller` standing in for a socket): the
   * same checks, limits, de-duplication and order either way, answered through `client.send`.
   */
  async op(client: Caller, frame: OpFrame): Promise<void> {
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
    await (await this.relay.port(target.room)).op(client, target, frame);
  }

  /**
   * A `sub` for one look at a channel (the HTTP API's reads): answered through `client.send` as
   * a socket's `sub` is (the `ok` with the snapshot, then `me` frames), then dropped at once.
   */
  async peek(client: Caller, frame: SubFrame): Promise<void> {
    try {
      const target = this.#target(client, frame.ch);
      await (await this.relay.port(target.room)).subscribe(client, target, frame);
    } catch (error) {
      if (!(error instanceof OpError)) throw error;
      return this.#fail(client, error.code, error.message, { id: frame.id, ...error.extra });
    }
    client.subscriptions.get(frame.ch)?.unsubscribe(client);
    client.subscriptions.delete(frame.ch);
  }

  /** Answers a frame once everything decided before it is committed, so answers keep order. */
  #tell(client: Caller, frame: RelayFrame): void {
    this.relay.writer.after(() => client.send(frame));
  }

  #fail(
    client: Caller,
    code: ErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
  ): void {
    this.#tell(client, { t: 'err', ...extra, code, message });
  }
}
