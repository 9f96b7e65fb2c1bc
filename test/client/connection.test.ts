/**
 * The Connection against a real relay process: status, shared subs, resume across relay kills
 * and restarts, the outbox, heartbeat and token refresh.
 */
import { strict as assert } from 'node:assert';
import { after, afterEach, before, describe, it } from 'node:test';
import { Connection } from '../../src/connection/connection.js';
import { OpError } from '../../src/connection/errors.js';
import type { ConnectionOptions, ChannelListener } from '../../src/connection/types.js';
import type { ChatMessage, EvFrame, Position, PresenceOutFrame } from '../../src/protocol/index.js';
import { signToken } from '../../server/auth.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';
import { madeWithDraws } from './random.js';
import { recordingSockets } from './recording-socket.js';
import { record, sleep, until, waitFor } from './wait.js';

const opened: Connection[] = [];

/** A connection to `relay` through a recording `ws` socket; closed after each test. */
function connect(relay: RelayProcess, options: Partial<ConnectionOptions> = {}) {
  const sockets = recordingSockets();
  const items = new Map<string, string>();
  const connection = new Connection({
    url: relay.url,
    WebSocket: sockets.WebSocket,
    storage: { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) },
    minBackoffMs: 20,
    maxBackoffMs: 200,
    ...options,
  });
  opened.push(connection);
  return { connection, sockets };
}

/** Listens to a channel and keeps what it got, to count seqs. */
function follow(connection: Connection, ch: string) {
  const got = {
    resets: [] as Array<{ snapshot: unknown; position: Position }>,
    evs: [] as EvFrame[],
    get seqs() {
      return got.evs.map((ev) => ev.seq);
    },
    get texts() {
      return got.evs
        .filter((ev) => ev.type === 'message')
        .map((ev) => (ev.data as ChatMessage).text);
    },
  };
  const listener: ChannelListener = {
    reset: (snapshot, position) => void got.resets.push({ snapshot, position }),
    event: (ev) => void got.evs.push(ev),
  };
  const release = connection.channel(ch, listener);
  return Object.assign(got, { release });
}

/** When each status began (`Date.now()`), from now on. */
function statusTimes(connection: Connection) {
  const times: Array<[status: string, at: number]> = [];
  connection.$status.listen((status) => void times.push([status, Date.now()]));
  return times;
}

function assertConsecutive(seqs: number[], from: number, to: number): void {
  assert.deepEqual(
    seqs,
    Array.from({ length: to - from + 1 }, (_, i) => from + i),
  );
}

afterEach(() => {
  for (const connection of opened.splice(0)) connection.close();
});

describe('connect', () => {
  let relay: RelayProcess;
  before(async () => (relay = await startRelay({ memory: true })));
  after(() => relay.dispose());

  it('goes idle → connecting → open, and closed on close()', async () => {
    const { connection, sockets } = connect(relay);
    assert.equal(connection.$status.get(), 'idle');
    const statuses = record(connection.$status);
    connection.channel('lobby/chat', {});
    await until(connection.$status, (status) => status === 'open');
    connection.close();
    assert.deepEqual(statuses, ['idle', 'connecting', 'open', 'closed']);
    assert.equal(sockets.sockets[0].protocol, 'hubbub.v1');
    assert.deepEqual(
      sockets.sent.map((frame) => frame.t),
      ['hello', 'sub'],
    );
  });

  it('is an anonymous audience member with a key kept in storage, or the token user', async () => {
    const anon = connect(relay, { anonName: 'Ann' });
    anon.connection.channel('lobby/chat', {});
    await until(anon.connection.$status, (status) => status === 'open');
    assert.match(anon.connection.$user.get()!.id, /^anon-/);
    assert.equal(anon.connection.$user.get()!.name, 'Ann');
    const hello = anon.sockets.framesSent('hello')[0];
    assert.match(hello.anon!.key, /^[A-Za-z0-9_-]{32}$/);

    const host = connect(relay, { token: relay.token({ sub: 'hana', role: 'host' }) });
    host.connection.channel('lobby/chat', {});
    await until(host.connection.$status, (status) => status === 'open');
    assert.deepEqual(host.connection.$user.get(), { id: 'hana', name: 'hana', role: 'host' });
  });

  it('takes limits and the relay clock from welcome', async () => {
    const { connection, sockets } = connect(relay);
    connection.channel('lobby/chat', {});
    await until(connection.$status, (status) => status === 'open');
    const welcome = sockets.framesReceived('welcome')[0];
    assert.equal(connection.limits.heartbeatMs, welcome.heartbeatMs);
    assert.equal(connection.limits.maxFrameBytes, welcome.limits.maxFrameBytes);
    assert.ok(Math.abs(connection.serverNow() - Date.now()) < 1_000);
  });
});

describe('channels', () => {
  let relay: RelayProcess;
  before(async () => (relay = await startRelay({ memory: true })));
  after(() => relay.dispose());

  it('shares one sub between listeners and unsubs after the last release', async () => {
    const { connection, sockets } = connect(relay);
    const a = follow(connection, 'shared/chat');
    const b = follow(connection, 'shared/chat');
    await waitFor(() => a.resets.length === 1 && b.resets.length === 1);
    await connection.op('shared/chat', 'send', { text: 'hi' });
    await waitFor(() => a.evs.length === 1 && b.evs.length === 1);

    const late = follow(connection, 'shared/chat');
    assert.equal(late.resets.length, 1, 'the late listener is reset from the cache');
    assert.deepEqual(late.texts, ['hi']);
    assert.equal(sockets.framesSent('sub').length, 1);

    a.release();
    b.release();
    assert.equal(sockets.framesSent('unsub').length, 0);
    late.release();
    await waitFor(() => sockets.framesSent('unsub').length === 1);
    assert.equal(sockets.framesSent('unsub')[0].ch, 'shared/chat');
  });

  it('gives a refused sub to the listener as an OpError', async () => {
    const { connection } = connect(relay);
    const errors: string[] = [];
    connection.channel('lobby/nosuchfeature', { error: (error) => void errors.push(error.code) });
    await waitFor(() => errors.length === 1);
  });
});

describe('reconnect', () => {
  let relay: RelayProcess;
  before(async () => (relay = await startRelay({ args: ['--rate-limits', 'off'] })));
  after(() => relay.dispose());

  it('resumes after the relay is killed and restarted: no event lost, none twice', async () => {
    const ch = 'resume/chat';
    const writer = connect(relay);
    const reader = connect(relay, { minBackoffMs: 20, maxBackoffMs: 50 });
    const got = follow(reader.connection, ch);
    await waitFor(() => got.resets.length === 1);
    for (let i = 1; i <= 10; i++) await writer.connection.op(ch, 'send', { text: `before ${i}` });
    await waitFor(() => got.evs.length === 10);

    const statuses = record(reader.connection.$status);
    await relay.stop('SIGKILL');
    await until(reader.connection.$status, (status) => status === 'reconnecting');
    reader.sockets.blocked = true; // the reader comes back only after the writer has written more
    await relay.restart();
    for (let i = 1; i <= 10; i++)
      await writer.connection.op(ch, 'send', { text: `while away ${i}` });
    const oksBefore = reader.sockets.framesReceived('ok').filter((ok) => ok.ch === ch).length;
    reader.sockets.blocked = false;
    await until(reader.connection.$status, (status) => status === 'open', 10_000);
    // The resume is answered before more is written: `open` comes with `welcome`, ahead of the
    // `ok` of the sub, so a send right away could land inside the replay.
    await waitFor(
      () => reader.sockets.framesReceived('ok').filter((ok) => ok.ch === ch).length > oksBefore,
    );
    for (let i = 1; i <= 5; i++) await writer.connection.op(ch, 'send', { text: `after ${i}` });
    await waitFor(() => got.evs.length >= 25);
    await sleep(100);

    assertConsecutive(got.seqs, 1, 25);
    assert.equal(got.resets.length, 1, 'resumed, not reset');
    const resumeOk = reader.sockets
      .framesReceived('ok')
      .filter((ok) => ok.ch === ch)
      .at(-1)!;
    assert.equal(resumeOk.replay, 10);
    assert.deepEqual(reader.sockets.framesSent('sub').at(-1)!.from, {
      epoch: got.resets[0].position.epoch,
      seq: 10,
    });
    assert.ok(statuses.includes('reconnecting'));
    assert.equal(statuses.at(-1), 'open');
  });

  it('keeps the session across a reconnect', async () => {
    const { connection, sockets } = connect(relay);
    connection.channel('session/chat', {});
    await until(connection.$status, (status) => status === 'open');
    const session = connection.session;
    await relay.stop('SIGKILL');
    await until(connection.$status, (status) => status === 'reconnecting');
    await relay.restart();
    await until(connection.$status, (status) => status === 'open', 10_000);
    assert.equal(sockets.framesSent('hello').at(-1)!.session, session);
  });

  it('delivers an op made while the relay is down exactly once after it is back', async () => {
    const ch = 'outbox/chat';
    const writer = connect(relay);
    const reader = connect(relay);
    const got = follow(reader.connection, ch);
    writer.connection.channel(ch, {});
    await until(writer.connection.$status, (status) => status === 'open');
    await waitFor(() => got.resets.length === 1);

    await relay.stop('SIGKILL');
    const acked = writer.connection.op(ch, 'send', { text: 'written offline' });
    await sleep(300); // several reconnect attempts, each refused
    await relay.restart();
    const ack = await acked;
    await waitFor(() => got.texts.includes('written offline'), 10_000);
    await sleep(200);
    assert.deepEqual(got.texts, ['written offline']);
    const sends = writer.sockets.framesSent('op');
    assert.ok(sends.length >= 1 && sends.every((op) => op.mid === ack.mid));
  });

  it('delivers an op sent just before a kill exactly once, whether or not the relay saw it', async () => {
    const ch = 'racing/chat';
    const writer = connect(relay);
    const reader = connect(relay);
    const got = follow(reader.connection, ch);
    writer.connection.channel(ch, {});
    await until(writer.connection.$status, (status) => status === 'open');
    await waitFor(() => got.resets.length === 1);

    const first = writer.connection.op(ch, 'send', { text: 'one' });
    const second = writer.connection.op(ch, 'send', { text: 'two' });
    setImmediate(() => void relay.stop('SIGKILL'));
    await sleep(50);
    await relay.restart();
    const [one, two] = await Promise.all([first, second]);
    await waitFor(() => got.texts.length >= 2, 10_000);
    await sleep(200);
    assert.deepEqual(got.texts, ['one', 'two']);
    assertConsecutive(got.seqs, 1, 2);
    assert.notEqual(one.mid, two.mid);
  });

  it('resets with a fresh snapshot when a relay without persistence restarts (new epoch)', async () => {
    const memory = await startRelay({ memory: true });
    try {
      const writer = connect(memory);
      const reader = connect(memory);
      const got = follow(reader.connection, 'epoch/chat');
      await waitFor(() => got.resets.length === 1);
      await writer.connection.op('epoch/chat', 'send', { text: 'old world' });
      await waitFor(() => got.evs.length === 1);
      await memory.stop('SIGKILL');
      await memory.restart();
      await waitFor(() => got.resets.length === 2, 10_000);
      const [first, second] = got.resets;
      assert.notEqual(second.position.epoch, first.position.epoch);
      assert.equal(second.position.seq, 0);
      assert.deepEqual((second.snapshot as { messages: unknown[] }).messages, []);
      await writer.connection.op('epoch/chat', 'send', { text: 'new world' });
      await waitFor(() => got.evs.length === 2);
      assert.deepEqual(got.seqs, [1, 1]);
    } finally {
      await memory.dispose();
    }
  });

  it('reconnects after a graceful relay shutdown (1012)', async () => {
    const { connection } = connect(relay);
    const got = follow(connection, 'graceful/chat');
    await waitFor(() => got.resets.length === 1);
    const statuses = record(connection.$status);
    await relay.stop('SIGTERM');
    await until(connection.$status, (status) => status === 'reconnecting');
    await relay.restart();
    await until(connection.$status, (status) => status === 'open', 10_000);
    assert.equal(got.resets.length, 1);
    assert.deepEqual(statuses.slice(0, 2), ['open', 'reconnecting']);
  });
});

describe('presence', () => {
  let relay: RelayProcess;
  before(
    async () =>
      (relay = await startRelay({ memory: true, args: ['--presence-interval-ms', '20'] })),
  );
  after(() => relay.dispose());

  it('enters, and enters again by itself when a reconnect brings a new session', async () => {
    const ch = 'stage/presence';
    const member = connect(relay, { anonName: 'Mia' });
    const watcher = connect(relay);
    const frames: PresenceOutFrame[] = [];
    watcher.connection.channel(ch, { presence: (frame) => void frames.push(frame) });
    const ok = await member.connection.presence(ch, 'enter', { status: 'watching' });
    assert.equal(ok.t, 'ok');
    const memberId = member.connection.$user.get()!.id;
    const joined = () =>
      frames.some((frame) =>
        [...(frame.members ?? []), ...(frame.join ?? [])].some((m) => m.id === memberId),
      );
    await waitFor(joined);
    assert.equal(member.sockets.framesSent('presence').length, 1);

    await relay.stop('SIGKILL');
    await relay.restart();
    frames.length = 0;
    await until(member.connection.$status, (status) => status === 'open', 10_000);
    await waitFor(joined, 5_000);
    const enters = member.sockets.framesSent('presence');
    assert.equal(enters.length, 2);
    assert.deepEqual(enters[1].data, { status: 'watching' });
  });
});

describe('heartbeat', () => {
  let relay: RelayProcess;
  before(async () => (relay = await startRelay({ memory: true, args: ['--heartbeat-ms', '200'] })));
  after(async () => {
    relay.process.kill('SIGCONT');
    await relay.dispose();
  });

  it('answers pings and keeps one socket open through quiet time', async () => {
    const { connection, sockets } = connect(relay);
    connection.channel('quiet/chat', {});
    await until(connection.$status, (status) => status === 'open');
    const statuses = record(connection.$status);
    await sleep(1_500);
    assert.deepEqual(statuses, ['open']);
    assert.equal(sockets.sockets.length, 1);
    assert.ok(sockets.framesReceived('ping').length >= 3);
    assert.equal(sockets.framesSent('pong').length, sockets.framesReceived('ping').length);
  });

  it('treats a relay that went silent as dead and reconnects when it answers again', async () => {
    const { connection } = connect(relay, { connectTimeoutMs: 500 });
    const got = follow(connection, 'silent/chat');
    await waitFor(() => got.resets.length === 1);
    relay.process.kill('SIGSTOP');
    const stoppedAt = Date.now();
    try {
      await until(connection.$status, (status) => status === 'reconnecting', 2_000);
      const detectedMs = Date.now() - stoppedAt;
      assert.ok(detectedMs >= 350 && detectedMs < 1_500, `detected after ${detectedMs} ms`);
    } finally {
      relay.process.kill('SIGCONT');
    }
    await until(connection.$status, (status) => status === 'open', 5_000);
    assert.equal(got.resets.length, 1, 'resumed with from');
  });

  it('gives up on an attempt that is not welcomed within connectTimeoutMs, and tries again', async () => {
    relay.process.kill('SIGSTOP'); // the kernel still accepts the TCP connection; nobody answers
    const { connection, sockets } = connect(relay, { connectTimeoutMs: 300 });
    try {
      connection.channel('stuck/chat', {});
      assert.equal(connection.$status.get(), 'connecting');
      await until(connection.$status, (status) => status === 'reconnecting', 2_000);
      await waitFor(() => sockets.sockets.length >= 2, 2_000);
    } finally {
      relay.process.kill('SIGCONT');
    }
    await until(connection.$status, (status) => status === 'open', 5_000);
  });
});

describe('token', () => {
  let relay: RelayProcess;
  before(async () => (relay = await startRelay({ memory: true })));
  after(() => relay.dispose());

  it('after a refused token (close 4401) asks refreshToken and reconnects with the new one', async () => {
    const badToken = signToken('not-the-relay-secret', {
      sub: 'alice',
      name: 'Alice',
      role: 'audience',
      rooms: ['*'],
    });
    let calls = 0;
    const { connection } = connect(relay, {
      token: badToken,
      refreshToken: () => {
        calls++;
        return relay.token({ sub: 'alice', name: 'Alice' });
      },
    });
    const errors = record(connection.$error);
    connection.channel('vip/chat', {});
    await until(connection.$status, (status) => status === 'open', 5_000);
    assert.equal(calls, 1);
    assert.equal(connection.$user.get()?.id, 'alice');
    assert.ok(errors.some((error) => error?.code === 'unauthorized'));
    assert.equal(connection.$error.get(), null, 'cleared by the welcome');
  });

  it('stays closed with the error when refreshToken has nothing', async () => {
    const badToken = signToken('not-the-relay-secret', {
      sub: 'bob',
      role: 'audience',
      rooms: ['*'],
    });
    const { connection, sockets } = connect(relay, {
      token: badToken,
      refreshToken: async () => undefined,
    });
    connection.channel('vip/chat', {});
    await until(connection.$status, (status) => status === 'closed');
    assert.equal(connection.$error.get()?.code, 'unauthorized');
    await sleep(200);
    assert.equal(sockets.sockets.length, 1);

    connection.setToken(relay.token({ sub: 'bob' }));
    await until(connection.$status, (status) => status === 'open');
    assert.equal(connection.$user.get()?.id, 'bob');
  });

  it('switches user on a new socket when given a token for someone else', async () => {
    const { connection, sockets } = connect(relay, { anonName: 'Dee' });
    connection.channel('vip/chat', {});
    await until(connection.$status, (status) => status === 'open');
    assert.match(connection.$user.get()!.id, /^anon-/);
    connection.setToken(relay.token({ sub: 'dave', name: 'Dave' }));
    await until(connection.$user, (user) => user?.id === 'dave');
    assert.equal(connection.$status.get(), 'open');
    assert.equal(sockets.framesSent('auth').length, 0);
    assert.equal(sockets.framesSent('hello').length, 2);
    assert.equal(
      sockets.framesSent('sub').length,
      2,
      'the channel is joined again on the new socket',
    );
  });

  it('hears a channel dropped when a refreshed token loses its room, and joins it again with a token that grants it', async () => {
    const token = (rooms: string[]) => relay.token({ sub: 'erin', rooms });
    const { connection, sockets } = connect(relay, { token: token(['*']) });
    const errors: string[] = [];
    const got = follow(connection, 'backstage/chat');
    connection.channel('backstage/chat', { error: (error) => void errors.push(error.message) });
    await waitFor(() => got.resets.length === 1);

    connection.setToken(token(['lobby']));
    await waitFor(() => errors.length === 1).catch((e) => {
      console.log(
        JSON.stringify(sockets.received.slice(-5)),
        JSON.stringify(sockets.sent.slice(-3)),
      );
      throw e;
    });
    assert.equal(errors[0], 'this token does not grant room backstage');
    assert.equal(connection.$status.get(), 'open');

    connection.setToken(token(['lobby', 'backstage']));
    await waitFor(() => got.resets.length === 2);
    assert.equal(errors.length, 1, 'no sub was sent with the token that lost the room');
    assert.equal(sockets.framesSent('sub').length, 2);
    assert.equal(sockets.framesSent('auth').length, 2);
    assert.equal(sockets.sockets.length, 1, 'the same socket all along');
    await connection.op('backstage/chat', 'send', { text: 'back' });
    await waitFor(() => got.texts.includes('back'));
  });

  it('refreshes a token before it expires and sends it as auth on the open socket', async () => {
    // exp 62 s away: the refresh is due 60 s before it, so in about 2 s.
    const shortLived = signToken(
      relay.secret,
      { sub: 'carol', role: 'audience', rooms: ['*'] },
      62,
    );
    const fresh = relay.token({ sub: 'carol' });
    const { connection, sockets } = connect(relay, {
      token: shortLived,
      refreshToken: () => fresh,
    });
    connection.channel('vip/chat', {});
    await until(connection.$status, (status) => status === 'open');
    await waitFor(() => sockets.framesSent('auth').length === 1, 5_000);
    const auth = sockets.framesSent('auth')[0];
    assert.equal(auth.token, fresh);
    await waitFor(() => sockets.received.some((frame) => 'id' in frame && frame.id === auth.id));
    const answer = sockets.received.find((frame) => 'id' in frame && frame.id === auth.id)!;
    assert.equal(answer.t, 'ok');
    assert.equal(connection.$status.get(), 'open');
    assert.equal(sockets.sockets.length, 1);
  });
});

describe('policy close', () => {
  let relay: RelayProcess;
  before(
    async () =>
      (relay = await startRelay({ memory: true, args: ['--max-connections-per-ip', '1'] })),
  );
  after(() => relay.dispose());

  it('stays closed after 1008 and reports why', async () => {
    const first = connect(relay);
    first.connection.channel('full/chat', {});
    await until(first.connection.$status, (status) => status === 'open');
    const second = connect(relay);
    const refused = assert.rejects(
      second.connection.op('full/chat', 'send', { text: 'hi' }),
      OpError,
    );
    await until(second.connection.$status, (status) => status === 'closed');
    assert.equal(second.connection.$error.get()?.code, 'forbidden');
    await refused;
    await sleep(200);
    assert.equal(second.sockets.sockets.length, 1, 'no reconnect');
  });
});

describe('backoff', () => {
  let relay: RelayProcess;
  before(async () => (relay = await startRelay({ memory: true })));
  after(() => relay.dispose());

  /** A connection whose every backoff delay is drawn at its ceiling (minBackoffMs × 2ⁿ). */
  function connectAtCeiling(options: Partial<ConnectionOptions>) {
    return madeWithDraws([0], () => connect(relay, options));
  }

  it('starts over after a successful resume, even when the socket before lived under 5 s', async () => {
    const { connection, sockets } = connectAtCeiling({ minBackoffMs: 200, maxBackoffMs: 6_400 });
    follow(connection, 'bo/chat');
    await waitFor(() => sockets.framesReceived('ok').length === 1, 5_000, 'the sub answered');
    // The relay is unreachable for a while: four failed connects grow the backoff (200 → 1 600).
    sockets.blocked = true;
    sockets.sockets[0].terminate();
    await waitFor(() => sockets.sockets.length >= 5, 5_000, 'four failed connects');
    sockets.blocked = false;
    await until(connection.$status, (status) => status === 'open', 5_000);
    await waitFor(() => sockets.framesReceived('ok').length >= 2, 2_000, 'the re-sub answered');

    // A short-lived socket drops again: without the reset the next delay would be 6 400 ms.
    const times = statusTimes(connection);
    const made = sockets.sockets.length;
    sockets.sockets.at(-1)!.terminate();
    await until(connection.$status, (status) => status === 'reconnecting');
    await until(connection.$status, (status) => status === 'open', 5_000);
    const droppedAt = times.find(([status]) => status === 'reconnecting')![1];
    assert.equal(sockets.sockets.length, made + 1, 'one attempt, welcomed');
    assert.ok(sockets.madeAt[made] - droppedAt < 1_500, 'reconnected after the first delay');
  });

  it('comes back at once after 1012, and a failed come-back backs off from the start', async () => {
    // Every backoff delay here is 2 s or more; the come-back waits 500 ms at most.
    const { connection, sockets } = connectAtCeiling({ minBackoffMs: 2_000, maxBackoffMs: 16_000 });
    follow(connection, 'cy/chat');
    await until(connection.$status, (status) => status === 'open');
    const times = statusTimes(connection);
    await relay.restart();
    await until(connection.$status, (status) => status === 'open', 10_000);
    assert.equal(sockets.closeCodes[0], 1012);
    const droppedAt = times.find(([status]) => status === 'reconnecting')![1];
    assert.ok(sockets.madeAt[1] - droppedAt < 700, 'the first attempt went at once');
    // If the relay was not back for the come-back, the next delay is the first (2 s), not grown.
    for (let i = 2; i < sockets.madeAt.length; i++) {
      const gap = sockets.madeAt[i] - sockets.madeAt[i - 1];
      assert.ok(gap < 2_000 * 2 ** (i - 2) + 500, `attempt ${i} came after ${gap} ms`);
    }
  });
});
