/**
 * `npm run bench -- [scenario ...] [flags]`: measures the relay against a raw `ws` broadcast
 * server and Socket.IO 4 (with connection state recovery) in one run, on loopback, with the
 * clients in worker processes. Prints each result as it comes; `--write` also stores the run as
 * bench/results/server.json and server.md (single-relay scenarios) and cluster.json and
 * cluster.md (cluster scenarios).
 *
 * Single relay: fanout, throughput, reconnect, vote, quiz, idle (all by default).
 * Cluster (`cluster` for all of them): cluster-fanout, cluster-throughput, failover, rolling,
 * cluster-vote, join. `all`: both groups. Moderation, only when named: raid (results/raid.*).
 * Export, only when named: export (results/export.*).
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import type { TargetKind } from './lib/clients.js';
import { labelOf, type DeploymentName } from './lib/deploy.js';
import { waitForQuiet, watchMachine, type MachineSample } from './lib/machine.js';
import { fanOut, reconnectStorm, throughput } from './scenarios/chat-stream.js';
import { failover, joinSurge, rollingRestart } from './scenarios/cluster.js';
import { idleMemory } from './scenarios/idle.js';
import { exportBench } from './scenarios/export.js';
import { raid } from './scenarios/raid.js';
import { quizFanOut, voteSurge } from './scenarios/relay-only.js';
import { clusterMarkdown, exportMarkdown, markdown, raidMarkdown } from './report.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    targets: { type: 'string', default: 'relay,ws,socketio' },
    // One client process per core: more would share the cores with each other and the servers.
    workers: { type: 'string', default: String(availableParallelism()) },
    n: { type: 'string', default: '2000,5000' },
    rate: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '8' },
    'throughput-n': { type: 'string', default: '5000' },
    window: { type: 'string', default: '20' },
    'storm-n': { type: 'string', default: '2000' },
    'storm-rate': { type: 'string', default: '10' },
    voters: { type: 'string', default: '2500' },
    votes: { type: 'string', default: '4' },
    'tally-interval-ms': { type: 'string', default: '200' },
    players: { type: 'string', default: '2000' },
    questions: { type: 'string', default: '5' },
    'idle-n': { type: 'string', default: '10000' },
    'cluster-targets': { type: 'string', default: 'relay,relay-cluster,socketio-cluster' },
    'cluster-n': { type: 'string', default: '5000' },
    'failover-targets': { type: 'string', default: 'relay-cluster,socketio-cluster' },
    'failover-n': { type: 'string', default: '2000' },
    'failover-kill': { type: 'string', default: 'owner,follower' },
    'failover-seconds': { type: 'string', default: '12' },
    'rolling-n': { type: 'string', default: '3000' },
    'rolling-nodes': { type: 'string', default: '3' },
    'cluster-voters': { type: 'string', default: '2500' },
    'join-targets': { type: 'string', default: 'relay,relay-cluster,socketio-cluster' },
    'join-n': { type: 'string', default: '10000' },
    raiders: { type: 'string', default: '500' },
    'raid-interval-ms': { type: 'string', default: '1000' },
    'raid-presets': { type: 'string', default: 'default,open' },
    'export-messages': { type: 'string', default: '10000,100000' },
    'export-slow-mbps': { type: 'string', default: '4' },
    write: { type: 'boolean', default: false },
    // Before each measurement, wait (at most --quiet-max-s) until processes outside the bench
    // use less than --quiet-threshold % of one core. 0 = do not wait.
    'quiet-threshold': { type: 'string', default: '25' },
    'quiet-max-s': { type: 'string', default: '120' },
    profile: { type: 'string' },
  },
});

if (values.profile) process.env.BENCH_PROFILE_DIR = values.profile;

const SINGLE = ['fanout', 'throughput', 'reconnect', 'vote', 'quiz', 'idle'];
const CLUSTER = [
  'cluster-fanout',
  'cluster-throughput',
  'failover',
  'rolling',
  'cluster-vote',
  'join',
];
/** Run only when named: moderation under a raid (issue 14). */
const MODERATION = ['raid'];
/** Run only when named: a room's export (issue 15). */
const EXPORT = ['export'];
const ALL = [...SINGLE, ...CLUSTER, ...MODERATION, ...EXPORT];
const scenarios = (positionals.length ? positionals : SINGLE).flatMap((name) =>
  name === 'cluster' ? CLUSTER : name === 'all' ? ALL : [name],
);
for (const name of scenarios) {
  if (!ALL.includes(name)) {
    throw new Error(`unknown scenario ${name}; one of ${ALL.join(', ')}, cluster, all`);
  }
}
const list = (name: keyof typeof values) => String(values[name]).split(',');
const targets = list('targets') as TargetKind[];
const workers = Number(values.workers);
const num = (name: keyof typeof values) => Number(values[name]);

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  kernel: release(),
  node: process.version,
  loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
};

export interface Entry {
  scenario: string;
  target: DeploymentName;
  label: string;
  params: Record<string, unknown>;
  result: Record<string, unknown>;
  loadAverage: number[];
  /** What processes outside the bench did meanwhile, and how long the bench waited for quiet. */
  machine?: MachineSample & { quietWaitS: number };
}

const entries: Entry[] = [];

async function record(
  scenario: string,
  target: DeploymentName,
  params: Record<string, unknown>,
  run: () => Promise<Record<string, unknown>>,
): Promise<void> {
  const label = labelOf(target, (params.nodes as number | undefined) ?? 2);
  process.stdout.write(`${scenario} ${JSON.stringify(params)} on ${label} … `);
  const threshold = num('quiet-threshold');
  const quiet = threshold > 0 ? await waitForQuiet(threshold, num('quiet-max-s') * 1000) : null;
  const loadAverage = loadavg().map((l) => Math.round(l * 100) / 100);
  const started = performance.now();
  const watch = watchMachine();
  const result = await run();
  const machineSeen = { ...watch.stop(), quietWaitS: quiet?.waitedS ?? 0 };
  result.wallS = Math.round((performance.now() - started) / 100) / 10;
  entries.push({ scenario, target, label, params, result, loadAverage, machine: machineSeen });
  console.log(`${JSON.stringify(result)} machine: ${JSON.stringify(machineSeen)}`);
}

const isCluster = (name: DeploymentName) => name.endsWith('-cluster');

const benchStarted = performance.now();
console.log(`machine: ${JSON.stringify(machine)}`);
for (const scenario of scenarios) {
  if (scenario === 'fanout') {
    for (const n of values.n.split(',').map(Number)) {
      for (const kind of targets) {
        const params = { n, rate: num('rate'), seconds: num('seconds'), workers };
        await record(scenario, kind, params, () => fanOut({ kind, ...params }));
      }
    }
  } else if (scenario === 'throughput') {
    for (const kind of targets) {
      const params = {
        n: num('throughput-n'),
        seconds: num('seconds'),
        window: num('window'),
        workers,
      };
      await record(scenario, kind, params, () => throughput({ kind, ...params }));
    }
  } else if (scenario === 'reconnect') {
    for (const kind of targets) {
      const params = {
        n: num('storm-n'),
        rate: num('storm-rate'),
        seconds: num('seconds'),
        // Mid-stream: after 3 s, or half-way through a shorter run.
        dropAfterS: Math.min(3, num('seconds') / 2),
        jitterMs: 500,
        workers,
      };
      await record(scenario, kind, params, () => reconnectStorm({ kind, ...params }));
    }
  } else if (scenario === 'vote') {
    const params = {
      voters: num('voters'),
      votesPerVoter: num('votes'),
      spreadMs: 1000,
      tallyIntervalMs: num('tally-interval-ms'),
      workers,
    };
    await record(scenario, 'relay', params, () => voteSurge(params));
  } else if (scenario === 'quiz') {
    const params = { players: num('players'), questions: num('questions'), workers };
    await record(scenario, 'relay', params, () => quizFanOut(params));
  } else if (scenario === 'cluster-fanout') {
    for (const kind of list('cluster-targets') as DeploymentName[]) {
      const params = {
        n: num('cluster-n'),
        rate: num('rate'),
        seconds: num('seconds'),
        ...(isCluster(kind) ? { nodes: 2 } : {}),
        workers,
      };
      await record(scenario, kind, params, () => fanOut({ kind, ...params }));
    }
  } else if (scenario === 'cluster-throughput') {
    for (const kind of list('cluster-targets') as DeploymentName[]) {
      const params = {
        n: num('cluster-n'),
        seconds: num('seconds'),
        window: num('window'),
        ...(isCluster(kind) ? { nodes: 2 } : {}),
        workers,
      };
      await record(scenario, kind, params, () => throughput({ kind, ...params }));
    }
  } else if (scenario === 'failover') {
    for (const kill of list('failover-kill') as ('owner' | 'follower')[]) {
      for (const kind of list('failover-targets') as ('relay-cluster' | 'socketio-cluster')[]) {
        const params = {
          n: num('failover-n'),
          rate: num('storm-rate'),
          seconds: num('failover-seconds'),
          killAfterS: 4,
          kill,
          nodes: 2,
          workers,
        };
        await record(scenario, kind, params, () => failover({ kind, ...params }));
      }
    }
  } else if (scenario === 'rolling') {
    for (const kind of list('failover-targets') as ('relay-cluster' | 'socketio-cluster')[]) {
      const params = {
        n: num('rolling-n'),
        rate: num('storm-rate'),
        nodes: num('rolling-nodes'),
        settleMs: 2000,
        workers,
      };
      await record(scenario, kind, params, () => rollingRestart({ kind, ...params }));
    }
  } else if (scenario === 'cluster-vote') {
    for (const kind of ['relay', 'relay-cluster'] as const) {
      const params = {
        voters: num('cluster-voters'),
        votesPerVoter: num('votes'),
        spreadMs: 1000,
        tallyIntervalMs: num('tally-interval-ms'),
        ...(kind === 'relay-cluster' ? { nodes: 2 } : {}),
        workers,
      };
      await record(scenario, kind, params, () => voteSurge({ kind, ...params }));
    }
  } else if (scenario === 'join') {
    for (const kind of list('join-targets') as DeploymentName[]) {
      const params = { n: num('join-n'), ...(isCluster(kind) ? { nodes: 2 } : {}), workers };
      await record(scenario, kind, params, () => joinSurge({ kind, ...params }));
    }
  } else if (scenario === 'raid') {
    for (const preset of list('raid-presets') as ('default' | 'open')[]) {
      const params = {
        raiders: num('raiders'),
        intervalMs: num('raid-interval-ms'),
        beforeS: 3,
        afterS: 5,
        preset,
      };
      await record(scenario, 'relay', params, () => raid(params));
    }
  } else if (scenario === 'export') {
    for (const messages of list('export-messages').map(Number)) {
      const params = { messages, deleteEvery: 100, slowMBps: num('export-slow-mbps') };
      await record(scenario, 'relay', params, () => exportBench(params));
    }
  } else if (scenario === 'idle') {
    for (const kind of targets) {
      const params = { n: num('idle-n'), workers };
      await record(scenario, kind, params, () => idleMemory({ kind, ...params }));
    }
  }
}

const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
const date = new Date().toISOString();
const wallMinutes = Math.round((performance.now() - benchStarted) / 6_000) / 10;
const groups = [
  { file: 'server', names: SINGLE, render: markdown },
  { file: 'cluster', names: CLUSTER, render: clusterMarkdown },
  { file: 'raid', names: MODERATION, render: raidMarkdown },
  { file: 'export', names: EXPORT, render: exportMarkdown },
];
for (const { file, names, render } of groups) {
  const mine = entries.filter((e) => names.includes(e.scenario));
  if (mine.length === 0) continue;
  const run = { date, command, machine, wallMinutes, entries: mine };
  const md = render(run);
  console.log(`\n${md}`);
  if (values.write) {
    const dir = new URL('./results/', import.meta.url);
    writeFileSync(new URL(`${file}.json`, dir), `${JSON.stringify(run, null, 2)}\n`);
    writeFileSync(new URL(`${file}.md`, dir), md);
    console.log(`written: bench/results/${file}.json, bench/results/${file}.md`);
  }
}
process.exit(0);
