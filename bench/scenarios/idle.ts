/** Scenario 6: resident memory per idle connection, subscribed to one chat channel. */
import { sleep } from '../lib/clock.js';
import type { TargetKind } from '../lib/clients.js';
import { Pool } from '../lib/pool.js';
import { rssBytes, SECRET, startTarget } from '../lib/servers.js';
import { round } from '../lib/stats.js';

export async function idleMemory(options: { kind: TargetKind; n: number; workers: number }) {
  const target = await startTarget(options.kind);
  const pool = new Pool(options.workers);
  try {
    await sleep(1000);
    const before = rssBytes(target.pid);
    const started = performance.now();
    const { connected, failed } = await pool.connect({
      kind: options.kind,
      url: target.url,
      total: options.n,
      channels: ['bench/chat'],
      secret: SECRET,
      maxMessages: 0,
    });
    const connectMs = performance.now() - started;
    // Let the handshakes' garbage be collected before reading the resident size.
    await sleep(5000);
    const after = rssBytes(target.pid);
    return {
      connections: connected,
      failedConnections: failed,
      connectMs: Math.round(connectMs),
      connectionsPerSecond: Math.round(connected / (connectMs / 1000)),
      rssBeforeMB: round(before / 2 ** 20, 1),
      rssAfterMB: round(after / 2 ** 20, 1),
      rssPerConnectionKB: round((after - before) / 1024 / Math.max(1, connected), 2),
    };
  } finally {
    await pool.close();
    await target.stop();
  }
}
