/**
 * `npm run bench -- [scenario ...] [flags]`: measures the relay against a raw `ws` broadcast
 * server and Socket.IO 4 (with connection state recovery) in one run, on loopback, with the
 * clients in worker processes. Prints each result as it comes; `--write` also stores the run as
 * bench/results/server.json and server.md.
 *
 * Scenarios: fanout, throughput, reconnect, vote, quiz, idle (all by default).
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { parseArgs } from 'node:util';
import type { TargetKind } from './lib/clients.js';
import { LABELS } from './lib/servers.js';
import { fanOut, reconnectStorm, throughput } from './scenarios/chat-stream.js';
import { idleMemory } from './scenarios/idle.js';
import { quizFanOut, voteSurge } from './scenarios/relay-only.js';
import { markdown } from './report.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    targets: { type: 'string', default: 'relay,ws,socketio' },
    workers: { type: 'string', default: '3' },
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
    write: { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
});

if (values.profile) process.env.BENCH_PROFILE_DIR = values.profile;

const ALL = ['fanout', 'throughput', 'reconnect', 'vote', 'quiz', 'idle'];
const scenarios = positionals.length ? positionals : ALL;
for (const name of scenarios) {
  if (!ALL.includes(name)) throw new Error(`unknown scenario ${name}; one of ${ALL.join(', ')}`);
}
const targets = values.targets.split(',') as TargetKind[];
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
  target: TargetKind;
  label: string;
  params: Record<string, unknown>;
  result: Record<string, unknown>;
  loadAverage: number[];
}

const entries: Entry[] = [];

async function record(
  scenario: string,
  target: TargetKind,
  params: Record<string, unknown>,
  run: () => Promise<Record<string, unknown>>,
): Promise<void> {
  const loadAverage = loadavg().map((l) => Math.round(l * 100) / 100);
  process.stdout.write(`${scenario} ${JSON.stringify(params)} on ${LABELS[target]} … `);
  const result = await run();
  entries.push({ scenario, target, label: LABELS[target], params, result, loadAverage });
  console.log(JSON.stringify(result));
}

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
  } else if (scenario === 'idle') {
    for (const kind of targets) {
      const params = { n: num('idle-n'), workers };
      await record(scenario, kind, params, () => idleMemory({ kind, ...params }));
    }
  }
}

const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
const run = { date: new Date().toISOString(), command, machine, entries };
const md = markdown(run);
console.log(`\n${md}`);
if (values.write) {
  const dir = new URL('./results/', import.meta.url);
  writeFileSync(new URL('server.json', dir), `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(new URL('server.md', dir), md);
  console.log('written: bench/results/server.json, bench/results/server.md');
}
process.exit(0);
