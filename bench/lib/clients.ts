/**
 * The three kinds of bench client, one interface: a relay client speaking `hubbub.v1` (with
 * resume) and a client of the raw `ws` broadcast peer, both on the lean LightSocket, and the
 * official Socket.IO client (with connection state recovery). Each reports every chat-like text
 * it receives to `onText`.
 */
import { io, type Socket } from 'socket.io-client';
import { nowUs, sleep } from './clock.js';
import { LightSocket } from './light-socket.js';

export type TargetKind = 'relay' | 'ws' | 'socketio';

export interface ConnOptions {
  url: string;
  /**
   * Every node of a cluster, `url` among them. With `roam`, a connection whose node goes away
   * (killed, restarting) moves to the next one after 0–`jitterMs` ms, and resumes there.
   */
  urls?: string[];
  roam?: boolean;
  /** Upper bound of the random delay before a roaming reconnect (the kit's first backoff). */
  jitterMs?: number;
  /** Source address, so that 10,000 sockets do not run out of ephemeral ports on one address. */
  localAddress?: string;
  /** relay: the token; its `sub` is the user id. */
  token?: string;
  /** relay: channels subscribed on open, e.g. `bench/chat`. */
  channels?: string[];
  onText?: (text: string) => void;
  /** relay: every frame, batches flattened. */
  onFrame?: (frame: Frame) => void;
  /** relay: an event received again (its seq already held), dropped before `onText`. */
  onDuplicate?: () => void;
  /** Roaming: the connection was lost (not by `drop` or `close`). */
  onDown?: () => void;
  /** Roaming: live again on another node (resumed; for Socket.IO, whether it recovered). */
  onBack?: (readyAtUs: number, recovered: boolean) => void;
  /** socketio: after connecting, join these rooms (with an ack), as the relay subscribes. */
  joinRooms?: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Frame = { t: string; [field: string]: any };

export interface BenchConn {
  /** Connects (and for the relay says hello and subscribes); resolves when ready. */
  open(): Promise<void>;
  /** Cuts the connection as a network failure would, without a close handshake. */
  drop(): void;
  /** Connects again and resumes where it was; resolves when live again. */
  reconnect(): Promise<void>;
  publish(text: string): void;
  close(): void;
  /** When the connection last became ready (µs, `nowUs`). */
  readonly readyAtUs: number;
}

const OPEN_TIMEOUT_MS = 30_000;

/** WebSocket messages this process received (a relay batch is one message of many frames). */
export const wire = { messages: 0 };

export function createConn(kind: TargetKind, options: ConnOptions): BenchConn {
  if (kind === 'relay') return new RelayConn(options);
  if (kind === 'ws') return new WsConn(options);
  return new SocketIoConn(options);
}

function timeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out`)), OPEN_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * A `hubbub.v1` client: hello, sub (with `from` on resume), pong, ops with acks. Every op stays
 * in an outbox until answered: one refused with a retryable `internal` error is sent again after
 * `retryAfterMs`, and after a reconnect every unanswered op is sent again, with the same `mid`
 * (the relay answers a repeated mid with its first outcome; it is never applied twice).
 */
export class RelayConn implements BenchConn {
  readyAtUs = 0;
  /** Times the connection moved to another node. */
  moves = 0;
  #ws: LightSocket | null = null;
  #positions = new Map<string, { epoch: string; seq: number }>();
  #nextId = 1;
  #nextMid = 1;
  #pending = new Map<string, (frame: Frame) => void>();
  #outbox = new Map<string, { frame: Record<string, unknown>; resolve: (f: Frame) => void }>();
  #urls: string[];
  #at: number;
  /** Hello and subs done on the current socket: ops go out at once. */
  #live = false;
  #closed = false;
  readonly midPrefix = Math.random().toString(36).slice(2);

  constructor(private options: ConnOptions) {
    this.#urls = options.urls ?? [options.url];
    this.#at = Math.max(0, this.#urls.indexOf(options.url));
  }

  open(): Promise<void> {
    return timeout(this.#connect(this.#urls[this.#at]), 'relay open');
  }

  reconnect(): Promise<void> {
    return this.open();
  }

  async #connect(url: string): Promise<void> {
    this.#live = false;
    const ws = new LightSocket(url, 'hubbub.v1', this.options.localAddress);
    this.#ws = ws;
    ws.onMessage = (text) => this.#receive(text);
    ws.onClose = () => {
      for (const resolve of this.#pending.values()) resolve({ t: 'closed' });
      this.#pending.clear();
      if (ws !== this.#ws) return;
      const wasLive = this.#live;
      this.#live = false;
      if (wasLive && this.options.roam && !this.#closed) {
        this.options.onDown?.();
        void this.#roam();
      }
    };
    await ws.open();
    const welcome = await this.request({ t: 'hello', v: 1, token: this.options.token });
    if (welcome.t !== 'welcome') throw new Error(`hello: ${JSON.stringify(welcome)}`);
    await Promise.all((this.options.channels ?? []).map((ch) => this.#sub(ch)));
    if (ws !== this.#ws || ws.closed) throw new Error('closed while subscribing');
    this.#live = true;
    for (const { frame } of this.#outbox.values()) ws.send(JSON.stringify(frame));
    this.readyAtUs = nowUs();
  }

  async #sub(ch: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const from = this.#positions.get(ch);
      const ok = await this.request({ t: 'sub', ch, ...(from ? { from } : {}) });
      if (ok.t === 'ok') return;
      // The relay deciding for the room is briefly away (a failover): as the kit, try again.
      if (ok.t === 'err' && ok.code === 'internal' && attempt < 50) {
        await sleep(ok.retryAfterMs ?? 200);
        continue;
      }
      throw new Error(`sub ${ch}: ${JSON.stringify(ok)}`);
    }
  }

  /** Moves to the next node (after 0–jitterMs ms) until one takes the connection. */
  async #roam(): Promise<void> {
    await sleep(Math.random() * (this.options.jitterMs ?? 500));
    for (let attempt = 1; !this.#closed; attempt++) {
      this.#at = (this.#at + 1) % this.#urls.length;
      try {
        await timeout(this.#connect(this.#urls[this.#at]), 'relay reconnect');
        this.moves++;
        this.options.onBack?.(this.readyAtUs, true);
        return;
      } catch {
        this.#ws?.terminate();
        // Every node of the round refused: back off a little before the next round.
        await sleep(attempt % this.#urls.length === 0 ? 500 : 50);
      }
    }
  }

  /** Sends a frame with a fresh `id` and resolves with the answer carrying that id. */
  request(frame: Record<string, unknown>): Promise<Frame> {
    const id = frame.t === 'hello' ? 'hello' : `r${this.#nextId++}`;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#ws!.send(JSON.stringify(frame.t === 'hello' ? frame : { ...frame, id }));
    });
  }

  /** Sends an op and resolves with its `ack` or final `err`. */
  op(ch: string, type: string, data: unknown): Promise<Frame> {
    const mid = `${this.midPrefix}-${this.#nextMid++}`;
    const frame = { t: 'op', id: mid, ch, mid, type, data };
    return new Promise((resolve) => {
      this.#outbox.set(mid, { frame, resolve });
      if (this.#live) this.#ws!.send(JSON.stringify(frame));
    });
  }

  /** Ops sent and not answered yet. */
  get unanswered(): number {
    return this.#outbox.size;
  }

  publish(text: string): void {
    void this.op('bench/chat', 'send', { text });
  }

  #receive(text: string): void {
    wire.messages++;
    const parsed = JSON.parse(text) as Frame | Frame[];
    for (const frame of Array.isArray(parsed) ? parsed : [parsed]) this.#frame(frame);
  }

  #answered(frame: Frame): boolean {
    const entry = this.#outbox.get(frame.mid);
    if (!entry) return false;
    if (frame.t === 'err' && frame.code === 'internal') {
      // Sent again, same mid, once the relay said it may be; unless the socket went meanwhile
      // (then the reconnect sends it).
      const ws = this.#ws;
      setTimeout(() => {
        if (this.#outbox.has(frame.mid) && this.#live && this.#ws === ws) {
          ws!.send(JSON.stringify(entry.frame));
        }
      }, frame.retryAfterMs ?? 200);
      return true;
    }
    this.#outbox.delete(frame.mid);
    entry.resolve(frame);
    return true;
  }

  #frame(frame: Frame): void {
    switch (frame.t) {
      case 'ev': {
        const position = this.#positions.get(frame.ch);
        if (position && frame.seq <= position.seq) {
          this.options.onDuplicate?.();
          break;
        }
        if (position) position.seq = frame.seq;
        if (frame.type === 'message') this.options.onText?.(frame.data.text);
        break;
      }
      case 'ok':
        // After a replay the position stays where it was: the replayed events follow. After a
        // reset (or a first sub) the snapshot stands for everything up to `seq`.
        if (frame.epoch && frame.replay === undefined) {
          this.#positions.set(frame.ch, { epoch: frame.epoch, seq: frame.seq });
        }
        break;
      case 'ping':
        this.#ws?.send('{"t":"pong"}');
        break;
      case 'ack':
      case 'err':
        if (frame.mid !== undefined && this.#answered(frame)) return;
        break;
    }
    this.options.onFrame?.(frame);
    // `welcome`, and an `err` without id before it, answer the hello.
    const id =
      frame.t === 'welcome' || (frame.t === 'err' && frame.id === undefined) ? 'hello' : frame.id;
    const waiting = id === undefined ? undefined : this.#pending.get(id);
    if (waiting) {
      this.#pending.delete(id);
      waiting(frame);
    }
  }

  drop(): void {
    this.#ws?.terminate();
  }

  close(): void {
    this.#closed = true;
    this.#ws?.terminate();
  }
}

/** A client of the raw broadcast peer: every text sent comes back to every socket. */
class WsConn implements BenchConn {
  readyAtUs = 0;
  #ws: LightSocket | null = null;

  constructor(private options: ConnOptions) {}

  async open(): Promise<void> {
    const ws = new LightSocket(this.options.url, undefined, this.options.localAddress);
    this.#ws = ws;
    ws.onMessage = (text) => {
      wire.messages++;
      this.options.onText?.(text);
    };
    await timeout(ws.open(), 'ws open');
    this.readyAtUs = nowUs();
  }

  /** The raw peer keeps no history: what was sent while away is gone. */
  reconnect(): Promise<void> {
    return this.open();
  }

  publish(text: string): void {
    this.#ws!.send(text);
  }

  drop(): void {
    this.#ws?.terminate();
  }

  close(): void {
    this.#ws?.terminate();
  }
}

/**
 * A Socket.IO 4 client; recovery is Socket.IO's own (`socket.recovered`). Roaming, it reconnects
 * to the next node of the list (the manager's `uri`, changed before each attempt).
 */
class SocketIoConn implements BenchConn {
  readyAtUs = 0;
  #socket: Socket | null = null;
  #connectedOnce = false;
  #ready: (() => void) | null = null;

  constructor(private options: ConnOptions) {}

  open(): Promise<void> {
    const urls = this.options.urls ?? [this.options.url];
    let at = Math.max(0, urls.indexOf(this.options.url));
    const jitter = this.options.jitterMs ?? 500;
    const socket = io(this.options.url, {
      transports: ['websocket'],
      // Reconnects after 0–500 ms, like the other two clients after a drop.
      reconnectionDelay: jitter / 2,
      randomizationFactor: 1,
      reconnectionDelayMax: jitter,
      forceNew: true,
      localAddress: this.options.localAddress,
    } as Parameters<typeof io>[1]);
    this.#socket = socket;
    socket.on('m', (text: string) => this.options.onText?.(text));
    if (this.options.roam && urls.length > 1) {
      socket.io.on('reconnect_attempt', () => {
        at = (at + 1) % urls.length;
        (socket.io as unknown as { uri: string }).uri = urls[at];
      });
    }
    socket.on('disconnect', (reason) => {
      if (this.#connectedOnce && this.options.roam) this.options.onDown?.();
      // A server that said goodbye is not reconnected to by the manager on its own.
      if (reason === 'io server disconnect' && this.options.roam) socket.connect();
    });
    socket.on('connect', () => {
      const join = this.options.joinRooms;
      const ready = () => {
        this.readyAtUs = nowUs();
        if (this.#connectedOnce && this.options.roam) {
          this.options.onBack?.(this.readyAtUs, socket.recovered);
        }
        this.#connectedOnce = true;
        this.#ready?.();
        this.#ready = null;
      };
      if (join) socket.emit('sub', join, ready);
      else ready();
    });
    return timeout(
      new Promise<void>((resolve, reject) => {
        this.#ready = resolve;
        socket.once('connect_error', reject);
      }),
      'socket.io open',
    );
  }

  reconnect(): Promise<void> {
    const socket = this.#socket!;
    if (socket.connected) return Promise.resolve();
    return timeout(
      new Promise<void>((resolve) => socket.once('connect', () => resolve())),
      'socket.io reconnect',
    );
  }

  publish(text: string): void {
    this.#socket!.emit('m', text);
  }

  /** Closes the transport underneath; the manager reconnects and recovers the session. */
  drop(): void {
    this.#socket?.io.engine.close();
  }

  close(): void {
    this.#socket?.disconnect();
  }
}
