/**
 * The rooms this relay decides for (all of them on a relay alone; those it owns in a cluster):
 * it applies ops once per (user, mid), enforces the room's rules (bans, signed-in only) and the
 * per-user limits, decides how a `sub` is answered, keeps presence, and passes signals on.
 *
 * It serves connections, local sockets and connections of other relays alike (`Conn`), and
 * answers each once what it decided is committed.
 */
import {
  isStaff,
  type AckFrame,
  type ErrFrame,
  type OkFrame,
  type OpFrame,
  type PresenceFrame,
  type SignalFrame,
  type User,
} from '../src/protocol/index.js';
import type { Audience, Channel, Subscriber, SubDecision } from './channels/channel.js';
import type { ChannelName, Channels } from './channels/registry.js';
import type { Writer } from './channels/writer.js';
import type { Engine, OpOutcome } from './engines/engine.js';
import { OpError } from './errors.js';
import { SIGNED_IN_ONLY, type FeatureModule, type ReadPage } from './features/feature.js';
import { RateLimiterMap, type RateLimitSettings, type RelayConfig } from './limits.js';
import { OutcomeCache, keepsOutcome } from './outcomes.js';
import { sliced } from './sweep.js';
import * as wire from './wire.js';
import { RETRY_AFTER_MS } from './wire.js';

/** A connection as the room's decider sees it: on this relay or on another of the cluster. */
export interface Conn extends Subscriber {
  /** Unique among the connections this relay serves. */
  readonly key: string;
  /** A keyed hash of the connection's address: what bans of an address store. */
  readonly address: string;
  /** Closes the connection (a client far past a limit). */
  close(code: number, reason: string): void;
}

/** An op's answer, sent once what the op did is committed. */
export type Reply = (frame: AckFrame | ErrFrame) => void;

export type LimitName = Exclude<keyof RateLimitSettings, 'hostFactor' | 'floodFactor'>;

/** A signal's `data`, serialised, may not be larger than this. */
export const SIGNAL_DATA_MAX_BYTES = 256;

export class Rooms {
  #outcomes = new OutcomeCache();
  /** Ops being processed, by user and mid: a retry meanwhile waits for the same outcome. */
  #inflight = new Map<string, Promise<OpOutcome>>();
  /** Per-user limits, by name (`chatSend`, `signals`, `presence`…). */
  #userLimits = new Map<string, RateLimiterMap>();
  /** The presence channels each connection entered, by connection key. */
  #entered = new Map<string, { conn: Conn; channels: Set<Channel> }>();

  constructor(
    private config: RelayConfig,
    private engine: Engine,
    private channels: Channels,
    private writer: Writer,
    private features: ReadonlyMap<string, FeatureModule>,
    /** Sends a frame to the other relays' subscribers (a cluster only). */
    private publish: (
      room: string,
      ch: string,
      json: string,
      audience: Audience,
    ) => void = () => {},
    /** Counts each op's outcome, by feature. */
    private counted: (feature: string, outcome: string) => void = () => {},
  ) {}

  // ------------------------------------------------------------------ rules of a room

  /** Why the room refuses this connection's ops, signals and presence; null if it does not. */
  refusal(conn: Conn, room: string): string | null {
    for (const feature of this.#guardFeatures()) {
      const state = this.channels.peek(`${room}/${feature.name}`)?.state;
      const reason = state?.refuseEntry?.(conn.user) ?? state?.refuse?.(conn.user, conn.address);
      if (reason) return reason;
    }
    return null;
  }

  /** Why the room refuses this connection a `sub`; null if it does not. */
  entryRefusal(user: User, room: string): string | null {
    for (const feature of this.#guardFeatures()) {
      const reason = this.channels.peek(`${room}/${feature.name}`)?.state?.refuseEntry?.(user);
      if (reason) return reason;
    }
    return null;
  }

  /**
   * Tells the room's loaded guards (chat) the role `user` comes with, so moderation knows the
   * rank of users this relay does not serve (on a cluster, everyone of the other relays).
   */
  #seen(user: User, room: string): void {
    // What is noted is written down: only by the relay that decides for the room now (one that
    // gave the room up, or is stopping, would have its commit refused).
    if (this.channels.notDeciding(room)) return;
    for (const feature of this.#guardFeatures()) {
      this.channels.peek(`${room}/${feature.name}`)?.state?.seen?.(user);
    }
  }

  /** Loads the room's guards (chat), so its rules can be asked. */
  async #guard(room: string): Promise<void> {
    await this.channels.guards(room);
  }

  /** Why the room refuses this user entry now, its guards loaded; null if it does not. */
  async entryRefusalNow(user: User, room: string): Promise<string | null> {
    await this.#guard(room);
    return this.entryRefusal(user, room);
  }

  /** Loads the room's guards and refuses with `forbidden` what they refuse. */
  async #admit(room: string, refusal: () => string | null): Promise<void> {
    await this.#guard(room);
    const refused = refusal();
    if (refused) {
      const details = refused === SIGNED_IN_ONLY ? { details: { gate: 'signedIn' } } : {};
      throw new OpError('forbidden', refused, details);
    }
  }

  // ------------------------------------------------------------------ sub

  /**
   * Decides how to answer a `sub`, once everything before it is committed; rejects with an
   * OpError when the room refuses (or the commit failed: then retryable).
   */
  async subscribe(
    user: User,
    target: ChannelName,
    id: string | number,
    from: Parameters<Channel['decide']>[2],
  ): Promise<{ channel: Channel; decision: SubDecision }> {
    await this.#admit(target.room, () => this.entryRefusal(user, target.room));
    this.#seen(user, target.room);
    const channel = await this.channels.get(target);
    return this.#whenCommitted(channel, target.room, () => ({
      channel,
      decision: channel.decide(user, id, from),
    }));
  }

  /**
   * A feature's staff read beyond its snapshot (the quiz's `players`), once everything before it
   * is committed, as a `sub` is answered; undefined for a read the feature does not have.
   */
  async read(user: User, target: ChannelName, name: string, page: ReadPage): Promise<unknown> {
    const channel = await this.channels.get(target);
    return this.#whenCommitted(channel, target.room, () => channel.state?.read?.(user, name, page));
  }

  /**
   * `answer`, once everything before it in the room is committed, from a channel this relay
   * still decides; else (the commit failed, or the room went to another relay) a retryable
   * `internal`, as for a sub.
   */
  #whenCommitted<T>(channel: Channel, room: string, answer: () => T): Promise<T> {
    return new Promise((resolve, reject) => {
      this.writer.after(
        () => {
          try {
            if (!channel.primary) return reject(unavailable());
            resolve(answer());
          } catch (error) {
            reject(error);
          }
        },
        room,
        () => reject(unavailable()),
      );
    });
  }

  // ------------------------------------------------------------------ ops

  /**
   * Processes an op at most once per (user, mid); `reply` gets its answer once committed. The
   * returned promise settles when the op is applied (not yet committed), so one connection's ops
   * are applied in order and still committed together. `limit` is the connection's own op limit,
   * taken only for an op not seen before.
   */
  async op(
    conn: Conn,
    target: ChannelName,
    frame: OpFrame,
    reply: Reply,
    limit?: () => OpError | null,
  ): Promise<void> {
    const user = conn.user;
    const key = `${user.id}\u0000${frame.mid}`;
    const answer = (outcome: OpOutcome) => this.#answer(target.room, reply, frame, outcome);
    // A retry waits for the outcome of the try being processed, and is answered in its own place
    // among its connection's answers (its connection's later frames wait for it).
    const twin = this.#inflight.get(key);
    if (twin) return answer(await twin);
    const known = this.#outcomes.get(key);
    if (known) return answer(known);
    // A store shared by several relays looks the outcome up as it claims the op (below).
    if (!this.engine.claimOp) {
      const stored = await this.engine.outcome(user.id, frame.mid);
      if (stored) return answer(stored);
      // The lookup yielded: a twin of this op could have started meanwhile.
      const started = this.#inflight.get(key);
      if (started) return answer(await started);
      const settled = this.#outcomes.get(key);
      if (settled) return answer(settled);
    }

    // Retries meanwhile wait for the outcome as committed: an ack whose commit failed is not one.
    let settle!: (outcome: OpOutcome) => void;
    this.#inflight.set(key, new Promise((resolve) => (settle = resolve)));
    const finish = (outcome: OpOutcome) => {
      this.#inflight.delete(key);
      settle(outcome);
      answer(outcome);
    };
    let outcome: OpOutcome;
    try {
      const elsewhere = await this.#claim(user.id, frame.mid);
      // Recorded before (a retry), or processed by the owner of another room (the same mid sent
      // to two rooms): that outcome; or `internal` with `retryAfterMs` if that took too long.
      if (elsewhere) return finish(elsewhere);
      // Only an op not seen before counts against its connection's limit.
      const limited = limit?.();
      if (limited) {
        this.engine.releaseOp?.(user.id, frame.mid);
        return finish(errOutcome(limited));
      }
      outcome = await this.#apply(conn, target, frame);
    } catch (error) {
      this.#inflight.delete(key);
      this.engine.releaseOp?.(user.id, frame.mid);
      settle(errOutcome(unavailable()));
      throw error;
    }
    // A refusal is not recorded: another relay may process a retry afresh. An ack's commit ends
    // the claim (or, failing, the callback below does).
    if (outcome.t !== 'ack') this.engine.releaseOp?.(user.id, frame.mid);
    this.counted(target.feature.name, outcome.t === 'ack' ? 'ack' : outcome.code);
    if (keepsOutcome(outcome)) {
      this.#outcomes.set(key, outcome);
      // Only acks are written down: a refusal changed nothing, so no retry can make it twice.
      if (outcome.t === 'ack') {
        this.writer.outcome(user.id, frame.mid, outcome, Date.now(), target.room);
      }
    }
    this.writer.after(
      () => {
        this.#inflight.delete(key);
        settle(outcome);
      },
      target.room,
      () => {
        this.#inflight.delete(key);
        this.#outcomes.forget(key);
        this.engine.releaseOp?.(user.id, frame.mid);
        settle(errOutcome(unavailable()));
      },
    );
    answer(outcome);
  }

  /**
   * On a store shared by several relays, claims the (user, mid) before the op is applied: null
   * when this relay may process it, else the outcome another relay recorded for it meanwhile.
   * While another relay holds the claim (it is applying the op), asks again every
   * `CLAIM_POLL_MS`; after `CLAIM_WAIT_MS` the op is answered `internal` with `retryAfterMs`.
   */
  async #claim(userId: string, mid: string): Promise<OpOutcome | null> {
    if (!this.engine.claimOp) return null;
    const until = Date.now() + CLAIM_WAIT_MS;
    for (;;) {
      const claim = await this.engine.claimOp(userId, mid);
      if (claim === 'mine') return null;
      if (claim !== 'busy') return claim.outcome;
      if (Date.now() >= until) return errOutcome(unavailable());
      await new Promise((resolve) => setTimeout(resolve, CLAIM_POLL_MS));
    }
  }

  async #apply(conn: Conn, target: ChannelName, frame: OpFrame): Promise<OpOutcome> {
    try {
      await this.#admit(target.room, () => this.refusal(conn, target.room));
      this.#seen(conn.user, target.room);
      const channel = await this.channels.get(target);
      const userRates = target.feature.userRateLimits;
      if (userRates && Object.hasOwn(userRates, frame.type)) {
        const name = userRates[frame.type] as LimitName;
        const key = `${target.feature.name}.${frame.type}\u0000${conn.user.id}`;
        const wait = this.userLimit(conn, name, key);
        if (wait > 0) {
          throw new OpError('rate_limited', `too many ${target.feature.name} ${frame.type} ops`, {
            retryAfterMs: wait,
          });
        }
      }
      const { ack, seq } = channel.apply(
        conn.user,
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

  /** Answers an op once everything decided before it is committed (else: retry). */
  #answer(room: string, reply: Reply, frame: OpFrame, outcome: OpOutcome): void {
    this.writer.after(
      () => reply(wire.answerFrame(frame.id, frame.mid, outcome)),
      room,
      () => reply(wire.retryFrame(frame.id, frame.mid)),
    );
  }

  // ------------------------------------------------------------------ presence and signals

  /** Handles a `presence` frame; resolves with its `ok` once committed. */
  async presence(conn: Conn, target: ChannelName, frame: PresenceFrame): Promise<OkFrame> {
    if (frame.action !== 'leave') {
      const wait = this.userLimit(conn, 'presence', `${conn.user.id}\u0000${target.name}`);
      if (wait > 0) {
        throw new OpError('rate_limited', 'too many presence changes', { retryAfterMs: wait });
      }
    }
    // Leaving is never refused.
    await this.#admit(target.room, () =>
      frame.action === 'leave' ? null : this.refusal(conn, target.room),
    );
    this.#seen(conn.user, target.room);
    const channel = await this.channels.get(target);
    const state = channel.state;
    if (!state?.presence) {
      throw new OpError('invalid', `${target.feature.name} takes no presence frames`, {
        details: { field: 'ch' },
      });
    }
    const extra = state.presence(conn, frame.action, frame.data);
    if (frame.action === 'leave') this.#forget(conn, channel);
    else this.#remember(conn, channel);
    return new Promise((resolve, reject) => {
      this.writer.after(
        () => resolve({ t: 'ok', id: frame.id, ch: frame.ch, ...extra }),
        target.room,
        () => reject(unavailable()),
      );
    });
  }

  /** Enters presence again for a resumed session (no answer; a refusal is silent). */
  async reenter(conn: Conn, target: ChannelName, data: Record<string, unknown> | undefined) {
    try {
      await this.#guard(target.room);
      if (this.refusal(conn, target.room)) return;
      this.#seen(conn.user, target.room);
      const channel = await this.channels.get(target);
      channel.state?.presence?.(conn, 'enter', data);
      this.#remember(conn, channel);
    } catch (error) {
      // Refused now (a term blocked since): the client re-enters, and hears why, if it asks.
      // Or the room went to another relay meanwhile: its new owner asks this relay's sockets
      // to re-enter there.
      if (!(error instanceof OpError)) throw error;
    }
  }

  /** Leaves presence in `room` (a token without the room, a ban), without an answer. */
  leave(conn: Conn, room: string): string[] {
    const entry = this.#entered.get(conn.key);
    if (!entry) return [];
    const left: string[] = [];
    for (const channel of entry.channels) {
      if (channel.room !== room) continue;
      channel.state?.presence?.(conn, 'leave', undefined);
      this.#forget(conn, channel);
      left.push(channel.name);
    }
    return left;
  }

  /** The connection is gone: every presence it held starts its grace. */
  gone(conn: Conn): void {
    const entry = this.#entered.get(conn.key);
    if (!entry) return;
    this.#entered.delete(conn.key);
    for (const channel of entry.channels) channel.state?.disconnect?.(conn);
  }

  /** Members whose presence the room now refuses (a ban) leave; returns them by connection. */
  refusedMembers(room: string): { conn: Conn; channels: string[] }[] {
    const refused: { conn: Conn; channels: string[] }[] = [];
    for (const { conn } of this.#entered.values()) {
      if (!this.refusal(conn, room)) continue;
      const channels = this.leave(conn, room);
      if (channels.length > 0) refused.push({ conn, channels });
    }
    return refused;
  }

  /**
   * Passes a signal on to every subscriber of the channel but the sender's own connections, on
   * every relay. Extra signals are dropped silently, before anything else is done with them:
   * they are hints; then data over `SIGNAL_DATA_MAX_BYTES` is `too_large`.
   */
  signal(conn: Conn, target: ChannelName, frame: SignalFrame): void {
    const key = `${conn.user.id}\u0000${frame.ch}\u0000${frame.type}`;
    if (this.userLimit(conn, 'signals', key) > 0) return;
    const dataJson = wire.json(frame.data ?? null);
    if (
      dataJson.length > SIGNAL_DATA_MAX_BYTES ||
      Buffer.byteLength(dataJson) > SIGNAL_DATA_MAX_BYTES
    ) {
      throw new OpError('too_large', `signal data is limited to ${SIGNAL_DATA_MAX_BYTES} bytes`);
    }
    // Signals of users the room refuses (banned, say) are dropped silently too.
    if (this.refusal(conn, target.room)) return;
    this.#seen(conn.user, target.room);
    const json = wire.signal({ ch: frame.ch, type: frame.type, from: conn.user }, dataJson);
    // A hidden user's typing would give them away to the audience: only staff hear it.
    const audience: Audience = this.#heardByStaffOnly(conn.user, target.room)
      ? 'hosts'
      : { except: conn.user.id };
    const channel = this.channels.peek(target.name);
    // Not loaded here: nobody subscribed on this relay, but subscribers of other relays may be.
    if (channel) channel.broadcastFrame(json, audience);
    else this.publish(target.room, target.name, json, audience);
  }

  // ------------------------------------------------------------------ limits

  /**
   * Takes a token of a per-user limit (`key` names the user and what is limited); returns 0
   * when allowed, else the milliseconds to wait. A user far past it has the connection closed.
   */
  userLimit(conn: Conn, name: LimitName, key: string): number {
    const limits = this.config.rateLimits;
    if (!limits) return 0;
    const rule = limits[name];
    let map = this.#userLimits.get(name);
    if (!map) this.#userLimits.set(name, (map = new RateLimiterMap(rule.limit, rule.windowMs)));
    // Hosts share the map but their bucket is larger.
    const limiter = map.get(key, rule.limit * (isStaff(conn.user) ? limits.hostFactor : 1));
    const wait = limiter.take();
    if (wait > 0 && name !== 'signals' && limiter.attempts >= limiter.limit * limits.floodFactor) {
      conn.close(4429, 'rate limited');
    }
    return wait;
  }

  /** Forgets idle limiters, a slice at a time. */
  async sweep(now: number): Promise<void> {
    for (const limits of this.#userLimits.values()) {
      await sliced(limits.entries(), ([key, limiter]) => limits.expire(key, limiter, now));
    }
  }

  #remember(conn: Conn, channel: Channel): void {
    let entry = this.#entered.get(conn.key);
    if (!entry) this.#entered.set(conn.key, (entry = { conn, channels: new Set() }));
    entry.channels.add(channel);
  }

  #forget(conn: Conn, channel: Channel): void {
    const entry = this.#entered.get(conn.key);
    if (!entry) return;
    entry.channels.delete(channel);
    if (entry.channels.size === 0) this.#entered.delete(conn.key);
  }

  /** Whether the room's guards (chat) let only staff hear this user (a hidden user). */
  #heardByStaffOnly(user: User, room: string): boolean {
    for (const feature of this.#guardFeatures()) {
      if (this.channels.peek(`${room}/${feature.name}`)?.state?.heardByStaffOnly?.(user)) {
        return true;
      }
    }
    return false;
  }

  *#guardFeatures(): Iterable<FeatureModule> {
    for (const feature of this.features.values()) if (feature.guardsRoom) yield feature;
  }
}

/** How often a claim held by another relay is asked for again, and for how long at most (ms). */
const CLAIM_POLL_MS = 20;
const CLAIM_WAIT_MS = 5_000;

function unavailable(): OpError {
  return new OpError('internal', 'the store is briefly unavailable; retry', {
    retryAfterMs: RETRY_AFTER_MS,
  });
}

export function errOutcome(error: OpError): OpOutcome {
  const outcome: OpOutcome & { retryAfterMs?: number } = {
    t: 'err',
    code: error.code,
    message: error.message,
  };
  if (error.extra.details !== undefined) outcome.details = error.extra.details;
  if (error.extra.retryAfterMs !== undefined) outcome.retryAfterMs = error.extra.retryAfterMs;
  return outcome;
}
