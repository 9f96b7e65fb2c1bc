/**
 * Scenarios 4 and 5 exercise relay features the peers do not have (tallies, timed questions):
 * - vote surge: thousands of voters casting 10,000 votes within one second; exact final tally,
 *   ack latency, tally frames per second each watcher gets.
 * - quiz fan-out: time from the host's `next` to the last player holding the question, and
 *   answers accepted per second when everyone answers at once.
 */
import { signToken } from '../../server/auth.js';
import { RelayConn, type Frame } from '../lib/clients.js';
import { nowUs, sleep } from '../lib/clock.js';
import { loadGeneratorCpuMs, Pool, type WorkerReport } from '../lib/pool.js';
import { deploy } from '../lib/deploy.js';
import { SECRET, startTarget } from '../lib/servers.js';
import { percentile, round, summarise, type Histogram } from '../lib/stats.js';

async function host(url: string, channel: string, onFrame?: (frame: Frame) => void) {
  const conn = new RelayConn({
    url,
    token: signToken(SECRET, { sub: 'host', name: 'Host', role: 'host', rooms: ['*'] }),
    channels: [channel],
    onFrame,
  });
  await conn.open();
  return conn;
}

async function expectAck(answer: Promise<Frame>, what: string): Promise<Frame> {
  const frame = await answer;
  if (frame.t !== 'ack') throw new Error(`${what}: ${JSON.stringify(frame)}`);
  return frame;
}

/**
 * One relay, or a cluster (`relay-cluster`): the voters are split over its relays, the poll's
 * host (who made the room's first request, so its relay owns the room) is on the first, and a
 * watcher on each other relay counts the tally frames it gets there too.
 */
export async function voteSurge(options: {
  kind?: 'relay' | 'relay-cluster';
  nodes?: number;
  voters: number;
  votesPerVoter: number;
  spreadMs: number;
  workers: number;
  tallyIntervalMs: number;
}) {
  const target = await deploy(options.kind ?? 'relay', {
    nodes: options.nodes,
    relayArgs: ['--tally-interval-ms', String(options.tallyIntervalMs)],
  });
  const pool = new Pool(options.workers);
  const tallies: { at: number; frame: Frame }[] = [];
  const elsewhere: { at: number; frame: Frame }[][] = [];
  const watchers: RelayConn[] = [];
  try {
    const owner = await host(target.urls[0], 'bench/poll', (frame) => {
      if (frame.t === 'ev' && frame.type === 'tally') tallies.push({ at: nowUs(), frame });
    });
    const optionCount = 4;
    const created = await expectAck(
      owner.op('bench/poll', 'create', {
        question: 'Which one?',
        options: ['A', 'B', 'C', 'D'],
        kind: 'single',
      }),
      'create',
    );
    const pollId = created.data.pollId as string;
    await expectAck(owner.op('bench/poll', 'open', { pollId }), 'open');
    for (const url of target.urls.slice(1)) {
      const seen: { at: number; frame: Frame }[] = [];
      elsewhere.push(seen);
      watchers.push(
        await host(url, 'bench/poll', (frame) => {
          if (frame.t === 'ev' && frame.type === 'tally') seen.push({ at: nowUs(), frame });
        }),
      );
    }
    // Every voter watches the poll, as viewers of the live results do.
    await pool.connect({
      kind: 'relay',
      url: target.urls[0],
      urls: target.nodes > 1 ? target.urls : undefined,
      total: options.voters,
      channels: ['bench/poll'],
      secret: SECRET,
      maxMessages: 0,
    });
    await sleep(500);
    const before = await pool.all<WorkerReport>({ cmd: 'report' });
    const cpu0 = target.serverCpuUs();
    const redisCpu0 = target.redisCpuUs();
    const t0 = nowUs();
    await pool.all({
      cmd: 'vote',
      pollId,
      votes: options.votesPerVoter,
      spreadMs: options.spreadMs,
      options: optionCount,
    });
    const votedMs = (nowUs() - t0) / 1000;
    const serverCpuMs = (target.serverCpuUs() - cpu0) / 1000;
    const redisCpuMs = (target.redisCpuUs() - redisCpu0) / 1000;
    await sleep(options.tallyIntervalMs * 3);
    const reports = await pool.all<WorkerReport>({ cmd: 'report' });
    const workersCpuMs = loadGeneratorCpuMs(before, reports);
    const expected = Array.from({ length: optionCount }, () => 0);
    for (const choice of reports.flatMap((r) => r.finalChoices)) expected[choice]++;
    const last = tallies.at(-1)?.frame.data;
    const windowTallies = tallies.filter((t) => t.at >= t0);
    const spanS = windowTallies.length ? Math.max(1, (windowTallies.at(-1)!.at - t0) / 1e6) : 1;
    // Frames per second in any one-second window, the figure the bound is about.
    // Counted on the relay's clock (the events' `ts`), so transit jitter does not blur it.
    const worst = (list: { at: number; frame: Frame }[]) => {
      const sentAt = list.filter((t) => t.at >= t0).map((t) => t.frame.ts as number);
      let most = 0;
      for (const at of sentAt) {
        most = Math.max(most, sentAt.filter((ts) => ts >= at && ts < at + 1000).length);
      }
      return most;
    };
    const sentAt = windowTallies.map((t) => t.frame.ts as number);
    const worstSecond = Math.max(worst(tallies), ...elsewhere.map(worst));
    const gaps = sentAt.slice(1).map((ts, i) => ts - sentAt[i]);
    // A watcher on another relay ends with the same tally as the owner's.
    const sameElsewhere = elsewhere.every(
      (list) => JSON.stringify(list.at(-1)?.frame.data) === JSON.stringify(last),
    );
    return {
      voters: options.voters,
      votes: options.voters * options.votesPerVoter,
      spreadMs: options.spreadMs,
      allAckedMs: Math.round(votedMs),
      votesPerSecond: Math.round((options.voters * options.votesPerVoter) / (votedMs / 1000)),
      rejected: reports.reduce((s, r) => s + r.answers.rejected, 0),
      ackLatency: summarise(reports.map((r) => r.ackLatency)),
      serverCpuMsWhileVoting: Math.round(serverCpuMs),
      ...(target.redis
        ? { nodes: target.nodes, redisCpuMsWhileVoting: Math.round(redisCpuMs) }
        : {}),
      loadGeneratorCpuMsWhileVoting: workersCpuMs,
      expectedCounts: expected,
      finalCounts: last?.counts ?? null,
      finalTotal: last?.total ?? null,
      exact:
        JSON.stringify(last?.counts) === JSON.stringify(expected) &&
        last?.total === options.voters &&
        sameElsewhere,
      sameTallyOnEveryRelay: sameElsewhere,
      tallyFramesPerWatcherElsewhere: elsewhere.map(
        (list) => list.filter((t) => t.at >= t0).length,
      ),
      tallyIntervalMs: options.tallyIntervalMs,
      tallyFramesPerWatcher: windowTallies.length,
      tallyFramesPerSecond: round(windowTallies.length / spanS, 2),
      tallyFramesWorstSecond: worstSecond,
      tallyMinGapMs: gaps.length ? Math.min(...gaps) : null,
      tallyBoundPerSecond: 1000 / options.tallyIntervalMs,
    };
  } finally {
    for (const watcher of watchers) watcher.close();
    await pool.close();
    await target.stop();
  }
}

export async function quizFanOut(options: { players: number; questions: number; workers: number }) {
  const target = await startTarget('relay');
  const pool = new Pool(options.workers);
  try {
    const owner = await host(target.url, 'bench/quiz');
    await expectAck(
      owner.op('bench/quiz', 'load', {
        questions: Array.from({ length: options.questions }, (_, i) => ({
          text: `Question ${i + 1}?`,
          options: ['A', 'B', 'C', 'D'],
          correct: i % 4,
          timeLimitMs: 20_000,
        })),
      }),
      'load',
    );
    await pool.connect({
      kind: 'relay',
      url: target.url,
      total: options.players,
      channels: ['bench/quiz'],
      secret: SECRET,
      maxMessages: 0,
    });
    await sleep(500);
    const perQuestion: { p50Ms: number; p99Ms: number; lastMs: number; reached: number }[] = [];
    const answerRates: number[] = [];
    const ackLatency: Histogram[] = [];
    for (let index = 0; index < options.questions; index++) {
      await pool.all({ cmd: 'reset' });
      const t0 = nowUs();
      await expectAck(owner.op('bench/quiz', 'next', {}), 'next');
      let arrivals: number[] = [];
      const deadline = performance.now() + 10_000;
      while (arrivals.length < options.players && performance.now() < deadline) {
        await sleep(50);
        const reports = await pool.all<WorkerReport>({ cmd: 'report' });
        arrivals = reports.flatMap((r) => r.questionArrivals[index] ?? []);
      }
      const ms = arrivals.map((at) => (at - t0) / 1000);
      perQuestion.push({
        p50Ms: round(percentile(ms, 0.5)),
        p99Ms: round(percentile(ms, 0.99)),
        lastMs: round(Math.max(...ms)),
        reached: ms.length,
      });
      await pool.all({ cmd: 'answer', index, options: 4 });
      const reports = await pool.all<WorkerReport>({ cmd: 'report' });
      const accepted = reports.reduce((s, r) => s + r.answers.accepted, 0);
      const first = Math.min(...reports.map((r) => r.answers.sentFirstUs));
      const lastAck = Math.max(...reports.map((r) => r.answers.ackedLastUs));
      answerRates.push(accepted / ((lastAck - first) / 1e6));
      ackLatency.push(...reports.map((r) => r.ackLatency));
      await expectAck(owner.op('bench/quiz', 'reveal', {}), 'reveal');
    }
    const lasts = perQuestion.map((q) => q.lastMs);
    return {
      players: options.players,
      questions: options.questions,
      perQuestion,
      questionP50Ms: round(
        percentile(
          perQuestion.map((q) => q.p50Ms),
          0.5,
        ),
      ),
      questionP99Ms: round(
        percentile(
          perQuestion.map((q) => q.p99Ms),
          0.5,
        ),
      ),
      lastPlayerMedianMs: round(percentile(lasts, 0.5)),
      lastPlayerMaxMs: round(Math.max(...lasts)),
      answersAcceptedPerSecond: Math.round(percentile(answerRates, 0.5)),
      answerAckLatency: summarise(ackLatency),
    };
  } finally {
    await pool.close();
    await target.stop();
  }
}
