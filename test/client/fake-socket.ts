/**
 * A stand-in for the browser WebSocket, for unit tests of the connection's frame handling (batches,
 * gaps, close codes) where a real relay cannot be made to misbehave on cue. Everything else in
 * test/client runs against a real relay process.
 */
import type { ClientFrame, RelayFrame } from '../../src/protocol/index.js';

export class FakeSocket {
  static instances: FakeSocket[] = [];
  static get last(): FakeSocket {
    const socket = FakeSocket.instances.at(-1);
    if (!socket) throw new Error('no socket made yet');
    return socket;
  }
  static reset(): void {
    FakeSocket.instances = [];
  }

  readonly url: string;
  readonly protocol: string;
  readyState = 0;
  readonly sent: ClientFrame[] = [];
  readonly #listeners = new Map<string, Array<(event: unknown) => void>>();

  constructor(url: string, protocol: string) {
    this.url = url;
    this.protocol = protocol;
    FakeSocket.instances.push(this);
  }

  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  #dispatch(type: string, event: unknown): void {
    for (const listener of this.#listeners.get(type) ?? []) listener(event);
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(JSON.parse(data) as ClientFrame);
  }

  close(): void {
    this.readyState = 3;
  }

  // ---- driven by the test

  /** Opens the socket: the connection answers with `hello`. */
  open(): void {
    this.readyState = 1;
    this.#dispatch('open', {});
  }

  /** Delivers one frame, or a batch (a JSON array) when given an array. */
  receive(frame: RelayFrame | RelayFrame[]): void {
    this.#dispatch('message', { data: JSON.stringify(frame) });
  }

  /** The relay closes the socket with `code`. */
  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.#dispatch('close', { code, reason });
  }

  framesOf<T extends ClientFrame['t']>(t: T): Extract<ClientFrame, { t: T }>[] {
    return this.sent.filter((frame): frame is Extract<ClientFrame, { t: T }> => frame.t === t);
  }
}
