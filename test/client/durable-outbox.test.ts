/**
 * The outbox kept across reloads (issue 12, item 2). Node has no IndexedDB, so these run the
 * memory fallback against a real relay; the browser tests (live-chat.reload.test.ts) run the
 * same path on Chromium's IndexedDB across a real reload.
 */
import { strict as assert } from 'node:assert';
import { after, afterEach, before, describe, it } from 'node:test';
import { Connection } from '../../src/connection/connection.js';
import { DURABLE_OUTBOX_DEFAULTS, DurableOutbox } from '../../src/connection/durable-outbox.js';
import type { ConnectionOptions } from '../../src/connection/types.js';
import type { ChatMessage, EvFrame } from '../../src/protocol/index.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';
import { recordingSockets } from './recording-socket.js';
import { until, waitFor } from './wait.js';

const opened: Connection[] = [];
afterEach(() => {
  for (const connection of opened.splice(0)) connection.close();
});

let keys = 0;
/** One page's anonymous key storage: connections made with it are the same user. */
function pageStorage() {
  const items = new Map([['hubbub:anon-key', `durable-test-key-${keys++}-0123456789abcdef`]]);
  return { getItem: (k: string) => items.get(k) ?? null, setItem: () => {} };
}

function connect(relay: RelayProcess, options: Partial<ConnectionOptions> = {}) {
  const connection = new Connection({
    url: relay.url,
    WebSocket: recordingSockets().WebSocket,
    minBackoffMs: 20,
    maxBackoffMs: 100,
    ...options,
  });
  opened.push(connection);
  return connection;
}

const HOUR = 60 * 60 * 1000;

describe('durable outbox', () => {
  let relay: RelayProcess;
  before(async () => (relay = await startRelay()));
  after(async () => relay.dispose());

  it('gives the next connection of the page the ops left pending, sent with the same mid and processed once', async () => {
    const storage = pageStorage();
    const room = `durable-${Date.now().toString(36)}`;
    await relay.stop();
    const earlier = connect(relay, { storage });
    const first = earlier.op(`${room}/chat`, 'send', { text: 'written before the reload' });
    await earlier.stored();

    const later = connect(relay, { storage });
    later.channel(`${room}/other`, {});
    await waitFor(() => later.$restored.get().length === 1, 5_000, 'restored op');
    const [restored] = later.$restored.get();
    assert.equal(restored!.type, 'send');
    assert.deepEqual(restored!.data, { text: 'written before the reload' });

    await relay.restart();
    const [ackBefore, ackAfter] = await Promise.all([first, restored!.promise]);
    assert.equal(ackBefore.mid, ackAfter.mid);
    assert.equal(ackBefore.seq, ackAfter.seq, 'the same outcome: processed once');
    assert.deepEqual(later.$restored.get(), []);

    const texts: string[] = [];
    later.channel(`${room}/chat`, {
      reset: (snapshot) => {
        for (const m of (snapshot as { messages: ChatMessage[] }).messages) texts.push(m.text);
      },
      event: (ev: EvFrame) => void texts.push((ev.data as ChatMessage).text),
    });
    await waitFor(() => texts.length > 0);
    assert.deepEqual(texts, ['written before the reload']);
  });

  it('forgets the ops of a connection closed by the page', async () => {
    const storage = pageStorage();
    await relay.stop();
    try {
      const closing = connect(relay, { storage });
      closing.op('closed-room/chat', 'send', { text: 'given up' }).catch(() => {});
      await closing.stored();
      closing.close();
      await closing.stored();
      const next = connect(relay, { storage });
      next.channel('closed-room/chat', {});
      await next.stored();
      assert.deepEqual(next.$restored.get(), []);
    } finally {
      await relay.restart();
    }
  });

  it('keeps ops only for their user: another user of the page restores none of them', async () => {
    await relay.stop();
    try {
      const mine = connect(relay, { storage: pageStorage() });
      mine.op('users-room/chat', 'send', { text: 'mine' }).catch(() => {});
      await mine.stored();
      const theirs = connect(relay, {
        storage: pageStorage(),
        token: relay.token({ sub: 'someone-else' }),
      });
      theirs.channel('users-room/chat', {});
      await theirs.stored();
      assert.deepEqual(theirs.$restored.get(), []);
    } finally {
      await relay.restart();
    }
  });

  it('deletes the stored copy of an op once the relay acknowledges it', async () => {
    const storage = pageStorage();
    await relay.stop();
    const earlier = connect(relay, { storage });
    const sent = earlier.op('ack-room/chat', 'send', { text: 'acked later' });
    await earlier.stored();
    await relay.restart();
    await sent;
    await earlier.stored();
    const next = connect(relay, { storage });
    next.channel('ack-room/chat', {});
    await until(next.$status, (status) => status === 'open', 5_000);
    await next.stored();
    assert.deepEqual(next.$restored.get(), [], 'acknowledged ops are no longer stored');
  });
});

describe('DurableOutbox', () => {
  it('drops stored ops older than the history window on load', async () => {
    const outbox = new DurableOutbox(`ws://old.test/live`, { indexedDB: null });
    const now = Date.now();
    outbox.save('user:ada', {
      mid: 'old',
      ch: 'r/chat',
      type: 'send',
      data: {},
      createdAt: now - 25 * HOUR,
    });
    outbox.save('user:ada', {
      mid: 'new',
      ch: 'r/chat',
      type: 'send',
      data: {},
      createdAt: now - HOUR,
    });
    await outbox.flushed();
    assert.deepEqual(
      (await outbox.restore('user:ada', 24 * HOUR)).map((op) => op.mid),
      ['new'],
    );
    await outbox.flushed();
    const again = await outbox.restore('user:ada', 48 * HOUR);
    assert.deepEqual(
      again.map((op) => op.mid),
      ['new'],
      'the old one was deleted',
    );
  });

  it('without IndexedDB, says a pending op is at risk until it is answered', async () => {
    const risk: boolean[] = [];
    const outbox = new DurableOutbox('ws://risk.test/live', {
      indexedDB: null,
      atRisk: (atRisk) => void risk.push(atRisk),
    });
    outbox.save('user:ada', {
      mid: 'm1',
      ch: 'r/chat',
      type: 'send',
      data: {},
      createdAt: Date.now(),
    });
    await outbox.flushed();
    assert.deepEqual(risk, [true]);
    outbox.forget('user:ada', 'm1');
    await outbox.flushed();
    assert.deepEqual(risk, [true, false]);
  });

  it('stores at most maxEntries ops of one user', async () => {
    const outbox = new DurableOutbox('ws://bounded.test/live', { indexedDB: null });
    for (let i = 0; i < DURABLE_OUTBOX_DEFAULTS.maxEntries + 5; i++) {
      outbox.save('user:ada', {
        mid: `m${i}`,
        ch: 'r/chat',
        type: 'send',
        data: {},
        createdAt: Date.now() + i,
      });
    }
    await outbox.flushed();
    const stored = await outbox.restore('user:ada', HOUR);
    assert.equal(stored.length, DURABLE_OUTBOX_DEFAULTS.maxEntries);
    assert.equal(stored[0]!.mid, 'm0', 'oldest first');
  });
});
