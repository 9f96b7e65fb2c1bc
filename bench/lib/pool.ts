/**
 * The coordinator's side of the load generator: a few worker processes (bench/lib/worker.ts),
 * each holding a share of the connections, driven by request/answer messages over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Histogram } from './stats.js';
import type { Command, ConnectCommand } from './worker.js';

const workerFile = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** Source addresses spread over 127.0.0.2–9: 10,000 sockets and reconnects need more ports. */
export const LOCAL_ADDRESSES = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);

class Worker {
  #nextId = 1;
  #waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const waiting = this.#waiting.get(message.id);
      this.#waiting.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message.result);
    });
    child.on('exit', (code) => {
      for (const { reject } of this.#waiting.values()) reject(new Error(`worker exited ${code}`));
    });
  }

  send<T>(command: Command): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, command });
    });
  }
}

export class Pool {
  readonly workers: Worker[];

  constructor(size: number) {
    this.workers = Array.from(
      { length: size },
      () =>
        new Worker(
          fork(workerFile, [], {
            execArgv: [
              '--import',
              'tsx',
              '--max-old-space-size=4096',
              // `--profile DIR` profiles the load generator too, in DIR/workers.
              ...(process.env.BENCH_PROFILE_DIR
                ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}/workers`]
                : []),
            ],
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          }),
        ),
    );
  }

  get pids(): number[] {
    return this.workers.map((w) => w.child.pid!);
  }

  /** Opens `total` connections spread evenly over the workers. */
  async connect(
    command: Omit<ConnectCommand, 'cmd' | 'base' | 'count' | 'localAddresses'> & { total: number },
  ): Promise<{ connected: number; failed: number }> {
    const { total, ...rest } = command;
    const share = Math.ceil(total / this.workers.length);
    const results = await Promise.all(
      this.workers.map((worker, i) =>
        worker.send<{ connected: number; failed: number }>({
          cmd: 'connect',
          ...rest,
          base: i * share,
          count: Math.max(0, Math.min(share, total - i * share)),
          localAddresses: LOCAL_ADDRESSES,
        }),
      ),
    );
    return {
      connected: results.reduce((s, r) => s + r.connected, 0),
      failed: results.reduce((s, r) => s + r.failed, 0),
    };
  }

  all<T>(command: Command): Promise<T[]> {
    return Promise.all(this.workers.map((w) => w.send<T>(command)));
  }

  async close(): Promise<void> {
    await this.all({ cmd: 'close' }).catch(() => {});
    await Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.child.exitCode !== null) return resolve();
            const timer = setTimeout(() => worker.child.kill(), 5_000);
            worker.child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
          }),
      ),
    );
  }
}

/** What a worker reports: its connections' receipts and its own CPU time so far. */
export interface WorkerReport {
  connections: number;
  received: number;
  /** WebSocket messages received (relay and raw ws clients): deliveries / messages = batching. */
  messages: number;
  /** Distinct messages each connection holds. */
  distinct: number[];
  duplicates: number;
  duplicatedConnections: number;
  latency: Histogram;
  ackLatency: Histogram;
  /** Per connection, µs from the drop until caught up; -1 if it never was. */
  caughtUpUs: number[];
  /** Per connection, when it last became ready (µs, `nowUs`). */
  readyAtUs: number[];
  /** Roaming: connections lost (in all, and how many connections), sessions not recovered. */
  downs: number;
  connectionsDown: number;
  unrecovered: number;
  /** Per question index, when each player got it (µs). */
  questionArrivals: Record<string, number[]>;
  answers: { sentFirstUs: number; ackedLastUs: number; accepted: number; rejected: number };
  finalChoices: number[];
  cpuUs: { user: number; system: number };
}

const cpuUsOf = (reports: WorkerReport[]): number =>
  reports.reduce((sum, r) => sum + r.cpuUs.user + r.cpuUs.system, 0);

/** The load generator's CPU time between two rounds of reports, in ms. */
export function loadGeneratorCpuMs(before: WorkerReport[], after: WorkerReport[]): number {
  return Math.round((cpuUsOf(after) - cpuUsOf(before)) / 1000);
}
