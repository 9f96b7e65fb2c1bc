/**
 * A relay as one of a cluster (`--redis`). One relay at a time owns a room: it decides the order
 * of the room's channels (it holds the features' state, applies ops, commits), enforces the
 * room's rules and keeps its presence. Every relay serves its own sockets: their frames for a
 * room owned elsewhere go to the owner (`RemotePort`; the owner acts for them in `owner.ts`),
 * and their subscriptions are served from replicas fed by the owner's committed events. The
 * design and its failure analysis: `docs/cluster.md`.
 *
 * Ownership: the first relay to need a room takes it; it keeps it while alive (its alive key,
 * renewed every second) and gives it up on a graceful stop. When an owner dies, the relays that
 * follow the room notice within a few seconds, one takes it over (an atomic check-and-set in the
 * store) and loads the room from the store: a running quiz, owed tallies, presence members (in
 * their grace) continue there.
 */
import type { SubFrame } from '../../src/protocol/index.js';
import type { SharedAddresses } from '../admission.js';
import { mayEnter } from '../auth.js';
import type { Audience } from '../channels/channel.js';
import type { ChannelName } from '../channels/registry.js';
import type { Client } from '../client.js';
import type { ClusterBackend, RelaySummary } from '../engines/redis.js';
import type { StoredEvent } from '../engines/engine.js';
import { OpError } from '../errors.js';
import { fault, log } from '../log.js';
import type { Port } from '../ports.js';
import { GoneNotices } from './gone.js';
import { Mailbox, unpack } from './mailbox.js';
import { parseMessage, type Request } from './messages.js';
import { OwnerDesk } from './owner.js';
import { PieceCache, PieceNames } from './pieces.js';
import type { SessionStore } from '../sessions.js';
import type { ClusterLink, Relay } from '../relay.js';
import { tally } from '../metrics.js';
import { RemotePort, type Answer, type ConnRef, type OwnerLink, type Query } from './remote.js';

export const CLUSTER_DEFAULTS = {
  /** How often a relay renews its alive key and checks the owners it depends on. */
  beatMs: 500,
  /**
   * When the room's owner is away (dying, or changing), how soon the client tries again: a new
   * owner is found within about `aliveTtlMs` + `beatMs`.
   */
  retryAfterMs: 250,
  /** Longest a relay waits for a room owner's answer before telling the client to retry. */
  askTimeoutMs: 3_000,
};

interface Pending {
  owner: string;
  room: string;
  /** The channel of a sub: its answer's named pieces are kept for it. */
  ch?: string;
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class Cluster implements ClusterLink, OwnerLink {
  readonly id: string;
  readonly remote: RemotePort;
  /** Who owns each room this relay uses, as last known. */
  #owners = new Map<string, string>();
  /** Rooms being resolved (owner looked up or taken), so one lookup serves every caller. */
  #resolving = new Map<string, Promise<string>>();
  /**
   * Rooms whose owner must be looked up again, with the owner as last known (null: none): their
   * owner died, gave the room up, or Redis was away (an `own` message may have been missed).
   * Looked up at every beat until found, and this relay's members re-announced to a new owner.
   */
  #stale = new Map<string, string | null>();
  /** Notices that a socket is gone, kept until the room's owner answers them. */
  readonly #gone = new GoneNotices((room, conn) => this.ask(room, conn, { t: 'gone' }));
  /** Rooms whose messages this relay listens to. */
  #followed = new Set<string>();
  #pending = new Map<number, Pending>();
  #nextRid = 0;
  /** Large pieces of sub answers: named when this relay sends them, kept when it asks. */
  readonly #names: PieceNames;
  readonly #pieces = new PieceCache();
  readonly #mail: Mailbox;
  /** What this relay does, as owner, for other relays' sockets. */
  readonly #desk: OwnerDesk;
  #timer: NodeJS.Timeout;
  #lastBeatAt = Date.now();
  #leaving = false;
  readonly #startedAt = Date.now();
  /** Totals at the last beat, for the rates of the relay's summary. */
  #counted = { deliveries: tally.deliveries, ops: 0, since: Date.now() };

  constructor(
    private relay: Relay,
    private backend: ClusterBackend,
    /** Where clients reach this relay, for `status` (known once it listens). */
    private url: () => string,
  ) {
    this.id = backend.relayId;
    this.#names = new PieceNames(this.id);
    this.#mail = new Mailbox((topic, message) => backend.publish(topic, message));
    this.#desk = new OwnerDesk(
      relay,
      (room) => this.#owners.get(room) === this.id,
      (to, message) => void this.#toRelay(to, message).catch(ignore),
      this.#names,
      unavailable,
      CLUSTER_DEFAULTS.retryAfterMs,
    );
    relay.channels.notDeciding = (room) =>
      !this.#leaving && this.#owners.get(room) === this.id ? null : unavailable();
    this.remote = new RemotePort(
      this,
      relay.channels,
      relay.engine,
      relay.sessions,
      relay.metrics,
      // At once when nothing decided here waits (a join surge's answers leave together).
      (action) => (relay.writer.idle ? action() : relay.writer.after(action)),
    );
    backend.onMessage((_topic, batch) => {
      for (const raw of unpack(batch)) this.#message(raw);
    });
    backend.onResume(() => this.#resume());
    this.#timer = setInterval(() => void this.#beat(), CLUSTER_DEFAULTS.beatMs);
    this.#timer.unref();
  }

  /** Joins: this relay's own topic and its first alive beat. */
  async start(): Promise<void> {
    await this.backend.listen(this.backend.relayTopic(this.id));
    await this.#beat();
  }

  // ------------------------------------------------------------------ ClusterLink

  async portFor(room: string): Promise<Port> {
    const owner = await this.#owner(room);
    return owner === this.id ? this.relay.local : this.remote;
  }

  ahead(client: Client, frame: SubFrame): (() => void) | undefined {
    let target: ChannelName;
    try {
      target = this.relay.channels.parse(frame.ch);
    } catch {
      return undefined;
    }
    const owner = this.#owners.get(target.room);
    if (!owner || owner === this.id || !mayEnter(client.identity!, target.room)) return undefined;
    return this.remote.ahead(client, target, frame);
  }

  publish(room: string, ch: string, json: string, audience: Audience): void {
    this.#send(
      this.backend.roomTopic(room),
      JSON.stringify({ k: 'fr', o: this.id, ch, a: audience, j: json }),
    );
  }

  recheck(room: string): void {
    this.#send(this.backend.roomTopic(room), JSON.stringify({ k: 're', o: this.id, room }));
  }

  /**
   * A graceful stop: every room this relay owns is given up (what it decided is committed by
   * now), and the relays that follow a room take it over at once, not after a timeout.
   */
  async leave(): Promise<void> {
    this.#leaving = true;
    clearInterval(this.#timer);
    // No op is decided here from now on (see `notDeciding`); what was decided before is
    // committed while this relay still owns its rooms, so none of it is refused by the store.
    await this.relay.writer.flush();
    const owned = [...this.#owners].filter(([, owner]) => owner === this.id).map(([room]) => room);
    for (const room of owned) {
      this.relay.channels.demoteRoom(room);
      try {
        await this.backend.release(room);
        this.#send(
          this.backend.roomTopic(room),
          JSON.stringify({ k: 'own', o: this.id, room, owner: null }),
        );
      } catch (error) {
        fault('room release', error);
      }
    }
    await this.backend.depart().catch(() => {});
  }

  readonly sessions: SessionStore = {
    load: (id) => this.backend.session(id),
    save: (id, value, ttlMs) => this.backend.saveSession(id, value, ttlMs),
  };

  readonly addresses: SharedAddresses = {
    countSocket: (key) => this.backend.countSocket(key),
    uncountSocket: (key) => this.backend.uncountSocket(key),
    admitAnonymous: (key, userId, perMinute) => this.backend.admitAnonymous(key, userId, perMinute),
  };

  lost(rooms: ReadonlySet<string>): void {
    for (const room of rooms) {
      if (this.#owners.get(room) === this.id) this.#owners.delete(room);
    }
  }

  async relayUrls(): Promise<string[]> {
    return (await this.backend.relays()).map((relay) => relay.url).sort();
  }

  /**
   * Rooms with nothing loaded here (their channels went idle) and no socket present in them are
   * forgotten: given up if owned, so an idle relay holds no room, and no longer listened to.
   */
  async sweep(): Promise<void> {
    const inUse = new Set<string>();
    for (const channel of this.relay.channels.values()) inUse.add(channel.room);
    for (const client of this.relay.clients()) {
      for (const ch of client.presence) inUse.add(ch.slice(0, ch.indexOf('/')));
    }
    for (const pending of this.#pending.values()) inUse.add(pending.room);
    for (const room of this.#gone.rooms()) inUse.add(room);
    for (const room of this.#followed) {
      if (inUse.has(room) || this.#resolving.has(room)) continue;
      if (this.#owners.get(room) === this.id) {
        await this.backend.release(room);
        this.#send(
          this.backend.roomTopic(room),
          JSON.stringify({ k: 'own', o: this.id, room, owner: null }),
        );
      }
      this.#owners.delete(room);
      this.#stale.delete(room);
      this.#followed.delete(room);
      await this.backend.unlisten(this.backend.roomTopic(room));
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    for (const pending of this.#pending.values()) clearTimeout(pending.timer);
  }

  /** The rooms this relay owns now. */
  get ownedRooms(): number {
    let n = 0;
    for (const owner of this.#owners.values()) if (owner === this.id) n++;
    return n;
  }

  // ------------------------------------------------------------------ OwnerLink (asking)

  async ask(room: string, conn: ConnRef, query: Query): Promise<Answer> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const owner = await this.#owner(room);
      if (owner === this.id) return this.#serveLocally(room, conn, query);
      const answer = await this.#ask(owner, room, conn, query);
      if ((answer as { moved?: boolean }).moved) {
        this.#forgetOwner(room, owner);
        continue;
      }
      return answer;
    }
    throw unavailable();
  }

  tell(room: string, conn: ConnRef, query: Query): void {
    void this.#owner(room).then(
      (owner) => {
        if (owner === this.id)
          return void this.#desk.serve({ k: 'q', from: this.id, room, conn, q: query });
        this.#toRelay(
          owner,
          JSON.stringify({ k: 'q', from: this.id, room, conn, q: query } satisfies Request),
        ).catch(ignore);
      },
      (error: unknown) => fault('cluster tell', error),
    );
  }

  gone(room: string, conn: ConnRef): void {
    this.#gone.add(room, conn);
  }

  #ask(owner: string, room: string, conn: ConnRef, query: Query): Promise<Answer> {
    const rid = ++this.#nextRid;
    const asked = this.relay.metrics.asks.startTimer();
    return new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(rid);
        reject(unavailable());
        // An owner that does not answer may be gone: look now rather than at the next beat.
        void this.#checkOwners().catch(ignore);
      }, CLUSTER_DEFAULTS.askTimeoutMs);
      const ch = query.t === 'sub' ? query.ch : undefined;
      if (query.t === 'sub') query.have = this.#pieces.have(query.ch);
      this.#pending.set(rid, { owner, room, ch, resolve, reject, timer });
      this.#toRelay(
        owner,
        JSON.stringify({ k: 'q', from: this.id, rid, room, conn, q: query } satisfies Request),
      ).catch(() => {
        // Redis is away: the client retries now rather than after the timeout.
        if (this.#pending.delete(rid)) {
          clearTimeout(timer);
          reject(unavailable());
        }
      });
    }).finally(() => asked());
  }

  /** The room became this relay's while a query for it was under way: answer it here. */
  async #serveLocally(room: string, conn: ConnRef, query: Query): Promise<Answer> {
    return new Promise((resolve) => {
      void this.#desk.serve({ k: 'q', from: this.id, room, conn, q: query }, resolve);
    });
  }

  /** Sends a message that needs no answer; lost when Redis is away (the protocol recovers). */
  #send(topic: string, message: string): void {
    this.backend.publish(topic, message).catch(ignore);
  }

  /** Sends a message to one relay, with the others this relay sends it in the same tick. */
  #toRelay(id: string, message: string): Promise<void> {
    return this.#mail.post(this.backend.relayTopic(id), message);
  }

  // ------------------------------------------------------------------ ownership

  /** The room's owner, looked up (and taken if vacant) once; the room's messages followed. */
  async #owner(room: string): Promise<string> {
    const known = this.#owners.get(room);
    if (known) return known;
    let resolving = this.#resolving.get(room);
    if (!resolving) {
      resolving = this.#resolve(room).finally(() => this.#resolving.delete(room));
      this.#resolving.set(room, resolving);
    }
    return resolving;
  }

  async #resolve(room: string): Promise<string> {
    if (!this.#followed.has(room)) {
      // Listen first: no event committed after the owner is known can be missed.
      await this.backend.listen(this.backend.roomTopic(room));
      this.#followed.add(room);
    }
    const owner = this.#leaving ? await this.#peekOwner(room) : await this.backend.acquire(room);
    // Vacant, so taken and given back at once: nobody decides for it here (`notDeciding`
    // answers the asker's op with a retry), and nothing of it is loaded as a primary.
    if (this.#leaving && owner === this.id) return owner;
    const before = this.#owners.get(room);
    this.#owners.set(room, owner);
    if (owner === this.id && before !== this.id) this.#took(room);
    return owner;
  }

  /** While leaving, a relay takes no room: it only learns who has it. */
  async #peekOwner(room: string): Promise<string> {
    const owner = await this.backend.acquire(room);
    if (owner === this.id) await this.backend.release(room);
    return owner;
  }

  /**
   * This relay took the room: the others are told, and every channel of the room is loaded as
   * its primary, so what the last owner left running (a quiz question, owed tallies, members in
   * their grace) goes on here.
   */
  #took(room: string): void {
    log.info({ room }, 'took room');
    this.#send(
      this.backend.roomTopic(room),
      JSON.stringify({ k: 'own', o: this.id, room, owner: this.id }),
    );
    void (async () => {
      for (const feature of this.relay.features.values()) {
        await this.relay.channels.get(this.relay.channels.named(room, feature), true);
      }
    })().catch((error: unknown) => {
      // Lost again meanwhile (`notDeciding`): its new owner loads it.
      if (!(error instanceof OpError)) fault('room take-over', error);
    });
  }

  #forgetOwner(room: string, owner: string): void {
    if (this.#owners.get(room) === owner) this.#owners.delete(room);
  }

  /** Another relay owns the room now (or nobody, after a graceful leave). */
  #ownerChanged(room: string, owner: string | null): void {
    const before = this.#owners.get(room);
    if (before === this.id && owner !== this.id) {
      // Lost: this relay stops deciding (its commits would be refused anyway).
      this.relay.channels.demoteRoom(room);
    }
    if (owner === null) {
      this.#owners.delete(room);
      // A graceful hand-over: a relay that serves the room takes it at once.
      if (!this.#leaving) {
        this.#stale.set(room, null);
        this.#lookUpStale();
      }
      return;
    }
    this.#owners.set(room, owner);
    if (owner !== before) this.#reannounce(room);
  }

  /**
   * A new owner knows the room's members from the store, each in their grace: this relay's
   * sockets that are present there say so again, so none of them leaves.
   */
  #reannounce(room: string): void {
    for (const client of this.relay.clients()) {
      for (const ch of client.presence) {
        if (!ch.startsWith(`${room}/`) || !client.session) continue;
        const data = this.relay.sessions.membershipOf(client.session, ch);
        const target = this.relay.channels.parse(ch);
        this.relay
          .port(room)
          .then((port) => port.reenter(client, target, data))
          .catch((error: unknown) => fault('presence re-entry', error));
      }
    }
  }

  /** Every beat: this relay is alive; the owners it depends on are checked. */
  async #beat(): Promise<void> {
    const now = Date.now();
    const paused = now - this.#lastBeatAt > CLUSTER_DEFAULTS.beatMs * 3;
    this.#lastBeatAt = now;
    try {
      await this.backend.beat(this.#summary(now));
      if (paused) await this.#verifyOwned();
      await this.#checkOwners();
    } catch (error) {
      fault('cluster beat', error);
    }
    this.#gone.retry();
  }

  /**
   * After a pause (a long GC, the machine suspended) another relay may have taken rooms this
   * relay thinks it owns: ask the store.
   */
  async #verifyOwned(): Promise<void> {
    for (const [room, owner] of this.#owners) {
      if (owner !== this.id) continue;
      const now = await this.backend.acquire(room);
      if (now !== this.id) this.#ownerChanged(room, now);
    }
  }

  /** Owners and peers that stopped renewing their alive key: their rooms are taken over. */
  async #checkOwners(): Promise<void> {
    this.#lookUpStale();
    const peers = new Set<string>();
    for (const owner of this.#owners.values()) if (owner !== this.id) peers.add(owner);
    for (const conn of this.#desk.conns.values()) peers.add(conn.relayId);
    if (peers.size === 0) return;
    const ids = [...peers];
    const alive = await this.backend.alive(ids);
    const dead = new Set(ids.filter((_, i) => !alive[i]));
    if (dead.size === 0) return;
    log.warn({ relays: [...dead] }, 'relays gone');
    for (const [rid, pending] of this.#pending) {
      if (!dead.has(pending.owner)) continue;
      clearTimeout(pending.timer);
      this.#pending.delete(rid);
      pending.reject(unavailable());
    }
    // Their sockets' presence starts its grace here (the grace holds: they come back elsewhere).
    for (const [key, conn] of this.#desk.conns) {
      if (!dead.has(conn.relayId)) continue;
      this.#desk.conns.delete(key);
      this.relay.rooms.gone(conn);
    }
    for (const [room, owner] of this.#owners) {
      if (!dead.has(owner)) continue;
      this.#owners.delete(room);
      this.#stale.set(room, owner);
    }
    this.#lookUpStale();
  }

  /**
   * Looks up (or takes) the owner of each stale room; where it changed, this relay's sockets
   * present there enter again on the new owner, which knows the members only from the store,
   * each in their grace (so a member whose socket is gone leaves there). A lookup that fails
   * (Redis away) is tried again at the next beat.
   */
  #lookUpStale(): void {
    for (const [room, was] of this.#stale) {
      void this.#owner(room).then((owner) => {
        if (!this.#stale.has(room)) return;
        this.#stale.delete(room);
        if (owner !== was) this.#reannounce(room);
      }, ignore);
    }
  }

  /**
   * The message connection is back: owners are looked up again now (an owner that died or gave
   * its room up meanwhile was not heard of), replicas catch up, gone notices are sent again.
   */
  #resume(): void {
    for (const [room, owner] of this.#owners) {
      if (owner === this.id) continue;
      this.#owners.delete(room);
      this.#stale.set(room, owner);
    }
    this.#gone.retry();
    // Events published while this relay was not listening: read them from the store, now and
    // once more a moment later (resubscribing may finish after the connection is back).
    const catchUp = () => {
      for (const channel of this.relay.channels.values()) {
        if (!channel.primary) void channel.catchUp().catch(ignore);
      }
    };
    catchUp();
    setTimeout(catchUp, CLUSTER_DEFAULTS.beatMs).unref();
    void this.#checkOwners().catch(ignore);
  }

  #summary(now: number): RelaySummary {
    const stats = this.relay.stats();
    const seconds = Math.max(0.001, (now - this.#counted.since) / 1_000);
    const ops = tally.ops;
    const max = this.relay.config.maxConnections;
    const summary: RelaySummary = {
      id: this.id,
      url: this.url(),
      connections: stats.connections,
      maxConnections: max,
      channels: stats.channels,
      rooms: this.ownedRooms,
      load: {
        connections: max > 0 ? stats.connections / max : 0,
        cpu: this.relay.metrics.cpuShare(),
      },
      deliveriesPerSecond: Math.round((tally.deliveries - this.#counted.deliveries) / seconds),
      opsPerSecond: Math.round((ops - this.#counted.ops) / seconds),
      startedAt: this.#startedAt,
      at: now,
    };
    this.#counted = { deliveries: tally.deliveries, ops, since: now };
    return summary;
  }

  // ------------------------------------------------------------------ messages

  #message(raw: string): void {
    let message: Record<string, unknown>;
    try {
      message = parseMessage(raw);
    } catch {
      return;
    }
    if (message.o === this.id) return;
    try {
      switch (message.k) {
        case 'ev':
          return this.#events(message.ev as Record<string, [number, number, string][]>);
        case 'fr':
          this.relay.channels
            .peek(message.ch as string)
            ?.send(message.j as string, message.a as Audience);
          return;
        case 're':
          void this.relay.recheckRoom(message.room as string, false).catch(ignore);
          return;
        case 'own':
          return this.#ownerChanged(message.room as string, message.owner as string | null);
        case 'q':
          return void this.#desk.serve(message as unknown as Request);
        case 'a':
          return this.#answered(message.rid as number, message.a as Answer);
        case 'close':
          this.#client(message.conn as string)?.close(
            message.code as number,
            message.reason as string,
          );
          return;
        case 'left':
          return this.#left(message.conn as string, message.chs as string[]);
      }
    } catch (error) {
      fault('cluster message', error);
    }
  }

  #events(byChannel: Record<string, [number, number, string][]>): void {
    for (const [ch, list] of Object.entries(byChannel)) {
      const events: StoredEvent[] = list.map(([seq, ts, json]) => ({
        seq,
        ts,
        json,
        type: '',
        data: undefined,
      }));
      this.relay.channels.deliver(ch, events);
    }
  }

  #answered(rid: number, answer: Answer): void {
    const pending = this.#pending.get(rid);
    if (!pending) return;
    this.#pending.delete(rid);
    clearTimeout(pending.timer);
    const decision = answer.decision;
    if (decision && pending.ch !== undefined) {
      const raw =
        decision.kind === 'frames'
          ? decision.frames
          : decision.kind === 'reset'
            ? [decision.snapshot, ...decision.me]
            : decision.me;
      const pieces = this.#pieces.decode(pending.ch, raw);
      if (!pieces) return pending.reject(unavailable());
      if (decision.kind === 'frames') decision.frames = pieces;
      else if (decision.kind === 'reset') [decision.snapshot, ...decision.me] = pieces;
      else decision.me = pieces;
    }
    pending.resolve(answer);
  }

  #client(key: string): Client | undefined {
    for (const client of this.relay.clients()) if (client.key === key) return client;
    return undefined;
  }

  #left(key: string, channels: string[]): void {
    const client = this.#client(key);
    if (!client) return;
    for (const ch of channels) client.entered(ch, false, undefined, this.relay.sessions);
  }
}

function unavailable(): OpError {
  return new OpError('internal', 'the relay deciding for this room is briefly unavailable; retry', {
    retryAfterMs: CLUSTER_DEFAULTS.retryAfterMs,
  });
}

function ignore(): void {}
