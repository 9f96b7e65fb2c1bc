/**
 * How long a viewer's connection takes to notice that its relay went silent without closing
 * anything (issue 12, item 4): a relay process frozen with SIGSTOP, as a Wi-Fi drop or a hung
 * machine looks to the client. Measured from the freeze to the connection's `reconnecting`:
 *
 * - probe, quiet: the client's own probe after `probeIdleMs` of silence (defaults 5 s + 4 s);
 * - probe, `online` event: the browser says the network is back, the client probes at once;
 * - heartbeat only: a relay that does not answer probes (the client never probes it), found by
 *   the 2 × `heartbeatMs` watchdog of PROTOCOL.md (default 25 s).
 *
 *   node --import tsx bench/dead-socket.ts [--trials 8] [--heartbeat-trials 2] [--write]
 *
 * Writes bench/results/dead-socket.json and .md with --write.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { Connection } from '../src/connection/connection.js';
import { startRelay, type RelayProcess } from '../test/helpers/relay.js';

const { values: flags } = parseArgs({
  options: {
    trials: { type: 'string', default: '8' },
    'heartbeat-trials': { type: 'string', default: '2' },
    write: { type: 'boolean', default: false },
  },
});

// Node has no window: lend the global the `online` event target a browser has.
const events = new EventTarget();
Object.assign(globalThis, {
  addEventListener: events.addEventListener.bind(events),
  removeEventListener: events.removeEventListener.bind(events),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitStatus(connection: Connection, status: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (connection.$status.get() !== status) {
    if (Date.now() > deadline) throw new Error(`no ${status} within ${timeoutMs} ms`);
    await sleep(5);
  }
}

type Mode = 'probe, quiet' | 'probe, online event' | 'heartbeat only';

/** One trial: connect, wait a random moment, freeze the relay, time until `reconnecting`. */
async function trial(relay: RelayProcess, mode: Mode, key: number): Promise<number> {
  const connection = new Connection({
    url: relay.url,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    storage: { getItem: () => `dead-socket-bench-key-${key}-000000`, setItem: () => {} },
    indexedDB: null,
    // "Heartbeat only" stands for a relay without probes: the client never probes it.
    ...(mode === 'heartbeat only' ? { probeIdleMs: 1e9, probeTimeoutMs: 1e9 } : {}),
  });
  try {
    connection.channel('bench-dead/chat', {});
    await waitStatus(connection, 'open', 10_000);
    await sleep(Math.random() * 3_000);
    relay.process.kill('SIGSTOP');
    const frozenAt = performance.now();
    if (mode === 'probe, online event') events.dispatchEvent(new Event('online'));
    await waitStatus(connection, 'reconnecting', 120_000);
    return performance.now() - frozenAt;
  } finally {
    relay.process.kill('SIGCONT');
    connection.close();
    await sleep(200);
  }
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { n: sorted.length, min: sorted[0]!, p50: at(0.5), max: sorted.at(-1)! };
}

const relay = await startRelay({ memory: true });
const results: Record<string, ReturnType<typeof summary>> = {};
try {
  const plan: [Mode, number][] = [
    ['probe, quiet', Number(flags.trials)],
    ['probe, online event', Number(flags.trials)],
    ['heartbeat only', Number(flags['heartbeat-trials'])],
  ];
  let key = 0;
  for (const [mode, count] of plan) {
    const samples: number[] = [];
    for (let i = 0; i < count; i++) samples.push(await trial(relay, mode, key++));
    results[mode] = summary(samples);
    console.log(mode, results[mode]);
  }
} finally {
  relay.process.kill('SIGCONT');
  await relay.dispose();
}

/** Milliseconds as seconds with one decimal, for the table. */
function s(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

if (flags.write) {
  const out = join(import.meta.dirname, 'results');
  const rows = Object.entries(results).map(
    ([mode, r]) => `| ${mode} | ${r.n} | ${s(r.min)} | ${s(r.p50)} | ${s(r.max)} |`,
  );
  const md = [
    '# A silent relay: time until the client notices',
    '',
    'From SIGSTOP of the relay (its sockets stay open, nothing answers) to the connection',
    "`reconnecting`, `node --import tsx bench/dead-socket.ts --write`, on the project's 2 shared",
    'cores. Defaults: `probeIdleMs` 5 000, `probeTimeoutMs` 4 000, `heartbeatMs` 25 000. Each',
    'trial freezes the relay 0 to 3 s after the socket opened.',
    '',
    '| mode | trials | min | p50 | max |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(join(out, 'dead-socket.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(out, 'dead-socket.md'), md);
  console.log('wrote bench/results/dead-socket.json and bench/results/dead-socket.md');
}
