/**
 * Publishes a steady burst of chat messages from Node over one raw socket, for the `<live-chat>`
 * burst tests (a web-test-runner command) and the browser benchmark (bench/browser/scenarios.ts).
 * Ops are pipelined, paced by the clock rather than by their acks, so the rate holds even when
 * the relay answers late. The relay must run with `--rate-limits off`.
 */
import { RawClient, newMid, sleep, type Frame } from './raw-client.js';

export interface BurstOptions {
  /** `ws://…/live` of the relay. */
  url: string;
  /** A token allowed to send in the room (its user is the author of every message). */
  token: string;
  /** The chat channel, `ROOM/chat`. */
  channel: string;
  perSecond: number;
  seconds: number;
  /** Message texts are `${prefix} ${n}`, n from 1. */
  prefix?: string;
}

export interface BurstResult {
  /** Every text sent, in the order sent (and so, the relay acking each, in `seq` order). */
  texts: string[];
  /** Epoch ms each text was sent, by index. */
  sentAt: number[];
  /** Epoch ms of the first and the last send. */
  firstSentAt: number;
  lastSentAt: number;
  /** Epoch ms when the last ack arrived. */
  lastAckAt: number;
}

/** How often the pacer wakes up to send what is due. */
const TICK_MS = 5;
const ACK_TIMEOUT_MS = 30_000;

const answered = (frame: Frame) => frame.t === 'ack' || frame.t === 'err';

export async function publishBurst(options: BurstOptions): Promise<BurstResult> {
  const { channel, perSecond, seconds, prefix = 'burst' } = options;
  const total = Math.round(perSecond * seconds);
  const client = await RawClient.join(options.url, { token: options.token });
  const texts: string[] = [];
  const sentAt: number[] = [];
  try {
    const start = Date.now();
    while (texts.length < total) {
      const due = Math.min(total, Math.floor(((Date.now() - start) * perSecond) / 1000) + 1);
      while (texts.length < due) {
        const text = `${prefix} ${texts.length + 1}`;
        client.send({
          t: 'op',
          id: client.id(),
          ch: channel,
          mid: newMid(),
          type: 'send',
          data: { text },
        });
        texts.push(text);
        sentAt.push(Date.now());
      }
      if (texts.length < total) await sleep(TICK_MS);
    }
    const lastSentAt = Date.now();
    await client.collect(answered, total, ACK_TIMEOUT_MS);
    const refused = client.frames.find((frame) => frame.t === 'err');
    if (refused) throw new Error(`the relay refused a burst message: ${JSON.stringify(refused)}`);
    return { texts, sentAt, firstSentAt: start, lastSentAt, lastAckAt: Date.now() };
  } finally {
    client.close();
  }
}
