/** Scenario 6: resident memory per idle connection (each subscribed to one chat channel). */
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
    // The handshakes leave garbage behind, which V8 gives back once the process has been idle
    // for a while (its memory reducer): sampled every 5 s for 40 s; the last is the settled size.
    const samples: number[] = [];
    for (let i = 0; i < 8; i++) {
      await sleep(5_000);
      samples.push(rssBytes(target.pid));
    }
    const after = samples.at(-1)!;
    const peak = Math.max(...samples);
    return {
      connections: connected,
      failedConnections: failed,
      connectMs: Math.round(connectMs),
      connectionsPerSecond: Math.round(connected / (connectMs / 1000)),
      rssBeforeMB: round(before / 2 ** 20, 1),
      rssAfterMB: round(after / 2 ** 20, 1),
      rssSamplesMB: samples.map((b) => round(b / 2 ** 20, 1)),
      rssPerConnectionKB: round((after - before) / 1024 / Math.max(1, connected), 2),
      rssPeakPerConnectionKB: round((peak - before) / 1024 / Math.max(1, connected), 2),
    };
  } finally {
    await pool.close();
    await target.stop();
  }
}
