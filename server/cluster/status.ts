/** `hubbub-relay status --redis URL`: every relay of a cluster, its load, and the totals. */
import { RedisEngine, type RelaySummary } from '../engines/redis.js';

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function formatStatus(relays: RelaySummary[], now = Date.now()): string {
  const rows = relays
    .sort((a, b) => a.url.localeCompare(b.url))
    .map((r) => [
      r.id,
      r.url,
      String(r.connections),
      r.maxConnections > 0 ? String(r.maxConnections) : '-',
      r.maxConnections > 0 ? percent(r.load.connections) : '-',
      percent(r.load.cpu),
      String(r.rooms),
      String(r.channels),
      String(r.deliveriesPerSecond),
      String(r.opsPerSecond),
      `${Math.round((now - r.startedAt) / 1000)} s`,
    ]);
  const sum = (pick: (r: RelaySummary) => number) => relays.reduce((n, r) => n + pick(r), 0);
  rows.push([
    'total',
    `${relays.length} relays`,
    String(sum((r) => r.connections)),
    '',
    '',
    '',
    String(sum((r) => r.rooms)),
    String(sum((r) => r.channels)),
    String(sum((r) => r.deliveriesPerSecond)),
    String(sum((r) => r.opsPerSecond)),
    '',
  ]);
  const head = [
    'relay',
    'url',
    'sockets',
    'max',
    'full',
    'cpu',
    'rooms',
    'channels',
    'deliveries/s',
    'ops/s',
    'up',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

export async function printStatus(url: string): Promise<void> {
  const redis = new RedisEngine(url, { historyLimit: 0, historyTtlMs: 0 });
  try {
    await redis.open();
    process.stdout.write(formatStatus(await redis.relays()));
  } finally {
    await redis.close();
  }
}
