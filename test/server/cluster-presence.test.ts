/**
 * Presence of a member on a relay that does not own the room, when the owner cannot be told at
 * once that the member's socket is gone (an audit on 2026-12-07): Redis away at that moment,
 * the room's owner dying meanwhile. Two or three real relays on one real, durable
 * `redis-server` that the tests kill and start again on the same port.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClientPool, sleep, type Frame, type RawClient } from '../helpers/raw-client.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { startRelay, type RelayProcess } from '../helpers/relay.js';

const GRACE_MS = 1_500;
/** Long enough for Redis to come back, the relays to see it, and the grace to pass. */
const LEAVE_WITHIN_MS = 20_000;

const joined = (client: RawClient, ch: string, id: string) =>
  client.frames.some(
    (f) => f.t === 'presence' && f.ch === ch && (f.join ?? []).some((m: Frame) => m.id === id),
  );
const left = (client: RawClient, ch: string, id: string) =>
  client.frames.some((f) => f.t === 'presence' && f.ch === ch && (f.leave ?? []).includes(id));

/** A durable Redis and `count` relays on it, for one test; disposed by the returned function. */
async function cluster(count: number) {
  const redis: RedisServer = await startRedis({ durable: true });
  const relays: RelayProcess[] = [];
  for (let i = 0; i < count; i++) {
    relays.push(
      await startRelay({ args: ['--redis', redis.url, '--presence-grace-ms', String(GRACE_MS)] }),
    );
  }
  const pool = new ClientPool(() => relays[0].url);
  const on = (i: number, sub: string) =>
    pool.join({ token: relays[i].token({ sub, name: sub }) }, { url: relays[i].url });
  const dispose = async () => {
    pool.closeAll();
    for (const relay of relays) await relay.dispose();
    await redis.dispose();
  };
  return { redis, relays, on, dispose };
}

type On = Awaited<ReturnType<typeof cluster>>['on'];

/** `ghost` and `stays` enter `ch` from relay 1, as `watcher` sees; returns the ghost's socket. */
async function ghostAndStays(on: On, watcher: RawClient, ch: string): Promise<RawClient> {
  const ghost = await on(1, 'ghost');
  const stays = await on(1, 'stays');
  await ghost.presence(ch, 'enter');
  await stays.presence(ch, 'enter');
  await watcher.until(() => joined(watcher, ch, 'ghost') && joined(watcher, ch, 'stays'));
  return ghost;
}

/**
 * The ghost leaves; past another grace, the member still connected has not (a marker entering
 * from relay `via` shows that the watcher has seen everything until then).
 */
async function onlyTheGhostLeaves(on: On, via: number, watcher: RawClient, ch: string) {
  await watcher.until(() => left(watcher, ch, 'ghost'), LEAVE_WITHIN_MS);
  await sleep(GRACE_MS + 500);
  const marker = await on(via, 'marker');
  await marker.presence(ch, 'enter');
  await watcher.until(() => joined(watcher, ch, 'marker'));
  assert.ok(!left(watcher, ch, 'stays'), 'a member still connected stays');
}

describe('cluster presence: a socket gone while its room’s owner cannot be told', () => {
  test('Redis away as the socket closes: the member leaves once Redis is back and the grace is over', async () => {
    const { redis, on, dispose } = await cluster(2);
    const ch = `gone-${Date.now().toString(36)}/presence`;
    try {
      // The watcher is first in the room, on relay 0: relay 0 owns it.
      const watcher = await on(0, 'watcher');
      await watcher.sub(ch);
      const ghost = await ghostAndStays(on, watcher, ch);

      await redis.stop('SIGKILL');
      ghost.terminate();
      // Relay 1 sees the socket close while Redis is away: its notice to the owner cannot leave.
      await sleep(300);
      await redis.restart();

      await onlyTheGhostLeaves(on, 0, watcher, ch);
      assert.equal(watcher.frames.filter((f) => f.t === 'presence').at(-1)!.count, 2);
    } finally {
      await dispose();
    }
  });

  test('the owner dies while Redis is away: on the new owner the gone member leaves, the connected one stays', async () => {
    const { redis, relays, on, dispose } = await cluster(3);
    const ch = `moved-${Date.now().toString(36)}/presence`;
    try {
      // Relay 0 owns the room; the watcher is on relay 2, which outlives it.
      const first = await on(0, 'first');
      await first.sub(ch);
      const watcher = await on(2, 'watcher');
      await watcher.sub(ch);
      const ghost = await ghostAndStays(on, watcher, ch);

      await redis.stop('SIGKILL');
      ghost.terminate();
      await sleep(300);
      relays[0].process.kill('SIGKILL');
      await redis.restart();

      await onlyTheGhostLeaves(on, 2, watcher, ch);
    } finally {
      await dispose();
    }
  });

  test('the owner gives the room up (SIGTERM) as the socket closes: the member leaves on the next owner', async () => {
    const { relays, on, dispose } = await cluster(3);
    const ch = `handed-${Date.now().toString(36)}/presence`;
    try {
      const first = await on(0, 'first');
      await first.sub(ch);
      const watcher = await on(2, 'watcher');
      await watcher.sub(ch);
      const ghost = await ghostAndStays(on, watcher, ch);

      // The notice may reach relay 0 after it gave the room up: the next owner must hear it.
      const stopped = relays[0].stop('SIGTERM');
      ghost.terminate();
      assert.equal(await stopped, 0);

      await onlyTheGhostLeaves(on, 2, watcher, ch);
    } finally {
      await dispose();
    }
  });
});
