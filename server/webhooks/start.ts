/**
 * Webhooks for a relay: the queue beside its store, the writer's commits observed, the relay's
 * channels read for what events leave out (a poll's results, a room's presence count).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEngine } from '../engines/sqlite.js';
import { MemoryEngine } from '../engines/memory.js';
import type { Relay } from '../relay.js';
import { WEBHOOKS_USER_ID } from '../reserved.js';
import type { WebhookSettings } from './config.js';
import type { WebhookPoll } from './events.js';
import { Webhooks } from './webhooks.js';

/** Reads a channel's state as staff does (hidden poll results included). */
const READER = { id: WEBHOOKS_USER_ID, name: 'webhooks', role: 'host' } as const;

export function startWebhooks(relay: Relay, settings: WebhookSettings): Webhooks {
  const { engine, config } = relay;
  let file: string;
  if (engine instanceof SqliteEngine) file = engine.file;
  else if (engine instanceof MemoryEngine) file = ':memory:';
  else {
    // A relay of a cluster keeps the deliveries of the rooms it decides in its own data folder.
    mkdirSync(config.dataDir, { recursive: true });
    file = join(config.dataDir, 'webhooks.sqlite');
  }
  const state = (ch: string) => relay.channels.peek(ch)?.state ?? null;
  const webhooks = new Webhooks(
    settings,
    file,
    {
      poll(room, pollId) {
        const snapshot = state(`${room}/poll`)?.snapshot(READER) as
          { polls: (WebhookPoll & { id: string })[] } | undefined;
        const poll = snapshot?.polls.find((p) => p.id === pollId);
        if (!poll) return undefined;
        const { id, question, options, kind, status, counts, total } = poll;
        return { id, question, options, kind, status, counts, total };
      },
      presenceCount(room) {
        const snapshot = state(`${room}/presence`)?.snapshot(READER) as
          { count: number } | undefined;
        return snapshot?.count;
      },
    },
    relay.metrics.registry,
  );
  relay.writer.observe((committed) => webhooks.committed(committed));
  return webhooks;
}
