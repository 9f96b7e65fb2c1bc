/**
 * Clients that move between the relays of a cluster as the browser kit does: on a dropped socket
 * they reconnect to another relay and resume every channel with `from`; a writer keeps its ops in
 * an outbox and sends them again, with the same `mid`, until acknowledged. Built on the raw
 * protocol client, so tests see every frame the relays send (and can count any sent twice).
 */
import { randomUUID } from 'node:crypto';
import { RawClient, sleep, type Frame } from './raw-client.js';
import type { RelayProcess } from './relay.js';

export interface RoamingOptions {
  relays: () => RelayProcess[];
  /** The relay to start on. */
  start: number;
  token: (relay: RelayProcess) => string;
}

/** A subscriber of some channels that never misses an event, whichever relay it is on. */
export class Roamer {
  /** Every `ev` received, per channel, in arrival order (duplicates kept, to be counted). */
  readonly received = new Map<string, Frame[]>();
  /** Where each channel stands: what to resume from. */
  readonly positions = new Map<string, { epoch: string; seq: number }>();
  /** Relays moved to, in order. */
  readonly moves: number[] = [];
  /** `err` frames received (none expected but retryable ones). */
  readonly errors: Frame[] = [];
  client: RawClient | null = null;
  #at: number;
  #closed = false;
  #reconnecting = false;

  constructor(
    private options: RoamingOptions,
    readonly channels: string[],
  ) {
    this.#at = options.start;
  }

  async connect(): Promise<void> {
    const relays = this.options.relays();
    for (let attempt = 0; attempt < relays.length * 20 && !this.#closed; attempt++) {
      const relay = relays[this.#at % relays.length];
      try {
        const client = await RawClient.join(relay.url, { token: this.options.token(relay) });
        this.client = client;
        this.moves.push(this.#at % relays.length);
        client.ws.on('message', () => this.#collect(client));
        void client.closed.then(() => this.#dropped(client));
        for (const ch of this.channels) await this.#sub(client, ch);
        return;
      } catch {
        this.#at++;
        await sleep(100);
      }
    }
    throw new Error('no relay took the roamer');
  }

  /** Events of `ch` received so far, by seq. */
  seqs(ch: string): number[] {
    return (this.received.get(ch) ?? []).map((f) => f.seq as number);
  }

  close(): void {
    this.#closed = true;
    this.client?.terminate();
  }

  async #sub(client: RawClient, ch: string): Promise<void> {
    for (;;) {
      const from = this.positions.get(ch);
      const ok = await client.sub(ch, from ? { ...from } : undefined);
      if (ok.t === 'ok') {
        // A reset after a first join would lose what a replay keeps: none is expected.
        if (ok.reset && from) this.errors.push({ t: 'reset', ch, from, ok });
        return;
      }
      this.errors.push(ok);
      await sleep(ok.retryAfterMs ?? 200);
    }
  }

  #seen = 0;
  #collect(client: RawClient): void {
    if (client !== this.client) return;
    const frames = client.frames;
    for (; this.#seen < frames.length; this.#seen++) {
      const frame = frames[this.#seen];
      // In arrival order with the events after it: a snapshot sets where the channel stands.
      if (frame.t === 'ok' && frame.reset) {
        this.positions.set(frame.ch, { epoch: frame.epoch, seq: frame.seq });
      }
      if (frame.t !== 'ev') continue;
      let list = this.received.get(frame.ch);
      if (!list) this.received.set(frame.ch, (list = []));
      list.push(frame);
      const position = this.positions.get(frame.ch);
      if (position && frame.seq > position.seq) position.seq = frame.seq;
    }
  }

  #dropped(client: RawClient): void {
    if (client !== this.client || this.#closed) return;
    this.#seen = 0;
    this.#at++;
    if (this.#reconnecting) return;
    this.#reconnecting = true;
    void this.connect()
      .catch((error: unknown) => this.errors.push({ t: 'lost', error: String(error) }))
      .finally(() => (this.#reconnecting = false));
  }
}

/** Sends chat messages one after another and keeps each until acknowledged. */
export class OutboxWriter {
  /** Texts acknowledged, with the seq of their event. */
  readonly acked: { text: string; seq: number }[] = [];
  /** Retryable refusals met on the way (the relay of the room away, Redis restarting). */
  readonly retried: Frame[] = [];
  #client: RawClient | null = null;
  #at: number;

  constructor(
    private options: RoamingOptions,
    readonly ch: string,
  ) {
    this.#at = options.start;
  }

  /** Sends `text` until acknowledged, moving to another relay when its socket drops. */
  async send(text: string): Promise<void> {
    const mid = `m-${randomUUID()}`;
    for (;;) {
      const client = await this.#connected();
      let answer: Frame;
      try {
        answer = await client.op(this.ch, 'send', { text }, mid);
      } catch {
        client.terminate();
        this.#client = null;
        this.#at++;
        continue;
      }
      if (answer.t === 'ack') {
        this.acked.push({ text, seq: answer.seq });
        return;
      }
      if (answer.code !== 'internal') throw new Error(`refused: ${JSON.stringify(answer)}`);
      this.retried.push(answer);
      await sleep(answer.retryAfterMs ?? 200);
    }
  }

  close(): void {
    this.#client?.terminate();
  }

  async #connected(): Promise<RawClient> {
    if (this.#client?.open) return this.#client;
    const relays = this.options.relays();
    for (let attempt = 0; attempt < relays.length * 20; attempt++) {
      const relay = relays[this.#at % relays.length];
      try {
        this.#client = await RawClient.join(relay.url, { token: this.options.token(relay) });
        return this.#client;
      } catch {
        this.#at++;
        await sleep(100);
      }
    }
    throw new Error('no relay took the writer');
  }
}
