/**
 * A Connection given several relay URLs (PROTOCOL.md, "Many relays"), against real relay
 * processes: it moves to the next relay at once on a restart (1012), a refused connect or a full
 * relay (1013, `--max-connections`), and backs off only once every relay of the list has
 * refused.
 *
 * Two memory relays are two services as far as history goes (their epochs differ), so a move
 * between them ends in a `reset`: enough to test where the connection goes and when. Relays that
 * share one Redis are one service: there a move resumes with a replay.
 */
import { strict as assert } from 'node:assert';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { Connection } from '../../src/connection/connection.js';
import type { ConnectionOptions } from '../../src/connection/types.js';
import type { ChatMessage, ChatSnapshot, Position } from '../../src/protocol/index.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';
import { drawFor, madeWithDraws } from './random.js';
import { recordingSockets } from './recording-socket.js';
import { until, waitFor } from './wait.js';

/**
 * Every backoff here is 1 s or more, and every backoff draw is its ceiling (see connect()): a
 * reconnect within MOVED_WITHIN_MS can only be a move at once (at most 50 ms of jitter).
 */
const MIN_BACKOFF_MS = 1_000;
const MOVED_WITHIN_MS = 300;

const opened: Connection[] = [];
afterEach(() => {
  for (const connection of opened.splice(0)) connection.close();
});

/**
 * A connection to the relay list `url` through recording `ws` sockets, starting on `start`, whose
 * every backoff delay is its ceiling (see random.ts).
 */
function connect(url: string, start: string, options: Partial<ConnectionOptions> = {}) {
  const sockets = recordingSockets();
  const items = new Map<string, string>();
  const connection = madeWithDraws(
    [drawFor(url, start)],
    () =>
      new Connection({
        url,
        WebSocket: sockets.WebSocket,
        storage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) },
        minBackoffMs: MIN_BACKOFF_MS,
        maxBackoffMs: 4 * MIN_BACKOFF_MS,
        ...options,
      }),
  );
  assert.equal(connection.$relay.get(), start);
  opened.push(connection);
  return { connection, sockets };
}

/** Listens to a chat channel: its reset positions, and the texts it shows now. */
function follow(connection: Connection, ch: string) {
  const got = { resets: [] as Position[], texts: [] as string[] };
  connection.channel(ch, {
    reset(snapshot, position) {
      got.resets.push(position);
      got.texts = (snapshot as ChatSnapshot).messages.map((message) => message.text);
    },
    event: (ev) => void got.texts.push((ev.data as ChatMessage).text),
  });
  return got;
}

/** `ws://127.0.0.1:PORT/live` on a loopback port nothing listens on: connects are refused. */
async function refusedUrl(): Promise<string> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `ws://127.0.0.1:${port}/live`;
}

describe('several relays', () => {
  let relayA: RelayProcess;
  let relayB: RelayProcess;
  before(async () => {
    [relayA, relayB] = await Promise.all([
      startRelay({ memory: true }),
      startRelay({ memory: true }),
    ]);
  });
  after(() => Promise.all([relayA.dispose(), relayB.dispose()]));

  it('moves to the other relay at once when its relay restarts (1012), with its channels and outbox', async () => {
    const ch = 'moving/chat';
    const { connection, sockets } = connect(`${relayA.url} ${relayB.url}`, relayA.url);
    const got = follow(connection, ch);
    await waitFor(() => got.resets.length === 1);
    await connection.op(ch, 'send', { text: 'on A' });
    await waitFor(() => got.texts.length === 1);

    let leftAt = 0;
    let pending: Promise<unknown> | undefined;
    connection.$status.listen((status) => {
      if (status !== 'reconnecting' || leftAt) return;
      leftAt = Date.now();
      // Made while between relays: it waits in the outbox and goes out on B.
      pending = connection.op(ch, 'send', { text: 'made while moving' });
    });
    const stopped = relayA.stop('SIGTERM');
    try {
      await until(connection.$status, (status) => status === 'open' && leftAt > 0, 5_000);
      assert.equal(sockets.sockets.length, 2);
      const movedMs = sockets.madeAt[1] - leftAt;
      assert.ok(movedMs < MOVED_WITHIN_MS, `moved after ${movedMs} ms`);
      assert.equal(sockets.sockets[1].url, relayB.url);
      assert.equal(connection.$relay.get(), relayB.url);

      await pending;
      await waitFor(() => got.texts.includes('made while moving'));
      assert.deepEqual(sockets.framesSent('sub').at(-1)!.from, {
        epoch: got.resets[0].epoch,
        seq: 1,
      });
      assert.equal(got.resets.length, 2, "B's epoch is another: the channel is reset");
      assert.notEqual(got.resets[1].epoch, got.resets[0].epoch);
      assert.deepEqual(got.texts, ['made while moving'], "B's history, not A's");
    } finally {
      await stopped;
      await relayA.restart();
    }
  });

  it('skips a relay that refuses the connection and lands on the other at once', async () => {
    const refused = await refusedUrl();
    const { connection, sockets } = connect(`${refused} ${relayA.url}`, refused);
    follow(connection, 'skipping/chat');
    await until(connection.$status, (status) => status === 'open');
    assert.deepEqual(
      sockets.sockets.map((socket) => socket.url),
      [refused, relayA.url],
    );
    const movedMs = sockets.madeAt[1] - sockets.madeAt[0];
    assert.ok(movedMs < MOVED_WITHIN_MS, `moved after ${movedMs} ms`);
    assert.equal(connection.$relay.get(), relayA.url);
  });

  it('moves on at once from a relay that is full (1013)', async () => {
    const full = await startRelay({ memory: true, args: ['--max-connections', '1'] });
    try {
      const first = connect(full.url, full.url);
      first.connection.channel('full/chat', {});
      await until(first.connection.$status, (status) => status === 'open');

      const { connection, sockets } = connect(`${full.url} ${relayA.url}`, full.url);
      connection.channel('full/chat', {});
      await until(connection.$status, (status) => status === 'open');
      assert.deepEqual(
        sockets.sockets.map((socket) => socket.url),
        [full.url, relayA.url],
      );
      assert.equal(sockets.closeCodes[0], 1013);
      const movedMs = sockets.madeAt[1] - sockets.madeAt[0];
      assert.ok(movedMs < MOVED_WITHIN_MS, `moved after ${movedMs} ms`);
    } finally {
      await full.dispose();
    }
  });

  it('backs off between rounds once every relay has refused, and connects when one is back', async () => {
    const [p, q] = [await refusedUrl(), await refusedUrl()];
    const { connection, sockets } = connect(`${p} ${q}`, p, { minBackoffMs: 100 });
    connection.channel('nowhere/chat', {});
    await waitFor(() => sockets.sockets.length === 6, 5_000);
    assert.equal(connection.$status.get(), 'reconnecting');
    // Each round tries p then q at once, then waits: 100 ms, then 200 ms (the ceilings).
    assert.deepEqual(
      sockets.sockets.map((socket) => socket.url),
      [p, q, p, q, p, q],
    );
    const gaps = sockets.madeAt.slice(1).map((at, i) => at - sockets.madeAt[i]);
    const [first, pause1, second, pause2, third] = gaps;
    for (const atOnce of [first, second, third]) {
      assert.ok(atOnce < 80, `gaps ${gaps}: a move within a round waits at most the jitter`);
    }
    assert.ok(pause1 >= 95 && pause1 < 250, `gaps ${gaps}: first pause ~100 ms`);
    assert.ok(pause2 >= 195 && pause2 < 400, `gaps ${gaps}: second pause ~200 ms`);

    const back = await startRelay({ memory: true, port: Number(new URL(q).port) });
    try {
      await until(connection.$status, (status) => status === 'open', 10_000);
      assert.equal(connection.$relay.get(), q);
    } finally {
      await back.dispose();
    }
  });
});

describe('several relays of one service (one Redis)', () => {
  let redis: RedisServer;
  let relayA: RelayProcess;
  let relayB: RelayProcess;
  before(async () => {
    redis = await startRedis();
    [relayA, relayB] = await Promise.all([
      startRelay({ args: ['--redis', redis.url] }),
      startRelay({ args: ['--redis', redis.url] }),
    ]);
  });
  after(async () => {
    await Promise.all([relayA.dispose(), relayB.dispose()]);
    await redis.dispose();
  });

  it('resumes on the other relay after a restart (1012): a replay, no reset, nothing twice', async () => {
    const ch = 'roaming/chat';
    const { connection, sockets } = connect(`${relayA.url} ${relayB.url}`, relayA.url);
    const got = follow(connection, ch);
    await waitFor(() => got.resets.length === 1);
    for (const text of ['one', 'two']) await connection.op(ch, 'send', { text });
    await waitFor(() => got.texts.length === 2);

    const writer = connect(relayB.url, relayB.url).connection;
    const stopped = relayA.stop('SIGTERM');
    try {
      await until(connection.$status, (status) => status === 'reconnecting', 5_000);
      await writer.op(ch, 'send', { text: 'while moving' });
      const moved = connection.op(ch, 'send', { text: 'made while moving' });
      await until(connection.$status, (status) => status === 'open', 5_000);
      assert.equal(connection.$relay.get(), relayB.url);
      await moved;
      await waitFor(() => got.texts.length === 4);
      assert.deepEqual(got.texts, ['one', 'two', 'while moving', 'made while moving']);
      assert.equal(got.resets.length, 1, 'resumed, not reset');
      const resumed = sockets
        .framesReceived('ok')
        .find((ok) => ok.ch === ch && ok.replay !== undefined);
      assert.ok(resumed, 'the sub with from was answered with a replay');
      assert.equal(sockets.framesSent('sub').at(-1)!.from!.epoch, got.resets[0].epoch);
    } finally {
      await stopped;
      await relayA.restart();
    }
  });
});
