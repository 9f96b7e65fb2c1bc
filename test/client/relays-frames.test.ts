/**
 * Where a Connection with several relay URLs goes, and when, driven close by close through
 * FakeSocket: the close codes and timeouts a real relay cannot be made to give on cue. The same
 * moves against real relays are in relays.test.ts.
 */
import { strict as assert } from 'node:assert';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Connection } from '../../src/connection/connection.js';
import { RelayRound, relayListKey, relayUrls } from '../../src/connection/relays.js';
import type { ConnectionOptions } from '../../src/connection/types.js';
import { DEFAULT_LIMITS, type WelcomeFrame } from '../../src/protocol/index.js';
import { FakeSocket } from './fake-socket.js';
import { drawFor, madeWithDraws } from './random.js';
import { sleep, waitFor } from './wait.js';

const A = 'ws://a.test/live';
const B = 'ws://b.test/live';
const C = 'ws://c.test/live';

/** A move "at once" waits at most the jitter (50 ms); a pause here is the backoff, 10 s or more. */
const AT_ONCE_MS = 200;
/** A come-back after 1001 or 1012 waits at most its jitter (500 ms). */
const COME_BACK_MS = 700;

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

let connection: Connection | undefined;

/** A connection to `server` that starts on `start` and draws every backoff at its ceiling. */
function connect(server: string, start: string, options: Partial<ConnectionOptions> = {}) {
  connection = madeWithDraws(
    [drawFor(server, start)],
    () =>
      new Connection({
        url: server,
        WebSocket: FakeSocket as unknown as typeof globalThis.WebSocket,
        minBackoffMs: 10_000,
        maxBackoffMs: 20_000,
        storage: { getItem: () => 'k'.repeat(32), setItem: () => {} },
        ...options,
      }),
  );
  connection.channel('room1/chat', {});
  return connection;
}

/** Opens the newest socket and welcomes it. */
function openAndWelcome(frame: Partial<WelcomeFrame> = {}): FakeSocket {
  const socket = FakeSocket.last;
  socket.open();
  socket.receive(welcome(frame));
  return socket;
}

/** Waits for socket number `count` and returns its URL. */
async function nextSocketUrl(count: number, withinMs = AT_ONCE_MS): Promise<string> {
  await waitFor(() => FakeSocket.instances.length >= count, withinMs, `socket ${count}`);
  return FakeSocket.last.url;
}

/** Asserts that no new socket is made for a while: the connection is backing off. */
async function assertPausing(count: number): Promise<void> {
  await sleep(AT_ONCE_MS);
  assert.equal(FakeSocket.instances.length, count, 'no attempt before the backoff');
  assert.equal(connection!.$status.get(), 'reconnecting');
}

beforeEach(() => FakeSocket.reset());
afterEach(() => connection?.close());

describe('relay list', () => {
  it('is the same for the same URLs in any order or spacing', () => {
    assert.deepEqual(relayUrls(`  ${B}\n${A}  ${B} `), [A, B]);
    assert.equal(relayListKey(`${B}   ${A}`), `${A} ${B}`);
    assert.equal(relayListKey(A), A);
    assert.equal(relayListKey('  '), '');
    assert.equal(relayListKey(undefined), '');
  });

  it('never keeps a parameter named for a token in a URL (PROTOCOL.md: a token never travels in a URL)', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln';
    assert.deepEqual(relayUrls(`${A}?token=${jwt} ${B}?v=2&ACCESS_TOKEN=x&jwt&room=r`), [
      A,
      `${B}?v=2&room=r`,
    ]);
    // A JWT under another name is the relay's to refuse (400: test/server/http.test.ts).
    assert.deepEqual(relayUrls(`${A}?v=2&tokens=3`), [`${A}?v=2&tokens=3`], 'other queries stay');
    connect(`${A}?token=${jwt}`, A);
    assert.equal(FakeSocket.last.url, A);
  });

  it('gives the connection its URLs and the relay it is on', () => {
    connect(`${B} ${A}`, B);
    assert.equal(connection!.url, `${A} ${B}`);
    assert.deepEqual(connection!.urls, [A, B]);
    assert.equal(connection!.$relay.get(), B);
    assert.equal(FakeSocket.last.url, B);
  });

  it('refuses a list without a URL', () => {
    assert.throws(() => new Connection({ url: ' ' }), /no relay URL/);
  });
});

describe('RelayRound', () => {
  it('starts on a random URL', () => {
    assert.equal(new RelayRound([A, B, C], () => 0).current, A);
    assert.equal(new RelayRound([A, B, C], () => 0.5).current, B);
    assert.equal(new RelayRound([A, B, C], () => 0.999_999).current, C);
  });

  it('moves at once until every URL is tried, then pauses and starts a new round', () => {
    const round = new RelayRound([A, B, C], () => 0);
    assert.deepEqual([round.next(), round.current], ['now', B]);
    assert.deepEqual([round.next(), round.current], ['now', C]);
    assert.deepEqual([round.next(), round.current], ['pause', A]);
    assert.deepEqual([round.next(), round.current], ['now', B]);
  });

  it('starts a new round from a relay that welcomed us', () => {
    const round = new RelayRound([A, B, C], () => 0);
    round.next(); // A failed: B
    round.welcomed();
    round.stable(); // so that the bound on moves in a row does not apply
    assert.deepEqual([round.next(), round.current], ['now', C]);
    assert.deepEqual([round.next(), round.current], ['now', A]);
    assert.deepEqual([round.next(), round.current], ['pause', B]);
  });

  it('pauses after length − 1 moves in a row until a socket proves stable (relays that welcome and drop)', () => {
    const round = new RelayRound([A, B], () => 0);
    assert.equal(round.next(), 'now');
    round.welcomed(); // ...and dropped at once
    assert.equal(round.next(), 'pause');
    round.welcomed();
    round.stable();
    assert.equal(round.next(), 'now');
  });

  it('always pauses with one URL', () => {
    const round = new RelayRound([A]);
    assert.deepEqual([round.next(), round.current], ['pause', A]);
    round.welcomed();
    round.stable();
    assert.deepEqual([round.next(), round.current], ['pause', A]);
  });
});

describe('moves between relays', () => {
  for (const code of [1001, 1012, 1013]) {
    it(`moves to the next relay at once after ${code}`, async () => {
      connect(`${A} ${B}`, A);
      openAndWelcome().serverClose(code);
      assert.equal(connection!.$status.get(), 'reconnecting');
      assert.equal(connection!.$relay.get(), B);
      assert.equal(await nextSocketUrl(2, code === 1013 ? AT_ONCE_MS : COME_BACK_MS), B);
      openAndWelcome();
      assert.equal(connection!.$status.get(), 'open');
    });
  }

  for (const code of [1000, 1006, 1009, 4008]) {
    it(`stays on its relay and backs off after ${code} on a welcomed socket`, async () => {
      connect(`${A} ${B}`, A);
      openAndWelcome().serverClose(code);
      await assertPausing(1);
      assert.equal(connection!.$relay.get(), A);
    });
  }

  it('treats a close before welcome as a failed connect and moves on', async () => {
    connect(`${A} ${B}`, A);
    FakeSocket.last.serverClose(1006); // refused: no open, just the close
    assert.equal(await nextSocketUrl(2), B);
    FakeSocket.last.open();
    FakeSocket.last.serverClose(1013); // full: closed after the upgrade, before welcome
    assert.equal(connection!.$relay.get(), A);
    await assertPausing(2);
  });

  it('moves on when a connect is not welcomed within connectTimeoutMs', async () => {
    connect(`${A} ${B}`, A, { connectTimeoutMs: 30 });
    FakeSocket.last.open(); // hello sent, no welcome
    assert.equal(await nextSocketUrl(2, 30 + AT_ONCE_MS), B);
  });

  it('moves on when the heartbeat dies', async () => {
    connect(`${A} ${B}`, A);
    openAndWelcome({ heartbeatMs: 20 });
    assert.equal(await nextSocketUrl(2, 100 + AT_ONCE_MS), B);
  });

  it('backs off once every relay has failed, then starts a new round', async () => {
    connect(`${A} ${B} ${C}`, B, { minBackoffMs: 300, maxBackoffMs: 300 });
    FakeSocket.last.serverClose(1006);
    assert.equal(await nextSocketUrl(2), C);
    FakeSocket.last.serverClose(1006);
    assert.equal(await nextSocketUrl(3), A);
    FakeSocket.last.serverClose(1006);
    await assertPausing(3);
    assert.equal(await nextSocketUrl(4, 300), B);
    // A welcome starts a new round from B: its 1012 moves on at once again.
    openAndWelcome().serverClose(1012);
    assert.equal(await nextSocketUrl(5, COME_BACK_MS), C);
  });

  it('pauses rather than cycle relays that welcome and drop at once', async () => {
    connect(`${A} ${B}`, A);
    openAndWelcome().serverClose(1012);
    assert.equal(await nextSocketUrl(2, COME_BACK_MS), B);
    openAndWelcome().serverClose(1012);
    await assertPausing(2);
  });

  it('with one relay, comes back at once after 1001 or 1012 once, then backs off', async () => {
    connect(A, A);
    openAndWelcome().serverClose(1012);
    assert.equal(await nextSocketUrl(2, COME_BACK_MS), A);
    openAndWelcome().serverClose(1001); // again before the socket proved stable
    await assertPausing(2);
    connection!.close();
    FakeSocket.reset();
    connect(A, A);
    openAndWelcome().serverClose(1001);
    assert.equal(await nextSocketUrl(2, COME_BACK_MS), A);
  });

  it('with one relay, waits for the backoff after 1013, as before', async () => {
    connect(A, A);
    openAndWelcome().serverClose(1013);
    await assertPausing(1);
    connection!.close();
    FakeSocket.reset();
    connect(A, A);
    FakeSocket.last.open();
    FakeSocket.last.serverClose(1013);
    await assertPausing(1);
  });
});
