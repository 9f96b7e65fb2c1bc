/**
 * The in-memory engine: for tests and throwaway relays. Every start is a new epoch, so clients
 * that resume against it get a `reset` instead of silently wrong state.
 */
import { randomBytes } from 'node:crypto';
import type {
  ChannelRecord,
  Engine,
  OpOutcome,
  StoredEvent,
  TrimRule,
  WriteBatch,
} from './engine.js';

interface MemoryChannel {
  head: number;
  records: Map<string, unknown>;
  history: StoredEvent[];
}

export class MemoryEngine implements Engine {
  readonly name = 'memory';
  readonly epoch = randomBytes(6).toString('base64url');
  #channels = new Map<string, MemoryChannel>();
  #outcomes = new Map<string, { outcome: OpOutcome; ts: number }>();

  async loadChannel(ch: string, rule: TrimRule): Promise<ChannelRecord> {
    const channel = this.#channel(ch);
    trimHistory(channel.history, rule);
    return {
      epoch: this.epoch,
      head: channel.head,
      records: new Map(channel.records),
      history: [...channel.history],
    };
  }

  commit(batch: WriteBatch): void {
    for (const { ch, event } of batch.events) {
      const channel = this.#channel(ch);
      channel.history.push(event);
      channel.head = event.seq;
    }
    for (const { ch, key, value } of batch.records) {
      const records = this.#channel(ch).records;
      if (value === undefined) records.delete(key);
      else records.set(key, value);
    }
    for (const { userId, mid, outcome, ts } of batch.outcomes) {
      this.#outcomes.set(outcomeKey(userId, mid), { outcome, ts });
    }
  }

  async outcome(userId: string, mid: string): Promise<OpOutcome | undefined> {
    return this.#outcomes.get(outcomeKey(userId, mid))?.outcome;
  }

  async trim(ch: string, rule: TrimRule): Promise<void> {
    const channel = this.#channels.get(ch);
    if (channel) trimHistory(channel.history, rule);
  }

  async forgetOutcomes(before: number): Promise<void> {
    for (const [key, { ts }] of this.#outcomes) if (ts < before) this.#outcomes.delete(key);
  }

  async close(): Promise<void> {}

  #channel(ch: string): MemoryChannel {
    let channel = this.#channels.get(ch);
    if (!channel) {
      channel = { head: 0, records: new Map(), history: [] };
      this.#channels.set(ch, channel);
    }
    return channel;
  }
}

function outcomeKey(userId: string, mid: string): string {
  return `${userId}\u0000${mid}`;
}

function trimHistory(history: StoredEvent[], rule: TrimRule): void {
  let drop = Math.max(0, history.length - rule.keep);
  while (drop < history.length && history[drop].ts < rule.olderThan) drop++;
  if (drop > 0) history.splice(0, drop);
}
