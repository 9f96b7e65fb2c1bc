/**
 * The relay's own rooms in the page: its feature modules (chat, poll, qa, quiz, presence,
 * reactions), channels, group-commit writer and memory engine, behind a WebSocket stand-in that
 * speaks hubbub.v1 frames to the client. A story's vote really tallies through
 * server/features/poll.ts. Only the socket layer is the page's: `hello` welcomes the story's user
 * (no token is signed), there are no rate limits, and presence grace never ends.
 *
 * A story seeds the store (`seed`, as the features store their state), may act as other people
 * (`as`, from the hooks `joined` and `repeat`), and bends the socket with hooks (`stall`,
 * `dropAfterMs`, `ops`). Give every story its own relay: `relay.url(key)`.
 *
 * Under Node it runs as is; in Storybook, .storybook/relay-in-page.ts swaps the few Node pieces
 * these modules reach (`node:crypto`, the log, three globals) for page versions.
 */
import { getConnection } from '../../src/connection/index.js';
import {
  SUBPROTOCOL,
  type ClientFrame,
  type ErrFrame,
  type OpFrame,
  type User,
} from '../../src/protocol/index.js';
import type { Channel } from '../../server/channels/channel.js';
import { Channels } from '../../server/channels/registry.js';
import { Writer } from '../../server/channels/writer.js';
import { MemoryEngine } from '../../server/engines/memory.js';
import { emptyBatch } from '../../server/engines/engine.js';
import { OpError } from '../../server/errors.js';
import { features } from '../../server/features/index.js';
import { DEFAULT_CONFIG, publicLimits, type RelayConfig } from '../../server/limits.js';
import { Rooms, type Conn } from '../../server/rooms.js';

/** What the relay does with an op of the page's user: apply it, never answer, or refuse it. */
export type OpRule = (op: OpFrame) => Omit<ErrFrame, 't' | 'id'> | 'relay' | 'hold';

export interface SocketHooks {
  /** Who the relay says the page's user is. */
  user: User;
  /** Never answer anything (the client stays "connecting"). */
  stall?: boolean;
  /** Drop the first socket this long after its first `sub`, and refuse every later one. */
  dropAfterMs?: number;
  /** Refuse every socket: a relay the page cannot reach (the client keeps trying). */
  unreachable?: boolean;
  /** The page's ops: applied by default. */
  ops?: OpRule | 'hold';
  /** Called once a `sub` of the page's user is answered, with the channel's name. */
  joined?: (ch: string, relay: LoopbackRelay) => void;
  /** Runs `run` every `everyMs` from the first `sub` while the socket is open (others acting). */
  repeat?: { everyMs: number; run: (relay: LoopbackRelay) => void };
}

/** A stored event: what the channel's history holds before the story starts. */
export interface SeedEvent {
  type: string;
  data: unknown;
  ts?: number;
  from?: User;
}

/** Long enough that the client never sees a quiet socket as dead in a story. */
const HEARTBEAT_MS = 3_600_000;
const YEAR_MS = 365 * 24 * 3_600_000;
const CONFIG: RelayConfig = {
  ...DEFAULT_CONFIG,
  memory: true,
  rateLimits: null,
  heartbeatMs: HEARTBEAT_MS,
  // The longest a timer waits (about 24 days): members of the seeded list never leave.
  presenceGraceMs: 2 ** 31 - 1,
  // The fixtures' chat is from 2025: it stays in history.
  historyTtlMs: 10 * YEAR_MS,
  channelIdleMs: HEARTBEAT_MS,
};

export class LoopbackRelay {
  readonly engine = new MemoryEngine();
  readonly writer = new Writer(this.engine, (error) => console.error('in-page relay', error));
  readonly channels = new Channels(this.engine, this.writer, CONFIG, features);
  readonly rooms = new Rooms(CONFIG, this.engine, this.channels, this.writer, features);
  #heads = new Map<string, number>();
  #others = new Map<string, Conn>();

  /** Writes a channel's records and history to the store, as if the relay had before. */
  seed(ch: string, records: Record<string, unknown> = {}, events: SeedEvent[] = []): this {
    const batch = emptyBatch();
    for (const [key, value] of Object.entries(records)) batch.records.push({ ch, key, value });
    let seq = this.#heads.get(ch) ?? 0;
    for (const { type, data, ts = Date.now(), from } of events) {
      const frame = { t: 'ev', ch, seq: ++seq, type, data, ts, ...(from ? { from } : {}) };
      const event = { seq, type, data, ts, json: JSON.stringify(frame) };
      batch.events.push({ ch, event, expiresAt: ts + CONFIG.historyTtlMs });
    }
    this.#heads.set(ch, seq);
    this.engine.commit(batch);
    return this;
  }

  /** Someone else in the room: their ops and signals go through the relay's rooms. */
  as(user: User) {
    let conn = this.#others.get(user.id);
    if (!conn) this.#others.set(user.id, (conn = connOf(user, () => {})));
    const other = conn;
    return {
      op: (ch: string, type: string, data: Record<string, unknown> = {}) =>
        this.rooms.op(other, this.channels.parse(ch), opFrame(ch, type, data), () => {}),
      signal: (ch: string, type: string, data?: unknown) =>
        this.rooms.signal(other, this.channels.parse(ch), { t: 'signal', ch, type, data }),
      /** Applies an op `times` over at once, unanswered: a crowd's reactions, cheaply. */
      crowd: async (ch: string, type: string, data: Record<string, unknown>, times: number) => {
        const channel = await this.channels.get(this.channels.parse(ch));
        for (let i = 0; i < times; i++) channel.apply(user, type, data);
      },
    };
  }

  /** Registers a connection to this relay for `key` (once per page) and returns its URL. */
  url(key: string, hooks: SocketHooks, minBackoffMs = 500): string {
    const url = `ws://loopback/${key}`;
    getConnection(url, {
      WebSocket: this.socket(hooks),
      minBackoffMs,
      maxBackoffMs: Math.max(minBackoffMs, 5_000),
      connectTimeoutMs: HEARTBEAT_MS,
    });
    return url;
  }

  /** A WebSocket class whose sockets reach this relay as `hooks.user`. */
  socket(hooks: SocketHooks): typeof WebSocket {
    return socketClass(this, hooks);
  }
}

function socketClass(relay: LoopbackRelay, hooks: SocketHooks): typeof WebSocket {
  let attempts = 0;
  class LoopbackSocket extends EventTarget {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly url: string;
    readonly protocol = SUBPROTOCOL;
    readonly extensions = '';
    readonly bufferedAmount = 0;
    binaryType: BinaryType = 'blob';
    readyState = 0;
    onopen: ((event: Event) => void) | null = null;
    onmessage: ((event: MessageEvent) => void) | null = null;
    onclose: ((event: CloseEvent) => void) | null = null;
    onerror: ((event: Event) => void) | null = null;
    #conn = connOf(
      hooks.user,
      (json) => this.#deliver(json),
      (code) => this.close(code),
    );
    #subs = new Map<string, Channel>();
    #turn = Promise.resolve();
    #timers: ReturnType<typeof setTimeout>[] = [];

    constructor(url: string | URL) {
      super();
      this.url = String(url);
      const refused = hooks.unreachable || (hooks.dropAfterMs !== undefined && ++attempts > 1);
      setTimeout(() => {
        if (refused) return (this.#emit('error', new Event('error')), this.#finish(1006));
        this.readyState = 1;
        this.#emit('open', new Event('open'));
      });
    }

    send(raw: string): void {
      if (this.readyState !== 1) throw new DOMException('not open', 'InvalidStateError');
      if (hooks.stall) return;
      const frame = JSON.parse(raw) as ClientFrame;
      // One socket's frames are handled in order, as on the relay.
      this.#turn = this.#turn.then(() => this.#handle(frame).catch((e) => this.#refuse(frame, e)));
    }

    close(code = 1000): void {
      if (this.readyState >= 2) return;
      this.readyState = 2;
      setTimeout(() => this.#finish(code));
    }

    async #handle(frame: ClientFrame): Promise<void> {
      const conn = this.#conn;
      switch (frame.t) {
        case 'hello':
          return conn.send({
            t: 'welcome',
            session: 'loopback',
            user: hooks.user,
            heartbeatMs: HEARTBEAT_MS,
            serverTime: Date.now(),
            limits: publicLimits(CONFIG),
          });
        case 'sub': {
          const target = relay.channels.parse(frame.ch);
          const { channel, decision } = await relay.rooms.subscribe(
            hooks.user,
            target,
            frame.id,
            frame.from,
          );
          channel.attach(conn, frame.id, decision);
          this.#subs.set(frame.ch, channel);
          this.#started();
          return hooks.joined?.(frame.ch, relay);
        }
        case 'unsub':
          this.#subs.get(frame.ch)?.unsubscribe(conn);
          this.#subs.delete(frame.ch);
          return relay.writer.after(() => conn.send({ t: 'ok', id: frame.id, ch: frame.ch }));
        case 'op': {
          const rule = hooks.ops ?? 'relay';
          const outcome = typeof rule === 'function' ? rule(frame) : rule;
          if (outcome === 'hold') return;
          if (outcome !== 'relay') return conn.send({ t: 'err', id: frame.id, ...outcome });
          const target = relay.channels.parse(frame.ch);
          return relay.rooms.op(conn, target, frame, (answer) => conn.send(answer));
        }
        case 'presence': {
          const target = relay.channels.parse(frame.ch);
          return conn.send(await relay.rooms.presence(conn, target, frame));
        }
        case 'signal':
          return relay.rooms.signal(conn, relay.channels.parse(frame.ch), frame);
        case 'auth':
          return conn.send({ t: 'ok', id: frame.id });
      }
    }

    #refuse(frame: ClientFrame, error: unknown) {
      if (!(error instanceof OpError)) throw error;
      const id = 'id' in frame ? { id: frame.id } : {};
      this.#conn.send({
        t: 'err',
        ...id,
        code: error.code,
        message: error.message,
        ...error.extra,
      });
    }

    /** The first `sub` starts the hooks' timers. */
    #started() {
      if (this.#timers.length > 0) return;
      if (hooks.dropAfterMs !== undefined) {
        this.#timers.push(setTimeout(() => this.#finish(1006), hooks.dropAfterMs));
      }
      const repeat = hooks.repeat;
      if (repeat) {
        repeat.run(relay);
        this.#timers.push(setInterval(() => repeat.run(relay), repeat.everyMs));
      }
    }

    #deliver(json: string) {
      setTimeout(() => {
        if (this.readyState === 1)
          this.#emit('message', new MessageEvent('message', { data: json }));
      });
    }

    #finish(code: number) {
      if (this.readyState === 3) return;
      this.readyState = 3;
      for (const timer of this.#timers) clearTimeout(timer);
      this.#conn.open = false;
      for (const channel of this.#subs.values()) channel.unsubscribe(this.#conn);
      relay.rooms.gone(this.#conn);
      this.#emit('close', new CloseEvent('close', { code, wasClean: code === 1000 }));
    }

    #emit(type: 'open' | 'message' | 'close' | 'error', event: Event) {
      this.dispatchEvent(event);
      (this[`on${type}`] as ((event: Event) => void) | null)?.call(this, event);
    }
  }
  return LoopbackSocket as unknown as typeof WebSocket;
}

let keys = 0;

/** A connection as the rooms see it; `send` serialises a frame for `enqueue`. */
function connOf(user: User, enqueue: (json: string) => void, close = (_code: number) => {}) {
  return {
    key: `loopback-${keys++}`,
    address: '',
    user,
    open: true,
    writable: true,
    enqueue,
    send: (frame: object) => enqueue(JSON.stringify(frame)),
    whenWritable: (callback: () => void) => callback(),
    lagged: () => close(1006),
    close,
  };
}

let mids = 0;

function opFrame(ch: string, type: string, data: Record<string, unknown>): OpFrame {
  const mid = `loopback-${mids++}`;
  return { t: 'op', id: mid, ch, mid, type, data };
}
