/**
 * What a scenario runs against: one server (the relay on SQLite, a peer) or a cluster of several
 * on a real `redis-server` of their own (relays with `--redis`; Socket.IO nodes on
 * `@socket.io/redis-streams-adapter`). Each Redis is started fresh for the one deployment on a
 * free loopback port (test/helpers/redis.ts) and stopped by its PID: the relays and Socket.IO
 * never share one. Nodes can be killed (SIGKILL) or restarted (SIGTERM, then started again on
 * the same port), and their CPU time is summed across both.
 */
import { Redis } from 'ioredis';
import { startRedis, type RedisServer } from '../../test/helpers/redis.js';
import { startRelay, type RelayProcess } from '../../test/helpers/relay.js';
import type { TargetKind } from './clients.js';
import { cpuUs, LABELS, rssBytes, startPeer, startTarget, type PeerProcess } from './servers.js';

/** `relay`, `ws`, `socketio`: one server; `relay-cluster`, `socketio-cluster`: several on Redis. */
export type DeploymentName = TargetKind | 'relay-cluster' | 'socketio-cluster';

export interface Deployment {
  name: DeploymentName;
  /** The kind of client that speaks to it. */
  kind: TargetKind;
  label: string;
  nodes: number;
  /** Where clients reach each node. */
  urls: string[];
  /** CPU time (µs) every node used so far, including nodes killed or restarted since. */
  serverCpuUs(): number;
  /** CPU time (µs) of the deployment's Redis so far; 0 without one. */
  redisCpuUs(): number;
  /** Resident memory of the nodes alive now, summed (bytes). */
  rssBytes(): number;
  redis: RedisServer | null;
  /**
   * Relay cluster: the node that owns `room` now (the first relay to serve a room takes it), read
   * from Redis; -1 if none does. Other deployments: -1.
   */
  ownerOf(room: string): Promise<number>;
  /** SIGKILL: the node ends at once, as a crashed machine would. */
  kill(node: number): Promise<void>;
  /** SIGTERM (a graceful stop), then the node starts again on the same port. */
  restart(node: number): Promise<void>;
  stop(): Promise<void>;
}

export function labelOf(name: DeploymentName, nodes: number): string {
  if (name === 'relay-cluster') return `Hubbub cluster (${nodes} relays, Redis)`;
  if (name === 'socketio-cluster') {
    return `Socket.IO 4 cluster (${nodes} nodes, redis-streams adapter, recovery)`;
  }
  return LABELS[name];
}

const RELAY_BENCH_ARGS = ['--rate-limits', 'off', '--max-connections-per-ip', '0'];

/** CPU time of processes that come and go, per node: the total of its past processes plus now. */
class CpuBook {
  #past: number[];
  #last: number[];

  constructor(
    nodes: number,
    private pidOf: (node: number) => number,
  ) {
    this.#past = Array.from({ length: nodes }, () => 0);
    this.#last = Array.from({ length: nodes }, () => 0);
  }

  /** Reads node `i` now (its last reading once it is gone). */
  read(i: number): number {
    try {
      this.#last[i] = cpuUs(this.pidOf(i));
    } catch {
      // Gone: what it used until its last reading stands.
    }
    return this.#past[i] + this.#last[i];
  }

  /** Node `i` is about to be replaced by a new process. */
  retire(i: number): void {
    this.#past[i] = this.read(i);
    this.#last[i] = 0;
  }

  total(): number {
    return this.#past.reduce((sum, _, i) => sum + this.read(i), 0);
  }
}

function aliveRss(pids: number[]): number {
  let sum = 0;
  for (const pid of pids) {
    try {
      sum += rssBytes(pid);
    } catch {
      // Gone.
    }
  }
  return sum;
}

export async function deploy(
  name: DeploymentName,
  options: { nodes?: number; relayArgs?: string[] } = {},
): Promise<Deployment> {
  if (name === 'relay-cluster') return relayCluster(options.nodes ?? 2, options.relayArgs ?? []);
  if (name === 'socketio-cluster') return socketIoCluster(options.nodes ?? 2);
  const target = await startTarget(name, options.relayArgs);
  return {
    name,
    kind: name,
    label: labelOf(name, 1),
    nodes: 1,
    urls: [target.url],
    serverCpuUs: () => cpuUs(target.pid),
    redisCpuUs: () => 0,
    rssBytes: () => aliveRss([target.pid]),
    redis: null,
    ownerOf: async () => -1,
    kill: () => Promise.reject(new Error('a single server is not killed')),
    restart: () => Promise.reject(new Error('a single server is not restarted')),
    stop: () => target.stop(),
  };
}

async function relayCluster(nodes: number, extraArgs: string[]): Promise<Deployment> {
  const redis = await startRedis();
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const relays: RelayProcess[] = [];
  try {
    for (let i = 0; i < nodes; i++) {
      relays.push(
        await startRelay({
          memory: true,
          args: ['--redis', redis.url, ...RELAY_BENCH_ARGS, ...extraArgs],
          nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
        }),
      );
    }
  } catch (error) {
    for (const relay of relays) await relay.dispose();
    await redis.dispose();
    throw error;
  }
  const book = new CpuBook(nodes, (i) => relays[i].process.pid!);
  return {
    name: 'relay-cluster',
    kind: 'relay',
    label: labelOf('relay-cluster', nodes),
    nodes,
    urls: relays.map((r) => r.url),
    serverCpuUs: () => book.total(),
    redisCpuUs: () => cpuUs(redis.pid),
    rssBytes: () => aliveRss(relays.map((r) => r.process.pid!)),
    redis,
    async ownerOf(room) {
      const client = new Redis(redis.url);
      try {
        const owner = await client.get(`hubbub:own:${room}`);
        // Each relay prints its id when it starts (the last start's counts).
        return relays.findIndex(
          (r) => [...r.output().matchAll(/\(relay ([^)]+)\)/g)].at(-1)?.[1] === owner,
        );
      } finally {
        client.disconnect();
      }
    },
    async kill(i) {
      book.read(i);
      await relays[i].stop('SIGKILL');
    },
    async restart(i) {
      book.retire(i);
      await relays[i].restart();
    },
    async stop() {
      // A graceful stop first when profiling: a killed process writes no profile.
      if (profileDir) await Promise.all(relays.map((r) => r.stop('SIGTERM')));
      for (const relay of relays) await relay.dispose();
      await redis.dispose();
    },
  };
}

async function socketIoCluster(nodes: number): Promise<Deployment> {
  const redis = await startRedis();
  const peers: PeerProcess[] = [];
  try {
    for (let i = 0; i < nodes; i++) peers.push(await startPeer('socketio', [redis.url]));
  } catch (error) {
    for (const peer of peers) await peer.kill('SIGKILL');
    await redis.dispose();
    throw error;
  }
  const book = new CpuBook(nodes, (i) => peers[i].pid);
  return {
    name: 'socketio-cluster',
    kind: 'socketio',
    label: labelOf('socketio-cluster', nodes),
    nodes,
    urls: peers.map((p) => `http://127.0.0.1:${p.port}`),
    serverCpuUs: () => book.total(),
    redisCpuUs: () => cpuUs(redis.pid),
    rssBytes: () => aliveRss(peers.map((p) => p.pid)),
    redis,
    ownerOf: async () => -1,
    async kill(i) {
      book.read(i);
      await peers[i].kill('SIGKILL');
    },
    async restart(i) {
      book.retire(i);
      await peers[i].kill('SIGTERM');
      peers[i] = await startPeer('socketio', [redis.url], peers[i].port);
    },
    async stop() {
      for (const peer of peers) await peer.kill('SIGKILL');
      await redis.dispose();
    },
  };
}
