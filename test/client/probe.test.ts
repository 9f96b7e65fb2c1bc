/**
 * The client's own heartbeat (docs/protocol-notes.md, "Probe"): on a relay that answers probes,
 * a silent socket is found dead within seconds, not after 2 × heartbeatMs; an old relay that
 * does not say `probe` in its welcome is never probed.
 */
import { strict as assert } from 'node:assert';
import { after, afterEach, before, describe, it } from 'node:test';
import { Connection } from '../../src/connection/connection.js';
import type { ConnectionOptions } from '../../src/connection/types.js';
import { DEFAULT_LIMITS } from '../../src/protocol/index.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';
import { FakeSocket } from './fake-socket.js';
import { recordingSockets } from './recording-socket.js';
import { record, sleep, until } from './wait.js';

const opened: Connection[] = [];
afterEach(() => {
  for (const connection of opened.splice(0)) connection.close();
  FakeSocket.reset();
});

function connect(url: string, options: Partial<ConnectionOptions> = {}) {
  const sockets = recordingSockets();
  const connection = new Connection({
    url,
    WebSocket: sockets.WebSocket,
    storage: { getItem: () => 'probe-test-key-0123456789abcdef', setItem: () => {} },
    minBackoffMs: 20,
    maxBackoffMs: 200,
    ...options,
  });
  opened.push(connection);
  return { connection, sockets };
}

describe('probe', () => {
  let relay: RelayProcess;
  // The relay's own heartbeat is the default 25 s: only the probe can find a dead socket soon.
  before(async () => (relay = await startRelay({ memory: true })));
  after(async () => {
    relay.process.kill('SIGCONT');
    await relay.dispose();
  });

  it('probes a quiet socket and keeps it open while the relay answers', async () => {
    const { connection, sockets } = connect(relay.url, { probeIdleMs: 100, probeTimeoutMs: 400 });
    connection.channel('probe-quiet/chat', {});
    await until(connection.$status, (status) => status === 'open');
    const statuses = record(connection.$status);
    await sleep(800);
    assert.deepEqual(statuses, ['open']);
    assert.equal(sockets.sockets.length, 1);
    const probes = sockets.framesSent('ping');
    assert.ok(probes.length >= 2, `${probes.length} probes`);
    assert.ok(sockets.framesReceived('pong').length >= probes.length - 1);
  });

  it('drops a socket whose relay went silent and reconnects when it is back', async () => {
    const { connection, sockets } = connect(relay.url, {
      probeIdleMs: 200,
      probeTimeoutMs: 300,
      connectTimeoutMs: 500,
    });
    connection.channel('probe-silent/chat', {});
    await until(connection.$status, (status) => status === 'open');
    relay.process.kill('SIGSTOP');
    try {
      // 2 × heartbeatMs is 50 s: waiting far less than that, only the probe can notice.
      await until(connection.$status, (status) => status === 'reconnecting', 5_000);
      assert.ok(sockets.framesSent('ping').length >= 1);
    } finally {
      relay.process.kill('SIGCONT');
    }
    await until(connection.$status, (status) => status === 'open', 5_000);
    assert.ok(sockets.sockets.length >= 2, 'a new socket');
  });
});

describe('probe on a relay that does not answer probes', () => {
  it('is never sent, so an old relay is not left again and again', async () => {
    const connection = new Connection({
      url: 'ws://old-relay.test/live',
      WebSocket: FakeSocket as unknown as typeof globalThis.WebSocket,
      storage: { getItem: () => 'k'.repeat(32), setItem: () => {} },
      probeIdleMs: 50,
      probeTimeoutMs: 50,
    });
    opened.push(connection);
    connection.channel('old/chat', {});
    const socket = FakeSocket.last;
    socket.open();
    socket.receive({
      t: 'welcome',
      session: 's1',
      user: { id: 'anon-1', name: 'Guest', role: 'audience' },
      heartbeatMs: 25_000,
      serverTime: Date.now(),
      limits: DEFAULT_LIMITS,
    });
    await sleep(400);
    assert.equal(socket.framesOf('ping').length, 0);
    assert.equal(connection.$status.get(), 'open');
    assert.equal(FakeSocket.instances.length, 1);
  });
});
