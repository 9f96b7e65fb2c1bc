/**
 * A load-generating worker process: holds a share of the bench's connections and answers the
 * coordinator's commands over IPC. Connections track what they receive (the `n`th message at
 * most once, its latency, when they caught up after a drop); the coordinator merges the reports.
 */
import { signToken } from '../../server/auth.js';
import {
  createConn,
  RelayConn,
  wire,
  type BenchConn,
  type Frame,
  type TargetKind,
} from './clients.js';
import { nowUs, sleep } from './clock.js';
import type { WorkerReport } from './pool.js';
import { Recorder } from './stats.js';

export interface ConnectCommand {
  cmd: 'connect';
  kind: TargetKind;
  url: string;
  /** Index of the first connection of this worker: user ids are `u<index>`. */
  base: number;
  count: number;
  channels: string[];
  secret: string;
  localAddresses: string[];
  /** The most messages one run publishes (size of each connection's seen-set). */
  maxMessages: number;
  /** Several nodes: connection `index` starts on `urls[index % urls.length]`. */
  urls?: string[];
  /** Move to the next node when the one connected to goes away, and resume there. */
  roam?: boolean;
  /** socketio: rooms joined after connecting (the join surge). */
  joinRooms?: string[];
}

export type Command =
  | ConnectCommand
  | { cmd: 'reset' }
  | { cmd: 'report' }
  | { cmd: 'drop'; jitterMs: number }
  | { cmd: 'arm'; atUs: number }
  | { cmd: 'vote'; pollId: string; votes: number; spreadMs: number; options: number }
  | { cmd: 'answer'; index: number; options: number }
  | { cmd: 'close' };

/** One connection and what it has seen of the numbered message stream. */
class Tracker {
  conn!: BenchConn;
  seen: Uint8Array;
  distinct = 0;
  duplicates = 0;
  /** Every message up to this one has arrived. */
  contiguous = 0;
  reconnectedAtUs = 0;
  /** When the last message published before the reconnect arrived (a replayed one, say). */
  lastOldArrivalUs = 0;
  caughtUpAtUs = 0;
  recovering = false;
  /** Roaming: times the connection was lost, and times Socket.IO did not recover the session. */
  downs = 0;
  unrecovered = 0;

  constructor(maxMessages: number) {
    this.seen = new Uint8Array(maxMessages + 2);
  }
}

const state = {
  trackers: [] as Tracker[],
  latency: new Recorder(),
  ackLatency: new Recorder(),
  received: 0,
  dropAtUs: 0,
  /** Per question index: arrival times (µs) of the `question` ev at each player. */
  questionArrivals: new Map<number, number[]>(),
  answers: { sentFirstUs: 0, ackedLastUs: 0, accepted: 0, rejected: 0 },
  finalChoices: [] as number[],
};

function onText(tracker: Tracker, text: string): void {
  const now = nowUs();
  const space = text.indexOf(' ');
  const n = Number(text.slice(0, space));
  const sentUs = Number(text.slice(space + 1, text.indexOf(' ', space + 1)));
  state.received++;
  if (tracker.seen[n]) {
    tracker.duplicates++;
    return;
  }
  tracker.seen[n] = 1;
  tracker.distinct++;
  state.latency.add(now - sentUs);
  while (tracker.seen[tracker.contiguous + 1]) tracker.contiguous++;
  if (!tracker.recovering) return;
  if (!tracker.reconnectedAtUs || sentUs <= tracker.reconnectedAtUs) {
    tracker.lastOldArrivalUs = now;
  } else if (tracker.contiguous >= n) {
    // The first message published after the client was back, with nothing missing before it:
    // the client has been caught up since it was back and the last older message arrived.
    tracker.recovering = false;
    tracker.caughtUpAtUs = Math.max(tracker.reconnectedAtUs, tracker.lastOldArrivalUs);
  }
}

function onRelayFrame(frame: Frame): void {
  if (frame.t !== 'ev') return;
  if (frame.type === 'question') {
    const list = state.questionArrivals.get(frame.data.index) ?? [];
    list.push(nowUs());
    state.questionArrivals.set(frame.data.index, list);
  }
}

async function connect(command: ConnectCommand): Promise<{ connected: number; failed: number }> {
  const made: Tracker[] = [];
  for (let i = 0; i < command.count; i++) {
    const index = command.base + i;
    const tracker = new Tracker(command.maxMessages);
    tracker.conn = createConn(command.kind, {
      url: command.urls ? command.urls[index % command.urls.length] : command.url,
      urls: command.urls,
      roam: command.roam,
      joinRooms: command.joinRooms,
      onDuplicate: () => tracker.duplicates++,
      onDown: () => {
        tracker.downs++;
        tracker.recovering = true;
        tracker.reconnectedAtUs = 0;
        tracker.caughtUpAtUs = 0;
      },
      onBack: (readyAtUs, recovered) => {
        tracker.reconnectedAtUs = readyAtUs;
        if (!recovered) tracker.unrecovered++;
      },
      localAddress: command.localAddresses[index % command.localAddresses.length],
      token:
        command.kind === 'relay'
          ? signToken(
              command.secret,
              { sub: `u${index}`, name: `User ${index}`, role: 'audience', rooms: ['*'] },
              86_400,
            )
          : undefined,
      channels: command.channels,
      onText: (text) => onText(tracker, text),
      onFrame: onRelayFrame,
    });
    made.push(tracker);
  }
  // A few hundred handshakes in flight at once, as a crowd arriving would be.
  let failed = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(200, made.length) }, async () => {
      while (next < made.length) {
        const tracker = made[next++];
        try {
          await tracker.conn.open();
        } catch {
          failed++;
        }
      }
    }),
  );
  state.trackers.push(...made);
  return { connected: made.length - failed, failed };
}

async function drop(jitterMs: number): Promise<void> {
  state.dropAtUs = nowUs();
  for (const tracker of state.trackers) {
    tracker.recovering = true;
    tracker.reconnectedAtUs = 0;
    tracker.lastOldArrivalUs = 0;
    tracker.caughtUpAtUs = 0;
    tracker.conn.drop();
  }
  await Promise.all(
    state.trackers.map(async (tracker) => {
      await sleep(Math.random() * jitterMs);
      await tracker.conn.reconnect();
      tracker.reconnectedAtUs = tracker.conn.readyAtUs;
    }),
  );
}

/**
 * A node is about to go (killed, restarted) at `atUs`: from then on each connection counts as
 * recovering until it holds every message published before it was back (`atUs` for one that
 * was never cut) and gets a newer one with nothing missing.
 */
function arm(atUs: number): void {
  state.dropAtUs = atUs;
  for (const tracker of state.trackers) {
    tracker.recovering = true;
    tracker.reconnectedAtUs = atUs;
    tracker.lastOldArrivalUs = 0;
    tracker.caughtUpAtUs = 0;
  }
}

async function vote(
  pollId: string,
  votes: number,
  spreadMs: number,
  options: number,
): Promise<void> {
  const start = nowUs();
  await Promise.all(
    state.trackers.map(async (tracker) => {
      const conn = tracker.conn as RelayConn;
      const times = Array.from({ length: votes }, () => Math.random() * spreadMs).sort(
        (a, b) => a - b,
      );
      const sends: Promise<Frame>[] = [];
      let choice = 0;
      for (const at of times) {
        const wait = start / 1000 + at - nowUs() / 1000;
        if (wait > 0) await sleep(wait);
        choice = Math.floor(Math.random() * options);
        const sentUs = nowUs();
        sends.push(
          conn.op('bench/poll', 'vote', { pollId, choice }).then((reply) => {
            state.ackLatency.add(nowUs() - sentUs);
            if (reply.t !== 'ack') state.answers.rejected++;
            return reply;
          }),
        );
      }
      await Promise.all(sends);
      state.finalChoices.push(choice);
    }),
  );
}

async function answer(index: number, options: number): Promise<void> {
  await Promise.all(
    state.trackers.map(async (tracker) => {
      const sentUs = nowUs();
      if (!state.answers.sentFirstUs || sentUs < state.answers.sentFirstUs) {
        state.answers.sentFirstUs = sentUs;
      }
      const ack = await (tracker.conn as RelayConn).op('bench/quiz', 'answer', {
        index,
        choice: Math.floor(Math.random() * options),
      });
      const at = nowUs();
      state.ackLatency.add(at - sentUs);
      if (ack.t === 'ack') state.answers.accepted++;
      else state.answers.rejected++;
      state.answers.ackedLastUs = Math.max(state.answers.ackedLastUs, at);
    }),
  );
}

function report(): WorkerReport {
  const caughtUp = state.trackers.map((t) =>
    t.caughtUpAtUs ? t.caughtUpAtUs - state.dropAtUs : -1,
  );
  return {
    connections: state.trackers.length,
    received: state.received,
    messages: wire.messages,
    distinct: state.trackers.map((t) => t.distinct),
    duplicates: state.trackers.reduce((sum, t) => sum + t.duplicates, 0),
    duplicatedConnections: state.trackers.filter((t) => t.duplicates > 0).length,
    latency: state.latency.toJSON(),
    ackLatency: state.ackLatency.toJSON(),
    caughtUpUs: caughtUp,
    readyAtUs: state.trackers.map((t) => t.conn.readyAtUs),
    downs: state.trackers.reduce((sum, t) => sum + t.downs, 0),
    connectionsDown: state.trackers.filter((t) => t.downs > 0).length,
    unrecovered: state.trackers.reduce((sum, t) => sum + t.unrecovered, 0),
    questionArrivals: Object.fromEntries(state.questionArrivals),
    answers: state.answers,
    finalChoices: state.finalChoices,
    cpuUs: process.cpuUsage(),
  };
}

function reset(): void {
  state.latency = new Recorder();
  state.ackLatency = new Recorder();
  state.received = 0;
  wire.messages = 0;
  state.questionArrivals.clear();
  state.answers = { sentFirstUs: 0, ackedLastUs: 0, accepted: 0, rejected: 0 };
  state.finalChoices = [];
  for (const tracker of state.trackers) {
    tracker.duplicates = 0;
  }
}

process.on('message', (message: { id: number; command: Command }) => {
  const { id, command } = message;
  const run = async (): Promise<unknown> => {
    switch (command.cmd) {
      case 'connect':
        return connect(command);
      case 'reset':
        return reset();
      case 'report':
        return report();
      case 'drop':
        return drop(command.jitterMs);
      case 'arm':
        return arm(command.atUs);
      case 'vote':
        return vote(command.pollId, command.votes, command.spreadMs, command.options);
      case 'answer':
        return answer(command.index, command.options);
      case 'close':
        for (const tracker of state.trackers) tracker.conn.close();
        state.trackers = [];
        // Exits on its own (a killed process would not write its `--cpu-prof` profile).
        setTimeout(() => process.exit(0), 100);
        return null;
    }
  };
  run().then(
    (result) => process.send!({ id, result }),
    (error: Error) => process.send!({ id, error: error.stack ?? String(error) }),
  );
});
