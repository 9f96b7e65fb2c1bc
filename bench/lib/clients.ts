/**
 * The three kinds of bench client, one interface: a relay client speaking `hubbub.v1` (with
 * resume) and a client of the raw `ws` broadcast peer, both on the lean LightSocket, and the
 * official Socket.IO client (with connection state recovery). Each reports every chat-like text
 * it receives to `onText`.
 */
import { io, type Socket } from 'socket.io-client';
import { nowUs } from './clock.js';
import { LightSocket } from './light-socket.js';

export type TargetKind = 'relay' | 'ws' | 'socketio';

export interface ConnOptions {
  url: string;
  /** Source address, so that 10,000 sockets do not run out of ephemeral ports on one address. */
  localAddress?: string;
  /** relay: the token; its `sub` is the user id. */
  token?: string;
  /** relay: channels subscribed on open, e.g. `bench/chat`. */
  channels?: string[];
  onText?: (text: string) => void;
  /** relay: every frame, batches flattened. */
  onFrame?: (frame: Frame) => void;
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

/** A `hubbub.v1` client: hello, sub (with `from` on resume), pong, ops with acks. */
export class RelayConn implements BenchConn {
  readyAtUs = 0;
  #ws: LightSocket | null = null;
  #positions = new Map<string, { epoch: string; seq: number }>();
  #nextId = 1;
  #nextMid = 1;
  #pending = new Map<string, (frame: Frame) => void>();
  readonly midPrefix = Math.random().toString(36).slice(2);

  constructor(private options: ConnOptions) {}

  open(): Promise<void> {
    return timeout(this.#connect(), 'relay open');
  }

  reconnect(): Promise<void> {
    return this.open();
  }

  async #connect(): Promise<void> {
    const ws = new LightSocket(this.options.url, 'hubbub.v1', this.options.localAddress);
    this.#ws = ws;
    ws.onMessage = (text) => this.#receive(text);
    ws.onClose = () => {
      for (const resolve of this.#pending.values()) resolve({ t: 'closed' });
      this.#pending.clear();
    };
    await ws.open();
    const welcome = await this.request({ t: 'hello', v: 1, token: this.options.token });
    if (welcome.t !== 'welcome') throw new Error(`hello: ${JSON.stringify(welcome)}`);
    await Promise.all(
      (this.options.channels ?? []).map(async (ch) => {
        const from = this.#positions.get(ch);
        const ok = await this.request({ t: 'sub', ch, ...(from ? { from } : {}) });
        if (ok.t !== 'ok') throw new Error(`sub ${ch}: ${JSON.stringify(ok)}`);
      }),
    );
    this.readyAtUs = nowUs();
  }

  /** Sends a frame with a fresh `id` and resolves with the answer carrying that id. */
  request(frame: Record<string, unknown>): Promise<Frame> {
    const id = frame.t === 'hello' ? 'hello' : `r${this.#nextId++}`;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#ws!.send(JSON.stringify(frame.t === 'hello' ? frame : { ...frame, id }));
    });
  }

  /** Sends an op and resolves with its `ack` or `err`. */
  op(ch: string, type: string, data: unknown): Promise<Frame> {
    return this.request({ t: 'op', ch, mid: `${this.midPrefix}-${this.#nextMid++}`, type, data });
  }

  publish(text: string): void {
    void this.op('bench/chat', 'send', { text });
  }

  #receive(text: string): void {
    const parsed = JSON.parse(text) as Frame | Frame[];
    for (const frame of Array.isArray(parsed) ? parsed : [parsed]) this.#frame(frame);
  }

  #frame(frame: Frame): void {
    switch (frame.t) {
      case 'ev': {
        const position = this.#positions.get(frame.ch);
        if (position && frame.seq <= position.seq) break;
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
    ws.onMessage = (text) => this.options.onText?.(text);
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

/** A Socket.IO 4 client; recovery is Socket.IO's own (`socket.recovered`). */
class SocketIoConn implements BenchConn {
  readyAtUs = 0;
  #socket: Socket | null = null;

  constructor(private options: ConnOptions) {}

  open(): Promise<void> {
    const socket = io(this.options.url, {
      transports: ['websocket'],
      // Reconnects after 0–500 ms, like the other two clients after a drop.
      reconnectionDelay: 250,
      randomizationFactor: 1,
      reconnectionDelayMax: 500,
      forceNew: true,
      localAddress: this.options.localAddress,
    } as Parameters<typeof io>[1]);
    this.#socket = socket;
    socket.on('m', (text: string) => this.options.onText?.(text));
    socket.on('connect', () => (this.readyAtUs = nowUs()));
    return timeout(
      new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
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
