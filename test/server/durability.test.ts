/**
 * Restart (PROTOCOL.md, Integrity guarantees 7; Decisions on details: Shutdown): a relay restarted
 * on the same data loses no acked event and keeps its epoch, so resume works across it; an
 * in-memory relay starts a new epoch, so clients get a reset instead of silently wrong state.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { ClientPool, newMid, type Frame } from '../helpers/raw-client.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';

const range = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

describe('durability', () => {
  let relay: RelayProcess | undefined;
  let clients: ClientPool;

  async function start(memory = false, args: string[] = []): Promise<RelayProcess> {
    const started = await startRelay({ memory, args });
    relay = started;
    clients = new ClientPool(() => started.url);
    return started;
  }
  afterEach(async () => {
    clients?.closeAll();
    await relay?.dispose();
    relay = undefined;
  });

  /** A reader that saw the first `seen` events of `ch` and dropped; `writer` is a host. */
  async function readerDroppedAfter(r: RelayProcess, ch: string, seen: number) {
    const writer = await clients.join({ token: r.token({ sub: 'writer', role: 'host' }) });
    const reader = await clients.join({ token: r.token({ sub: 'reader' }) });
    const ok = await reader.sub(ch);
    for (let i = 1; i <= seen; i++) await writer.op(ch, 'send', { text: `seen ${i}` });
    await reader.collect((f) => f.t === 'ev' && f.ch === ch, seen);
    reader.terminate();
    return { writer, position: { epoch: ok.epoch as string, seq: seen } };
  }

  describe('SIGTERM (sqlite)', () => {
    test('closes every socket with 1012 and exits with code 0', async () => {
      const r = await start();
      const subscribed = await clients.join({ token: r.token({ sub: 'a' }) });
      await subscribed.sub('term-close/chat');
      const idle = await clients.join({ token: r.token({ sub: 'b' }) });
      const fresh = await clients.connect(); // no hello yet
      const exitCode = await r.stop('SIGTERM');
      assert.equal(exitCode, 0);
      for (const client of [subscribed, idle, fresh]) {
        assert.equal((await client.waitClose()).code, 1012);
      }
    });

    test('after a restart: same epoch, resume replays what was missed, the snapshot has it, seq goes on', async () => {
      const r = await start();
      const ch = 'term-resume/chat';
      const { writer, position } = await readerDroppedAfter(r, ch, 3);
      const acks: Frame[] = [];
      for (let i = 1; i <= 10; i++) acks.push(await writer.op(ch, 'send', { text: `missed ${i}` }));
      assert.equal(await r.stop('SIGTERM'), 0);
      await r.restart();

      const reader = await clients.join({ token: r.token({ sub: 'reader' }) });
      const ok = await reader.sub(ch, position);
      assert.equal(ok.epoch, position.epoch, 'same epoch');
      assert.equal(ok.seq, 13);
      assert.equal(ok.replay, 10);
      const replayed = await reader.collect((f) => f.t === 'ev' && f.ch === ch, 10);
      assert.deepEqual(
        replayed.map((ev) => [ev.seq, ev.data.id]),
        acks.map((ack) => [ack.seq, ack.data.id]),
      );

      const newcomer = await clients.join({ token: r.token({ sub: 'newcomer' }) });
      const first = await newcomer.sub(ch);
      assert.equal(first.reset, true);
      assert.equal(first.epoch, position.epoch);
      assert.deepEqual(
        first.snapshot.messages.map((m: Frame) => m.seq),
        range(1, 13),
      );
      assert.deepEqual(
        first.snapshot.messages.slice(3).map((m: Frame) => m.id),
        acks.map((ack) => ack.data.id),
      );

      const writerAgain = await clients.join({ token: r.token({ sub: 'writer', role: 'host' }) });
      assert.equal((await writerAgain.op(ch, 'send', { text: 'live' })).seq, 14);
      const live = await reader.next((f) => f.t === 'ev' && f.ch === ch && f.seq === 14);
      assert.equal(live.data.text, 'live');
    });
    test('while ops keep coming: exits 0, logs no error, and every acked op is kept', async () => {
      const r = await start(false, ['--rate-limits', 'off']);
      // Many writers, each on its own channel, sending until their socket closes: some frames
      // are being handled when the relay closes its sockets and its store.
      const writers = await Promise.all(
        range(1, 24).map((i) => clients.join({ token: r.token({ sub: `busy${i}` }) })),
      );
      const sending = writers.map(async (writer, i) => {
        for (let k = 0; writer.open; k++) {
          const text = `busy${i}.${k}`;
          writer.send({
            t: 'op',
            id: text,
            ch: `busy${i}/chat`,
            mid: text,
            type: 'send',
            data: { text },
          });
          // Subs too: a sub's answer waits for a commit, and the frames after it with it.
          if (k % 5 === 0) writer.send({ t: 'sub', id: `sub${k}`, ch: `busy-other${k % 50}/chat` });
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.equal(await r.stop('SIGTERM'), 0);
      await Promise.all(sending);
      assert.doesNotMatch(r.output(), /"level":(50|60)/, 'the relay logged an error');
      await r.restart();
      const reader = await clients.join({ token: r.token({ sub: 'busy-reader' }) });
      for (const [i, writer] of writers.entries()) {
        const ok = await reader.sub(`busy${i}/chat`);
        const kept = new Set(ok.snapshot.messages.map((m: Frame) => m.text));
        const acked = writer.frames.filter((f) => f.t === 'ack').map((f) => f.id as string);
        // The snapshot holds the last 100: the newest acks must be among them.
        for (const id of acked.slice(-50)) assert.ok(kept.has(id), `acked ${id} kept`);
      }
    });
  });

  describe('SIGKILL (sqlite)', () => {
    test('right after acks: nothing acked is lost', async () => {
      const r = await start();
      const ch = 'kill-acked/chat';
      const { writer, position } = await readerDroppedAfter(r, ch, 2);
      // 60 ops in flight; the relay is killed as soon as the 20th ack arrives.
      const acked: Frame[] = [];
      writer.ws.on('message', () => {
        for (const f of writer.frames) {
          if (f.t === 'ack' && String(f.id).startsWith('k') && !acked.includes(f)) acked.push(f);
        }
        if (acked.length >= 20 && r.process.exitCode === null && !r.process.killed) {
          r.process.kill('SIGKILL');
        }
      });
      for (let i = 1; i <= 60; i++) {
        writer.send({
          t: 'op',
          id: `k${i}`,
          ch,
          mid: newMid(),
          type: 'send',
          data: { text: `k${i}` },
        });
      }
      await writer.closed;
      await r.stop();
      assert.ok(acked.length >= 20, `${acked.length} acks before the kill`);
      await r.restart();

      const reader = await clients.join({ token: r.token({ sub: 'reader' }) });
      const ok = await reader.sub(ch, position);
      assert.equal(ok.epoch, position.epoch, 'same epoch');
      const lastAcked = Math.max(...acked.map((ack) => ack.seq));
      assert.ok(ok.seq >= lastAcked, `head ${ok.seq} holds the last acked seq ${lastAcked}`);
      const replayed = await reader.collect((f) => f.t === 'ev' && f.ch === ch, ok.replay);
      assert.deepEqual(
        replayed.map((ev) => ev.seq),
        range(3, ok.seq),
      );
      const replayedIds = new Set(replayed.map((ev) => ev.data.id));
      for (const ack of acked) assert.ok(replayedIds.has(ack.data.id), `acked ${ack.id} kept`);
    });
  });

  describe('sessions across a restart (sqlite)', () => {
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      test(`after a ${signal} restart, a session resumed within its grace is the same session: no leave, no join`, async () => {
        const r = await start(false, ['--presence-grace-ms', '6000']);
        const ch = `sessions-${signal}/presence`;
        const join = (sub: string, session?: string) =>
          clients.join({ token: r.token({ sub }), ...(session ? { session } : {}) });
        const back = await join('comes-back');
        const gone = await join('never-back');
        assert.equal((await back.presence(ch, 'enter', { status: 'here' })).t, 'ok');
        assert.equal((await gone.presence(ch, 'enter')).t, 'ok');
        await r.stop(signal);
        await r.restart();

        const watcher = await join('watcher');
        await watcher.sub(ch);
        const first = await watcher.next((f) => f.t === 'presence' && f.ch === ch);
        assert.deepEqual(
          first.members.map((m: Frame) => m.id).sort(),
          ['comes-back', 'never-back'],
          'both members are in their grace after the restart',
        );
        const again = await join('comes-back', back.welcome.session);
        assert.equal(again.welcome.session, back.welcome.session, 'the same session');
        // Once the one that never came back has left, the grace is over for both.
        await watcher.next(
          (f) => f.t === 'presence' && (f.leave ?? []).includes('never-back'),
          20_000,
        );
        const changes = watcher.frames.filter((f) => f.t === 'presence' && f.ch === ch);
        assert.ok(
          !changes.some((f) => (f.leave ?? []).includes('comes-back')),
          'the resumed member never left',
        );
        assert.ok(
          !changes.some((f) => (f.join ?? []).some((m: Frame) => m.id === 'comes-back')),
          'nor joined again',
        );
        assert.equal(changes.at(-1)?.count, 1);
      });
    }

    test('after a restart, a session that entered presence without data resumes: the relay lives and the member stays', async () => {
      // The stored session keeps its membership's data as JSON, where "no data" is null.
      const r = await start(false, ['--presence-grace-ms', '6000']);
      const ch = 'sessions-no-data/presence';
      const plain = await clients.join({ token: r.token({ sub: 'no-data' }) });
      assert.equal((await plain.presence(ch, 'enter')).t, 'ok');
      await r.stop('SIGTERM');
      await r.restart();
      const again = await clients.join({
        token: r.token({ sub: 'no-data' }),
        session: plain.welcome.session,
      });
      assert.equal(again.welcome.session, plain.welcome.session, 'the same session');
      const watcher = await clients.join({ token: r.token({ sub: 'no-data-watcher' }) });
      await watcher.sub(ch);
      const first = await watcher.next((f) => f.t === 'presence' && f.ch === ch);
      assert.deepEqual(
        first.members.map((m: Frame) => m.id),
        ['no-data'],
      );
      // Past the grace of the connection that went with the restart: the member never left.
      await new Promise((resolve) => setTimeout(resolve, 6_500));
      assert.equal(r.process.exitCode, null, 'the relay lives');
      assert.equal((await again.presence(ch, 'update', { status: 'still here' })).t, 'ok');
      const changes = watcher.frames.filter((f) => f.t === 'presence' && f.ch === ch);
      assert.ok(!changes.some((f) => (f.leave ?? []).includes('no-data')), 'the member never left');
    });

    test('after a SIGTERM restart, a session without presence resumes as the same session', async () => {
      const r = await start(false, ['--presence-grace-ms', '6000']);
      const first = await clients.join({ token: r.token({ sub: 'plain' }) });
      await r.stop('SIGTERM');
      await r.restart();
      const again = await clients.join({
        token: r.token({ sub: 'plain' }),
        session: first.welcome.session,
      });
      assert.equal(again.welcome.session, first.welcome.session);
      const other = await clients.join({
        token: r.token({ sub: 'someone-else' }),
        session: first.welcome.session,
      });
      assert.notEqual(other.welcome.session, first.welcome.session, "another user's session");
    });
  });

  describe('memory engine', () => {
    test('a restart starts a new epoch: resume gets reset with a fresh snapshot', async () => {
      const r = await start(true);
      const ch = 'memory-restart/chat';
      const { position } = await readerDroppedAfter(r, ch, 3);
      await r.restart();

      const reader = await clients.join({ token: r.token({ sub: 'reader' }) });
      const ok = await reader.sub(ch, position);
      assert.notEqual(ok.epoch, position.epoch, 'new epoch');
      assert.equal(ok.reset, true);
      assert.equal(ok.seq, 0);
      assert.deepEqual(ok.snapshot.messages, []);
      const writer = await clients.join({ token: r.token({ sub: 'writer' }) });
      await writer.op(ch, 'send', { text: 'after' });
      const live = await reader.next((f) => f.t === 'ev' && f.ch === ch);
      assert.equal(live.seq, 1);
    });
  });
});
