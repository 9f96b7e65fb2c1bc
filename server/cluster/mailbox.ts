/**
 * Messages from one relay to another, sent together: what a relay posts to the same relay in one
 * tick leaves as one Redis PUBLISH. A join surge asks the room's owner thousands of times a
 * second; one command and one message each would cost both relays (and Redis) more than the
 * answers themselves.
 */

/**
 * Between the messages of one batch. JSON text never holds a raw control character, and neither
 * does the answer format of `messages.ts` (JSON, frames after U+0000, and named pieces whose ID
 * ends with U+0002, `pieces.ts`).
 */
const NEXT = '\u0001';

export class Mailbox {
  #batches = new Map<string, { messages: string[]; sent: Promise<void>; send: () => void }>();
  #scheduled = false;

  constructor(private publish: (topic: string, message: string) => Promise<void>) {}

  /** Queues a message for `topic`; settles as its batch is published (rejects when Redis is away). */
  post(topic: string, message: string): Promise<void> {
    let batch = this.#batches.get(topic);
    if (!batch) {
      let send!: () => void;
      const messages: string[] = [];
      const sent = new Promise<void>((resolve, reject) => {
        send = () => this.publish(topic, messages.join(NEXT)).then(resolve, reject);
      });
      // Each caller handles its own failure; nobody need be listening to the batch's.
      sent.catch(() => {});
      batch = { messages, sent, send };
      this.#batches.set(topic, batch);
    }
    batch.messages.push(message);
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.flush());
    }
    return batch.sent;
  }

  /** Publishes every batch now. */
  flush(): void {
    this.#scheduled = false;
    const batches = [...this.#batches.values()];
    this.#batches.clear();
    for (const batch of batches) batch.send();
  }
}

/** The messages of a batch. */
export function unpack(raw: string): string[] {
  return raw.includes(NEXT) ? raw.split(NEXT) : [raw];
}
