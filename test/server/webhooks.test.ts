/**
 * Webhooks (issue 15, item 2): every event type the operator subscribes to reaches a real HTTP
 * receiver, signed with the endpoint's secret; a failing receiver gets the same delivery again
 * (same `Hubbub-Delivery`) with backoff until it answers 2xx; what is owed survives a relay
 * restart; two relays of one cluster deliver each event once; `/metrics` shows the failures.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { verifyWebhook, WebhookError } from '../../server/backend/index.js';
import { assertAck, isEv } from '../helpers/frames.js';
import { eventually } from '../helpers/probes.js';
import { ClientPool } from '../helpers/raw-client.js';
import { startReceiver, type Receiver } from '../helpers/receiver.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';

const SECRET = 'whsec-test-0123456789';
const API_KEY = 'webhooks-api-key-0123456789';

/** A config file sending every event to `url`, retrying fast. */
function configFile(dir: string, url: string, extra: Record<string, unknown> = {}): string {
  const file = join(dir, 'config.json');
  writeFileSync(
    file,
    JSON.stringify({
      presenceGraceMs: 200,
      webhooks: {
        endpoints: [{ url, secret: SECRET, events: ['*'], name: 'backend' }],
        retryBaseMs: 100,
        retryMaxMs: 400,
        timeoutMs: 2_000,
        ...extra,
      },
    }),
  );
  return file;
}

/**
 * The delivery verifies with the backend helper's `verifyWebhook` (what `hubbub-relay/client`
 * exports), the one signature implementation the relay signs with; another secret fails.
 */
function assertSigned(received: Receiver['received'][number]) {
  const header = String(received.headers['hubbub-signature']);
  assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
  const verified = verifyWebhook(SECRET, received.headers, received.body);
  assert.equal(verified.delivery, received.headers['hubbub-delivery']);
  assert.equal(verified.payload.id, (JSON.parse(received.body) as { id: string }).id);
  assert.throws(
    () => verifyWebhook('another-secret-0123', received.headers, received.body),
    WebhookError,
  );
}

describe('webhooks', () => {
  let receiver: Receiver;
  let relay: RelayProcess;
  let clients: ClientPool;
  const dir = mkdtempSync(join(tmpdir(), 'hubbub-hooks-'));
  let rooms = 0;

  before(async () => {
    receiver = await startReceiver();
    relay = await startRelay({
      args: ['--config', configFile(dir, receiver.url)],
      env: { HUBBUB_API_KEY: API_KEY },
    });
    clients = new ClientPool(() => relay.url);
  });
  after(async () => {
    clients.closeAll();
    await relay.dispose();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const joinAs = (sub: string, role: 'host' | 'audience' = 'audience') =>
    clients.join({ token: relay.token({ sub, name: sub, role }) });
  const types = (room: string) =>
    receiver
      .of(room)
      .filter((r) => r.status === 200)
      .map((r) => r.json.type);

  test('a message reaches the receiver signed, and a failed delivery is retried with the same id', async () => {
    const room = `hooks-${++rooms}`;
    receiver.answer = ({ body, attempt }) =>
      JSON.parse(body).room === room && attempt < 3 ? 503 : 200;
    const ada = await joinAs('ada');
    const ack = assertAck(await ada.op(`${room}/chat`, 'send', { text: '=1+1 "hi", there' }));
    await eventually(() => receiver.of(room).some((r) => r.status === 200), 'a delivery accepted');
    const tries = receiver.of(room);
    assert.deepEqual(
      tries.map((r) => r.status),
      [503, 503, 200],
      'two failures, then the one that succeeds',
    );
    const ids = new Set(tries.map((r) => r.headers['hubbub-delivery']));
    assert.equal(ids.size, 1, 'one delivery id across the retries');
    assert.equal(new Set(tries.map((r) => r.body)).size, 1, 'the same body each time');
    for (const attempt of tries) assertSigned(attempt);
    const { json } = tries[2];
    assert.equal(json.type, 'message');
    assert.equal(json.room, room);
    assert.match(json.id, /^evt_/);
    assert.equal(typeof json.at, 'number');
    assert.deepEqual(
      { id: json.data.id, text: json.data.text, user: json.data.user.id },
      { id: (ack.data as { id: string }).id, text: '=1+1 "hi", there', user: 'ada' },
    );

    const metrics = await (await fetch(`${relay.httpUrl}/metrics`)).text();
    assert.match(
      metrics,
      /hubbub_webhook_deliveries_total\{endpoint="backend",result="failed"\} [1-9]/,
    );
    assert.match(
      metrics,
      /hubbub_webhook_deliveries_total\{endpoint="backend",result="ok"\} [1-9]/,
    );
    assert.match(
      metrics,
      /hubbub_webhook_last_failure_timestamp_seconds\{endpoint="backend"\} \d{10}/,
    );
    assert.match(metrics, /hubbub_webhook_last_failure_status\{endpoint="backend"\} 503/);
    assert.match(metrics, /hubbub_webhook_queue_depth \d+/);

    // The same facts for the operator through the API: the server key only, never the secret.
    const status = await fetch(`${relay.httpUrl}/api/v1/webhooks`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    assert.equal(status.status, 200);
    const text = await status.text();
    assert.ok(!text.includes(SECRET), 'no secret in the answer');
    const listed = JSON.parse(text) as {
      configured: boolean;
      queued: number;
      endpoints: {
        name: string;
        url: string;
        events: string[];
        queued: number;
        lastFailures: { status: number; delivery: string }[];
      }[];
    };
    assert.equal(listed.configured, true);
    assert.equal(typeof listed.queued, 'number');
    assert.deepEqual(
      listed.endpoints.map((e) => [e.name, e.url, e.events, typeof e.queued]),
      [['backend', receiver.url, ['*'], 'number']],
    );
    const failures = listed.endpoints[0].lastFailures.filter((f) => f.delivery === [...ids][0]);
    assert.deepEqual(
      failures.map((f) => f.status),
      [503, 503],
      'both failed attempts of the delivery, newest first',
    );
    const host = relay.token({ sub: 'host', role: 'host' });
    const refused = await fetch(`${relay.httpUrl}/api/v1/webhooks`, {
      headers: { authorization: `Bearer ${host}` },
    });
    assert.equal(refused.status, 403, 'a host token is not the operator');
    await refused.body?.cancel();
  });

  test('every event type of a room reaches the receiver, each once', async () => {
    receiver.answer = () => 200;
    const room = `hooks-${++rooms}`;
    const host = await joinAs(`host-${room}`, 'host');
    const bob = await joinAs(`bob-${room}`);
    await bob.sub(`${room}/presence`);
    assert.equal((await bob.presence(`${room}/presence`, 'enter')).t, 'ok');
    await eventually(() => types(room).includes('room.first_viewer'), 'first viewer');

    const sent = assertAck(await bob.op(`${room}/chat`, 'send', { text: 'hello' }));
    const messageId = (sent.data as { id: string }).id;
    assertAck(await host.op(`${room}/chat`, 'delete', { id: messageId }));
    assertAck(await host.op(`${room}/chat`, 'timeout', { userId: `troll-${room}`, seconds: 60 }));

    const created = assertAck(
      await host.op(`${room}/poll`, 'create', {
        question: 'Tea?',
        options: ['yes', 'no'],
        kind: 'single',
      }),
    );
    const pollId = (created.data as { pollId: string }).pollId;
    assertAck(await host.op(`${room}/poll`, 'open', { pollId }));
    const voter = await joinAs(`carol-${room}`);
    assertAck(await voter.op(`${room}/poll`, 'vote', { pollId, choice: 1 }));
    assertAck(await host.op(`${room}/poll`, 'close', { pollId }));

    await host.sub(`${room}/quiz`);
    assertAck(
      await host.op(`${room}/quiz`, 'load', {
        questions: [{ text: '2+2?', options: ['3', '4'], correct: 1, timeLimitMs: 10_000 }],
      }),
    );
    assertAck(await host.op(`${room}/quiz`, 'next', {}));
    assertAck(await voter.op(`${room}/quiz`, 'answer', { index: 0, choice: 1 }));
    assertAck(await host.op(`${room}/quiz`, 'end', {}));

    const asked = assertAck(await voter.op(`${room}/qa`, 'ask', { text: 'When is the break?' }));
    const questionId = (asked.data as { id: string }).id;
    assertAck(await host.op(`${room}/qa`, 'answer', { id: questionId }));

    assert.equal((await bob.presence(`${room}/presence`, 'leave')).t, 'ok');
    await eventually(() => types(room).includes('room.empty'), 'room empty');
    // Deliveries run side by side: they may arrive in another order than their events.
    assert.deepEqual(
      types(room).sort(),
      [
        'room.first_viewer',
        'message',
        'message.deleted',
        'user.banned',
        'poll.opened',
        'poll.closed',
        'quiz.ended',
        'question.asked',
        'question.answered',
        'room.empty',
      ].sort(),
    );
    const by = (type: string) => receiver.of(room).find((r) => r.json.type === type)!.json.data;
    assert.deepEqual(by('message.deleted').id, messageId);
    assert.equal(by('user.banned').userId, `troll-${room}`);
    assert.ok(by('user.banned').until > Date.now());
    assert.deepEqual(by('poll.opened').poll.status, 'open');
    const closed = by('poll.closed').poll;
    assert.deepEqual(
      {
        question: closed.question,
        status: closed.status,
        counts: closed.counts,
        total: closed.total,
      },
      { question: 'Tea?', status: 'closed', counts: [0, 1], total: 1 },
      'the final results',
    );
    const ended = by('quiz.ended');
    assert.equal(ended.players, 1);
    assert.deepEqual(
      ended.top.map((p: { userId: string; rank: number }) => [p.userId, p.rank]),
      [[`carol-${room}`, 1]],
    );
    assert.ok(ended.top[0].score > 0);
    assert.deepEqual(
      { id: by('question.asked').id, text: by('question.asked').text },
      { id: questionId, text: 'When is the break?' },
    );
    assert.equal(by('question.answered').id, questionId);
    assert.equal(by('room.first_viewer').count, 1);
    for (const r of receiver.of(room)) assertSigned(r);
    const eventIds = receiver.of(room).map((r) => r.json.id);
    assert.equal(new Set(eventIds).size, eventIds.length, 'each event has its own id');
  });

  test('a receiver that never answers is cut at the timeout and tried again; the room goes on', async () => {
    const room = `hooks-${++rooms}`;
    receiver.answer = ({ body, attempt }) =>
      JSON.parse(body).room === room && attempt === 1 ? 0 : 200;
    const ada = await joinAs(`ada-${room}`);
    await ada.sub(`${room}/chat`);
    assertAck(await ada.op(`${room}/chat`, 'send', { text: 'first' }));
    await eventually(() => receiver.of(room).length === 1, 'the first attempt, left hanging');
    // While the receiver holds that attempt, the room is served as ever.
    assertAck(await ada.op(`${room}/chat`, 'send', { text: 'second' }));
    await eventually(
      () => receiver.of(room).filter((r) => r.status === 200).length === 2,
      'both delivered',
    );
    const first = receiver.of(room).filter((r) => r.json.data.text === 'first');
    assert.deepEqual(
      first.map((r) => r.status),
      [0, 200],
      'cut, then sent again',
    );
    assert.equal(first[0].headers['hubbub-delivery'], first[1].headers['hubbub-delivery']);
  });

  test('an endpoint gets only the event types it subscribed to', async () => {
    const other = await startReceiver();
    const dir2 = mkdtempSync(join(tmpdir(), 'hubbub-hooks-'));
    const file = join(dir2, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({
        webhooks: [{ url: other.url, secret: SECRET, events: ['question.asked'] }],
      }),
    );
    const only = await startRelay({ args: ['--config', file] });
    const pool = new ClientPool(() => only.url);
    try {
      const ada = await pool.join({ token: only.token({ sub: 'ada' }) });
      assertAck(await ada.op('only/chat', 'send', { text: 'not sent to the backend' }));
      assertAck(await ada.op('only/qa', 'ask', { text: 'Sent?' }));
      await eventually(() => other.received.length > 0, 'the question');
      await ada.op('only/chat', 'send', { text: 'a marker' });
      assertAck(await ada.op('only/qa', 'ask', { text: 'Last?' }));
      await eventually(() => other.received.length > 1, 'the second question');
      assert.deepEqual(
        other.received.map((r) => [r.json.type, r.json.data.text]),
        [
          ['question.asked', 'Sent?'],
          ['question.asked', 'Last?'],
        ],
      );
    } finally {
      pool.closeAll();
      await only.dispose();
      await other.close();
      rmSync(dir2, { recursive: true, force: true });
    }
  });
});

/**
 * A relay whose one webhook endpoint is a fresh receiver, set by `HUBBUB_WEBHOOK_*` variables
 * (`events`: `HUBBUB_WEBHOOK_EVENTS`); `run` gets them and a client pool, then all stop.
 */
async function withEnvEndpoint(
  events: string,
  run: (receiver: Receiver, relay: RelayProcess, pool: ClientPool) => Promise<void>,
): Promise<void> {
  const receiver = await startReceiver();
  const relay = await startRelay({
    memory: true,
    env: {
      HUBBUB_WEBHOOK_URL: receiver.url,
      HUBBUB_WEBHOOK_SECRET: SECRET,
      HUBBUB_WEBHOOK_EVENTS: events,
    },
  });
  const pool = new ClientPool(() => relay.url);
  try {
    await run(receiver, relay, pool);
  } finally {
    pool.closeAll();
    await relay.dispose();
    await receiver.close();
  }
}

describe('webhooks config', () => {
  test('one endpoint from the environment', async () => {
    await withEnvEndpoint('message', async (receiver, relay, pool) => {
      const ada = await pool.join({ token: relay.token({ sub: 'ada' }) });
      assertAck(await ada.op('env/qa', 'ask', { text: 'not subscribed' }));
      assertAck(await ada.op('env/chat', 'send', { text: 'from the env' }));
      await eventually(() => receiver.received.length > 0, 'the message');
      assert.deepEqual(
        receiver.received.map((r) => [r.json.type, r.json.data.text]),
        [['message', 'from the env']],
      );
      assertSigned(receiver.received[0]);
    });
  });

  test('an empty HUBBUB_WEBHOOK_EVENTS is unset, as every empty variable is: all events', async () => {
    await withEnvEndpoint('', async (receiver, relay, pool) => {
      const ada = await pool.join({ token: relay.token({ sub: 'ada' }) });
      assertAck(await ada.op('env-all/qa', 'ask', { text: 'asked' }));
      await eventually(
        () => receiver.received.some((r) => r.json.type === 'question.asked'),
        'the question',
      );
    });
  });

  test('a bad endpoint stops the start with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubbub-hooks-'));
    const file = join(dir, 'config.json');
    try {
      for (const [webhooks, reason] of [
        [[{ url: 'ftp://x.example/', secret: SECRET }], /http or https only/],
        [[{ url: 'https://x.example/', secret: 'short' }], /at least 16 characters/],
        [[{ url: 'https://x.example/', secret: SECRET, events: ['mesage'] }], /events/],
        [{ endpoints: [], retries: 3 }, /unknown setting retries/],
      ] as const) {
        writeFileSync(file, JSON.stringify({ webhooks }));
        const child = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            fileURLToPath(new URL('../../server/cli.ts', import.meta.url)),
            '--memory',
            '--port',
            '0',
            '--config',
            file,
          ],
          {
            cwd: fileURLToPath(new URL('../..', import.meta.url)),
            env: { ...process.env, HUBBUB_SECRET: 'x' },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        const code = await new Promise((resolve) => child.on('exit', resolve));
        assert.equal(code, 2, stderr);
        assert.match(stderr, reason);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('webhooks across a restart', () => {
  test('a delivery still owed when the relay stops is sent after the restart, with its id', async () => {
    const receiver = await startReceiver();
    const dir = mkdtempSync(join(tmpdir(), 'hubbub-hooks-'));
    let failing = true;
    receiver.answer = () => (failing ? 500 : 200);
    const relay = await startRelay({
      args: ['--config', configFile(dir, receiver.url, { retryBaseMs: 300, retryMaxMs: 300 })],
    });
    const pool = new ClientPool(() => relay.url);
    try {
      const ada = await pool.join({ token: relay.token({ sub: 'ada' }) });
      assertAck(await ada.op('restart/chat', 'send', { text: 'kept' }));
      await eventually(() => receiver.received.length >= 1, 'a first, failed attempt');
      pool.closeAll();
      await relay.stop('SIGKILL');
      const attemptsBefore = receiver.received.length;
      failing = false;
      await relay.restart();
      await eventually(() => receiver.received.some((r) => r.status === 200), 'the delivery');
      assert.ok(receiver.received.length > attemptsBefore, 'attempted again after the restart');
      const ids = new Set(receiver.received.map((r) => r.headers['hubbub-delivery']));
      assert.equal(ids.size, 1, 'the same delivery, by its id');
      assert.equal(receiver.received.at(-1)!.json.data.text, 'kept');
      assertSigned(receiver.received.at(-1)!);
    } finally {
      pool.closeAll();
      await relay.dispose();
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('webhooks to a hung endpoint and a healthy one', () => {
  test('an endpoint that never answers does not hold up another', async () => {
    const hung = await startReceiver();
    hung.answer = () => 0;
    const healthy = await startReceiver();
    const dir = mkdtempSync(join(tmpdir(), 'hubbub-hooks-'));
    const file = join(dir, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({
        webhooks: {
          endpoints: [
            { url: hung.url, secret: SECRET, events: ['message'], name: 'hung' },
            { url: healthy.url, secret: SECRET, events: ['message'], name: 'healthy' },
          ],
          // A hung attempt holds its slot for a minute: longer than the wait below.
          timeoutMs: 60_000,
        },
      }),
    );
    const relay = await startRelay({ args: ['--config', file] });
    const pool = new ClientPool(() => relay.url);
    try {
      const host = await pool.join({ token: relay.token({ sub: 'host', role: 'host' }) });
      // More messages than attempts may be in flight at once (8).
      for (let i = 0; i < 20; i++) {
        assertAck(await host.op('two-hooks/chat', 'send', { text: `m${i}` }));
      }
      await eventually(
        () => new Set(healthy.received.map((r) => r.json.data.text)).size === 20,
        'every message at the healthy endpoint',
      );
    } finally {
      pool.closeAll();
      await relay.dispose();
      await hung.close();
      await healthy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('webhooks across a graceful stop', () => {
  test('an attempt cut by SIGTERM is owed again at once after the restart, not after its lease', async () => {
    const receiver = await startReceiver();
    const dir = mkdtempSync(join(tmpdir(), 'hubbub-hooks-'));
    let hung = true;
    // A hung receiver: the attempt is in flight when the relay stops.
    receiver.answer = () => (hung ? 0 : 200);
    // The attempt's lease is its timeout plus a second: a minute, longer than the wait below.
    const relay = await startRelay({
      args: ['--config', configFile(dir, receiver.url, { timeoutMs: 60_000 })],
    });
    const pool = new ClientPool(() => relay.url);
    try {
      const ada = await pool.join({ token: relay.token({ sub: 'ada' }) });
      assertAck(await ada.op('graceful/chat', 'send', { text: 'in flight' }));
      await eventually(
        () => receiver.of('graceful').some((r) => r.json.type === 'message'),
        'the attempt in flight',
      );
      pool.closeAll();
      assert.equal(await relay.stop('SIGTERM'), 0);
      hung = false;
      await relay.restart();
      await eventually(
        () => receiver.of('graceful').some((r) => r.json.type === 'message' && r.status === 200),
        'the delivery, sent again after the restart',
      );
      const ids = new Set(
        receiver
          .of('graceful')
          .filter((r) => r.json.type === 'message')
          .map((r) => r.headers['hubbub-delivery']),
      );
      assert.equal(ids.size, 1, 'the same delivery, by its id');
    } finally {
      pool.closeAll();
      await relay.dispose();
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function queueDepth(relay: RelayProcess): Promise<number> {
  const metrics = await (await fetch(`${relay.httpUrl}/metrics`)).text();
  return Number(/^hubbub_webhook_queue_depth (\d+)/m.exec(metrics)?.[1] ?? NaN);
}

describe('webhooks in a cluster', () => {
  let redis: RedisServer;
  let receiver: Receiver;
  const relays: RelayProcess[] = [];
  const dirs: string[] = [];
  const pool = new ClientPool(() => relays[0].url);

  before(async () => {
    redis = await startRedis();
    receiver = await startReceiver();
    for (let i = 0; i < 2; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'hubbub-hooks-'));
      dirs.push(dir);
      relays.push(
        await startRelay({
          dataDir: dir,
          args: ['--redis', redis.url, '--config', configFile(dir, receiver.url)],
        }),
      );
    }
  });
  after(async () => {
    pool.closeAll();
    for (const relay of relays) await relay.dispose();
    await redis?.dispose();
    await receiver?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  test('two relays on one Redis deliver each event once', async () => {
    const room = `cluster-${Date.now().toString(36)}`;
    const [a, b] = await Promise.all(
      relays.map((relay, i) =>
        pool.join({ token: relay.token({ sub: `user-${i}` }) }, { url: relay.url }),
      ),
    );
    await a.sub(`${room}/chat`);
    await b.sub(`${room}/chat`);
    for (let i = 0; i < 10; i++) {
      assertAck(await (i % 2 ? a : b).op(`${room}/chat`, 'send', { text: `m${i}` }));
    }
    await a.collect(isEv(`${room}/chat`, 'message'), 10);
    // Each delivery is queued before its op is acknowledged: once both queues are empty,
    // everything either relay would ever send has been sent.
    await eventually(async () => {
      const depths = await Promise.all(relays.map(queueDepth));
      return depths.every((depth) => depth === 0) && receiver.of(room).length >= 10;
    }, 'ten deliveries and empty queues');
    const texts = receiver
      .of(room)
      .map((r) => r.json.data.text)
      .sort();
    assert.deepEqual(texts, ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9']);
  });
});
