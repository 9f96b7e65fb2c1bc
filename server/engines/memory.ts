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
  /** Events with their expiry, oldest first. */
  history: (StoredEvent & { expiresAt: number })[];
}

export class MemoryEngine implements Engine {
  readonly name = 'memory';
  readonly epoch = randomBytes(6).toString('base64url');
  #channels = new Map<string, MemoryChannel>();
  #outcomes = new Map<string, { outcome: OpOutcome; ts: number }>();

  async loadChannel(ch: string, rule: TrimRule): Promise<ChannelRecord> {
    // Loading never stores anything: a channel exists here once something was written to it.
    const channel = this.#channels.get(ch);
    if (!channel) return { epoch: this.epoch, head: 0, records: new Map(), history: [] };
    trimHistory(channel.history, rule);
    return {
      epoch: this.epoch,
      head: channel.head,
      records: new Map(channel.records),
      history: channel.history.map(({ expiresAt: _, ...event }) => event),
    };
  }

  async history(ch: string, from: number, to: number): Promise<StoredEvent[]> {
    const history = this.#channels.get(ch)?.history ?? [];
    return history
      .filter((event) => event.seq >= from && event.seq <= to)
      .map(({ expiresAt: _, ...event }) => event);
  }

  commit(batch: WriteBatch): void {
    for (const { ch, event, expiresAt } of batch.events) {
      const channel = this.#channel(ch);
      channel.history.push({ ...event, expiresAt });
      channel.head = event.seq;
    }
    for (const { ch, upTo } of batch.trims) {
      const history = this.#channels.get(ch)?.history;
      if (!history) continue;
      let drop = 0;
      while (drop < history.length && history[drop].seq <= upTo) drop++;
      history.splice(0, drop);
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

  /** A test store: one pass over everything, whatever the budget. */
  async sweep(now: number, outcomesBefore: number): Promise<boolean> {
    for (const channel of this.#channels.values()) {
      let drop = 0;
      while (drop < channel.history.length && channel.history[drop].expiresAt < now) drop++;
      if (drop > 0) channel.history.splice(0, drop);
    }
    for (const [key, { ts }] of this.#outcomes) if (ts < outcomesBefore) this.#outcomes.delete(key);
    return false;
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

function trimHistory(history: MemoryChannel['history'], rule: TrimRule): void {
  let drop = Math.max(0, history.length - rule.keep);
  while (drop < history.length && history[drop].ts < rule.olderThan) drop++;
  if (drop > 0) history.splice(0, drop);
}
