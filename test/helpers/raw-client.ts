/**
 * A raw protocol client for relay tests: a real `ws` WebSocket speaking `hubbub.v1` frame by
 * frame, with nothing of the browser kit's logic (no outbox, no reconnect, no de-duplication).
 * Batches (a JSON array of frames) are flattened in order into `frames`.
 */
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import { SUBPROTOCOL, type Position } from '../../src/protocol/index.js';

/** One relay → client frame, loosely typed: tests assert on the fields they care about. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Frame = { t: string; [field: string]: any };
export type Predicate = (frame: Frame) => boolean;

export interface Closed {
  code: number;
  reason: string;
}

export interface ConnectOptions {
  /** Subprotocols offered; `hubbub.v1` by default. */
  protocols?: string | string[];
  /** Answer `ping` with `pong` automatically (default true). */
  autoPong?: boolean;
  timeoutMs?: number;
}

/** Generous by default: the suite waits for frames, it never asserts timings. */
export const WAIT_MS = 5_000;

export class RawClient {
  /** Every frame received, batches flattened, in arrival order. */
  readonly frames: Frame[] = [];
  /** Every WebSocket message as received (a batch is one message). */
  readonly messages: string[] = [];
  readonly closed: Promise<Closed>;
  closeInfo: Closed | null = null;
  autoPong: boolean;
  #consumed = new Set<number>();
  #listeners = new Set<() => void>();
  #nextId = 1;

  private constructor(
    readonly ws: WebSocket,
    options: ConnectOptions,
  ) {
    this.autoPong = options.autoPong ?? true;
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? `<binary ${(data as Buffer).length} bytes>` : data.toString();
      this.messages.push(text);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = { t: '<not json>', text };
      }
      for (const frame of Array.isArray(parsed) ? parsed : [parsed]) {
        this.frames.push(frame as Frame);
        if (this.autoPong && (frame as Frame).t === 'ping') this.send({ t: 'pong' });
      }
      this.#notify();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        resolve(this.closeInfo);
        this.#notify();
      });
    });
    ws.on('error', () => {
      // A refused or cut socket also emits close; its code is what tests look at.
    });
  }

  /** Opens a socket and waits for it to be open. */
  static connect(url: string, options: ConnectOptions = {}): Promise<RawClient> {
    const ws = new WebSocket(url, options.protocols ?? SUBPROTOCOL);
    const client = new RawClient(ws, options);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`could not connect to ${url}`)),
        options.timeoutMs ?? WAIT_MS,
      );
      ws.once('open', () => {
        clearTimeout(timer);
        resolve(client);
      });
      ws.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  /** Connects and says hello; rejects unless the answer is `welcome`. */
  static async join(
    url: string,
    hello: Record<string, unknown>,
    options: ConnectOptions = {},
  ): Promise<RawClient & { welcome: Frame }> {
    const client = await RawClient.connect(url, options);
    const welcome = await client.hello(hello);
    if (welcome.t !== 'welcome') {
      client.terminate();
      throw new Error(`expected welcome, got ${JSON.stringify(welcome)}`);
    }
    return Object.assign(client, { welcome });
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends one frame as JSON text. */
  send(frame: object): void {
    this.ws.send(JSON.stringify(frame));
  }

  /** Sends a text frame exactly as given. */
  sendText(text: string): void {
    this.ws.send(text);
  }

  /** Sends frames back to back in one TCP write, as a hostile client would. */
  sendBurst(frames: readonly object[]): void {
    const tcp = this.#tcp() as unknown as { cork(): void; uncork(): void };
    tcp.cork();
    for (const frame of frames) this.ws.send(JSON.stringify(frame));
    tcp.uncork();
  }

  sendBinary(data: Buffer): void {
    this.ws.send(data, { binary: true });
  }

  /** A fresh request id. */
  id(): string {
    return `r${this.#nextId++}`;
  }

  /** Sends `hello` (v 1 unless given) and resolves with the `welcome` or `err` answering it. */
  hello(fields: Record<string, unknown> = {}, timeoutMs = WAIT_MS): Promise<Frame> {
    this.send({ t: 'hello', v: 1, ...fields });
    return this.next((f) => f.t === 'welcome' || f.t === 'err', timeoutMs);
  }

  /**
   * Sends a frame with an `id` (one is added if missing) and resolves with its answer: the
   * `ok`, `ack` or `err` carrying that id.
   */
  request(frame: Record<string, unknown>, timeoutMs = WAIT_MS): Promise<Frame> {
    const id = frame.id ?? this.id();
    this.send({ ...frame, id });
    return this.next((f) => f.id === id && ['ok', 'ack', 'err'].includes(f.t), timeoutMs);
  }

  sub(ch: string, from?: Position): Promise<Frame> {
    return this.request({ t: 'sub', ch, ...(from ? { from } : {}) });
  }

  /** Sends an op (with a fresh `mid` unless given) and resolves with its `ack` or `err`. */
  op(ch: string, type: string, data: unknown, mid: string = newMid()): Promise<Frame> {
    return this.request({ t: 'op', ch, mid, type, data });
  }

  /** Sends a `presence` frame and resolves with its `ok` or `err`. */
  presence(ch: string, action: 'enter' | 'update' | 'leave', data?: object): Promise<Frame> {
    return this.request({ t: 'presence', ch, action, ...(data === undefined ? {} : { data }) });
  }

  /**
   * Resolves with the earliest frame, received or still to come, that matches and was not
   * returned by an earlier `next`; rejects after `timeoutMs`.
   */
  next(predicate: Predicate, timeoutMs = WAIT_MS): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        for (let i = 0; i < this.frames.length; i++) {
          if (this.#consumed.has(i) || !predicate(this.frames[i])) continue;
          this.#consumed.add(i);
          resolve(this.frames[i]);
          return true;
        }
        return false;
      };
      if (check()) return;
      const timer = setTimeout(() => {
        this.#listeners.delete(listener);
        reject(
          new Error(
            `no matching frame within ${timeoutMs} ms${this.closeInfo ? ` (closed ${this.closeInfo.code})` : ''}; ` +
              `received: ${JSON.stringify(this.frames.slice(-12))}`,
          ),
        );
      }, timeoutMs);
      const listener = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.#listeners.delete(listener);
      };
      this.#listeners.add(listener);
    });
  }

  /** Waits until `count` frames match; resolves with all of them (none are consumed). */
  async collect(predicate: Predicate, count: number, timeoutMs = WAIT_MS): Promise<Frame[]> {
    await this.until(
      () => this.frames.filter(predicate).length >= count,
      timeoutMs,
      () => `${count} matching frames (have ${this.frames.filter(predicate).length})`,
    );
    return this.frames.filter(predicate);
  }

  /** Waits until `condition` holds, checked on every frame and on close. */
  until(
    condition: () => boolean,
    timeoutMs = WAIT_MS,
    what: () => string = () => 'condition',
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      if (condition()) return resolve();
      const timer = setTimeout(() => {
        this.#listeners.delete(listener);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what()}` +
              `${this.closeInfo ? ` (closed ${this.closeInfo.code})` : ''}; ` +
              `received: ${JSON.stringify(this.frames.slice(-12))}`,
          ),
        );
      }, timeoutMs);
      const listener = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.#listeners.delete(listener);
        resolve();
      };
      this.#listeners.add(listener);
    });
  }

  /** The `ev` frames of a channel received so far, in order. */
  events(ch: string, type?: string): Frame[] {
    return this.frames.filter((f) => f.t === 'ev' && f.ch === ch && (!type || f.type === type));
  }

  /** Resolves with the close code and reason; rejects if the socket stays open. */
  async waitClose(timeoutMs = WAIT_MS): Promise<Closed> {
    let timer!: NodeJS.Timeout;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `socket still open after ${timeoutMs} ms; received: ${JSON.stringify(this.frames.slice(-12))}`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.closed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops reading from the TCP socket, as a stalled page would: unread data piles up. */
  stopReading(): void {
    this.#tcp().pause();
  }

  resumeReading(): void {
    this.#tcp().resume();
  }

  #tcp(): { pause(): void; resume(): void } {
    // ws keeps the net.Socket under a private name; tests need it to stall the reader.
    // oxlint-disable-next-line no-underscore-dangle
    return (this.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  }

  close(code = 1000): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code);
    }
  }

  /** Cuts the TCP connection without a close handshake, as a crashed page would. */
  terminate(): void {
    this.ws.terminate();
  }

  #notify(): void {
    // A listener that is satisfied removes itself; a Set allows that while iterating.
    for (const listener of this.#listeners) listener();
  }
}

/** A fresh idempotency key. */
export function newMid(): string {
  return `m-${randomUUID()}`;
}

/** Closes every client given, ignoring ones already closed. */
export function closeAll(clients: Iterable<RawClient>): void {
  for (const client of clients) client.terminate();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The clients a test opened, so they can all be cut when it ends. */
export class ClientPool {
  #all = new Set<RawClient>();

  constructor(private url: () => string) {}

  async connect(options: ConnectOptions & { url?: string } = {}): Promise<RawClient> {
    const client = await RawClient.connect(options.url ?? this.url(), options);
    this.#all.add(client);
    return client;
  }

  async join(
    hello: Record<string, unknown>,
    options: ConnectOptions & { url?: string } = {},
  ): Promise<RawClient & { welcome: Frame }> {
    const client = await RawClient.join(options.url ?? this.url(), hello, options);
    this.#all.add(client);
    return client;
  }

  closeAll(): void {
    closeAll(this.#all);
    this.#all.clear();
  }
}
