/**
 * The reactions store against a real relay: the emoji set, bursts published once each, the
 * client-side throttle, and old bursts counted but never animated after a reconnect.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Connection } from '../../src/connection/connection.js';
import {
  REACTIONS_DEFAULTS,
  createReactionsStore,
  type ReactionBurst,
  type ReactionsStore,
} from '../../src/features/reactions.js';
import { storeRelay } from './store-relay.js';
import { sleep, until, waitFor } from './wait.js';

const fixture = storeRelay({ memory: true });
const { relay, cleanup } = fixture;
let roomCount = 0;

/** A connection through recording sockets (to count frames and cut the socket). */
const open = (token?: string) => fixture.open({ token });

const store = (connection: Connection): Promise<ReactionsStore> =>
  fixture.loaded(createReactionsStore(connection, `room${roomCount}`));

/** Every burst the store publishes from now on, as an animating view would see them. */
function animated(reactions: ReactionsStore): ReactionBurst[] {
  const bursts: ReactionBurst[] = [];
  cleanup(reactions.$bursts.listen((burst) => void bursts.push(burst!)));
  return bursts;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** A fresh room with a host and a viewer, both loaded. */
async function room() {
  roomCount += 1;
  const hostSide = open(relay.token({ sub: `host${roomCount}`, role: 'host' }));
  const viewerSide = open();
  const host = await store(hostSide.connection);
  const viewer = await store(viewerSide.connection);
  return { host, viewer, hostSide, viewerSide };
}

describe('reactions store', () => {
  it('loads the room’s emoji set, which a host may change', async () => {
    const { host, viewer } = await room();
    assert.equal(viewer.channel, `room${roomCount}/reactions`);
    assert.deepEqual(viewer.$emojis.get(), REACTIONS_DEFAULTS.emojis);
    await assert.rejects(viewer.setEmojis(['🎉']), { code: 'forbidden' });
    await host.setEmojis(['🎉', '❤️']);
    await until(viewer.$emojis, (emojis) => emojis.join() === '🎉,❤️');
    await assert.rejects(viewer.react('🔥'), { code: 'invalid' });
    await viewer.react('🎉');
  });

  it('publishes each burst once, and keeps totals', async () => {
    const { host, viewer } = await room();
    const bursts = animated(host);
    await viewer.react('❤️');
    await viewer.react('❤️');
    await viewer.react('🔥');
    await until(host.$totals, (totals) => sum(totals) === 3);
    assert.deepEqual(host.$totals.get(), { '❤️': 2, '🔥': 1 });
    assert.ok(bursts.length >= 1 && bursts.length <= 3, `${bursts.length} bursts`);
    const counted: Record<string, number> = {};
    for (const burst of bursts) {
      for (const [emoji, n] of Object.entries(burst.counts))
        counted[emoji] = (counted[emoji] ?? 0) + n;
    }
    assert.deepEqual(counted, host.$totals.get());
    assert.deepEqual(
      bursts.map((burst) => burst.id),
      bursts.map((_, i) => bursts[0].id + i),
      'ids grow by one',
    );
    assert.ok(bursts.every((burst) => Math.abs(burst.ts - Date.now()) < 2_000));
    // The sender sees the bursts too.
    await until(viewer.$totals, (totals) => sum(totals) === 3);
  });

  it('drops reactions beyond 8 per second', async () => {
    const { host, viewer, viewerSide } = await room();
    const results = await Promise.all(Array.from({ length: 20 }, () => viewer.react('👏')));
    assert.equal(results.filter(Boolean).length, REACTIONS_DEFAULTS.maxPerSecond);
    assert.equal(viewerSide.sockets.framesSent('op').length, REACTIONS_DEFAULTS.maxPerSecond);
    await until(host.$totals, (totals) => totals['👏'] === 8);
    assert.equal(await viewer.react('👏'), null, 'still within the second');
    await sleep(1_000);
    assert.ok(await viewer.react('👏'), 'a second later');
    await until(host.$totals, (totals) => totals['👏'] === 9);
  });

  it('does not queue a reaction while the connection is down', async () => {
    const { viewer, viewerSide } = await room();
    viewerSide.sockets.blocked = true;
    viewerSide.sockets.sockets.at(-1)!.terminate();
    await until(viewerSide.connection.$status, (status) => status === 'reconnecting');
    assert.equal(await viewer.react('❤️'), null);
    viewerSide.sockets.blocked = false;
    await until(viewerSide.connection.$status, (status) => status === 'open');
    await sleep(300);
    assert.equal(viewerSide.sockets.framesSent('op').length, 0);
  });

  it('counts bursts replayed after a reconnect but does not animate old ones', async () => {
    const { host, viewer, viewerSide } = await room();
    const bursts = animated(viewer);
    viewerSide.sockets.blocked = true;
    viewerSide.sockets.sockets.at(-1)!.terminate();
    await host.react('🔥');
    await host.react('🔥');
    await until(host.$totals, (totals) => totals['🔥'] === 2);
    await sleep(REACTIONS_DEFAULTS.freshMs + 200);

    const subsBefore = viewerSide.sockets.framesReceived('ok').length;
    viewerSide.sockets.blocked = false;
    await until(viewer.$totals, (totals) => totals['🔥'] === 2);
    const resumed = viewerSide.sockets
      .framesReceived('ok')
      .slice(subsBefore)
      .find((ok) => ok.ch === viewer.channel);
    assert.ok(resumed && resumed.replay! >= 1 && !resumed.reset, 'resumed with a replay');
    assert.equal(bursts.length, 0, 'old bursts are not animated');

    // A fresh burst after the reconnect animates.
    await host.react('😂');
    await waitFor(() => bursts.length === 1);
    assert.deepEqual(bursts[0].counts, { '😂': 1 });
  });

  it('does not animate old bursts that a later store on the connection catches up on', async () => {
    const { host, viewerSide } = await room();
    await host.react('👍');
    await sleep(REACTIONS_DEFAULTS.freshMs + 200);
    const late = createReactionsStore(viewerSide.connection, `room${roomCount}`);
    cleanup(() => late.destroy());
    const bursts = animated(late);
    await until(late.$totals, (totals) => totals['👍'] === 1);
    assert.deepEqual(bursts, []);
  });
});
