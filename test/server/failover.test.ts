/**
 * Failover (issue 10): a relay killed with SIGKILL, relays restarted one at a time with SIGTERM,
 * and Redis itself restarted. Clients move to another relay and resume with nothing lost and
 * nothing duplicated; every acknowledged op is in the history; what the dead relay ran (a quiz,
 * presence) goes on elsewhere.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { ClientPool, sleep, type Frame } from '../helpers/raw-client.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';
import { OutboxWriter, Roamer } from '../helpers/roaming.js';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function cluster(count: number, redis: RedisServer, args: string[] = []) {
  const relays: RelayProcess[] = [];
  for (let i = 0; i < count; i++) {
    relays.push(await startRelay({ args: ['--redis', redis.url, ...args] }));
  }
  return relays;
}

/**
 * Every roamer got every acknowledged message exactly once, in seq order with no gap, and no
 * reset; returns the seqs.
 */
function assertComplete(roamers: Roamer[], writer: OutboxWriter, ch: string): void {
  const acked = writer.acked.map((a) => a.seq).sort((a, b) => a - b);
  for (const roamer of roamers) {
    const seqs = roamer.seqs(ch);
    assert.deepEqual(
      roamer.errors.filter((e) => e.t === 'reset'),
      [],
      'no reset',
    );
    assert.equal(new Set(seqs).size, seqs.length, `none twice (${seqs.length} events)`);
    assert.deepEqual(seqs, range(seqs[0] ?? 1, seqs.at(-1) ?? 0), 'in order, no gap');
    for (const seq of acked) assert.ok(seqs.includes(seq), `acked seq ${seq} received`);
  }
}

describe('failover: a relay killed with SIGKILL', () => {
  test('its clients resume on another relay: nothing lost, nothing twice; acked ops are in history; presence and a quiz go on', async () => {
    const redis = await startRedis();
    const relays = await cluster(2, redis, ['--presence-grace-ms', '8000']);
    const pool = new ClientPool(() => relays[1].url);
    const roomName = `kill-${Date.now().toString(36)}`;
    const ch = `${roomName}/chat`;
    const options = (start: number, sub: string) => ({
      relays: () => relays,
      start,
      token: (relay: RelayProcess) => relay.token({ sub, name: sub, role: 'host' }),
    });
    try {
      // The first user of the room is on relay 0: it owns the room.
      const host = await pool.join(
        { token: relays[0].token({ sub: 'quiz-host', role: 'host' }) },
        { url: relays[0].url },
      );
      await host.op(`${roomName}/quiz`, 'load', {
        questions: [{ text: 'Q?', options: ['a', 'b'], correct: 0, timeLimitMs: 6_000 }],
      });
      const roamers = [0, 0, 1, 1].map(
        (start, i) => new Roamer(options(start, `viewer${i}`), [ch]),
      );
      for (const roamer of roamers) await roamer.connect();
      const watcher = await pool.join({ token: relays[1].token({ sub: 'watcher' }) });
      await watcher.sub(`${roomName}/presence`);
      await watcher.sub(`${roomName}/quiz`);
      const present = await pool.join({ token: relays[1].token({ sub: 'stays' }) });
      await present.presence(`${roomName}/presence`, 'enter');
      await watcher.next(
        (f) => f.t === 'presence' && (f.join ?? []).some((m: Frame) => m.id === 'stays'),
      );
      await host.op(`${roomName}/quiz`, 'next', {});
      await watcher.next((f) => f.t === 'ev' && f.type === 'question');

      const writer = new OutboxWriter(options(1, 'writer'), ch);
      const progress = { sent: 0 };
      const writing = (async () => {
        for (; progress.sent < 60; progress.sent++) {
          await writer.send(`m${progress.sent}`);
          await sleep(50);
        }
      })();
      while (progress.sent < 15) await sleep(20);
      relays[0].process.kill('SIGKILL');
      await writing;
      // Everyone catches up on the relay left.
      for (const roamer of roamers) {
        await roamer.client!.until(() => roamer.seqs(ch).length === 60, 15_000);
      }
      assertComplete(roamers, writer, ch);
      assert.equal(writer.acked.length, 60);
      // The quiz question, open when its relay died, is revealed at its deadline by the other.
      const result = await watcher.next((f) => f.t === 'ev' && f.type === 'result', 15_000);
      assert.equal(result.data.index, 0);
      // A member whose socket was on the relay left never left presence.
      assert.ok(
        !watcher.frames.some((f) => f.t === 'presence' && (f.leave ?? []).includes('stays')),
        'no leave for a member of the surviving relay',
      );
      for (const roamer of roamers) roamer.close();
      writer.close();
    } finally {
      pool.closeAll();
      for (const relay of relays) await relay.dispose();
      await redis.dispose();
    }
  });
});

describe("failover: a relay of members dies, not the room's owner", () => {
  test('its members keep their grace: one back on another relay never leaves, one gone leaves after it', async () => {
    const redis = await startRedis();
    const relays = await cluster(2, redis, ['--presence-grace-ms', '3000']);
    const pool = new ClientPool(() => relays[0].url);
    const ch = `grace-${Date.now().toString(36)}/presence`;
    const on = (i: number, sub: string) =>
      pool.join({ token: relays[i].token({ sub, name: sub }) }, { url: relays[i].url });
    try {
      // The watcher is first in the room, on relay 0: relay 0 owns it.
      const watcher = await on(0, 'watcher');
      await watcher.sub(ch);
      const back = await on(1, 'comes-back');
      const gone = await on(1, 'never-back');
      await back.presence(ch, 'enter');
      await gone.presence(ch, 'enter');
      await watcher.until(() => watcher.frames.some((f) => f.t === 'presence' && f.count === 2));
      relays[1].process.kill('SIGKILL');
      await sleep(1_500);
      const again = await on(0, 'comes-back');
      await again.presence(ch, 'enter');
      await watcher.next(
        (f) => f.t === 'presence' && (f.leave ?? []).includes('never-back'),
        10_000,
      );
      assert.ok(
        !watcher.frames.some((f) => f.t === 'presence' && (f.leave ?? []).includes('comes-back')),
        'the member back within the grace never left',
      );
    } finally {
      pool.closeAll();
      for (const relay of relays) await relay.dispose();
      await redis.dispose();
    }
  });
});

describe('failover: a rolling restart', () => {
  test('three relays stopped with SIGTERM one at a time under load: nothing lost, nothing twice', async () => {
    const redis = await startRedis();
    const relays = await cluster(3, redis);
    const ch = `roll-${Date.now().toString(36)}/chat`;
    const options = (start: number, sub: string) => ({
      relays: () => relays,
      start,
      token: (relay: RelayProcess) => relay.token({ sub, name: sub, role: 'host' }),
    });
    try {
      const roamers = range(0, 8).map((i) => new Roamer(options(i % 3, `roller${i}`), [ch]));
      for (const roamer of roamers) await roamer.connect();
      const writer = new OutboxWriter(options(0, 'roll-writer'), ch);
      const state = { done: false };
      const writing = (async () => {
        for (let k = 0; !state.done; k++) {
          await writer.send(`r${k}`);
          await sleep(30);
        }
      })();
      for (const relay of relays) {
        await sleep(800);
        const code = await relay.stop('SIGTERM');
        assert.equal(code, 0);
        await relay.restart();
      }
      await sleep(800);
      state.done = true;
      await writing;
      const total = writer.acked.length;
      for (const roamer of roamers) {
        await roamer.client!.until(() => new Set(roamer.seqs(ch)).size >= total, 15_000);
      }
      assertComplete(roamers, writer, ch);
      assert.ok(
        roamers.some((r) => r.moves.length > 1),
        'clients moved',
      );
      for (const roamer of roamers) roamer.close();
      writer.close();
    } finally {
      for (const relay of relays) await relay.dispose();
      await redis.dispose();
    }
  });
});

describe('failover: Redis restarts', () => {
  test('relays keep their sockets, ops meanwhile get a retryable error, nothing acknowledged is lost', async () => {
    const redis = await startRedis({ durable: true });
    const relays = await cluster(2, redis);
    const pool = new ClientPool(() => relays[1].url);
    const ch = `redis-${Date.now().toString(36)}/chat`;
    try {
      const reader = await pool.join({ token: relays[1].token({ sub: 'reader' }) });
      const ok = await reader.sub(ch);
      const writers = await Promise.all(
        [0, 1].map((i) =>
          pool.join(
            { token: relays[i].token({ sub: `w${i}`, role: 'host' }) },
            { url: relays[i].url },
          ),
        ),
      );
      const acked: number[] = [];
      const retryable: Frame[] = [];
      const state = { stop: false };
      const writing = writers.map(async (writer, w) => {
        for (let k = 0; !state.stop; k++) {
          const mid = `m-${w}-${k}`;
          for (;;) {
            const answer = await writer.op(ch, 'send', { text: `${w}:${k}` }, mid);
            if (answer.t === 'ack') {
              acked.push(answer.seq);
              break;
            }
            assert.equal(answer.code, 'internal', JSON.stringify(answer));
            assert.ok(answer.retryAfterMs > 0);
            retryable.push(answer);
            await sleep(answer.retryAfterMs);
          }
          // 10 sends a second: within a host's chat-send limit (100 per 30 s) for the test's few
          // seconds, so every refusal it sees is the outage's, not the rate limit's.
          await sleep(100);
        }
      });
      await sleep(500);
      await redis.stop('SIGKILL');
      await sleep(1_500);
      await redis.restart();
      await sleep(3_000);
      state.stop = true;
      await Promise.all(writing);
      assert.ok(retryable.length > 0, 'ops during the outage were told to retry');
      assert.ok(reader.open && writers.every((w) => w.open), 'sockets kept');
      // The reader has every acknowledged message, once, in order; a resume agrees.
      const max = Math.max(...acked);
      await reader.until(() => reader.events(ch).some((f) => f.seq >= max), 15_000);
      const seqs = reader.events(ch).map((f) => f.seq);
      assert.equal(new Set(seqs).size, seqs.length);
      for (const seq of acked) assert.ok(seqs.includes(seq), `acked ${seq} received`);
      const late = await pool.join(
        { token: relays[0].token({ sub: 'late' }) },
        { url: relays[0].url },
      );
      const resumed = await late.sub(ch, { epoch: ok.epoch, seq: 0 });
      assert.equal(resumed.replay, max);
    } finally {
      pool.closeAll();
      for (const relay of relays) await relay.dispose();
      await redis.dispose();
    }
  });
});

describe('failover: a commit Redis applied after the relay gave up on it', () => {
  test('subscribers get that event and every one after it, once, in order', async () => {
    // Redis holds every write for 3 s (CLIENT PAUSE WRITE): the relay's commit times out after
    // 2 s and the op is answered `internal`, yet Redis runs the commit when the pause ends. The
    // relay drops what it held of the room, and reads it back (the event included) on the retry.
    const redis = await startRedis();
    const [relay] = await cluster(1, redis);
    const pool = new ClientPool(() => relay.url);
    const admin = new Redis(redis.url, { lazyConnect: true });
    const ch = `applied-${Date.now().toString(36)}/chat`;
    try {
      await admin.connect();
      const reader = await pool.join({ token: relay.token({ sub: 'reader' }) });
      await reader.sub(ch);
      const writer = await pool.join({ token: relay.token({ sub: 'w', role: 'host' }) });
      const first = await writer.op(ch, 'send', { text: 'before' }, 'm-0');
      assert.equal(first.t, 'ack');
      await reader.next((f) => f.t === 'ev' && f.ch === ch && f.seq === first.seq);

      await admin.call('CLIENT', 'PAUSE', '3000', 'WRITE');
      const held = await writer.op(ch, 'send', { text: 'held' }, 'm-1');
      assert.equal(held.t, 'err', JSON.stringify(held));
      assert.equal(held.code, 'internal');
      await sleep(held.retryAfterMs);
      // The pause is over and Redis ran the commit: the retry is answered with its seq.
      let retried: Frame;
      for (;;) {
        retried = await writer.op(ch, 'send', { text: 'held' }, 'm-1');
        if (retried.t === 'ack') break;
        assert.equal(retried.code, 'internal', JSON.stringify(retried));
        await sleep(retried.retryAfterMs);
      }
      assert.equal(retried.seq, first.seq + 1);
      const after = await writer.op(ch, 'send', { text: 'after' }, 'm-2');
      assert.equal(after.t, 'ack');

      await reader.until(() => reader.events(ch).some((f) => f.seq >= after.seq));
      assert.deepEqual(
        reader.events(ch).map((f) => [f.seq, (f.data as { text: string }).text]),
        [
          [first.seq, 'before'],
          [retried.seq, 'held'],
          [after.seq, 'after'],
        ],
      );
    } finally {
      admin.disconnect();
      pool.closeAll();
      await relay.dispose();
      await redis.dispose();
    }
  });
});

describe('failover: a relay stopped with SIGTERM while its room’s ops keep coming', () => {
  test('it logs no error and exits 0; each op is acked or retryable, and every ack is in history', async () => {
    const redis = await startRedis();
    const relays = await cluster(2, redis, ['--rate-limits', 'off']);
    const pool = new ClientPool(() => relays[0].url);
    const ch = `term-ops-${Date.now().toString(36)}/chat`;
    try {
      // The first user of the room is on relay 0: it owns the room, and decides every op below.
      const writer = await pool.join({ token: relays[0].token({ sub: 'term-writer' }) });
      assert.equal((await writer.op(ch, 'send', { text: 'first' })).t, 'ack');
      const answers: Frame[] = [];
      writer.ws.on('message', () => {
        answers.length = 0;
        answers.push(...writer.frames.filter((f) => f.t === 'ack' || f.t === 'err'));
      });
      // Ops every millisecond or two, before, during and after the SIGTERM, until the socket
      // closes: some arrive while the relay gives its rooms up.
      const sending = (async () => {
        for (let k = 0; writer.open; k++) {
          writer.send({
            t: 'op',
            id: `w${k}`,
            ch,
            mid: `w${k}`,
            type: 'send',
            data: { text: `w${k}` },
          });
          await sleep(1);
        }
      })();
      await sleep(50);
      const code = await relays[0].stop('SIGTERM');
      await sending;
      assert.equal(code, 0);
      assert.doesNotMatch(relays[0].output(), /"level":(50|60)/, 'relay 0 logged an error');
      for (const answer of answers) {
        if (answer.t === 'err')
          assert.ok(answer.retryAfterMs, `retryable: ${JSON.stringify(answer)}`);
      }
      const reader = await pool.join(
        { token: relays[1].token({ sub: 'term-reader' }) },
        { url: relays[1].url },
      );
      const ok = await reader.sub(ch);
      const texts = ok.snapshot.messages.map((m: Frame) => m.text);
      for (const ack of answers.filter((f) => f.t === 'ack' && f.mid !== undefined)) {
        if (ack.mid.startsWith('w')) assert.ok(texts.includes(ack.mid), `acked ${ack.mid} kept`);
      }
    } finally {
      pool.closeAll();
      for (const relay of relays) await relay.dispose();
      await redis.dispose();
    }
  });
});
