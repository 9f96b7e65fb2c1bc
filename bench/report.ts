/** Renders one bench run as markdown: the machine, the command, each scenario, the targets. */
import type { Entry } from './run.js';

interface Run {
  date: string;
  command: string;
  machine: Record<string, unknown>;
  entries: Entry[];
}

type Row = Record<string, unknown>;

const line = (cells: unknown[]): string =>
  `| ${cells.map((c) => (c === undefined || c === null ? '–' : String(c))).join(' | ')} |`;

function table(headers: string[], rows: unknown[][]): string {
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

function find(entries: Entry[], scenario: string, target: string, n?: number): Row | undefined {
  return entries.find(
    (e) => e.scenario === scenario && e.target === target && (n === undefined || e.params.n === n),
  )?.result;
}

function ratio(a: unknown, b: unknown): number | null {
  return typeof a === 'number' && typeof b === 'number' && b > 0
    ? Math.round((a / b) * 100) / 100
    : null;
}

function lat(result: Row): string {
  const l = result.latency as { p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number };
  return `${l.p50Ms} / ${l.p90Ms} / ${l.p99Ms} / ${l.maxMs}`;
}

export function markdown(run: Run): string {
  const { entries } = run;
  const out: string[] = [
    `# Relay benchmark, ${run.date.slice(0, 10)}`,
    '',
    `Machine: ${run.machine.cpu}, ${run.machine.cores} cores, ${run.machine.memoryGiB} GiB, Linux ${run.machine.kernel}, Node ${run.machine.node}. ` +
      `Load average at start: ${(run.machine.loadAverageAtStart as number[]).join(', ')}. ` +
      'Servers and the load generator (worker processes) share the same cores, on loopback.',
    '',
    `Command: \`${run.command}\``,
    '',
  ];
  const section = (
    title: string,
    scenario: string,
    headers: string[],
    cells: (e: Entry) => unknown[],
  ) => {
    const rows = entries.filter((e) => e.scenario === scenario);
    if (rows.length === 0) return;
    out.push(
      `## ${title}`,
      '',
      table(
        ['target', ...headers, 'load avg'],
        rows.map((e) => [e.label, ...cells(e), e.loadAverage[0]]),
      ),
      '',
    );
  };
  section(
    'Fan-out (one publisher, N subscribers on one chat channel)',
    'fanout',
    [
      'N',
      'msg/s',
      'delivered',
      'latency p50 / p90 / p99 / max ms',
      'deliveries/s',
      'server CPU',
      'CPU µs/delivery',
      'RSS/conn KB',
    ],
    (e) => [
      e.params.n,
      e.params.rate,
      `${e.result.delivered}/${e.result.expected}`,
      lat(e.result),
      e.result.deliveriesPerSecond,
      `${e.result.serverCpuPercent}%`,
      e.result.serverCpuUsPerDelivery,
      e.result.rssPerConnectionKB,
    ],
  );
  section(
    'Throughput (publisher as fast as its own echo allows)',
    'throughput',
    [
      'N',
      'window',
      'published/s',
      'deliveries/s',
      'latency p50 / p90 / p99 / max ms',
      'server CPU',
      'CPU µs/delivery',
    ],
    (e) => [
      e.params.n,
      e.params.window,
      e.result.publishedPerSecond,
      e.result.deliveriesPerSecond,
      lat(e.result),
      `${e.result.serverCpuPercent}%`,
      e.result.serverCpuUsPerDelivery,
    ],
  );
  section(
    'Reconnect storm (every subscriber cut at once, reconnecting within 0–500 ms)',
    'reconnect',
    [
      'N',
      'msg/s',
      'lost (clients)',
      'duplicated (clients)',
      'caught up',
      'caught up p50 / p99 / max ms',
    ],
    (e) => [
      e.params.n,
      e.params.rate,
      `${e.result.lostTotal} (${e.result.clientsWithLoss})`,
      `${e.result.duplicatedTotal} (${e.result.clientsWithDuplicates})`,
      `${e.result.clientsCaughtUp}/${e.result.connections}`,
      `${e.result.caughtUpP50Ms} / ${e.result.caughtUpP99Ms} / ${e.result.caughtUpMaxMs}`,
    ],
  );
  section(
    'Vote surge (relay only: the peers have no polls)',
    'vote',
    [
      'voters',
      'votes',
      'within',
      'all acked',
      'ack p50 / p99 ms',
      'exact tally',
      'tally frames/s per watcher (worst second, bound)',
    ],
    (e) => {
      const ack = e.result.ackLatency as { p50Ms: number; p99Ms: number };
      return [
        e.result.voters,
        e.result.votes,
        `${e.result.spreadMs} ms`,
        `${e.result.allAckedMs} ms`,
        `${ack.p50Ms} / ${ack.p99Ms}`,
        e.result.exact
          ? 'yes'
          : `NO ${JSON.stringify(e.result.finalCounts)} vs ${JSON.stringify(e.result.expectedCounts)}`,
        `${e.result.tallyFramesPerSecond} (${e.result.tallyFramesWorstSecond}, ≤ ${e.result.tallyBoundPerSecond})`,
      ];
    },
  );
  section(
    'Quiz fan-out (relay only)',
    'quiz',
    [
      'players',
      'questions',
      '`next` → question p50 / p99 ms',
      'last player median / max ms',
      'answers accepted/s',
      'answer ack p99 ms',
    ],
    (e) => [
      e.result.players,
      e.result.questions,
      `${e.result.questionP50Ms} / ${e.result.questionP99Ms}`,
      `${e.result.lastPlayerMedianMs} / ${e.result.lastPlayerMaxMs}`,
      e.result.answersAcceptedPerSecond,
      (e.result.answerAckLatency as { p99Ms: number }).p99Ms,
    ],
  );
  section(
    'Idle memory',
    'idle',
    [
      'connections',
      'connect/s',
      'RSS before → settled MB',
      'RSS per connection KB, settled (peak)',
    ],
    (e) => [
      e.result.connections,
      e.result.connectionsPerSecond,
      `${e.result.rssBeforeMB} → ${e.result.rssAfterMB}`,
      `${e.result.rssPerConnectionKB} (${e.result.rssPeakPerConnectionKB})`,
    ],
  );

  const targets: unknown[][] = [];
  const relayT = find(entries, 'throughput', 'relay');
  const wsT = find(entries, 'throughput', 'ws');
  const sioT = find(entries, 'throughput', 'socketio');
  if (relayT) {
    const vsWs = ratio(relayT.deliveriesPerSecond, wsT?.deliveriesPerSecond);
    const vsSio = ratio(relayT.deliveriesPerSecond, sioT?.deliveriesPerSecond);
    targets.push([
      'deliveries/s at N=5,000 vs raw ws',
      '≥ 1.5×',
      vsWs === null ? '–' : `${vsWs}×`,
      vsWs !== null && vsWs >= 1.5,
    ]);
    targets.push([
      'deliveries/s at N=5,000 vs Socket.IO',
      '≥ 2×',
      vsSio === null ? '–' : `${vsSio}×`,
      vsSio !== null && vsSio >= 2,
    ]);
    const cpu = ratio(relayT.serverCpuUsPerDelivery, wsT?.serverCpuUsPerDelivery);
    targets.push([
      'server CPU per delivery vs raw ws (throughput, N=5,000)',
      '≤ 0.33×',
      cpu === null ? '–' : `${cpu}×`,
      cpu !== null && cpu <= 1 / 3,
    ]);
  }
  const fan = find(entries, 'fanout', 'relay', 2000);
  if (fan) {
    const p99 = (fan.latency as { p99Ms: number }).p99Ms;
    targets.push(['p99 latency at N=2,000, 10 msg/s', '< 50 ms', `${p99} ms`, p99 < 50]);
  }
  const idle = find(entries, 'idle', 'relay');
  if (idle) {
    targets.push([
      'RSS per idle connection',
      '≤ 8 KB',
      `${idle.rssPerConnectionKB} KB`,
      (idle.rssPerConnectionKB as number) <= 8,
    ]);
  }
  const storm = find(entries, 'reconnect', 'relay');
  if (storm) {
    const ok =
      storm.lostTotal === 0 &&
      storm.duplicatedTotal === 0 &&
      storm.clientsCaughtUp === storm.connections &&
      (storm.caughtUpMaxMs as number) <= 2000;
    targets.push([
      'reconnect storm: lost / duplicated / everyone caught up',
      '0 / 0 / ≤ 2 s',
      `${storm.lostTotal} / ${storm.duplicatedTotal} / ${storm.caughtUpMaxMs} ms`,
      ok,
    ]);
  }
  const vote = find(entries, 'vote', 'relay');
  if (vote) {
    const ok =
      vote.exact === true &&
      (vote.tallyFramesWorstSecond as number) <= (vote.tallyBoundPerSecond as number);
    targets.push([
      'vote surge: exact tally, tally frames/s per watcher',
      `exact, ≤ ${vote.tallyBoundPerSecond}`,
      `${vote.exact ? 'exact' : 'NOT exact'}, ${vote.tallyFramesWorstSecond}`,
      ok,
    ]);
  }
  if (targets.length) {
    out.push(
      '## Targets',
      '',
      table(
        ['target', 'goal', 'measured', 'met'],
        targets.map(([a, b, c, d]) => [a, b, c, d ? 'yes' : '**no**']),
      ),
      '',
    );
  }
  return `${out.join('\n')}\n`;
}
