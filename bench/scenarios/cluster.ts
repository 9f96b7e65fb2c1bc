/**
 * Cluster scenarios (issue 10's proof), run against relays on one Redis and against Socket.IO 4
 * nodes on `@socket.io/redis-streams-adapter` (recovery on). Fan-out and throughput over a
 * cluster reuse chat-stream.ts (subscribers split over the nodes); here:
 * - failover: one node killed (SIGKILL) mid-stream; its clients move to the other node and
 *   resume (the relay's with `from`, unanswered ops sent again with the same mid; Socket.IO's
 *   with its recovery); lost, duplicated, caught up.
 * - rolling restart: each of three nodes stopped (SIGTERM) and started again in turn, under load.
 * - join surge: N viewers connect, say hello and subscribe to three channels of one room at once.
 */
import { signToken } from '../../server/auth.js';
import { RelayConn } from '../lib/clients.js';
import { nowUs, sleep } from '../lib/clock.js';
import { deploy, type DeploymentName } from '../lib/deploy.js';
import { loadGeneratorCpuMs, Pool, type WorkerReport } from '../lib/pool.js';
import { SECRET } from '../lib/servers.js';
import { percentile, round, summarise } from '../lib/stats.js';
import { drain, setUp, tearDown } from './chat-stream.js';

/** Per-connection outcome of a run where nodes went away: lost, twice, caught up, moved. */
function receipts(reports: WorkerReport[], total: number) {
  const lost = reports.flatMap((r) => r.distinct).map((d) => total - d);
  const caughtUpMs = reports
    .flatMap((r) => r.caughtUpUs)
    .filter((us) => us >= 0)
    .map((us) => us / 1000);
  return {
    lostTotal: lost.reduce((s, l) => s + l, 0),
    lostMaxPerClient: Math.max(...lost),
    clientsWithLoss: lost.filter((l) => l > 0).length,
    duplicatedTotal: reports.reduce((s, r) => s + r.duplicates, 0),
    clientsWithDuplicates: reports.reduce((s, r) => s + r.duplicatedConnections, 0),
    connectionsCut: reports.reduce((s, r) => s + r.connectionsDown, 0),
    reconnects: reports.reduce((s, r) => s + r.downs, 0),
    /** Socket.IO: reconnects whose session was not recovered (what was missed is gone). */
    notRecovered: reports.reduce((s, r) => s + r.unrecovered, 0),
    clientsCaughtUp: caughtUpMs.length,
    caughtUpP50Ms: round(percentile(caughtUpMs, 0.5), 0),
    caughtUpP99Ms: round(percentile(caughtUpMs, 0.99), 0),
    caughtUpMaxMs: caughtUpMs.length ? round(Math.max(...caughtUpMs), 0) : null,
    latency: summarise(reports.map((r) => r.latency)),
  };
}

export interface FailoverOptions {
  kind: 'relay-cluster' | 'socketio-cluster';
  n: number;
  rate: number;
  seconds: number;
  killAfterS: number;
  /** `owner`: the node holding the publisher (for relays, the room's owner); `follower`: the other. */
  kill: 'owner' | 'follower';
  workers: number;
}

/**
 * Two nodes, N subscribers split over them, the publisher on the first (which owns the room),
 * `rate` messages a second; after `killAfterS` one node is killed with SIGKILL. Caught up: the
 * time from the kill until a subscriber holds every message published before it was back (the
 * kill, for one never cut) and has a newer one with nothing missing.
 */
export async function failover(options: FailoverOptions) {
  const total = Math.round(options.rate * options.seconds);
  const run = await setUp({ ...options, nodes: 2 }, total, { roam: true });
  const { target, pool, publisher } = run;
  try {
    const ownerBefore = await target.ownerOf('bench');
    const node = options.kill === 'owner' ? 0 : 1;
    await pool.all({ cmd: 'reset' });
    const before = await pool.all<WorkerReport>({ cmd: 'report' });
    let killedAtUs = 0;
    const killing = (async () => {
      await sleep(options.killAfterS * 1000);
      killedAtUs = nowUs();
      await pool.all({ cmd: 'arm', atUs: killedAtUs });
      await target.kill(node);
    })();
    await publisher.atRate(options.rate, options.seconds);
    await killing;
    const reports = await drain(pool, total, 12_000);
    const ownerAfter = await target.ownerOf('bench');
    return {
      connections: run.connected,
      published: total,
      killedNode: node,
      killed: options.kill,
      roomOwnerBefore: ownerBefore,
      roomOwnerAfter: ownerAfter,
      killedAtS: options.killAfterS,
      ...receipts(reports, total),
      publisherUnanswered: publisher.unanswered,
      loadGeneratorCpuMs: loadGeneratorCpuMs(before, reports),
    };
  } finally {
    await tearDown(target, pool, publisher);
  }
}

export interface RollingOptions {
  kind: 'relay-cluster' | 'socketio-cluster';
  n: number;
  rate: number;
  /** Nodes (each restarted once). */
  nodes: number;
  /** Time between one node back and the next stopped. */
  settleMs: number;
  workers: number;
}

/**
 * Three nodes, N subscribers split over them, the publisher on the first; each node in turn is
 * stopped with SIGTERM and started again on its port, `settleMs` apart, while `rate` messages a
 * second go out. Clients of a stopping node move to the next one and resume there.
 */
export async function rollingRestart(options: RollingOptions) {
  const maxMessages = options.rate * 300;
  const run = await setUp({ ...options }, maxMessages, { roam: true });
  const { target, pool, publisher } = run;
  try {
    await pool.all({ cmd: 'reset' });
    const before = await pool.all<WorkerReport>({ cmd: 'report' });
    let done = false;
    const restarts: number[] = [];
    const rolling = (async () => {
      try {
        for (let i = 0; i < target.nodes; i++) {
          await sleep(options.settleMs);
          if (i === 0) await pool.all({ cmd: 'arm', atUs: nowUs() });
          const started = performance.now();
          await target.restart(i);
          restarts.push(Math.round(performance.now() - started));
        }
        await sleep(options.settleMs);
      } finally {
        done = true;
      }
    })();
    const t0 = performance.now();
    await publisher.untilDone(options.rate, () => done || publisher.sent >= maxMessages);
    await rolling;
    const total = publisher.sent;
    const reports = await drain(pool, total, 12_000);
    return {
      connections: run.connected,
      nodes: target.nodes,
      published: total,
      seconds: round((performance.now() - t0) / 1000, 1),
      restartMs: restarts,
      ...receipts(reports, total),
      publisherUnanswered: publisher.unanswered,
      loadGeneratorCpuMs: loadGeneratorCpuMs(before, reports),
    };
  } finally {
    await tearDown(target, pool, publisher);
  }
}

export interface JoinOptions {
  kind: DeploymentName;
  nodes?: number;
  n: number;
  workers: number;
}

export const JOIN_CHANNELS = ['bench/chat', 'bench/presence', 'bench/poll'];

/**
 * The start of a stream: the host is in the room first (on a cluster, its relay owns the room),
 * then N viewers connect at once (a few hundred handshakes in flight per worker), split over the
 * nodes; each says hello and subscribes to chat, presence and poll (Socket.IO: connects and
 * joins three rooms, with an ack). Ready: the last sub answered.
 */
export async function joinSurge(options: JoinOptions) {
  const target = await deploy(options.kind, { nodes: options.nodes });
  const pool = new Pool(options.workers);
  let hostConn: RelayConn | null = null;
  try {
    if (target.kind === 'relay') {
      hostConn = new RelayConn({
        url: target.urls[0],
        token: signToken(SECRET, { sub: 'host', name: 'Host', role: 'host', rooms: ['*'] }),
        channels: JOIN_CHANNELS,
      });
      await hostConn.open();
    }
    await sleep(500);
    const before = await pool.all<WorkerReport>({ cmd: 'report' });
    const cpu0 = target.serverCpuUs();
    const redisCpu0 = target.redisCpuUs();
    const t0 = nowUs();
    const { connected, failed } = await pool.connect({
      kind: target.kind,
      url: target.urls[0],
      urls: target.nodes > 1 ? target.urls : undefined,
      total: options.n,
      channels: JOIN_CHANNELS,
      joinRooms: target.kind === 'socketio' ? JOIN_CHANNELS : undefined,
      secret: SECRET,
      maxMessages: 0,
    });
    const elapsedS = (nowUs() - t0) / 1e6;
    const serverCpuMs = (target.serverCpuUs() - cpu0) / 1000;
    const redisCpuMs = (target.redisCpuUs() - redisCpu0) / 1000;
    const reports = await pool.all<WorkerReport>({ cmd: 'report' });
    const readyMs = reports
      .flatMap((r) => r.readyAtUs)
      .filter((at) => at > 0)
      .map((at) => (at - t0) / 1000);
    const lastMs = readyMs.length ? Math.max(...readyMs) : NaN;
    return {
      viewers: options.n,
      nodes: target.nodes,
      connected,
      failed,
      channelsEach: JOIN_CHANNELS.length,
      allReadyMs: round(lastMs, 0),
      readyP50Ms: round(percentile(readyMs, 0.5), 0),
      readyP99Ms: round(percentile(readyMs, 0.99), 0),
      joinsPerSecond: Math.round(connected / elapsedS),
      serverCpuMs: Math.round(serverCpuMs),
      serverCpuPercent: round((serverCpuMs / 1000 / elapsedS) * 100, 1),
      ...(target.redis ? { redisCpuMs: Math.round(redisCpuMs) } : {}),
      loadGeneratorCpuMs: loadGeneratorCpuMs(before, reports),
    };
  } finally {
    hostConn?.close();
    await pool.close();
    await target.stop();
  }
}
