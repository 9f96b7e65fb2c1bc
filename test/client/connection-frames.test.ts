/**
 * Frame handling of the Connection, driven frame by frame through FakeSocket: the cases a real
 * relay cannot be made to produce on cue (gaps, batches, exact close codes, a store briefly away).
 */
import { strict as assert } from 'node:assert';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Connection } from '../../src/connection/connection.js';
import { OpError } from '../../src/connection/errors.js';
import type { ConnectionOptions } from '../../src/connection/types.js';
import {
  DEFAULT_LIMITS,
  type EvFrame,
  type Position,
  type WelcomeFrame,
} from '../../src/protocol/index.js';
import { signToken } from '../../server/auth.js';
import { FakeSocket } from './fake-socket.js';
import { sleep, waitFor } from './wait.js';

const CH = 'room1/chat';

function welcome(overrides: Partial<WelcomeFrame> = {}): WelcomeFrame {
  return {
    t: 'welcome',
    session: 's1',
    user: { id: 'anon-1', name: 'Guest', role: 'audience' },
    heartbeatMs: 25_000,
    serverTime: Date.now(),
    limits: DEFAULT_LIMITS,
    ...overrides,
  };
}

function ev(seq: number, ch = CH): EvFrame {
  return { t: 'ev', ch, seq, type: 'message', data: { n: seq }, ts: Date.now() };
}

let connection: Connection;

function connect(options: Partial<ConnectionOptions> = {}): Connection {
  connection = new Connection({
    url: 'ws://relay.test/live',
    WebSocket: FakeSocket as unknown as typeof globalThis.WebSocket,
    minBackoffMs: 1,
    maxBackoffMs: 5,
    storage: { getItem: () => 'k'.repeat(32), setItem: () => {} },
    ...options,
  });
  return connection;
}

/** Opens the current fake socket and welcomes it. */
function openAndWelcome(frame: Partial<WelcomeFrame> = {}): FakeSocket {
  const socket = FakeSocket.last;
  socket.open();
  socket.receive(welcome(frame));
  return socket;
}

/** Answers the last `sub` for `ch` with a reset at `position`. */
function answerSubWithReset(
  socket: FakeSocket,
  position: Position,
  snapshot: unknown = {},
  ch = CH,
): void {
  const sub = socket
    .framesOf('sub')
    .filter((frame) => frame.ch === ch)
    .at(-1)!;
  socket.receive({
    t: 'ok',
    id: sub.id,
    ch,
    epoch: position.epoch,
    seq: position.seq,
    reset: true,
    snapshot,
  });
}

function recorder() {
  const seqs: number[] = [];
  const resets: Array<{ snapshot: unknown; position: Position }> = [];
  return {
    seqs,
    resets,
    listener: {
      reset: (snapshot: unknown, position: Position) => void resets.push({ snapshot, position }),
      event: (frame: EvFrame) => void seqs.push(frame.seq),
    },
  };
}

beforeEach(() => FakeSocket.reset());
afterEach(() => connection?.close());

describe('hello', () => {
  it('opens lazily and says hello with the subprotocol and an anonymous key', () => {
    connect({ anonName: 'Ann' });
    assert.equal(FakeSocket.instances.length, 0);
    connection.channel(CH, {});
    assert.equal(connection.$status.get(), 'connecting');
    const socket = FakeSocket.last;
    assert.equal(socket.protocol, 'hubbub.v1');
    socket.open();
    assert.deepEqual(socket.sent[0], {
      t: 'hello',
      v: 1,
      client: 'hubbub-js/1',
      anon: { key: 'k'.repeat(32), name: 'Ann' },
    });
  });

  it('sends the token instead of an anonymous key, never in the URL', () => {
    connect({ token: 'a.b.c' });
    connection.channel(CH, {});
    const socket = FakeSocket.last;
    socket.open();
    assert.equal(socket.url, 'ws://relay.test/live');
    assert.equal(socket.framesOf('hello')[0].token, 'a.b.c');
    assert.equal(socket.framesOf('hello')[0].anon, undefined);
  });

  it('sends nothing but hello before welcome, then subs', () => {
    connect();
    connection.channel(CH, {});
    const socket = FakeSocket.last;
    socket.open();
    assert.deepEqual(
      socket.sent.map((frame) => frame.t),
      ['hello'],
    );
    socket.receive(welcome());
    assert.deepEqual(
      socket.sent.map((frame) => frame.t),
      ['hello', 'sub'],
    );
    assert.equal(connection.$status.get(), 'open');
    assert.equal(connection.$user.get()?.id, 'anon-1');
  });

  it('estimates the relay clock from welcome.serverTime', () => {
    connect();
    connection.channel(CH, {});
    openAndWelcome({ serverTime: Date.now() + 60_000 });
    assert.ok(Math.abs(connection.serverNow() - (Date.now() + 60_000)) < 100);
  });
});

describe('events', () => {
  it('handles a batch (JSON array) in order', () => {
    connect();
    const { seqs, listener } = recorder();
    connection.channel(CH, listener);
    const socket = openAndWelcome();
    const sub = socket.framesOf('sub')[0];
    socket.receive([
      { t: 'ok', id: sub.id, ch: CH, epoch: 'e1', seq: 0, reset: true, snapshot: {} },
      ev(1),
      ev(2),
      ev(3),
    ]);
    assert.deepEqual(seqs, [1, 2, 3]);
  });

  it('drops an ev at or below the last applied seq', () => {
    connect();
    const { seqs, listener } = recorder();
    connection.channel(CH, listener);
    const socket = openAndWelcome();
    answerSubWithReset(socket, { epoch: 'e1', seq: 5 });
    socket.receive([ev(4), ev(5), ev(6), ev(6), ev(5)]);
    assert.deepEqual(seqs, [6]);
  });

  it('re-subscribes with from on a gap and does not apply the early ev', () => {
    connect();
    const { seqs, listener } = recorder();
    connection.channel(CH, listener);
    const socket = openAndWelcome();
    answerSubWithReset(socket, { epoch: 'e1', seq: 0 });
    socket.receive([ev(1), ev(3)]);
    assert.deepEqual(seqs, [1]);
    const resub = socket.framesOf('sub').at(-1)!;
    assert.deepEqual(resub.from, { epoch: 'e1', seq: 1 });
    // A second gap while the re-sub is in flight sends no other sub.
    socket.receive(ev(4));
    assert.equal(socket.framesOf('sub').length, 2);
    socket.receive([
      { t: 'ok', id: resub.id, ch: CH, epoch: 'e1', seq: 4, replay: 3 },
      ev(2),
      ev(3),
      ev(4),
      ev(5),
    ]);
    assert.deepEqual(seqs, [1, 2, 3, 4, 5]);
  });

  it('calls reset again when the relay answers a resume with reset', () => {
    connect();
    const { seqs, resets, listener } = recorder();
    connection.channel(CH, listener);
    let socket = openAndWelcome();
    answerSubWithReset(socket, { epoch: 'e1', seq: 0 }, { v: 1 });
    socket.receive([ev(1), ev(2)]);
    socket.serverClose(1012);
    return waitFor(() => FakeSocket.instances.length === 2).then(() => {
      socket = openAndWelcome();
      assert.deepEqual(socket.framesOf('sub')[0].from, { epoch: 'e1', seq: 2 });
      answerSubWithReset(socket, { epoch: 'e2', seq: 7 }, { v: 2 });
      socket.receive(ev(8));
      assert.deepEqual(
        resets.map((reset) => reset.position),
        [
          { epoch: 'e1', seq: 0 },
          { epoch: 'e2', seq: 7 },
        ],
      );
      assert.deepEqual(seqs, [1, 2, 8]);
    });
  });
});

describe('shared channel', () => {
  it('sends one sub for two listeners and unsub after the last release', () => {
    connect();
    const a = recorder();
    const b = recorder();
    const releaseA = connection.channel(CH, a.listener);
    const releaseB = connection.channel(CH, b.listener);
    const socket = openAndWelcome();
    assert.equal(socket.framesOf('sub').length, 1);
    answerSubWithReset(socket, { epoch: 'e1', seq: 0 });
    socket.receive(ev(1));
    assert.deepEqual([a.seqs, b.seqs], [[1], [1]]);
    releaseA();
    assert.equal(socket.framesOf('unsub').length, 0);
    releaseB();
    assert.deepEqual(
      socket.framesOf('unsub').map((frame) => frame.ch),
      [CH],
    );
  });

  it('brings a late listener up to date from the cache, without a sub', () => {
    connect();
    const early = recorder();
    connection.channel(CH, early.listener);
    const socket = openAndWelcome();
    answerSubWithReset(socket, { epoch: 'e1', seq: 3 }, { n: 3 });
    socket.receive([ev(4), ev(5)]);
    const late = recorder();
    connection.channel(CH, late.listener);
    assert.equal(socket.framesOf('sub').length, 1);
    assert.deepEqual(late.resets, [{ snapshot: { n: 3 }, position: { epoch: 'e1', seq: 3 } }]);
    assert.deepEqual(late.seqs, [4, 5]);
    socket.receive(ev(6));
    assert.deepEqual(late.seqs, [4, 5, 6]);
    assert.deepEqual(early.seqs, [4, 5, 6]);
  });
});

describe('outbox', () => {
  it('queues ops until welcome and re-sends unacked ones with the same mid, in order', async () => {
    connect();
    const first = connection.op(CH, 'send', { text: 'one' });
    const second = connection.op(CH, 'send', { text: 'two' });
    let socket = FakeSocket.last;
    socket.open();
    assert.equal(socket.framesOf('op').length, 0);
    socket.receive(welcome());
    const sent = socket.framesOf('op');
    assert.deepEqual(
      sent.map((frame) => frame.data),
      [{ text: 'one' }, { text: 'two' }],
    );
    socket.receive({ t: 'ack', id: sent[0].id, mid: sent[0].mid, seq: 1 });
    assert.equal((await first).mid, sent[0].mid);

    socket.serverClose(1001);
    await waitFor(() => FakeSocket.instances.length === 2);
    socket = openAndWelcome({ session: 's1' });
    const resent = socket.framesOf('op');
    assert.deepEqual(
      resent.map((frame) => frame.mid),
      [sent[1].mid],
    );
    socket.receive({ t: 'ack', id: resent[0].id, mid: resent[0].mid });
    assert.equal((await second).mid, sent[1].mid);
    assert.equal(socket.framesOf('hello')[0].session, 's1');
  });

  it('rejects on a final err and keeps the op on a non-final one', async () => {
    connect();
    const refused = connection.op(CH, 'send', { text: '' });
    const retried = connection.op(CH, 'send', { text: 'ok' });
    const socket = openAndWelcome();
    const [a, b] = socket.framesOf('op');
    socket.receive({
      t: 'err',
      id: a.id,
      code: 'invalid',
      message: 'text is empty',
      details: { field: 'text' },
    });
    await assert.rejects(
      refused,
      (error: unknown) => error instanceof OpError && error.code === 'invalid',
    );
    socket.receive({ t: 'err', id: b.id, code: 'internal', message: 'oops', retryAfterMs: 5 });
    await waitFor(() => socket.framesOf('op').length === 3);
    const again = socket.framesOf('op')[2];
    assert.equal(again.mid, b.mid);
    socket.receive({ t: 'ack', id: again.id, mid: again.mid });
    assert.equal((await retried).mid, b.mid);
  });

  it('refuses an op larger than maxFrameBytes without sending it', async () => {
    connect();
    const huge = connection.op(CH, 'send', { text: 'x'.repeat(20_000) });
    await assert.rejects(
      huge,
      (error: unknown) => error instanceof OpError && error.code === 'too_large',
    );
  });
});

describe('close codes', () => {
  it('answers ping with pong', () => {
    connect();
    connection.channel(CH, {});
    const socket = openAndWelcome();
    socket.receive({ t: 'ping' });
    assert.equal(socket.framesOf('pong').length, 1);
  });

  it('stays closed with an error after 1008', async () => {
    connect();
    const pending = connection.op(CH, 'send', { text: 'hi' });
    const socket = openAndWelcome();
    socket.receive({ t: 'err', code: 'forbidden', message: 'too many connections' });
    socket.serverClose(1008);
    assert.equal(connection.$status.get(), 'closed');
    assert.equal(connection.$error.get()?.code, 'forbidden');
    await assert.rejects(
      pending,
      (error: unknown) => error instanceof OpError && error.code === 'forbidden',
    );
    await sleep(30);
    assert.equal(FakeSocket.instances.length, 1);
  });

  for (const code of [1000, 1001, 1006, 1012, 4008]) {
    it(`reconnects after ${code}`, async () => {
      connect();
      connection.channel(CH, {});
      openAndWelcome().serverClose(code);
      assert.equal(connection.$status.get(), 'reconnecting');
      await waitFor(() => FakeSocket.instances.length === 2);
      openAndWelcome();
      assert.equal(connection.$status.get(), 'open');
    });
  }

  it('waits longer after 4429', async () => {
    connect({ minBackoffMs: 10, maxBackoffMs: 400 });
    connection.channel(CH, {});
    openAndWelcome().serverClose(4429);
    await sleep(150);
    assert.equal(FakeSocket.instances.length, 1, 'no reconnect before maxBackoffMs / 2');
    await waitFor(() => FakeSocket.instances.length === 2, 1_000);
  });

  it('treats a silent socket as dead after 2 × heartbeatMs', async () => {
    connect();
    connection.channel(CH, {});
    openAndWelcome({ heartbeatMs: 50 });
    await sleep(60);
    FakeSocket.last.receive({ t: 'ping' });
    await sleep(60);
    assert.equal(FakeSocket.instances.length, 1, 'a ping keeps it alive');
    await waitFor(() => FakeSocket.instances.length === 2, 500);
  });

  it('after 4401 asks for a new token and reconnects only if one came', async () => {
    const tokens = ['good.token.1'];
    let asked = 0;
    connect({
      token: 'bad.token.0',
      refreshToken: () => {
        asked++;
        return tokens.shift();
      },
    });
    connection.channel(CH, {});
    let socket = FakeSocket.last;
    socket.open();
    socket.receive({ t: 'err', code: 'unauthorized', message: 'bad token signature' });
    socket.serverClose(4401);
    assert.equal(connection.$error.get()?.code, 'unauthorized');
    await waitFor(() => FakeSocket.instances.length === 2);
    socket = FakeSocket.last;
    socket.open();
    assert.equal(socket.framesOf('hello')[0].token, 'good.token.1');
    socket.serverClose(4401);
    await waitFor(() => connection.$status.get() === 'closed');
    assert.equal(asked, 2);
    assert.equal(FakeSocket.instances.length, 2);
  });
});

describe('offline', () => {
  it('waits offline while navigator.onLine is false and reconnects on the online event', async () => {
    // Node has neither navigator.onLine nor window events: lend the global both, as a browser has.
    const events = new EventTarget();
    const global = globalThis as unknown as Record<string, unknown>;
    const saved = { navigator: Object.getOwnPropertyDescriptor(globalThis, 'navigator') };
    Object.defineProperty(globalThis, 'navigator', { value: { onLine: true }, configurable: true });
    global.addEventListener = events.addEventListener.bind(events);
    global.removeEventListener = events.removeEventListener.bind(events);
    try {
      connect();
      connection.channel(CH, {});
      const socket = openAndWelcome();
      (globalThis.navigator as { onLine: boolean }).onLine = false;
      events.dispatchEvent(new Event('offline'));
      // Issue 12, item 4: the banner says offline at once, though the socket may survive.
      assert.equal(connection.$status.get(), 'offline', 'offline at once, socket still open');
      socket.receive({ t: 'ping' });
      assert.equal(connection.$status.get(), 'open', 'a frame proves the socket alive');
      events.dispatchEvent(new Event('offline'));
      assert.equal(connection.$status.get(), 'offline');
      socket.serverClose(1006);
      assert.equal(connection.$status.get(), 'offline');
      await sleep(30);
      assert.equal(FakeSocket.instances.length, 1, 'no attempts while offline');
      (globalThis.navigator as { onLine: boolean }).onLine = true;
      events.dispatchEvent(new Event('online'));
      assert.equal(FakeSocket.instances.length, 2);
      openAndWelcome();
      assert.equal(connection.$status.get(), 'open');
    } finally {
      connection.close();
      delete global.addEventListener;
      delete global.removeEventListener;
      if (saved.navigator) Object.defineProperty(globalThis, 'navigator', saved.navigator);
      else delete global.navigator;
    }
  });
});

describe('sub errors', () => {
  it('sends a sub again after retryAfterMs on err internal, and tells the listeners nothing', async () => {
    connect();
    const errors: string[] = [];
    const { resets, listener } = recorder();
    connection.channel(CH, { ...listener, error: (error) => void errors.push(error.code) });
    const socket = openAndWelcome();
    const first = socket.framesOf('sub')[0];
    socket.receive({
      t: 'err',
      id: first.id,
      code: 'internal',
      message: 'store unavailable',
      retryAfterMs: 30,
    });
    await sleep(10);
    assert.equal(socket.framesOf('sub').length, 1, 'not before retryAfterMs');
    await waitFor(() => socket.framesOf('sub').length === 2, 500);
    const again = socket.framesOf('sub')[1];
    assert.equal(again.ch, CH);
    answerSubWithReset(socket, { epoch: 'e1', seq: 0 });
    assert.equal(resets.length, 1);
    assert.deepEqual(errors, []);
  });

  it('does not retry on a socket that is gone: the next welcome sends the sub anyway', async () => {
    connect();
    connection.channel(CH, {});
    const socket = openAndWelcome();
    const sub = socket.framesOf('sub')[0];
    socket.receive({ t: 'err', id: sub.id, code: 'internal', message: 'oops', retryAfterMs: 20 });
    socket.serverClose(1012);
    await waitFor(() => FakeSocket.instances.length === 2);
    const next = openAndWelcome();
    await sleep(50);
    assert.equal(next.framesOf('sub').length, 1);
    assert.equal(socket.framesOf('sub').length, 1);
  });

  it('gives a final err to every listener, and at once to a listener added later', () => {
    connect();
    const early: string[] = [];
    const late: string[] = [];
    connection.channel(CH, { error: (error) => void early.push(error.message) });
    const socket = openAndWelcome();
    const sub = socket.framesOf('sub')[0];
    socket.receive({ t: 'err', id: sub.id, code: 'forbidden', message: 'not for you' });
    assert.deepEqual(early, ['not for you']);
    connection.channel(CH, { error: (error) => void late.push(error.message) });
    assert.deepEqual(late, ['not for you']);
    assert.equal(socket.framesOf('sub').length, 1, 'a refusal stands until something changes');
  });
});

/** A JWT for user u1 with these rooms (the client reads its `sub`, never checks it). */
function token(rooms: string[]): string {
  return signToken('secret', { sub: 'u1', name: 'Uma', role: 'audience', rooms }, 3600);
}

describe('dropped channels', () => {
  /** A channel joined at seq 3, then dropped by the relay with an `err` naming it. */
  function dropped() {
    connect({ token: token(['*']) });
    const errors: string[] = [];
    const got = recorder();
    connection.channel(CH, { ...got.listener, error: (error) => void errors.push(error.code) });
    const socket = openAndWelcome({ user: { id: 'u1', name: 'Uma', role: 'audience' } });
    answerSubWithReset(socket, { epoch: 'e1', seq: 3 }, { n: 3 });
    socket.receive({ t: 'err', code: 'forbidden', ch: CH, message: 'room is signed-in only' });
    return { socket, errors, got };
  }

  it('tells the listeners why, and no late listener gets the old snapshot', () => {
    const { errors } = dropped();
    assert.deepEqual(errors, ['forbidden']);
    assert.equal(connection.$status.get(), 'open', 'the socket and other channels stay');
    const late = recorder();
    const lateErrors: string[] = [];
    connection.channel(CH, {
      ...late.listener,
      error: (error) => void lateErrors.push(error.code),
    });
    assert.deepEqual(late.resets, []);
    assert.deepEqual(lateErrors, ['forbidden']);
  });

  it('joins the channel afresh after a new token for the same user is accepted', () => {
    const { socket, got } = dropped();
    connection.setToken(token(['room1']));
    const auth = socket.framesOf('auth')[0];
    assert.equal(socket.framesOf('sub').length, 1, 'nothing before the relay took the token');
    socket.receive({ t: 'ok', id: auth.id });
    const resub = socket.framesOf('sub')[1];
    assert.equal(resub.ch, CH);
    assert.equal(resub.from, undefined, 'afresh: what was cached is not ours to resume');
    answerSubWithReset(socket, { epoch: 'e1', seq: 5 }, { n: 5 });
    assert.deepEqual(
      got.resets.map((reset) => reset.snapshot),
      [{ n: 3 }, { n: 5 }],
    );
  });

  it('joins the channel afresh on the next socket', async () => {
    const { socket } = dropped();
    socket.serverClose(1012);
    await waitFor(() => FakeSocket.instances.length === 2);
    const next = openAndWelcome({ user: { id: 'u1', name: 'Uma', role: 'audience' } });
    const [resub] = next.framesOf('sub');
    assert.equal(resub.ch, CH);
    assert.equal(resub.from, undefined);
  });
});

describe('presence errors', () => {
  const PRESENCE = 'room1/presence';

  it('sends a presence request again after retryAfterMs on err internal', async () => {
    connect();
    const entered = connection.presence(PRESENCE, 'enter', { status: 'here' });
    const socket = openAndWelcome();
    const first = socket.framesOf('presence')[0];
    socket.receive({ t: 'err', id: first.id, code: 'internal', message: 'oops', retryAfterMs: 20 });
    await waitFor(() => socket.framesOf('presence').length === 2, 500);
    const again = socket.framesOf('presence')[1];
    assert.deepEqual(
      { action: again.action, data: again.data },
      { action: 'enter', data: { status: 'here' } },
    );
    socket.receive({ t: 'ok', id: again.id, ch: PRESENCE, count: 1 });
    assert.equal((await entered).count, 1);
  });

  it('rejects on a final err', async () => {
    connect();
    const updated = connection.presence(PRESENCE, 'update', { status: 'away' });
    const socket = openAndWelcome();
    const [request] = socket.framesOf('presence');
    socket.receive({ t: 'err', id: request.id, code: 'invalid', message: 'enter first' });
    await assert.rejects(
      updated,
      (error: unknown) => error instanceof OpError && error.code === 'invalid',
    );
    await sleep(30);
    assert.equal(socket.framesOf('presence').length, 1);
  });
});
