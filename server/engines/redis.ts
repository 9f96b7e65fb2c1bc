/**
 * The Redis engine: relays that share one Redis (and one secret) are one service. It is the one
 * place that knows Redis; the relay sees an `Engine` (history, records, outcomes) and a
 * `ClusterBackend` (who owns a room, which relays are alive, messages between relays).
 *
 * - History is a stream per channel (`h:CH`, entry id `SEQ-0`, fields `t` ts and `j` the event
 *   as sent), trimmed to about `historyLimit` and expiring `historyTtl` after its last event;
 *   the head is kept apart (`c:CH`) so it outlives an expired stream.
 * - Feature records are a hash per channel (`r:CH`), op outcomes keys with a TTL (`o:USER\0MID`).
 *   A room's owner claims a (user, mid) before applying its op (`cl:USER\0MID`, its id, with a
 *   TTL): a mid sent at once to two rooms with two owners is then processed by one of them.
 * - One relay owns a room at a time (`own:ROOM` holds its id) while it is alive (`alive:ID`, a
 *   key it renews every second with a short TTL). A commit is one Lua script per room that
 *   first checks the room is still this relay's (a fence: a relay that was paused and lost the
 *   room can write nothing), then writes events, records and outcomes and publishes the events
 *   on the room's channel (`room:ROOM`), all at once.
 *
 * ioredis: it reconnects by itself, resubscribes its pub/sub channels, speaks to Sentinel for
 * Redis's own failover, and runs Lua scripts by their SHA.
 */
import { randomBytes } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import {
  CommitError,
  type ChannelRecord,
  type Claim,
  type Engine,
  type OpOutcome,
  type StoredEvent,
  type TrimRule,
  type WriteBatch,
} from './engine.js';
import { ANONYMOUS_WINDOW_MS, KNOWN_ANONYMOUS_PER_ADDRESS } from '../admission.js';
import { roomOf } from '../channels/writer.js';
import type { SharedSession } from '../sessions.js';

export const REDIS_DEFAULTS = {
  /** Key and channel prefix. */
  prefix: 'hubbub:',
  /**
   * A relay that has not renewed its alive key for this long is taken for dead (it renews it
   * every `beatMs`, 500): a dead owner's rooms move within about two seconds. A relay paused
   * longer (a long GC) loses its rooms; its commits are fenced, so that costs a reload, not data.
   */
  aliveTtlMs: 1_500,
  /** Longest a command may wait before it counts as failed (Redis away). */
  commandTimeoutMs: 2_000,
  /**
   * A claim on a (user, mid) lasts at most this long (ms) if neither a commit nor a refusal ends
   * it; a claim whose relay is no longer alive is taken over sooner (`aliveTtlMs`).
   */
  claimTtlMs: 10_000,
  /**
   * An address's socket counts (`ip:KEY`) expire this long after its last new socket: a count
   * outlives no socket but one open longer than this (then it undercounts; it never refuses).
   */
  addressTtlMs: 24 * 60 * 60_000,
  /** Anonymous ids an address brought are remembered (`ak:KEY`) this long after the last. */
  knownAnonymousTtlMs: 60 * 60_000,
};

/** A relay of the cluster as it describes itself every second. */
export interface RelaySummary {
  id: string;
  /** Where clients reach it, e.g. `ws://10.0.0.5:8080/live`. */
  url: string;
  connections: number;
  maxConnections: number;
  channels: number;
  rooms: number;
  /** Share of `maxConnections` in use (0 when unlimited) and of one CPU core, 0 to 1. */
  load: { connections: number; cpu: number };
  deliveriesPerSecond: number;
  opsPerSecond: number;
  startedAt: number;
  at: number;
}

/** What the cluster needs of its store (see `cluster/cluster.ts`). */
export interface ClusterBackend {
  readonly relayId: string;
  /** The room's owner: an alive relay that has it, else this relay, which takes it now. */
  acquire(room: string): Promise<string>;
  /** Gives the room up, if this relay still has it. */
  release(room: string): Promise<void>;
  /** Whether each relay is alive. */
  alive(relayIds: string[]): Promise<boolean[]>;
  /** Renews this relay's alive key with its summary. */
  beat(summary: RelaySummary): Promise<void>;
  /** This relay leaves: its alive key goes at once. */
  depart(): Promise<void>;
  /** Every relay alive, with its summary. */
  relays(): Promise<RelaySummary[]>;
  listen(topic: string): Promise<void>;
  unlisten(topic: string): Promise<void>;
  /**
   * Sends a message; messages of one relay arrive in the order sent, after its commits. Rejects
   * when Redis is away (the message is lost).
   */
  publish(topic: string, message: string): Promise<void>;
  onMessage(handler: (topic: string, message: string) => void): void;
  /** The message connection was lost and is back: messages may have been missed. */
  onResume(handler: () => void): void;
  roomTopic(room: string): string;
  relayTopic(relayId: string): string;
  /** Sessions shared by the relays: the user and presence memberships of a session id. */
  session(id: string): Promise<SharedSession | null>;
  saveSession(id: string, value: SharedSession, ttlMs: number): void;
  /**
   * Counts a socket of this relay from an address (its keyed hash, never the address itself);
   * resolves with the sockets from there on every relay alive.
   */
  countSocket(addressKey: string): Promise<number>;
  /** One socket of this relay from the address closed. */
  uncountSocket(addressKey: string): void;
  /**
   * Admits an anonymous identity from an address, one allowance of `perMinute` new ones for the
   * whole cluster (an identity it brought before is not new): 0, or the ms until one is free.
   */
  admitAnonymous(addressKey: string, userId: string, perMinute: number): Promise<number>;
}

const COMMIT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local p = ARGV[4]
local i = 5
local n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do
  local h = p .. 'h:' .. ARGV[i]
  redis.call('XADD', h, 'MAXLEN', '~', ARGV[i + 4], ARGV[i + 1] .. '-0', 't', ARGV[i + 2], 'j', ARGV[i + 3])
  redis.call('HSET', p .. 'c:' .. ARGV[i], 'head', ARGV[i + 1])
  redis.call('PEXPIRE', h, ARGV[i + 5])
  i = i + 6
end
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do
  if ARGV[i + 2] == '1' then
    redis.call('HSET', p .. 'r:' .. ARGV[i], ARGV[i + 1], ARGV[i + 3])
  else
    redis.call('HDEL', p .. 'r:' .. ARGV[i], ARGV[i + 1])
  end
  i = i + 4
end
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do
  redis.call('SET', p .. 'o:' .. ARGV[i], ARGV[i + 1], 'PX', ARGV[i + 2])
  redis.call('DEL', p .. 'cl:' .. ARGV[i])
  i = i + 3
end
n = tonumber(ARGV[i]); i = i + 1
for _ = 1, n do
  redis.call('XTRIM', p .. 'h:' .. ARGV[i], 'MINID', (tonumber(ARGV[i + 1]) + 1) .. '-0')
  i = i + 2
end
if ARGV[3] ~= '' then redis.call('PUBLISH', ARGV[2], ARGV[3]) end
return 1
`;

/**
 * The outcome recorded for a (user, mid), else 1 if the claim is (now) this relay's, else 0. A
 * claim held by a relay that is no longer alive is taken over: that relay's op was not committed.
 */
const CLAIM = `
local v = redis.call('GET', KEYS[1])
if v then return v end
local holder = redis.call('GET', ARGV[1])
if holder and holder ~= ARGV[2] and redis.call('EXISTS', ARGV[4] .. holder) == 1 then return 0 end
redis.call('SET', ARGV[1], ARGV[2], 'PX', ARGV[3])
return 1
`;

/**
 * Adds ARGV[2] (1 or -1) to this relay's count of an address's sockets; for a new socket,
 * returns the sockets from there on every relay alive (a dead relay's count is dropped: its
 * sockets are gone).
 */
const COUNT_SOCKET = `
local n = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
if n <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
if ARGV[2] ~= '1' then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local total = 0
local counts = redis.call('HGETALL', KEYS[1])
for i = 1, #counts, 2 do
  if counts[i] == ARGV[1] or redis.call('EXISTS', ARGV[3] .. counts[i]) == 1 then
    total = total + tonumber(counts[i + 1])
  else
    redis.call('HDEL', KEYS[1], counts[i])
  end
end
return total
`;

/**
 * Admits anonymous id ARGV[1] from an address: 0 if the address brought it before (KEYS[2], the
 * newest ARGV[4] kept) or a token of its allowance is free (KEYS[1]: ARGV[2] a minute, refilled
 * evenly, as `RateLimiter` does on one relay), else the ms until one is. Redis's clock, so
 * relays' clocks do not matter.
 */
const ADMIT_ANONYMOUS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  redis.call('ZADD', KEYS[2], now, ARGV[1])
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
  return 0
end
local rate = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or rate
local at = tonumber(state[2]) or now
tokens = math.min(rate, tokens + math.max(0, now - at) * rate / window)
if tokens < 1 then return math.max(1, math.ceil((1 - tokens) * window / rate)) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens - 1), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], window * 2)
redis.call('ZADD', KEYS[2], now, ARGV[1])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[4]) + 1))
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return 0
`;

const ACQUIRE = `
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] and redis.call('EXISTS', ARGV[2] .. owner) == 1 then return owner end
redis.call('SET', KEYS[1], ARGV[1])
return ARGV[1]
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

interface Scripts {
  hubbubCommit(key: string, ...args: (string | number)[]): Promise<number>;
  hubbubAcquire(key: string, me: string, alivePrefix: string): Promise<string>;
  hubbubRelease(key: string, me: string): Promise<number>;
  hubbubCountSocket(
    key: string,
    me: string,
    delta: 1 | -1,
    alivePrefix: string,
    ttlMs: number,
  ): Promise<number>;
  hubbubAdmitAnonymous(
    bucket: string,
    known: string,
    userId: string,
    perMinute: number,
    windowMs: number,
    knownMax: number,
    knownTtlMs: number,
  ): Promise<number>;
  hubbubClaim(
    key: string,
    claim: string,
    me: string,
    ttlMs: number,
    alivePrefix: string,
  ): Promise<string | number>;
}

/** Options for ioredis from `redis://…`, `rediss://…` or `redis-sentinel://[pw@]h1:p1,h2:p2/name`. */
export function redisOptions(url: string): { url?: string; options: RedisOptions } {
  const sentinel = /^redis-sentinel:\/\/(?:([^@]*)@)?([^/]+)\/([^/?]+)$/.exec(url);
  if (!sentinel) return { url, options: {} };
  const [, password, hosts, name] = sentinel;
  return {
    options: {
      name,
      password: password ? decodeURIComponent(password) : undefined,
      sentinels: hosts.split(',').map((hostPort) => {
        const [host, port] = hostPort.split(':');
        return { host, port: Number(port || 26379) };
      }),
    },
  };
}

export class RedisEngine implements Engine, ClusterBackend {
  readonly name = 'redis';
  readonly recoverable = true;
  readonly relayId = randomBytes(6).toString('base64url');
  epoch = '';
  readonly #prefix = REDIS_DEFAULTS.prefix;
  readonly #cmd: Redis & Scripts;
  readonly #sub: Redis;
  #resume: (() => void)[] = [];
  #everReady = false;

  constructor(
    readonly url: string,
    private limits: { historyLimit: number; historyTtlMs: number },
  ) {
    const { url: plain, options } = redisOptions(url);
    const common: RedisOptions = {
      ...options,
      lazyConnect: true,
      commandTimeout: REDIS_DEFAULTS.commandTimeoutMs,
      // Reconnect for ever, at most every 2 s: Redis restarting is a pause, not an end.
      retryStrategy: (times) => Math.min(100 * times, 2_000),
    };
    // Commands fail at once while Redis is away (the client retries its op), never queue; those
    // of one turn of the event loop go out as one pipeline (in order: ordering is what the
    // cluster's messages rely on), which a join surge of thousands of subs needs.
    const commands: RedisOptions = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      enableAutoPipelining: true,
    };
    this.#cmd = (
      plain ? new Redis(plain, { ...common, ...commands }) : new Redis({ ...common, ...commands })
    ) as Redis & Scripts;
    this.#sub = plain ? new Redis(plain, common) : new Redis(common);
    this.#cmd.defineCommand('hubbubCommit', { lua: COMMIT, numberOfKeys: 1 });
    this.#cmd.defineCommand('hubbubAcquire', { lua: ACQUIRE, numberOfKeys: 1 });
    this.#cmd.defineCommand('hubbubRelease', { lua: RELEASE, numberOfKeys: 1 });
    this.#cmd.defineCommand('hubbubClaim', { lua: CLAIM, numberOfKeys: 1 });
    this.#cmd.defineCommand('hubbubCountSocket', { lua: COUNT_SOCKET, numberOfKeys: 1 });
    this.#cmd.defineCommand('hubbubAdmitAnonymous', { lua: ADMIT_ANONYMOUS, numberOfKeys: 2 });
    for (const redis of [this.#cmd, this.#sub]) redis.on('error', () => {});
    this.#sub.on('ready', () => {
      if (this.#everReady) for (const handler of this.#resume) handler();
      this.#everReady = true;
    });
  }

  /** Connects both connections and reads (or makes) the service's epoch. */
  async open(): Promise<void> {
    await Promise.all([this.#cmd.connect(), this.#sub.connect()]);
    const made = randomBytes(6).toString('base64url');
    await this.#cmd.set(`${this.#prefix}epoch`, made, 'NX');
    this.epoch = (await this.#cmd.get(`${this.#prefix}epoch`)) ?? made;
  }

  // ------------------------------------------------------------------ Engine

  async loadChannel(ch: string, rule: TrimRule): Promise<ChannelRecord> {
    const p = this.#prefix;
    const [head, entries, fields] = await Promise.all([
      this.#cmd.hget(`${p}c:${ch}`, 'head'),
      this.#cmd.xrevrange(`${p}h:${ch}`, '+', '-', 'COUNT', rule.keep),
      this.#cmd.hgetall(`${p}r:${ch}`),
    ]);
    const records = new Map<string, unknown>();
    for (const [key, value] of Object.entries(fields)) records.set(key, JSON.parse(value));
    return {
      epoch: this.epoch,
      head: Number(head ?? 0),
      records,
      history: toEvents(entries.reverse(), rule.olderThan),
    };
  }

  async loadFeed(ch: string, rule: TrimRule): Promise<ChannelRecord> {
    const p = this.#prefix;
    const [head, entries] = await Promise.all([
      this.#cmd.hget(`${p}c:${ch}`, 'head'),
      this.#cmd.xrevrange(`${p}h:${ch}`, '+', '-', 'COUNT', rule.keep),
    ]);
    return {
      epoch: this.epoch,
      head: Number(head ?? 0),
      records: new Map(),
      history: toEvents(entries.reverse(), rule.olderThan),
    };
  }

  async head(ch: string): Promise<number> {
    return Number((await this.#cmd.hget(`${this.#prefix}c:${ch}`, 'head')) ?? 0);
  }

  async history(ch: string, from: number, to: number): Promise<StoredEvent[]> {
    if (to < from) return [];
    const entries = await this.#cmd.xrange(`${this.#prefix}h:${ch}`, `${from}-0`, `${to}-0`);
    return toEvents(entries, 0);
  }

  /**
   * One script per room, sent together; each commits its room or nothing (a room this relay no
   * longer owns writes nothing). Fails with the rooms that did not commit.
   */
  async commit(batch: WriteBatch): Promise<void> {
    const rooms = new Map<string, RoomBatch>();
    const of = (room: string) => {
      let entry = rooms.get(room);
      if (!entry) rooms.set(room, (entry = { events: [], records: [], outcomes: [], trims: [] }));
      return entry;
    };
    for (const entry of batch.events) of(roomOf(entry.ch)).events.push(entry);
    for (const entry of batch.records) of(roomOf(entry.ch)).records.push(entry);
    for (const entry of batch.outcomes) of(entry.room).outcomes.push(entry);
    for (const entry of batch.trims) of(roomOf(entry.ch)).trims.push(entry);
    const results = await Promise.allSettled(
      [...rooms].map(([room, entry]) => this.#commitRoom(room, entry)),
    );
    const failed = [...rooms.keys()].filter(
      (_, i) => results[i].status === 'rejected' || (results[i] as { value: number }).value !== 1,
    );
    if (failed.length > 0) {
      const cause = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      throw new CommitError(failed, { cause: cause?.reason });
    }
  }

  #commitRoom(room: string, batch: RoomBatch): Promise<number> {
    const args: (string | number)[] = [
      this.relayId,
      this.roomTopic(room),
      batch.events.length > 0 ? eventsMessage(this.relayId, batch.events) : '',
      this.#prefix,
      batch.events.length,
    ];
    const now = Date.now();
    for (const { ch, event, expiresAt } of batch.events) {
      // `trims` keep exactly `historyLimit`; MAXLEN is the bound should a trim be missed.
      const keep = this.limits.historyLimit + 1_000;
      args.push(ch, event.seq, event.ts, event.json, keep, Math.max(1, expiresAt - now));
    }
    args.push(batch.records.length);
    for (const { ch, key, value } of batch.records) {
      args.push(
        ch,
        key,
        value === undefined ? '0' : '1',
        value === undefined ? '' : JSON.stringify(value),
      );
    }
    args.push(batch.outcomes.length);
    for (const { userId, mid, outcome, ts } of batch.outcomes) {
      const ttl = Math.max(1, ts + this.limits.historyTtlMs - now);
      args.push(`${userId}\u0000${mid}`, JSON.stringify(outcome), ttl);
    }
    args.push(batch.trims.length);
    for (const { ch, upTo } of batch.trims) args.push(ch, upTo);
    return this.#cmd.hubbubCommit(`${this.#prefix}own:${room}`, ...args);
  }

  async outcome(userId: string, mid: string): Promise<OpOutcome | undefined> {
    const json = await this.#cmd.get(`${this.#prefix}o:${userId}\u0000${mid}`);
    return json === null ? undefined : (JSON.parse(json) as OpOutcome);
  }

  /**
   * One round trip: the recorded outcome, or the claim (`cl:USER\0MID`, this relay's id) set if
   * nobody holds it: the op's outcome lookup too. Only a room's owner asks, at the op's turn, for an
   * op this relay has no outcome of.
   */
  async claimOp(userId: string, mid: string): Promise<Claim> {
    const key = `${userId}\u0000${mid}`;
    const found = await this.#cmd.hubbubClaim(
      `${this.#prefix}o:${key}`,
      `${this.#prefix}cl:${key}`,
      this.relayId,
      REDIS_DEFAULTS.claimTtlMs,
      `${this.#prefix}alive:`,
    );
    if (typeof found === 'string') return { outcome: JSON.parse(found) as OpOutcome };
    return found === 1 ? 'mine' : 'busy';
  }

  releaseOp(userId: string, mid: string): void {
    const key = `${this.#prefix}cl:${userId}\u0000${mid}`;
    // At worst the claim expires by itself.
    this.#cmd.hubbubRelease(key, this.relayId).catch(() => {});
  }

  /** Redis expires history and outcomes by itself (TTLs); nothing to sweep. */
  async sweep(): Promise<boolean> {
    return false;
  }

  async close(): Promise<void> {
    for (const redis of [this.#sub, this.#cmd]) {
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    }
  }

  // ------------------------------------------------------------------ ClusterBackend

  async acquire(room: string): Promise<string> {
    return this.#cmd.hubbubAcquire(
      `${this.#prefix}own:${room}`,
      this.relayId,
      `${this.#prefix}alive:`,
    );
  }

  async release(room: string): Promise<void> {
    await this.#cmd.hubbubRelease(`${this.#prefix}own:${room}`, this.relayId);
  }

  async alive(relayIds: string[]): Promise<boolean[]> {
    if (relayIds.length === 0) return [];
    const pipeline = this.#cmd.pipeline();
    for (const id of relayIds) pipeline.exists(`${this.#prefix}alive:${id}`);
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, exists]) => {
      if (error) throw error;
      return exists === 1;
    });
  }

  async beat(summary: RelaySummary): Promise<void> {
    await this.#cmd
      .multi()
      .set(
        `${this.#prefix}alive:${this.relayId}`,
        JSON.stringify(summary),
        'PX',
        REDIS_DEFAULTS.aliveTtlMs,
      )
      .sadd(`${this.#prefix}relays`, this.relayId)
      .exec();
  }

  async depart(): Promise<void> {
    await this.#cmd.del(`${this.#prefix}alive:${this.relayId}`);
    await this.#cmd.srem(`${this.#prefix}relays`, this.relayId);
  }

  async relays(): Promise<RelaySummary[]> {
    const ids = await this.#cmd.smembers(`${this.#prefix}relays`);
    if (ids.length === 0) return [];
    const values = await this.#cmd.mget(ids.map((id) => `${this.#prefix}alive:${id}`));
    const gone = ids.filter((_, i) => values[i] === null);
    if (gone.length > 0) await this.#cmd.srem(`${this.#prefix}relays`, ...gone);
    return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v));
  }

  async listen(topic: string): Promise<void> {
    await this.#sub.subscribe(topic);
  }

  async unlisten(topic: string): Promise<void> {
    await this.#sub.unsubscribe(topic);
  }

  publish(topic: string, message: string): Promise<void> {
    // Redis away: subscribers notice a gap by seq and read it from the store; a caller that
    // waits for an answer is told now rather than at its timeout.
    return this.#cmd.publish(topic, message).then(() => undefined);
  }

  onMessage(handler: (topic: string, message: string) => void): void {
    this.#sub.on('message', handler);
  }

  onResume(handler: () => void): void {
    this.#resume.push(handler);
  }

  roomTopic(room: string): string {
    return `${this.#prefix}room:${room}`;
  }

  relayTopic(relayId: string): string {
    return `${this.#prefix}relay:${relayId}`;
  }

  async session(id: string): Promise<SharedSession | null> {
    const json = await this.#cmd.get(`${this.#prefix}s:${id}`);
    return json === null ? null : JSON.parse(json);
  }

  saveSession(id: string, value: SharedSession, ttlMs: number): void {
    this.#cmd.set(`${this.#prefix}s:${id}`, JSON.stringify(value), 'PX', ttlMs).catch(() => {});
  }

  countSocket(addressKey: string): Promise<number> {
    return this.#cmd.hubbubCountSocket(
      `${this.#prefix}ip:${addressKey}`,
      this.relayId,
      1,
      `${this.#prefix}alive:`,
      REDIS_DEFAULTS.addressTtlMs,
    );
  }

  uncountSocket(addressKey: string): void {
    // Redis away: the count stays one too high until this relay's count is dropped (it stops)
    // or the key expires; the address's own relay still counts exactly.
    this.#cmd
      .hubbubCountSocket(`${this.#prefix}ip:${addressKey}`, this.relayId, -1, '', 0)
      .catch(() => {});
  }

  admitAnonymous(addressKey: string, userId: string, perMinute: number): Promise<number> {
    return this.#cmd.hubbubAdmitAnonymous(
      `${this.#prefix}an:${addressKey}`,
      `${this.#prefix}ak:${addressKey}`,
      userId,
      perMinute,
      ANONYMOUS_WINDOW_MS,
      KNOWN_ANONYMOUS_PER_ADDRESS,
      REDIS_DEFAULTS.knownAnonymousTtlMs,
    );
  }
}

interface RoomBatch {
  events: WriteBatch['events'];
  records: WriteBatch['records'];
  outcomes: WriteBatch['outcomes'];
  trims: WriteBatch['trims'];
}

/** The message a room's relays get for a commit's events of that room. */
function eventsMessage(relayId: string, events: WriteBatch['events']): string {
  const byChannel = new Map<string, string[]>();
  for (const { ch, event } of events) {
    let list = byChannel.get(ch);
    if (!list) byChannel.set(ch, (list = []));
    list.push(`[${event.seq},${event.ts},${JSON.stringify(event.json)}]`);
  }
  const parts = [...byChannel].map(([ch, list]) => `${JSON.stringify(ch)}:[${list.join(',')}]`);
  return `{"k":"ev","o":${JSON.stringify(relayId)},"ev":{${parts.join(',')}}}`;
}

function toEvents(entries: [string, string[]][], olderThan: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (const [id, fields] of entries) {
    const ts = Number(fields[fields.indexOf('t') + 1]);
    if (ts < olderThan) continue;
    const json = fields[fields.indexOf('j') + 1];
    const { type, data } = JSON.parse(json) as { type: string; data: unknown };
    events.push({ seq: Number(id.slice(0, id.indexOf('-'))), ts, json, type, data });
  }
  return events;
}
