/**
 * Limits (PROTOCOL.md: Transport; Decisions on details: Heartbeat, Rate limits, Signals, Text):
 * rate limits per user and per connection, floods, signals, heartbeat, slow consumers and
 * connections per IP.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { newMid, sleep, type Frame, type RawClient } from '../helpers/raw-client.js';
import type { RelayProcess } from '../helpers/relay.js';
import { withRelay } from '../helpers/fresh-relay.js';
import type { Role } from '../../src/protocol/index.js';

/** One relay for a describe block, with a fresh pool of clients per test. */
function useRelay(args: string[], memory = false) {
  const { relay, clients } = withRelay({ args, memory });
  const ctx = { relay, clients, n: 0 };
  return {
    ctx,
    /** A new user for this test (per-user limits never carry over). */
    join(name: string, role: Role = 'audience') {
      return ctx.clients.join({ token: ctx.relay.token({ sub: `${name}-${ctx.n}`, name, role }) });
    },
    /** Another connection of the same user. */
    again(client: RawClient & { welcome: Frame }) {
      const { id, name, role } = client.welcome.user;
      return ctx.clients.join({ token: ctx.relay.token({ sub: id, name, role }) });
    },
    channel() {
      return `limits-${++ctx.n}/chat`;
    },
  };
}

/** Open sockets, as the relay counts them. */
async function connections(relay: RelayProcess): Promise<number> {
  const response = await fetch(`${relay.httpUrl}/healthz`);
  return ((await response.json()) as { connections: number }).connections;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Sends `count` ops at once, without waiting, and resolves with their answers in order. */
function burst(client: RawClient, ch: string, count: number, type = 'delete'): Promise<Frame[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      client.op(ch, type, type === 'send' ? { text: `burst ${i}` } : { id: `missing-${i}` }),
    ),
  );
}

/** The signals `client` received before the `ev` of the message with `text`. */
async function signalsBefore(client: RawClient, ch: string, text: string): Promise<Frame[]> {
  const ev = await client.next((f) => f.t === 'ev' && f.ch === ch && f.data.text === text);
  return client.frames.slice(0, client.frames.indexOf(ev)).filter((f) => f.t === 'signal');
}

describe('rate limits', () => {
  const r = useRelay([]);

  /** A sender and a reader, both subscribed to a fresh channel. */
  async function trio() {
    const ch = r.channel();
    const sender = await r.join('typist');
    const reader = await r.join('reader');
    await sender.sub(ch);
    await reader.sub(ch);
    return { ch, sender, reader };
  }

  describe('chat send', () => {
    test('20 per 30 s per user, then rate_limited with retryAfterMs', async () => {
      const ch = r.channel();
      const client = await r.join('chatty');
      for (let i = 1; i <= 20; i++) {
        assert.equal((await client.op(ch, 'send', { text: `${i}` })).t, 'ack', `send ${i}`);
      }
      const refused = await client.op(ch, 'send', { text: 'twenty-one' });
      assert.equal(refused.t, 'err');
      assert.equal(refused.code, 'rate_limited');
      assert.equal(typeof refused.retryAfterMs, 'number');
      assert.ok(
        refused.retryAfterMs > 0 && refused.retryAfterMs <= 30_000,
        `${refused.retryAfterMs}`,
      );
    });

    test('a send after retryAfterMs is accepted', async () => {
      const ch = r.channel();
      const client = await r.join('patient');
      await burst(client, ch, 20, 'send');
      const refused = await client.op(ch, 'send', { text: 'too soon' });
      assert.equal(refused.code, 'rate_limited');
      await sleep(refused.retryAfterMs + 100);
      assert.equal((await client.op(ch, 'send', { text: 'in time' })).t, 'ack');
    });

    test('the limit is per user: another connection of the user is limited too', async () => {
      const ch = r.channel();
      const first = await r.join('twin');
      const answers = await burst(first, ch, 20, 'send');
      assert.ok(answers.every((a) => a.t === 'ack'));
      const second = await r.again(first);
      assert.equal((await second.op(ch, 'send', { text: 'other tab' })).code, 'rate_limited');
      const other = await r.join('bystander');
      assert.equal(
        (await other.op(ch, 'send', { text: 'me too' })).t,
        'ack',
        'other users unaffected',
      );
    });

    for (const role of ['host', 'moderator'] as const) {
      test(`a ${role} gets five times as much: 100 per 30 s`, async () => {
        const ch = r.channel();
        const client = await r.join(role, role);
        const answers = await burst(client, ch, 100, 'send');
        assert.deepEqual(
          answers.filter((a) => a.t !== 'ack'),
          [],
        );
        const refused = await client.op(ch, 'send', { text: 'one hundred and one' });
        assert.equal(refused.code, 'rate_limited');
        assert.ok(refused.retryAfterMs > 0);
      });
    }
  });

  describe('ops per connection', () => {
    test('50 per second, then rate_limited with retryAfterMs', async () => {
      const ch = r.channel();
      const client = await r.join('busy');
      const answers = await burst(client, ch, 100);
      const first50 = answers.slice(0, 50);
      assert.deepEqual(
        first50.filter((a) => a.code === 'rate_limited'),
        [],
        'the first 50 are within the limit',
      );
      for (const a of first50) assert.equal(a.code, 'not_found');
      const limited = answers.filter((a) => a.code === 'rate_limited');
      assert.ok(limited.length > 0, 'some of the next 50 are over the limit');
      for (const a of limited) assert.ok(a.retryAfterMs > 0, JSON.stringify(a));
      assert.ok(client.open, 'going over is not a flood');
    });

    test('the limit is per connection: another connection of the user is not limited', async () => {
      const ch = r.channel();
      const first = await r.join('multi');
      const answers = await burst(first, ch, 100);
      assert.ok(answers.some((a) => a.code === 'rate_limited'));
      const second = await r.again(first);
      const fresh = await burst(second, ch, 40);
      assert.deepEqual(
        fresh.filter((a) => a.code === 'rate_limited'),
        [],
      );
    });

    test('a host gets five times as much: 250 per second', async () => {
      const ch = r.channel();
      const client = await r.join('host-ops', 'host');
      const answers = await burst(client, ch, 500);
      assert.deepEqual(
        answers.slice(0, 250).filter((a) => a.code === 'rate_limited'),
        [],
      );
      assert.ok(answers.some((a) => a.code === 'rate_limited'));
    });

    test('a connection going at ten times the limit is closed with 4429', async () => {
      const ch = r.channel();
      const flooder = await r.join('flooder');
      const bystander = await r.join('bystander');
      await bystander.sub(ch);
      // 1 000 at once: at least 500 (10 × 50) land in one one-second window, even on a slow machine.
      for (let i = 0; i < 1_000; i++) {
        flooder.send({ t: 'op', id: i, ch, mid: newMid(), type: 'delete', data: { id: 'x' } });
      }
      assert.equal((await flooder.waitClose()).code, 4429);
      assert.ok(flooder.frames.some((f) => f.t === 'err' && f.code === 'rate_limited'));
      assert.ok(bystander.open, 'other clients stay');
      const back = await r.again(flooder);
      assert.equal((await back.op(ch, 'send', { text: 'back after backoff' })).t, 'ack');
    });

    test('frames refused unread (not JSON, unknown t, bad fields, binary), auth and pong count by size: a flood of large ones is closed with 4429', async () => {
      const ch = r.channel();
      const bystander = await r.join('garbage-bystander');
      await bystander.sub(ch);
      const pad = 'x'.repeat(15_000);
      const garbage = [
        `not json ${pad}`,
        `{"t":"nope","pad":"${pad}"}`,
        `{"t":"presence","id":"p","ch":"x/presence","action":"dance","pad":"${pad}"}`,
        `{"t":"auth","id":"a","token":"not.a.token${pad}"}`,
        `{"t":"pong","pad":"${pad}"}`,
        Buffer.alloc(15_000, 1),
      ];
      for (const frame of garbage) {
        const flooder = await r.join('garbage-flooder');
        // As fast as the relay reads, up to 60 MB: far past ten times the limit's 1 MiB a second.
        for (let sent = 0; sent < 4_000 && flooder.open; sent += 100) {
          for (let i = 0; i < 100; i++) flooder.ws.send(frame);
          while (flooder.open && flooder.ws.bufferedAmount > 1_000_000) await sleep(5);
        }
        const label = String(frame).slice(0, 20);
        assert.equal((await flooder.waitClose()).code, 4429, label);
        assert.ok(
          flooder.frames.some((f) => f.t === 'err' && f.code === 'rate_limited'),
          label,
        );
      }
      assert.ok(bystander.open, 'other clients stay');
      assert.equal((await bystander.op(ch, 'send', { text: 'still here' })).t, 'ack');
    });

    test('small refused frames in a quick loop are each answered, not limited', async () => {
      const client = await r.join('small-mistakes');
      for (let i = 0; i < 1_000; i++) {
        assert.equal((await client.request({ t: 'sub' })).code, 'invalid');
      }
      assert.ok(client.open);
    });
  });

  describe('signals', () => {
    test('reach the other subscribers with ch, type, data and from', async () => {
      const { ch, sender, reader } = await trio();
      sender.send({ t: 'signal', ch, type: 'typing', data: { typing: true } });
      const signal = await reader.next((f) => f.t === 'signal');
      assert.deepEqual(signal, {
        t: 'signal',
        ch,
        type: 'typing',
        data: { typing: true },
        from: sender.welcome.user,
      });
    });

    test('1 per 2 s per user and type; extra ones are dropped silently', async () => {
      const { ch, sender, reader } = await trio();
      for (let i = 0; i < 4; i++) sender.send({ t: 'signal', ch, type: 'typing', data: { i } });
      // The sender's frames are handled in order: the message comes after every signal.
      await sender.op(ch, 'send', { text: 'sync' });
      const signals = await signalsBefore(reader, ch, 'sync');
      assert.deepEqual(
        signals.map((s) => s.data),
        [{ i: 0 }],
      );
      assert.deepEqual(
        sender.frames.filter((f) => f.t === 'err'),
        [],
        'no error for dropped signals',
      );
    });

    test('the limit is per user: another user may signal at the same time', async () => {
      const { ch, sender, reader } = await trio();
      const other = await r.join('other-typist');
      sender.send({ t: 'signal', ch, type: 'typing', data: {} });
      other.send({ t: 'signal', ch, type: 'typing', data: {} });
      await reader.collect((f) => f.t === 'signal', 2);
      const from = reader.frames.filter((f) => f.t === 'signal').map((f) => f.from.id);
      assert.deepEqual(from.sort(), [sender.welcome.user.id, other.welcome.user.id].sort());
    });

    test("are never echoed to the sender's own connections", async () => {
      const { ch, sender, reader } = await trio();
      const senderTab = await r.again(sender);
      await senderTab.sub(ch);
      sender.send({ t: 'signal', ch, type: 'typing', data: {} });
      await reader.next((f) => f.t === 'signal');
      await sender.op(ch, 'send', { text: 'sync' });
      assert.deepEqual(await signalsBefore(sender, ch, 'sync'), []);
      assert.deepEqual(await signalsBefore(senderTab, ch, 'sync'), []);
    });

    test('data over 256 bytes gets too_large and reaches no one', async () => {
      const { ch, sender, reader } = await trio();
      sender.send({ t: 'signal', ch, type: 'typing', data: { text: 'x'.repeat(300) } });
      const err = await sender.next((f) => f.t === 'err');
      assert.equal(err.code, 'too_large');
      await sender.op(ch, 'send', { text: 'sync' });
      assert.deepEqual(await signalsBefore(reader, ch, 'sync'), []);
    });

    test('data of exactly 256 bytes (serialised) is delivered', async () => {
      const { ch, sender, reader } = await trio();
      const data = 'y'.repeat(254); // "…" in JSON: 256 bytes
      assert.equal(Buffer.byteLength(JSON.stringify(data)), 256);
      sender.send({ t: 'signal', ch, type: 'typing', data });
      const signal = await reader.next((f) => f.t === 'signal');
      assert.equal(signal.data, data);
    });
  });
});

describe('rate limits off', () => {
  // One relay serves both blocks: a slow consumer is best shown without rate limits in the way.
  const r = useRelay(['--rate-limits', 'off', '--max-buffered-bytes', '262144'], true);

  describe('slow consumer', () => {
    test('a client that stops reading is closed as a slow consumer; others keep receiving', async () => {
      const ch = r.channel();
      const slow = await r.join('slow');
      const good = await r.join('good');
      const writer = await r.join('writer');
      await slow.sub(ch);
      await good.sub(ch);
      assert.equal(slow.welcome.limits.maxBufferedBytes, 262_144);
      // Sockets of earlier tests may still be closing: wait until only these three are left.
      await waitFor(async () => (await connections(r.ctx.relay)) === 3, 'three connections');
      // Stop reading: the relay's unsent data for this socket grows.
      slow.stopReading();
      const text = '🔥'.repeat(500); // 2 000 bytes of UTF-8 per message
      let published = 0;
      for (let round = 0; round < 40 && (await connections(r.ctx.relay)) === 3; round++) {
        const answers = await Promise.all(
          Array.from({ length: 250 }, () => writer.op(ch, 'send', { text })),
        );
        for (const a of answers) assert.equal(a.t, 'ack');
        published += answers.length;
      }
      assert.equal(
        await connections(r.ctx.relay),
        2,
        `the slow socket was dropped (${published} published)`,
      );
      slow.resumeReading();
      // The 4008 close frame waits behind megabytes the client never read; the relay cuts the
      // socket a moment later, so a client that still is not reading sees 1006.
      const { code } = await slow.waitClose();
      assert.ok(code === 4008 || code === 1006, `closed with ${code}`);
      const events = await good.collect((f) => f.t === 'ev' && f.ch === ch, published);
      assert.deepEqual(
        events.map((ev) => ev.seq),
        Array.from({ length: published }, (_, i) => i + 1),
      );
      assert.ok(good.open && writer.open);
    });
  });
});

describe('heartbeat', () => {
  // Short, yet long enough that a loaded machine answers a ping in time.
  const HEARTBEAT_MS = 200;
  const r = useRelay(['--heartbeat-ms', String(HEARTBEAT_MS)], true);

  test('welcome carries heartbeatMs', async () => {
    const client = await r.join('beat');
    assert.equal(client.welcome.heartbeatMs, HEARTBEAT_MS);
    assert.equal(client.welcome.limits.heartbeatMs, HEARTBEAT_MS);
  });

  test('the relay sends ping after heartbeatMs of silence', async () => {
    const client = await r.join('listener');
    const ping = await client.next((f) => f.t === 'ping', 3_000);
    assert.deepEqual(ping, { t: 'ping' });
  });

  test('a client that answers pings stays connected', async () => {
    const client = await r.join('alive');
    await sleep(5 * HEARTBEAT_MS);
    assert.ok(client.frames.filter((f) => f.t === 'ping').length >= 2, 'pinged, and answered');
    assert.ok(client.open, 'still connected');
    assert.equal((await client.sub(r.channel())).t, 'ok');
  });

  test('a client that sends nothing (no pong) is dropped', async () => {
    const client = await r.ctx.clients.join(
      { token: r.ctx.relay.token({ sub: 'silent' }) },
      { autoPong: false },
    );
    await client.waitClose(10 * HEARTBEAT_MS);
  });

  test('a socket that never says hello is dropped too', async () => {
    const client = await r.ctx.clients.connect();
    await client.waitClose(10 * HEARTBEAT_MS);
  });
});

describe('connections per IP', () => {
  const r = useRelay(['--max-connections-per-ip', '2'], true);
  // The sockets of the test before may still be closing on the relay's side.
  beforeEach(() => waitFor(async () => (await connections(r.ctx.relay)) === 0, 'no connections'));

  test('a connection over --max-connections-per-ip is closed with 1008', async () => {
    const first = await r.join('one');
    const second = await r.join('two');
    const third = await r.ctx.clients.connect();
    assert.equal((await third.waitClose()).code, 1008);
    assert.ok(first.open && second.open, 'the first two stay');
  });

  test('a connection is accepted again once one has closed', async () => {
    const first = await r.join('one');
    await r.join('two');
    first.close();
    await first.closed;
    const deadline = Date.now() + 5_000;
    // The relay counts the close when it sees it; retry until it has.
    for (;;) {
      const client = await r.ctx.clients.connect();
      const answer = await client
        .hello({ token: r.ctx.relay.token({ sub: 'three' }) })
        .catch(() => null);
      if (answer?.t === 'welcome') break;
      assert.ok(Date.now() < deadline, 'a slot frees up');
      await sleep(50);
    }
  });
});
