/**
 * Scenarios 1–3, run the same way against the relay and both peers: N subscribers on one chat
 * channel and one publisher.
 * - fan-out: a fixed rate; delivered/expected, latency, CPU per delivery, RSS per connection.
 * - throughput: as fast as the publisher's own echo allows; sustained deliveries per second.
 * - reconnect storm: every subscriber dropped at once mid-stream; lost, duplicated, caught up.
 */
import { nowUs, sleep } from '../lib/clock.js';
import { deploy, type Deployment, type DeploymentName } from '../lib/deploy.js';
import { loadGeneratorCpuMs, Pool, type WorkerReport } from '../lib/pool.js';
import { Publisher } from '../lib/publisher.js';
import { SECRET } from '../lib/servers.js';
import { percentile, round, summarise } from '../lib/stats.js';

export interface StreamOptions {
  /** A single server (`relay`, `ws`, `socketio`) or a cluster (`relay-cluster`, …). */
  kind: DeploymentName;
  /** Nodes of a cluster (2 by default). */
  nodes?: number;
  n: number;
  workers: number;
}

/**
 * Starts the target, connects N subscribers (split evenly over a cluster's nodes) and the
 * publisher (on the first node; with `echoEverywhere`, its messages must come back on every node
 * before more are sent); returns what the run needs.
 */
export async function setUp(
  { kind, nodes, n, workers }: StreamOptions,
  maxMessages: number,
  extra: { roam?: boolean; echoEverywhere?: boolean } = {},
) {
  const target = await deploy(kind, { nodes });
  const rssBefore = target.rssBytes();
  const pool = new Pool(workers);
  const cluster = target.nodes > 1;
  const publisher = new Publisher(target.kind, target.urls[0], {
    urls: cluster ? target.urls : undefined,
    roam: extra.roam,
    echoUrls: extra.echoEverywhere ? target.urls.slice(1) : undefined,
  });
  // On a cluster the publisher comes first: its relay, the first to serve the room, owns it.
  if (cluster) await publisher.open();
  const started = performance.now();
  const { connected, failed } = await pool.connect({
    kind: target.kind,
    url: target.urls[0],
    urls: cluster ? target.urls : undefined,
    roam: extra.roam,
    total: n,
    channels: ['bench/chat'],
    secret: SECRET,
    maxMessages,
  });
  const connectMs = performance.now() - started;
  if (!cluster) await publisher.open();
  await sleep(1000);
  const rssAfter = target.rssBytes();
  return {
    target,
    pool,
    publisher,
    connected,
    failed,
    connectMs: Math.round(connectMs),
    rssPerConnectionKB: round((rssAfter - rssBefore) / 1024 / Math.max(1, connected), 1),
  };
}

export async function tearDown(
  target: Deployment,
  pool: Pool,
  publisher: Publisher,
): Promise<void> {
  publisher.close();
  await pool.close();
  await target.stop();
}

/** Waits until every subscriber has `expected` distinct messages, or `maxMs` passed. */
export async function drain(pool: Pool, expected: number, maxMs: number): Promise<WorkerReport[]> {
  const end = performance.now() + maxMs;
  for (;;) {
    const reports = await pool.all<WorkerReport>({ cmd: 'report' });
    const done = reports.every((r) => r.distinct.every((d) => d >= expected));
    if (done || performance.now() > end) return reports;
    await sleep(200);
  }
}

export async function fanOut(options: StreamOptions & { rate: number; seconds: number }) {
  const total = Math.round(options.rate * options.seconds);
  const run = await setUp(options, total);
  const { target, pool, publisher } = run;
  try {
    await pool.all({ cmd: 'reset' });
    const before = await pool.all<WorkerReport>({ cmd: 'report' });
    const cpu0 = target.serverCpuUs();
    const redisCpu0 = target.redisCpuUs();
    const t0 = performance.now();
    await publisher.atRate(options.rate, options.seconds);
    const reports = await drain(pool, total, 10_000);
    const elapsedS = (performance.now() - t0) / 1000;
    const serverCpuUs = target.serverCpuUs() - cpu0;
    const redisCpuUs = target.redisCpuUs() - redisCpu0;
    const deliveries = reports.reduce((s, r) => s + r.received, 0);
    const expected = total * run.connected;
    return {
      connections: run.connected,
      failedConnections: run.failed,
      connectMs: run.connectMs,
      published: total,
      delivered: deliveries,
      expected,
      deliveredRatio: round(deliveries / expected, 4),
      duplicates: reports.reduce((s, r) => s + r.duplicates, 0),
      latency: summarise(reports.map((r) => r.latency)),
      deliveriesPerSecond: Math.round(deliveries / options.seconds),
      serverCpuPercent: round((serverCpuUs / 1e6 / elapsedS) * 100, 1),
      serverCpuUsPerDelivery: round(serverCpuUs / Math.max(1, deliveries), 3),
      loadGeneratorCpuMs: loadGeneratorCpuMs(before, reports),
      ...redisCpu(target, redisCpuUs, deliveries, elapsedS),
      rssPerConnectionKB: run.rssPerConnectionKB,
      serverRssMB: round(target.rssBytes() / 2 ** 20, 1),
    };
  } finally {
    await tearDown(target, pool, publisher);
  }
}

export async function throughput(options: StreamOptions & { seconds: number; window: number }) {
  // Generous: the seen-sets must hold every message one run can publish.
  const run = await setUp(options, 2_000_000, { echoEverywhere: true });
  const { target, pool, publisher } = run;
  try {
    // A warm-up second, then the measured window.
    await publisher.asFastAsAllowed(1, options.window);
    await pool.all({ cmd: 'reset' });
    const before = await pool.all<WorkerReport>({ cmd: 'report' });
    const cpu0 = target.serverCpuUs();
    const redisCpu0 = target.redisCpuUs();
    const sent0 = publisher.sent;
    const t0 = performance.now();
    await publisher.asFastAsAllowed(options.seconds, options.window);
    const reports = await pool.all<WorkerReport>({ cmd: 'report' });
    const elapsedS = (performance.now() - t0) / 1000;
    const serverCpuUs = target.serverCpuUs() - cpu0;
    const redisCpuUs = target.redisCpuUs() - redisCpu0;
    const deliveries = reports.reduce((s, r) => s + r.received, 0);
    const messages = reports.reduce((s, r) => s + r.messages, 0);
    return {
      connections: run.connected,
      window: options.window,
      published: publisher.sent - sent0,
      publishedPerSecond: Math.round((publisher.sent - sent0) / elapsedS),
      delivered: deliveries,
      deliveriesPerSecond: Math.round(deliveries / elapsedS),
      // Socket.IO's own client is not counted (its messages are one event each).
      deliveriesPerMessage: messages > 0 ? round(deliveries / messages, 2) : null,
      latency: summarise(reports.map((r) => r.latency)),
      serverCpuPercent: round((serverCpuUs / 1e6 / elapsedS) * 100, 1),
      serverCpuUsPerDelivery: round(serverCpuUs / Math.max(1, deliveries), 3),
      ...redisCpu(target, redisCpuUs, deliveries, elapsedS),
      loadGeneratorCpuMs: loadGeneratorCpuMs(before, reports),
    };
  } finally {
    await tearDown(target, pool, publisher);
  }
}

/** A cluster's Redis: its share of a core and its CPU per delivery (nothing without one). */
function redisCpu(target: Deployment, redisCpuUs: number, deliveries: number, elapsedS: number) {
  if (!target.redis) return {};
  return {
    nodes: target.nodes,
    redisCpuPercent: round((redisCpuUs / 1e6 / elapsedS) * 100, 1),
    redisCpuUsPerDelivery: round(redisCpuUs / Math.max(1, deliveries), 3),
  };
}

export async function reconnectStorm(
  options: StreamOptions & { rate: number; seconds: number; dropAfterS: number; jitterMs: number },
) {
  const total = Math.round(options.rate * options.seconds);
  const run = await setUp(options, total);
  const { target, pool, publisher } = run;
  try {
    const before = await pool.all<WorkerReport>({ cmd: 'report' });
    const cpu0 = target.serverCpuUs();
    const t0 = performance.now();
    let dropped: Promise<unknown> | null = null;
    let dropStartedUs = 0;
    let reconnectedUs = 0;
    await publisher.atRate(options.rate, options.seconds, (elapsedMs) => {
      if (!dropped && elapsedMs >= options.dropAfterS * 1000) {
        dropStartedUs = nowUs();
        dropped = pool.all({ cmd: 'drop', jitterMs: options.jitterMs }).then(() => {
          reconnectedUs = nowUs();
        });
      }
    });
    await dropped;
    const reports = await drain(pool, total, 15_000);
    const elapsedS = (performance.now() - t0) / 1000;
    const serverCpuUs = target.serverCpuUs() - cpu0;
    const distinct = reports.flatMap((r) => r.distinct);
    const lost = distinct.map((d) => total - d);
    const caughtUp = reports.flatMap((r) => r.caughtUpUs);
    const caughtUpMs = caughtUp.filter((us) => us >= 0).map((us) => us / 1000);
    return {
      connections: run.connected,
      published: total,
      droppedAtS: options.dropAfterS,
      reconnectJitterMs: options.jitterMs,
      allReconnectedMs: Math.round((reconnectedUs - dropStartedUs) / 1000),
      lostTotal: lost.reduce((s, l) => s + l, 0),
      lostMaxPerClient: Math.max(...lost),
      clientsWithLoss: lost.filter((l) => l > 0).length,
      duplicatedTotal: reports.reduce((s, r) => s + r.duplicates, 0),
      clientsWithDuplicates: reports.reduce((s, r) => s + r.duplicatedConnections, 0),
      clientsCaughtUp: caughtUpMs.length,
      caughtUpP50Ms: round(percentile(caughtUpMs, 0.5), 0),
      caughtUpP99Ms: round(percentile(caughtUpMs, 0.99), 0),
      caughtUpMaxMs: caughtUpMs.length ? round(Math.max(...caughtUpMs), 0) : null,
      serverCpuPercent: round((serverCpuUs / 1e6 / elapsedS) * 100, 1),
      loadGeneratorCpuMs: loadGeneratorCpuMs(before, reports),
      seconds: round(elapsedS, 1),
    };
  } finally {
    await tearDown(target, pool, publisher);
  }
}
