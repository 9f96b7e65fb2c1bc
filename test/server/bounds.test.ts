/**
 * Bounds on what hostile clients can make a relay hold in memory (audit of 2026-12-07): state
 * that grows with what clients name or send is capped, by refusing with a clear `err` or by
 * forgetting what nothing needs any more, never by losing something acknowledged.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { withRelay } from '../helpers/fresh-relay.js';
import { sleep, type Frame, type RawClient } from '../helpers/raw-client.js';
import type { RelayProcess } from '../helpers/relay.js';

const MAX_CHANNELS = 30;
/** How long a channel must be unused before the cap may unload it (`UNLOAD_UNUSED_MS`). */
const UNLOAD_UNUSED_MS = 1_000;

/** Subscribes, again after each `retryAfterMs` of a `rate_limited` refusal, until `ok`. */
async function subWhenServed(client: RawClient, ch: string): Promise<Frame> {
  for (let attempt = 0; ; attempt++) {
    const answer = await client.sub(ch);
    if (answer.t === 'ok' || answer.code !== 'rate_limited' || attempt === 20) return answer;
    await sleep(answer.retryAfterMs);
  }
}

/** Channels the relay holds in memory, as `/healthz` counts them. */
async function loadedChannels(relay: RelayProcess): Promise<number> {
  const response = await fetch(`${relay.httpUrl}/healthz`);
  return ((await response.json()) as { channels: number }).channels;
}

describe('channels in memory (--max-channels)', () => {
  // Idle channels would stay for ten minutes: only the cap can unload them within a test.
  const { relay, clients } = withRelay({
    args: ['--max-channels', String(MAX_CHANNELS), '--channel-idle-ms', '600000'],
  });
  let n = 0;
  const room = () => `bounds-${++n}`;
  // What earlier tests loaded may then be unloaded for the cap: each test starts from there.
  beforeEach(() => sleep(UNLOAD_UNUSED_MS + 100));
  const join = (sub: string, role: 'host' | 'audience' = 'audience') =>
    clients.join({ token: relay.token({ sub, name: sub, role, rooms: ['*'] }) });

  test('ops on ever new rooms never load more than --max-channels channels', async () => {
    const client = await join('roamer');
    const codes = new Set<string>();
    for (let i = 0; i < MAX_CHANNELS * 3; i++) {
      // An op the feature refuses still loads the channel and its room's chat; once the cap is
      // reached by channels used within the last second, a new one is refused instead.
      const answer = await client.op(`${room()}/qa`, 'upvote', { id: 'nothing' });
      assert.equal(answer.t, 'err');
      codes.add(answer.code);
      assert.ok((await loadedChannels(relay)) <= MAX_CHANNELS);
    }
    assert.ok(codes.has('not_found'));
    for (const code of codes) assert.ok(['not_found', 'rate_limited'].includes(code), code);
  });

  test('an idle channel unloaded for the cap loses nothing acknowledged', async () => {
    const host = await join('keeper', 'host');
    const kept = room();
    const sent = await host.op(`${kept}/chat`, 'send', { text: 'still here' });
    assert.equal(sent.t, 'ack');
    await sleep(UNLOAD_UNUSED_MS + 100);
    const roamer = await join('roamer-2');
    for (let i = 0; i < MAX_CHANNELS * 2; i++)
      await roamer.op(`${room()}/chat`, 'delete', { id: 'x' });
    assert.ok((await loadedChannels(relay)) <= MAX_CHANNELS);
    const reader = await join('reader');
    const ok = await subWhenServed(reader, `${kept}/chat`);
    assert.equal(ok.t, 'ok');
    assert.deepEqual(
      ok.snapshot.messages.map((m: { text: string }) => m.text),
      ['still here'],
    );
  });

  test('when every channel is in use, a new one is refused with rate_limited and details.limit; those in use go on', async () => {
    const host = await join('watcher', 'host');
    const held: string[] = [];
    // Each sub loads one chat channel (the room's guard is the channel itself).
    for (let i = 0; i < MAX_CHANNELS; i++) {
      const ch = `${room()}/chat`;
      const ok = await host.sub(ch);
      if (ok.t !== 'ok') break;
      held.push(ch);
    }
    assert.ok(held.length > 0 && held.length <= MAX_CHANNELS);
    const other = await join('latecomer');
    const refused = await other.sub(`${room()}/chat`);
    assert.equal(refused.t, 'err');
    assert.equal(refused.code, 'rate_limited');
    assert.ok(refused.retryAfterMs > 0);
    assert.equal(refused.details.limit, MAX_CHANNELS);
    const refusedOp = await other.op(`${room()}/chat`, 'send', { text: 'hello' });
    assert.equal(refusedOp.code, 'rate_limited');
    assert.equal(refusedOp.details.limit, MAX_CHANNELS);
    // A channel in use still works.
    const sent = await host.op(held[0], 'send', { text: 'on air' });
    assert.equal(sent.t, 'ack');
    assert.ok((await loadedChannels(relay)) <= MAX_CHANNELS);
    // Freed once unsubscribed: the next new channel is served.
    for (const ch of held) await host.request({ t: 'unsub', ch });
    const ok = await subWhenServed(other, `${room()}/chat`);
    assert.equal(ok.t, 'ok');
  });
});

/** Sends the ops in slices (the relay reads a socket 64 frames ahead), answers in order. */
async function ops(client: RawClient, ch: string, type: string, datas: object[]) {
  const answers: Frame[] = [];
  for (let i = 0; i < datas.length; i += 500) {
    const slice = datas.slice(i, i + 500).map((data) => client.op(ch, type, data));
    answers.push(...(await Promise.all(slice)));
  }
  return answers;
}

describe('chat restrictions per room', () => {
  const BANS_MAX = 10_000;
  const HIDDEN_MAX = 1_000;
  const { relay, clients } = withRelay({ args: ['--rate-limits', 'off'] });
  const join = (sub: string, role: 'host' | 'audience' = 'audience') =>
    clients.join({ token: relay.token({ sub, name: sub, role, rooms: ['*'] }) });

  /** A fresh host's snapshot of the chat. */
  async function staffView(ch: string): Promise<Frame> {
    const viewer = await join(`viewer-${Math.random().toString(36).slice(2)}`, 'host');
    const ok = await viewer.sub(ch);
    viewer.terminate();
    return ok.snapshot as Frame;
  }

  test(
    'at most 10,000 bans and timeouts in force: one more is conflict with details.limit and changes nothing; expired ones make room',
    { timeout: 120_000 },
    async () => {
      const ch = 'banned-many/chat';
      const host = await join('banner', 'host');
      const ids = Array.from({ length: BANS_MAX - 1 }, (_, i) => `u-${i}`);
      for (const answer of await ops(
        host,
        ch,
        'ban',
        ids.map((userId) => ({ userId })),
      )) {
        assert.equal(answer.t, 'ack');
      }
      // The last place: a timeout that ends in a second.
      assert.equal((await host.op(ch, 'timeout', { userId: 'brief', seconds: 1 })).t, 'ack');
      const refused = await host.op(ch, 'ban', { userId: 'one-more' });
      assert.equal(refused.t, 'err');
      assert.equal(refused.code, 'conflict');
      assert.deepEqual(refused.details, { field: 'userId', limit: BANS_MAX });
      assert.ok(!JSON.stringify(refused).includes('one-more'));
      const refusedTimeout = await host.op(ch, 'timeout', { userId: 'one-more', seconds: 60 });
      assert.equal(refusedTimeout.code, 'conflict');
      // A user banned already may be banned again (it replaces their ban).
      assert.equal((await host.op(ch, 'ban', { userId: 'u-5', minutes: 5 })).t, 'ack');
      let bans = (await staffView(ch)).bans as { userId: string }[];
      assert.equal(bans.length, BANS_MAX);
      assert.ok(!bans.some((ban) => ban.userId === 'one-more'));
      // The timeout's end makes room, as does an unban.
      await sleep(1_100);
      assert.equal((await host.op(ch, 'ban', { userId: 'one-more' })).t, 'ack');
      assert.equal((await host.op(ch, 'ban', { userId: 'two-more' })).code, 'conflict');
      assert.equal((await host.op(ch, 'unban', { userId: 'u-0' })).t, 'ack');
      assert.equal((await host.op(ch, 'ban', { userId: 'two-more' })).t, 'ack');
      bans = (await staffView(ch)).bans as { userId: string }[];
      assert.equal(bans.length, BANS_MAX);
    },
  );

  test('at most 1,000 hidden users: one more is conflict with details.limit and changes nothing', async () => {
    const ch = 'hidden-many/chat';
    const host = await join('hider', 'host');
    const ids = Array.from({ length: HIDDEN_MAX }, (_, i) => `h-${i}`);
    for (const answer of await ops(
      host,
      ch,
      'hide',
      ids.map((userId) => ({ userId })),
    )) {
      assert.equal(answer.t, 'ack');
    }
    const refused = await host.op(ch, 'hide', { userId: 'one-more' });
    assert.equal(refused.t, 'err');
    assert.equal(refused.code, 'conflict');
    assert.deepEqual(refused.details, { field: 'userId', limit: HIDDEN_MAX });
    // Hiding a hidden user again changes nothing and is fine.
    assert.equal((await host.op(ch, 'hide', { userId: 'h-1' })).t, 'ack');
    const hidden = (await staffView(ch)).hiddenUsers as string[];
    assert.equal(hidden.length, HIDDEN_MAX);
    assert.ok(!hidden.includes('one-more'));
    assert.equal((await host.op(ch, 'unhide', { userId: 'h-0' })).t, 'ack');
    assert.equal((await host.op(ch, 'hide', { userId: 'one-more' })).t, 'ack');
  });
});

describe('signals per connection (--max-channels-per-connection)', () => {
  const MAX = 5;
  const { relay, clients } = withRelay({ args: ['--max-channels-per-connection', String(MAX)] });
  const join = (sub: string) =>
    clients.join({ token: relay.token({ sub, name: sub, role: 'audience', rooms: ['*'] }) });

  test('a signal on one more distinct channel than the cap is forbidden with details.limit; the used ones still carry signals', async () => {
    const typist = await join('typist');
    const reader = await join('reader');
    // Each signal names a channel of its own: each was a per-user limiter kept for seconds.
    for (let i = 0; i < MAX - 1; i++)
      typist.send({ t: 'signal', ch: `sig-${i}/chat`, type: 'typing' });
    await reader.sub(`sig-0/chat`);
    typist.send({ t: 'signal', id: 'last', ch: 'sig-last/chat', type: 'typing' });
    typist.send({ t: 'signal', id: 'over', ch: 'sig-over/chat', type: 'typing' });
    const refused = await typist.next((f) => f.t === 'err' && f.id === 'over');
    assert.equal(refused.code, 'forbidden');
    assert.deepEqual(refused.details, { limit: MAX });
    assert.ok(!typist.frames.some((f) => f.t === 'err' && f.id === 'last'));
    // A channel used before still carries signals (after its limit's two seconds).
    await sleep(2_100);
    typist.send({ t: 'signal', ch: 'sig-0/chat', type: 'typing' });
    const heard = await reader.next((f) => f.t === 'signal' && f.ch === 'sig-0/chat');
    assert.equal(heard.from.id, 'typist');
  });
});
