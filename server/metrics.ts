/**
 * What `GET /metrics` tells (Prometheus text format, prom-client): the relay's load and how it is
 * spread. Hot paths (every delivery) only bump plain numbers here; prom-client reads them when
 * scraped, so a scrape costs what it costs and a delivery costs an addition.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Counted where they happen, read at scrape time. */
export const tally = {
  /** Frames queued to sockets (events, answers, pings...). */
  deliveries: 0,
  slowConsumerCloses: 0,
  /** Ops processed (decided here). */
  ops: 0,
};

/** What the metrics read from the relay at scrape time. */
export interface MetricsSource {
  connections(): number;
  subscriptions(): number;
  channels(): { primary: number; replica: number };
  rooms(): number;
  maxConnections: number;
}

export class Metrics {
  readonly registry = new Registry();
  readonly ops = new Counter({
    name: 'hubbub_ops_total',
    help: 'Ops processed, by feature and outcome (ack or the error code)',
    labelNames: ['feature', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly resumes = new Counter({
    name: 'hubbub_subs_total',
    help: 'Subscriptions answered, by kind: replay (a resume), reset (a snapshot) or list (presence)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly commits = new Histogram({
    name: 'hubbub_commit_seconds',
    help: 'Time to commit one batch to the store (with Redis: its round trip)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly asks = new Histogram({
    name: 'hubbub_cluster_ask_seconds',
    help: "Time for a room owner's answer to a forwarded frame (a cluster only)",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 3],
    registers: [this.registry],
  });
  #cpu = process.cpuUsage();
  #cpuAt = performance.now();
  #cpuShare = 0;

  constructor(source: MetricsSource) {
    const cpuShare = () => this.cpuShare();
    // Read at scrape time: registered below, each reading the relay when asked.
    const registers: Registry[] = [];
    collectDefaultMetrics({ register: this.registry, prefix: 'hubbub_process_' });
    const read = [
      new Gauge({
        name: 'hubbub_connections',
        help: 'Open sockets',
        registers,
        collect() {
          this.set(source.connections());
        },
      }),
      new Gauge({
        name: 'hubbub_subscriptions',
        help: 'Channel subscriptions of the open sockets',
        registers,
        collect() {
          this.set(source.subscriptions());
        },
      }),
      new Gauge({
        name: 'hubbub_channels_loaded',
        help: 'Channels in memory, by role: primary (decided here) or replica',
        labelNames: ['role'] as const,
        registers,
        collect() {
          const { primary, replica } = source.channels();
          this.set({ role: 'primary' }, primary);
          this.set({ role: 'replica' }, replica);
        },
      }),
      new Gauge({
        name: 'hubbub_rooms_owned',
        help: 'Rooms this relay decides for (a cluster); every loaded room on a relay alone',
        registers,
        collect() {
          this.set(source.rooms());
        },
      }),
      new Counter({
        name: 'hubbub_deliveries_total',
        help: 'Frames queued to sockets',
        registers,
        collect() {
          this.reset();
          this.inc(tally.deliveries);
        },
      }),
      new Counter({
        name: 'hubbub_slow_consumer_closes_total',
        help: 'Sockets closed for not reading what they were sent (4008)',
        registers,
        collect() {
          this.reset();
          this.inc(tally.slowConsumerCloses);
        },
      }),
      new Gauge({
        name: 'hubbub_load',
        help: 'Share in use, 0 to 1: of --max-connections (0 when unlimited) and of one CPU core',
        labelNames: ['of'] as const,
        registers,
        collect() {
          const max = source.maxConnections;
          this.set({ of: 'connections' }, max > 0 ? source.connections() / max : 0);
          this.set({ of: 'cpu' }, cpuShare());
        },
      }),
    ];
    for (const metric of read) this.registry.registerMetric(metric);
  }

  /** The share of one core used since the last reading (at least a second apart). */
  cpuShare(): number {
    const now = performance.now();
    const elapsed = now - this.#cpuAt;
    if (elapsed >= 1_000) {
      const used = process.cpuUsage(this.#cpu);
      this.#cpuShare = (used.user + used.system) / 1_000 / elapsed;
      this.#cpu = process.cpuUsage();
      this.#cpuAt = now;
    }
    return this.#cpuShare;
  }
}
